package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HanwebList is a Hanweb JCMS "jpage" listing. Its records exist only as CDATA inside
// <script type="text/xml"><datastore>…</datastore></script> (or as the XML reply of
// /module/web/jpage/dataproxy.jsp); the rest of the list is fetched by POSTing the form
// fields in Params to the proxy with ?startrecord=a&endrecord=b&perpage=p.
type HanwebList struct {
	Records     int               `json:"records"`                // records embedded in this page
	NextGroup   string            `json:"next_group,omitempty"`   // absolute URL of the <nextgroup> link
	Proxy       string            `json:"proxy,omitempty"`        // absolute dataproxy.jsp URL, no query
	Params      map[string]string `json:"params,omitempty"`       // form fields: col, appid, webid, path, columnid, unitid, webname, permissiontype …
	TotalRecord int               `json:"total_record,omitempty"` // <totalrecord> or jpage({totalRecord: …}); 0 when unknown
	PerPage     int               `json:"per_page,omitempty"`     // records per displayed page; 0 when unknown
	GroupSize   int               `json:"group_size,omitempty"`   // displayed pages per proxy request; 0 when unknown
}

// DefaultHanwebGroup is what a jpage list loads per proxy request when the page does not
// say: 3 pages of 15 records.
const DefaultHanwebGroup = 45

// ProxyURLs returns the dataproxy.jsp URLs (to be POSTed with Params as the form body)
// for the records after those embedded in the page, one per group, when the proxy and
// the total are known. The list is capped at maxPages requests.
func (h *HanwebList) ProxyURLs() []string {
	if h == nil || h.Proxy == "" || h.TotalRecord <= h.Records {
		return nil
	}
	group := h.PerPage * h.GroupSize
	if group <= 0 {
		group = max(h.Records, DefaultHanwebGroup)
	}
	perPage := h.PerPage
	if perPage <= 0 {
		perPage = group
	}
	var out []string
	for start := h.Records + 1; start <= h.TotalRecord && len(out) < maxPages; start += group {
		end := min(start+group-1, h.TotalRecord)
		out = append(out, fmt.Sprintf("%s?startrecord=%d&endrecord=%d&perpage=%d", h.Proxy, start, end, perPage))
	}
	return out
}

var (
	recordRe      = regexp.MustCompile(`(?is)<record\b[^>]*>(.*?)</record>`)
	nextGroupRe   = regexp.MustCompile(`(?is)<nextgroup\b[^>]*>(.*?)</nextgroup>`)
	totalRecordRe = regexp.MustCompile(`(?i)<totalrecord>\s*(\d+)\s*</totalrecord>`)
	jpageTotalRe  = regexp.MustCompile(`(?i)\btotalRecord\s*[:=]\s*['"]?(\d+)`)
	jpagePerRe    = regexp.MustCompile(`(?i)\bperPage\s*[:=]\s*['"]?(\d+)`)
	jpageGroupRe  = regexp.MustCompile(`(?i)\bgroupSize\s*[:=]\s*['"]?(\d+)`)
	jpageProxyRe  = regexp.MustCompile(`(?i)\bproxyUrl\s*[:=]\s*['"]([^'"]+)['"]`)
)

// hanweb reads the datastore of a Hanweb list page.
func (d *doc) hanweb() (*HanwebList, []facts.ListItem) {
	var h *HanwebList
	var items []facts.ListItem
	var code []string
	for _, s := range d.scripts {
		t := scriptText(s)
		if !strings.Contains(strings.ToLower(t), "<datastore") {
			code = append(code, t)
			continue
		}
		hh, its := d.datastore(t)
		if h == nil {
			h = hh
		} else {
			h.Records += hh.Records
		}
		items = appendItems(items, its)
	}
	if h == nil {
		return nil, nil
	}
	d.jpageConfig(h, code)
	return h, items
}

// HanwebXML reads a dataproxy.jsp reply (or any bare <datastore> document).
func HanwebXML(u *url.URL, body []byte) (*HanwebList, []facts.ListItem) {
	if u == nil {
		u = &url.URL{}
	}
	d := &doc{page: u, base: u, marks: map[*html.Node]mark{}}
	return d.datastore(string(body))
}

// isDatastore reports whether a body is a bare datastore document rather than HTML.
func isDatastore(body []byte) bool {
	head := body[:min(len(body), 64<<10)]
	if !bytes.Contains(bytes.ToLower(head), []byte("<datastore")) {
		return false
	}
	s := stripXMLComments(string(head))
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<?xml") {
		if i := strings.Index(s, "?>"); i >= 0 {
			s = strings.TrimSpace(s[i+2:])
		}
	}
	return strings.HasPrefix(strings.ToLower(s), "<datastore")
}

func (d *doc) datastore(raw string) (*HanwebList, []facts.ListItem) {
	s := stripXMLComments(raw)
	h := &HanwebList{}
	var items []facts.ListItem
	for _, m := range recordRe.FindAllStringSubmatch(s, -1) {
		h.Records++
		if len(items) < maxItems {
			items = appendItems(items, d.recordItems(m[1]))
		}
	}
	if m := nextGroupRe.FindStringSubmatch(s); m != nil {
		d.nextGroup(h, m[1])
	}
	if m := totalRecordRe.FindStringSubmatch(s); m != nil {
		h.TotalRecord, _ = strconv.Atoi(m[1])
	}
	return h, items
}

// recordItems parses one record's HTML fragment (<li><a …>…</a><b>2022-01-20</b></li>).
func (d *doc) recordItems(fragment string) []facts.ListItem {
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return nil
	}
	var links []*html.Node
	walk(root, func(n *html.Node) bool {
		if isElem(n, atom.A) && d.resolve(attr(n, "href")) != "" {
			links = append(links, n)
		}
		return true
	})
	switch {
	case len(links) == 0:
		return nil
	case len(links) > 3:
		return d.sequenceItems(root)
	}
	it, ok := d.rowItem(root, links)
	if !ok {
		// An undated record is still an entry of the list.
		a := links[0]
		it = facts.ListItem{Title: pickTitle(a, linkTitleText(a)), URL: d.resolve(attr(a, "href"))}
		if it.Title == "" {
			return nil
		}
	}
	return []facts.ListItem{it}
}

func (d *doc) nextGroup(h *HanwebList, fragment string) {
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return
	}
	var href string
	walk(root, func(n *html.Node) bool {
		if href == "" && isElem(n, atom.A) {
			href = attr(n, "href")
		}
		return href == ""
	})
	if href == "" {
		href = strings.TrimSpace(fragment)
	}
	abs := d.resolve(href)
	if abs == "" {
		return
	}
	h.NextGroup = abs
	u, err := url.Parse(abs)
	if err != nil {
		return
	}
	h.Params = map[string]string{}
	for k, vs := range u.Query() {
		if k != "page" && len(vs) > 0 {
			h.Params[k] = vs[0]
		}
	}
	if _, ok := h.Params["col"]; !ok {
		h.Params["col"] = "1"
	}
	u.RawQuery, u.Fragment = "", ""
	h.Proxy = u.String()
}

// jpageConfig reads the jpage({totalRecord:…, perPage:…, groupSize:…, proxyUrl:…}) call.
func (d *doc) jpageConfig(h *HanwebList, code []string) {
	atoi := func(re *regexp.Regexp, s string) int {
		if m := re.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
		return 0
	}
	for _, c := range code {
		if !strings.Contains(strings.ToLower(c), "jpage") && !strings.Contains(c, "totalRecord") {
			continue
		}
		if h.TotalRecord == 0 {
			h.TotalRecord = atoi(jpageTotalRe, c)
		}
		if h.PerPage == 0 {
			h.PerPage = atoi(jpagePerRe, c)
		}
		if h.GroupSize == 0 {
			h.GroupSize = atoi(jpageGroupRe, c)
		}
		if m := jpageProxyRe.FindStringSubmatch(c); m != nil && h.Proxy == "" {
			h.Proxy = d.resolve(m[1])
		}
	}
}

// stripXMLComments removes <!-- … --> outside CDATA sections and unwraps the CDATA
// sections, so what remains is markup whose comments are gone. A comment inside a
// record's HTML (inside CDATA) is left to the HTML parser, which drops it as well.
func stripXMLComments(s string) string {
	var b strings.Builder
	for {
		ci := strings.Index(s, "<!--")
		di := strings.Index(s, "<![CDATA[")
		switch {
		case ci < 0 && di < 0:
			b.WriteString(s)
			return b.String()
		case di < 0 || (ci >= 0 && ci < di):
			b.WriteString(s[:ci])
			end := strings.Index(s[ci+4:], "-->")
			if end < 0 {
				return b.String()
			}
			s = s[ci+4+end+3:]
		default:
			b.WriteString(s[:di])
			rest := s[di+9:]
			end := strings.Index(rest, "]]>")
			if end < 0 {
				b.WriteString(rest)
				return b.String()
			}
			b.WriteString(rest[:end])
			s = rest[end+3:]
		}
	}
}

// hanwebScore weighs a datastore in the page-shape decision.
func hanwebScore(h *HanwebList) int {
	if h == nil || h.Records == 0 {
		return 0
	}
	return 3
}
