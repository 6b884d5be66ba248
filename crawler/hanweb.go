package crawler

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/publicsuffix"
)

// Hanweb JCMS (大汉) column pages hold their first records only inside
// <script type="text/xml"><datastore>…</datastore></script> (package extract reads them
// into Result.Hanweb and the list's Items). The rest of the list exists only as replies
// of /module/web/jpage/dataproxy.jsp?startrecord=a&endrecord=b&perpage=p to a POST of
// the column's form fields (col, appid, webid, path, columnid, unitid, webname,
// permissiontype …, read from the page's <nextgroup> or jpage script). The reply is the
// same <datastore> XML, with <totalrecord>.
//
// The walk treats each reply as another page of the column's list: a frontier Entry
// with Method POST and the form (so the same proxy URL of two columns are two entries,
// and a resumed crawl posts the same form again), Pagination, and the column's kind.
// The reply is recorded as a list page under the entry's Key (the proxy URL plus
// "#post:" and the form), its records become the list's Items and are walked like any
// list's entries.
//
// Records may point to another host. A record on a host of the same registrable domain
// (zwgk.x.gov.cn listed by www.x.gov.cn) is the site's own document published on a
// sibling host of the same government: it is fetched as a Sibling entry (see Entry),
// its attachments read, its links not followed; the host does not join the scope, so
// the rest of that host (say, the city's whole site listed by a county) is not walked.
// A record on any other host is out of scope like any link. sameGovernment decides.

// hanwebFormOrder is the order jpage.js posts its fields in; other fields follow in
// name order, so that the same form always gives the same frontier key.
var hanwebFormOrder = []string{"col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype"}

// hanwebForm encodes a dataproxy form.
func hanwebForm(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for _, k := range hanwebFormOrder {
		if _, ok := params[k]; ok {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range params {
		if !slices.Contains(hanwebFormOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	keys = append(keys, rest...)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(params[k]))
	}
	return b.String()
}

func isHanwebProxy(u *url.URL) bool {
	return strings.HasSuffix(strings.ToLower(u.Path), "/dataproxy.jsp")
}

// hanwebGroup is one dataproxy request: records start … end, perPage to a page.
type hanwebGroup struct{ start, end, perPage int }

func (g hanwebGroup) url(proxy string) string {
	return proxy + "?startrecord=" + strconv.Itoa(g.start) + "&endrecord=" + strconv.Itoa(g.end) +
		"&perpage=" + strconv.Itoa(g.perPage)
}

func parseHanwebGroup(u *url.URL) (hanwebGroup, bool) {
	q := u.Query()
	a, err1 := strconv.Atoi(q.Get("startrecord"))
	b, err2 := strconv.Atoi(q.Get("endrecord"))
	p, err3 := strconv.Atoi(q.Get("perpage"))
	if err1 != nil || err2 != nil || a < 1 || b < a {
		return hanwebGroup{}, false
	}
	if err3 != nil || p < 1 {
		p = b - a + 1
	}
	return hanwebGroup{a, b, p}, true
}

// groupsAfter lists the groups of size that follow record `after` up to total.
func groupsAfter(after, total, size, perPage int) []hanwebGroup {
	var out []hanwebGroup
	for start := after + 1; start <= total && len(out) < maxPagesPerList; start += size {
		out = append(out, hanwebGroup{start, min(start+size-1, total), perPage})
	}
	return out
}

// hanwebColumn returns the dataproxy POSTs for the records of a Hanweb column page that
// the page itself does not hold. p's column facts are set (assignColumn ran).
func (cr *crawl) hanwebColumn(e Entry, p *facts.Page, hw *extract.HanwebList) []Entry {
	if hw == nil || hw.Proxy == "" || hw.Records == 0 {
		return nil
	}
	proxy, err := normalizeURL(nil, hw.Proxy)
	if err != nil || !cr.scope.has(proxy.Host) {
		return nil
	}
	proxy.RawQuery = ""
	var urls []string
	if hw.TotalRecord > hw.Records {
		urls = hw.ProxyURLs()
	} else if hw.TotalRecord == 0 && (hw.PerPage*hw.GroupSize == 0 || hw.Records >= hw.PerPage*hw.GroupSize) {
		// The page does not say how many records there are, and holds a full group (or
		// does not say how large one is): ask for the next group; its reply's
		// <totalrecord> tells the rest (hanwebReply).
		size := max(hw.PerPage*hw.GroupSize, hw.Records, extract.DefaultHanwebGroup)
		per := hw.PerPage
		if per <= 0 {
			per = size
		}
		urls = []string{hanwebGroup{hw.Records + 1, hw.Records + size, per}.url(proxy.String())}
	}
	form := hanwebForm(hw.Params)
	return cr.hanwebEntries(e, p, urls, form)
}

func (cr *crawl) hanwebEntries(e Entry, p *facts.Page, urls []string, form string) []Entry {
	colURL := p.ColumnURL
	if colURL == "" {
		colURL = p.URL
	}
	out := make([]Entry, 0, len(urls))
	for _, raw := range urls {
		u, err := normalizeURL(nil, raw)
		if err != nil || !cr.scope.has(u.Host) {
			continue
		}
		out = append(out, Entry{
			URL: u.String(), Method: http.MethodPost, Form: form,
			Priority: PriorityColumn, Depth: e.Depth, Hint: facts.KindList, Pagination: true,
			Column: p.Column, ColumnName: p.ColumnName, ColumnURL: colURL, Columns: addColumn(nil, p.Column),
			From: p.URL, Text: "dataproxy.jsp",
		})
	}
	return out
}

// hanwebReply turns a dataproxy reply into the list page it stands for and returns the
// further groups its <totalrecord> reveals (when the column page did not say).
func (cr *crawl) hanwebReply(e Entry, final *url.URL, fr *fetchResult, p *facts.Page) []Entry {
	body := fr.Body
	if len(body) == 0 && len(fr.Raw) > 0 {
		body, _ = decodeBody(fr.Raw, fr.ContentType)
	}
	hw, items := extract.HanwebXML(final, body)
	p.URL = e.Key() // the proxy URL is the same for every column: the form is part of the page's identity
	p.Platform = extract.PlatformHanweb
	p.Kind = facts.KindList
	p.Items = items
	p.Links = p.Links[:0]
	for _, it := range items {
		p.Links = append(p.Links, facts.Link{URL: it.URL, Text: it.Title, Area: "content"})
	}
	if p.Title == "" {
		p.Title = e.ColumnName
	}
	g, ok := parseHanwebGroup(final)
	if !ok || hw == nil {
		return nil
	}
	var next []hanwebGroup
	size := g.end - g.start + 1
	switch {
	case hw.TotalRecord > g.end:
		next = groupsAfter(g.end, hw.TotalRecord, size, g.perPage)
	case hw.TotalRecord == 0 && hw.Records >= size:
		next = []hanwebGroup{{g.end + 1, g.end + size, g.perPage}} // a full group: there may be more
	}
	if len(next) == 0 {
		return nil
	}
	proxy := *final
	proxy.RawQuery = ""
	urls := make([]string, len(next))
	for i, n := range next {
		urls[i] = n.url(proxy.String())
	}
	// The entries of a reply are pages of the same list: the column page's facts.
	page := &facts.Page{URL: e.From, Column: e.Column, ColumnName: e.ColumnName, ColumnURL: e.ColumnURL}
	if page.URL == "" {
		page.URL = p.URL
	}
	return cr.hanwebEntries(e, page, urls, e.Form)
}

// sameGovernment reports whether host (a name, maybe with a port) is another host of
// the registrable domain of a host in scope: zwgk.x.gov.cn for www.x.gov.cn (gov.cn is a
// public suffix, so x.gov.cn is the government's own domain). IP addresses never are.
func (cr *crawl) sameGovernment(host string) bool {
	d := registrableDomain(host)
	if d == "" {
		return false
	}
	for _, h := range cr.scope.list() {
		if registrableDomain(h) == d {
			return true
		}
	}
	return false
}

func registrableDomain(host string) string {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(strings.ToLower(h), "[].")
	if h == "" || net.ParseIP(h) != nil {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return ""
	}
	return d
}

// siblingEntry is the entry of a list's record on another host of the same government
// (see the comment at the top): fetched, not walked from. Only a list's own entries
// qualify, and only on pages reached within the scope.
func (cr *crawl) siblingEntry(from Entry, p *facts.Page, c candidate) (Entry, bool) {
	if !c.item || c.attachment || p.Kind != facts.KindList || from.Sibling || !cr.sameGovernment(c.host) {
		return Entry{}, false
	}
	e := Entry{
		URL: c.url, Depth: from.Depth + 1, From: p.URL, Text: c.text, Priority: PriorityEntry,
		Hint: facts.KindDetail, Sibling: true,
		Column: p.Column, ColumnName: p.ColumnName, ColumnURL: p.ColumnURL, Columns: addColumn(nil, p.Column),
	}
	if e.Depth > cr.o.MaxDepth {
		return Entry{}, false
	}
	return e, true
}
