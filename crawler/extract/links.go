package extract

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// AttachmentExts are the file types fetched as attachments (lower case, no dot).
var AttachmentExts = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "wps": true,
	"et": true, "dps": true, "ppt": true, "pptx": true, "zip": true, "rar": true, "7z": true,
	"ofd": true, "txt": true, "csv": true,
}

// Bounds on hostile pages.
const (
	maxLinks       = 20_000
	maxAttachments = 2_000
)

var (
	// trsFileRe: TRS WCM stores uploads as P0 + a timestamp (P020230530412345678901.pdf).
	trsFileRe = regexp.MustCompile(`^P0\d{10,}`)
	// downloadRe: download endpoints whose URL names no file (downfile.jsp?…).
	downloadRe = regexp.MustCompile(`(?i)download|downfile|attach|fujian|getfile|file\.jsp|filedown`)
)

// link is one occurrence of a link, before deduplication.
type link struct {
	node    *html.Node
	url     string
	text    string
	content bool
}

// links returns every link (deduplicated by URL; content wins over nav) and the
// attachments among them. Links of Hanweb datastore records are content links.
func (d *doc) links(hw []facts.ListItem) ([]facts.Link, []facts.Attachment) {
	self := d.resolve(d.page.String())
	var all []link
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		in |= d.marks[n]
		if n == d.body {
			in |= mBody
		}
		if len(all) >= maxLinks {
			return in, false
		}
		var href string
		switch n.DataAtom {
		case atom.A, atom.Area:
			href = attr(n, "href")
		case atom.Frame, atom.Iframe:
			href = attr(n, "src")
		default:
			return in, !isSkipped(n)
		}
		u := d.resolve(href)
		if u == "" || (u == self && strings.Contains(href, "#")) {
			return in, false
		}
		content := in&(mBody|mInfo|mList) != 0 && (in&mChrome == 0 || in&mBody != 0 && d.bodyByCSS)
		if !content && in&mChrome == 0 && n.DataAtom == atom.A {
			content = labelledAttachment(n) // 附件： under the article, outside its container
		}
		all = append(all, link{node: n, url: u, text: linkText(n), content: content})
		return in, false
	})
	for _, it := range hw {
		all = append(all, link{url: it.URL, text: it.Title, content: true})
	}
	return dedupeLinks(all), d.attachments(all)
}

func linkText(n *html.Node) string {
	if t := textOf(n); t != "" {
		return t
	}
	if t := facts.NormalizeSpace(attr(n, "title")); t != "" {
		return t
	}
	// An image link says what it is in its alt text.
	var alt string
	walk(n, func(c *html.Node) bool {
		if alt == "" && isElem(c, atom.Img) {
			alt = facts.NormalizeSpace(attr(c, "alt"))
		}
		return alt == ""
	})
	return alt
}

func dedupeLinks(all []link) []facts.Link {
	var out []facts.Link
	at := map[string]int{}
	for _, l := range all {
		area := "nav"
		if l.content {
			area = "content"
		}
		if i, ok := at[l.url]; ok {
			if l.content {
				out[i].Area = "content"
			}
			if out[i].Text == "" {
				out[i].Text = l.text
			}
			continue
		}
		at[l.url] = len(out)
		out = append(out, facts.Link{URL: l.url, Text: l.text, Area: area})
	}
	return out
}

// attachments picks the links to files: by extension, by the TRS upload name, by a file
// name in the query (downfile.jsp?filename=a.pdf), by a file name in the link text of
// a download endpoint, or by an "附件" label in front of the link.
func (d *doc) attachments(all []link) []facts.Attachment {
	var out []facts.Attachment
	seen := map[string]bool{}
	for _, l := range all {
		if len(out) >= maxAttachments {
			break
		}
		if seen[l.url] || (l.node != nil && !isElem(l.node, atom.A) && !isElem(l.node, atom.Area)) {
			continue
		}
		ext, ok := attachmentExt(l)
		if !ok {
			continue
		}
		seen[l.url] = true
		name := l.text
		if name == "" {
			name = fileName(l.url)
		}
		if ext == "" {
			ext = extOf(name)
		}
		out = append(out, facts.Attachment{URL: l.url, Name: name, Ext: ext})
	}
	return out
}

func attachmentExt(l link) (string, bool) {
	u, err := url.Parse(l.url)
	if err != nil {
		return "", false
	}
	file := path.Base(u.Path)
	if ext := extOf(file); AttachmentExts[ext] {
		return ext, true
	}
	if trsFileRe.MatchString(file) {
		return extOf(file), true
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if ext := extOf(v); AttachmentExts[ext] {
				return ext, true
			}
		}
	}
	if ext := extOf(l.text); AttachmentExts[ext] && downloadRe.MatchString(l.url) {
		return ext, true
	}
	if l.node != nil && labelledAttachment(l.node) {
		if ext := extOf(l.text); AttachmentExts[ext] {
			return ext, true
		}
		return "", true
	}
	return "", false
}

// labelledAttachment: the link's text starts with 附件 (附件1.…), or a short label
// naming 附件 (附件：, 相关附件：) stands just before it.
func labelledAttachment(a *html.Node) bool {
	if strings.HasPrefix(textOf(a), "附件") {
		return true
	}
	// Only the nearest siblings: a label further away labels something else (and a
	// page of 50,000 empty links must not be scanned quadratically).
	for p, i := a.PrevSibling, 0; p != nil && i < 3; p, i = p.PrevSibling, i+1 {
		var t string
		switch p.Type {
		case html.TextNode:
			t = facts.NormalizeSpace(p.Data)
		case html.ElementNode:
			if !isSkipped(p) && !isElem(p, atom.A) {
				t = textOf(p)
			}
		}
		if t == "" {
			continue
		}
		return strings.Contains(t, "附件") && runeLen(t) <= 8
	}
	return false
}

// extOf is the lower-case extension of a file name ("" when none or implausible).
func extOf(name string) string {
	i := strings.LastIndex(name, ".")
	if i < 0 || i == len(name)-1 {
		return ""
	}
	ext := strings.ToLower(strings.TrimSpace(name[i+1:]))
	if len(ext) > 5 || strings.ContainsAny(ext, "/?&=# ") {
		return ""
	}
	return ext
}

func fileName(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if n, err := url.PathUnescape(path.Base(pu.Path)); err == nil && n != "/" && n != "." {
		return n
	}
	return ""
}
