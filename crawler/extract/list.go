package extract

import (
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Listing entries come from
//   - list tables with a header row of field labels (TRS: 名称 | 索引号 | 发布机构 |
//     发布日期): one item per row, the other columns as item Fields;
//   - dated rows: an <a> whose row (the nearest li/tr/dd/p/div around it) shows a date
//     outside the title, grouped by the row's parent: two or more such rows, or one in a
//     ul/ol/table, make a list;
//   - Hanweb datastore records (hanweb.go).

const maxItems = 5000

var (
	fullDateRe = regexp.MustCompile(`(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?`)
	// dateOnlyRe is a text that is nothing but a date, with optional time and brackets;
	// also a yearless "05-30" (shown, but without a year it cannot be dated).
	dateOnlyRe = regexp.MustCompile(`^[\[\(（【]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?)\s*[\]\)）】]?$`)
)

var rowTags = map[atom.Atom]bool{
	atom.Li: true, atom.Tr: true, atom.Dd: true, atom.Dt: true, atom.P: true,
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Dl: true,
}

// listItems finds the page's listing entries and marks their containers; score says
// how list-like the page is (list tables weigh more than scattered dated links).
func (d *doc) listItems() (items []facts.ListItem, score int) {
	var tables []*html.Node
	var anchors []*html.Node
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		if isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if in&(mChrome|mForm) != 0 {
			return in, false
		}
		switch n.DataAtom {
		case atom.Table:
			tables = append(tables, n)
		case atom.A:
			if d.resolve(attr(n, "href")) != "" {
				anchors = append(anchors, n)
			}
		}
		return in, true
	})
	for _, t := range tables {
		if its := d.labelledTable(t); len(its) > 0 {
			d.marks[t] |= mList
			items = appendItems(items, its)
			score += 2
		}
	}
	rows := d.datedRows(anchors)
	items = appendItems(items, rows)
	if n := len(items); n >= 5 {
		score += 2
	} else if n > 0 {
		score++
	}
	return items, score
}

// appendItems appends new items, skipping URLs already listed, up to maxItems.
func appendItems(items, more []facts.ListItem) []facts.ListItem {
	seen := map[string]bool{}
	for _, it := range items {
		seen[it.URL] = true
	}
	for _, it := range more {
		if len(items) >= maxItems {
			break
		}
		if !seen[it.URL] {
			seen[it.URL] = true
			items = append(items, it)
		}
	}
	return items
}

// labelledTable reads a list table whose first row names its columns.
func (d *doc) labelledTable(t *html.Node) []facts.ListItem {
	rows := tableRows(t)
	if len(rows) < 2 {
		return nil
	}
	head := rowCells(rows[0])
	cols := make([]string, len(head))
	titleCol, known := -1, 0
	for i, c := range head {
		txt := shortText(c, maxLabelBytes)
		if canon, ok := canonicalLabel(txt); ok {
			cols[i] = canon
			known++
			if canon == LabelTitle && titleCol < 0 {
				titleCol = i
			}
		} else if l := facts.NormalizeLabel(txt); isLabelish(l) && l != "序号" {
			cols[i] = l
		}
	}
	if titleCol < 0 || known < 2 {
		return nil
	}
	var out []facts.ListItem
	for _, tr := range rows[1:] {
		cells := rowCells(tr)
		if len(cells) <= titleCol || len(cells) != len(head) {
			continue
		}
		a := d.firstLink(cells[titleCol])
		if a == nil {
			continue
		}
		it := facts.ListItem{Title: pickTitle(a, textOf(a)), URL: d.resolve(attr(a, "href"))}
		for i, c := range cells {
			if i == titleCol || cols[i] == "" {
				continue
			}
			v := textOf(c)
			setField(&it.Fields, cols[i], v)
			if (cols[i] == LabelPublished || cols[i] == LabelWritten && it.DateText == "") && v != "" {
				it.DateText = v
			}
		}
		it.Date, _ = facts.ParseDate(it.DateText)
		out = append(out, it)
	}
	return out
}

func (d *doc) firstLink(n *html.Node) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) bool {
		if found != nil {
			return false
		}
		if isElem(c, atom.A) && d.resolve(attr(c, "href")) != "" {
			found = c
			return false
		}
		return true
	})
	return found
}

// maxRowClimb bounds the walk from a link up to its row.
const maxRowClimb = 4

// datedRows groups dated links by their row's parent and keeps the groups that are lists.
func (d *doc) datedRows(anchors []*html.Node) []facts.ListItem {
	type row struct {
		n     *html.Node
		links []*html.Node
	}
	var order []*row
	byNode := map[*html.Node]*row{}
	for _, a := range anchors {
		r := rowOf(a)
		if r == nil || d.inList(r) {
			continue
		}
		if byNode[r] == nil {
			byNode[r] = &row{n: r}
			order = append(order, byNode[r])
		}
		byNode[r].links = append(byNode[r].links, a)
	}
	type group struct {
		parent *html.Node
		items  []facts.ListItem
	}
	var groups []*group
	byParent := map[*html.Node]*group{}
	for _, r := range order {
		var its []facts.ListItem
		if len(r.links) <= 3 {
			if it, ok := d.rowItem(r.n, r.links); ok {
				its = append(its, it)
			}
		} else {
			its = d.sequenceItems(r.n)
		}
		if len(its) == 0 {
			continue
		}
		p := r.n.Parent
		if len(its) > 1 { // a run of links and dates in one block is a list by itself
			p = r.n
		}
		if byParent[p] == nil {
			byParent[p] = &group{parent: p}
			groups = append(groups, byParent[p])
		}
		byParent[p].items = append(byParent[p].items, its...)
	}
	var out []facts.ListItem
	for _, g := range groups {
		if len(g.items) < 2 && !isListParent(g.parent) {
			continue
		}
		d.marks[listContainer(g.parent)] |= mList
		out = append(out, g.items...)
	}
	return out
}

// inList reports whether n sits in a list table found earlier; such a table is a few
// levels above its rows, so the climb is short.
func (d *doc) inList(n *html.Node) bool {
	for p, i := n, 0; p != nil && i < 8; p, i = p.Parent, i+1 {
		if d.marks[p]&mList != 0 {
			return true
		}
	}
	return false
}

func rowOf(a *html.Node) *html.Node {
	p := a.Parent
	for i := 0; p != nil && i < maxRowClimb; i, p = i+1, p.Parent {
		if p.Type == html.ElementNode && rowTags[p.DataAtom] {
			return p
		}
	}
	return nil
}

func isListParent(n *html.Node) bool {
	if n == nil {
		return false
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Tbody, atom.Table, atom.Dl:
		return true
	}
	return false
}

// listContainer widens a tbody to its table, so the table is known as a list.
func listContainer(n *html.Node) *html.Node {
	if isElem(n, atom.Tbody) && n.Parent != nil {
		return n.Parent
	}
	return n
}

// rowItem builds the item of a row from its main link and the date it shows.
func (d *doc) rowItem(r *html.Node, links []*html.Node) (facts.ListItem, bool) {
	dateText := rowDate(r)
	if dateText == "" {
		return facts.ListItem{}, false
	}
	var best *html.Node
	bestLen := -1
	for _, a := range links {
		if n := runeLen(pickTitle(a, linkTitleText(a))); n > bestLen {
			best, bestLen = a, n
		}
	}
	title := pickTitle(best, linkTitleText(best))
	if title == "" {
		return facts.ListItem{}, false
	}
	it := facts.ListItem{Title: title, URL: d.resolve(attr(best, "href")), DateText: dateText}
	it.Date, _ = facts.ParseDate(dateText)
	return it, true
}

// rowDate is the date a row shows: a text that is only a date (in or out of the link:
// <a><span>标题</span><span>2023-05-30</span></a> is common), else a full date in the
// row's text outside links.
func rowDate(r *html.Node) string {
	var found string
	walk(r, func(n *html.Node) bool {
		if found != "" || (n.Type == html.ElementNode && isSkipped(n)) {
			return false
		}
		if n.Type == html.TextNode {
			if m := dateOnlyRe.FindStringSubmatch(facts.NormalizeSpace(n.Data)); m != nil {
				found = facts.NormalizeSpace(m[1])
			}
		}
		return true
	})
	if found != "" {
		return found
	}
	if m := fullDateRe.FindString(textOutsideLinks(r)); m != "" {
		return facts.NormalizeSpace(m)
	}
	return ""
}

// linkTitleText is a link's text without the date-only pieces inside it.
func linkTitleText(a *html.Node) string {
	var w lineWriter
	w.render(a, func(n *html.Node) bool {
		return n.Type == html.ElementNode && dateOnlyRe.MatchString(shortText(n, 64))
	})
	return strings.Join(w.lines(), " ")
}

// sequenceItems reads a block that is a run of links each followed by its date
// (<div><a>…</a><span>2023-05-30</span><br><a>…</a>…).
func (d *doc) sequenceItems(r *html.Node) []facts.ListItem {
	var out []facts.ListItem
	var cur *facts.ListItem
	walk(r, func(n *html.Node) bool {
		switch {
		case n.Type == html.ElementNode && isSkipped(n):
			return false
		case isElem(n, atom.A):
			if u := d.resolve(attr(n, "href")); u != "" {
				cur = &facts.ListItem{Title: pickTitle(n, linkTitleText(n)), URL: u}
			}
			return false
		case n.Type == html.TextNode && cur != nil:
			if m := dateOnlyRe.FindStringSubmatch(facts.NormalizeSpace(n.Data)); m != nil {
				cur.DateText = facts.NormalizeSpace(m[1])
				cur.Date, _ = facts.ParseDate(cur.DateText)
				if cur.Title != "" {
					out = append(out, *cur)
				}
				cur = nil
			}
		}
		return true
	})
	return out
}

// pickTitle prefers the title attribute when the link text is cut short ("关于印发…",
// "…整改完成情...") and the attribute is the whole of it.
func pickTitle(a *html.Node, text string) string {
	text = facts.NormalizeSpace(text)
	t := facts.NormalizeSpace(attr(a, "title"))
	if t == "" || t == text {
		return text
	}
	stem := strings.TrimRight(text, ".…。 ")
	switch {
	case text == "":
		return t
	case stem != text && strings.HasPrefix(t, stem):
		return t
	case runeLen(t) > runeLen(text) && strings.HasPrefix(t, text):
		return t
	}
	return text
}
