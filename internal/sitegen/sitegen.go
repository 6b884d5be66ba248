// Package sitegen serves a generated county government website for tests and
// benchmarks: a home page, the 政府信息公开 portal, columns named by the rules'
// vocabulary whose lists page in TRS style (createPageHTML, index_N.html, 20 entries a
// page) and detail pages with a TRS info box (索引号, 发布机构, 文号, 成文日期, 发布日期,
// 有效性). Everything is computed from the page's path, so a 20,000-page site costs no
// memory, and the same Config always gives the same site, byte for byte.
//
// The server honours conditional requests (ETag / If-None-Match, Last-Modified /
// If-Modified-Since, through http.ServeContent) unless Config.NoValidators, and counts
// requests, body bytes and 304s (Stats), so that incremental re-audits can be measured
// from the server's side. Edit changes one document between two audits.
//
// Some documents break the rules on purpose, deterministically: in 行政规范性文件 every
// 9th has no 有效性 and every 11th is published 30 days after it was signed; in the
// other columns that need a 成文日期 every 13th is published 60 days late. So an audit of
// a generated site has findings to compare between runs.
//
// Config.Traps adds a section of hostile pages under /trap/ (see traps.go): infinite
// URL spaces, slow, broken and oversized answers, soft 404s, redirects out of scope.
// Site.PageCount counts the pages a crawl should reach, traps excluded.
package sitegen

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// AsOf is the date the generated content is current at: every date is on or before it.
const AsOf = "2026-06-30"

// Config describes a generated site.
type Config struct {
	Docs    int // documents (detail pages); default 2000
	Columns int // columns the documents are spread over (1..8); default 8
	PerPage int // entries per list page; default 20
	// NoValidators: send neither ETag nor Last-Modified (a server that only allows
	// hash-based change detection).
	NoValidators bool
	// Latency delays every answer (to make a crawl last long enough to be killed).
	Latency time.Duration
	// Traps adds the /trap/ section; OffsiteURL is where its off-scope redirects and links
	// point (a server the test watches for requests; "" for http://offsite.invalid/).
	Traps      bool
	OffsiteURL string
}

// column is one disclosure column of the generated site.
type column struct {
	slug, name string
	issuer     string
	series     string // 文号 series
	regdoc     bool   // 行政规范性文件: 有效性 shown (or not), 3-working-day deadline
	written    bool   // shows a 成文日期 (the timeliness rules need one)
}

var allColumns = []column{
	{slug: "gfxwj", name: "行政规范性文件", issuer: "某县人民政府办公室", series: "某政办规", regdoc: true, written: true},
	{slug: "zcwj", name: "政策文件", issuer: "某县人民政府", series: "某政发", written: true},
	{slug: "zcjd", name: "政策解读", issuer: "某县司法局"},
	{slug: "tzgg", name: "通知公告", issuer: "某县人民政府办公室"},
	{slug: "rsxx", name: "人事信息", issuer: "某县人力资源和社会保障局"},
	{slug: "ghjh", name: "规划计划", issuer: "某县发展和改革局", series: "某发改", written: true},
	{slug: "czyjs", name: "财政预决算", issuer: "某县财政局"},
	{slug: "gzdt", name: "工作动态", issuer: "某县人民政府办公室"},
}

// Site is a generated site; it is an http.Handler.
type Site struct {
	cfg   Config
	cols  []column
	asOf  time.Time
	epoch time.Time // Last-Modified of pages that are not documents

	requests, bytes, notModified atomic.Int64

	mu       sync.Mutex
	edits    map[int]int // document index → version (Edit)
	busySeen bool        // /trap/busy answered 429 once
	hung     chan struct{}
	closeMu  sync.Once
}

// Stats are what the server saw.
type Stats struct {
	Requests    int64 // requests answered (any status)
	Bytes       int64 // body bytes written
	NotModified int64 // 304 answers
}

// New returns the site cfg describes.
func New(cfg Config) *Site {
	if cfg.Docs <= 0 {
		cfg.Docs = 2000
	}
	if cfg.Columns <= 0 || cfg.Columns > len(allColumns) {
		cfg.Columns = len(allColumns)
	}
	if cfg.PerPage <= 0 {
		cfg.PerPage = 20
	}
	if cfg.OffsiteURL == "" {
		cfg.OffsiteURL = "http://offsite.invalid/"
	}
	asOf, _ := time.ParseInLocation("2006-01-02", AsOf, shanghai)
	return &Site{cfg: cfg, cols: allColumns[:cfg.Columns], asOf: asOf,
		epoch: asOf.Add(-24 * time.Hour), edits: map[int]int{}, hung: make(chan struct{})}
}

var shanghai = time.FixedZone("CST", 8*3600)

// Stats returns the counts since the last ResetStats.
func (s *Site) Stats() Stats {
	return Stats{Requests: s.requests.Load(), Bytes: s.bytes.Load(), NotModified: s.notModified.Load()}
}

// ResetStats zeroes the counts.
func (s *Site) ResetStats() {
	s.requests.Store(0)
	s.bytes.Store(0)
	s.notModified.Store(0)
}

// Close releases the handlers that hold connections open on purpose (traps); call it
// before closing the server.
func (s *Site) Close() { s.closeMu.Do(func() { close(s.hung) }) }

// Edit changes document i (0 ≤ i < Docs): a sentence is added to its text, so its body,
// validators and Text change; its other facts stay.
func (s *Site) Edit(i int) {
	s.mu.Lock()
	s.edits[i]++
	s.mu.Unlock()
}

func (s *Site) version(i int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edits[i]
}

// perColumn is the number of documents of column c.
func (s *Site) perColumn(c int) int {
	n := s.cfg.Docs / len(s.cols)
	if c < s.cfg.Docs%len(s.cols) {
		n++
	}
	return n
}

func (s *Site) listPages(c int) int {
	return max(1, (s.perColumn(c)+s.cfg.PerPage-1)/s.cfg.PerPage)
}

// PageCount is the number of pages of the site a complete crawl reaches: home, portal,
// list pages, documents (the /trap/ section not included).
func (s *Site) PageCount() int {
	n := 2 + s.cfg.Docs
	for c := range s.cols {
		n += s.listPages(c)
	}
	return n
}

// DocPath is the URL path of document i.
func (s *Site) DocPath(i int) string {
	d := s.doc(i)
	return d.path
}

// doc is one document.
type doc struct {
	i, c, k          int // index, column, index within the column (0 = newest)
	col              column
	path             string
	title            string
	pub, written     time.Time
	noValidity, late bool
}

func (s *Site) doc(i int) doc {
	c := i % len(s.cols)
	k := i / len(s.cols)
	col := s.cols[c]
	// Newest first; the whole column spans about five years before AsOf.
	daysAgo := k * 1800 / max(s.perColumn(c), 1)
	pub := s.asOf.AddDate(0, 0, -daysAgo)
	d := doc{i: i, c: c, k: k, col: col, pub: pub, written: pub}
	switch {
	case col.regdoc && k%9 == 4:
		d.noValidity = true
	}
	switch {
	case col.regdoc && k%11 == 5:
		d.written, d.late = pub.AddDate(0, 0, -30), true
	case col.written && !col.regdoc && k%13 == 6:
		d.written, d.late = pub.AddDate(0, 0, -60), true
	}
	id := 6400000 + i
	d.path = fmt.Sprintf("/xxgk/%s/%s/t%s_%d.html", col.slug, pub.Format("200601"), pub.Format("20060102"), id)
	d.title = fmt.Sprintf("%s关于%s的通知", col.issuer, topics[i%len(topics)]+"（第"+strconv.Itoa(k+1)+"号）")
	if col.regdoc {
		d.title = fmt.Sprintf("%s关于印发《某县%s管理办法》的通知", col.issuer, topics[i%len(topics)])
	}
	return d
}

var topics = []string{
	"农村集体经济组织财务", "养老服务补贴", "城乡供水", "校外培训机构监督", "城区停车收费", "建筑垃圾处置",
	"公共资源交易", "政府投资项目", "耕地保护补偿", "城市绿化", "医疗救助", "住房保障",
	"地名", "河道采砂", "餐厨垃圾", "户外广告设置", "应急物资储备", "政务数据共享",
}

var paragraphs = []string{
	"为了进一步规范相关工作，提高行政效能，保障人民群众合法权益，根据有关法律法规和上级文件精神，结合本县实际，制定本办法。",
	"各乡镇人民政府、街道办事处，县直各单位要高度重视，加强组织领导，明确责任分工，确保各项措施落到实处。",
	"本办法所称的主管部门，是指县人民政府确定的负责相关工作的行政机关，其他有关部门按照各自职责做好相关工作。",
	"县财政局应当将所需经费纳入年度预算，加强资金监管，提高资金使用效益，任何单位和个人不得截留、挤占、挪用。",
	"对在工作中做出显著成绩的单位和个人，按照有关规定给予表彰；对违反本办法规定的，依法依规追究相关责任。",
	"各单位应当建立健全信息报送制度，每季度末将工作开展情况报送县人民政府办公室，遇有重大情况随时报告。",
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if s.cfg.Latency > 0 {
		select {
		case <-time.After(s.cfg.Latency):
		case <-r.Context().Done():
			return
		}
	}
	cw := &countingWriter{ResponseWriter: w, site: s}
	if s.cfg.Traps && (strings.HasPrefix(r.URL.Path, "/trap/") || r.URL.Path == "/robots.txt") {
		s.serveTrap(cw, r)
		return
	}
	body, mod, ok := s.page(r.URL.Path)
	if !ok {
		cw.Header().Set("Content-Type", "text/html; charset=utf-8")
		cw.WriteHeader(http.StatusNotFound)
		fmt.Fprint(cw, shell("页面不存在", "", `<div class="message"><h1>404 页面不存在</h1><p>对不起，您访问的页面不存在或已被删除。</p></div>`))
		return
	}
	cw.Header().Set("Content-Type", "text/html; charset=utf-8")
	cw.Header().Set("Server", "TRS WCM")
	if s.cfg.NoValidators {
		// ServeContent sends Last-Modified only for a non-zero time, and no ETag unless set.
		http.ServeContent(cw, r, "", time.Time{}, bytes.NewReader(body))
		return
	}
	cw.Header().Set("ETag", etag(body))
	http.ServeContent(cw, r, "", mod, bytes.NewReader(body))
}

func etag(body []byte) string {
	h := fnv.New64a()
	h.Write(body)
	return `"` + strconv.FormatUint(h.Sum64(), 36) + `"`
}

// countingWriter counts body bytes and 304s.
type countingWriter struct {
	http.ResponseWriter
	site *Site
}

func (c *countingWriter) WriteHeader(code int) {
	if code == http.StatusNotModified {
		c.site.notModified.Add(1)
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.site.bytes.Add(int64(n))
	return n, err
}

func (c *countingWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection (traps hijack it).
func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// page renders the page at path.
func (s *Site) page(path string) (body []byte, mod time.Time, ok bool) {
	switch path {
	case "/", "/index.html":
		return []byte(s.home()), s.epoch, true
	case "/xxgk/", "/xxgk/index.html":
		return []byte(s.portal()), s.epoch, true
	}
	rest, found := strings.CutPrefix(path, "/xxgk/")
	if !found {
		return nil, time.Time{}, false
	}
	slug, file, _ := strings.Cut(rest, "/")
	c := s.column(slug)
	if c < 0 {
		return nil, time.Time{}, false
	}
	switch {
	case file == "index.html":
		return []byte(s.list(c, 0)), s.epoch, true
	case strings.HasPrefix(file, "index_") && strings.HasSuffix(file, ".html"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(file, "index_"), ".html"))
		if err != nil || n <= 0 || n >= s.listPages(c) {
			return nil, time.Time{}, false
		}
		return []byte(s.list(c, n)), s.epoch, true
	}
	// A document: …/yyyymm/tyyyymmdd_ID.html
	_, name, _ := strings.Cut(file, "/")
	_, idPart, ok := strings.Cut(strings.TrimSuffix(name, ".html"), "_")
	id, err := strconv.Atoi(idPart)
	if !ok || err != nil {
		return nil, time.Time{}, false
	}
	i := id - 6400000
	if i < 0 || i >= s.cfg.Docs || i%len(s.cols) != c {
		return nil, time.Time{}, false
	}
	d := s.doc(i)
	if d.path != path {
		return nil, time.Time{}, false
	}
	v := s.version(i)
	return []byte(s.detail(d, v)), d.pub.Add(time.Duration(v) * time.Hour), true
}

func (s *Site) column(slug string) int {
	for i, c := range s.cols {
		if c.slug == slug {
			return i
		}
	}
	return -1
}

const nav = `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li>` +
	`<li><a href="/xxgk/zcjd/index.html">政策解读</a></li></ul></div>`

const footer = `<div class="footer"><p><a href="/">网站首页</a>|<a href="/xxgk/">政府信息公开</a></p>` +
	`<p>主办单位：某县人民政府办公室　　网站标识码：4399270009</p></div>`

// shell wraps a page body in the site's chrome.
func shell(title, metas, main string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />`)
	b.WriteString(`<meta name="SiteName" content="某县人民政府" /><meta name="SiteDomain" content="www.example.gov.cn" />`)
	b.WriteString(metas)
	b.WriteString("<title>" + html.EscapeString(title) + "_某县人民政府</title></head><body>")
	b.WriteString(`<div class="header"><a href="/" class="logo">某县人民政府</a></div>`)
	b.WriteString(nav)
	b.WriteString(main)
	b.WriteString(footer)
	b.WriteString("</body></html>")
	return b.String()
}

func (s *Site) home() string {
	var b strings.Builder
	b.WriteString(`<div class="main"><div class="block"><h2><a href="/xxgk/">政府信息公开</a></h2><ul>`)
	for i := 0; i < min(8, s.cfg.Docs); i++ {
		d := s.doc(i)
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span>%s</span></li>`, d.path, html.EscapeString(d.title),
			html.EscapeString(d.title), d.pub.Format("2006-01-02"))
	}
	b.WriteString(`</ul></div>`)
	if s.cfg.Traps {
		b.WriteString(`<div class="block"><h2>专题专栏</h2><ul><li><a href="/trap/">专题专栏</a></li></ul></div>`)
	}
	b.WriteString(`</div>`)
	return shell("首页", "", b.String())
}

func (s *Site) crumb(extra string) string {
	return `<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a>` + extra + `</div>`
}

func (s *Site) sideTree() string {
	var b strings.Builder
	b.WriteString(`<div class="xxgk-side"><div class="side-title"><a href="/xxgk/">政府信息公开</a></div><ul class="side-tree">`)
	for _, c := range s.cols {
		fmt.Fprintf(&b, `<li><a href="/xxgk/%s/index.html">%s</a></li>`, c.slug, c.name)
	}
	b.WriteString(`</ul></div>`)
	return b.String()
}

func (s *Site) portal() string {
	return shell("政府信息公开", `<meta name="ColumnName" content="政府信息公开" />`,
		s.crumb("")+`<div class="xxgk">`+s.sideTree()+`<div class="xxgk-main"><h1>政府信息公开</h1></div></div>`)
}

// list renders page n of column c's list (TRS table list, createPageHTML pager).
func (s *Site) list(c, n int) string {
	col := s.cols[c]
	var b strings.Builder
	b.WriteString(s.crumb(fmt.Sprintf(` &gt; <a href="/xxgk/%s/index.html">%s</a>`, col.slug, col.name)))
	b.WriteString(`<div class="xxgk">` + s.sideTree() + `<div class="xxgk-main">`)
	fmt.Fprintf(&b, `<div class="sx-c1-title"><h1>%s</h1></div><table class="xxgk-list"><tbody>`, col.name)
	b.WriteString(`<tr><th>名称</th><th>索引号</th><th>发布机构</th><th>发布日期</th></tr>`)
	per := s.perColumn(c)
	for j := n * s.cfg.PerPage; j < min(per, (n+1)*s.cfg.PerPage); j++ {
		d := s.doc(j*len(s.cols) + c)
		fmt.Fprintf(&b, `<tr><td><a href="%s" title="%s" target="_blank">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			d.path, html.EscapeString(d.title), html.EscapeString(d.title), s.indexNo(d), col.issuer, d.pub.Format("2006-01-02"))
	}
	b.WriteString(`</tbody></table>`)
	fmt.Fprintf(&b, `<script type="text/javascript">createPageHTML(%d, %d, "index", "html");</script>`, s.listPages(c), n)
	b.WriteString(`</div></div>`)
	return shell(col.name, `<meta name="ColumnName" content="`+col.name+`" />`, b.String())
}

func (s *Site) indexNo(d doc) string {
	return fmt.Sprintf("114399270061872361/%d-%05d", d.pub.Year(), d.i%100000)
}

// detail renders document d at version v.
func (s *Site) detail(d doc, v int) string {
	col := d.col
	var b strings.Builder
	b.WriteString(s.crumb(fmt.Sprintf(` &gt; <a href="/xxgk/%s/index.html">%s</a> &gt; <span>正文</span>`, col.slug, col.name)))
	b.WriteString(`<div class="xxgk-detail"><div class="top"><div class="top-l">`)
	fmt.Fprintf(&b, `<p><strong>索引号</strong>：%s</p><p><strong>发布机构</strong>：%s</p><p><strong>名称</strong>：%s</p>`,
		s.indexNo(d), col.issuer, html.EscapeString(d.title))
	if col.series != "" {
		fmt.Fprintf(&b, `<p><strong>文号</strong>：%s〔%d〕%d号</p>`, col.series, d.written.Year(), d.k%97+1)
	}
	b.WriteString(`</div><div class="top-r">`)
	if col.written {
		fmt.Fprintf(&b, `<p><strong>成文日期</strong>：%s</p>`, d.written.Format("2006年01月02日"))
	}
	fmt.Fprintf(&b, `<p><strong>发布日期</strong>：%s</p>`, d.pub.Format("2006年01月02日"))
	if col.regdoc && !d.noValidity {
		b.WriteString(`<p><strong>有效性</strong>：有效</p>`)
	}
	b.WriteString(`</div></div><div class="article">`)
	fmt.Fprintf(&b, `<h1 class="article-title">%s</h1><div class="article-info"><span>发布时间：%s　　来源：%s</span></div>`,
		html.EscapeString(d.title), d.pub.Format("2006-01-02 15:04"), col.issuer)
	b.WriteString(`<div class="TRS_Editor">`)
	for p := 0; p < 12; p++ {
		fmt.Fprintf(&b, `<p style="text-indent: 2em;">第%s条　%s</p>`, strconv.Itoa(p+1), paragraphs[(d.i+p)%len(paragraphs)])
	}
	if v > 0 {
		fmt.Fprintf(&b, `<p>（本页于第%d次更新时校对了文字。）</p>`, v)
	}
	fmt.Fprintf(&b, `<p style="text-align: right;">%s</p><p style="text-align: right;">%s</p>`, col.issuer, d.written.Format("2006年1月2日"))
	b.WriteString(`</div></div></div>`)
	metas := fmt.Sprintf(`<meta name="ColumnName" content="%s" /><meta name="ArticleTitle" content="%s" /><meta name="PubDate" content="%s" />`,
		col.name, html.EscapeString(d.title), d.pub.Format("2006-01-02 15:04"))
	return shell(d.title, metas, b.String())
}
