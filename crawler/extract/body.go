package extract

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// bodyContainers are the article containers of the CMSs government sites run on, most
// specific first: TRS WCM (.TRS_Editor), UCAP / www.gov.cn (#UCAP-CONTENT), Hanweb
// (#zoom), gkmlpt and hand-made templates. The first that holds text wins.
var bodyContainers = []struct{ id, class string }{
	{class: "TRS_Editor"},
	{class: "TRS_UEDITOR"},
	{class: "trs_editor_view"},
	{id: "UCAP-CONTENT"},
	{id: "zoom"},
	{id: "Zoom"},
	{id: "fontzoom"},
	{class: "zoom"},
	{class: "article-content"},
	{id: "article-content"},
	{class: "article_content"},
	{class: "articleContent"},
	{id: "articleContent"},
	{class: "bt-article"},
	{class: "news_content"},
	{id: "news_content"},
	{class: "detail-content"},
	{class: "detail_content"},
	{class: "content_detail"},
	{id: "js_content"},
	{id: "mainText"},
	{class: "pages_content"},
}

// genericContainers are names too common to trust without a look at their content.
var genericContainers = []struct{ id, class string }{
	{class: "content"},
	{id: "content"},
	{class: "article"},
	{id: "article"},
	{class: "con"},
	{class: "main-content"},
	{class: "text"},
}

// bodyBySelector finds the article body by known container names, in one walk: the
// first few matches of every name are collected, then tried in priority order.
func (d *doc) bodyBySelector() *html.Node {
	all := append(append([]struct{ id, class string }{}, bodyContainers...), genericContainers...)
	const perName = 4
	found := make([][]*html.Node, len(all))
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if (n.Type != html.ElementNode && n.Type != html.DocumentNode) || isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if in&mChrome != 0 || n.Type != html.ElementNode {
			return in, true
		}
		id, classes := attr(n, "id"), strings.Fields(attr(n, "class"))
		if id == "" && len(classes) == 0 {
			return in, true
		}
		for i, c := range all {
			if len(found[i]) < perName && (c.id != "" && c.id == id || c.class != "" && slices.ContainsFunc(classes, func(k string) bool { return strings.EqualFold(k, c.class) })) {
				found[i] = append(found[i], n)
			}
		}
		return in, true
	})
	for _, ns := range found[:len(bodyContainers)] {
		for _, n := range ns {
			if d.looksLikeBody(n, false) {
				return n
			}
		}
	}
	// Generic names nest (.article > .text): the innermost one that holds prose is
	// the body, the outer ones carry the title and byline too.
	var pass []*html.Node
	for _, ns := range found[len(bodyContainers):] {
		for _, n := range ns {
			if d.looksLikeBody(n, true) {
				pass = append(pass, n)
			}
		}
	}
	for _, n := range pass {
		inner := true
		for _, m := range pass {
			if m != n && contains(n, m) {
				inner = false
				break
			}
		}
		if inner {
			return n
		}
	}
	return nil
}

// looksLikeBody: a known container needs some text; a generic one (.content wraps whole
// pages on some sites) needs real prose, not menus.
func (d *doc) looksLikeBody(n *html.Node, strict bool) bool {
	all := runeLen(textOf(n))
	if !strict {
		return all > 0
	}
	own := runeLen(textOutsideLinks(n))
	return own >= 50 && float64(all-own) <= 0.35*float64(all)
}

// minLeafText is the shortest text of a block that counts as prose in the density search.
const minLeafText = 25

// bodyByDensity picks the element whose children carry the most prose outside links
// (a readability-style score: a block's text counts fully for its parent and half
// for its grandparent).
func (d *doc) bodyByDensity() *html.Node {
	score := map[*html.Node]int{}
	var order []*html.Node
	add := func(n *html.Node, v int) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, seen := score[n]; !seen {
			order = append(order, n)
		}
		score[n] += v
	}
	d.textBlocks(func(b *html.Node, in mark) {
		if in&(mChrome|mForm|mInfo|mList) != 0 {
			return
		}
		own := runeLen(ownTextOutsideLinks(b))
		if own < minLeafText {
			return
		}
		all := runeLen(ownText(b))
		if float64(all-own) > 0.5*float64(all) {
			return
		}
		// A paragraph credits its container; a block holding text next to other
		// blocks (<div>text<p>…</p></div>) is the container itself.
		holder := b.Parent
		if d.blockDesc[b] {
			holder = b
		}
		add(holder, own)
		if holder != nil {
			add(holder.Parent, own/2)
		}
	})
	var best *html.Node
	for _, n := range order { // document order breaks ties
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	return best
}

// mainText renders the body. Inside a container found by density, chrome, forms, the
// info box and listings are left out; a CMS container is taken whole.
func (d *doc) mainText() string {
	if d.body == nil {
		return ""
	}
	skip := func(n *html.Node) bool { return d.marks[n]&(mInfo|mForm) != 0 }
	if !d.bodyByCSS {
		skip = func(n *html.Node) bool { return d.marks[n]&(mChrome|mForm|mInfo|mList) != 0 }
	}
	w := lineWriter{limit: MaxText + 4096}
	w.render(d.body, skip)
	return truncateBytes(strings.Join(w.lines(), "\n"), MaxText)
}

var signatureRe = regexp.MustCompile(`^(?:(?:19|20)\d{2}|[〇○零Ｏ一二][〇○零Ｏ一二三四五六七八九]{3})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$`)

// signatureDate is the date line under the signature (落款), searched in the last lines
// of the text. It is recorded as shown and never used as 成文日期: the info table is the
// authority for that, and a 落款 may be a later 印发 date.
func signatureDate(text string) string {
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-8; i-- {
		l := strings.Trim(lines[i], " （）()")
		if signatureRe.MatchString(l) {
			return l
		}
	}
	return ""
}
