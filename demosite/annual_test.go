package demosite

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/rules/annualreport"
)

// TestAnnualPlants reads every 年报 of the demo with the rules' own parser and checks that
// each plant says what the page shows: a planted arithmetic violation has failing
// identities and a look-alike none (nor blanks); a planted sections violation lacks a
// section or has a 五 of only 无; the planted duplicate repeats its predecessor.
func TestAnnualPlants(t *testing.T) {
	reports := append(append([]annualReport(nil), annualReports...), deptAnnualReports...)
	u, _ := url.Parse("http://" + siteDomain + "/zwgk/zfxxgknb/t.html")
	text := map[string]string{}
	for _, r := range reports {
		page := `<html><head><meta charset="utf-8"><title>年报</title></head><body><div class="TRS_Editor">` + string(r.render()) + `</div></body></html>`
		res, err := extract.HTML(u, []byte(page))
		if err != nil {
			t.Fatal(err)
		}
		p := res.Page
		text[r.Unit+"/"+strconv.Itoa(r.Year)] = p.Text
		want := map[string]bool{} // rule → violation planted
		expect := r.Expect
		if expect == nil {
			expect = r.plants()
		}
		for _, pl := range expect {
			want[pl.Rule] = pl.Violation
		}
		name := r.unitName() + " " + strconv.Itoa(r.Year)
		at, err := annualreport.FindApplicationTable(p.Tables)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checks := at.Checks()
		if rt := annualreport.FindReviewTable(p.Tables); rt != nil {
			checks = append(checks, rt.Checks()...)
		}
		fails := 0
		for _, c := range checks {
			switch c.Outcome {
			case annualreport.Fail:
				fails++
			case annualreport.Undetermined:
				t.Errorf("%s: undetermined %s", name, c.Evidence)
			}
		}
		if v, ok := want[ruleAnnualReportArithmetic]; ok && v != (fails > 0) {
			t.Errorf("%s: arithmetic planted violation=%v, %d identities fail", name, v, fails)
		}
		secs := annualreport.FindSections(p.Text)
		bad := len(secs.Missing()) > 0 || (secs.Found[4] != nil && secs.Found[4].OnlyNone)
		if v, ok := want[ruleAnnualReportSections]; ok && v != bad {
			t.Errorf("%s: sections planted violation=%v, missing %q", name, v, secs.Missing())
		}
	}
	// The planted duplicate repeats its predecessor; the look-alikes do not.
	for _, tc := range []struct {
		cur, prev string
		dup       bool
	}{
		{"mzj/2025", "mzj/2024", true},
		{"jyj/2025", "jyj/2024", false},
		{"/2025", "/2024", false},
	} {
		s := annualreport.Compare(text[tc.cur], text[tc.prev], 6, Name, units["mzj"].Name, units["jyj"].Name)
		if (s.Containment >= 0.7) != tc.dup {
			t.Errorf("%s vs %s: %.2f", tc.cur, tc.prev, s.Containment)
		}
	}
}
