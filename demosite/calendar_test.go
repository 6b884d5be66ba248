package demosite

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// officialCalendar is the 国务院办公厅 holiday arrangement from shared/data/holidays:
// date → true (off) / false (调休 working day). Other dates: Mon–Fri work.
type officialCalendar map[string]bool

// holidaysDir finds shared/data/holidays: $GONGKAI_SHARED/data/holidays, or by walking up
// from the working directory.
func holidaysDir() string {
	if s := os.Getenv("GONGKAI_SHARED"); s != "" {
		if d := filepath.Join(s, "data", "holidays"); isDir(d) {
			return d
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if d := filepath.Join(dir, "shared", "data", "holidays"); isDir(d) {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func loadCalendar(t *testing.T) officialCalendar {
	t.Helper()
	dir := holidaysDir()
	if dir == "" {
		t.Skip("shared/data/holidays not found (set GONGKAI_SHARED)")
	}
	cal := officialCalendar{}
	for y := 2023; y <= 2026; y++ {
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%d.json", y)))
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Days []struct {
				Date     string `json:"date"`
				IsOffDay bool   `json:"isOffDay"`
			} `json:"days"`
		}
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Days {
			cal[d.Date] = d.IsOffDay
		}
	}
	return cal
}

func (c officialCalendar) working(d time.Time) bool {
	if off, ok := c[d.Format("2006-01-02")]; ok {
		return !off
	}
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// workDays counts working days in (a, b].
func (c officialCalendar) workDays(a, b string) int {
	n := 0
	for d, end := mustDate(a), mustDate(b); d.Before(end); {
		d = d.AddDate(0, 0, 1)
		if c.working(d) {
			n++
		}
	}
	return n
}

// TestCalendarFacts pins the dates the planted cases rely on to the official data.
func TestCalendarFacts(t *testing.T) {
	cal := loadCalendar(t)
	for date, working := range map[string]bool{
		"2024-09-29": true, "2024-10-01": false, "2024-10-07": false, "2024-10-12": true, // 国庆 2024
		"2025-01-01": false,                                                              // 元旦 2025
		"2025-01-26": true, "2025-01-28": false, "2025-02-04": false, "2025-02-08": true, // 春节 2025
		"2025-04-27": true, "2025-05-01": false, "2025-05-05": false, // 劳动节 2025
		"2025-09-28": true, "2025-10-01": false, "2025-10-08": false, "2025-10-11": true, // 国庆中秋 2025
		"2026-02-14": true, "2026-02-15": false, "2026-02-23": false, "2026-02-28": true, // 春节 2026
		"2024-04-28": true, "2024-05-01": false, "2024-05-05": false, "2024-05-11": true, // 劳动节 2024
	} {
		if got := cal.working(mustDate(date)); got != working {
			t.Errorf("%s: working=%v, official data says %v", date, got, working)
		}
	}
}

var timingNoteRE = regexp.MustCompile(`^成文 (\d{4}-\d{2}-\d{2}), 发布 (\d{4}-\d{2}-\d{2}): (\d+) working days ([≤>]) (\d+)`)

// TestTimingExpectations recomputes every planted timing case with the official
// calendar: the count in the Note, the verdict, and the dates shown on the page.
func TestTimingExpectations(t *testing.T) {
	cal := loadCalendar(t)
	s := getSite()
	n := 0
	for _, b := range s.docs {
		for _, pl := range b.Expect {
			limit, timed := timingLimit[pl.Rule]
			if !timed {
				continue
			}
			if pl.WorkDays < 0 {
				// An undeterminable case: the page must show no 成文日期 …
				if b.Written != "" && b.WrittenRow == rowShown {
					t.Errorf("%s %s: planted as undetermined but shows 成文日期 %s", pl.Rule, b.Path, b.Written)
				}
				if pl.Violation {
					t.Errorf("%s %s: an undetermined case cannot be a violation", pl.Rule, b.Path)
				}
				// … and the date a reader could still find (commented row, signature)
				// must be on time, so no reasonable reading makes it a violation.
				for _, d := range []string{b.Written, b.SignDate} {
					if d != "" && cal.workDays(d, b.Pub) > limit {
						t.Errorf("%s %s: hidden date %s is %d working days before 发布", pl.Rule, b.Path, d, cal.workDays(d, b.Pub))
					}
				}
				continue
			}
			n++
			if b.Written == "" || b.WrittenRow != rowShown {
				t.Errorf("%s %s: timing case without a visible 成文日期", pl.Rule, b.Path)
				continue
			}
			got := cal.workDays(b.Written, b.Pub)
			if got != pl.WorkDays {
				t.Errorf("%s %s: 成文 %s → 发布 %s is %d working days by the official calendar, the plant says %d",
					pl.Rule, b.Path, b.Written, b.Pub, got, pl.WorkDays)
			}
			if want := got > limit; pl.Violation != want {
				t.Errorf("%s %s: %d working days (limit %d) but Violation=%v", pl.Rule, b.Path, got, limit, pl.Violation)
			}
		}
	}
	// The Notes users read say the same.
	for _, e := range Expectations() {
		if _, timed := timingLimit[e.Rule]; !timed {
			continue
		}
		m := timingNoteRE.FindStringSubmatch(e.Note)
		if m == nil {
			continue // undetermined cases explain themselves
		}
		days, _ := strconv.Atoi(m[3])
		if got := cal.workDays(m[1], m[2]); got != days {
			t.Errorf("%s %s: Note says %d working days, the calendar %d", e.Rule, e.Path, days, got)
		}
		if (m[4] == ">") != e.Violation {
			t.Errorf("%s %s: Note verdict %q disagrees with Violation=%v", e.Rule, e.Path, m[4], e.Violation)
		}
	}
	if n < 8 {
		t.Errorf("only %d timing cases with dates", n)
	}
}

// TestBackgroundTiming: a page without a timing plant must be on time, so any finding of
// the timing rules outside the planted violations is a false positive.
func TestBackgroundTiming(t *testing.T) {
	cal := loadCalendar(t)
	s := getSite()
	for _, b := range s.docs {
		if b.Written == "" || b.WrittenRow != rowShown {
			continue
		}
		got := cal.workDays(b.Written, b.Pub)
		planted := map[string]bool{}
		for _, pl := range b.Expect {
			if pl.Violation {
				planted[pl.Rule] = true
			}
		}
		if isRegdocColumn(b.Col.Key) && got > timingLimit[ruleRegdocPublishTimely] && !planted[ruleRegdocPublishTimely] {
			t.Errorf("%s (%s): 规范性文件 %d working days after 成文 without a planted regdoc-publish-timely violation", b.Key, b.Path, got)
		}
		if got > timingLimit[ruleProactiveTimely] && !planted[ruleProactiveTimely] {
			t.Errorf("%s (%s): %d working days after 成文 without a planted proactive-timely violation", b.Key, b.Path, got)
		}
	}
}

func isRegdocColumn(key string) bool { return key == "gfxwj" || key == "bmgfxwj" }
