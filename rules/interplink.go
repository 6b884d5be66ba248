package rules

// Linking policy interpretations (政策解读) to the documents they interpret. The four
// interpretation-* rules share it: the links are worked out once per site (View.Memo)
// and every link records why it was made, so that evidence can say "linked by 原文链接"
// or "by 《title》 in the interpretation's title".
//
// Order of trust (SPEC, issue 4):
//  1. explicit links: a 相关解读 link on the document, the 政策解读 row of its info table,
//     a relation field in the column listing (gkmlpt), a 原文链接 on the interpretation;
//  2. the document's 《title》 or 文号 quoted in the interpretation's title;
//  3. weak signals, used only when nothing better exists: the title or 文号 quoted in the
//     interpretation's first paragraph, then one document of a close date whose title
//     shares a long run of characters with the interpretation's.
//
// Weak links keep a document from being reported as having no interpretation (a false
// "missing" is worse than a missed one) but never make a timing finding.

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// InterpScope says which pages are interpretations and which are documents; the four
// interpretation-* rules embed it (keep it equal in all four: links are computed once
// per distinct scope).
type InterpScope struct {
	// InterpColumns are the column kinds that hold interpretations.
	InterpColumns []string `yaml:"interp_columns"`
	// InterpTitles matches titles of interpretations listed anywhere (news, notices).
	InterpTitles string `yaml:"interp_titles"`
	// DocColumns are the column kinds that hold policy documents.
	DocColumns []string `yaml:"doc_columns"`
	// ProximityDays bounds the weakest link: an otherwise unlinked interpretation published
	// within this many days after one document whose title shares a long run with its
	// own. 0 turns that signal off.
	ProximityDays int `yaml:"proximity_days"`

	interpRe *regexp.Regexp
}

func defaultInterpScope() InterpScope {
	return InterpScope{
		InterpColumns: []string{"政策解读"},
		InterpTitles:  `解读|图解|一图读懂|一图看懂|一图了解|图说|答记者问|政策问答|问答$|问答）|新闻发布会|政策吹风会|在线访谈`,
		DocColumns:    []string{"规范性文件", "政策文件"},
		ProximityDays: 7,
	}
}

func (s *InterpScope) validate() error {
	if len(s.InterpColumns) == 0 && s.InterpTitles == "" {
		return fmt.Errorf("interp_columns and interp_titles are both empty: no page could be an interpretation")
	}
	if s.ProximityDays < 0 {
		return fmt.Errorf("proximity_days: must not be negative")
	}
	if s.InterpTitles != "" {
		re, err := regexp.Compile(s.InterpTitles)
		if err != nil {
			return fmt.Errorf("interp_titles: %w", err)
		}
		s.interpRe = re
	}
	return nil
}

func (s *InterpScope) key() string {
	return fmt.Sprintf("interp.links|%q|%q|%q|%d", s.InterpColumns, s.InterpTitles, s.DocColumns, s.ProximityDays)
}

// linkStrength orders the reasons a link was made.
type linkStrength int

const (
	linkWeak     linkStrength = iota // first paragraph, date proximity
	linkTitle                        // 《title》 or 文号 in the interpretation's title
	linkExplicit                     // a hyperlink or an info-table row
)

// interpLink joins one interpretation to one document.
type interpLink struct {
	Doc, Interp *facts.Page
	Strength    linkStrength
	By          string // why, for evidence: "原文链接 on the interpretation" …
}

// interpIndex is the linking of one site.
type interpIndex struct {
	interps  []*facts.Page // summaries, URL order
	byDoc    map[string][]*interpLink
	byInterp map[string][]*interpLink
	full     map[string]*facts.Page // interpretations loaded with their text
	fullErr  map[string]error
	// stubs are interpretations known only from a list entry or a 相关解读 link: their
	// pages were not fetched, so they have a title (and maybe a date) but no text.
	stubs map[string]bool
	// where names where interpretations were looked for, for evidence.
	where string
}

// links returns the document's interpretations, earliest first.
func (x *interpIndex) links(docURL string) []*interpLink { return x.byDoc[docURL] }

// interpIndexOf returns the site's links for the scope, computing them once.
func interpIndexOf(v *View, s *InterpScope) *interpIndex {
	return v.Memo(s.key(), func() any { return buildInterpIndex(v, s) }).(*interpIndex)
}

// isInterp reports whether a page is an interpretation: listed in an interpretation
// column or titled as one, and not itself a document (关于印发《政策解读工作规范》的通知).
func (s *InterpScope) isInterp(p *facts.Page) bool {
	if p.Kind != facts.KindDetail {
		return false
	}
	title := strings.TrimSpace(p.Title)
	if docTitleEndRe.MatchString(title) {
		return false
	}
	// Titled as an interpretation: one even if its info box repeats its document's 文号
	// (gkmlpt and some TRS templates do).
	if s.interpRe != nil && s.interpRe.MatchString(title) {
		return true
	}
	return InColumn(p, s.InterpColumns) && p.DocNumber == ""
}

// docTitleEndRe ends the titles of 公文 (notices, decisions, opinions, announcements …);
// an interpretation's title never ends so ("关于《X》的解读"). A page of an interpretation
// column so titled, or with a 文号 of its own, is a document listed there.
var docTitleEndRe = regexp.MustCompile(`的(通知|决定|意见|实施意见|公告|通告|函|批复|命令|报告|请示)$`)

// isDoc reports whether a page is a policy document for the interpretation rules: a
// detail page (not an interpretation) in a document column or with a 文号.
func (s *InterpScope) isDoc(p *facts.Page) bool {
	if p.Kind != facts.KindDetail || s.isInterp(p) {
		return false
	}
	return InColumn(p, s.DocColumns) || p.DocNumber != ""
}

func buildInterpIndex(v *View, s *InterpScope) *interpIndex {
	x := &interpIndex{byDoc: map[string][]*interpLink{}, byInterp: map[string][]*interpLink{},
		full: map[string]*facts.Page{}, fullErr: map[string]error{}, stubs: map[string]bool{}}
	isInterp := map[string]bool{}
	var cands []*facts.Page // pages an interpretation may be about: every other detail page
	for _, p := range v.Pages {
		switch {
		case s.isInterp(p):
			x.interps = append(x.interps, p)
			isInterp[p.URL] = true
		case p.Kind == facts.KindDetail:
			cands = append(cands, p)
		}
	}
	crawled := len(x.interps)
	// Interpretations listed but not fetched (a crawl budget, a depth limit): known by
	// their list entry, enough to link by title and to count, not to read.
	stub := func(url, title string, date facts.Date) *facts.Page {
		p := &facts.Page{URL: url, Kind: facts.KindDetail, Column: s.InterpColumns[0], Title: title, Published: date}
		if !date.IsZero() {
			p.PublishedSource = "list"
		}
		return p
	}
	if len(s.InterpColumns) > 0 {
		for _, lp := range v.Pages {
			if lp.Kind != facts.KindList || !InColumn(lp, s.InterpColumns) {
				continue
			}
			for _, it := range lp.Items {
				if _, ok := v.Page(it.URL); ok || isInterp[it.URL] || it.URL == "" {
					continue
				}
				if p := stub(it.URL, it.Title, it.Date); s.isInterp(p) {
					x.interps = append(x.interps, p)
					x.stubs[p.URL] = true
					isInterp[p.URL] = true
				}
			}
		}
	}
	x.where = interpWhere(v, s, crawled, len(x.interps)-crawled)
	for _, in := range x.interps {
		if x.stubs[in.URL] {
			continue
		}
		if f, err := v.Full(in.URL); err != nil {
			x.fullErr[in.URL] = err
		} else {
			x.full[in.URL] = f
		}
	}

	// Sidebars ("最新解读", "热点文件") link the same page from most detail pages; such a
	// link says nothing about which document an interpretation belongs to.
	// Only links to detail pages are counted (a page's links are deduplicated already).
	linkers := map[string]int{}
	for _, p := range v.Pages {
		if p.Kind != facts.KindDetail {
			continue
		}
		for _, l := range p.Links {
			if t, ok := v.Page(l.URL); ok && t.Kind == facts.KindDetail {
				linkers[l.URL]++
			}
		}
	}
	sidebar := func(target string) bool { return linkers[target] > 3 }

	// News items are not documents, even when they repeat a document's title.
	var keyed []*facts.Page
	for _, d := range cands {
		if s.isDoc(d) || !InColumn(d, []string{"动态"}) {
			keyed = append(keyed, d)
		}
	}
	keys := newDocKeyIndex(keyed, s)
	type pair struct{ doc, interp string }
	made := map[pair]*interpLink{}
	add := func(d, in *facts.Page, st linkStrength, by string) {
		k := pair{d.URL, in.URL}
		if l, ok := made[k]; ok {
			if st > l.Strength {
				l.Strength, l.By = st, by
			}
			return
		}
		made[k] = &interpLink{Doc: d, Interp: in, Strength: st, By: by}
	}
	byURL := map[string]*facts.Page{}
	for _, in := range x.interps {
		byURL[in.URL] = in
	}
	interpByTitle := map[string][]*facts.Page{}
	for _, in := range x.interps {
		t := normTitle(in.Title)
		interpByTitle[t] = append(interpByTitle[t], in)
	}

	// 1. Explicit links, from the document's side: 相关解读 links, the 政策解读 row.
	for _, d := range cands {
		row := normTitle(d.Fields["政策解读"])
		for _, l := range d.Links {
			if !isInterp[l.URL] {
				// A 相关解读 entry whose page was not fetched still names an interpretation.
				lt := normTitle(l.Text)
				if _, fetched := v.Page(l.URL); fetched || row == "" || utf8.RuneCountInString(lt) < 6 || !strings.Contains(row, lt) || len(s.InterpColumns) == 0 {
					continue
				}
				p := stub(l.URL, l.Text, facts.Date{})
				x.interps = append(x.interps, p)
				x.stubs[p.URL] = true
				isInterp[p.URL] = true
				byURL[p.URL] = p
			}
			in := byURL[l.URL]
			// The extractor files a 相关解读 block under the 政策解读 field: a link named
			// there is the document's own, wherever the template put it.
			if row != "" && strings.Contains(row, normTitle(in.Title)) || !sidebar(l.URL) {
				add(d, in, linkExplicit, "相关解读 link on the document")
			}
		}
		if row != "" {
			for t, ins := range interpByTitle {
				if utf8.RuneCountInString(t) >= 6 && strings.Contains(row, t) {
					for _, in := range ins {
						add(d, in, linkExplicit, "政策解读 entry of the document's info table")
					}
				}
			}
		}
	}
	// … and from column listings that carry a relation (gkmlpt's JSON, some TRS tables).
	for _, lp := range v.Pages {
		if lp.Kind != facts.KindList {
			continue
		}
		for _, it := range lp.Items {
			rel := it.Fields["政策解读"]
			if rel == "" {
				continue
			}
			d, ok := v.Page(it.URL)
			if !ok || d.Kind != facts.KindDetail || isInterp[d.URL] {
				continue
			}
			nrel := normTitle(rel)
			for _, in := range x.interps {
				if strings.Contains(rel, in.URL) || strings.Contains(rel, urlPathOf(in.URL)) ||
					utf8.RuneCountInString(normTitle(in.Title)) >= 6 && strings.Contains(nrel, normTitle(in.Title)) {
					add(d, in, linkExplicit, "政策解读 relation in the column listing")
				}
			}
		}
	}

	// 2. From the interpretation's side: 原文链接, then its title.
	for _, in := range x.interps {
		titleDocs, titleBy := keys.lookup(in, interpTitleKeys(in.Title))
		for _, d := range titleDocs {
			add(d, in, linkTitle, titleBy)
		}
		if len(titleDocs) == 0 {
			if nums := docNumbersIn(in.Title); len(nums) > 0 {
				for _, d := range keys.byNumber(nums) {
					add(d, in, linkTitle, "文号 "+d.DocNumber+" in the interpretation's title")
					titleDocs = append(titleDocs, d)
				}
			}
		}
		for _, l := range in.Links {
			d, ok := v.Page(l.URL)
			if !ok || d.Kind != facts.KindDetail || isInterp[d.URL] || d.URL == in.URL {
				continue
			}
			// "原文" / "原件" label the link to the document itself ("阅读全文" does not:
			// sidebars say that of every article).
			labelled := strings.Contains(l.Text, "原文") || strings.Contains(l.Text, "原件")
			named := sameTitle(l.Text, d.Title)
			if !labelled && !named {
				continue // a link in the text to some other page
			}
			// A link to another document than the one the title names (the superseded
			// rules, a law it cites) is not the original, unless labelled so.
			if len(titleDocs) > 0 && !slices.Contains(titleDocs, d) && !labelled {
				continue
			}
			if l.Area != "content" && sidebar(l.URL) && !labelled && !slices.Contains(titleDocs, d) {
				continue
			}
			add(d, in, linkExplicit, "原文链接 on the interpretation")
		}
	}

	// 3. Weak signals for interpretations still unlinked.
	linked := map[string]bool{}
	for k := range made {
		linked[k.interp] = true
	}
	for _, in := range x.interps {
		if linked[in.URL] {
			continue
		}
		if f := x.full[in.URL]; f != nil {
			para := firstParagraph(f.Text)
			if ds, _ := keys.lookup(in, quotedKeys(para)); len(ds) > 0 {
				for _, d := range ds {
					add(d, in, linkWeak, "《title》 quoted in the interpretation's first paragraph")
				}
				continue
			}
			if ds := keys.byNumber(docNumbersIn(para)); len(ds) > 0 {
				for _, d := range ds {
					add(d, in, linkWeak, "文号 "+d.DocNumber+" in the interpretation's first paragraph")
				}
				continue
			}
		}
		if s.ProximityDays > 0 {
			if d, days, run := nearestDoc(in, cands, s); d != nil {
				add(d, in, linkWeak, fmt.Sprintf("published %d days after the document, titles sharing %q", days, run))
			}
		}
	}

	for _, l := range made {
		x.byDoc[l.Doc.URL] = append(x.byDoc[l.Doc.URL], l)
		x.byInterp[l.Interp.URL] = append(x.byInterp[l.Interp.URL], l)
	}
	for _, ls := range x.byDoc {
		sortLinks(ls)
	}
	for _, ls := range x.byInterp {
		sortLinks(ls)
	}
	return x
}

func sortLinks(ls []*interpLink) {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if c := a.Interp.Published.Compare(b.Interp.Published); c != 0 {
			return c < 0
		}
		return a.Interp.URL < b.Interp.URL
	})
}

// interpWhere describes where interpretations were looked for.
func interpWhere(v *View, s *InterpScope, n, listed int) string {
	var cols []string
	for _, k := range s.InterpColumns {
		for _, l := range v.Lists(k) {
			cols = append(cols, k+" column "+urlPathOf(l.URL))
			break
		}
	}
	w := fmt.Sprintf("%d interpretation pages", n)
	if listed > 0 {
		w += fmt.Sprintf(" and %d listed but not fetched", listed)
	}
	if len(cols) > 0 {
		w += " (" + strings.Join(cols, ", ") + ", and pages titled as interpretations)"
	} else {
		w += " (no 政策解读 column found; pages titled as interpretations)"
	}
	return w
}

// nearestDoc is the weakest signal: one policy document published within the window
// before the interpretation whose title shares a run of at least 6 characters with the
// interpretation's. Several such documents: none (it would be a guess).
func nearestDoc(in *facts.Page, cands []*facts.Page, s *InterpScope) (*facts.Page, int, string) {
	if in.Published.IsZero() {
		return nil, 0, ""
	}
	it := interpResidual(in.Title)
	var best *facts.Page
	var bestRun string
	days := 0
	for _, d := range cands {
		if !s.isDoc(d) || d.Published.IsZero() || d.Published.After(in.Published) {
			continue
		}
		n := d.Published.DaysUntil(in.Published)
		if n > s.ProximityDays {
			continue
		}
		run := longestCommonRun(it, normTitle(docCore(d.Title)))
		if utf8.RuneCountInString(run) < 6 {
			continue
		}
		if best != nil {
			return nil, 0, ""
		}
		best, bestRun, days = d, run, n
	}
	return best, days, bestRun
}

// --- title keys ----------------------------------------------------------------------

// docKeyIndex finds documents by the keys their titles and 文号 give.
type docKeyIndex struct {
	exact, loose map[string][]*facts.Page
	numbers      map[string][]*facts.Page
	scope        *InterpScope
}

func newDocKeyIndex(cands []*facts.Page, s *InterpScope) *docKeyIndex {
	k := &docKeyIndex{exact: map[string][]*facts.Page{}, loose: map[string][]*facts.Page{}, numbers: map[string][]*facts.Page{}, scope: s}
	for _, d := range cands {
		for _, key := range docTitleKeys(d.Title) {
			k.exact[key] = appendOnce(k.exact[key], d)
			if l := looseKey(key); l != key {
				k.loose[l] = appendOnce(k.loose[l], d)
			}
		}
		for _, n := range parseNumbers(d.DocNumber) {
			k.numbers[n.Year+"|"+n.No] = appendOnce(k.numbers[n.Year+"|"+n.No], d)
		}
	}
	return k
}

func appendOnce(ps []*facts.Page, p *facts.Page) []*facts.Page {
	if slices.Contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

// lookup returns the documents a set of quoted titles names, and how they were found.
// Exact keys win over loose ones ((试行) dropped); among several documents of one title
// the one published last before the interpretation (a week's grace) wins, so a revised
// document of the same name does not take the old one's interpretations.
func (k *docKeyIndex) lookup(in *facts.Page, keys []string) ([]*facts.Page, string) {
	for _, loose := range []bool{false, true} {
		var out []*facts.Page
		for _, key := range keys {
			m := k.exact
			if loose {
				m, key = k.loose, looseKey(key)
			}
			for _, d := range m[key] {
				out = appendOnce(out, d)
			}
		}
		if len(out) > 0 {
			return k.choose(in, out), "《title》 in the interpretation's title"
		}
	}
	// An interpretation often drops the place from the name (《门前三包管理规定》解读 for
	// 《南岭县城区门前三包管理规定》): a key that ends one document's name after a place
	// prefix names that document, if it is the only one.
	var out []*facts.Page
	for _, key := range keys {
		if utf8.RuneCountInString(key) < 6 {
			continue
		}
		for dk, ds := range k.exact {
			if rest, ok := strings.CutSuffix(dk, key); ok && rest != "" && placePrefixRe.MatchString(rest) {
				for _, d := range ds {
					out = appendOnce(out, d)
				}
			}
		}
	}
	if out = k.choose(in, out); len(out) == 1 {
		return out, "《title》 in the interpretation's title (without the place name)"
	}
	return nil, ""
}

// placePrefixRe matches what a shortened name leaves out: the place (南岭县, 岚川市青岚县)
// and a 城区/全县 qualifier.
var placePrefixRe = regexp.MustCompile(`^(\p{Han}{1,12}?(省|自治区|市|州|盟|县|区|旗|镇|乡|街道))+(城区|全县|全市|全区|县城|市区)?$`)

// byNumber returns the documents whose 文号 is one of nums: same year and number, and
// the document's prefix ending the prefix found (青政规 in 印发了青政规).
func (k *docKeyIndex) byNumber(nums []docNumber) []*facts.Page {
	var out []*facts.Page
	for _, n := range nums {
		for _, d := range k.numbers[n.Year+"|"+n.No] {
			for _, dn := range parseNumbers(d.DocNumber) {
				if dn.Year == n.Year && dn.No == n.No && utf8.RuneCountInString(dn.Prefix) >= 2 && strings.HasSuffix(n.Prefix, dn.Prefix) {
					out = appendOnce(out, d)
				}
			}
		}
	}
	return out
}

// choose keeps, among documents of the same title, those that are policy documents (when
// any is) and, of those, the ones published last on or before the interpretation (+7 days).
func (k *docKeyIndex) choose(in *facts.Page, ds []*facts.Page) []*facts.Page {
	if len(ds) < 2 {
		return ds
	}
	var docs []*facts.Page
	for _, d := range ds {
		if k.scope.isDoc(d) {
			docs = append(docs, d)
		}
	}
	if len(docs) > 0 {
		ds = docs
	}
	if in.Published.IsZero() {
		return ds
	}
	limit := in.Published.AddDays(7)
	var best facts.Date
	for _, d := range ds {
		if !d.Published.IsZero() && !d.Published.After(limit) && d.Published.After(best) {
			best = d.Published
		}
	}
	if best.IsZero() {
		return ds
	}
	var out []*facts.Page
	for _, d := range ds {
		if d.Published == best || d.Published.IsZero() {
			out = append(out, d)
		}
	}
	return out
}

var (
	quotedRe = regexp.MustCompile(`《([^《》]{2,120})》`)
	// wrapperRe: a title that issues or forwards the document it quotes.
	wrapperRe    = regexp.MustCompile(`(印发|转发|发布|公布|颁布|出台|下发|印送).{0,10}《`)
	issuerLeadRe = regexp.MustCompile(`^.{2,40}?(人民政府|政府|办公室|办公厅|委员会|局|委|厅|部|中心|办|院|所)(关于)`)
	// Interpretation markers around the quoted document in an interpretation's title.
	interpPrefixRe = regexp.MustCompile(`^[【\[]?(图解|一图读懂|一图看懂|一图了解|一图解读|图说|政策解读|专家解读|解读|问答|视频解读|动漫解读|视频|动漫|音频|H5|h5)[】\]]?[：:｜|丨\-—\s]*`)
	interpSuffixRe = regexp.MustCompile(`(的)?(政策)?(解读材料|解读稿|解读|图解|问答|政策问答|答记者问|新闻发布会|热点问答|一图读懂|起草说明)(（[^）]*）)?$`)
	versionRe      = regexp.MustCompile(`[(（](试行|暂行|修订|修正|\d{4}年(修订|修正|版)?|\d{4}—\d{4}年|\d{4}-\d{4}年)[)）]$`)
)

// docTitleKeys are the names a document may be quoted by: the 《X》 it issues (关于印发《X》
// 的通知), its full title, and its title without the issuer (关于…) and without 关于.
func docTitleKeys(title string) []string {
	var keys []string
	addKey := func(s string) {
		s = normTitle(s)
		if utf8.RuneCountInString(s) >= 4 && !slices.Contains(keys, s) {
			keys = append(keys, s)
		}
	}
	if wrapperRe.MatchString(title) {
		for _, m := range quotedRe.FindAllStringSubmatch(title, -1) {
			addKey(m[1])
		}
	}
	addKey(title)
	if m := issuerLeadRe.FindStringSubmatchIndex(title); m != nil {
		rest := title[m[4]:] // from 关于
		addKey(rest)
		addKey(strings.TrimPrefix(rest, "关于"))
	} else if strings.HasPrefix(title, "关于") {
		addKey(strings.TrimPrefix(title, "关于"))
	}
	return keys
}

// docCore is the shortest name of a document: the 《X》 it issues, else its title
// without issuer and 关于.
func docCore(title string) string {
	keys := docTitleKeys(title)
	if len(keys) == 0 {
		return title
	}
	best := keys[0]
	if wrapperRe.MatchString(title) {
		return best
	}
	for _, k := range keys {
		if utf8.RuneCountInString(k) < utf8.RuneCountInString(best) {
			best = k
		}
	}
	return best
}

// interpTitleKeys are the document names an interpretation's title quotes: every 《X》
// (and a 〈X〉 inside one), else what remains without the interpretation markers
// (图解：X, X解读).
func interpTitleKeys(title string) []string {
	keys := quotedKeys(title)
	if r := interpResidual(title); utf8.RuneCountInString(r) >= 6 && !slices.Contains(keys, r) {
		keys = append(keys, r)
	}
	return keys
}

func quotedKeys(s string) []string {
	var keys []string
	s = strings.NewReplacer("〈", "《", "〉", "》", "<<", "《", ">>", "》").Replace(s)
	// Innermost quotes first: 《关于印发〈X〉的通知》 names both.
	for _, m := range quotedRe.FindAllStringSubmatch(s, -1) {
		k := normTitle(m[1])
		if utf8.RuneCountInString(k) >= 4 && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, outer := range nestedQuoteRe.FindAllStringSubmatch(s, -1) {
		for _, k := range docTitleKeys(outer[1]) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

var nestedQuoteRe = regexp.MustCompile(`《([^《》]*《[^《》]+》[^《》]*)》`)

// interpResidual is an interpretation's title without its markers and quotes.
func interpResidual(title string) string {
	t := strings.TrimSpace(title)
	for range 2 {
		t = interpPrefixRe.ReplaceAllString(t, "")
		t = interpSuffixRe.ReplaceAllString(t, "")
		t = strings.TrimSpace(t)
	}
	t = strings.TrimPrefix(t, "关于")
	return normTitle(t)
}

// looseKey drops a trailing version mark: (试行), (2025年修订) …
func looseKey(k string) string {
	for {
		l := versionRe.ReplaceAllString(k, "")
		if l == k {
			return k
		}
		k = l
	}
}

// normTitle folds a title for comparison: full-width ASCII to half-width (but （）kept
// as （）), quotes, spaces and punctuation dropped.
func normTitle(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		case r >= 0xFF01 && r <= 0xFF5E && r != '（' && r != '）':
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' {
			continue
		}
		if strings.ContainsRune("《》〈〉<>“”\"'‘’「」『』【】[]、,，.。:：;；!！?？·•…-—_|｜丨/", r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// --- 文号 --------------------------------------------------------------------------

// docNumberRe finds a 文号: Han characters, the year in 〔〕 (or [] ［］ 【】 () （）), the
// number. In running text the Han run may start before the prefix (印发了青政规〔2025〕3号),
// so numbers are compared by year, number and the document's prefix as a suffix.
var docNumberRe = regexp.MustCompile(`(\p{Han}{1,16})\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*0*(\d{1,4})\s*号`)

// docNumber is a 文号 taken apart.
type docNumber struct{ Prefix, Year, No string }

func (n docNumber) String() string { return n.Prefix + "〔" + n.Year + "〕" + n.No + "号" }

// parseNumbers returns the 文号 written in s.
func parseNumbers(s string) []docNumber {
	var out []docNumber
	for _, m := range docNumberRe.FindAllStringSubmatch(s, -1) {
		n := docNumber{Prefix: m[1], Year: m[2], No: m[3]}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// normNumber writes a 文号 one way: 青政规〔2025〕3号 for 青政规[2025]3号, 青政规（2025）第3号 …
func normNumber(s string) string {
	ns := parseNumbers(s)
	if len(ns) == 0 {
		return ""
	}
	return ns[0].String()
}

// docNumbersIn returns the 文号 written in s.
func docNumbersIn(s string) []docNumber { return parseNumbers(s) }

// --- text helpers ------------------------------------------------------------------

// sameTitle reports whether a link text names the page titled title, allowing for the
// truncation list templates apply (青岚县人民政府关于印发《青岚县城区…).
func sameTitle(text, title string) bool {
	a, b := normTitle(text), normTitle(title)
	if a == "" {
		return false
	}
	if a == b {
		return true
	}
	cut := strings.HasSuffix(strings.TrimSpace(text), "...") || strings.HasSuffix(strings.TrimSpace(text), "…")
	return cut && utf8.RuneCountInString(a) >= 10 && strings.HasPrefix(b, a)
}

// firstParagraph is the start of a text: its first two lines, at most 300 characters.
func firstParagraph(text string) string {
	lines := strings.SplitN(text, "\n", 3)
	if len(lines) > 2 {
		lines = lines[:2]
	}
	p := strings.Join(lines, "\n")
	if r := []rune(p); len(r) > 300 {
		p = string(r[:300])
	}
	return p
}

// longestCommonRun is the longest common substring of a and b (in runes).
func longestCommonRun(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return ""
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	best, end := 0, 0
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best, end = cur[j], i
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return string(ra[end-best : end])
}

func urlPathOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	return u
}
