package facts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Shanghai is the time zone every date judgement is made in.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		// No tzdata on the machine: China has had no DST since 1991, a fixed zone is exact.
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// Date is a civil date (no time of day, no zone). The zero Date means "absent".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date; it is meant for tests and tables.
func D(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf returns the civil date of t in Asia/Shanghai.
func DateOf(t time.Time) Date {
	t = t.In(Shanghai)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Today is the current date in Asia/Shanghai.
func Today() Date { return DateOf(time.Now()) }

func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight of d in Asia/Shanghai.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Shanghai) }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AddDays returns d shifted by n calendar days.
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Weekday of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// DaysUntil is the number of calendar days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(o.Year, o.Month, o.Day, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Round(time.Hour).Hours() / 24)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" {
		*d = Date{}
		return nil
	}
	v, ok := ParseDate(s)
	if !ok {
		return fmt.Errorf("invalid date %q (want YYYY-MM-DD)", s)
	}
	*d = v
	return nil
}

// MustParseDate parses s with ParseDate and panics on failure; for tests and tables.
func MustParseDate(s string) Date {
	d, ok := ParseDate(s)
	if !ok {
		panic("facts: bad date " + s)
	}
	return d
}

var dateRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:日|号)?`)
var compactDateRe = regexp.MustCompile(`^((?:19|20)\d{2})(\d{2})(\d{2})$`)

// ParseDate reads the first date in s in any of the forms government sites use:
// 2023-05-30, 2023年5月30日, 2023/05/30 09:30, 2023.05.30, 2023 年 05 月 30 日, 20230530.
// It reports false when s holds no valid calendar date.
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u3000", " "))
	if m := compactDateRe.FindStringSubmatch(s); m != nil {
		return mkDate(m[1], m[2], m[3])
	}
	for _, m := range dateRe.FindAllStringSubmatch(s, -1) {
		if d, ok := mkDate(m[1], m[2], m[3]); ok {
			return d, true
		}
	}
	return Date{}, false
}

// FindDates returns every valid date in s, in order.
func FindDates(s string) []Date {
	var out []Date
	for _, m := range dateRe.FindAllStringSubmatch(s, -1) {
		if d, ok := mkDate(m[1], m[2], m[3]); ok {
			out = append(out, d)
		}
	}
	return out
}

func mkDate(ys, ms, ds string) (Date, bool) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2023-02-30
		return Date{}, false
	}
	return Date{y, time.Month(m), d}, true
}
