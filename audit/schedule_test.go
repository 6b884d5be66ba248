package audit

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/store"
)

func TestHostGroups(t *testing.T) {
	for _, tc := range []struct {
		name  string
		specs []SiteSpec
		want  [][]int
	}{
		{"distinct hosts", []SiteSpec{{URL: "http://a.gov.cn/"}, {URL: "http://b.gov.cn/"}}, [][]int{{0}, {1}}},
		{"same host, other paths", []SiteSpec{{URL: "http://a.gov.cn/"}, {URL: "http://b.gov.cn/"}, {URL: "http://A.gov.cn/bm/jyj/"}},
			[][]int{{0, 2}, {1}}},
		{"default port is the same host", []SiteSpec{{URL: "https://a.gov.cn:443/"}, {URL: "https://a.gov.cn/x/"}}, [][]int{{0, 1}}},
		{"other port is another host", []SiteSpec{{URL: "http://a.gov.cn:8080/"}, {URL: "http://a.gov.cn/"}}, [][]int{{0}, {1}}},
		{"linked by an extra host", []SiteSpec{
			{URL: "http://a.gov.cn/", Hosts: []string{"xxgk.a.gov.cn"}},
			{URL: "http://c.gov.cn/"},
			{URL: "http://xxgk.a.gov.cn/bm/"},
		}, [][]int{{0, 2}, {1}}},
		{"linked by a pinned column, transitively", []SiteSpec{
			{URL: "http://a.gov.cn/"},
			{URL: "http://b.gov.cn/", Columns: map[string]string{"规范性文件": "http://c.gov.cn/gfxwj/"}},
			{URL: "http://c.gov.cn/"},
			{URL: "http://d.gov.cn/", Hosts: []string{"a.gov.cn", "b.gov.cn"}},
		}, [][]int{{0, 1, 2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hostGroups(tc.specs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("hostGroups = %v, want %v", got, tc.want)
			}
		})
	}
}

// smallSite serves /{col}/ lists of pages under any prefix, slowly, and records how
// many requests are in flight at once and when each prefix was being crawled.
type smallSite struct {
	delay    time.Duration
	inflight atomic.Int32
	maxIn    atomic.Int32
	mu       sync.Mutex
	spans    map[string][2]time.Time // prefix → first and last request
}

func (s *smallSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for {
		m := s.maxIn.Load()
		if n <= m || s.maxIn.CompareAndSwap(m, n) {
			break
		}
	}
	prefix := "/" + strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)[0]
	s.mu.Lock()
	sp := s.spans[prefix]
	if sp[0].IsZero() {
		sp[0] = time.Now()
	}
	sp[1] = time.Now()
	s.spans[prefix] = sp
	s.mu.Unlock()
	time.Sleep(s.delay)
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var links strings.Builder
	if strings.HasSuffix(r.URL.Path, "/") {
		for i := 1; i <= 8; i++ {
			fmt.Fprintf(&links, `<li><a href="%s%d.html">通知 %d</a> <span>2026-06-0%d</span></li>`, r.URL.Path, i, i, i)
		}
	}
	fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title></head><body><ul>%s</ul></body></html>`, r.URL.Path, links.String())
}

func (s *smallSite) overlap(a, b string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	x, y := s.spans[a], s.spans[b]
	return !x[0].IsZero() && !y[0].IsZero() && x[0].Before(y[1]) && y[0].Before(x[1])
}

func newSmallSite(t *testing.T) (*smallSite, *httptest.Server) {
	s := &smallSite{delay: 15 * time.Millisecond, spans: map[string][2]time.Time{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

// TestSitesSharingAHostTakeTurns: with room for four sites at once, two sites on one
// host are crawled one after the other (the host never sees more than one crawl's
// parallelism), while sites on two hosts are crawled at the same time.
func TestSitesSharingAHostTakeTurns(t *testing.T) {
	shared, srv := newSmallSite(t)
	other, srv2 := newSmallSite(t)
	a := newAuditor(t, filepath.Join(t.TempDir(), "g.db"))
	a.Concurrency = 4
	a.Crawl = crawler.Options{Delay: crawler.NoDelay, Parallelism: 2, MaxPages: 50, AllowPrivate: true}
	specs := []SiteSpec{
		{Name: "甲", URL: srv.URL + "/a/"},
		{Name: "乙", URL: srv.URL + "/b/"},
		{Name: "丙", URL: srv2.URL + "/c/"},
	}
	res, err := a.Run(context.Background(), "test", "", specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Sites {
		if s.Err != nil || s.Pages < 9 {
			t.Fatalf("%s: pages %d, err %v", s.Site.Name, s.Pages, s.Err)
		}
	}
	if got := shared.maxIn.Load(); got > 2 {
		t.Errorf("the shared host had %d requests in flight at once; its politeness allows 2", got)
	}
	if shared.overlap("/a", "/b") {
		t.Error("the two sites of one host were crawled at the same time")
	}
	shared.mu.Lock()
	aSpan := shared.spans["/a"]
	shared.mu.Unlock()
	other.mu.Lock()
	cSpan := other.spans["/c"]
	other.mu.Unlock()
	if !(aSpan[0].Before(cSpan[1]) && cSpan[0].Before(aSpan[1])) {
		t.Errorf("sites on different hosts were not crawled side by side: a %v, c %v", aSpan, cSpan)
	}
}

// TestFailingSiteDoesNotFailOthers: an unreachable unit is recorded as failed, the
// others are audited, and the run is ok; when every site fails, the run failed.
func TestFailingSiteDoesNotFailOthers(t *testing.T) {
	_, srv := newSmallSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/"
	ln.Close()
	a := newAuditor(t, filepath.Join(t.TempDir(), "g.db"))
	a.Concurrency = 2
	a.Crawl = crawler.Options{Delay: crawler.NoDelay, Retries: crawler.NoRetries, Timeout: 2 * time.Second, MaxPages: 20, AllowPrivate: true}
	var done atomic.Int32
	a.OnSite = func(SiteResult) { done.Add(1) }
	res, err := a.Run(context.Background(), "test", "", []SiteSpec{
		{Name: "断网单位", URL: dead},
		{Name: "正常单位", URL: srv.URL + "/a/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.StatusOK {
		t.Errorf("run status %q, want ok", res.Status)
	}
	if res.Sites[0].Err == nil || res.Sites[1].Err != nil {
		t.Errorf("site errors: %v, %v", res.Sites[0].Err, res.Sites[1].Err)
	}
	if done.Load() != 2 {
		t.Errorf("OnSite called %d times", done.Load())
	}
	srs, err := a.Store.SiteRunsOfRun(context.Background(), res.RunID)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]string{}
	for _, sr := range srs {
		statuses[sr.Site.Name] = sr.Status
	}
	if want := map[string]string{"断网单位": "failed", "正常单位": "ok"}; !reflect.DeepEqual(statuses, want) {
		t.Errorf("site run statuses %v, want %v", statuses, want)
	}

	res, err = a.Run(context.Background(), "test", "", []SiteSpec{{Name: "断网单位", URL: dead}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.StatusFailed {
		t.Errorf("all sites failed: run status %q, want failed", res.Status)
	}
}
