package demosite

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"html/template"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// resource is one servable URL path.
type resource struct {
	body  []byte
	ctype string
	mod   time.Time
	etag  string
}

// builtDoc is a doc row with everything the build derived for it.
type builtDoc struct {
	*doc
	Col     *column
	Unit    unit
	ID      int
	Path    string
	IndexNo string
	Number  string // 文号 as shown, "" for none
	Topic   string
	Target  *builtDoc   // for a 政策解读: the document it interprets
	Interps []*builtDoc // for a document: its interpretations
	Files   []builtFile
}

// builtFile is an attachment with its URL path.
type builtFile struct {
	attachment
	Path string
}

// site is the generated snapshot.
type site struct {
	res          map[string]*resource
	docs         []*builtDoc
	byKey        map[string]*builtDoc
	cols         map[string]*column
	listPages    map[string]int // column key → number of list pages
	expectations []Expectation
}

var (
	siteOnce sync.Once
	theSite  *site
	siteErr  error
)

// getSite builds the site once; a build error is a programming error in the tables.
func getSite() *site {
	siteOnce.Do(func() { theSite, siteErr = build() })
	if siteErr != nil {
		panic("demosite: " + siteErr.Error())
	}
	return theSite
}

func build() (*site, error) {
	s := &site{
		res:       map[string]*resource{},
		byKey:     map[string]*builtDoc{},
		cols:      map[string]*column{},
		listPages: map[string]int{},
	}
	for i := range columns {
		c := &columns[i]
		if _, dup := s.cols[c.Key]; dup {
			return nil, fmt.Errorf("column %s twice", c.Key)
		}
		if !strings.HasPrefix(c.Path, "/") || !strings.HasSuffix(c.Path, "/") {
			return nil, fmt.Errorf("column %s: path %q must start and end with /", c.Key, c.Path)
		}
		s.cols[c.Key] = c
	}
	for _, c := range columns {
		if c.Parent != "" && s.cols[c.Parent] == nil {
			return nil, fmt.Errorf("column %s: unknown parent %s", c.Key, c.Parent)
		}
	}
	if err := s.indexDocs(allDocs()); err != nil {
		return nil, err
	}
	steps := []func() error{s.buildDetails, s.buildLists, s.buildSingles, s.buildHome, s.buildPortal, s.buildMisc, s.buildExpectations}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for _, r := range s.res {
		sum := sha256.Sum256(r.body)
		r.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	return s, nil
}

// allDocs gathers every doc table.
func allDocs() []doc {
	var all []doc
	for _, t := range [][]doc{gfxwjDocs, bmgfxwjDocs, zcwjDocs, zcjdDocs, tzggDocs, otherDocs(), gzdtDocs, hygieneDocs()} {
		all = append(all, t...)
	}
	return all
}

var epoch = mustDate("2023-01-01")

// indexDocs validates the rows and derives ids, paths, 索引号, 文号 and links.
func (s *site) indexDocs(rows []doc) error {
	asOf := mustDate(AsOf)
	used := map[int]bool{}
	for i := range rows {
		d := &rows[i]
		if d.Key == "" {
			d.Key = d.Col + "|" + d.Title
		}
		if s.byKey[d.Key] != nil {
			return fmt.Errorf("doc key %q twice", d.Key)
		}
		c := s.cols[d.Col]
		if c == nil {
			return fmt.Errorf("doc %q: unknown column %q", d.Title, d.Col)
		}
		if c.Landing || c.Single {
			return fmt.Errorf("doc %q: column %s has no list", d.Title, d.Col)
		}
		u, ok := units[d.Unit]
		if !ok {
			return fmt.Errorf("doc %q: unknown unit %q", d.Title, d.Unit)
		}
		pub, err := parseDate(d.Pub)
		if err != nil {
			return fmt.Errorf("doc %q: 发布日期: %w", d.Title, err)
		}
		if pub.After(asOf) || pub.Before(epoch) {
			return fmt.Errorf("doc %q: 发布日期 %s outside 2023-01-01..%s", d.Title, d.Pub, AsOf)
		}
		for _, other := range []string{d.Written, d.SignDate} {
			if other == "" {
				continue
			}
			t, err := parseDate(other)
			if err != nil {
				return fmt.Errorf("doc %q: %w", d.Title, err)
			}
			if t.After(pub) {
				return fmt.Errorf("doc %q: date %s after 发布日期 %s", d.Title, other, d.Pub)
			}
		}
		b := &builtDoc{doc: d, Col: c, Unit: u, Topic: d.Topic}
		if b.Topic == "" {
			b.Topic = "综合政务"
		}
		// A stable id: the day (so ids grow with time, as in TRS) and a hash of the key
		// (so adding a row never renumbers the others).
		days := int(pub.Sub(epoch).Hours() / 24)
		b.ID = 5200000 + days*1000 + int(hash32(d.Key)%1000)
		for used[b.ID] {
			b.ID++
		}
		used[b.ID] = true
		b.Path = fmt.Sprintf("%s%s/t%s_%d.html", c.Path, compact(d.Pub)[:6], compact(d.Pub), b.ID)
		for j, a := range d.Attach {
			b.Files = append(b.Files, builtFile{attachment: a,
				Path: fmt.Sprintf("%s%s/P0%s%06d%d%d.%s", c.Path, compact(d.Pub)[:6], compact(d.Pub), hash32(d.Key)%1000000, b.ID%10, j+1, a.Ext)})
		}
		s.docs = append(s.docs, b)
		s.byKey[d.Key] = b
	}
	for _, b := range s.docs {
		if b.Interprets == "" {
			continue
		}
		t := s.byKey[b.Interprets]
		if t == nil {
			return fmt.Errorf("解读 %q: unknown document %q", b.Title, b.Interprets)
		}
		b.Target = t
		t.Interps = append(t.Interps, b)
	}
	s.assignNumbers()
	return nil
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// assignNumbers gives 文号 (per unit, series and year, in 成文 order) and 索引号 (per
// unit and year, in 发布 order).
func (s *site) assignNumbers() {
	byDate := slices.Clone(s.docs)
	slices.SortStableFunc(byDate, func(a, b *builtDoc) int {
		return cmp.Or(cmp.Compare(a.writtenOrPub(), b.writtenOrPub()), cmp.Compare(a.ID, b.ID))
	})
	seq := map[string]int{}
	for _, b := range byDate {
		switch {
		case b.doc.Number != "":
			if b.doc.Number != "无" {
				b.Number = b.doc.Number
			}
		case b.Series != "":
			year := b.writtenOrPub()[:4]
			k := b.Unit.Short + b.Series + year
			seq[k]++
			b.Number = fmt.Sprintf("%s%s〔%s〕%d号", b.Unit.Short, b.Series, year, seq[k])
		}
	}
	slices.SortStableFunc(byDate, func(a, b *builtDoc) int {
		return cmp.Or(cmp.Compare(a.Pub, b.Pub), cmp.Compare(a.ID, b.ID))
	})
	idx := map[string]int{}
	for _, b := range byDate {
		k := b.Unit.Code + b.Pub[:4]
		idx[k]++
		b.IndexNo = fmt.Sprintf("%s/%s-%05d", b.Unit.Code, b.Pub[:4], idx[k]*7+b.ID%7)
	}
}

func (b *builtDoc) writtenOrPub() string {
	if b.Written != "" {
		return b.Written
	}
	return b.Pub
}

func (b *builtDoc) infoStyle() infoStyle {
	if b.Info != infoDefault {
		return b.Info
	}
	return b.Col.Info
}

// pubMeta is the PubDate meta: Handan-style boxes write 2025年03月10日, the others
// 2025-03-10 HH:MM with a time derived from the id.
func (b *builtDoc) pubMeta() string {
	if b.infoStyle() == infoBox {
		return cnDatePadded(b.Pub)
	}
	return b.Pub + " " + b.pubTime()
}

func (b *builtDoc) pubTime() string {
	if b.PubTime != "" {
		return b.PubTime
	}
	m := 8*60 + 30 + b.ID%480
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func (b *builtDoc) modTime() time.Time {
	t := mustDate(b.Pub)
	hm, _ := time.Parse("15:04", b.pubTime())
	return t.Add(time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute)
}

// --- shared page parts --------------------------------------------------------------

var navColumns = []struct{ Text, Href string }{
	{"首页", "/"},
	{"走进青岚", "/zjql/"},
	{"政务动态", "/xwzx/gzdt/"},
	{"政府信息公开", "/zwgk/"},
	{"政策解读", "/zwgk/zcjd/"},
	{"依申请公开", "/zwgk/ysqgk/"},
	{"联系我们", "/lxwm/"},
}

func nav(active string) []link {
	var out []link
	for _, n := range navColumns {
		out = append(out, link{Href: n.Href, Text: n.Text, On: n.Href == active})
	}
	return out
}

func siteMetas() []meta {
	return []meta{{"SiteName", Name}, {"SiteDomain", siteDomain}, {"SiteIDCode", siteIDCode}}
}

func columnMetas(c *column) []meta {
	return append(siteMetas(), meta{"ColumnName", c.Name}, meta{"ColumnDescription", c.Desc},
		meta{"ColumnKeywords", c.Keywords}, meta{"ColumnType", c.Type})
}

// ancestors returns the column and its parents, outermost first.
func (s *site) ancestors(c *column) []*column {
	var chain []*column
	for ; c != nil; c = s.cols[c.Parent] {
		chain = append([]*column{c}, chain...)
		if c.Parent == "" {
			break
		}
	}
	return chain
}

// crumbs is the 当前位置 trail of a column page (last element not linked when leaf).
// With rel, links are written relative to fromDir (GBK pages imitate older templates).
func (s *site) crumbs(c *column, fromDir string, rel bool) []link {
	href := func(p string) string {
		if rel {
			return relLink(fromDir, p)
		}
		return p
	}
	out := []link{{Href: href("/"), Text: "首页"}}
	if c.Portal {
		out = append(out, link{Href: href("/zwgk/"), Text: "政府信息公开"})
	}
	for _, a := range s.ancestors(c) {
		out = append(out, link{Href: href(a.Path), Text: a.Name})
	}
	return out
}

// tree is the disclosure column tree with the active column marked.
func (s *site) tree(active string) []*treeNode {
	var build func(parent string) []*treeNode
	build = func(parent string) []*treeNode {
		var out []*treeNode
		for i := range columns {
			c := &columns[i]
			if !c.Portal || c.Parent != parent {
				continue
			}
			n := &treeNode{Href: c.Path, Text: c.Name, On: c.Key == active, Children: build(c.Key)}
			out = append(out, n)
		}
		return out
	}
	return build("")
}

// relLink writes target (an absolute path) relative to the directory fromDir.
func relLink(fromDir, target string) string {
	from := strings.Split(strings.Trim(fromDir, "/"), "/")
	if fromDir == "/" {
		from = nil
	}
	to := strings.Split(strings.TrimPrefix(target, "/"), "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	rel := strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
	if rel == "" {
		return "./"
	}
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}

// short truncates a title for <ul> lists the way TRS templates do.
func short(title string, n int) string {
	if utf8.RuneCountInString(title) <= n {
		return title
	}
	r := []rune(title)
	return string(r[:n-1]) + "..."
}

func (s *site) itemsOf(docs []*builtDoc, fromDir string, max int) []item {
	var out []item
	for _, b := range docs {
		if max > 0 && len(out) == max {
			break
		}
		href := b.Path
		if fromDir != "" {
			href = relLink(fromDir, b.Path)
		}
		out = append(out, item{Href: href, Title: b.Title, Short: short(b.Title, 30), Date: b.Pub, IndexNo: b.IndexNo, Unit: b.Unit.Name})
	}
	return out
}

// docsIn returns a column's documents, newest first (and those of its child columns when
// deep).
func (s *site) docsIn(key string, deep bool) []*builtDoc {
	var out []*builtDoc
	for _, b := range s.docs {
		if b.Col.Key == key || (deep && s.isDescendant(b.Col, key)) {
			out = append(out, b)
		}
	}
	slices.SortStableFunc(out, func(a, b *builtDoc) int {
		return cmp.Or(cmp.Compare(b.Pub, a.Pub), cmp.Compare(b.ID, a.ID))
	})
	return out
}

func (s *site) isDescendant(c *column, key string) bool {
	for p := c; p != nil && p.Parent != ""; p = s.cols[p.Parent] {
		if p.Parent == key {
			return true
		}
	}
	return false
}

func (s *site) put(p string, body []byte, gbk bool, mod time.Time) {
	ctype := "text/html; charset=utf-8"
	if gbk {
		ctype = "text/html" // the charset is only in the page's <meta>
	}
	s.res[p] = &resource{body: body, ctype: ctype, mod: mod}
}

// putList registers a column's first list page under both Path and Path+index.html.
func (s *site) putPage(p string, body []byte, gbk bool, mod time.Time) {
	s.put(p, body, gbk, mod)
	if strings.HasSuffix(p, "/") {
		s.put(p+"index.html", body, gbk, mod)
	}
}

// --- detail pages ---------------------------------------------------------------------

func (s *site) buildDetails() error {
	for _, b := range s.docs {
		c := b.Col
		dir := path.Dir(b.Path) + "/"
		style := b.infoStyle()
		metas := append(columnMetas(c),
			meta{"ArticleTitle", b.Title}, meta{"PubDate", b.pubMeta()}, meta{"ContentSource", b.Unit.Name},
			meta{"Keywords", keywords(b)}, meta{"Author", b.Unit.Name}, meta{"Description", b.Title})
		metas = slices.DeleteFunc(metas, func(m meta) bool { return slices.Contains(hygieneDropMeta[b.Key], m.Name) })
		if b.Form == "图解" {
			metas = append(metas, meta{"Image", relLink(dir, b.Files[0].Path)})
		}
		dv := &detailView{
			Info:   renderInfo(b, style),
			Title:  b.Title,
			Byline: fmt.Sprintf("发布时间：%s %s　　来源：%s", b.Pub, b.pubTime(), b.Unit.Name),
			Body:   renderDoc(b.doc, b.Unit),
		}
		if c.GBK {
			dv.Byline = fmt.Sprintf("发布日期：%s　　来源：%s", b.Pub, b.Unit.Name)
		}
		if b.Form == "图解" {
			img := b.Files[0]
			dv.Body = template.HTML(fmt.Sprintf(`<p style="text-align: center;"><img src="%s" alt="%s" title="%s" /></p>`,
				relLink(dir, img.Path), esc(b.Image), esc(b.Image))) + dv.Body
		}
		for i, f := range b.Files {
			if b.Form == "图解" && i == 0 {
				continue
			}
			text := f.Name + "." + f.Ext
			if len(b.Files) > 1 {
				text = fmt.Sprintf("%d. %s", len(dv.Attach)+1, text)
			}
			dv.Attach = append(dv.Attach, link{Href: relLink(dir, f.Path), Text: text})
		}
		if b.Target != nil {
			dv.Origin = &link{Href: b.Target.Path, Text: b.Target.Title}
		}
		for _, in := range b.Interps {
			dv.Related = append(dv.Related, link{Href: in.Path, Text: in.Title})
		}
		p := &page{
			Title:  b.Title,
			Metas:  metas,
			Nav:    nav(navFor(c)),
			Crumbs: append(s.crumbs(c, dir, c.GBK), link{Text: "正文"}),
			Detail: dv,
		}
		body, err := execute("detail.html", p, c.GBK)
		if err != nil {
			return err
		}
		s.put(b.Path, body, c.GBK, b.modTime())
		for _, f := range b.Files {
			if f.Missing {
				continue
			}
			data, ctype, err := attachmentBytes(b, f)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
			s.res[f.Path] = &resource{body: data, ctype: ctype, mod: b.modTime()}
		}
	}
	return nil
}

func navFor(c *column) string {
	if c.Portal {
		return "/zwgk/"
	}
	return c.Path
}

// keywords is the Keywords meta: the column name and the title's 《》 part.
func keywords(b *builtDoc) string {
	k := []string{b.Col.Name}
	if i := strings.Index(b.Title, "《"); i >= 0 {
		if j := strings.Index(b.Title[i:], "》"); j > 0 {
			k = append(k, b.Title[i+len("《"):i+j])
		}
	}
	return strings.Join(k, "，")
}

// --- list pages -----------------------------------------------------------------------

func (s *site) buildLists() error {
	for i := range columns {
		c := &columns[i]
		if c.Single {
			continue
		}
		if c.Landing {
			if err := s.buildLanding(c); err != nil {
				return err
			}
			continue
		}
		docs := s.docsIn(c.Key, false)
		per := c.PerPage
		if per <= 0 {
			per = max(len(docs), 1)
		}
		n := max((len(docs)+per-1)/per, 1)
		s.listPages[c.Key] = n
		for k := 0; k < n; k++ {
			chunk := docs[k*per : min((k+1)*per, len(docs))]
			lv := &listView{
				Heading: c.Name,
				Table:   c.List == listTable,
				Items:   s.itemsOf(chunk, c.Path, 0),
				Pager:   renderPager(c.Pager, n, k, len(docs)),
			}
			p := &page{
				Title:  c.Name + "_" + Name,
				Metas:  columnMetas(c),
				Nav:    nav(navFor(c)),
				Crumbs: s.crumbs(c, c.Path, c.GBK),
				List:   lv,
			}
			if c.Portal {
				p.Tree = s.tree(c.Key)
			}
			if c.Pager == pagerTRS && n > 1 {
				p.HeadExtra = trsPagerFunc
			}
			body, err := execute("list.html", p, c.GBK)
			if err != nil {
				return err
			}
			mod := mustDate(AsOf)
			if len(chunk) > 0 {
				mod = chunk[0].modTime()
			}
			if k == 0 {
				s.putPage(c.Path, body, c.GBK, mod)
			} else {
				s.put(c.Path+pageFile(k), body, c.GBK, mod)
			}
		}
	}
	return nil
}

func (s *site) buildLanding(c *column) error {
	lv := &landingView{Heading: c.Name}
	for i := range columns {
		ch := &columns[i]
		if ch.Parent != c.Key {
			continue
		}
		lv.Columns = append(lv.Columns, colBox{Name: ch.Name, Href: ch.Path, Items: s.itemsOf(s.docsIn(ch.Key, true), "", 5)})
	}
	p := &page{
		Title:   c.Name + "_" + Name,
		Metas:   columnMetas(c),
		Nav:     nav("/zwgk/"),
		Crumbs:  s.crumbs(c, c.Path, false),
		Tree:    s.tree(c.Key),
		Landing: lv,
	}
	body, err := execute("landing.html", p, false)
	if err != nil {
		return err
	}
	s.putPage(c.Path, body, false, mustDate(AsOf))
	return nil
}

// --- single-article columns -----------------------------------------------------------

func (s *site) buildSingles() error {
	for i := range columns {
		c := &columns[i]
		if !c.Single {
			continue
		}
		sv := &singleView{Heading: c.Name, Body: renderBody(c.Body, "")}
		for _, f := range singleFiles[c.Key] {
			sv.Attach = append(sv.Attach, link{Href: f.Path, Text: f.Name + "." + f.Ext})
			data, ctype, err := attachmentBytes(nil, f)
			if err != nil {
				return err
			}
			s.res[f.Path] = &resource{body: data, ctype: ctype, mod: mustDate("2025-02-20")}
		}
		p := &page{
			Title:  c.Name + "_" + Name,
			Metas:  columnMetas(c),
			Nav:    nav(navFor(c)),
			Crumbs: s.crumbs(c, c.Path, false),
			Single: sv,
		}
		if c.Portal {
			p.Tree = s.tree(c.Key)
		}
		body, err := execute("single.html", p, false)
		if err != nil {
			return err
		}
		s.putPage(c.Path, body, false, mustDate("2025-02-20"))
	}
	return nil
}

// --- home, portal, misc ---------------------------------------------------------------

func (s *site) buildHome() error {
	var policies []*builtDoc
	for _, k := range []string{"gfxwj", "xzfwj", "xzfbwj"} {
		policies = append(policies, s.docsIn(k, false)...)
	}
	slices.SortStableFunc(policies, func(a, b *builtDoc) int {
		return cmp.Or(cmp.Compare(b.Pub, a.Pub), cmp.Compare(b.ID, a.ID))
	})
	p := &page{
		Title: Name,
		Metas: append(siteMetas(), meta{"ColumnName", "首页"}, meta{"ColumnDescription", "青岚县人民政府门户网站首页"},
			meta{"ColumnKeywords", "青岚，人民政府，政务公开"}, meta{"ColumnType", "首页"}),
		Nav: nav("/"),
		Home: &homeView{
			News:     s.itemsOf(s.docsIn("gzdt", false), "", 6),
			Notices:  s.itemsOf(s.docsIn("tzgg", false), "", 6),
			Policies: s.itemsOf(policies, "", 6),
		},
	}
	body, err := execute("home.html", p, false)
	if err != nil {
		return err
	}
	s.putPage("/", body, false, mustDate(AsOf))
	return nil
}

func (s *site) buildPortal() error {
	var all []*builtDoc
	for _, b := range s.docs {
		if b.Col.Portal {
			all = append(all, b)
		}
	}
	slices.SortStableFunc(all, func(a, b *builtDoc) int {
		return cmp.Or(cmp.Compare(b.Pub, a.Pub), cmp.Compare(b.ID, a.ID))
	})
	pv := &portalView{Latest: s.itemsOf(all, "", 10)}
	for _, k := range []string{"gfxwj", "zcjd", "tzgg", "zfxxgknb"} {
		c := s.cols[k]
		pv.Columns = append(pv.Columns, colBox{Name: c.Name, Href: c.Path, Items: s.itemsOf(s.docsIn(k, false), "", 5)})
	}
	p := &page{
		Title: "政府信息公开_" + Name,
		Metas: append(siteMetas(), meta{"ColumnName", "政府信息公开"}, meta{"ColumnDescription", "青岚县人民政府政府信息公开平台"},
			meta{"ColumnKeywords", "青岚，政府信息公开"}, meta{"ColumnType", "信息公开"}),
		Nav:    nav("/zwgk/"),
		Crumbs: []link{{Href: "/", Text: "首页"}, {Href: "/zwgk/", Text: "政府信息公开"}},
		Tree:   s.tree(""),
		Portal: pv,
	}
	body, err := execute("portal.html", p, false)
	if err != nil {
		return err
	}
	s.putPage("/zwgk/", body, false, mustDate(AsOf))
	return nil
}

func (s *site) buildMisc() error {
	// 网站地图: every column.
	var sm []*treeNode
	sm = append(sm, &treeNode{Href: "/zwgk/", Text: "政府信息公开", Children: s.tree("")})
	for i := range columns {
		if c := &columns[i]; !c.Portal {
			sm = append(sm, &treeNode{Href: c.Path, Text: c.Name})
		}
	}
	p := &page{
		Title: "网站地图_" + Name,
		Metas: append(siteMetas(), meta{"ColumnName", "网站地图"}, meta{"ColumnDescription", "青岚县人民政府门户网站网站地图"},
			meta{"ColumnKeywords", "青岚，网站地图"}, meta{"ColumnType", "网站信息"}),
		Nav:     nav(""),
		Crumbs:  []link{{Href: "/", Text: "首页"}, {Text: "网站地图"}},
		Sitemap: sm,
	}
	body, err := execute("sitemap.html", p, false)
	if err != nil {
		return err
	}
	s.putPage("/wzdt/", body, false, mustDate(AsOf))

	// The search page (disallowed in robots.txt).
	p = &page{Title: "站内搜索_" + Name, Metas: siteMetas(), Nav: nav(""),
		Message: &messageView{Heading: "站内搜索", Lines: []string{"请在页面上方搜索框输入关键字进行检索。"}}}
	if body, err = execute("message.html", p, false); err != nil {
		return err
	}
	s.putPage("/search/", body, false, mustDate(AsOf))

	s.res["/robots.txt"] = &resource{body: []byte(robotsTxt), ctype: "text/plain; charset=utf-8", mod: mustDate(AsOf)}
	for p, r := range staticFiles() {
		s.res[p] = r
	}
	return nil
}

const robotsTxt = `User-agent: *
Disallow: /search/
Disallow: /module/
Allow: /
`

// notFound is the body of the 404 page.
func notFound() []byte {
	p := &page{Title: "页面不存在_" + Name, Metas: siteMetas(), Nav: nav(""),
		Message: &messageView{Heading: "404 页面不存在", Lines: []string{"对不起，您访问的页面不存在或已被删除。"}}}
	body, err := execute("message.html", p, false)
	if err != nil {
		panic(err)
	}
	return body
}

// --- expectations ---------------------------------------------------------------------

func (s *site) buildExpectations() error {
	for _, b := range s.docs {
		for _, pl := range b.Expect {
			note := pl.Note
			if pl.WorkDays >= 0 {
				verdict := "≤"
				if pl.WorkDays > timingLimit[pl.Rule] {
					verdict = ">"
				}
				note = fmt.Sprintf("成文 %s, 发布 %s: %d working days %s %d", b.Written, b.Pub, pl.WorkDays, verdict, timingLimit[pl.Rule])
				if pl.Note != "" {
					note += " (" + pl.Note + ")"
				}
			}
			p := b.Path
			if pl.File != "" {
				p = ""
				for _, f := range b.Files {
					if f.Name == pl.File {
						p = f.Path
					}
				}
				if p == "" {
					return fmt.Errorf("%s: %s plant about an unknown attachment %q", b.Title, pl.Rule, pl.File)
				}
			}
			if pl.Rule == ruleBrokenLink {
				p = ""
				for _, f := range b.Files {
					if f.Missing {
						p = f.Path
					}
				}
				if p == "" {
					return fmt.Errorf("%s: broken-link plant without a missing attachment", b.Title)
				}
			}
			s.expectations = append(s.expectations, Expectation{Rule: pl.Rule, Path: p, Violation: pl.Violation, Note: note})
		}
	}
	for _, sp := range append(slices.Clip(sitePlants), hygieneSitePlants...) {
		c := s.cols[sp.Col]
		if c == nil {
			return fmt.Errorf("site plant %s: unknown column %s", sp.Rule, sp.Col)
		}
		s.expectations = append(s.expectations, Expectation{Rule: sp.Rule, Path: c.Path, Violation: sp.Violation, Note: sp.Note})
	}
	for _, bl := range brokenLinks {
		s.expectations = append(s.expectations, Expectation{Rule: ruleBrokenLink, Path: bl.Target, Violation: true, Note: bl.Note})
	}
	return nil
}
