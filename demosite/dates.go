package demosite

import (
	"fmt"
	"time"
)

// Dates in the tables are ISO strings ("2025-03-10"); pages show them in the forms real
// sites use.

var cst = time.FixedZone("CST", 8*3600)

func parseDate(s string) (time.Time, error) { return time.ParseInLocation("2006-01-02", s, cst) }

func mustDate(s string) time.Time {
	t, err := parseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// cnDate: 2025年3月3日 (signatures, prose).
func cnDate(s string) string {
	t := mustDate(s)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// cnDatePadded: 2025年03月03日 (Handan and gov.cn info boxes).
func cnDatePadded(s string) string {
	t := mustDate(s)
	return fmt.Sprintf("%d年%02d月%02d日", t.Year(), int(t.Month()), t.Day())
}

// compact: 20250303 (TRS file names).
func compact(s string) string { return s[0:4] + s[5:7] + s[8:10] }
