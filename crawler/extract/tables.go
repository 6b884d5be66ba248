package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on hostile tables (colspan="100000", rowspan on every cell).
const (
	maxSpan       = 200
	maxTableCells = 100_000
	maxTables     = 200
)

// tables returns every content table as a grid. Left out: tables in the chrome, forms,
// the info box, listings (their rows are Items), and layout tables: those that hold
// another table or the article body, that have fewer than two rows or columns, or whose
// cells are paragraphs of prose.
func (d *doc) tables() []facts.Table {
	var out []facts.Table
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		if isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if in&(mChrome|mForm|mInfo|mList) != 0 || len(out) >= maxTables {
			return in, false
		}
		if n.DataAtom == atom.Table && !d.isLayoutTable(n) {
			if t := Grid(n); len(t.Rows) >= 2 && len(t.Rows[0]) >= 2 && !blankTable(t) {
				t.Caption = d.caption(n)
				out = append(out, t)
			}
		}
		return in, true
	})
	return out
}

// maxCaptionRunes: a longer line before a table is prose, not the table's name.
const maxCaptionRunes = 60

// captionSkipRe matches lines between a heading and its table that name no table: the
// unit of the figures ("单位：件") and a bare "表N".
var captionSkipRe = regexp.MustCompile(`^[（(]?(?:计量)?单位[：:]|^表\s*[0-9一二三四五六七八九十]+[：:]?$`)

// caption names a table: its <caption>, else the short line just before it, the heading
// annual reports and statistics put above each table ("三、收到和处理政府信息公开申请情况").
// The line is searched among the preceding siblings of the table and of its wrappers, up
// to the article body; another table, a long paragraph or the start of the body first
// means the table has no caption ("").
func (d *doc) caption(t *html.Node) string {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, atom.Caption) {
			if s := textOf(c); s != "" {
				return s
			}
		}
	}
	n := t
	for range 4 {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != html.TextNode && s.Type != html.ElementNode || isSkipped(s) {
				continue
			}
			if s.Type == html.ElementNode && d.marks[s]&(mChrome|mForm|mInfo|mList) != 0 {
				return ""
			}
			if s.DataAtom == atom.Table || s.Type == html.ElementNode && hasDescendant(s, atom.Table) {
				return "" // what precedes is the previous table
			}
			for _, l := range tailLines(s, 3) {
				switch {
				case captionSkipRe.MatchString(l):
					continue
				case runeLen(l) > maxCaptionRunes:
					return ""
				}
				return l
			}
		}
		if n = n.Parent; n == nil || n == d.body || n.Type != html.ElementNode || n.DataAtom == atom.Body {
			break
		}
	}
	return ""
}

// tailLines returns up to n last lines of n's text, last first, rendering only the end
// of the subtree: a long article before a table costs no more than its last paragraphs.
func tailLines(node *html.Node, n int) []string {
	var out []string
	var visit func(x *html.Node, depth int) bool // false: enough lines
	visit = func(x *html.Node, depth int) bool {
		if x.Type == html.TextNode || depth > flattenDepth {
			return collect(&out, linesOf(x, nil), n)
		}
		if x.Type != html.ElementNode || isSkipped(x) {
			return true
		}
		// Walk children from the end; a run of inline children forms one line with
		// its text, so it is rendered together.
		var run []*html.Node
		flush := func() bool {
			if len(run) == 0 {
				return true
			}
			var w lineWriter
			for i := len(run) - 1; i >= 0; i-- {
				w.render(run[i], nil)
			}
			run = run[:0]
			return collect(&out, w.lines(), n)
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode && (isBlock(c) || isElem(c, atom.Br)) {
				if !flush() {
					return false
				}
				if isBlock(c) && !visit(c, depth+1) {
					return false
				}
				continue
			}
			if c.Type == html.TextNode || c.Type == html.ElementNode {
				run = append(run, c)
			}
		}
		return flush()
	}
	visit(node, 0)
	return out
}

// collect appends lines, last first, until there are n; false when full.
func collect(out *[]string, lines []string, n int) bool {
	for i := len(lines) - 1; i >= 0; i-- {
		if len(*out) >= n {
			return false
		}
		*out = append(*out, lines[i])
	}
	return len(*out) < n
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if found {
			return false
		}
		if c != n && isElem(c, a) {
			found = true
			return false
		}
		return true
	})
	return found
}

func (d *doc) isLayoutTable(t *html.Node) bool {
	if d.body != nil && d.body != t && contains(t, d.body) {
		return true
	}
	layout := false
	walk(t, func(n *html.Node) bool {
		if layout || n.Type != html.ElementNode {
			return false
		}
		if n != t && n.DataAtom == atom.Table {
			layout = true
			return false
		}
		return true
	})
	if layout {
		return true
	}
	// A cell made of several long paragraphs is page layout, not data.
	for _, row := range tableRows(t) {
		for _, c := range rowCells(row) {
			paras, long := 0, 0
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				if isElem(k, atom.P) || isElem(k, atom.Div) {
					paras++
					if runeLen(textOf(k)) > 100 {
						long++
					}
				}
			}
			if paras >= 3 && long >= 2 {
				return true
			}
		}
	}
	return false
}

func blankTable(t facts.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r {
			if c.Text != "" {
				return false
			}
		}
	}
	return true
}

// tableRows are t's own rows (not those of nested tables), thead first, tfoot last,
// as a browser lays them out.
func tableRows(t *html.Node) []*html.Node {
	var head, body, foot []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case isElem(c, atom.Tr):
			body = append(body, c)
		case isElem(c, atom.Thead), isElem(c, atom.Tbody), isElem(c, atom.Tfoot):
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if !isElem(r, atom.Tr) {
					continue
				}
				switch c.DataAtom {
				case atom.Thead:
					head = append(head, r)
				case atom.Tfoot:
					foot = append(foot, r)
				default:
					body = append(body, r)
				}
			}
		}
	}
	return append(append(head, body...), foot...)
}

func rowCells(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, atom.Td) || isElem(c, atom.Th) {
			out = append(out, c)
		}
	}
	return out
}

// Grid lays a <table> out as the grid a browser draws: a cell spanning rows or columns
// fills every position it covers, the positions other than its top-left one holding a
// copy marked Copy. Rows shorter than the widest are padded with blank cells. Header
// cells (<th>, or any cell of <thead>) are marked Header.
func Grid(t *html.Node) facts.Table {
	rows := tableRows(t)
	grid := make([][]*facts.Cell, len(rows))
	cells := 0
	for r, tr := range rows {
		col := 0
		inHead := tr.Parent != nil && tr.Parent.DataAtom == atom.Thead
		for _, td := range rowCells(tr) {
			for col < len(grid[r]) && grid[r][col] != nil {
				col++
			}
			rs := span(attr(td, "rowspan"), len(rows)-r)
			cs := span(attr(td, "colspan"), maxSpan)
			if cells+rs*cs > maxTableCells {
				return toTable(grid)
			}
			cells += rs * cs
			cell := facts.Cell{
				Text:   strings.Join(linesOf(td, nil), " "),
				Header: td.DataAtom == atom.Th || inHead,
			}
			for dr := range rs {
				for dc := range cs {
					c := cell
					c.Copy = dr > 0 || dc > 0
					place(grid, r+dr, col+dc, &c)
				}
			}
			col += cs
		}
	}
	return toTable(grid)
}

// span reads a rowspan/colspan: absent, invalid or < 1 is 1 (rowspan="0", "to the end
// of the section", is rare on these sites and read as 1), capped at max.
func span(v string, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, max, maxSpan)
}

func place(grid [][]*facts.Cell, r, c int, cell *facts.Cell) {
	if r >= len(grid) {
		return // a rowspan running past the last row
	}
	for len(grid[r]) <= c {
		grid[r] = append(grid[r], nil)
	}
	if grid[r][c] == nil { // overlapping spans: the first cell keeps the slot
		grid[r][c] = cell
	}
}

func toTable(grid [][]*facts.Cell) facts.Table {
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	t := facts.Table{Rows: make([][]facts.Cell, 0, len(grid))}
	for _, r := range grid {
		row := make([]facts.Cell, width)
		for i, c := range r {
			if c != nil {
				row[i] = *c
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
