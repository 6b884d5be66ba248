package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxPages caps the page URLs one list may announce: a script saying countPage=10^9 must
// not make the crawler an infinite URL space.
const maxPages = 5000

// TRSPages lists the pages of a TRS WCM list: page 0 is name.ext, page k (shown as k+1)
// is name_k.ext, all in base's directory. The current page cur is left out. count is
// capped at maxPages.
func TRSPages(base *url.URL, count, cur int, name, ext string) []string {
	if base == nil || count <= 1 {
		return nil
	}
	if name == "" {
		name = "index"
	}
	ext = strings.TrimPrefix(ext, ".")
	if ext == "" {
		ext = "html"
	}
	count = min(count, maxPages)
	out := make([]string, 0, count)
	for k := range count {
		if k == cur {
			continue
		}
		file := name + "." + ext
		if k > 0 {
			file = name + "_" + strconv.Itoa(k) + "." + ext
		}
		u, err := base.Parse(file)
		if err != nil {
			continue
		}
		out = append(out, u.String())
	}
	return out
}

var (
	createPageRe = regexp.MustCompile(`\bcreatePage(?:HTML)?\s*\(([^()]*)\)`)
	countVarRe   = regexp.MustCompile(`\b(?:countPage|countpage|pageCount|_nPageCount|totalPage|totalpage|pageTotal)\s*=\s*['"]?(\d+)`)
	curVarRe     = regexp.MustCompile(`\b(?:currentPage|currentpage|_nCurrIndex|curPage|currPage)\s*=\s*['"]?(\d+)`)
	nameVarRe    = regexp.MustCompile(`\b_sPageName\s*=\s*['"]([\w.-]+)['"]`)
	extVarRe     = regexp.MustCompile(`\b_sPageExt\s*=\s*['"]\.?(\w+)['"]`)
	// The document.write pager of TRS templates: "index"+"_"+i+"."+"html".
	writtenNameRe = regexp.MustCompile(`['"]([\w-]+)['"]\s*\+\s*['"]_['"]`)
	writtenExtRe  = regexp.MustCompile(`['"]\.['"]\s*\+\s*['"](s?html?)\b`)
	pagedFileRe   = regexp.MustCompile(`^([\w-]+?)(?:_(\d+))?\.(s?html?|jsp|php|aspx?)$`)
	intRe         = regexp.MustCompile(`^\d+$`)
	identRe       = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)
)

// trsCall is what a TRS pager script says about its list.
type trsCall struct {
	count, cur int
	name, ext  string
}

// pagination: a TRS pager script gives every page; otherwise a "下一页" link gives the
// next one.
func (d *doc) pagination() []string {
	if c, ok := d.trsPager(); ok {
		name, ext := c.name, c.ext
		if name == "" || ext == "" {
			n, e := d.pageFileName()
			name, ext = orElse(name, n), orElse(ext, e)
		}
		if urls := TRSPages(d.base, c.count, c.cur, name, ext); len(urls) > 0 {
			return urls
		}
	}
	if next := d.nextLink(); next != "" {
		return []string{next}
	}
	return nil
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// trsPager reads createPageHTML(56, 0, "index", "html"), its variants with a leading
// element id or trailing arguments, calls through variables, and the countPage /
// currentPage variables of document.write pagers.
func (d *doc) trsPager() (trsCall, bool) {
	for _, s := range d.scripts {
		code := stripJSComments(scriptText(s))
		if strings.Contains(code, "createPage") {
			vars := scriptInts(code)
			for _, m := range createPageRe.FindAllStringSubmatch(code, -1) {
				if c, ok := parseCreatePage(m[1], vars); ok {
					return c, true
				}
			}
		}
		// "var pageCount = 10" in a slider script is no pager: the script must also
		// write page names (index_…, .htm, _sPageName).
		if !pagerVarHint(code) || !strings.Contains(code, "index") && !strings.Contains(code, ".htm") && !strings.Contains(code, "_sPageName") {
			continue
		}
		cm := countVarRe.FindStringSubmatch(code)
		if cm == nil {
			continue
		}
		c := trsCall{}
		c.count, _ = strconv.Atoi(cm[1])
		if m := curVarRe.FindStringSubmatch(code); m != nil {
			c.cur, _ = strconv.Atoi(m[1])
		}
		if m := nameVarRe.FindStringSubmatch(code); m != nil {
			c.name = m[1]
		} else if m := writtenNameRe.FindStringSubmatch(code); m != nil {
			c.name = m[1]
		}
		if m := extVarRe.FindStringSubmatch(code); m != nil {
			c.ext = m[1]
		} else if m := writtenExtRe.FindStringSubmatch(code); m != nil {
			c.ext = m[1]
		}
		return c, true
	}
	return trsCall{}, false
}

func pagerVarHint(code string) bool {
	for _, h := range []string{"ountPage", "ountpage", "ageCount", "PageCount", "otalPage", "otalpage", "ageTotal"} {
		if strings.Contains(code, h) {
			return true
		}
	}
	return false
}

var assignRe = regexp.MustCompile(`\b([A-Za-z_$][\w$]*)\s*=\s*['"]?(\d+)['"]?\s*[;,\n]`)

// scriptInts collects "name = 123" assignments, to resolve createPageHTML(countPage, …).
func scriptInts(code string) map[string]int {
	vars := map[string]int{}
	for _, m := range assignRe.FindAllStringSubmatch(code, -1) {
		if _, dup := vars[m[1]]; !dup {
			vars[m[1]], _ = strconv.Atoi(m[2])
		}
	}
	return vars
}

// parseCreatePage reads the argument list of a createPageHTML call: the first two
// integers are the page count and the current page, the next two strings after them
// the page name and extension. A definition (function createPageHTML(_nPageCount, …))
// has no integers and is skipped.
func parseCreatePage(args string, vars map[string]int) (trsCall, bool) {
	var ints []int
	var strs []string
	for a := range strings.SplitSeq(args, ",") {
		a = strings.TrimSpace(a)
		switch {
		case intRe.MatchString(a):
			if len(ints) < 2 {
				n, _ := strconv.Atoi(a)
				ints = append(ints, n)
			}
		case identRe.MatchString(a) && len(ints) < 2:
			n, ok := vars[a]
			if !ok {
				return trsCall{}, false
			}
			ints = append(ints, n)
		case len(ints) == 2 && len(a) >= 2 && (a[0] == '"' || a[0] == '\''):
			strs = append(strs, strings.Trim(a, `"'`))
		}
	}
	if len(ints) < 2 || ints[0] < 1 {
		return trsCall{}, false
	}
	c := trsCall{count: ints[0], cur: ints[1]}
	if len(strs) > 0 {
		c.name = strs[0]
	}
	if len(strs) > 1 {
		c.ext = strings.TrimPrefix(strs[1], ".")
	}
	return c, true
}

// pageFileName infers the list's page name and extension from pager links already
// rendered (index_3.shtml), else from the page's own URL, else index.html.
func (d *doc) pageFileName() (name, ext string) {
	walk(d.root, func(n *html.Node) bool {
		if name != "" {
			return false
		}
		if isElem(n, atom.A) {
			if u := d.resolve(attr(n, "href")); u != "" {
				if pu, err := url.Parse(u); err == nil && samePath(dir(pu.Path), dir(d.base.Path)) {
					if m := pagedFileRe.FindStringSubmatch(base(pu.Path)); m != nil && m[2] != "" {
						name, ext = m[1], m[3]
					}
				}
			}
			return false
		}
		return true
	})
	if name != "" {
		return name, ext
	}
	if m := pagedFileRe.FindStringSubmatch(base(d.base.Path)); m != nil {
		return m[1], m[3]
	}
	return "index", "html"
}

func dir(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[:i+1]
	}
	return "/"
}

func base(p string) string { return p[strings.LastIndex(p, "/")+1:] }

func samePath(a, b string) bool { return strings.EqualFold(a, b) }

// nextWords are the texts of a next-page link, after facts.NormalizeLabel and the
// arrows are removed.
var nextWords = map[string]bool{"下一页": true, "下页": true, "后页": true, "下一頁": true, "next": true, "Next": true, "NEXT": true}

// nextLink is the target of a usable "下一页" link: not javascript:, not "#", not
// disabled, not the page itself.
func (d *doc) nextLink() string {
	self := d.resolve(d.page.String())
	var next string
	walk(d.root, func(n *html.Node) bool {
		if next != "" {
			return false
		}
		if n.Type == html.ElementNode && isSkipped(n) {
			return false
		}
		if !isElem(n, atom.A) {
			return true
		}
		label := strings.Trim(facts.NormalizeLabel(textOf(n)), "<>«‹")
		if !nextWords[label] && !nextWords[facts.NormalizeLabel(attr(n, "title"))] {
			return false
		}
		if hasClass(n, "disabled") || attr(n, "disabled") != "" {
			return false
		}
		if u := d.resolve(attr(n, "href")); u != "" && u != self {
			next = u
		}
		return false
	})
	return next
}

var blockCommentRe = regexp.MustCompile(`(?s)/\*.*?\*/`)

// stripJSComments drops /* … */ blocks and lines that are wholly a // comment, so a
// pager call a webmaster commented out does not count. Old templates wrap code in
// "<!--" … "//-->": those lines are dropped, the code between them stays, as it runs.
// A trailing "// …" after code is kept: telling it from "http://" in a string needs a
// JavaScript lexer, and a trailing comment rarely holds a pager call.
func stripJSComments(code string) string {
	if !strings.Contains(code, "/*") && !strings.Contains(code, "//") && !strings.Contains(code, "<!--") {
		return code
	}
	code = blockCommentRe.ReplaceAllString(code, " ")
	var b strings.Builder
	for line := range strings.Lines(code) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "//") || strings.HasPrefix(t, "<!--") || strings.HasPrefix(t, "-->") {
			b.WriteString("\n")
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
