// Package calendar is the working-day calendar behind every deadline rule ("解读 within 3
// working days", "published more than 20 working days after 成文日期").
//
// Working days follow the calendar the 国务院办公厅 announces each year (关于YYYY年部分节假日安排的
// 通知): statutory days off are not working days, 调休 make-up days (a Saturday or Sunday that
// is worked) are, and every other Saturday and Sunday is not. Weekdays alone would misjudge
// exactly the documents the rules care about: those signed just before a long holiday.
//
// The calendar is data, not an algorithm: a year is known only once its notice has been typed in
// (cn_official.yaml, or calendar: in rules.yaml between releases). Any question about a date in an
// unknown year is answered with *UnknownYearError, never with a weekday guess, so that a rule can
// report its judgement as undetermined instead of wrong.
package calendar

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Year is one year's announcement: every statutory day off and every make-up working day.
//
// Holidays lists the days off as the notice gives them, including weekend days inside a break
// (春节 2月15日至23日 contains two weekends); a weekend merely adjoining a holiday need not be
// listed. Workdays lists the 调休 days, each a Saturday or Sunday.
//
// A notice may reach into the neighbouring year: the 2023 notice put 元旦 on 2022-12-31 to
// 2023-01-02. Such spill-over days are keyed by their real date and stay with the announcement
// that listed them (Year 2023 holds 2022-12-31): they are answered from it, are replaced along
// with it, and do not make the neighbouring year known. Only December of Year-1 and January of
// Year+1 are accepted, so that a mistyped year is caught rather than silently changing another
// year.
type Year struct {
	Year     int
	Holidays []facts.Date
	Workdays []facts.Date
	Source   string // the notice, e.g. 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）
}

// Calendar answers working-day questions for the years it knows. It is immutable once built and
// safe for concurrent use; With returns a new Calendar.
type Calendar struct {
	years map[int]Year
	// kind holds every day some announcement lists; any other day of a known year is a
	// working day exactly when it falls on Monday to Friday.
	kind map[facts.Date]dayKind
	// cum[y][i] is the number of working days among the first i days of known year y, so that
	// counting over a span costs one subtraction per year rather than one lookup per day.
	cum map[int][]int32
}

type dayKind uint8

const (
	holiday dayKind = iota + 1
	makeUpDay
)

func (k dayKind) String() string {
	if k == holiday {
		return "holiday"
	}
	return "workday"
}

// UnknownYearError reports a date in a year for which no official calendar is loaded.
type UnknownYearError struct {
	Year  int
	Known []int // the years the calendar does know, sorted
}

func (e *UnknownYearError) Error() string {
	return fmt.Sprintf("no official working-day calendar for %d (known: %s); add it under calendar: in rules.yaml",
		e.Year, formatYears(e.Known))
}

// formatYears writes runs of consecutive years as ranges: "2019–2026, 2028".
func formatYears(ys []int) string {
	if len(ys) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(ys[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", ys[i], ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// New builds a calendar from the given announcements only, without the embedded default.
func New(years ...Year) (*Calendar, error) {
	return (&Calendar{}).With(years...)
}

// With returns a copy of c with the given years added, or replaced when c already has them (an
// announcement in rules.yaml supersedes the embedded one). c itself is not changed.
//
// Every problem found is reported, one per line, each naming the year: a make-up day that is
// not a Saturday or Sunday, a day both off and worked, a day listed twice, a day outside the
// year's reach, a year with no holidays, or a day two announcements disagree on.
func (c *Calendar) With(years ...Year) (*Calendar, error) {
	next := make(map[int]Year, len(c.years)+len(years))
	maps.Copy(next, c.years)

	var errs []error
	seen := make(map[int]bool, len(years))
	for _, y := range years {
		if seen[y.Year] {
			errs = append(errs, fmt.Errorf("calendar %d: given twice", y.Year))
			continue
		}
		seen[y.Year] = true
		if err := y.validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		next[y.Year] = y.clone()
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return build(next)
}

// validate checks one announcement on its own; build checks announcements against each other.
func (y Year) validate() error {
	if y.Year < 1 || y.Year > 9999 {
		return fmt.Errorf("calendar %d: not a valid year", y.Year)
	}
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("calendar %d: "+format, append([]any{y.Year}, args...)...))
	}
	if len(y.Holidays) == 0 {
		// Every year has weekday holidays; an empty list is a mistake, not a year without them.
		fail("no holidays listed")
	}
	first, last := facts.D(y.Year-1, time.December, 1), facts.D(y.Year+1, time.January, 31)
	check := func(d facts.Date, what string, seen map[facts.Date]bool) bool {
		switch {
		case !valid(d):
			fail("%s %s is not a valid date", what, fmtDate(d))
			return false
		case d.Before(first) || d.After(last):
			fail("%s is outside %d (an announcement may reach only into December %d or January %d)",
				d, y.Year, y.Year-1, y.Year+1)
			return false
		case seen[d]:
			fail("%s is listed twice as a %s", d, what)
			return false
		}
		seen[d] = true
		return true
	}
	off := make(map[facts.Date]bool, len(y.Holidays))
	for _, d := range y.Holidays {
		// Holidays may fall on any day of the week: a break includes the weekends inside it.
		check(d, "holiday", off)
	}
	work := make(map[facts.Date]bool, len(y.Workdays))
	for _, d := range y.Workdays {
		if !check(d, "workday", work) {
			continue
		}
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			fail("%s is a %s; a make-up workday must be a Saturday or Sunday", d, wd)
		}
		if off[d] {
			fail("%s is both a holiday and a workday", d)
		}
	}
	return errors.Join(errs...)
}

func (y Year) clone() Year {
	y.Holidays = slices.Clone(y.Holidays)
	y.Workdays = slices.Clone(y.Workdays)
	return y
}

// build merges validated announcements into one calendar.
func build(years map[int]Year) (*Calendar, error) {
	c := &Calendar{years: years, kind: make(map[facts.Date]dayKind), cum: make(map[int][]int32, len(years))}
	from := make(map[facts.Date]int) // which announcement set kind[d], to name it on conflict

	var errs []error
	for _, yr := range slices.Sorted(maps.Keys(years)) {
		y := years[yr]
		set := func(d facts.Date, k dayKind) {
			if prev, ok := c.kind[d]; ok && prev != k {
				errs = append(errs, fmt.Errorf("calendar %d: %s is a %s, but the %d announcement lists it as a %s",
					yr, d, k, from[d], prev))
				return
			}
			c.kind[d] = k
			from[d] = yr
		}
		for _, d := range y.Holidays {
			set(d, holiday)
		}
		for _, d := range y.Workdays {
			set(d, makeUpDay)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// Prefix sums are built after every announcement is merged, because a year's last days may
	// come from the next year's notice.
	for yr := range years {
		d := facts.D(yr, time.January, 1)
		n := daysIn(yr)
		cum := make([]int32, n+1)
		for i := range n {
			cum[i+1] = cum[i]
			if c.workday(d) {
				cum[i+1]++
			}
			d = d.AddDays(1)
		}
		c.cum[yr] = cum
	}
	return c, nil
}

// Years returns the years the calendar knows, sorted.
func (c *Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.years))
}

// Announcement returns the announcement loaded for year y, for citing it in evidence.
func (c *Calendar) Announcement(y int) (Year, bool) {
	a, ok := c.years[y]
	return a.clone(), ok
}

// IsWorkday reports whether d is a working day. It fails with *UnknownYearError when d's year
// has no announcement, even if a neighbouring notice happens to list d.
func (c *Calendar) IsWorkday(d facts.Date) (bool, error) {
	if err := checkDate(d); err != nil {
		return false, err
	}
	if err := c.need(d.Year); err != nil {
		return false, err
	}
	return c.workday(d), nil
}

// workday answers for a day of a known year.
func (c *Calendar) workday(d facts.Date) bool {
	switch c.kind[d] {
	case holiday:
		return false
	case makeUpDay:
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// WorkdaysBetween counts working days in the half-open interval (from, to]: the working days
// that elapsed after from, up to and including to. It is 0 when to is not after from.
//
// This is the measure of "published N working days after signing": a document signed on
// 2023-09-27 and published on 2023-10-09 took 4 working days (09-28, the 调休 Saturday 10-07
// and Sunday 10-08, and 10-09), not the 8 weekdays a plain count would give.
//
// Only the years of the days counted must be known: from itself may lie in an unknown year
// when the interval starts on its last day.
func (c *Calendar) WorkdaysBetween(from, to facts.Date) (int, error) {
	for _, d := range []facts.Date{from, to} {
		if err := checkDate(d); err != nil {
			return 0, err
		}
	}
	if !to.After(from) {
		return 0, nil
	}
	start := from.AddDays(1)
	for yr := start.Year; yr <= to.Year; yr++ {
		if err := c.need(yr); err != nil {
			return 0, err
		}
	}
	n := 0
	for yr := start.Year; yr <= to.Year; yr++ {
		cum := c.cum[yr]
		lo, hi := 0, len(cum)-1
		if yr == start.Year {
			lo = yearDay(start) - 1
		}
		if yr == to.Year {
			hi = yearDay(to)
		}
		n += int(cum[hi] - cum[lo])
	}
	return n, nil
}

// AddWorkdays returns the n-th working day after d (n >= 1): the last day of the deadline
// "within n working days" counted from d. WorkdaysBetween(d, AddWorkdays(d, n)) == n.
func (c *Calendar) AddWorkdays(d facts.Date, n int) (facts.Date, error) {
	if err := checkDate(d); err != nil {
		return facts.Date{}, err
	}
	if n < 1 {
		return facts.Date{}, fmt.Errorf("calendar: %d working days after %s: n must be at least 1", n, d)
	}
	cur, left, checked := d, n, 0
	for left > 0 {
		cur = cur.AddDays(1)
		if cur.Year != checked {
			if err := c.need(cur.Year); err != nil {
				return facts.Date{}, fmt.Errorf("%d working days after %s: %w", n, d, err)
			}
			checked = cur.Year
		}
		if c.workday(cur) {
			left--
		}
	}
	return cur, nil
}

// need fails unless year yr is known.
func (c *Calendar) need(yr int) error {
	if _, ok := c.years[yr]; !ok {
		return &UnknownYearError{Year: yr, Known: c.Years()}
	}
	return nil
}

// checkDate rejects the zero Date (facts uses it for "absent") and impossible dates, which would
// otherwise surface as a puzzling unknown year 0 or be silently normalised.
func checkDate(d facts.Date) error {
	if d.IsZero() {
		return errors.New("calendar: no date given")
	}
	if !valid(d) {
		return fmt.Errorf("calendar: %s is not a valid date", fmtDate(d))
	}
	return nil
}

func valid(d facts.Date) bool { return d.Year >= 1 && d.Year <= 9999 && d.AddDays(0) == d }

// fmtDate prints any Date, also the invalid ones facts.Date.String would normalise or hide.
func fmtDate(d facts.Date) string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

func yearDay(d facts.Date) int {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).YearDay()
}

func daysIn(yr int) int {
	return yearDay(facts.D(yr, time.December, 31))
}
