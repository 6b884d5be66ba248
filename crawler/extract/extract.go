// Package extract turns one HTML page of a government site into page facts: the national
// metadata, the info table/box, dates, 文号, 发布机构, 有效性, main text, tables, links,
// attachments, list entries and the list's other pages. It does no I/O.
//
// Everything is read from the parsed DOM (golang.org/x/net/html), never from the raw
// bytes, so content inside HTML comments does not exist for any extractor. The only
// raw text read is that of <script> elements (pagination calls, Hanweb datastores),
// and the Hanweb reader drops XML comments itself.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxText caps Page.Text (bytes of UTF-8, cut at a rune boundary).
const MaxText = 1 << 20

// Result is what one page yields.
type Result struct {
	// Page has everything but Kind, Column*, Status, Hash, ETag, LastModified, FetchedAt,
	// which the crawler sets.
	Page *facts.Page
	// Pagination holds the absolute URLs of the other pages of the same list, in page order,
	// as far as the page reveals them (TRS createPageHTML/countPage: all of them; a plain
	// "下一页" link: the next one).
	Pagination []string
	// Breadcrumb is the 当前位置 trail, outermost first, e.g. [首页 政府信息公开 规范性文件].
	Breadcrumb []string
	// List and Detail are the page's shape: a listing of dated entries, or a document.
	List, Detail bool
	// Hanweb describes a Hanweb JCMS jpage list (records in <script type="text/xml">);
	// nil when the page has none. Its further pages need POSTs to dataproxy.jsp.
	Hanweb *HanwebList
	// GkmlptSID is the site id of a Guangdong gkmlpt portal (window._CONFIG.SID), used
	// in /gkmlpt/api/all/{catId}?page=N&sid=SID; "" when absent.
	GkmlptSID string
}

// mark flags a subtree; flags are inherited by descendants during walks.
type mark uint8

const (
	mChrome mark = 1 << iota // nav bars, menus, footers, copyright blocks
	mForm                    // forms: search boxes carry labels like 索引号 with no value
	mBody                    // the article body
	mInfo                    // the info box
	mList                    // a listing of entries
)

// doc is one page under extraction.
type doc struct {
	root      *html.Node
	page      *url.URL
	base      *url.URL // <base href> resolved against page
	marks     map[*html.Node]mark
	blockDesc map[*html.Node]bool // element has a block-level descendant
	scripts   []*html.Node
	body      *html.Node
	bodyByCSS bool // body found by a known CMS container rather than by text density
}

// HTML extracts facts from a page body already decoded to UTF-8. It fails only when
// the body cannot be parsed at all; a page it understands little of gives a Result
// with little in it.
func HTML(u *url.URL, body []byte) (*Result, error) {
	if u == nil {
		u = &url.URL{}
	}
	if isDatastore(body) {
		return datastoreResult(u, body), nil
	}
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		// The parser refuses nesting deeper than 512 open elements (see flatten).
		if root, err = html.Parse(bytes.NewReader(flatten(body))); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	return newDoc(u, root).extract(), nil
}

// extract runs the extractors in dependency order: the article body and the listings
// are found first, so the info box is not looked for inside them; the info box is
// found before the text, so the text leaves it out.
func (d *doc) extract() *Result {
	p := &facts.Page{URL: d.page.String()}
	r := &Result{Page: p}

	p.Meta = d.meta()
	p.Platform = d.platform()

	d.body = d.bodyBySelector()
	d.bodyByCSS = d.body != nil
	items, listScore := d.listItems()
	hw, hwItems := d.hanweb()
	items = appendItems(items, hwItems)
	r.Hanweb = hw

	info := d.infoBox()
	if d.body == nil {
		d.body = d.bodyByDensity()
	}
	if d.body != nil {
		d.marks[d.body] |= mBody
	}
	p.Text = d.mainText()
	p.Fields = info.fields
	if sig := signatureDate(p.Text); sig != "" {
		setField(&p.Fields, LabelSignature, sig)
	}
	p.Title = d.title(p.Meta, p.Fields)
	fillTyped(p, info)

	p.Tables = d.tables()
	p.Links, p.Attachments = d.links(hwItems)
	r.Pagination = d.pagination()
	r.Breadcrumb = d.breadcrumb()
	r.GkmlptSID = d.gkmlptSID()

	r.List, r.Detail = shape(d.page, p, info, listScore+hanwebScore(hw), len(items), len(r.Pagination) > 0, d.bodyByCSS)
	if r.List {
		p.Items = items
		return r
	}
	// A document's own dates and marks; on a listing, a date under the column title
	// is an entry's and a "有效期" in its text is not the page's.
	if p.Published.IsZero() {
		if dt, ok := d.publishedNearTitle(p.Title); ok {
			p.Published, p.PublishedSource = dt, "text"
		}
	}
	if p.Validity == "" {
		if v := validityInText(p.Text); v != "" {
			p.Validity, p.ValiditySource = v, "text"
		}
	}
	return r
}

// datastoreResult is the Result of a bare Hanweb datastore (a dataproxy.jsp reply).
func datastoreResult(u *url.URL, body []byte) *Result {
	hw, items := HanwebXML(u, body)
	p := &facts.Page{URL: u.String(), Platform: PlatformHanweb, Items: items}
	for _, it := range items {
		p.Links = append(p.Links, facts.Link{URL: it.URL, Text: it.Title, Area: "content"})
	}
	return &Result{Page: p, Hanweb: hw, List: true}
}

var (
	detailURLRe = regexp.MustCompile(`/t(?:19|20)\d{6}_\d+\.s?html?$|/art_\d+_\d+\.html$|/content_\d+\.s?html?$|/post_\d+\.html$|/(?:detail|info|article|content)[_/-]?\d+`)
	listURLRe   = regexp.MustCompile(`/$|/index(?:_\d+)?\.s?html?$|/col/col\d+/|list`)
)

// shape weighs the signs of a document against those of a listing.
func shape(u *url.URL, p *facts.Page, info infoResult, listScore, items int, paged, bodyByCSS bool) (list, detail bool) {
	ds := 0
	if detailURLRe.MatchString(u.Path) {
		ds += 2
	}
	if p.Meta["ArticleTitle"] != "" {
		ds += 2
	}
	if info.accepted {
		ds += 2
	}
	if n := runeLen(p.Text); bodyByCSS && n >= 100 {
		ds += 2
	} else if n >= 500 {
		ds++
	}
	ls := listScore
	if paged {
		ls += 2
	}
	if listURLRe.MatchString(strings.ToLower(u.Path)) {
		ls++
	}
	switch {
	case ls > ds && (items > 0 || paged):
		return true, false
	case ds >= 2 && ds >= ls:
		return false, true
	}
	return false, false
}

func newDoc(u *url.URL, root *html.Node) *doc {
	d := &doc{root: root, page: u, base: u, marks: map[*html.Node]mark{}, blockDesc: map[*html.Node]bool{}}
	var order []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		order = append(order, n)
		switch {
		case n.DataAtom == atom.Script:
			d.scripts = append(d.scripts, n)
		case n.DataAtom == atom.Base && d.base == u:
			if b := strings.TrimSpace(attr(n, "href")); b != "" {
				if bu, err := u.Parse(b); err == nil {
					d.base = bu
				}
			}
		case n.DataAtom == atom.Form:
			d.marks[n] |= mForm
		}
		if isChrome(n) {
			d.marks[n] |= mChrome
		}
		return true
	})
	// Post-order over the pre-order list: a node's children come after it.
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		if p := n.Parent; p != nil && (isBlock(n) || d.blockDesc[n]) {
			d.blockDesc[p] = true
		}
	}
	return d
}

// chromeWords name page chrome in class and id attributes (sx-navs, topmenu, footer_bg,
// copyright …). "header", "top" and "bottom" are deliberately not here: info boxes
// live in elements named like that (Handan's <div class="top cf">, article-bottom).
var chromeWords = []string{"nav", "menu", "footer", "foot", "copyright", "banquan", "sitemap", "daohang", "breadcrumb", "crumb"}

func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer:
		return true
	}
	if strings.EqualFold(attr(n, "role"), "navigation") {
		return true
	}
	for _, t := range nameTokens(n) {
		for _, w := range chromeWords {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}

// textBlocks calls fn for every block element, with the marks inherited from its
// ancestors. Callers read a block's own text (ownLines): the text not inside a nested
// block, so that mixed content (<div>text<p>…</p></div>) is read once, by the block
// that holds it.
func (d *doc) textBlocks(fn func(n *html.Node, in mark)) {
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		if isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if n == d.body {
			in |= mBody
		}
		if isBlock(n) {
			fn(n, in)
		}
		return in, true
	})
}

// resolve turns an href into an absolute URL without fragment, or "" for hrefs that
// lead nowhere fetchable (javascript:, mailto:, tel:, fragment-only).
func (d *doc) resolve(href string) string {
	h := strings.TrimSpace(href)
	if h == "" || strings.HasPrefix(h, "#") {
		return ""
	}
	low := strings.ToLower(h)
	for _, s := range []string{"javascript:", "mailto:", "tel:", "data:", "vbscript:", "about:", "sms:", "file:"} {
		if strings.HasPrefix(low, s) {
			return ""
		}
	}
	// Old CMS templates write Windows paths (..\images\a.jpg).
	h = strings.ReplaceAll(h, `\`, "/")
	v, err := d.base.Parse(h)
	if err != nil || (v.Scheme != "http" && v.Scheme != "https" && v.Scheme != "") {
		return ""
	}
	v.Fragment, v.RawFragment = "", ""
	return v.String()
}

func setField(m *map[string]string, k, v string) {
	if *m == nil {
		*m = map[string]string{}
	}
	if _, ok := (*m)[k]; !ok {
		(*m)[k] = v
	}
}

// fillTyped sets the typed Page fields from the info box (and the national metadata).
func fillTyped(p *facts.Page, info infoResult) {
	f := p.Fields
	get := func(k string) (string, bool) {
		v, ok := f[k]
		return v, ok && !absentValue(v)
	}
	// 发布日期: the info box, then the PubDate meta, then a byline (发布时间：…).
	pub, hasPub := get(LabelPublished)
	if dt, ok := facts.ParseDate(pub); ok && hasPub && info.accepted {
		p.Published, p.PublishedSource = dt, "info"
	} else if dt, ok := facts.ParseDate(p.Meta["PubDate"]); ok {
		p.Published, p.PublishedSource = dt, "meta"
	} else if dt, ok := facts.ParseDate(pub); ok && hasPub {
		p.Published, p.PublishedSource = dt, "text"
	}
	if !info.accepted {
		return
	}
	if v, ok := get(LabelWritten); ok {
		if dt, ok := facts.ParseDate(v); ok {
			p.Written, p.WrittenSource = dt, "info"
		}
	}
	if v, ok := get(LabelDocNumber); ok {
		p.DocNumber = v
	}
	if v, ok := get(LabelIndexNo); ok {
		p.IndexNo = v
	}
	if v, ok := get(LabelIssuer); ok {
		p.Issuer = v
	} else if v, ok := get(LabelSource); ok && p.IndexNo != "" {
		// In a 信息公开 header (it has a 索引号), 信息来源 is the publishing organ.
		p.Issuer = v
	}
	// An empty 有效性 row next to a filled 有效期 row (two synonyms shown): the filled
	// one is the mark.
	for _, k := range validityKeys {
		if v, ok := get(k); ok {
			p.Validity, p.ValiditySource = v, "info"
			break
		}
	}
}
