package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// title picks, in order: the ArticleTitle meta; the document heading when the <title>
// confirms it; the info box's 标题/名称; the <title> without the site name; the first
// <h1>. Headings alone are not trusted: on many templates the <h1> is the column name.
func (d *doc) title(meta, fields map[string]string) string {
	if t := meta["ArticleTitle"]; t != "" {
		return t
	}
	raw := d.titleTag()
	clean := cleanTitle(raw, meta["SiteName"])
	heads := d.headings()
	for _, h := range heads {
		if confirms(raw, clean, h) {
			return h
		}
	}
	if t := fields[LabelTitle]; !absentValue(t) {
		return t
	}
	if clean != "" {
		return clean
	}
	if len(heads) > 0 {
		return heads[0]
	}
	return ""
}

// confirms reports whether the <title> (raw, and clean without the site name) names
// the same document as heading h. A short heading inside a long title ("信息公开" in
// "邯郸市政府信息公开") does not count.
func confirms(raw, clean, h string) bool {
	if raw == "" || runeLen(h) < 4 {
		return false
	}
	switch {
	case facts.NormalizeLabel(h) == facts.NormalizeLabel(clean):
		return true
	case strings.Contains(raw, h):
		return runeLen(h)*3 >= runeLen(clean)*2
	case strings.Contains(h, clean):
		return runeLen(clean) >= 6 // a <title> cut short by the CMS
	}
	return false
}

func (d *doc) titleTag() string {
	var t string
	walk(d.root, func(n *html.Node) bool {
		if t != "" {
			return false
		}
		if isElem(n, atom.Title) {
			t = facts.NormalizeSpace(scriptText(n))
			return false
		}
		return n.Type == html.DocumentNode || n.Type == html.ElementNode && (!isSkipped(n) || n.DataAtom == atom.Head)
	})
	return t
}

// titleWords name heading-like elements on CMS templates.
var titleWords = []string{"title", "biaoti", "bt", "tit", "headline"}

// headings are h1–h3 and title-named elements outside the chrome, in document order.
func (d *doc) headings() []string {
	var out []string
	walkCtx(d.root, mark(0), func(n *html.Node, in mark) (mark, bool) {
		if n.Type != html.ElementNode {
			return in, n.Type == html.DocumentNode
		}
		if isSkipped(n) {
			return in, false
		}
		in |= d.marks[n]
		if in&(mChrome|mList|mForm) != 0 || len(out) >= 20 {
			return in, false
		}
		if isHeading(n) {
			if t := textOf(n); runeLen(t) >= 2 && runeLen(t) <= 300 {
				out = append(out, t)
				return in, false
			}
		}
		return in, true
	})
	return out
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	}
	for _, t := range nameTokens(n) {
		for _, w := range titleWords {
			if t == w || strings.HasPrefix(t, w+"_") || strings.HasPrefix(t, w+"-") || strings.HasSuffix(t, "_"+w) || strings.HasSuffix(t, "-"+w) {
				return true
			}
		}
	}
	return false
}

// siteNameRe recognises the site part of a <title> ("XX县人民政府", "XX市人民政府门户网站").
var siteNameRe = regexp.MustCompile(`(?:人民政府|政府|门户网站|网站|政府网|官网|信息网|政务网|政务服务网|信息公开网|政府信息公开平台|首页)$`)

// cleanTitle strips site-name segments from a <title>: "关于…的通知_XX县人民政府",
// "XX市人民政府-政府信息公开指南".
func cleanTitle(t, siteName string) string {
	segs := splitTitle(t)
	var keep []string
	for _, s := range segs {
		if s == siteName || siteNameRe.MatchString(s) {
			continue
		}
		keep = append(keep, s)
	}
	if len(keep) == 0 {
		return facts.NormalizeSpace(t)
	}
	best := keep[0]
	for _, s := range keep[1:] {
		if runeLen(s) > runeLen(best) {
			best = s
		}
	}
	return best
}

// splitTitle splits at the separators titles use between page and site. An ASCII "-"
// separates only between non-alphanumerics, so "2021-2025年" and "COVID-19" survive.
func splitTitle(t string) []string {
	rs := []rune(t)
	var segs []string
	start := 0
	cut := func(i, width int) {
		if s := facts.NormalizeSpace(string(rs[start:i])); s != "" {
			segs = append(segs, s)
		}
		start = i + width
	}
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; r {
		case '_', '|', '｜', '—', '－', '–':
			cut(i, 1)
		case '-':
			prev, next := rune(' '), rune(' ')
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if !isAlnum(prev) && !isAlnum(next) {
				cut(i, 1)
			}
		}
	}
	cut(len(rs), 0)
	return segs
}

func isAlnum(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

var (
	bylineDateRe = regexp.MustCompile(`(?:发布|发表|公布|上网|更新|信息)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)`)
	bareDateRe   = regexp.MustCompile(`(?:^|[\s\[【（(])((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)`)
)

// maxBylineDistance is how many lines under the title a byline date may be.
const maxBylineDistance = 6

// publishedNearTitle finds the publication date in the byline under the title
// ("发布时间：2023-05-30 09:30 来源：…", or a bare "[2023-05-30]").
func (d *doc) publishedNearTitle(title string) (facts.Date, bool) {
	if runeLen(title) < 4 {
		return facts.Date{}, false
	}
	lines := linesOf(d.root, func(n *html.Node) bool { return d.marks[n]&(mChrome|mForm|mList) != 0 })
	for i, l := range lines {
		if !strings.Contains(l, title) && !(runeLen(l) >= 6 && strings.Contains(title, l)) {
			continue
		}
		for _, c := range lines[i+1 : min(len(lines), i+1+maxBylineDistance)] {
			if runeLen(c) > 160 {
				continue
			}
			if m := bylineDateRe.FindStringSubmatch(c); m != nil {
				if dt, ok := facts.ParseDate(m[1]); ok {
					return dt, true
				}
			}
			if m := bareDateRe.FindStringSubmatch(c); m != nil && runeLen(c) <= 60 {
				if dt, ok := facts.ParseDate(m[1]); ok {
					return dt, true
				}
			}
		}
		break
	}
	return facts.Date{}, false
}
