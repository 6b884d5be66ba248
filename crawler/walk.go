package crawler

import (
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

// What makes this an auditor rather than a generic spider: the walk finds the 政府信息公开
// portal, recognises columns by meaning, follows every page of a column's list, and reads
// all that before the rest of the site.
//
// Priorities (Frontier order, breadth-first within each):
//
//	PriorityPortal  the start URL; links named like the portal (政府信息公开, 政务公开 …)
//	PriorityColumn  links whose text names a vocabulary kind (规范性文件, 政策解读 …),
//	                pinned columns (site.Columns), and every pagination page of a list
//	PriorityEntry   entries of a list (extract's Items); content links of the portal, of
//	                list pages and of pages in a column; any link under the portal's or a
//	                pinned column's directory
//	PriorityOther   the rest of the site
//
// Column assignment of a fetched page (Page.Column/ColumnName/ColumnURL):
//
//	pin (the page's URL is in site.Columns) > the page's own <meta name="ColumnName"> or
//	innermost breadcrumb when they match the vocabulary > the link that led here (a
//	column link's text, or the list an entry was listed on). ColumnName is the site's own
//	name (meta, breadcrumb, link text); ColumnURL is the first page of the list.

// portalText matches the whole (normalised) text of a link to the disclosure portal. It is
// anchored: "政府信息公开指南" and "政府信息公开年报" are columns, not the portal.
var portalText = regexp.MustCompile(`^(?:(?:政府|政务)?信息公开|政务公开|法定主动公开(?:内容)?)(?:目录|专栏|平台|专题|网|主页|首页)?$`)

// maxColumnText bounds the length of a link text taken as a column name: a document title
// such as "关于印发《规范性文件管理办法》的通知" contains a kind's name but is no column.
const maxColumnText = 16

// homePaths are paths of a site's home page: a start URL there is a homepage, from which
// the portal is found; any other start URL is taken as the portal itself.
var homePaths = map[string]bool{
	"/": true, "/index.html": true, "/index.htm": true, "/index.shtml": true, "/index.jsp": true,
	"/index.php": true, "/index.asp": true, "/index.aspx": true, "/default.html": true,
	"/default.htm": true, "/default.aspx": true, "/default.asp": true, "/main.html": true, "/main.htm": true,
}

func isHomeURL(u *url.URL) bool { return homePaths[strings.ToLower(u.Path)] && u.RawQuery == "" }

// candidate is a link found on a page, normalised and classified by the worker; the
// coordinator turns it into a frontier Entry (priorities depend on crawl state).
type candidate struct {
	url        string
	host       string
	text       string
	nav        bool   // in menus, headers, footers, breadcrumbs
	item       bool   // an entry of the page's list
	kind       string // vocabulary kind when the link text names a column
	portal     bool   // the link text names the disclosure portal
	attachment bool   // a file, not a page
	inScope    bool
}

// candidates normalises and classifies the links, list entries and pagination of a page.
func (cr *crawl) candidates(base *url.URL, p *facts.Page, pagination []string) (links, pages []candidate) {
	items := make(map[string]bool, len(p.Items))
	// Files extraction recognised without a file extension in the URL (downfile.jsp?id=…,
	// TRS upload names) are files too: read with the page or checked, never walked.
	files := make(map[string]bool, len(p.Attachments))
	for _, a := range p.Attachments {
		if n, err := normalizeURL(base, a.URL); err == nil && attachmentExts[a.Ext] {
			files[n.String()] = true // a labelled 附件 that is an .html page stays a page
		}
	}
	seen := make(map[string]int, len(p.Links)+len(p.Items))
	add := func(ref, text, area string, item bool) {
		u, err := normalizeURL(base, ref)
		if err != nil {
			if errors.Is(err, errTrapURL) {
				cr.traps.reject(base, ref) // counted, reported as one "trap" error (traps.go)
			}
			return
		}
		s := u.String()
		if i, ok := seen[s]; ok {
			// Keep the most telling occurrence: an entry over a plain link, a named link
			// over an unnamed one.
			c := &links[i]
			c.item = c.item || item
			if c.text == "" {
				c.text = facts.NormalizeSpace(text)
			}
			if area != "nav" {
				c.nav = false
			}
			return
		}
		c := candidate{
			url: s, host: u.Host, text: facts.NormalizeSpace(text), nav: area == "nav", item: item,
			attachment: isAttachmentURL(u) || files[s], inScope: cr.scope.has(u.Host),
		}
		seen[s] = len(links)
		links = append(links, c)
	}
	for _, it := range p.Items {
		if n, err := normalizeURL(base, it.URL); err == nil {
			items[n.String()] = true
		}
		add(it.URL, it.Title, "content", true)
	}
	for _, l := range p.Links {
		if len(links) >= maxLinksPerPage {
			cr.log.Warn("too many links on a page; the rest are not followed", "url", p.URL, "cap", maxLinksPerPage)
			break
		}
		add(l.URL, l.Text, l.Area, false)
	}
	for i := range links {
		c := &links[i]
		c.item = c.item || items[c.url]
		if c.attachment || c.item {
			continue
		}
		label := facts.NormalizeLabel(c.text)
		switch {
		case portalText.MatchString(label):
			c.portal = true
		case utf8.RuneCountInString(label) <= maxColumnText:
			c.kind = cr.o.Vocabulary.Match(label)
		}
	}
	for _, ref := range pagination {
		u, err := normalizeURL(base, ref)
		if err != nil || isAttachmentURL(u) {
			continue
		}
		pages = append(pages, candidate{url: u.String(), host: u.Host, inScope: cr.scope.has(u.Host)})
	}
	return links, pages
}

// pageKind decides a page's role: the walk's hint for the start URL and the portal, else
// the page's extracted shape, else the hint (a column link leads to a list, a list's
// entry to a detail).
func pageKind(e Entry, res *extract.Result, fr *fetchResult) facts.PageKind {
	switch {
	case e.Hint == facts.KindPortal && res != nil && res.List && len(res.Pagination) > 0:
		return facts.KindList // a start URL that is a paginated listing is a column, not the portal
	case e.Hint == facts.KindHome || e.Hint == facts.KindPortal:
		return e.Hint
	case fr != nil && fr.BodySkipped:
		if isAttachmentURL(fr.URL) || !isTextual(fr.ContentType, "") {
			return facts.KindAttachment
		}
		return facts.KindOther
	case res != nil && res.List:
		return facts.KindList
	case res != nil && res.Detail:
		return facts.KindDetail
	case e.Hint == facts.KindList || e.Hint == facts.KindDetail:
		return e.Hint
	}
	return facts.KindOther
}

// assignColumn sets Column, ColumnName, ColumnURL and Columns (see the rules above).
func (cr *crawl) assignColumn(p *facts.Page, e Entry, breadcrumb []string) {
	if p.Kind == facts.KindHome || p.Kind == facts.KindPortal {
		return
	}
	kind, name, colURL := e.Column, e.ColumnName, e.ColumnURL
	own := ""
	if k, ok := cr.pins[p.URL]; ok {
		kind, colURL = k, p.URL
	} else if k, ok := cr.pins[e.URL]; ok {
		kind, colURL = k, p.URL
	} else {
		if m := facts.NormalizeSpace(p.Meta["ColumnName"]); m != "" {
			own = m
			if k := cr.o.Vocabulary.Match(m); k != "" {
				kind = k
			}
		}
		if own == "" || kind == "" {
			for i := len(breadcrumb) - 1; i >= 0; i-- {
				if k := cr.o.Vocabulary.Match(breadcrumb[i]); k != "" {
					kind = k
					if own == "" {
						own = facts.NormalizeSpace(breadcrumb[i])
					}
					break
				}
			}
		}
	}
	if own != "" {
		name = own
	}
	if p.Kind == facts.KindList && colURL == "" {
		colURL = p.URL
	}
	if kind == "" && name == "" && colURL == "" {
		return
	}
	p.Column, p.ColumnName, p.ColumnURL = kind, name, colURL
	cols := slices.Clone(e.Columns)
	p.Columns = addColumn(cols, kind)
	if len(p.Columns) == 0 {
		p.Columns = nil
	}
}

// disclosurePrefix records the directory of a portal or pinned column: links under it
// belong to the disclosure section. A portal at the root of the start host says nothing
// (everything is under "/"); at the root of another host it makes that host disclosure.
func (cr *crawl) addDisclosurePrefix(u *url.URL) {
	d := pathDir(u)
	if d == cr.start.Host+"/" {
		return
	}
	if !slices.Contains(cr.prefixes, d) {
		cr.prefixes = append(cr.prefixes, d)
	}
}

func (cr *crawl) underDisclosure(rawURL string) bool {
	if len(cr.prefixes) == 0 {
		return false
	}
	_, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return false
	}
	for _, p := range cr.prefixes {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// entries turns a fetched page's candidates into frontier entries.
func (cr *crawl) entries(from Entry, p *facts.Page, links, pages []candidate) []Entry {
	disclosure := p.Kind == facts.KindPortal || p.Kind == facts.KindList || p.Column != "" || cr.underDisclosure(p.URL)
	out := make([]Entry, 0, len(links)+len(pages))
	for _, c := range links {
		if !c.inScope {
			// A list's own record on a host of the same government is fetched (Sibling,
			// hanweb.go); other links to other hosts are checked when asked (linkcheck.go).
			if e, ok := cr.siblingEntry(from, p, c); ok {
				out = append(out, e)
				continue
			}
			cr.noteOutOfScope(c.url)
			if e, ok := cr.checkEntry(from, p, c); ok {
				out = append(out, e)
			}
			continue
		}
		if c.attachment {
			// Readable files are read with the page (attachments.go); the others are checked.
			if e, ok := cr.checkEntry(from, p, c); ok {
				out = append(out, e)
			}
			continue
		}
		e := Entry{URL: c.url, Depth: from.Depth + 1, From: p.URL, Text: c.text, Priority: PriorityOther}
		switch {
		case c.portal:
			e.Hint, e.Priority = facts.KindPortal, PriorityPortal
		case c.kind != "":
			e.Hint, e.Priority = facts.KindList, PriorityColumn
			e.Column, e.ColumnName, e.ColumnURL = c.kind, c.text, c.url
		case c.item && p.Kind == facts.KindList:
			e.Hint, e.Priority = facts.KindDetail, PriorityEntry
			e.Column, e.ColumnName, e.ColumnURL = p.Column, p.ColumnName, p.ColumnURL
			e.Columns = addColumn(nil, p.Column)
		case (disclosure && !c.nav) || cr.underDisclosure(c.url):
			e.Priority = PriorityEntry
		}
		if e.Depth > cr.o.MaxDepth {
			cr.traps.depthCut(from, e) // counted when it continues an infinite space (traps.go)
			continue
		}
		out = append(out, e)
	}
	if p.Kind == facts.KindList || len(pages) > 0 {
		colURL := p.ColumnURL
		if colURL == "" {
			colURL = p.URL
		}
		for _, c := range pages {
			if !c.inScope {
				cr.noteOutOfScope(c.url)
				continue
			}
			out = append(out, Entry{
				URL: c.url, Depth: from.Depth, Priority: PriorityColumn, Hint: facts.KindList, Pagination: true,
				Column: p.Column, ColumnName: p.ColumnName, ColumnURL: colURL,
				Columns: addColumn(nil, p.Column), From: p.URL, Text: c.text,
			})
		}
	}
	return out
}

func (cr *crawl) noteOutOfScope(u string) {
	if _, ok := cr.outOfScope[u]; ok {
		return
	}
	if len(cr.outOfScope) >= maxOutOfScopeTrack {
		cr.outOfScopeOverflow++
		return
	}
	cr.outOfScope[u] = struct{}{}
}
