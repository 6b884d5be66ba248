package calendar

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/gongkai/gongkai/facts"
)

// Notice is the YAML form of one year's announcement, written festival by festival the way the
// notice reads, so that a maintainer can type a new year in from the text and a reviewer can
// check it line by line. cn_official.yaml is a list of them; rules.yaml can embed the same list
// under calendar:.
type Notice struct {
	Year      int        `yaml:"year"`
	Source    string     `yaml:"source"`
	Festivals []Festival `yaml:"festivals"`
}

// Festival is one numbered item of a notice, e.g.
// "春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。".
type Festival struct {
	Name string `yaml:"name"`
	// Off is the break: "2026-02-15..2026-02-23" (both ends included) or a single date.
	Off string `yaml:"off"`
	// Days is the notice's 共N天; optional, checked against Off to catch a mistyped end.
	Days int `yaml:"days"`
	// Work lists the 调休 make-up days (上班), YYYY-MM-DD.
	Work []string `yaml:"work"`
}

// Expand turns the notice into a Year. It checks the notation only; With checks the dates.
func (n Notice) Expand() (Year, error) {
	y := Year{Year: n.Year, Source: n.Source}
	var errs []error
	for i, f := range n.Festivals {
		name := f.Name
		if name == "" {
			name = fmt.Sprintf("festival #%d", i+1)
		}
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("calendar %d: %s: %s", n.Year, name, fmt.Sprintf(format, args...)))
		}
		off, err := expandRange(f.Off)
		if err != nil {
			fail("off: %v", err)
		} else if f.Days != 0 && f.Days != len(off) {
			fail("off: %s is %d days, but days says %d", f.Off, len(off), f.Days)
		}
		y.Holidays = append(y.Holidays, off...)
		for _, s := range f.Work {
			d, err := parseDate(s)
			if err != nil {
				fail("work: %v", err)
				continue
			}
			y.Workdays = append(y.Workdays, d)
		}
	}
	return y, errors.Join(errs...)
}

// longestBreak bounds a range so that a mistyped month ("2026-02-15..2026-12-23") is an error
// instead of a year of holidays. The longest break so far was 10 days (春节 2020, extended).
const longestBreak = 31

func expandRange(s string) ([]facts.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("missing (want YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)")
	}
	a, b, isRange := strings.Cut(s, "..")
	first, err := parseDate(a)
	if err != nil {
		return nil, err
	}
	last := first
	if isRange {
		if last, err = parseDate(b); err != nil {
			return nil, err
		}
	}
	n := first.DaysUntil(last) + 1
	switch {
	case n < 1:
		return nil, fmt.Errorf("%q ends before it starts", s)
	case n > longestBreak:
		return nil, fmt.Errorf("%q is %d days long; no break is longer than %d", s, n, longestBreak)
	}
	out := make([]facts.Date, n)
	for i := range out {
		out[i] = first.AddDays(i)
	}
	return out, nil
}

// parseDate accepts exactly YYYY-MM-DD: this is a reference table, and the lenient
// facts.ParseDate would accept "2026-02-15 周日" or "2026年2月15日" alike.
func parseDate(s string) (facts.Date, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return facts.Date{}, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
	}
	return facts.D(t.Year(), t.Month(), t.Day()), nil
}

// ParseNotices decodes a YAML list of notices (the format of cn_official.yaml) strictly: unknown
// fields are errors, with the line and column.
func ParseNotices(src []byte) ([]Year, error) {
	var ns []Notice
	if err := yaml.UnmarshalWithOptions(src, &ns, yaml.Strict()); err != nil {
		return nil, err
	}
	years := make([]Year, 0, len(ns))
	var errs []error
	for _, n := range ns {
		y, err := n.Expand()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		years = append(years, y)
	}
	return years, errors.Join(errs...)
}

//go:embed cn_official.yaml
var officialYAML []byte

// loadDefault parses the embedded table once. A broken table is a build defect caught by the
// tests, hence the panic rather than an error every caller would have to handle.
var loadDefault = sync.OnceValue(func() *Calendar {
	years, err := ParseNotices(officialYAML)
	if err != nil {
		panic("calendar: cn_official.yaml: " + err.Error())
	}
	c, err := New(years...)
	if err != nil {
		panic("calendar: cn_official.yaml: " + err.Error())
	}
	return c
})

// Default returns the embedded official calendar (2019–2026). The value is shared and must be
// extended with With, which copies.
func Default() *Calendar { return loadDefault() }
