package sitegen

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// TestCrawlReachesEveryPage crawls a generated site with the real extractor: every page
// PageCount promises is reached, lists are lists, documents are details with their info
// box read.
func TestCrawlReachesEveryPage(t *testing.T) {
	s := New(Config{Docs: 230, Columns: 5, PerPage: 20})
	srv := httptest.NewServer(s)
	defer srv.Close()
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rec := &pages{}
	st, err := crawler.New(crawler.Options{Delay: crawler.NoDelay, Parallelism: 4, Vocabulary: cfg.Columns}).
		Crawl(context.Background(), facts.Site{URL: srv.URL + "/"}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != s.PageCount() || st.Errors != 0 {
		t.Errorf("crawled %d pages (%d errors), the site has %d", st.Pages, st.Errors, s.PageCount())
	}
	kinds := map[facts.PageKind]int{}
	for _, p := range rec.all {
		kinds[p.Kind]++
	}
	lists := s.PageCount() - 2 - 230
	if kinds[facts.KindDetail] != 230 || kinds[facts.KindList] != lists {
		t.Errorf("kinds %v, want 230 details and %d lists", kinds, lists)
	}
	regdoc := rec.get(srv.URL + s.DocPath(0))
	if regdoc == nil || regdoc.Column != "规范性文件" || regdoc.Validity != "有效" || regdoc.Written.IsZero() || regdoc.DocNumber == "" {
		t.Errorf("document 0: %+v", regdoc)
	}
	// Document k=4 of 行政规范性文件 (index 4*5) shows no 有效性.
	if p := rec.get(srv.URL + s.DocPath(20)); p == nil || p.Validity != "" {
		t.Errorf("document 20 should show no 有效性: %+v", p)
	}
}

func TestConditionalRequestsAndEdit(t *testing.T) {
	s := New(Config{Docs: 10})
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func(path, inm string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	resp, body := get(s.DocPath(3), "")
	et := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || et == "" || resp.Header.Get("Last-Modified") == "" || !strings.Contains(body, "发布日期") {
		t.Fatalf("document: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := get(s.DocPath(3), et); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d", resp.StatusCode)
	}
	_, again := get(s.DocPath(3), "")
	if again != body {
		t.Error("the same document twice differs: the site must be deterministic")
	}
	s.Edit(3)
	if resp, _ := get(s.DocPath(3), et); resp.StatusCode != 200 || resp.Header.Get("ETag") == et {
		t.Errorf("after Edit: %d, ETag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	if st := s.Stats(); st.Requests != 4 || st.NotModified != 1 || st.Bytes < int64(2*len(body)) {
		t.Errorf("stats %+v", st)
	}
	if resp, _ := get("/xxgk/gfxwj/index_99.html", ""); resp.StatusCode != 404 {
		t.Errorf("list page beyond the end: %d", resp.StatusCode)
	}
}

func TestTrapSectionServes(t *testing.T) {
	s := New(Config{Docs: 10, Traps: true})
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close()
	resp, err := srv.Client().Get(srv.URL + "/trap/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	res, err := extract.HTML(mustURL(srv.URL+"/trap/"), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Page.Links) < len(TrapPaths) {
		t.Errorf("/trap/ links %d, want at least %d", len(res.Page.Links), len(TrapPaths))
	}
}

type pages struct {
	mu  sync.Mutex
	all []*facts.Page
}

func (p *pages) Page(_ context.Context, pg *facts.Page) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.all = append(p.all, pg)
	return nil
}
func (p *pages) LinkCheck(context.Context, facts.LinkCheck) error   { return nil }
func (p *pages) CrawlError(context.Context, facts.CrawlError) error { return nil }
func (p *pages) get(u string) *facts.Page {
	for _, pg := range p.all {
		if pg.URL == u {
			return pg
		}
	}
	return nil
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
