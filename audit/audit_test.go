package audit

import (
	"context"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"testing"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

func newAuditor(t *testing.T, dbPath string) *Auditor {
	t.Helper()
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Auditor{Store: st, Rules: cfg, AsOf: facts.MustParseDate(demosite.AsOf), Concurrency: 1,
		Crawl: crawler.Options{Delay: crawler.NoDelay, Parallelism: 4, MaxPages: 2000}}
}

// TestDemoSitePrecisionRecall audits the sample site and compares every finding of the
// implemented rules with the planted expectations: violations must be found, look-alikes
// must not be flagged, and nothing unplanted may be flagged.
func TestDemoSitePrecisionRecall(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	a := newAuditor(t, filepath.Join(t.TempDir(), "g.db"))
	spec := SiteSpec{Name: demosite.Name, URL: srv.URL + "/", Level: facts.LevelGovernment}
	res, err := a.Run(context.Background(), "test", "", []SiteSpec{spec})
	if err != nil {
		t.Fatal(err)
	}
	sr := res.Sites[0]
	if sr.Err != nil {
		t.Fatalf("audit failed: %v", sr.Err)
	}
	if sr.Pages < 100 {
		t.Errorf("pages = %d, want the whole sample site (100+)", sr.Pages)
	}
	implemented := map[string]bool{}
	for id, rc := range a.Rules.Rules {
		implemented[id] = rc.IsEnabled()
	}
	found := map[string]bool{}
	for _, f := range sr.Findings {
		u, _ := url.Parse(f.URL)
		found[f.Rule+" "+u.Path] = true
	}
	planted := map[string]demosite.Expectation{}
	for _, e := range demosite.Expectations() {
		if implemented[e.Rule] {
			planted[e.Rule+" "+e.Path] = e
		}
	}
	perRule := map[string]*[3]int{} // tp, fp, fn
	count := func(rule string) *[3]int {
		if perRule[rule] == nil {
			perRule[rule] = &[3]int{}
		}
		return perRule[rule]
	}
	for key, e := range planted {
		switch {
		case e.Violation && found[key]:
			count(e.Rule)[0]++
		case e.Violation:
			count(e.Rule)[2]++
			t.Errorf("missed planted violation %s (%s)", key, e.Note)
		case found[key]:
			count(e.Rule)[1]++
			t.Errorf("flagged a compliant look-alike %s (%s)", key, e.Note)
		}
	}
	var extra []string
	for key := range found {
		if _, ok := planted[key]; !ok {
			extra = append(extra, key)
		}
	}
	sort.Strings(extra)
	for _, key := range extra {
		t.Errorf("finding not planted: %s", key)
	}
	for rule, c := range perRule {
		t.Logf("%s: %d found, %d false, %d missed", rule, c[0], c[1], c[2])
	}
}

// TestSecondRunPersists audits the sample site twice: the findings persist with their
// first-seen time, and the unchanged detail pages are not re-parsed.
func TestSecondRunPersists(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "g.db")
	a := newAuditor(t, db)
	spec := SiteSpec{Name: demosite.Name, URL: srv.URL + "/"}
	r1, err := a.Run(context.Background(), "test", "", []SiteSpec{spec})
	if err != nil || r1.Sites[0].Err != nil {
		t.Fatal(err, r1.Sites[0].Err)
	}
	r2, err := a.Run(context.Background(), "test", "", []SiteSpec{spec})
	if err != nil || r2.Sites[0].Err != nil {
		t.Fatal(err, r2.Sites[0].Err)
	}
	s1, s2 := r1.Sites[0], r2.Sites[0]
	if len(s1.Findings) == 0 || len(s1.Findings) != len(s2.Findings) {
		t.Fatalf("findings: first run %d, second %d", len(s1.Findings), len(s2.Findings))
	}
	for _, f := range s2.Findings {
		if f.Status != "persisting" {
			t.Errorf("second run: %s %s status %q, want persisting", f.Rule, f.URL, f.Status)
		}
	}
	if s1.Score.Score != s2.Score.Score {
		t.Errorf("score changed on an unchanged site: %v → %v", s1.Score.Score, s2.Score.Score)
	}
	// The score is reproducible from the store alone.
	rr, err := a.Store.RuleResults(context.Background(), s2.SiteRunID)
	if err != nil {
		t.Fatal(err)
	}
	if again := report.Compute(a.Rules, rr); again.Score != s2.Score.Score || again.Grade != s2.Score.Grade {
		t.Errorf("score from stored rule results = %v %s, audit said %v %s", again.Score, again.Grade, s2.Score.Score, s2.Score.Grade)
	}
}
