// Package facts is the data model shared by the crawler, the store and the rules:
// what a crawl learned about a site (pages and the facts extracted from them, link
// checks, crawl errors). The crawler produces facts, the store keeps them, the rules
// judge them; none of those packages needs the others to agree on anything else.
package facts

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Level is the kind of unit that owns a site; it decides e.g. the annual-report deadline.
type Level string

const (
	LevelGovernment Level = "政府" // a 县级以上人民政府 (本级政府)
	LevelDepartment Level = "部门" // a 局/委/办/中心 of a government
	LevelTownship   Level = "乡镇" // a 乡镇人民政府 or 街道办事处
)

// Site is one audited unit's website as configured by the user (sites.yaml or `scan URL`).
type Site struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	Level  Level  `json:"level,omitempty"`
	Region string `json:"region,omitempty"`
	// Hosts are further hosts that belong to the same site (in scope besides URL's host).
	Hosts []string `json:"hosts,omitempty"`
	// Columns pins a column kind (as named in the vocabulary) to a URL.
	Columns map[string]string `json:"columns,omitempty"`
}

// PageKind says what role a page plays in the site.
type PageKind string

const (
	KindHome       PageKind = "home"       // the site's home page
	KindPortal     PageKind = "portal"     // the 政府信息公开 portal page (column tree)
	KindList       PageKind = "list"       // a column listing (one page of it)
	KindDetail     PageKind = "detail"     // a document / article
	KindAttachment PageKind = "attachment" // a pdf, doc, xls … fetched for its text
	KindOther      PageKind = "other"
)

// Page is one fetched URL and everything extracted from it.
//
// Field values are as found on the page (trimmed, whitespace-normalised); typed fields
// (dates, 文号 …) are filled only when the page states them. Anything inside an HTML
// comment does not exist.
type Page struct {
	URL string `json:"url"`
	// RequestedURL is the URL that was asked for when a redirect led to URL.
	RequestedURL string   `json:"requested_url,omitempty"`
	Status       int      `json:"status"`
	Kind         PageKind `json:"kind"`
	Platform     string   `json:"platform,omitempty"` // trs, hanweb, gkmlpt, generic
	Charset      string   `json:"charset,omitempty"`  // the charset the body was decoded from

	// Column is the column kind (vocabulary name, e.g. "规范性文件") the page belongs to,
	// "" when unknown. Columns lists every kind whose lists link to the page.
	Column     string   `json:"column,omitempty"`
	Columns    []string `json:"columns,omitempty"`
	ColumnName string   `json:"column_name,omitempty"` // the column's own name on the site
	ColumnURL  string   `json:"column_url,omitempty"`  // first page of the list the page was reached from
	// Breadcrumb is the 当前位置 trail, outermost first (首页 > 政府信息公开 > 规范性文件).
	Breadcrumb []string `json:"breadcrumb,omitempty"`

	Title string `json:"title"`
	// Meta holds the national web-page metadata (<meta name="SiteName|SiteDomain|SiteIDCode|
	// ColumnName|ColumnDescription|ColumnKeywords|ColumnType|ArticleTitle|PubDate|ContentSource|
	// Keywords|Author|Description|Image|Url">) by name, as written.
	Meta map[string]string `json:"meta,omitempty"`
	// Fields holds the info table / info box by canonical label (索引号, 发布机构, 成文日期,
	// 发布日期, 文号, 有效性, 主题分类, 标题, 主题词, 政策解读 …); synonyms are mapped
	// (发文机关→发布机构, 发文字号→文号, 时效/有效期→有效性 …) and labels normalised.
	Fields map[string]string `json:"fields,omitempty"`

	Published       Date   `json:"published,omitzero"`         // 发布日期
	PublishedSource string `json:"published_source,omitempty"` // info | meta | list | text | json
	Written         Date   `json:"written,omitzero"`           // 成文日期
	WrittenSource   string `json:"written_source,omitempty"`   // info | meta | list | json
	DocNumber       string `json:"doc_number,omitempty"`       // 文号 ("" when absent or 无)
	Issuer          string `json:"issuer,omitempty"`           // 发布机构 / 发文机关
	IndexNo         string `json:"index_no,omitempty"`         // 索引号
	// Validity is the 有效性 / 有效期 mark as shown ("现行有效", "有效期至2028年12月31日" …),
	// "" when the page shows none. ValiditySource says where it was found: info | text | json.
	Validity       string `json:"validity,omitempty"`
	ValiditySource string `json:"validity_source,omitempty"`

	Text        string       `json:"text,omitempty"` // main content, whitespace-normalised
	Tables      []Table      `json:"tables,omitempty"`
	Links       []Link       `json:"links,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
	Items       []ListItem   `json:"items,omitempty"` // entries of a list page

	Hash         string    `json:"hash,omitempty"` // sha256 of the raw body
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	Truncated    bool      `json:"truncated,omitempty"` // body cut at the size limit
}

// Table is an HTML table with rowspan/colspan expanded: every grid position holds a cell;
// a position covered by a spanning cell holds a copy marked Copy.
type Table struct {
	// Caption is the table's <caption>, else the heading just before it
	// ("三、收到和处理政府信息公开申请情况"), "" when there is none.
	Caption string   `json:"caption,omitempty"`
	Rows    [][]Cell `json:"rows"`
}

// Cell of a Table. Text "" is a blank cell, distinct from "0".
type Cell struct {
	Text   string `json:"t"`
	Header bool   `json:"h,omitempty"`
	Copy   bool   `json:"c,omitempty"`
}

// Link is an <a href> (or equivalent) found on a page.
type Link struct {
	URL  string `json:"url"`
	Text string `json:"text,omitempty"`
	// Area is where the link sits: content (the article or list body) or nav (menus,
	// headers, footers, breadcrumbs).
	Area string `json:"area,omitempty"`
}

// ListItem is one entry of a column listing.
type ListItem struct {
	Title    string `json:"title"`
	URL      string `json:"url"`
	Date     Date   `json:"date,omitzero"`
	DateText string `json:"date_text,omitempty"` // the date as shown, "" when the item shows none
	// Fields holds further per-item facts some listings carry (TRS list tables: 索引号,
	// 发布机构; gkmlpt JSON: 文号, 成文日期, 有效性 …) under the same canonical labels as Page.Fields.
	Fields map[string]string `json:"fields,omitempty"`
}

// Attachment is a file linked from a page (pdf, doc, docx, xls, xlsx, wps, et …).
type Attachment struct {
	URL  string `json:"url"`
	Name string `json:"name,omitempty"` // link text or file name
	Ext  string `json:"ext,omitempty"`  // lower case, without the dot
	Size int64  `json:"size,omitempty"`
	// Text extracted from the file; Unreadable says why there is none (legacy format,
	// too large, encrypted, fetch failed …) when the file could not be read.
	Text       string `json:"text,omitempty"`
	Unreadable string `json:"unreadable,omitempty"`
	Status     int    `json:"status,omitempty"`
	// TextAt is set when another page of the same run holds this file's Text: a file is
	// fetched and read once per run, by the first page found linking it, and the other
	// pages that link it name that page here (their Text stays empty).
	TextAt string `json:"text_at,omitempty"`
	// Fetch facts of the file, for conditional requests on the next run: an unchanged
	// file (304, or the same sha256) is not read again.
	Hash         string `json:"hash,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// LinkCheck is the outcome of checking one link target (each target once per run).
type LinkCheck struct {
	URL    string `json:"url"`
	From   string `json:"from"`           // a page that links to it
	Text   string `json:"text,omitempty"` // the link text on that page
	Status int    `json:"status"`         // final HTTP status, 0 when no response
	Err    string `json:"err,omitempty"`  // transport error (timeout, DNS, refused …)
	// Broken is the crawler's verdict: 4xx/5xx (after retries), timeout, DNS failure, soft 404.
	Broken bool `json:"broken"`
	// Blocked: the server refused the checker (403 from bot protection, robots), needs review.
	Blocked bool `json:"blocked,omitempty"`
}

// CrawlError is a problem the crawl ran into; it never stops the run.
type CrawlError struct {
	URL    string    `json:"url"`
	From   string    `json:"from,omitempty"` // the page that linked to URL, when known
	Stage  string    `json:"stage"`          // fetch, robots, scope, parse, size, redirect, budget, trap, soft404, charset
	Status int       `json:"status,omitempty"`
	Err    string    `json:"err"`
	Time   time.Time `json:"time,omitzero"`
}

// ColumnKind is one entry of the column vocabulary: a kind of disclosure column and the
// names sites give it.
type ColumnKind struct {
	Kind  string   `yaml:"kind" json:"kind"`
	Names []string `yaml:"names" json:"names"`
}

// Vocabulary recognises columns by meaning: a column name matches the kind whose name
// (after normalisation) is the longest one contained in it.
type Vocabulary []ColumnKind

// maxColumnNameRunes: longer texts are document titles, not column names.
const maxColumnNameRunes = 16

// Match returns the column kind for a column name (link text, ColumnName meta,
// breadcrumb), or "" when none matches.
func (v Vocabulary) Match(name string) string {
	n := NormalizeLabel(name)
	if n == "" || utf8.RuneCountInString(n) > maxColumnNameRunes {
		return ""
	}
	best, bestLen := "", 0
	for _, k := range v {
		for _, s := range append([]string{k.Kind}, k.Names...) {
			s = NormalizeLabel(s)
			if s != "" && len(s) > bestLen && strings.Contains(n, s) {
				best, bestLen = k.Kind, len(s)
			}
		}
	}
	return best
}

// NormalizeLabel removes whitespace (including U+3000 and NBSP) and the punctuation
// that pads labels (：:【】[]·•>›»), so "索 引 号：" and "索　引　号" compare equal to "索引号".
func NormalizeLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff' {
			continue
		}
		switch r {
		case ':', '：', '【', '】', '[', ']', '·', '•', '>', '›', '»', '|', '｜':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeSpace collapses runs of whitespace (including U+3000 and NBSP) to one space
// and trims the ends.
func NormalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
	}), " ")
}
