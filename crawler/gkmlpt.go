package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

// Guangdong's 政府信息公开目录管理平台 (gkmlpt) is a single-page app. What the walk
// sees:
//
//	/gkmlpt/index            window._CONFIG = {SID: '755031', TREE: [{id, name, children,
//	                         post_count, jump_url?} …], …}: the catalogue's columns
//	/gkmlpt/api/all/{id}?page=N&sid=SID
//	                         JSON {total, classify: {post_count}, articles: [{id, title,
//	                         document_number, identifier, publisher, date, created_at,
//	                         display_publish_time, is_expired, is_abolished, url,
//	                         post_url, attachment: […], relation, classify_*_name …}]}
//	/gkmlpt/content/X/Y/post_ID.html
//	                         the document; its body and header are rendered by script
//	                         from _CONFIG.DETAIL, so the HTML itself holds little
//
// (a site may serve all of it under a prefix: /bmxxgk/gkmlpt/…). The walk turns the TREE
// into one list per category (the category's name gives the column kind through the
// vocabulary, a child without its own kind takes its parent's), reads every page of each
// listing until `total` is covered, and records each page as a list page whose Items
// carry the JSON facts under the canonical labels. Each article's entry carries those
// facts (Entry.Listed) to its detail page, where they fill what the page's HTML lacks,
// with source "json"; so does _CONFIG.DETAIL when the page has one.
//
// Validity (有效性): the platform marks a document it knows to be out of force —
// is_abolished → "已废止", is_expired → "已失效" — and those marks are recorded. It has
// no mark for "in force": is_expired = 0 is what every news item has too, and a reader
// of the page sees nothing. So no "有效" is invented from it: a 规范性文件 whose page
// shows no mark stays without one, which is what regdoc-validity is there to find.
//
// Dates: `date` (成文日期) and `display_publish_time` (发布日期) are epoch seconds on most
// sites and strings ("2023-05-30", "2023-05-30 09:30:00") on some; both are read, in
// Asia/Shanghai. created_at stands in for a missing display_publish_time.

const (
	maxGkmlptCategories = 2000
	gkmlptAPIPath       = "/gkmlpt/api/all/"
)

// gkmlptNode is one category of _CONFIG.TREE.
type gkmlptNode struct {
	ID        flexString   `json:"id"`
	Name      string       `json:"name"`
	Children  []gkmlptNode `json:"children"`
	PostCount flexInt      `json:"post_count"`
	JumpURL   string       `json:"jump_url"`
}

type gkmlptListing struct {
	Total    flexInt         `json:"total"`
	Articles []gkmlptArticle `json:"articles"`
	Classify *struct {
		Name      string  `json:"name"`
		PostCount flexInt `json:"post_count"`
	} `json:"classify"`
}

type gkmlptArticle struct {
	ID                 flexString      `json:"id"`
	Title              string          `json:"title"`
	DocumentNumber     string          `json:"document_number"`
	Identifier         string          `json:"identifier"`
	Publisher          string          `json:"publisher"`
	Date               flexTime        `json:"date"`
	DisplayPublishTime flexTime        `json:"display_publish_time"`
	CreatedAt          flexTime        `json:"created_at"`
	IsExpired          flexInt         `json:"is_expired"`
	IsAbolished        flexInt         `json:"is_abolished"`
	URL                string          `json:"url"`
	PostURL            string          `json:"post_url"`
	Attachment         json.RawMessage `json:"attachment"`
	Relation           json.RawMessage `json:"relation"`
	Keywords           string          `json:"keywords"`
	ClassifyThemeName  string          `json:"classify_theme_name"`
	ClassifyGenreName  string          `json:"classify_genre_name"`
	Content            string          `json:"content"` // _CONFIG.DETAIL only: the body as HTML
}

// flexString reads a JSON string or number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	*f = flexString(b)
	return nil
}

// flexInt reads a number, a numeric string or a boolean; anything else is 0.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	switch s {
	case "true":
		*f = 1
		return nil
	case "false", "", "null":
		*f = 0
		return nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		*f = 0 // a value we cannot read states nothing; the rest of the article still counts
		return nil
	}
	*f = flexInt(n)
	return nil
}

// flexTime reads epoch seconds (or milliseconds) as a number or numeric string, or a
// date string in any form facts.ParseDate knows.
type flexTime struct{ d facts.Date }

func (f *flexTime) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" || s == "0" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n > 1e11 {
			n /= 1000 // milliseconds
		}
		if n > 0 {
			f.d = facts.DateOf(time.Unix(n, 0).In(facts.Shanghai))
		}
		return nil
	}
	f.d, _ = facts.ParseDate(s)
	return nil
}

// gkmlptCategory is one listing to read.
type gkmlptCategory struct {
	id, name, kind string
	jump           string
}

// gkmlptCategories flattens the TREE: leaves, and parents with more posts than their
// children (documents filed directly under them). A child with no kind of its own takes
// its parent's.
func gkmlptCategories(nodes []gkmlptNode, parentKind string, vocab facts.Vocabulary, out []gkmlptCategory) []gkmlptCategory {
	for _, n := range nodes {
		if len(out) >= maxGkmlptCategories {
			return out
		}
		kind := vocab.Match(n.Name)
		if kind == "" {
			kind = parentKind
		}
		if n.JumpURL != "" {
			out = append(out, gkmlptCategory{name: n.Name, kind: kind, jump: n.JumpURL})
			continue
		}
		var childPosts flexInt
		for _, c := range n.Children {
			childPosts += c.PostCount
		}
		if n.ID != "" && (len(n.Children) == 0 || n.PostCount > childPosts) {
			out = append(out, gkmlptCategory{id: string(n.ID), name: n.Name, kind: kind})
		}
		out = gkmlptCategories(n.Children, kind, vocab, out)
	}
	return out
}

var (
	configRe    = regexp.MustCompile(`_CONFIG\s*=\s*\{`)
	treeKeyRe   = regexp.MustCompile(`["']?\bTREE["']?\s*:\s*\[`)
	detailKeyRe = regexp.MustCompile(`["']?\bDETAIL["']?\s*:\s*\{`)
	sidRe       = regexp.MustCompile(`["']?\bSID["']?\s*:\s*['"]?([\w-]{1,64})`)
)

// gkmlptConfig finds window._CONFIG in a page body and returns its SID, TREE and DETAIL
// (any may be missing).
func gkmlptConfig(body []byte) (sid string, tree []gkmlptNode, detail *gkmlptArticle) {
	loc := configRe.FindIndex(body)
	if loc == nil {
		return "", nil, nil
	}
	cfg := body[loc[1]-1:]
	if end := balancedEnd(cfg); end > 0 {
		cfg = cfg[:end]
	}
	if m := sidRe.FindSubmatch(cfg); m != nil {
		sid = string(m[1])
	}
	if l := treeKeyRe.FindIndex(cfg); l != nil {
		if raw := jsValue(cfg[l[1]-1:]); raw != nil {
			_ = json.Unmarshal(raw, &tree)
		}
	}
	if l := detailKeyRe.FindIndex(cfg); l != nil {
		if raw := jsValue(cfg[l[1]-1:]); raw != nil {
			var a gkmlptArticle
			if json.Unmarshal(raw, &a) == nil {
				detail = &a
			}
		}
	}
	return sid, tree, detail
}

// jsValue returns the JSON text of the JavaScript array or object literal at the start
// of b: the _CONFIG of some sites is JSON, of others a literal with unquoted keys,
// single-quoted strings and trailing commas.
func jsValue(b []byte) []byte {
	end := balancedEnd(b)
	if end <= 0 {
		return nil
	}
	lit := b[:end]
	if json.Valid(lit) {
		return lit
	}
	out := jsToJSON(lit)
	if !json.Valid(out) {
		return nil
	}
	return out
}

// balancedEnd is the length of the bracketed value at the start of b ([…] or {…}),
// strings respected; 0 when it does not close.
func balancedEnd(b []byte) int {
	depth := 0
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// jsToJSON rewrites a JavaScript literal as JSON: single-quoted strings double-quoted,
// bare keys quoted, trailing commas dropped.
func jsToJSON(b []byte) []byte {
	var out bytes.Buffer
	isIdent := func(c byte) bool {
		return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"' || c == '\'':
			q := c
			out.WriteByte('"')
			for i++; i < len(b) && b[i] != q; i++ {
				switch {
				case b[i] == '\\' && i+1 < len(b):
					if b[i+1] == '\'' {
						out.WriteByte('\'')
					} else {
						out.WriteByte('\\')
						out.WriteByte(b[i+1])
					}
					i++
				case b[i] == '"':
					out.WriteString(`\"`)
				default:
					out.WriteByte(b[i])
				}
			}
			out.WriteByte('"')
		case c == ',':
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t') {
				j++
			}
			if j < len(b) && (b[j] == ']' || b[j] == '}') {
				continue // trailing comma
			}
			out.WriteByte(c)
		case isIdent(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(b) && isIdent(b[j]) {
				j++
			}
			word := b[i:j]
			k := j
			for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
				k++
			}
			if k < len(b) && b[k] == ':' {
				out.WriteByte('"')
				out.Write(word)
				out.WriteByte('"')
			} else {
				out.Write(word) // true, false, null, numbers' exponents
			}
			i = j - 1
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}

// gkmlptIndex returns the listings of a page that carries the catalogue (TREE), one
// entry per category, and marks the page as the disclosure portal. It returns nil for
// any other page.
func (cr *crawl) gkmlptIndex(e Entry, page *url.URL, p *facts.Page, body []byte, res *extract.Result) []Entry {
	if len(body) == 0 || !bytes.Contains(body, []byte("_CONFIG")) {
		return nil
	}
	sid, tree, _ := gkmlptConfig(body)
	if sid == "" && res != nil {
		sid = res.GkmlptSID
	}
	if sid == "" || len(tree) == 0 {
		return nil
	}
	p.Platform = extract.PlatformGkmlpt
	if p.Kind != facts.KindHome {
		p.Kind = facts.KindPortal
		p.Column, p.ColumnName, p.ColumnURL, p.Columns = "", "", "", nil
	}
	prefix := "/gkmlpt/"
	if i := strings.Index(page.Path, "/gkmlpt/"); i >= 0 {
		prefix = page.Path[:i] + "/gkmlpt/"
	}
	var out []Entry
	for _, c := range gkmlptCategories(tree, "", cr.o.Vocabulary, nil) {
		ref := c.jump
		if ref == "" {
			ref = prefix + "api/all/" + url.PathEscape(c.id) + "?page=1&sid=" + url.QueryEscape(sid)
		}
		u, err := normalizeURL(page, ref)
		if err != nil || !cr.scope.has(u.Host) {
			continue
		}
		en := Entry{
			URL: u.String(), Priority: PriorityEntry, Depth: e.Depth + 1, Hint: facts.KindList,
			ColumnName: c.name, ColumnURL: u.String(), From: p.URL, Text: c.name,
		}
		if c.kind != "" {
			en.Priority, en.Column, en.Columns = PriorityColumn, c.kind, []string{c.kind}
		}
		if en.Depth <= cr.o.MaxDepth {
			out = append(out, en)
		}
	}
	return out
}

func isGkmlptAPI(u *url.URL) bool { return strings.Contains(u.Path, gkmlptAPIPath) }

// gkmlptListing turns a JSON listing into the list page it stands for, and returns the
// listing's other pages when this is its first.
func (cr *crawl) gkmlptListing(e Entry, final *url.URL, fr *fetchResult, p *facts.Page) []Entry {
	body := fr.Body
	if len(body) == 0 {
		body = fr.Raw
	}
	var l gkmlptListing
	if err := json.Unmarshal(bytes.TrimSpace(body), &l); err != nil {
		cr.log.Warn("gkmlpt listing is not JSON", "url", final.String(), "err", err)
		return nil
	}
	p.Platform = extract.PlatformGkmlpt
	p.Kind = facts.KindList
	p.Title = e.ColumnName
	if p.Title == "" && l.Classify != nil {
		p.Title = l.Classify.Name
	}
	colURL := e.ColumnURL
	if colURL == "" {
		colURL = final.String()
	}
	p.Items, p.Links = nil, nil
	var out []Entry
	for _, a := range l.Articles {
		it, ok := a.item(final)
		if !ok {
			continue
		}
		p.Items = append(p.Items, it)
		p.Links = append(p.Links, facts.Link{URL: it.URL, Text: it.Title, Area: "content"})
		// The article's entry, as the walk makes it for any list entry (walk.go), with
		// the listing's facts for its page. Pushed before the walk's own entry for the
		// same URL, so a frontier that keeps the first push keeps the facts.
		u, err := normalizeURL(nil, it.URL)
		if err != nil || !cr.scope.has(u.Host) || e.Depth+1 > cr.o.MaxDepth {
			continue
		}
		out = append(out, Entry{
			URL: u.String(), Priority: PriorityEntry, Depth: e.Depth + 1, Hint: facts.KindDetail,
			Column: e.Column, ColumnName: e.ColumnName, ColumnURL: colURL, Columns: addColumn(nil, e.Column),
			From: p.URL, Text: it.Title, Listed: a.listed(final),
		})
	}

	q := final.Query()
	pageNo, _ := strconv.Atoi(q.Get("page"))
	size := len(l.Articles)
	total := int(l.Total)
	if total == 0 && l.Classify != nil {
		total = int(l.Classify.PostCount)
	}
	var pages []int
	switch {
	case size == 0:
	case total > 0 && pageNo <= 1:
		last := (total + size - 1) / size
		for n := max(pageNo, 1) + 1; n <= last && len(pages) < maxPagesPerList; n++ {
			pages = append(pages, n)
		}
	case total == 0:
		pages = []int{max(pageNo, 1) + 1} // no total: follow while pages come back full
	}
	for _, n := range pages {
		u := *final
		u.RawQuery = gkmlptQuery(final.RawQuery, n)
		out = append(out, Entry{
			URL: u.String(), Priority: PriorityColumn, Depth: e.Depth, Hint: facts.KindList, Pagination: true,
			Column: e.Column, ColumnName: e.ColumnName, ColumnURL: colURL, Columns: addColumn(nil, e.Column),
			From: p.URL, Text: fmt.Sprintf("第%d页", n),
		})
	}
	return out
}

// gkmlptQuery sets page=n in a query, keeping the order of the other parameters (the
// frontier keys on the URL as written).
func gkmlptQuery(raw string, n int) string {
	parts := strings.Split(raw, "&")
	done := false
	for i, p := range parts {
		if k, _, _ := strings.Cut(p, "="); k == "page" {
			parts[i], done = "page="+strconv.Itoa(n), true
		}
	}
	if !done {
		parts = append(parts, "page="+strconv.Itoa(n))
	}
	return strings.Join(parts, "&")
}

// fields are the article's facts under the canonical labels.
func (a *gkmlptArticle) fields() map[string]string {
	f := map[string]string{}
	set := func(k, v string) {
		if v = facts.NormalizeSpace(v); v != "" {
			f[k] = v
		}
	}
	set("文号", a.DocumentNumber)
	set("索引号", a.Identifier)
	set("发布机构", a.Publisher)
	if !a.Date.d.IsZero() {
		set("成文日期", a.Date.d.String())
	}
	if pub := a.published(); !pub.IsZero() {
		set("发布日期", pub.String())
	}
	switch {
	case a.IsAbolished != 0:
		set("有效性", "已废止")
	case a.IsExpired != 0:
		set("有效性", "已失效")
	}
	set("主题分类", a.ClassifyThemeName)
	set("体裁分类", a.ClassifyGenreName)
	set("主题词", a.Keywords)
	if len(f) == 0 {
		return nil
	}
	return f
}

func (a *gkmlptArticle) published() facts.Date {
	if !a.DisplayPublishTime.d.IsZero() {
		return a.DisplayPublishTime.d
	}
	return a.CreatedAt.d
}

func (a *gkmlptArticle) item(base *url.URL) (facts.ListItem, bool) {
	ref := strings.TrimSpace(a.URL)
	if ref == "" {
		ref = strings.TrimSpace(a.PostURL)
	}
	u, err := base.Parse(ref)
	if ref == "" || err != nil {
		return facts.ListItem{}, false
	}
	u.Fragment = ""
	it := facts.ListItem{Title: facts.NormalizeSpace(a.Title), URL: u.String(), Fields: a.fields()}
	if d := a.published(); !d.IsZero() {
		it.Date, it.DateText = d, d.String()
	}
	return it, it.Title != ""
}

// listed is what the article's entry carries to its page.
func (a *gkmlptArticle) listed(base *url.URL) *Listed {
	l := &Listed{Title: facts.NormalizeSpace(a.Title), Fields: a.fields()}
	l.Attachments = gkmlptFiles(base, a.Attachment)
	for _, r := range gkmlptFiles(base, a.Relation) {
		l.Links = append(l.Links, facts.Link{URL: r.URL, Text: r.Name, Area: "content"})
	}
	if l.Title == "" && len(l.Fields) == 0 && len(l.Attachments) == 0 && len(l.Links) == 0 {
		return nil
	}
	return l
}

// gkmlptFiles reads an attachment or relation value: a list of objects naming a URL
// (url, link, path, file_url, post_url) and a name (name, title, file_name), a list of
// URLs, or either of those as a JSON string.
func gkmlptFiles(base *url.URL, raw json.RawMessage) []facts.Attachment {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil
		}
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{") {
			return gkmlptFiles(base, json.RawMessage(s))
		}
		raw, _ = json.Marshal([]string{s})
	}
	if raw[0] == '{' {
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []facts.Attachment
	for _, it := range items {
		var ref, name string
		var s string
		if json.Unmarshal(it, &s) == nil {
			ref = s
		} else {
			var m map[string]any
			if json.Unmarshal(it, &m) != nil {
				continue
			}
			pick := func(keys ...string) string {
				for _, k := range keys {
					if v, ok := m[k].(string); ok && strings.TrimSpace(v) != "" {
						return strings.TrimSpace(v)
					}
				}
				return ""
			}
			ref = pick("url", "link", "path", "file_url", "fileUrl", "post_url", "href")
			name = pick("name", "title", "file_name", "fileName", "filename")
		}
		if ref == "" {
			continue
		}
		u, err := base.Parse(ref)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		u.Fragment = ""
		if name == "" {
			name = fileNameOf(u)
		}
		out = append(out, facts.Attachment{URL: u.String(), Name: facts.NormalizeSpace(name), Ext: fileExt(name, u)})
	}
	return out
}

// applyListed fills what a page lacks from what its listing (or its own _CONFIG.DETAIL)
// said, with source "json". What the page states itself is kept.
func applyListed(p *facts.Page, l *Listed) {
	if l == nil {
		return
	}
	if p.Title == "" {
		p.Title = l.Title
	}
	for k, v := range l.Fields {
		if _, ok := p.Fields[k]; !ok {
			if p.Fields == nil {
				p.Fields = map[string]string{}
			}
			p.Fields[k] = v
		}
	}
	get := func(k string) string {
		v := l.Fields[k]
		if absent(v) {
			return ""
		}
		return v
	}
	// A page that shows its own 文号 row (even "无") keeps it: Fields then differ from
	// the listing's, and the page is what a reader sees.
	if p.DocNumber == "" && p.Fields["文号"] == l.Fields["文号"] {
		p.DocNumber = get("文号")
	}
	if p.IndexNo == "" {
		p.IndexNo = get("索引号")
	}
	if p.Issuer == "" {
		p.Issuer = get("发布机构")
	}
	if p.Published.IsZero() {
		if d, ok := facts.ParseDate(get("发布日期")); ok {
			p.Published, p.PublishedSource = d, "json"
		}
	}
	if p.Written.IsZero() {
		if d, ok := facts.ParseDate(get("成文日期")); ok {
			p.Written, p.WrittenSource = d, "json"
		}
	}
	if p.Validity == "" {
		if v := get("有效性"); v != "" {
			p.Validity, p.ValiditySource = v, "json"
		}
	}
	have := map[string]bool{}
	for _, a := range p.Attachments {
		have[a.URL] = true
	}
	for _, a := range l.Attachments {
		if !have[a.URL] {
			have[a.URL] = true
			p.Attachments = append(p.Attachments, a)
		}
	}
	links := map[string]bool{}
	for _, k := range p.Links {
		links[k.URL] = true
	}
	for _, a := range append(l.Links, attachmentLinks(l.Attachments)...) {
		if !links[a.URL] {
			links[a.URL] = true
			p.Links = append(p.Links, a)
		}
	}
}

func attachmentLinks(as []facts.Attachment) []facts.Link {
	out := make([]facts.Link, len(as))
	for i, a := range as {
		out[i] = facts.Link{URL: a.URL, Text: a.Name, Area: "content"}
	}
	return out
}

// absent: a value that states nothing (文号：无).
func absent(v string) bool {
	switch facts.NormalizeLabel(v) {
	case "", "无", "暂无", "-", "--", "—", "——", "/", "／", "空", "null", "NULL", "无文号", "－":
		return true
	}
	return false
}

// gkmlptDetail applies, on a page, the facts its listing carried and those of its own
// _CONFIG.DETAIL; the body of DETAIL (its HTML content) gives the page's text, tables,
// links and attachments when the HTML around it has none.
func (cr *crawl) gkmlptDetail(e Entry, final *url.URL, p *facts.Page, body []byte) {
	var detail *gkmlptArticle
	if bytes.Contains(body, []byte("DETAIL")) {
		_, _, detail = gkmlptConfig(body)
	}
	if e.Listed == nil && detail == nil {
		return
	}
	if p.Kind == facts.KindOther || p.Kind == "" {
		p.Kind = facts.KindDetail
	}
	if p.Platform == "" || p.Platform == extract.PlatformGeneric {
		p.Platform = extract.PlatformGkmlpt
	}
	if detail != nil {
		if content := strings.TrimSpace(detail.Content); content != "" && (p.Text == "" || len(p.Tables) == 0) {
			doc := []byte("<html><body><div class=\"article-content\">" + content + "</div></body></html>")
			if r, err := extract.HTML(final, doc); err == nil && r != nil && r.Page != nil {
				if p.Text == "" {
					p.Text = r.Page.Text
				}
				if len(p.Tables) == 0 {
					p.Tables = r.Page.Tables
				}
				applyListed(p, &Listed{Attachments: r.Page.Attachments, Links: r.Page.Links})
			}
		}
		applyListed(p, detail.listed(final))
	}
	applyListed(p, e.Listed)
}
