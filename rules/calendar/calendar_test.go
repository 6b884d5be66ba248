package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
)

var d = facts.MustParseDate

// holidayDataDir finds the independent reference dataset (shared/data/holidays): from
// $GONGKAI_SHARED, else by walking up from the package directory.
func holidayDataDir(t *testing.T) string {
	t.Helper()
	if s := os.Getenv("GONGKAI_SHARED"); s != "" {
		dir := filepath.Join(s, "data", "holidays")
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("GONGKAI_SHARED=%s: %v", s, err)
		}
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data", "holidays")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skipf("reference holiday data not found: no shared/data/holidays above %s; set GONGKAI_SHARED to the shared directory to run the cross-check", wd)
	return ""
}

// referenceYear reads one YYYY.json of the reference dataset: date → isOffDay.
func referenceYear(t *testing.T, dir string, year int) map[facts.Date]bool {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("%d.json", year))
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("no reference file %s", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Year int `json:"year"`
		Days []struct {
			Name     string `json:"name"`
			Date     string `json:"date"`
			IsOffDay bool   `json:"isOffDay"`
		} `json:"days"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if file.Year != year {
		t.Fatalf("%s: year is %d", path, file.Year)
	}
	out := make(map[facts.Date]bool, len(file.Days))
	for _, day := range file.Days {
		dt, err := parseDate(day.Date)
		if err != nil {
			t.Fatalf("%s: %s: %v", path, day.Name, err)
		}
		out[dt] = day.IsOffDay
	}
	return out
}

// TestTableMatchesReference compares each announcement of the embedded table, day by day, with
// the independent dataset, spill-over days included.
func TestTableMatchesReference(t *testing.T) {
	dir := holidayDataDir(t)
	cal := Default()
	for _, year := range cal.Years() {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			want := referenceYear(t, dir, year)
			for x, off := range want {
				// A weekday marked "worked" says nothing a weekday does not already say: the
				// reference records 2020-02-03 (Monday), the day work resumed after the extended
				// 春节 2020. Our table lists only days that differ from the weekly pattern.
				if !off && !isWeekend(x) {
					t.Logf("reference lists %s (%s) as worked; redundant for a weekday, not compared", x, x.Weekday())
					delete(want, x)
				}
			}
			a, _ := cal.Announcement(year)
			got := make(map[facts.Date]bool)
			for _, x := range a.Holidays {
				got[x] = true
			}
			for _, x := range a.Workdays {
				got[x] = false
			}
			var diffs []string
			for _, x := range sortedDates(got, want) {
				g, inGot := got[x]
				w, inWant := want[x]
				switch {
				case !inWant:
					diffs = append(diffs, fmt.Sprintf("%s: table says %s, reference does not list it", x, offWord(g)))
				case !inGot:
					diffs = append(diffs, fmt.Sprintf("%s: reference says %s, table does not list it", x, offWord(w)))
				case g != w:
					diffs = append(diffs, fmt.Sprintf("%s: table says %s, reference says %s", x, offWord(g), offWord(w)))
				}
			}
			if len(diffs) > 0 {
				t.Errorf("calendar %d disagrees with %s/%d.json:\n%s", year, dir, year, strings.Join(diffs, "\n"))
			}
		})
	}
}

// TestIsWorkdayMatchesReference checks the merged calendar, every day of every known year,
// against the reference read independently (listed days as listed, others by weekday).
func TestIsWorkdayMatchesReference(t *testing.T) {
	dir := holidayDataDir(t)
	cal := Default()
	ref := make(map[facts.Date]bool)
	for _, year := range cal.Years() {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("%d.json", year))); err != nil {
			continue
		}
		for k, v := range referenceYear(t, dir, year) {
			ref[k] = v
		}
	}
	for _, year := range cal.Years() {
		for x := facts.D(year, time.January, 1); x.Year == year; x = x.AddDays(1) {
			want := !isWeekend(x)
			if off, ok := ref[x]; ok {
				want = !off
			}
			got, err := cal.IsWorkday(x)
			if err != nil || got != want {
				t.Errorf("IsWorkday(%s) = %v, %v; reference says %v", x, got, err, want)
			}
		}
	}
}

func TestDefaultYears(t *testing.T) {
	want := []int{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}
	if got := Default().Years(); !slices.Equal(got, want) {
		t.Errorf("Years() = %v, want %v", got, want)
	}
	for _, y := range want {
		a, ok := Default().Announcement(y)
		if !ok || !strings.Contains(a.Source, fmt.Sprintf("关于%d年部分节假日安排的通知", y)) {
			t.Errorf("Announcement(%d) source = %q", y, a.Source)
		}
	}
}

func TestIsWorkday(t *testing.T) {
	tests := []struct {
		date string
		want bool
		why  string
	}{
		{"2023-10-07", true, "调休 Saturday of 国庆 2023"},
		{"2023-10-08", true, "调休 Sunday of 国庆 2023"},
		{"2023-10-14", false, "ordinary Saturday"},
		{"2023-10-02", false, "国庆 Monday"},
		{"2023-09-28", true, "ordinary Thursday"},
		{"2022-12-31", false, "Saturday listed by the 2023 notice (元旦)"},
		{"2020-02-01", false, "make-up Saturday cancelled when 春节 2020 was extended"},
		{"2020-01-19", true, "make-up Sunday before 春节 2020"},
		{"2024-02-18", true, "make-up Sunday after 春节 2024"},
		{"2026-02-23", false, "last day of the nine-day 春节 2026"},
		{"2026-01-04", true, "make-up Sunday after 元旦 2026"},
		{"2019-05-03", false, "劳动节 2019 as amended to four days"},
	}
	for _, tt := range tests {
		got, err := Default().IsWorkday(d(tt.date))
		if err != nil || got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v (%s)", tt.date, got, err, tt.want, tt.why)
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
		why      string
	}{
		{"2023-09-27", "2023-10-09", 4, "国庆 2023: 09-28, 10-07 (Sat), 10-08 (Sun), 10-09"},
		{"2023-09-28", "2023-10-08", 2, "国庆 2023: only the 调休 weekend was worked"},
		{"2023-09-28", "2023-10-06", 0, "whole interval inside the break"},
		{"2023-10-06", "2023-10-07", 1, "调休 Saturday counted"},
		{"2024-02-09", "2024-02-19", 2, "春节 2024: 02-18 (Sun), 02-19"},
		{"2026-02-13", "2026-02-24", 2, "春节 2026: 02-14 (Sat), 02-24"},
		{"2020-01-23", "2020-02-03", 1, "春节 2020 extended: 02-01 not worked"},
		{"2022-12-30", "2023-01-03", 1, "元旦 2023 starting in 2022"},
		{"2018-12-31", "2019-01-03", 2, "from in an unknown year: only days after it count"},
		{"2023-05-10", "2023-05-10", 0, "same day"},
		{"2023-05-10", "2023-05-01", 0, "to before from"},
		{"2023-12-29", "2024-01-02", 1, "year boundary, both known"},
	}
	for _, tt := range tests {
		got, err := Default().WorkdaysBetween(d(tt.from), d(tt.to))
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, %v; want %d (%s)", tt.from, tt.to, got, err, tt.want, tt.why)
		}
	}
}

// TestNaiveWeekdaysWouldMisjudge pins down why the official calendar matters: counted in plain
// weekdays, a 国庆 2023 publication that met a 3-working-day deadline would look late.
func TestNaiveWeekdaysWouldMisjudge(t *testing.T) {
	from, to := d("2023-09-28"), d("2023-10-08")
	naive := 0
	for x := from.AddDays(1); !x.After(to); x = x.AddDays(1) {
		if !isWeekend(x) {
			naive++
		}
	}
	got, err := Default().WorkdaysBetween(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if got != 2 || naive != 6 {
		t.Errorf("official %d (want 2), naive weekdays %d (want 6)", got, naive)
	}
}

// TestWorkdaysBetweenAgreesWithDayByDay checks the prefix sums against a plain day-by-day count,
// over spans that start and end on every kind of day and cross year ends.
func TestWorkdaysBetweenAgreesWithDayByDay(t *testing.T) {
	cal := Default()
	start := d("2019-01-01")
	for i := 0; i < 365*8-40; i += 13 {
		from := start.AddDays(i)
		for _, span := range []int{1, 3, 20, 40, 400} {
			to := from.AddDays(span)
			if to.Year > 2026 {
				continue
			}
			want := 0
			for x := from.AddDays(1); !x.After(to); x = x.AddDays(1) {
				if w, _ := cal.IsWorkday(x); w {
					want++
				}
			}
			got, err := cal.WorkdaysBetween(from, to)
			if err != nil || got != want {
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; day by day %d", from, to, got, err, want)
			}
		}
	}
}

func TestUnknownYears(t *testing.T) {
	cal := Default()
	const msg2027 = "no official working-day calendar for 2027 (known: 2019–2026); add it under calendar: in rules.yaml"
	tests := []struct {
		name     string
		call     func() error
		wantYear int
	}{
		{"span into 2027", func() error { _, err := cal.WorkdaysBetween(d("2026-12-28"), d("2027-01-05")); return err }, 2027},
		{"span ending on 2027-01-01", func() error { _, err := cal.WorkdaysBetween(d("2026-12-31"), d("2027-01-01")); return err }, 2027},
		{"span from 2018", func() error { _, err := cal.WorkdaysBetween(d("2018-12-28"), d("2019-01-03")); return err }, 2018},
		{"span from 2030 to 2031", func() error { _, err := cal.WorkdaysBetween(d("2030-06-01"), d("2031-06-01")); return err }, 2030},
		{"IsWorkday 2031", func() error { _, err := cal.IsWorkday(d("2031-03-03")); return err }, 2031},
		{"IsWorkday 2018-12-30 (listed by the 2019 notice)", func() error { _, err := cal.IsWorkday(d("2018-12-30")); return err }, 2018},
		{"AddWorkdays into 2027", func() error { _, err := cal.AddWorkdays(d("2026-12-30"), 3); return err }, 2027},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ue *UnknownYearError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want *UnknownYearError", err)
			}
			if ue.Year != tt.wantYear {
				t.Errorf("Year = %d, want %d", ue.Year, tt.wantYear)
			}
			if tt.wantYear == 2027 && !strings.HasSuffix(err.Error(), msg2027) {
				t.Errorf("err = %q, want it to end with %q", err, msg2027)
			}
		})
	}
	if got := (&UnknownYearError{Year: 2031, Known: []int{2019, 2020, 2021, 2023, 2025, 2026}}).Error(); !strings.Contains(got, "(known: 2019–2021, 2023, 2025–2026)") {
		t.Errorf("gaps: %q", got)
	}
	if got := (&UnknownYearError{Year: 2031}).Error(); !strings.Contains(got, "(known: none)") {
		t.Errorf("empty: %q", got)
	}
}

func TestBadDates(t *testing.T) {
	cal := Default()
	if _, err := cal.IsWorkday(facts.Date{}); err == nil || !strings.Contains(err.Error(), "no date") {
		t.Errorf("zero date: %v", err)
	}
	if _, err := cal.WorkdaysBetween(d("2023-01-01"), facts.D(2023, time.February, 30)); err == nil || !strings.Contains(err.Error(), "2023-02-30 is not a valid date") {
		t.Errorf("2023-02-30: %v", err)
	}
	if _, err := cal.AddWorkdays(d("2023-01-01"), 0); err == nil {
		t.Error("AddWorkdays(n=0): no error")
	}
}

func TestAddWorkdays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2023-09-27", 3, "2023-10-08"}, // 09-28, 10-07 (Sat), 10-08 (Sun)
		{"2023-09-28", 1, "2023-10-07"}, // the 调休 Saturday
		{"2023-09-28", 3, "2023-10-09"},
		{"2024-02-08", 1, "2024-02-09"},
		{"2024-02-08", 2, "2024-02-18"}, // 调休 Sunday after 春节
		{"2023-10-13", 1, "2023-10-16"}, // ordinary weekend skipped
		{"2022-12-30", 1, "2023-01-03"}, // across 元旦 into the next year
		{"2023-09-27", 20, "2023-10-31"},
	}
	for _, tt := range tests {
		got, err := Default().AddWorkdays(d(tt.from), tt.n)
		if err != nil || got != d(tt.want) {
			t.Errorf("AddWorkdays(%s, %d) = %s, %v; want %s", tt.from, tt.n, got, err, tt.want)
			continue
		}
		if back, _ := Default().WorkdaysBetween(d(tt.from), got); back != tt.n {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, got, back, tt.n)
		}
	}
}

// year2027 is invented test data shaped like a notice; it is not the real 2027 calendar.
var year2027 = Year{
	Year:     2027,
	Holidays: append(dates("2026-12-31", "2027-01-01"), span("2027-02-06", 8)...),
	Workdays: dates("2027-02-20"),
	Source:   "test: invented 2027 notice",
}

func TestWithAddsYear(t *testing.T) {
	cal, err := Default().With(year2027)
	if err != nil {
		t.Fatal(err)
	}
	if got := cal.Years(); got[len(got)-1] != 2027 || len(got) != 9 {
		t.Errorf("Years() = %v", got)
	}
	// 2026-12-28 (Mon) → 2027-01-05 (Tue): 12-29, 12-30, then 01-04, 01-05; 12-31 is now a
	// holiday by the 2027 notice.
	if n, err := cal.WorkdaysBetween(d("2026-12-28"), d("2027-01-05")); err != nil || n != 4 {
		t.Errorf("WorkdaysBetween across 2027 = %d, %v; want 4", n, err)
	}
	if w, _ := cal.IsWorkday(d("2027-02-20")); !w {
		t.Error("2027-02-20 make-up Saturday not a workday")
	}
	// The default is untouched: no 2027, and 2026-12-31 still an ordinary Thursday.
	if _, err := Default().IsWorkday(d("2027-01-04")); err == nil {
		t.Error("Default() gained 2027")
	}
	if w, _ := Default().IsWorkday(d("2026-12-31")); !w {
		t.Error("Default() lost 2026-12-31 as a workday")
	}
}

func TestWithReplacesYear(t *testing.T) {
	// A replacement 2026 that keeps only 元旦: the whole old announcement goes, 春节 included.
	cal, err := Default().With(Year{Year: 2026, Holidays: dates("2026-01-01"), Source: "test: replacement"})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		date      string
		def, repl bool
	}{
		{"2026-02-16", false, true},  // 春节 Monday in the default only
		{"2026-01-04", true, false},  // make-up Sunday in the default only
		{"2026-01-02", false, true},  // Friday, off in the default only
		{"2026-01-01", false, false}, // off in both
	}
	for _, c := range checks {
		if got, _ := Default().IsWorkday(d(c.date)); got != c.def {
			t.Errorf("default %s = %v, want %v", c.date, got, c.def)
		}
		if got, _ := cal.IsWorkday(d(c.date)); got != c.repl {
			t.Errorf("replaced %s = %v, want %v", c.date, got, c.repl)
		}
	}
	if a, _ := cal.Announcement(2026); a.Source != "test: replacement" {
		t.Errorf("source = %q", a.Source)
	}
}

// TestWithReplacesSpillOver: replacing 2023 also withdraws 2022-12-31, which only the 2023
// notice listed; 2022 itself stays known.
func TestWithReplacesSpillOver(t *testing.T) {
	cal, err := Default().With(Year{Year: 2023, Holidays: dates("2023-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	// 2022-12-31 is a Saturday either way; check the merged lookup directly.
	if cal.kind[d("2022-12-31")] != 0 {
		t.Error("2022-12-31 still listed after replacing 2023")
	}
	if Default().kind[d("2022-12-31")] != holiday {
		t.Error("default lost 2022-12-31")
	}
}

func TestWithErrors(t *testing.T) {
	tests := []struct {
		name  string
		years []Year
		want  []string // each line of the error, exactly
	}{
		{
			"both holiday and workday",
			[]Year{{Year: 2027, Holidays: dates("2027-01-01", "2027-02-13"), Workdays: dates("2027-02-13")}},
			[]string{"calendar 2027: 2027-02-13 is both a holiday and a workday"},
		},
		{
			"make-up day on a weekday, also a holiday",
			[]Year{{Year: 2027, Holidays: dates("2027-02-08"), Workdays: dates("2027-02-08")}},
			[]string{
				"calendar 2027: 2027-02-08 is a Monday; a make-up workday must be a Saturday or Sunday",
				"calendar 2027: 2027-02-08 is both a holiday and a workday",
			},
		},
		{
			"outside the year's reach",
			[]Year{{Year: 2027, Holidays: dates("2027-01-01", "2026-10-01", "2028-02-01")}},
			[]string{
				"calendar 2027: 2026-10-01 is outside 2027 (an announcement may reach only into December 2026 or January 2028)",
				"calendar 2027: 2028-02-01 is outside 2027 (an announcement may reach only into December 2026 or January 2028)",
			},
		},
		{
			"listed twice",
			[]Year{{Year: 2027, Holidays: dates("2027-01-01", "2027-01-01")}},
			[]string{"calendar 2027: 2027-01-01 is listed twice as a holiday"},
		},
		{
			"no holidays",
			[]Year{{Year: 2027, Workdays: dates("2027-02-20")}},
			[]string{"calendar 2027: no holidays listed"},
		},
		{
			"invalid date",
			[]Year{{Year: 2027, Holidays: []facts.Date{facts.D(2027, time.February, 29)}}},
			[]string{"calendar 2027: holiday 2027-02-29 is not a valid date"},
		},
		{
			"year given twice",
			[]Year{year2027, year2027},
			[]string{"calendar 2027: given twice"},
		},
		{
			"invalid year",
			[]Year{{Holidays: dates("2027-01-01")}},
			[]string{"calendar 0: not a valid year"},
		},
		{
			"spill-over contradicts the neighbouring notice",
			// 2026-01-04 is a make-up Sunday in the 2026 notice.
			[]Year{{Year: 2025, Holidays: dates("2025-01-01", "2026-01-04")}},
			[]string{"calendar 2026: 2026-01-04 is a workday, but the 2025 announcement lists it as a holiday"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := Default().With(tt.years...)
			if err == nil {
				t.Fatalf("no error; years %v", cal.Years())
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseNotices(t *testing.T) {
	good := `
- year: 2027
  source: test
  festivals:
    - {name: 元旦, off: 2027-01-01}
    - {name: 春节, off: 2027-02-06..2027-02-13, days: 8, work: [2027-02-20]}
`
	years, err := ParseNotices([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 1 || len(years[0].Holidays) != 9 || !slices.Equal(years[0].Workdays, dates("2027-02-20")) {
		t.Errorf("got %+v", years)
	}

	bad := []struct {
		name, src, want string
	}{
		{"days mismatch", "- {year: 2027, festivals: [{name: 春节, off: 2027-02-06..2027-02-13, days: 7}]}",
			"calendar 2027: 春节: off: 2027-02-06..2027-02-13 is 8 days, but days says 7"},
		{"reversed range", "- {year: 2027, festivals: [{name: 春节, off: 2027-02-13..2027-02-06}]}",
			`calendar 2027: 春节: off: "2027-02-13..2027-02-06" ends before it starts`},
		{"runaway range", "- {year: 2027, festivals: [{name: 春节, off: 2027-02-06..2027-12-13}]}",
			`calendar 2027: 春节: off: "2027-02-06..2027-12-13" is 311 days long; no break is longer than 31`},
		{"loose date", "- {year: 2027, festivals: [{name: 春节, off: 2027-02-06, work: [2027年2月20日]}]}",
			`calendar 2027: 春节: work: bad date "2027年2月20日" (want YYYY-MM-DD)`},
		{"missing off", "- {year: 2027, festivals: [{name: 春节}]}",
			"calendar 2027: 春节: off: missing (want YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)"},
		{"unknown field", "- {year: 2027, festivals: [{name: 春节, of: 2027-02-06}]}",
			`unknown field "of"`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseNotices([]byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func BenchmarkWorkdaysBetweenOneYear(b *testing.B) {
	cal := Default()
	from, to := d("2023-03-15"), d("2024-03-15")
	for b.Loop() {
		if _, err := cal.WorkdaysBetween(from, to); err != nil {
			b.Fatal(err)
		}
	}
}

func dates(ss ...string) []facts.Date {
	out := make([]facts.Date, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

func span(first string, n int) []facts.Date {
	out := make([]facts.Date, n)
	for i := range out {
		out[i] = d(first).AddDays(i)
	}
	return out
}

func isWeekend(x facts.Date) bool {
	wd := x.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func offWord(off bool) string {
	if off {
		return "off"
	}
	return "worked"
}

func sortedDates(ms ...map[facts.Date]bool) []facts.Date {
	var out []facts.Date
	for _, m := range ms {
		for k := range m {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, facts.Date.Compare)
	return slices.Compact(out)
}
