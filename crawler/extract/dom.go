package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Every traversal here is iterative: a hostile page may nest elements a million deep,
// and recursion over it would be slow to unwind at best.

// walk visits n and its descendants in document order; fn returns false to skip
// a node's children.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if n == nil {
		return
	}
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// walkCtx is walk with a value inherited from parent to children (e.g. "inside
// the content area"), so no node needs to look up its ancestors.
func walkCtx[T any](n *html.Node, root T, fn func(n *html.Node, in T) (T, bool)) {
	type frame struct {
		n  *html.Node
		in T
	}
	stack := []frame{{n, root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out, descend := fn(f.n, f.in)
		if !descend {
			continue
		}
		for k := f.n.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{k, out})
		}
	}
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func isElem(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}

// hasClass reports whether n's class list contains c (case-insensitively).
func hasClass(n *html.Node, c string) bool {
	for _, k := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(k, c) {
			return true
		}
	}
	return false
}

// skipTags hold no visible text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Select: true, atom.Option: true,
	atom.Textarea: true, atom.Button: true, atom.Input: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Map: true,
}

// blockTags break lines.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Caption: true, atom.Td: true,
	atom.Th: true,
}

func isBlock(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && blockTags[n.DataAtom]
}

func isSkipped(n *html.Node) bool {
	return n.Type == html.ElementNode && skipTags[n.DataAtom]
}

// lineWriter renders nodes to text lines: block elements and <br> break lines,
// table cells are separated by a space, everything else runs on.
type lineWriter struct {
	b     strings.Builder
	limit int // stop writing after this many bytes (0: no limit)
}

func (w *lineWriter) full() bool { return w.limit > 0 && w.b.Len() >= w.limit }

func (w *lineWriter) write(s string) {
	if !w.full() {
		w.b.WriteString(s)
	}
}

// render writes n's text; skip (may be nil) prunes subtrees.
func (w *lineWriter) render(n *html.Node, skip func(*html.Node) bool) {
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 && !w.full() {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := f.n
		if f.exit {
			w.write(breakAfter(c))
			continue
		}
		switch c.Type {
		case html.TextNode:
			w.write(c.Data)
			continue
		case html.ElementNode, html.DocumentNode:
		default: // comments, doctypes: absent
			continue
		}
		if c != n && (isSkipped(c) || (skip != nil && skip(c))) {
			continue
		}
		if isElem(c, atom.Br) {
			w.write("\n")
			continue
		}
		w.write(breakAfter(c))
		stack = append(stack, frame{n: c, exit: true})
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{n: k})
		}
	}
}

func breakAfter(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	switch n.DataAtom {
	case atom.Td, atom.Th:
		return " "
	}
	if blockTags[n.DataAtom] {
		return "\n"
	}
	return ""
}

// lines splits rendered text into whitespace-normalised non-empty lines.
func (w *lineWriter) lines() []string {
	var out []string
	for l := range strings.SplitSeq(w.b.String(), "\n") {
		if l = facts.NormalizeSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// linesOf renders n into normalised lines.
func linesOf(n *html.Node, skip func(*html.Node) bool) []string {
	var w lineWriter
	w.render(n, skip)
	return w.lines()
}

// textOf is n's visible text on one line.
func textOf(n *html.Node) string {
	return strings.Join(linesOf(n, nil), " ")
}

// textOutsideLinks is the text of n that does not sit inside an <a>.
func textOutsideLinks(n *html.Node) string {
	var w lineWriter
	w.render(n, func(c *html.Node) bool { return isElem(c, atom.A) })
	return strings.Join(w.lines(), " ")
}

// ownLines are the lines of n's own text: what is not inside a nested block element.
func ownLines(n *html.Node) []string {
	return linesOf(n, isBlock)
}

// ownText is n's own text on one line; ownTextOutsideLinks leaves out links as well.
func ownText(n *html.Node) string { return strings.Join(ownLines(n), " ") }

func ownTextOutsideLinks(n *html.Node) string {
	return strings.Join(linesOf(n, func(c *html.Node) bool { return isBlock(c) || isElem(c, atom.A) }), " ")
}

// shortText is n's text when it is at most limit bytes, else "". Labels and dates are
// short: a cell holding a whole article need not be rendered to know it is neither.
// Raw text carries indentation that normalisation drops, hence the larger raw cap.
func shortText(n *html.Node, limit int) string {
	w := lineWriter{limit: 4*limit + 256}
	w.render(n, nil)
	if w.full() {
		return ""
	}
	if t := strings.Join(w.lines(), " "); len(t) <= limit {
		return t
	}
	return ""
}

// runeLen counts runes without allocating.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// truncateBytes cuts s to at most max bytes at a rune boundary.
func truncateBytes(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// nextElementSibling skips text and comments.
func nextElementSibling(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// tokens of class and id, lower case, used to recognise page chrome by name.
func nameTokens(n *html.Node) []string {
	s := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	return strings.Fields(s)
}
