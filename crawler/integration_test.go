package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// These tests run the crawler with the real extractor on real pages from
// ../shared/samples (skipped while the extractor is a placeholder or the samples are
// absent).

const samples = "../../shared/samples/"

func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(samples + name)
	if err != nil {
		t.Skipf("sample %s not available: %v", name, err)
	}
	return b
}

// asHost serves s under a public-looking name on port 80: every dial goes to s.
func asHost(s *site, host string) (func(context.Context, string) ([]netip.Addr, error), func(context.Context, string, string) (net.Conn, error)) {
	lookup := func(_ context.Context, h string) ([]netip.Addr, error) {
		if h == host {
			return []netip.Addr{netip.MustParseAddr("203.0.113.30")}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: h, IsNotFound: true}
	}
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, s.Listener.Addr().String())
	}
	return lookup, dial
}

// TestHandanTRSListAllPages: the real TRS list (countPage=56, pager rendered by script)
// must lead the crawler through index_1.html … index_55.html, each once.
func TestHandanTRSListAllPages(t *testing.T) {
	requireExtractor(t)
	list := sample(t, "handan_trs_list_jinqixxgk.html")
	s := newSite(t)
	serve := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // the page says UTF-8 in <meta> only
		w.Write(list)
	}
	s.handle("/zfwj/jinqixxgk/", serve)
	for k := 1; k <= 60; k++ {
		s.handle(fmt.Sprintf("/zfwj/jinqixxgk/index_%d.html", k), serve)
	}
	o := testOptions()
	o.Extract = nil
	o.LookupIP, o.Dial = asHost(s, "hdzfxxgk.hd.gov.cn")
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"}, rec); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 55; k++ {
		if n := s.count(fmt.Sprintf("/zfwj/jinqixxgk/index_%d.html", k)); n != 1 {
			t.Errorf("index_%d.html requested %d times", k, n)
		}
	}
	if n := s.count("/zfwj/jinqixxgk/index_56.html"); n != 0 {
		t.Error("index_56.html is past countPage=56")
	}
	first := rec.page("/zfwj/jinqixxgk/")
	if first == nil || first.Kind != facts.KindList || first.Charset != "utf-8" || first.ColumnName == "" {
		t.Fatalf("list page facts: %s", brief(first))
	}
	if p := rec.page("/zfwj/jinqixxgk/index_55.html"); p == nil || p.Kind != facts.KindList || p.ColumnURL != first.URL {
		t.Errorf("last page: %s", brief(p))
	}
	// The listed document is a 404 here: reported as a broken link from the list.
	if c := rec.check("/gszbm/auto23716/202008/t20200805_1353179.html"); c == nil || !c.Broken || c.From == "" {
		t.Errorf("broken entry link check: %+v", c)
	}
}

func TestGBKTitleWithRealExtractor(t *testing.T) {
	requireExtractor(t)
	const title = "朱镕基同志关于政府信息公开指南的讲话"
	s := newSite(t)
	s.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>`))
		w.Write(gbk(t, title))
		w.Write([]byte(`</title></head><body><p>`))
		w.Write(gbk(t, "正文内容"))
		w.Write([]byte(`</p></body></html>`))
	})
	o := testOptions()
	o.Extract = nil
	p, _, err := New(o).Fetch(context.Background(), s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if p.Charset != "gb18030" || p.Title != title {
		t.Errorf("charset %q title %q", p.Charset, p.Title)
	}
}

func brief(p *facts.Page) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprintf("{%s kind %s status %d charset %s column %q name %q url %s title %q}",
		p.URL, p.Kind, p.Status, p.Charset, p.Column, p.ColumnName, p.ColumnURL, p.Title)
}
