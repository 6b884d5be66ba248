package extract

import (
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// crumbMarkers open a breadcrumb: 当前位置：首页 > 政府信息公开 > 规范性文件.
var crumbMarkers = []string{"您现在的位置", "你现在的位置", "您当前的位置", "您所在的位置", "当前位置", "您的位置", "你的位置", "现在位置", "所在位置", "当前的位置", "位置"}

// crumbWords name breadcrumb containers in class and id attributes.
var crumbWords = []string{"crumb", "position", "location", "weizhi", "dqwz", "curpos", "mianbao", "daohang_wz"}

var crumbSepRe = regexp.MustCompile(`\s*(?:>>|-+>|—+>|=>|＞＞|＞|>|»|›|→|/|\\|\||｜)\s*`)

const maxCrumbs = 12

// breadcrumb finds the 当前位置 trail: after a marker text, else in the container of
// TRS channel links (a.CurrChnlCls), else in an element named like a breadcrumb.
func (d *doc) breadcrumb() []string {
	if c := d.crumbAfterMarker(); len(c) > 0 {
		return c
	}
	var box *html.Node
	walk(d.root, func(n *html.Node) bool {
		if box != nil || (n.Type == html.ElementNode && isSkipped(n)) {
			return false
		}
		if n.Type == html.ElementNode && isElem(n, atom.A) && hasClass(n, "CurrChnlCls") {
			box = n.Parent
			return false
		}
		return true
	})
	if box == nil {
		walk(d.root, func(n *html.Node) bool {
			if box != nil || (n.Type == html.ElementNode && isSkipped(n)) {
				return false
			}
			if n.Type == html.ElementNode && !isElem(n, atom.Body) && !isElem(n, atom.Html) && namedLike(n, crumbWords) && hasLink(n) {
				box = n
				return false
			}
			return true
		})
	}
	if box == nil {
		return nil
	}
	return crumbSegments(box, nil)
}

func namedLike(n *html.Node, words []string) bool {
	for _, t := range nameTokens(n) {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}

func hasLink(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		found = found || isElem(c, atom.A)
		return !found
	})
	return found
}

// crumbAfterMarker finds the text node holding a marker and reads the trail in the
// nearest enclosing element that has links.
func (d *doc) crumbAfterMarker() []string {
	var marker *html.Node
	walk(d.root, func(n *html.Node) bool {
		if marker != nil || (n.Type == html.ElementNode && isSkipped(n)) {
			return false
		}
		if n.Type == html.TextNode && hasMarker(n.Data) {
			marker = n
			return false
		}
		return true
	})
	if marker == nil {
		return nil
	}
	box := marker.Parent
	for i := 0; box != nil && i < 3 && !hasLink(box); i++ {
		box = box.Parent
	}
	if box == nil || !hasLink(box) {
		box = marker.Parent // a trail in plain text: 当前位置：首页 > 信息公开
	}
	if box == nil || runeLen(textOf(box)) > 300 {
		return nil
	}
	return crumbSegments(box, marker)
}

func hasMarker(s string) bool {
	if !strings.Contains(s, "位置") { // every marker ends in 位置
		return false
	}
	t := facts.NormalizeSpace(s)
	for _, m := range crumbMarkers {
		if i := strings.Index(t, m); i >= 0 && i <= 6 {
			rest := strings.TrimSpace(t[i+len(m):])
			// "位置" must be a label (位置：…), not a word in a sentence.
			if m != "位置" || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") {
				return true
			}
		}
	}
	return false
}

// crumbSegments reads the trail in box, in order: each link's text, and the text
// between links split at the separators. Text before the marker (and the marker) is
// left out.
func crumbSegments(box, marker *html.Node) []string {
	var out []string
	started := marker == nil
	add := func(s string) {
		for part := range strings.SplitSeq(crumbSepRe.ReplaceAllString(s, "\x00"), "\x00") {
			if part = strings.Trim(facts.NormalizeSpace(part), " :：-—"); part != "" && len(out) < maxCrumbs {
				out = append(out, part)
			}
		}
	}
	walk(box, func(n *html.Node) bool {
		switch {
		case n.Type == html.ElementNode && isSkipped(n):
			return false
		case n == marker:
			started = true
			t := facts.NormalizeSpace(n.Data)
			for _, m := range crumbMarkers {
				if i := strings.Index(t, m); i >= 0 {
					t = t[i+len(m):]
					break
				}
			}
			add(t)
			return false
		case !started:
			return true
		case isElem(n, atom.A):
			if t := textOf(n); t != "" && len(out) < maxCrumbs {
				out = append(out, t)
			}
			return false
		case n.Type == html.TextNode:
			add(n.Data)
		}
		return true
	})
	return out
}
