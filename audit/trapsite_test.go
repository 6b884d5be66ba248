package audit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/internal/sitegen"
)

// trapSiteBudget is the time a whole audit of the trap site may take with the test's
// crawl options (no politeness delay, 4 requests per host, 1 s per attempt, 1 retry),
// under -race on two cores. What bounds it: the two traps that hold a connection (slow,
// trickle) cost two attempts of 1 s each; the 429 waits its Retry-After of 1 s; the
// 50 MB page and the gzip bomb are read to the 10 MiB cap; every infinite space stops
// at its cap (at most 200 URLs each); measured: 4–7 s. At the default options (250 ms
// delay, 2 requests per host, 20 s per attempt, 2 retries) the same site with 200
// documents took 140 s (`gongkai bench crawl --pages 200 --traps --delay 250ms
// --parallelism 2`; 377 requests): the two traps that hold a connection then take both
// of the host's slots for 3 × 20 s each, and the rest goes at 8 requests a second.
const trapSiteBudget = 45 * time.Second

// TestTrapSiteAudit audits a generated site with a section of hostile pages
// (sitegen.TrapPaths): the audit finishes within the budget, reaches every real page,
// sends nothing out of scope, and records every trap as a crawl error, in the result
// and in the store.
func TestTrapSiteAudit(t *testing.T) {
	var offsite atomic.Int64
	off := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { offsite.Add(1) }))
	defer off.Close()
	gen := sitegen.New(sitegen.Config{Docs: 200, Columns: 4, Traps: true, OffsiteURL: off.URL + "/landing.html"})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	defer gen.Close()

	a := newAuditor(t, filepath.Join(t.TempDir(), "g.db"))
	a.AsOf = facts.MustParseDate(sitegen.AsOf)
	a.Crawl = crawler.Options{Delay: crawler.NoDelay, Parallelism: 4, Timeout: time.Second, Retries: 1,
		RetryBackoff: 50 * time.Millisecond, MaxPages: 5000}
	start := time.Now()
	res, err := a.Run(context.Background(), "test", "", []SiteSpec{{Name: "陷阱站", URL: srv.URL + "/"}})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Sites[0]
	if r.Err != nil {
		t.Fatalf("audit failed: %v", r.Err)
	}
	t.Logf("trap site: %v, %d requests, %d bytes, %d pages, %d crawl errors, %d URLs dropped by trap guards",
		took.Round(time.Millisecond), r.Stats.Requests, r.Stats.Bytes, r.Pages, len(r.Errors), r.Stats.Skipped)
	if took > trapSiteBudget {
		t.Errorf("the trap site took %v, budget %v", took, trapSiteBudget)
	}
	if n := offsite.Load(); n != 0 {
		t.Errorf("%d requests outside the scope", n)
	}
	if r.Stats.Requests > 1500 {
		t.Errorf("%d requests: the traps were not contained", r.Stats.Requests)
	}
	if r.Stats.Bytes > 40<<20 {
		t.Errorf("%d bytes read: oversized bodies were not capped", r.Stats.Bytes)
	}

	// Every real page reached.
	pages := pageURLs(t, a.Store, r.SiteRunID)
	real := 0
	for _, p := range pages {
		u, _ := url.Parse(p)
		if u.Path == "/" || strings.HasPrefix(u.Path, "/xxgk/") {
			real++
		}
	}
	if real != gen.PageCount() {
		t.Errorf("reached %d of the site's %d real pages", real, gen.PageCount())
	}

	// Every trap recorded, in the result and in the store, with a telling stage.
	stored, err := a.Store.CrawlErrors(context.Background(), r.SiteRunID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(r.Errors) {
		t.Errorf("%d crawl errors in the result, %d in the store", len(r.Errors), len(stored))
	}
	want := []struct{ path, stage, text string }{
		{"/trap/cal", "trap", ""},
		{"/trap/cal2/", "trap", ""},
		{"/trap/s/", "trap", "/trap/s/*/"},
		{"/trap/news/", "trap", "no new entries"},
		{"/trap/news/gone.html", "soft404", "页面不存在"},
		{"/trap/deep/", "trap", "ever-deeper"},
		{"/trap/loop/", "trap", "repeating a path segment"},
		{"/trap/slow", "fetch", "timeout"},
		{"/trap/trickle", "fetch", ""},
		{"/trap/reset", "fetch", ""},
		{"/trap/broken", "fetch", "502"},
		{"/trap/redirect-loop", "redirect", "loop"},
		{"/trap/chain/", "redirect", "too many"},
		{"/trap/offsite", "redirect", "out of scope"},
		{"/trap/private", "redirect", "out of scope"},
		{"/trap/big.html", "size", ""},
		{"/trap/bomb.html", "size", ""},
		{"/trap/malformed.html", "parse", "control bytes"},
		{"/trap/headers", "fetch", "header"},
		{"/trap/charset.html", "charset", "x-klingon"},
		{"/trap/secret/", "robots", "disallows"},
	}
	for _, w := range want {
		found := false
		for _, e := range r.Errors {
			if e.Stage == w.stage && strings.Contains(e.URL+" "+e.Err, w.path) && strings.Contains(e.Err, w.text) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no %q crawl error mentioning %q", w.path, w.stage, w.text)
		}
	}
	if n := gen.Stats(); n.Requests == 0 {
		t.Error("the site saw no requests")
	}
	for _, e := range r.Errors {
		t.Logf("%-8s %s %.140s", e.Stage, e.URL, e.Err)
	}
	// The busy page was fetched after its Retry-After; robots.txt kept us out of /trap/secret/.
	if !contains(pages, srv.URL+"/trap/busy") {
		t.Error("/trap/busy (429 then 200) was not crawled")
	}
	for _, p := range pages {
		if strings.Contains(p, "/trap/secret/") {
			t.Errorf("%s: disallowed by robots.txt, yet stored", p)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
