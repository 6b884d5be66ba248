package extract

import (
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The info box (信息公开目录 header) is read as label/value pairs from the own text of
// block elements (see textBlocks), in three shapes that cover the CMS templates:
//
//  1. a line "label：value label：value" (<p><strong>索引号</strong>：…</p>,
//     <li><span>发布机构：</span>…</li>, a <td> holding both, a <br>-separated box);
//  2. a block that is only a label (<td>索 引 号：</td>, <dt>, <div class="xxgk_label">)
//     whose value is the next sibling element;
//  3. a block whose first child element is a label without colon (<li><b>文号</b>…</li>).
//
// Pairs found outside the page chrome, forms, listings and the article body are an info
// box when they name at least two different fields, one of which only such a header has
// (see strongLabels); otherwise only byline fields (发布时间, 来源, 作者) are kept.

type pair struct {
	label string // canonical label, or the normalised label as shown when !known
	raw   string // normalised label as shown
	value string
	known bool
	node  *html.Node // block holding the label
	vnode *html.Node // element holding the value, when it is not node
	table *html.Node // table of a cell pair
}

type infoResult struct {
	fields   map[string]string
	accepted bool
}

// maxBodyHeaderBlocks bounds the search for an info box at the top of the article
// container (templates that put the header inside it).
const maxBodyHeaderBlocks = 40

func (d *doc) infoBox() infoResult {
	pairs := d.collectPairs(func(in mark, _ int) bool { return in&(mChrome|mForm|mList|mBody) == 0 })
	pairs = append(pairs, d.headerRowPairs()...)
	res := d.judgePairs(pairs)
	if res.accepted || d.body == nil {
		return res
	}
	top := d.collectPairs(func(in mark, bodyIdx int) bool {
		return in&(mChrome|mForm|mList) == 0 && in&mBody != 0 && bodyIdx < maxBodyHeaderBlocks
	})
	if r := d.judgePairs(top); r.accepted {
		return r
	}
	// No info box: keep the byline, wherever it is (often under the title, inside
	// the article container).
	return d.judgePairs(append(pairs, top...))
}

// collectPairs reads label/value pairs from the blocks keep accepts; bodyIdx counts
// the blocks seen inside the body so far.
func (d *doc) collectPairs(keep func(in mark, bodyIdx int) bool) []pair {
	var out []pair
	bodyIdx := 0
	d.textBlocks(func(b *html.Node, in mark) {
		ok := keep(in, bodyIdx)
		if in&mBody != 0 {
			bodyIdx++
		}
		if !ok || hasFormControl(b) {
			return
		}
		out = append(out, pairsOf(b)...)
	})
	return out
}

// pairsOf reads the pairs of one block, trying the shapes from the most specific.
func pairsOf(b *html.Node) []pair {
	lines := ownLines(b)
	if len(lines) == 0 {
		return nil
	}
	whole := strings.Join(lines, " ")
	if runeLen(whole) <= 3*maxLabelRunes {
		if p, ok := labelOnly(b, whole); ok {
			return []pair{p}
		}
	}
	var out []pair
	for _, l := range lines {
		for _, lp := range parseColonLine(l) {
			lp.node = b
			out = append(out, lp)
		}
	}
	if len(out) > 0 {
		return out
	}
	if p, ok := firstChildLabel(b); ok {
		return []pair{p}
	}
	return nil
}

// labelOnly handles a block that holds nothing but a label; its value is the next
// sibling element. A label wrapped alone in a cell (<td><p>索引号</p></td>) speaks
// for the cell.
func labelOnly(b *html.Node, text string) (pair, bool) {
	raw := facts.NormalizeLabel(text)
	canon, known := canonicalLabel(text)
	holder := b
	for i := 0; i < 2 && nextElementSibling(holder) == nil && soleContent(holder); i++ {
		holder = holder.Parent
	}
	cell := holder.DataAtom == atom.Td || holder.DataAtom == atom.Th
	hasColon := strings.ContainsAny(text, ":：")
	if !known && !(cell && hasColon && isLabelish(raw)) {
		return pair{}, false
	}
	if ownTextOutsideLinks(b) == "" {
		return pair{}, false // a menu link named 政策解读 is not a label
	}
	p := pair{label: canon, raw: raw, known: known, node: b}
	if !known {
		p.label = raw
	}
	// <div class="row"><label>索引号：</label><div class="value">…</div></div>: the value
	// is inside the block, after the label.
	if v := blockChildrenText(b); v != "" {
		if runeLen(v) <= 300 && len(parseColonLine(v)) == 0 {
			p.value, p.vnode = v, b
		}
		return p, true
	}
	sib := nextElementSibling(holder)
	if cell {
		p.table = cellTable(holder)
		if sib == nil || (sib.DataAtom != atom.Td && sib.DataAtom != atom.Th) {
			return pair{}, false
		}
		v := textOf(sib)
		if _, isLabel := canonicalLabel(v); isLabel {
			return pair{}, false // a header row: 名称 | 索引号 | 发布机构 | 发布日期
		}
		p.value, p.vnode = v, sib
		return p, true
	}
	if !known {
		return pair{}, false
	}
	if sib != nil {
		v := textOf(sib)
		_, isLabel := canonicalLabel(v)
		if !isLabel && len(parseColonLine(v)) == 0 && runeLen(v) <= 300 {
			p.value, p.vnode = v, sib
		}
	}
	return p, true
}

// headerRowPairs reads info tables laid out as a row of labels over a row of values
// (索引号 | 发布机构 | 文号 | 成文日期 | 发布日期 | 有效性, then the values below), which the
// per-block shapes cannot see: there a label's value is in the next row, not the next
// cell. A label row must name at least two fields, all its cells labels; the value row
// must have no label in it. A label row followed by many value rows is a listing, not an
// info box, and is left to the list reader.
func (d *doc) headerRowPairs() []pair {
	var out []pair
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		if isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if in&(mChrome|mForm|mList) != 0 {
			return in, false
		}
		if n.DataAtom == atom.Table {
			out = append(out, labelRowPairs(n)...)
		}
		return in, true
	})
	return out
}

func labelRowPairs(t *html.Node) []pair {
	rows := tableRows(t)
	var out []pair
	for i := 0; i+1 < len(rows); i++ {
		labels := rowCells(rows[i])
		values := rowCells(rows[i+1])
		if len(labels) < 2 || len(labels) != len(values) {
			continue
		}
		canon := make([]string, len(labels))
		ok := true
		for k, c := range labels {
			l, known := canonicalLabel(textOf(c))
			if !known {
				ok = false
				break
			}
			canon[k] = l
		}
		if !ok {
			continue
		}
		for _, c := range values {
			if _, isLabel := canonicalLabel(textOf(c)); isLabel {
				ok = false
				break
			}
		}
		// A third row of values under the same labels makes it a listing.
		if !ok || (i+2 < len(rows) && len(rowCells(rows[i+2])) == len(labels) && !allLabels(rowCells(rows[i+2]))) {
			continue
		}
		for k := range labels {
			out = append(out, pair{label: canon[k], raw: facts.NormalizeLabel(textOf(labels[k])), value: textOf(values[k]),
				known: true, node: labels[k], vnode: values[k], table: t})
		}
		i++ // the value row is used
	}
	return out
}

func allLabels(cells []*html.Node) bool {
	for _, c := range cells {
		if _, known := canonicalLabel(textOf(c)); !known {
			return false
		}
	}
	return len(cells) > 0
}

// blockChildrenText is the text of b's block-level children, "" when it has none.
func blockChildrenText(b *html.Node) string {
	var parts []string
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) {
			if t := textOf(c); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " ")
}

// soleContent reports whether n is all its parent holds (no other element, no text).
func soleContent(n *html.Node) bool {
	p := n.Parent
	if p == nil || p.Type != html.ElementNode || p.DataAtom == atom.Body {
		return false
	}
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == n, c.Type == html.CommentNode:
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return false
		}
	}
	return true
}

// firstChildLabel handles <li><b>文号</b>国发〔2019〕5号</li>.
func firstChildLabel(b *html.Node) (pair, bool) {
	var first *html.Node
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" || c.Type == html.CommentNode {
			continue
		}
		first = c
		break
	}
	if first == nil || first.Type != html.ElementNode || first.DataAtom == atom.A || isSkipped(first) {
		return pair{}, false
	}
	lt := textOf(first)
	canon, ok := canonicalLabel(lt)
	if !ok {
		return pair{}, false
	}
	rest := strings.Join(linesOf(b, func(n *html.Node) bool { return n == first || isBlock(n) }), " ")
	rest = strings.TrimLeft(rest, " :：")
	return pair{label: canon, raw: facts.NormalizeLabel(lt), value: rest, known: true, node: b}, true
}

// judgePairs decides whether pairs are an info box and builds Fields.
func (d *doc) judgePairs(pairs []pair) infoResult {
	distinct, strong := map[string]bool{}, false
	knownPerTable := map[*html.Node]int{}
	for _, p := range pairs {
		if !p.known {
			continue
		}
		distinct[p.label] = true
		strong = strong || strongLabels[p.label]
		if p.table != nil {
			knownPerTable[p.table]++
		}
	}
	res := infoResult{accepted: len(distinct) >= 2 && strong}
	for _, p := range pairs {
		switch {
		case !res.accepted && !(p.known && bylineLabels[p.label]):
			continue
		case !p.known && knownPerTable[p.table] < 2:
			continue // an unknown "xx：" cell counts only inside a real info table
		}
		if res.fields == nil {
			res.fields = map[string]string{}
		}
		if old, dup := res.fields[p.label]; dup {
			// A second row under another synonym (有效性 and 有效期) keeps its own name.
			if old != p.value && p.raw != p.label {
				setField(&res.fields, p.raw, p.value)
			}
			continue
		}
		res.fields[p.label] = p.value
	}
	if res.accepted {
		for _, p := range pairs {
			d.markInfo(p.node)
			d.markInfo(p.vnode)
			t := p.table
			if t == nil && p.known {
				t = cellTable(p.node)
			}
			d.markInfo(t)
		}
	}
	return res
}

// markInfo flags n as part of the info box, unless it wraps the article body (a layout
// table whose one cell holds both the header and the text).
func (d *doc) markInfo(n *html.Node) {
	if n == nil || (d.body != nil && contains(n, d.body)) {
		return
	}
	d.marks[n] |= mInfo
}

// contains reports whether b is a or one of its descendants.
func contains(a, b *html.Node) bool {
	for ; b != nil; b = b.Parent {
		if b == a {
			return true
		}
	}
	return false
}

// cellTable is the table a td/th belongs to.
func cellTable(n *html.Node) *html.Node {
	if n == nil || (n.DataAtom != atom.Td && n.DataAtom != atom.Th) {
		return nil
	}
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.DataAtom == atom.Table {
			return p
		}
	}
	return nil
}

func hasFormControl(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Input, atom.Select, atom.Textarea:
				if !strings.EqualFold(attr(c, "type"), "hidden") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// isLabelish: 2–8 Han characters, the shape of a field label.
func isLabelish(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= maxLabelRunes
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// labelBoundary: a label starts a line or follows a space or a closing mark.
func labelBoundary(rs []rune, start int) bool {
	if start == 0 {
		return true
	}
	r := rs[start-1]
	return isSpaceRune(r) || strings.ContainsRune("】]）)|｜丨，,、;；。【[（(>》", r)
}

type colonHit struct {
	start, end int // label start; index after the colon
	label, raw string
	known      bool
}

// parseColonLine reads "label：value label：value" from one line of text. Labels may be
// padded with spaces or U+3000 (索 引 号：); a value runs to the next label, known or
// not (浏览次数：, 字号：), so bylines do not bleed into each other.
func parseColonLine(line string) []pair {
	rs := []rune(line)
	var hits []colonHit
	for i, r := range rs {
		if r != '：' && r != ':' {
			continue
		}
		if h, ok := labelBefore(rs, i); ok {
			if len(hits) > 0 && h.start < hits[len(hits)-1].end {
				continue
			}
			hits = append(hits, h)
		}
	}
	var out []pair
	for k, h := range hits {
		if !h.known {
			continue
		}
		end := len(rs)
		if k+1 < len(hits) {
			end = hits[k+1].start
		}
		v := strings.TrimRightFunc(string(rs[h.end:end]), func(r rune) bool {
			return isSpaceRune(r) || strings.ContainsRune("|｜丨【[（(", r)
		})
		out = append(out, pair{label: h.label, raw: h.raw, value: trimUnmatched(facts.NormalizeSpace(v)), known: true})
	}
	return out
}

func labelBefore(rs []rune, colon int) (colonHit, bool) {
	j := colon - 1
	for j >= 0 && isSpaceRune(rs[j]) {
		j--
	}
	var pos []int // positions of the Han runes before the colon, nearest first
	for k := j; k >= 0 && len(pos) < maxLabelRunes; k-- {
		if isSpaceRune(rs[k]) {
			continue
		}
		if !unicode.Is(unicode.Han, rs[k]) {
			break
		}
		pos = append(pos, k)
	}
	for n := len(pos); n >= 2; n-- {
		start := pos[n-1]
		var b strings.Builder
		for i := n - 1; i >= 0; i-- {
			b.WriteRune(rs[pos[i]])
		}
		raw := b.String()
		canon, ok := synonyms[raw]
		if !ok {
			continue
		}
		// Short generic labels (文号, 主题, 日期) must stand apart from the text before.
		if n < 3 && !labelBoundary(rs, start) {
			continue
		}
		return colonHit{start: start, end: colon + 1, label: canon, raw: raw, known: true}, true
	}
	// An unknown label (浏览次数：) only ends the previous value: contiguous Han runes
	// right before the colon, after a space or bracket.
	n := 0
	for n < len(pos) && pos[n] == j-n {
		n++
	}
	for l := min(n, 6); l >= 2; l-- {
		if start := j - l + 1; labelBoundary(rs, start) && start > 0 {
			return colonHit{start: start, end: colon + 1}, true
		}
	}
	return colonHit{}, false
}

// trimUnmatched drops closing brackets a value does not open: the line
// "（有效期：2023年6月1日至2028年5月31日）" gives the value without its "）".
func trimUnmatched(v string) string {
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}, {"【", "】"}, {"[", "]"}} {
		for strings.HasSuffix(v, br[1]) && strings.Count(v, br[0]) < strings.Count(v, br[1]) {
			v = strings.TrimSpace(strings.TrimSuffix(v, br[1]))
		}
	}
	return v
}
