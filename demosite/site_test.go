package demosite

import (
	"archive/zip"
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// fetched is one response of the test crawl.
type fetched struct {
	status int
	ctype  string
	raw    []byte
	text   string // the body decoded as a browser would (header charset, else <meta>)
}

func get(t *testing.T, srv *httptest.Server, p string) fetched {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + p)
	if err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	f := fetched{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), raw: raw}
	if strings.HasPrefix(f.ctype, "text/") {
		r, err := charset.NewReader(bytes.NewReader(raw), f.ctype)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		dec, _ := io.ReadAll(r)
		f.text = string(dec)
	}
	return f
}

var createPageRE = regexp.MustCompile(`createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)`)

// links returns the page's link targets (a, img, link, script) and its TRS pagination.
func links(page string) (hrefs []string, trs [][2]int) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, nil
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if (a.Key == "href" && (n.Data == "a" || n.Data == "link")) || (a.Key == "src" && (n.Data == "img" || n.Data == "script")) {
					hrefs = append(hrefs, a.Val)
				}
			}
			if n.Data == "script" && n.FirstChild != nil {
				for _, m := range createPageRE.FindAllStringSubmatch(n.FirstChild.Data, -1) {
					count, _ := strconv.Atoi(m[1])
					cur, _ := strconv.Atoi(m[2])
					trs = append(trs, [2]int{count, cur})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return hrefs, trs
}

// crawl is a breadth-first crawl of the demo site from /, following <a>/<img>/<link>/
// <script> targets on the same host and TRS createPageHTML pagination.
type crawl struct {
	pages    map[string]fetched // every internal URL path fetched
	html     int                // distinct HTML pages (200)
	external map[string]bool    // hosts linked but not followed
	from     map[string]string  // first page linking to each path
	trs      map[string][2]int  // list page → createPageHTML(count, cur)
}

func crawlSite(t *testing.T, srv *httptest.Server) *crawl {
	t.Helper()
	base, _ := url.Parse(srv.URL + "/")
	c := &crawl{pages: map[string]fetched{}, external: map[string]bool{}, from: map[string]string{}, trs: map[string][2]int{}}
	queue := []string{"/"}
	c.from["/"] = "(start)"
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		f := get(t, srv, p)
		c.pages[p] = f
		if f.status != http.StatusOK || !strings.HasPrefix(f.ctype, "text/html") {
			continue
		}
		c.html++
		pageURL := base.ResolveReference(&url.URL{Path: p})
		hrefs, trs := links(f.text)
		for _, pg := range trs {
			c.trs[p] = pg
			for k := 1; k < pg[0]; k++ {
				hrefs = append(hrefs, pageFile(k))
			}
		}
		for _, h := range hrefs {
			if strings.HasPrefix(h, "javascript:") || strings.HasPrefix(h, "#") {
				continue
			}
			u, err := pageURL.Parse(h)
			if err != nil {
				t.Errorf("%s: bad link %q", p, h)
				continue
			}
			if u.Host != base.Host {
				c.external[u.Host] = true
				continue
			}
			if _, seen := c.from[u.Path]; !seen {
				c.from[u.Path] = p
				queue = append(queue, u.Path)
			}
		}
	}
	return c
}

func TestCrawl(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := crawlSite(t, srv)
	if c.html < 100 {
		t.Errorf("only %d HTML pages reachable from /", c.html)
	}
	t.Logf("%d HTML pages, %d URLs, external hosts %v", c.html, len(c.pages), c.external)
	if !c.external["www.gov.cn"] {
		t.Error("no link to www.gov.cn found")
	}
	broken := map[string]bool{}
	for _, e := range Expectations() {
		if e.Rule == ruleBrokenLink && e.Violation {
			broken[e.Path] = true
		}
	}
	for p, f := range c.pages {
		switch {
		case broken[p]:
			if f.status != http.StatusNotFound {
				t.Errorf("planted broken link %s answers %d", p, f.status)
			}
		case f.status != http.StatusOK:
			t.Errorf("%s (linked from %s): status %d", p, c.from[p], f.status)
		}
	}
	for p := range broken {
		if _, ok := c.pages[p]; !ok {
			t.Errorf("planted broken link %s is not linked from any page", p)
		}
	}
	// Every document and every list page is reachable.
	s := getSite()
	for _, b := range s.docs {
		if _, ok := c.pages[b.Path]; !ok {
			t.Errorf("%s (%s) not reachable from /", b.Path, b.Title)
		}
	}
	for key, n := range s.listPages {
		for k := 0; k < n; k++ {
			p := s.cols[key].Path + pageFile(k)
			if k == 0 {
				p = s.cols[key].Path
			}
			if _, ok := c.pages[p]; !ok {
				t.Errorf("list page %s not reachable", p)
			}
		}
	}
	if _, ok := c.pages["/robots.txt"]; ok {
		t.Error("robots.txt should not be linked")
	}
}

// TestPagination: createPageHTML states the real number of pages and the current index;
// 下一页 columns have no script and no numbered links.
func TestPagination(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	s := getSite()
	trsColumns := 0
	for key, n := range s.listPages {
		col := s.cols[key]
		for k := 0; k < n; k++ {
			p := col.Path + pageFile(k)
			f := get(t, srv, p)
			if f.status != http.StatusOK {
				t.Fatalf("%s: %d", p, f.status)
			}
			hrefs, trs := links(f.text)
			switch col.Pager {
			case pagerTRS:
				if n == 1 {
					continue
				}
				if len(trs) != 1 || trs[0] != [2]int{n, k} {
					t.Errorf("%s: createPageHTML %v, want [%d %d]", p, trs, n, k)
				}
				for _, h := range hrefs {
					if strings.HasPrefix(h, "index") {
						t.Errorf("%s: TRS list with a rendered pager link %q", p, h)
					}
				}
				if k == 0 {
					trsColumns++
				}
			case pagerNext:
				if len(trs) != 0 {
					t.Errorf("%s: 下一页 list with createPageHTML", p)
				}
				next := k < n-1
				if has := strings.Contains(f.text, `<a href="`+pageFile(k+1)+`">下一页</a>`); has != next {
					t.Errorf("%s: 下一页 link present=%v, want %v", p, has, next)
				}
				if strings.Contains(f.text, "尾页") || strings.Contains(f.text, `class="pnum"`) {
					t.Errorf("%s: 下一页 list shows page numbers", p)
				}
			}
		}
		// one past the last page does not exist
		if f := get(t, srv, col.Path+pageFile(n)); f.status != http.StatusNotFound {
			t.Errorf("%s: %d", col.Path+pageFile(n), f.status)
		}
	}
	if s.listPages["gfxwj"] < 3 {
		t.Errorf("规范性文件 has %d list pages, want ≥ 3", s.listPages["gfxwj"])
	}
	if s.listPages["tzgg"] < 2 || s.cols["tzgg"].Pager != pagerNext {
		t.Error("通知公告 must span several pages linked only by 下一页")
	}
	if trsColumns < 2 {
		t.Errorf("%d columns paginated by createPageHTML", trsColumns)
	}
}

// TestGBK: the GBK column's pages carry no charset in the header, are not UTF-8, and
// decode correctly through the <meta> charset.
func TestGBK(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	s := getSite()
	var paths []string
	for key, n := range s.listPages {
		if s.cols[key].GBK {
			for k := 0; k < n; k++ {
				paths = append(paths, s.cols[key].Path+pageFile(k))
			}
		}
	}
	titles := map[string]string{}
	for _, b := range s.docs {
		if b.Col.GBK {
			paths = append(paths, b.Path)
			titles[b.Path] = b.Title
		}
	}
	if len(titles) < 4 {
		t.Fatalf("%d GBK documents", len(titles))
	}
	for _, p := range paths {
		f := get(t, srv, p)
		mt, params, err := mime.ParseMediaType(f.ctype)
		if err != nil || mt != "text/html" || params["charset"] != "" {
			t.Errorf("%s: Content-Type %q, want text/html without charset", p, f.ctype)
		}
		if utf8.Valid(f.raw) {
			t.Errorf("%s: body is valid UTF-8, want GBK bytes", p)
		}
		if !strings.Contains(string(f.raw), `charset=gb2312`) {
			t.Errorf("%s: no gb2312 <meta>", p)
		}
		if !strings.Contains(f.text, "部门行政规范性文件") {
			t.Errorf("%s: decoded text lacks the column name", p)
		}
		if title := titles[p]; title != "" {
			if !strings.Contains(f.text, "<h1 class=\"article-title\">"+title+"</h1>") {
				t.Errorf("%s: decoded page lacks its title", p)
			}
			if strings.Contains(string(f.raw), title) {
				t.Errorf("%s: title readable as UTF-8", p)
			}
		}
	}
}

func TestServing(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	f := get(t, srv, "/robots.txt")
	if f.status != 200 || !strings.Contains(f.text, "Disallow: /search/") || !strings.Contains(f.text, "User-agent: *") {
		t.Errorf("robots.txt: %d %q", f.status, f.text)
	}
	if f := get(t, srv, "/zwgk/no-such-page.html"); f.status != http.StatusNotFound || !strings.Contains(f.text, "页面不存在") {
		t.Errorf("unknown path: %d", f.status)
	}
	// a directory without its slash redirects (the client follows)
	resp, err := srv.Client().Get(srv.URL + "/zwgk/gfxwj")
	if err != nil || resp.StatusCode != 200 || resp.Request.URL.Path != "/zwgk/gfxwj/" {
		t.Errorf("redirect: %v %v", err, resp)
	}
	resp.Body.Close()
	if a, b := get(t, srv, "/zwgk/gfxwj/"), get(t, srv, "/zwgk/gfxwj/index.html"); !bytes.Equal(a.raw, b.raw) {
		t.Error("/zwgk/gfxwj/ and index.html differ")
	}
	req, _ := http.NewRequest(http.MethodHead, srv.URL+"/", nil)
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != 200 || resp.Header.Get("Last-Modified") == "" {
		t.Errorf("HEAD /: %v %v", err, resp)
	}
	// conditional GET by ETag (incremental crawls)
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/zwgk/gfxwj/", nil)
	first, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	first.Body.Close()
	req.Header.Set("If-None-Match", first.Header.Get("ETag"))
	if resp, err := srv.Client().Do(req); err != nil || first.Header.Get("ETag") == "" || resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %v %v", err, resp)
	}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/", nil)
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %v %v", err, resp)
	}
	home := get(t, srv, "/")
	for _, want := range []string{`name="SiteName" content="青岚县人民政府"`, `name="SiteDomain"`, `name="SiteIDCode" content="4399270001"`, `<a href="/zwgk/">政府信息公开</a>`} {
		if !strings.Contains(home.text, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
}

var absLinkRE = regexp.MustCompile(`(?:href|src)="(https?://[^"]+)"`)

// TestNoHostInInternalLinks: internal links are root-relative or relative (the port is
// unknown); only other sites are linked with a host.
func TestNoHostInInternalLinks(t *testing.T) {
	s := getSite()
	for p, r := range s.res {
		if !strings.HasPrefix(r.ctype, "text/html") {
			continue
		}
		for _, m := range absLinkRE.FindAllStringSubmatch(string(r.body), -1) {
			u, _ := url.Parse(m[1])
			if strings.Contains(u.Host, "qinglan") || u.Host == "127.0.0.1" || u.Host == "localhost" {
				t.Errorf("%s: absolute internal link %s", p, m[1])
			}
		}
	}
}

func TestDetailMetadata(t *testing.T) {
	s := getSite()
	for _, b := range s.docs {
		r := s.res[b.Path]
		body := string(r.body)
		if b.Col.GBK {
			continue // checked decoded in TestGBK
		}
		for _, name := range []string{"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType", "ArticleTitle", "PubDate", "ContentSource"} {
			has := strings.Contains(body, `<meta name="`+name+`" content="`)
			switch dropped := slices.Contains(hygieneDropMeta[b.Key], name); {
			case dropped && has:
				t.Errorf("%s: planted without %s, but has it", b.Path, name)
			case !dropped && !has:
				t.Errorf("%s: no %s meta", b.Path, name)
			}
		}
		if !strings.Contains(body, `<div class="TRS_Editor">`) {
			t.Errorf("%s: no TRS_Editor body", b.Path)
		}
	}
}

var (
	commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)
	// textMarkRE is a validity mark written in the text (施行 clause).
	textMarkRE = regexp.MustCompile(`有效期(至|为|\d|[一二三四五六七八九十]+年)`)
)

// TestValidityPlants checks the 有效性 cases against the rendered pages, and that every
// background 规范性文件 shows a mark (so an unplanted finding is a false positive).
func TestValidityPlants(t *testing.T) {
	s := getSite()
	type verdict struct{ planted, violation bool }
	plants := map[string]verdict{}
	for _, b := range s.docs {
		for _, pl := range b.Expect {
			if pl.Rule == ruleRegdocValidity {
				plants[b.Key] = verdict{true, pl.Violation}
			}
		}
	}
	viol, look := 0, 0
	for _, b := range s.docs {
		v := plants[b.Key]
		if v.planted && v.violation {
			viol++
		} else if v.planted {
			look++
		}
		visible := commentRE.ReplaceAllString(s.decoded(t, b.Path), "")
		infoMark := b.Validity != "" && b.ValidityRow == rowShown
		textMark := textMarkRE.MatchString(b.Closing)
		if !isRegdocColumn(b.Col.Key) {
			if v.violation {
				t.Errorf("%s: regdoc-validity violation outside the 规范性文件 columns", b.Key)
			}
			continue
		}
		if v.violation {
			if infoMark || textMark {
				t.Errorf("%s: planted violation but the data has a mark", b.Key)
			}
			// Nothing on the visible page may read as a mark: the only 有效性 left is an
			// empty table cell or the word in prose.
			rest := strings.ReplaceAll(visible, "<th>有效性：</th><td></td>", "")
			rest = strings.ReplaceAll(rest, "针对性和有效性", "")
			for _, w := range []string{"有效性", "有 效 性", "有效期", "时效", "时　　效", "现行有效"} {
				if strings.Contains(rest, w) {
					t.Errorf("%s (%s): planted violation page shows %q", b.Key, b.Path, w)
				}
			}
			continue
		}
		if !infoMark && !textMark {
			t.Errorf("%s (%s): 规范性文件 without a 有效性 mark but no planted violation", b.Key, b.Path)
		}
		if infoMark && !strings.Contains(visible, b.Validity+"<") {
			t.Errorf("%s: mark %q not visible on the page", b.Key, b.Validity)
		}
		if textMark && !strings.Contains(visible, b.Closing) {
			t.Errorf("%s: closing clause not on the page", b.Key)
		}
	}
	if viol < 5 || look < 6 {
		t.Errorf("%d violations, %d look-alikes in the 规范性文件 columns", viol, look)
	}
}

// decoded returns a generated page as UTF-8.
func (s *site) decoded(t *testing.T, p string) string {
	r := s.res[p]
	rd, err := charset.NewReader(bytes.NewReader(r.body), r.ctype)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rd)
	return string(b)
}

func TestExpectations(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	type key struct{ rule, path string }
	seen := map[key]bool{}
	count := map[string][2]int{}
	for _, e := range Expectations() {
		k := key{e.Rule, e.Path}
		if seen[k] {
			t.Errorf("%s %s: listed twice", e.Rule, e.Path)
		}
		seen[k] = true
		if e.Note == "" {
			t.Errorf("%s %s: no Note", e.Rule, e.Path)
		}
		c := count[e.Rule]
		if e.Violation {
			c[0]++
		} else {
			c[1]++
		}
		count[e.Rule] = c
		want := http.StatusOK
		if e.Rule == ruleBrokenLink && e.Violation {
			want = http.StatusNotFound
		}
		if f := get(t, srv, e.Path); f.status != want {
			t.Errorf("%s %s: status %d, want %d", e.Rule, e.Path, f.status, want)
		}
	}
	for rule, min := range map[string][2]int{ruleRegdocValidity: {5, 6}, ruleRegdocPublishTimely: {4, 4}, ruleProactiveTimely: {3, 3}} {
		if c := count[rule]; c[0] < min[0] || c[1] < min[1] {
			t.Errorf("%s: %d violations and %d look-alikes, want ≥ %d and ≥ %d", rule, c[0], c[1], min[0], min[1])
		}
	}
	t.Logf("expectations per rule [violations look-alikes]: %v", count)
}

func TestDeterministic(t *testing.T) {
	a, err := build()
	if err != nil {
		t.Fatal(err)
	}
	b, err := build()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.res) != len(b.res) {
		t.Fatalf("%d vs %d resources", len(a.res), len(b.res))
	}
	for p, r := range a.res {
		if !bytes.Equal(r.body, b.res[p].body) || !r.mod.Equal(b.res[p].mod) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestAttachments: generated files open with ordinary readers.
func TestAttachments(t *testing.T) {
	s := getSite()
	docx, xlsx := 0, 0
	for p, r := range s.res {
		switch {
		case strings.HasSuffix(p, ".docx"):
			docx++
			zr, err := zip.NewReader(bytes.NewReader(r.body), int64(len(r.body)))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			found := false
			for _, f := range zr.File {
				found = found || f.Name == "word/document.xml"
			}
			if !found {
				t.Errorf("%s: no word/document.xml", p)
			}
		case strings.HasSuffix(p, ".xlsx"):
			xlsx++
			f, err := excelize.OpenReader(bytes.NewReader(r.body))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			rows, err := f.GetRows("Sheet1")
			if err != nil || len(rows) < 2 || len(rows[0]) < 3 {
				t.Errorf("%s: rows %v %v", p, rows, err)
			}
			f.Close()
		}
	}
	if docx == 0 || xlsx == 0 {
		t.Errorf("%d docx, %d xlsx", docx, xlsx)
	}
}

// TestAnnualReports: the generated reports add up (一 + 二 = 三(七) + 四 per column) and
// chain across years.
func TestAnnualReports(t *testing.T) {
	for i, r := range annualReports {
		var total counts
		for _, c := range r.Outcomes {
			for j := range total {
				total[j] += c[j]
			}
		}
		for _, k := range mapKeys(r.Outcomes) {
			if !isOutcome(k) {
				t.Errorf("%d: unknown outcome row %q", r.Year, k)
			}
		}
		for j := range total {
			if received := total[j] + r.CarryOut[j] - r.CarryIn[j]; received < 0 {
				t.Errorf("%d: negative 本年新收 in column %s", r.Year, applicants[j])
			}
		}
		if i > 0 && annualReports[i-1].CarryOut != r.CarryIn {
			t.Errorf("%d: 上年结转 %v ≠ %d 结转下年度 %v", r.Year, r.CarryIn, annualReports[i-1].Year, annualReports[i-1].CarryOut)
		}
		body := string(r.render())
		for _, h := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"} {
			if !strings.Contains(body, h) {
				t.Errorf("%d: section %s missing", r.Year, h)
			}
		}
	}
}

func mapKeys(m map[string]counts) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func isOutcome(k string) bool {
	for _, o := range outcomeRows {
		if o.Label == k || (o.Label == "" && o.Group == k) {
			return true
		}
	}
	return false
}
