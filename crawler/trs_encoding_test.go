package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TRS WCM variants beyond createPageHTML(n, cur, "index", "html"), end to end through the
// crawler with the real extractor: createPage(…) with .shtml pages, the countPage /
// currentPage variables of a document.write pager with .htm pages, a pager call with a
// leading element id, and list titles cut short in the text but whole in @title.
func TestTRSVariantsEndToEnd(t *testing.T) {
	requireExtractor(t)
	type column struct {
		dir, first, name, ext string
		pages                 int
		pager                 func(cur int) string
	}
	cols := []column{
		{dir: "/xxgk/gfxwj/", first: "index.shtml", name: "规范性文件", ext: "shtml", pages: 5,
			pager: func(cur int) string { return fmt.Sprintf(`createPage(5, %d, "index", "shtml");`, cur) }},
		{dir: "/xxgk/tzgg/", first: "index.htm", name: "通知公告", ext: "htm", pages: 3,
			pager: func(cur int) string {
				return fmt.Sprintf(`var countPage = 3//共多少页
var currentPage = %d//当前页
var prevPage = currentPage-1
var nextPage = currentPage+1
if (countPage>1 && nextPage<countPage) { document.write("<a href='index" + "_" + nextPage + "." + "htm'>下一页</a>"); }`, cur)
			}},
		{dir: "/xxgk/zcjd/", first: "", name: "政策解读", ext: "html", pages: 4,
			pager: func(cur int) string {
				return fmt.Sprintf(`createPageHTML('page_div', 4, %d, 'index', 'html', 60);`, cur)
			}},
	}
	s := newSite(t)
	s.html("/", doc("某市人民政府", "nav:政府信息公开|/xxgk/"))
	var links []string
	for _, c := range cols {
		links = append(links, c.name+"|"+c.dir+c.first)
	}
	s.html("/xxgk/", doc("政府信息公开", links...))
	var want []string
	fullTitle := func(c column, page, i int) string {
		return fmt.Sprintf("关于进一步加强%s第%d页第%d条有关事项的通知", c.name, page, i)
	}
	for _, c := range cols {
		for page := 0; page < c.pages; page++ {
			var items strings.Builder
			for i := 1; i <= 3; i++ {
				full := fullTitle(c, page, i)
				file := fmt.Sprintf("t202305%02d_%d%d.%s", page+1, page, i, c.ext)
				fmt.Fprintf(&items, `<li><a href="./202305/%s" title="%s" target="_blank">%s...</a><span>2023-05-%02d</span></li>`,
					file, full, string([]rune(full)[:10]), page+1)
				path := c.dir + "202305/" + file
				want = append(want, s.URL+path)
				s.html(path, fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%[1]s</title>
<meta name="ArticleTitle" content="%[1]s"><meta name="PubDate" content="2023-05-%02[2]d"></head><body>
<div class="TRS_Editor"><p>%[1]s。现将有关事项通知如下。</p></div></body></html>`, full, page+1))
			}
			body := fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title><meta name="ColumnName" content="%s"></head>
<body><ul class="list">%s</ul><div class="page"><script>%s</script></div></body></html>`, c.name, c.name, items.String(), c.pager(page))
			file := c.first
			if page > 0 {
				file = fmt.Sprintf("index_%d.%s", page, c.ext)
			}
			s.html(c.dir+file, body)
			want = append(want, s.URL+c.dir+file)
		}
	}
	o := testOptions()
	o.Extract = nil
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/"}, rec); err != nil {
		t.Fatal(err)
	}
	got, missing := reach(rec, want)
	t.Logf("TRS variants: %d of %d list and document pages reached (%.1f%%)", got, len(want), 100*float64(got)/float64(len(want)))
	if len(missing) > 0 {
		t.Errorf("not reached: %v", missing)
	}
	for _, c := range cols {
		if n := s.count(fmt.Sprintf("%sindex_%d.%s", c.dir, c.pages, c.ext)); n != 0 {
			t.Errorf("%s: a page beyond the pager's count was requested", c.name)
		}
		for page := 1; page < c.pages; page++ {
			path := fmt.Sprintf("%sindex_%d.%s", c.dir, page, c.ext)
			if n := s.count(path); n != 1 {
				t.Errorf("%s requested %d times", path, n)
			}
			p := rec.page(path)
			if p == nil || p.Kind != facts.KindList || p.Column != c.name || p.ColumnURL != s.URL+c.dir+c.first {
				t.Errorf("%s: %s", path, brief(p))
				continue
			}
			if len(p.Items) != 3 || p.Items[0].Title != fullTitle(c, page, 1) {
				t.Errorf("%s items %+v: want the whole titles of @title", path, p.Items)
			}
		}
		d := rec.page(fmt.Sprintf("%s202305/t20230502_11.%s", c.dir, c.ext))
		if d == nil || d.Kind != facts.KindDetail || d.Column != c.name || d.Title != fullTitle(c, 1, 1) {
			t.Errorf("%s document: %s", c.name, brief(d))
		}
	}
}

// TestEncodingsEndToEnd: GBK, GB2312 and GB18030 pages, declared in the header, only in
// <meta>, or nowhere; header and <meta> disagreeing. A list page and the document it
// lists, through the crawler with the real extractor.
func TestEncodingsEndToEnd(t *testing.T) {
	requireExtractor(t)
	const (
		listTitle = "通知公告"
		// 镕 and 堃 are GBK but not GB2312; 𠮷 needs GB18030's four-byte form.
		docTitle = "关于朱镕基同志与王堃同志𠮷祥物征集活动的通知"
	)
	gb18030 := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gbkSafe := strings.ReplaceAll(docTitle, "𠮷", "吉") // GBK has no 𠮷
	cases := []struct {
		name        string
		header      string // Content-Type
		meta        string // <meta> charset ("" none)
		encode      func(string) []byte
		title       string
		wantCharset string
	}{
		{"header gbk", "text/html; charset=GBK", "", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"meta gb2312 only", "text/html", "gb2312", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"sniffed only", "text/html", "", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"no content type at all", "", "", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"header gb18030, four-byte characters", "text/html;charset=gb18030", "", gb18030, docTitle, "gb18030"},
		{"header utf-8, meta gbk, body gbk", "text/html; charset=utf-8", "gbk", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"header gbk, meta utf-8, body utf-8", "text/html; charset=gbk", "utf-8", func(s string) []byte { return []byte(s) }, docTitle, "utf-8"},
		{"header iso-8859-1, meta gb2312, body gbk", "text/html; charset=ISO-8859-1", "gb2312", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"header iso-8859-1, no meta, body gbk", "text/html; charset=ISO-8859-1", "", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
		{"header gbk, meta utf-8, body gbk", "text/html; charset=gbk", "utf-8", func(s string) []byte { return gbk(t, s) }, gbkSafe, "gb18030"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t)
			page := func(title, body string) []byte {
				meta := ""
				if tc.meta != "" {
					meta = `<meta http-equiv="Content-Type" content="text/html; charset=` + tc.meta + `">`
				}
				return tc.encode(`<!DOCTYPE html><html><head>` + meta + `<title>` + title + `</title></head><body>` + body + `</body></html>`)
			}
			serve := func(b []byte) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if tc.header != "" {
						w.Header().Set("Content-Type", tc.header)
					} else {
						w.Header()["Content-Type"] = nil // no type at all, not even Go's sniffed one
					}
					w.Write(b)
				}
			}
			s.handle("/xxgk/tzgg/", serve(page(listTitle, `<div class="list"><ul>`+
				`<li><a href="t20230530_1.html">`+tc.title+`</a><span>2023-05-30</span></li>`+
				`<li><a href="t20230529_2.html">关于开展安全生产检查的通知</a><span>2023-05-29</span></li></ul></div>`+
				`<div class="page"><a href="index_1.html">下一页</a></div>`)))
			s.handle("/xxgk/tzgg/index_1.html", serve(page(listTitle, `<div class="list"><ul>`+
				`<li><a href="t20230401_3.html">关于公布行政规范性文件清理结果的通知</a><span>2023-04-01</span></li></ul></div>`)))
			doc := page(tc.title, `<div class="TRS_Editor"><p>`+tc.title+`。各有关单位：现将有关事项通知如下。</p></div>`)
			for _, p := range []string{"/xxgk/tzgg/t20230530_1.html", "/xxgk/tzgg/t20230529_2.html", "/xxgk/tzgg/t20230401_3.html"} {
				s.handle(p, serve(doc))
			}
			o := testOptions()
			o.Extract = nil
			rec := &recorder{}
			if _, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/tzgg/", Columns: map[string]string{"通知公告": s.URL + "/xxgk/tzgg/"}}, rec); err != nil {
				t.Fatal(err)
			}
			list := rec.page("/xxgk/tzgg/")
			if list == nil || list.Title != listTitle || list.Charset != tc.wantCharset || len(list.Items) != 2 || list.Items[0].Title != tc.title {
				t.Errorf("list page: %s items %+v", brief(list), itemsOf(list))
			}
			if p := rec.page("/xxgk/tzgg/index_1.html"); p == nil || len(p.Items) != 1 || p.Items[0].Title != "关于公布行政规范性文件清理结果的通知" {
				t.Errorf("second list page: %s items %+v", brief(p), itemsOf(p))
			}
			d := rec.page("/xxgk/tzgg/t20230530_1.html")
			if d == nil || d.Title != tc.title || d.Charset != tc.wantCharset || !strings.Contains(d.Text, "现将有关事项通知如下") {
				t.Errorf("document: %s text %q", brief(d), textOf(d))
			}
		})
	}
}

func itemsOf(p *facts.Page) []facts.ListItem {
	if p == nil {
		return nil
	}
	return p.Items
}

func textOf(p *facts.Page) string {
	if p == nil {
		return ""
	}
	return p.Text
}
