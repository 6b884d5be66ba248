package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// generatedSite serves a county site of about n documents: home → portal → 20 columns,
// each a paginated list (20 entries a page, 下一页 links) → documents. It is generated
// on the fly so the server costs little next to the crawler.
func generatedSite(b testing.TB, n int) (*site, int) {
	s := newSite(b)
	const columns, perPage = 20, 20
	perColumn := n / columns
	pagesPerColumn := (perColumn + perPage - 1) / perPage
	s.html("/", doc("首页", "nav:政府信息公开|/xxgk/", "nav:首页|/", "关于|/about.html"))
	s.html("/about.html", doc("关于"))
	var cols []string
	for c := range columns {
		cols = append(cols, fmt.Sprintf("规范性文件%d|/xxgk/c%d/", c, c))
	}
	s.html("/xxgk/", doc("政府信息公开", cols...))
	list := func(w http.ResponseWriter, r *http.Request) {
		var c, p int
		if _, err := fmt.Sscanf(r.URL.Path, "/xxgk/c%d/index_%d.html", &c, &p); err != nil {
			fmt.Sscanf(r.URL.Path, "/xxgk/c%d/", &c)
		}
		parts := []string{"nav:首页|/", "nav:政府信息公开|/xxgk/"}
		for i := range perPage {
			id := p*perPage + i
			if id >= perColumn {
				break
			}
			parts = append(parts, fmt.Sprintf("list:关于第%d号文件的通知|/xxgk/c%d/t%d.html", id, c, id))
		}
		if p+1 < pagesPerColumn {
			parts = append(parts, fmt.Sprintf("下一页|/xxgk/c%d/index_%d.html", c, p+1))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, doc("规范性文件", parts...))
	}
	detail := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, doc("关于印发某办法的通知", "article", "nav:首页|/", "nav:政府信息公开|/xxgk/",
			"附件|/files/a.pdf", "相关|/about.html")+strings.Repeat("<p>正文内容。</p>", 50))
	}
	s.handlePrefix("/xxgk/c", func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/t") {
			detail(w, r)
			return
		}
		list(w, r)
	})
	total := 3 + columns*pagesPerColumn + columns*perColumn // home, about, portal, lists, documents
	return s, total
}

// BenchmarkCrawl2000 crawls a generated 2,000-document site over loopback: with the
// small test extractor (the crawler's own cost) and with package extract (a real run).
func BenchmarkCrawl2000(b *testing.B) {
	s, total := generatedSite(b, 2000)
	for _, bc := range []struct {
		name    string
		extract bool
	}{{"testExtract", false}, {"extract.HTML", true}} {
		b.Run(bc.name, func(b *testing.B) {
			o := testOptions()
			o.Parallelism = 4
			o.MaxPages = 10000
			if bc.extract {
				o.Extract = nil
			}
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				st, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/"}, &countSink{})
				if err != nil {
					b.Fatal(err)
				}
				if st.Pages != total {
					b.Fatalf("crawled %d pages, want %d", st.Pages, total)
				}
				pages += st.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(total), "pages/op")
		})
	}
}

// countSink counts and drops, so the benchmark measures the crawler, not the sink.
type countSink struct{ pages, errs int }

func (c *countSink) Page(context.Context, *facts.Page) error            { c.pages++; return nil }
func (c *countSink) LinkCheck(context.Context, facts.LinkCheck) error   { return nil }
func (c *countSink) CrawlError(context.Context, facts.CrawlError) error { c.errs++; return nil }
