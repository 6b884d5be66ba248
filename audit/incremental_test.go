package audit

import (
	"context"
	"database/sql"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/internal/sitegen"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Nightly re-audits: a site audited twice, unchanged (or nearly) in between, and what
// the second audit costs next to the first: requests, body bytes, pages parsed, time.
// Lists are always read again (new documents appear there); documents are asked for with
// If-None-Match / If-Modified-Since and, answered 304, are neither downloaded nor
// parsed: their stored facts are reused, and the store shares their facts rows.
// TestIncrementalReaudit checks it on the demo site and a 300-document generated site;
// BenchmarkIncrementalReaudit measures the 2,000-document one (and `gongkai bench crawl`
// the 20,000-document one).

// reaudit is one measured pair of audits.
type reaudit struct {
	runs      [2]runCost
	results   [2]SiteResult
	factsRows [2]int // page_facts rows after each audit
}

type runCost struct {
	requests, parsed, pages, notModified, unchanged int
	bytes                                           int64
	took                                            time.Duration
}

// measureReaudit audits siteURL twice into a fresh store, calling between (if not nil)
// between the two audits.
func measureReaudit(tb testing.TB, siteURL, asOf string, between func()) reaudit {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "g.db")
	cfg, err := rules.Default()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	a := &Auditor{Store: st, Rules: cfg, AsOf: facts.MustParseDate(asOf), Concurrency: 1,
		Crawl: crawler.Options{Delay: crawler.NoDelay, Parallelism: 4, MaxPages: 10000}}
	spec := SiteSpec{Name: "被测站", URL: siteURL}
	var m reaudit
	for i := range m.runs {
		if i == 1 && between != nil {
			between()
		}
		start := time.Now()
		res, err := a.Run(ctx, "test", "", []SiteSpec{spec})
		if err != nil || res.Sites[0].Err != nil {
			tb.Fatal(err, res.Sites[0].Err)
		}
		r := res.Sites[0]
		m.results[i] = r
		m.runs[i] = runCost{requests: r.Stats.Requests, parsed: r.Stats.Parsed, pages: r.Pages,
			notModified: r.Stats.NotModified, unchanged: r.Stats.Unchanged, bytes: r.Stats.Bytes, took: time.Since(start)}
		m.factsRows[i] = countRows(tb, db, "page_facts")
	}
	return m
}

func (m reaudit) log(tb testing.TB) {
	tb.Helper()
	r1, r2 := m.runs[0], m.runs[1]
	tb.Logf("%-14s %8s %12s %8s %6s %9s %10s", "", "requests", "bytes", "parsed", "304", "unchanged", "time")
	for i, r := range m.runs {
		tb.Logf("run %d %-8s %8d %12d %8d %6d %9d %10v", i+1, "", r.requests, r.bytes, r.parsed, r.notModified, r.unchanged,
			r.took.Round(time.Millisecond))
	}
	tb.Logf("run 2 / run 1  %8.2f %12.3f %8.3f %6s %9s %10.2f", ratio(r2.requests, r1.requests),
		ratio(int(r2.bytes), int(r1.bytes)), ratio(r2.parsed, r1.parsed), "", "", r2.took.Seconds()/r1.took.Seconds())
}

func TestIncrementalReaudit(t *testing.T) {
	type site struct {
		url, asOf string
		between   func()
		edited    int // documents changed between the audits
	}
	generated := func(cfg sitegen.Config, edit int) func(t *testing.T) site {
		return func(t *testing.T) site {
			g := sitegen.New(cfg)
			srv := httptest.NewServer(g)
			t.Cleanup(srv.Close)
			s := site{url: srv.URL + "/", asOf: sitegen.AsOf, edited: edit}
			if edit > 0 {
				s.between = func() {
					for i := range edit {
						g.Edit(i * cfg.Docs / edit)
					}
				}
			}
			return s
		}
	}
	cases := []struct {
		name string
		site func(t *testing.T) site
		// the second audit may cost at most these shares of the first
		maxBytes, maxParsed float64
	}{
		{"demo site", func(t *testing.T) site {
			srv := httptest.NewServer(demosite.Handler())
			t.Cleanup(srv.Close)
			return site{url: srv.URL + "/", asOf: demosite.AsOf}
		}, 0.5, 0.5},
		{"generated 300", generated(sitegen.Config{Docs: 300}, 0), 0.15, 0.12},
		{"generated 300, 15 edited", generated(sitegen.Config{Docs: 300}, 15), 0.20, 0.15},
		// A server without ETag or Last-Modified: every body is downloaded again, but one
		// that hashes as before is not parsed.
		{"generated 300, no validators", generated(sitegen.Config{Docs: 300, NoValidators: true}, 0), 1.01, 0.12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.site(t)
			m := measureReaudit(t, s.url, s.asOf, s.between)
			m.log(t)
			r1, r2 := m.runs[0], m.runs[1]
			if r2.pages != r1.pages {
				t.Errorf("the second audit stored %d pages, the first %d", r2.pages, r1.pages)
			}
			if b := ratio(int(r2.bytes), int(r1.bytes)); b > c.maxBytes {
				t.Errorf("the second audit read %.0f%% of the first's bytes, want at most %.0f%%", 100*b, 100*c.maxBytes)
			}
			if p := ratio(r2.parsed, r1.parsed); p > c.maxParsed {
				t.Errorf("the second audit parsed %.0f%% of the first's pages, want at most %.0f%%", 100*p, 100*c.maxParsed)
			}
			if a, b := findingSet(m.results[1].Findings), findingSet(m.results[0].Findings); !slices.Equal(a, b) && s.edited == 0 {
				t.Errorf("findings changed on an unchanged site:\nnew: %v\ngone: %v", minus(a, b), minus(b, a))
			}
			// Unchanged pages share their stored facts: the second audit adds a facts row
			// only for pages whose facts changed (the edited documents).
			if added := m.factsRows[1] - m.factsRows[0]; added > s.edited {
				t.Errorf("the second audit added %d facts rows, want %d (unchanged pages must share theirs)", added, s.edited)
			}
			// Whatever was not reused was parsed: the edited documents among them.
			if reused := r2.notModified + r2.unchanged; r2.parsed != r1.parsed-reused || (s.edited > 0 && reused != 300-s.edited) {
				t.Errorf("%d parsed, %d reused (304 or same hash), %d edited", r2.parsed, reused, s.edited)
			}
		})
	}
}

// BenchmarkIncrementalReaudit measures the nightly re-audit of a generated site of 2,000
// documents whose server honours ETag / If-None-Match and Last-Modified: one iteration is
// a first audit and a second one of the unchanged site, into a fresh store.
//
//	go test -run '^$' -bench IncrementalReaudit -benchtime 1x ./audit/
func BenchmarkIncrementalReaudit(b *testing.B) {
	g := sitegen.New(sitegen.Config{Docs: 2000})
	srv := httptest.NewServer(g)
	defer srv.Close()
	var m reaudit
	for b.Loop() {
		m = measureReaudit(b, srv.URL+"/", sitegen.AsOf, nil)
	}
	m.log(b)
	r1, r2 := m.runs[0], m.runs[1]
	b.ReportMetric(float64(r1.requests), "requests-1")
	b.ReportMetric(float64(r2.requests), "requests-2")
	b.ReportMetric(float64(r1.bytes), "bytes-1")
	b.ReportMetric(float64(r2.bytes), "bytes-2")
	b.ReportMetric(float64(r1.parsed), "parsed-1")
	b.ReportMetric(float64(r2.parsed), "parsed-2")
	b.ReportMetric(r1.took.Seconds(), "s-1")
	b.ReportMetric(r2.took.Seconds(), "s-2")
	b.ReportMetric(ratio(int(r2.bytes), int(r1.bytes)), "bytes-ratio")
	b.ReportMetric(ratio(r2.parsed, r1.parsed), "parsed-ratio")
	if ratio(int(r2.bytes), int(r1.bytes)) > 0.15 || ratio(r2.parsed, r1.parsed) > 0.10 {
		b.Errorf("the second audit cost too much: bytes %d of %d, parsed %d of %d", r2.bytes, r1.bytes, r2.parsed, r1.parsed)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func countRows(tb testing.TB, db, table string) int {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s", table)).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
