package rules

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// column-stale and column-empty judge columns, not pages: the list pages of one column
// (its first page and its pagination) are grouped by the column's first-page URL.

// siteColumn is one column of the site as its list pages show it.
type siteColumn struct {
	Key   string        // the first page's URL without index.html: the column's identity
	URL   string        // where findings about it are reported
	Kind  string        // vocabulary kind, "" when the name is not in the vocabulary
	Name  string        // the column's own name on the site
	Lists []*facts.Page // its list pages, first page first
}

// Items returns the entries of every list page, each URL once.
func (c *siteColumn) Items() []facts.ListItem {
	var out []facts.ListItem
	seen := map[string]bool{}
	for _, l := range c.Lists {
		for _, it := range l.Items {
			if seen[it.URL] {
				continue
			}
			seen[it.URL] = true
			out = append(out, it)
		}
	}
	return out
}

// Entries returns the column's entries: its lists' items, or, when the list extractor
// recognised none (a list without dates, a layout it does not know), the fetched
// documents the column's pages link to (site-wide menus excepted) or that live under the
// column's directory. fromList says which.
func (c *siteColumn) Entries(v *View) (entries []facts.ListItem, fromList bool) {
	if items := c.Items(); len(items) > 0 {
		return items, true
	}
	seen := map[string]bool{}
	add := func(p *facts.Page, title string) {
		if seen[p.URL] || p.Kind != facts.KindDetail || columnKey(p.URL) == c.Key {
			return
		}
		seen[p.URL] = true
		if title == "" {
			title = p.Title
		}
		entries = append(entries, facts.ListItem{Title: title, URL: p.URL})
	}
	chrome := columnChromeLinks(v)
	for _, l := range c.Lists {
		for _, ln := range l.Links {
			if p, ok := v.Page(ln.URL); ok && chrome[ln.URL] < 3 {
				add(p, ln.Text)
			}
		}
	}
	if dir := columnDir(c.Key); dir != "" {
		for _, p := range v.Pages {
			if strings.HasPrefix(p.URL, dir) {
				add(p, "")
			}
		}
	}
	return entries, false
}

// columnDir is the directory a column's own pages live under (TRS: /zwgk/tzgg/ holds
// /zwgk/tzgg/202506/t20250601_1.html), "" when its URL says nothing of the kind.
func columnDir(key string) string {
	u, err := url.Parse(key)
	if err != nil || u.RawQuery != "" || !strings.HasSuffix(u.Path, "/") || strings.Count(u.Path, "/") < 2 {
		return ""
	}
	return key
}

// columnChromeLinks counts, per link target, the column, portal and home pages linking
// it: a target linked from three or more is in the site's menus, not a column's entry.
func columnChromeLinks(v *View) map[string]int {
	return v.Memo("column.chrome", func() any {
		n := map[string]int{}
		for _, p := range v.Pages {
			if p.Kind != facts.KindList && p.Kind != facts.KindPortal && p.Kind != facts.KindHome {
				continue
			}
			for _, ln := range p.Links {
				n[ln.URL]++
			}
		}
		return n
	}).(map[string]int)
}

var columnIndexFileRe = regexp.MustCompile(`(?i)/(?:index|default)(?:_0)?\.(?:s?html?|jsp|aspx?|php)$`)

// columnKey normalises a column URL: /xwzx/gzdt/index.html and /xwzx/gzdt/ are one column.
func columnKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.Path = columnIndexFileRe.ReplaceAllString(u.Path, "/")
	return u.String()
}

// siteColumns groups the site's list pages into columns, once per view.
func siteColumns(v *View) []*siteColumn {
	return v.Memo("column.groups", func() any {
		byKey := map[string]*siteColumn{}
		var out []*siteColumn
		for _, p := range v.Pages {
			if p.Kind != facts.KindList {
				continue
			}
			cu := p.ColumnURL
			if cu == "" {
				cu = p.URL
			}
			key := columnKey(cu)
			c := byKey[key]
			if c == nil {
				c = &siteColumn{Key: key}
				byKey[key] = c
				out = append(out, c)
			}
			c.Lists = append(c.Lists, p)
			if c.Kind == "" {
				c.Kind = p.Column
			}
			if c.Name == "" {
				c.Name = p.ColumnName
			}
		}
		for _, c := range out {
			// Report at the list page that is the column's first page, as the site links it.
			slices.SortStableFunc(c.Lists, func(a, b *facts.Page) int {
				return columnPageRank(c.Key, a) - columnPageRank(c.Key, b)
			})
			c.URL = c.Lists[0].URL
			if columnKey(c.URL) != c.Key {
				if _, ok := v.Page(c.Key); ok {
					c.URL = c.Key
				}
			}
		}
		return out
	}).([]*siteColumn)
}

// columnPageRank orders a column's list pages: the first page (by URL), then the rest.
func columnPageRank(key string, p *facts.Page) int {
	switch {
	case p.URL == key:
		return 0
	case columnKey(p.URL) == key:
		return 1
	}
	return 2
}

// columnLabel names a column in evidence: 「工作动态」 http://…
func columnLabel(c *siteColumn) string {
	name := c.Name
	if name == "" {
		name = c.Kind
	}
	if name == "" {
		return c.URL
	}
	return "「" + name + "」 " + c.URL
}

// stalePeriod is a limit written in rules.yaml: 14d, 2w, 6m, 1y.
type stalePeriod struct {
	N    int
	Unit byte // d, w, m, y
}

var stalePeriodRe = regexp.MustCompile(`^\s*(\d+)\s*([dwmy])\s*$`)

func parseStalePeriod(s string) (stalePeriod, error) {
	m := stalePeriodRe.FindStringSubmatch(s)
	if m == nil {
		return stalePeriod{}, fmt.Errorf("%q: want a number and d, w, m or y (14d, 2w, 6m, 1y)", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 {
		return stalePeriod{}, fmt.Errorf("%q: must be at least 1", s)
	}
	return stalePeriod{N: n, Unit: m[2][0]}, nil
}

// after returns the last day still within the period counted from d.
func (p stalePeriod) after(d facts.Date) facts.Date {
	switch p.Unit {
	case 'd':
		return d.AddDays(p.N)
	case 'w':
		return d.AddDays(7 * p.N)
	case 'm':
		return staleAddMonths(d, p.N)
	}
	return staleAddMonths(d, 12*p.N)
}

// staleAddMonths adds calendar months, clamping to the month's end (2025-08-31 + 6m = 2026-02-28).
func staleAddMonths(d facts.Date, n int) facts.Date {
	first := time.Date(d.Year, d.Month, 1, 12, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return facts.D(first.Year(), first.Month(), min(d.Day, last))
}

func (p stalePeriod) String() string {
	unit := map[byte][2]string{'d': {"day", "days"}, 'w': {"week", "weeks"}, 'm': {"month", "months"}, 'y': {"year", "years"}}[p.Unit]
	if p.N == 1 {
		return "1 " + unit[0]
	}
	return strconv.Itoa(p.N) + " " + unit[1]
}

type columnStaleParams struct {
	// Limits: column kind (vocabulary name) → the longest a column of that kind may go
	// without a new entry (国办秘函〔2019〕19号: 动态/要闻 2 weeks; 通知公告/政策文件
	// 6 months; 人事/规划计划 1 year). Kinds not listed are not judged.
	Limits map[string]string `yaml:"limits"`

	limits map[string]stalePeriod
}

func (p *columnStaleParams) Validate() error {
	p.limits = map[string]stalePeriod{}
	for k, v := range p.Limits {
		if strings.TrimSpace(k) == "" {
			return fmt.Errorf("limits: empty column kind")
		}
		d, err := parseStalePeriod(v)
		if err != nil {
			return fmt.Errorf("limits.%s: %w", k, err)
		}
		p.limits[k] = d
	}
	return nil
}

// column-stale: a column whose newest entry is older than its kind's limit. The entry's
// date is the one its list shows, else (a list showing no dates) its own page's 发布日期;
// dates after the as-of date are typos and ignored. A column none of whose entries shows a
// date anywhere counts as not updated (检查指标: 无发布日期的视为未更新); when the entries'
// pages were not fetched it is undetermined. Empty columns are column-empty's. One
// finding per column, at its first list page.
var columnStale = register(&Rule{
	ID:  "column-stale",
	Doc: "a column not updated within its limit (动态/要闻 2 weeks, 通知公告/政策文件 6 months, 人事/规划 1 year)",
	Params: func() any {
		return &columnStaleParams{Limits: map[string]string{"动态": "2w", "通知公告": "6m", "政策文件": "6m", "人事": "1y", "规划": "1y"}}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*columnStaleParams)
		v := pass.Site
		for _, c := range siteColumns(v) {
			limit, ok := prm.limits[c.Kind]
			if !ok {
				continue
			}
			items, _ := c.Entries(v)
			if len(items) == 0 {
				continue // column-empty's case
			}
			newest, newestTitle, source := facts.Date{}, "", ""
			undated, unfetched := 0, 0
			for _, it := range items {
				d, src := it.Date, "list"
				if d.IsZero() || d.After(pass.AsOf) {
					d, src = facts.Date{}, ""
					// The list shows no date: the entry's own page may.
					if p, ok := v.Page(it.URL); ok {
						if p.PublishedSource != "list" && !p.Published.IsZero() && !p.Published.After(pass.AsOf) {
							d, src = p.Published, "page"
						}
					} else {
						unfetched++
					}
				}
				if d.IsZero() {
					undated++
					continue
				}
				if d.After(newest) {
					newest, newestTitle, source = d, it.Title, src
				}
			}
			if newest.IsZero() {
				if unfetched > 0 {
					pass.Undetermined(c.URL, c.Name, fmt.Sprintf("column %s: its list shows no dates and %d of its %d entries were not fetched, so when it was last updated is unknown",
						columnLabel(c), unfetched, len(items)))
					continue
				}
				pass.Judged()
				pass.Report(c.URL, c.Name, fmt.Sprintf("column %s: none of its %d entries shows a date, on the list or on its page; an entry with no visible date counts as not updated (limit %s for %s columns)",
					columnLabel(c), len(items), limit, c.Kind))
				continue
			}
			pass.Judged()
			deadline := limit.after(newest)
			if !pass.AsOf.After(deadline) {
				continue
			}
			where := ""
			if source == "page" {
				where = " (date from the entry's page; the list shows none)"
			}
			ev := fmt.Sprintf("column %s: newest entry %s 《%s》%s, %d days before %s > %s (limit for %s columns; due by %s)",
				columnLabel(c), newest, newestTitle, where, newest.DaysUntil(pass.AsOf), pass.AsOf, limit, c.Kind, deadline)
			if undated > 0 {
				ev += fmt.Sprintf("; %d entries show no date and count as not updated", undated)
			}
			pass.Report(c.URL, c.Name, ev)
		}
	},
})

type columnEmptyParams struct {
	// Markers are texts a list shows when it has nothing (暂无信息 …).
	Markers string `yaml:"markers"`
	// ScriptPlatforms are CMS platforms whose lists are filled by script from elsewhere
	// (Hanweb datastore, gkmlpt API): with no entries found and no marker shown, the
	// column is undetermined rather than empty.
	ScriptPlatforms []string `yaml:"script_platforms"`

	markers *regexp.Regexp
}

func (p *columnEmptyParams) Validate() error {
	if p.Markers == "" {
		return fmt.Errorf("markers: required")
	}
	re, err := regexp.Compile(p.Markers)
	if err != nil {
		return fmt.Errorf("markers: %w", err)
	}
	p.markers = re
	return nil
}

// column-empty: a disclosure column (its name in the vocabulary, its breadcrumb through
// 公开, or under the portal) with no entries on any of its list pages. Not empty: a
// landing page of its own sub-columns; a column page that is itself an article (60+
// runes of text and no 暂无信息); a list whose entries the extractor missed but whose
// documents were fetched (linked from it outside the site's menus, or under its
// directory). Undetermined: links to pages the crawl did not fetch, or a list filled by
// script (Hanweb datastore, gkmlpt) with no entries found and no 暂无 marker.
var columnEmpty = register(&Rule{
	ID:  "column-empty",
	Doc: "a disclosure column with no entries",
	Params: func() any {
		return &columnEmptyParams{
			Markers:         `暂无(相关)?(信息|内容|数据|记录|文章|公开信息)|没有(相关)?(信息|内容|数据|记录)|无相关(信息|内容|数据|记录)|共\s*0\s*条`,
			ScriptPlatforms: []string{"hanweb", "gkmlpt"},
		}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*columnEmptyParams)
		v := pass.Site
		for _, c := range siteColumns(v) {
			if !disclosureColumn(v, c) {
				continue
			}
			if entries, _ := c.Entries(v); len(entries) > 0 {
				pass.Judged()
				continue
			}
			if columnIsLanding(v, c) {
				continue // a container of sub-columns: its entries are theirs
			}
			first, err := v.Full(c.Lists[0].URL)
			if err != nil {
				pass.Undetermined(c.URL, c.Name, fmt.Sprintf("column %s: cannot load its list page: %v", columnLabel(c), err))
				continue
			}
			marker := prm.markers.FindString(first.Text)
			text := strings.TrimSpace(prm.markers.ReplaceAllString(first.Text, ""))
			if marker == "" && utf8.RuneCountInString(text) >= 60 {
				// A column page that is itself an article (依申请公开, 机构职能 …).
				pass.Judged()
				continue
			}
			if n := columnUnfetchedLinks(v, c); n > 0 && marker == "" {
				pass.Undetermined(c.URL, c.Name, fmt.Sprintf("column %s: no entries were found, but its page links %d pages the crawl did not fetch", columnLabel(c), n))
				continue
			}
			if marker == "" && slices.ContainsFunc(c.Lists, func(p *facts.Page) bool { return slices.Contains(prm.ScriptPlatforms, p.Platform) }) {
				pass.Undetermined(c.URL, c.Name, fmt.Sprintf("column %s: its list is filled by script (%s) and no entries were found; the platform's data source was not readable", columnLabel(c), c.Lists[0].Platform))
				continue
			}
			pass.Judged()
			ev := fmt.Sprintf("column %s lists no entries (%d list page(s), 0 entries)", columnLabel(c), len(c.Lists))
			if marker != "" {
				ev += fmt.Sprintf("; the page says “%s”", marker)
			}
			pass.Report(c.URL, c.Name, ev)
		}
	},
})

// disclosureColumn: a column of the 政府信息公开 section (or of a kind the vocabulary
// knows): its name is in the vocabulary, its breadcrumb passes through 公开, or it sits
// under the portal.
func disclosureColumn(v *View, c *siteColumn) bool {
	if c.Kind != "" {
		return true
	}
	for _, l := range c.Lists {
		for _, b := range l.Breadcrumb {
			if strings.Contains(b, "公开") {
				return true
			}
		}
	}
	for _, p := range v.Pages {
		if p.Kind == facts.KindPortal {
			dir := p.URL[:strings.LastIndex(p.URL, "/")+1]
			if strings.Count(dir, "/") > 3 && strings.HasPrefix(c.Key, dir) && c.Key != dir {
				return true
			}
		}
	}
	return false
}

// columnIsLanding: the column page leads to its own sub-columns (list pages under its
// directory, or whose breadcrumb passes through it) instead of listing entries itself.
// Links to sibling columns (the menu) do not count, whatever area they sit in.
func columnIsLanding(v *View, c *siteColumn) bool {
	dir := columnDir(c.Key)
	for _, l := range c.Lists {
		for _, ln := range l.Links {
			if columnKey(ln.URL) == c.Key {
				continue
			}
			p, ok := v.Page(ln.URL)
			if !ok || p.Kind != facts.KindList && p.Kind != facts.KindPortal {
				continue
			}
			if dir != "" && strings.HasPrefix(columnKey(ln.URL), dir) || c.Name != "" && slices.Contains(p.Breadcrumb, c.Name) && p.ColumnName != c.Name {
				return true
			}
		}
	}
	return false
}

// columnUnfetchedLinks counts content-area links of the column's pages to pages the
// crawl did not fetch (a budget or depth limit): they may be its entries.
func columnUnfetchedLinks(v *View, c *siteColumn) int {
	chrome := columnChromeLinks(v)
	n := 0
	for _, l := range c.Lists {
		for _, ln := range l.Links {
			if ln.Area == "nav" || chrome[ln.URL] >= 3 || columnKey(ln.URL) == c.Key {
				continue
			}
			if _, ok := v.Page(ln.URL); !ok && !columnFileRe.MatchString(ln.URL) {
				n++
			}
		}
	}
	return n
}

var columnFileRe = regexp.MustCompile(`(?i)\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|jpe?g|png|gif)(?:\?|$)`)
