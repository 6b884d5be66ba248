package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules/annualreport"
)

// The annual-report-* rules judge the 政府信息公开工作年度报告 a site publishes. They share
// one view of them (reportSet): every report found by title — a page, an attachment, or
// only a list entry — grouped by issuing unit and year, with the unit that owns the site
// (its level decides the deadline) and the 年报 column where a missing report belongs.

// AnnualDeadlines holds the publication deadline of a unit's report on the previous
// year, per level, as "MM-DD" of the following year.
type AnnualDeadlines struct {
	// Column is the vocabulary kind of the 年报 column.
	Column string `yaml:"column"`
	// Deadlines by level (政府, 部门, 乡镇): 条例 第四十九条 sets 31 March for a 县级以上
	// 人民政府's report and 31 January for its departments; 乡镇 follow local rules.
	Deadlines map[string]string `yaml:"deadlines"`

	parsed map[facts.Level][2]int
}

func defaultAnnualDeadlines() AnnualDeadlines {
	return AnnualDeadlines{Column: "年报", Deadlines: map[string]string{
		string(facts.LevelGovernment): "03-31", string(facts.LevelDepartment): "01-31", string(facts.LevelTownship): "01-31",
	}}
}

func (d *AnnualDeadlines) validate() error {
	if strings.TrimSpace(d.Column) == "" {
		return fmt.Errorf("column: the 年报 column kind is required")
	}
	d.parsed = map[facts.Level][2]int{}
	for lv, s := range d.Deadlines {
		switch facts.Level(lv) {
		case facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship:
		default:
			return fmt.Errorf("deadlines: unknown level %q (want 政府, 部门 or 乡镇)", lv)
		}
		m, day, ok := strings.Cut(s, "-")
		mm, err1 := strconv.Atoi(m)
		dd, err2 := strconv.Atoi(day)
		if !ok || err1 != nil || err2 != nil || mm < 1 || mm > 12 || dd < 1 || dd > 31 ||
			time.Date(2001, time.Month(mm), dd, 0, 0, 0, 0, time.UTC).Day() != dd {
			return fmt.Errorf("deadlines.%s: %q is not a month-day like 03-31", lv, s)
		}
		d.parsed[facts.Level(lv)] = [2]int{mm, dd}
	}
	for _, lv := range []facts.Level{facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship} {
		if _, ok := d.parsed[lv]; !ok {
			return fmt.Errorf("deadlines: no deadline for %s", lv)
		}
	}
	return nil
}

// deadline of the report on year y by a unit of level lv; for an unknown level, the
// latest of the deadlines (no unit can be late before it).
func (d *AnnualDeadlines) deadline(lv facts.Level, y int) facts.Date {
	if md, ok := d.parsed[lv]; ok {
		return facts.D(y+1, time.Month(md[0]), md[1])
	}
	var last facts.Date
	for _, md := range d.parsed {
		if t := facts.D(y+1, time.Month(md[0]), md[1]); t.After(last) {
			last = t
		}
	}
	return last
}

// earliest deadline of any level for year y.
func (d *AnnualDeadlines) earliest(y int) facts.Date {
	var first facts.Date
	for _, md := range d.parsed {
		if t := facts.D(y+1, time.Month(md[0]), md[1]); first.IsZero() || t.Before(first) {
			first = t
		}
	}
	return first
}

// dueYear is the latest year whose report's deadline had passed on asOf.
func (d *AnnualDeadlines) dueYear(lv facts.Level, asOf facts.Date) int {
	y := asOf.Year - 1
	if !asOf.After(d.deadline(lv, y)) {
		y--
	}
	return y
}

func levelRule(lv facts.Level) string {
	switch lv {
	case facts.LevelGovernment:
		return "a 县级以上人民政府's own report"
	case facts.LevelDepartment:
		return "a 部门's report"
	case facts.LevelTownship:
		return "a 乡镇's report (local rule)"
	}
	return "a unit of unknown level (latest deadline applied)"
}

// reportCand is one place a report was found.
type reportCand struct {
	URL      string      // the page, or the attachment
	Title    string      // the page title, attachment name or list entry title
	Page     *facts.Page // the page that holds it (summary): the detail page, or the list with the attachment/entry
	Att      int         // index in Page.Attachments, -1 for the page itself
	ListOnly bool        // only an entry of a list: its page was not fetched
	Year     int
	YearFrom string // title, text, 发布日期
	Unit     string // the issuing unit as named, "" when unnamed
	UnitFrom string // title, 发布机构
	Date     facts.Date
	DateFrom string // 发布日期 (info/meta/text), list
	Picture  bool
	Graphic  bool
}

func (c *reportCand) where() string {
	switch {
	case c.ListOnly:
		return "listed in " + c.Page.URL + " (page not fetched)"
	case c.Att >= 0:
		return fmt.Sprintf("attachment %s on %s", c.URL, c.Page.URL)
	}
	return c.URL
}

// reportGroup is one unit's report on one year, with every copy found.
type reportGroup struct {
	Year  int
	Own   bool
	Unit  string // as named (own reports: the site's unit when unnamed)
	key   string
	Cands []*reportCand // best first: an HTML page with tables, a page, an attachment, a list entry
}

func (g *reportGroup) primary() *reportCand { return g.Cands[0] }

// published is the earliest publication date shown for any copy.
func (g *reportGroup) published() (facts.Date, *reportCand) {
	var best *reportCand
	for _, c := range g.Cands {
		if !c.Date.IsZero() && (best == nil || c.Date.Before(best.Date)) {
			best = c
		}
	}
	if best == nil {
		return facts.Date{}, nil
	}
	return best.Date, best
}

// reportSet is what the site publishes of annual reports.
type reportSet struct {
	Unit, UnitFrom  string
	Level           facts.Level
	LevelFrom       string
	Groups          []*reportGroup // newest first, own before others
	Graphics        []*reportCand
	ColumnURL       string // the 年报 column's list, "" when the site has none
	ColumnEntries   int
	fallbackURL     string // portal or home
	budgetExhausted bool
	yearless        []*reportCand // reports whose year neither title, text nor date tells
}

// where a missing report belongs: the 年报 column, else the portal or home page.
func (rs *reportSet) missingURL() string {
	if rs.ColumnURL != "" {
		return rs.ColumnURL
	}
	return rs.fallbackURL
}

func (rs *reportSet) own(year int) *reportGroup {
	for _, g := range rs.Groups {
		if g.Own && g.Year == year {
			return g
		}
	}
	return nil
}

func (rs *reportSet) unitName() string {
	if rs.Unit != "" {
		return rs.Unit
	}
	return "the site's unit"
}

// collectReports builds the report set of the site in pass.
func collectReports(pass *Pass, column string) *reportSet {
	v := pass.Site
	rs := &reportSet{fallbackURL: v.Site.URL}
	rs.Unit, rs.UnitFrom = siteUnit(v)
	rs.Level, rs.LevelFrom = v.Site.Level, "level set in sites.yaml"
	if rs.Level == "" && rs.Unit != "" {
		if lv := annualreport.LevelOf(rs.Unit); lv != "" {
			rs.Level, rs.LevelFrom = lv, "level read from the name "+rs.Unit
		}
	}
	for _, p := range v.Pages {
		if p.Kind == facts.KindPortal {
			rs.fallbackURL = p.URL
			break
		}
		if p.Kind == facts.KindHome {
			rs.fallbackURL = p.URL
		}
	}
	for _, e := range v.Errors {
		if e.Stage == "budget" {
			rs.budgetExhausted = true
		}
	}
	fetched := map[string]bool{}
	for _, p := range v.Pages {
		fetched[p.URL] = true
	}
	// The date a list shows for an entry, for attachments and unfetched entries.
	listed := map[string]facts.ListItem{}
	for _, p := range v.Pages {
		if p.Kind != facts.KindList {
			continue
		}
		for _, it := range p.Items {
			if _, ok := listed[it.URL]; !ok {
				listed[it.URL] = it
			}
		}
	}
	var cands []*reportCand
	columnItems := map[string]bool{}
	add := func(c *reportCand, t annualreport.Title) {
		c.Year, c.Unit, c.Picture, c.Graphic = t.Year, t.Unit, t.Picture, t.Kind == annualreport.Graphic
		if c.Year > 0 {
			c.YearFrom = "title"
		}
		if c.Unit != "" {
			c.UnitFrom = "title"
		}
		cands = append(cands, c)
	}
	for _, p := range v.Pages {
		// A report page the extractor could not tell for a document (KindOther) counts.
		if p.Kind == facts.KindDetail || p.Kind == facts.KindOther {
			if t := annualreport.ParseTitle(p.Title); t.Kind != annualreport.NotReport {
				c := &reportCand{URL: p.URL, Title: p.Title, Page: p, Att: -1, Date: p.Published, DateFrom: "发布日期"}
				// The list's date counts when earlier: a page edited after publication
				// may show the edit's date.
				if it, ok := listed[p.URL]; ok && !it.Date.IsZero() && (c.Date.IsZero() || it.Date.Before(c.Date)) {
					c.Date, c.DateFrom = it.Date, "list date"
				}
				add(c, t)
				if c.Unit == "" {
					c.Unit, c.UnitFrom = issuerOf(p), "发布机构"
				}
			}
		}
		for i, a := range p.Attachments {
			name := a.Name
			if it, ok := listed[a.URL]; ok && utf8.RuneCountInString(it.Title) > utf8.RuneCountInString(name) {
				name = it.Title
			}
			t := annualreport.ParseTitle(name)
			if t.Kind == annualreport.NotReport {
				continue
			}
			c := &reportCand{URL: a.URL, Title: name, Page: p, Att: i}
			if it, ok := listed[a.URL]; ok && !it.Date.IsZero() {
				c.Date, c.DateFrom = it.Date, "list date"
			} else if p.Kind == facts.KindDetail && !p.Published.IsZero() {
				c.Date, c.DateFrom = p.Published, "发布日期 of "+p.URL
			}
			add(c, t)
			if c.Unit == "" && p.Kind == facts.KindDetail {
				if pt := annualreport.ParseTitle(p.Title); pt.Unit != "" {
					c.Unit, c.UnitFrom = pt.Unit, "title"
				} else {
					c.Unit, c.UnitFrom = issuerOf(p), "发布机构"
				}
			}
		}
		if p.Kind == facts.KindList {
			if p.Column == column {
				for _, it := range p.Items {
					columnItems[it.URL] = true
				}
			}
			for _, it := range p.Items {
				if fetched[it.URL] || isAttachmentRef(p, it.URL) {
					continue
				}
				if t := annualreport.ParseTitle(it.Title); t.Kind != annualreport.NotReport {
					add(&reportCand{URL: it.URL, Title: it.Title, Page: p, Att: -1, ListOnly: true, Date: it.Date, DateFrom: "list date"}, t)
				}
			}
		}
	}
	// Titles without a year: the text says which year (统计期限自2023年1月1日), else the
	// publication date does (a report comes out the year after the one it covers).
	for _, c := range cands {
		if c.Year > 0 {
			continue
		}
		if !c.ListOnly && c.Att < 0 {
			if full, err := v.Full(c.URL); err == nil {
				if y := annualreport.YearFromText(full.Text); y > 0 {
					c.Year, c.YearFrom = y, "text"
				}
			}
		}
		if c.Year == 0 && !c.Date.IsZero() {
			c.Year, c.YearFrom = c.Date.Year-1, "发布日期 "+c.Date.String()
		}
	}
	if rs.Level == "" {
		rs.Level, rs.LevelFrom = levelFromReports(cands, rs)
	}
	for _, c := range cands {
		if c.Year == 0 {
			rs.yearless = append(rs.yearless, c)
			continue
		}
		if c.Graphic {
			rs.Graphics = append(rs.Graphics, c)
			continue
		}
		own := rs.isOwn(c, v.Site)
		key := "\x00own"
		unit := c.Unit
		if !own {
			key = canonKey(c.Unit)
		} else if unit == "" || c.UnitFrom != "title" {
			unit = rs.unitName()
		}
		var g *reportGroup
		for _, x := range rs.Groups {
			if x.key == key && x.Year == c.Year {
				g = x
			}
		}
		if g == nil {
			g = &reportGroup{Year: c.Year, Own: own, Unit: unit, key: key}
			rs.Groups = append(rs.Groups, g)
		}
		g.Cands = append(g.Cands, c)
	}
	for _, g := range rs.Groups {
		slices.SortStableFunc(g.Cands, func(a, b *reportCand) int { return candRank(a) - candRank(b) })
	}
	slices.SortStableFunc(rs.Groups, func(a, b *reportGroup) int {
		if a.Year != b.Year {
			return b.Year - a.Year
		}
		if a.Own != b.Own {
			if a.Own {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.key, b.key)
	})
	rs.ColumnURL = columnURL(v, column, rs)
	rs.ColumnEntries = len(columnItems)
	return rs
}

// candRank orders copies of a report: an HTML page (with tables, then without), an
// attachment, a list entry; the picture version last.
func candRank(c *reportCand) int {
	r := 0
	switch {
	case c.ListOnly:
		r = 3
	case c.Att >= 0:
		r = 2
	}
	if c.Picture {
		r += 4
	}
	return r
}

func canonKey(unit string) string {
	return strings.ReplaceAll(facts.NormalizeLabel(unit), "人民政府", "政府")
}

func issuerOf(p *facts.Page) string {
	if p.Issuer != "" {
		return p.Issuer
	}
	return p.Fields["发布机构"]
}

func isAttachmentRef(p *facts.Page, url string) bool {
	for _, a := range p.Attachments {
		if a.URL == url {
			return true
		}
	}
	return false
}

// siteUnit is the unit that owns the site: its configured name when that names a unit,
// else the SiteName meta or title of the home page or portal.
func siteUnit(v *View) (string, string) {
	if u := annualreport.UnitFromSiteName(v.Site.Name); u != "" {
		return u, "the configured name"
	}
	var home, portal *facts.Page
	for _, p := range v.Pages {
		switch {
		case p.Kind == facts.KindHome && home == nil:
			home = p
		case p.Kind == facts.KindPortal && portal == nil:
			portal = p
		}
	}
	for _, p := range []*facts.Page{home, portal} {
		if p == nil {
			continue
		}
		if u := annualreport.UnitFromSiteName(p.Meta["SiteName"]); u != "" {
			return u, "the SiteName meta of " + p.URL
		}
		if u := annualreport.UnitFromSiteName(p.Title); u != "" {
			return u, "the title of " + p.URL
		}
	}
	return "", ""
}

// levelFromReports reads the level from the units named in reports that could be the
// site's own (all of them agree, or none is used).
func levelFromReports(cands []*reportCand, rs *reportSet) (facts.Level, string) {
	var lv facts.Level
	for _, c := range cands {
		if c.Graphic || c.UnitFrom != "title" || (rs.Unit != "" && !annualreport.SameUnit(c.Unit, rs.Unit)) {
			continue
		}
		l := annualreport.LevelOf(c.Unit)
		if l == "" || (lv != "" && l != lv) {
			return "", ""
		}
		lv = l
	}
	if lv == "" {
		return "", ""
	}
	return lv, "level read from the issuer named in the reports"
}

// isOwn: the report is the site's unit's own. A unit named in the title must be the
// site's; a report that names none is the site's own unless its 发布机构 is plainly one
// of a government's departments or townships (a government site publishes theirs too).
func (rs *reportSet) isOwn(c *reportCand, site facts.Site) bool {
	if rs.Unit == "" || c.Unit == "" {
		return true
	}
	same := annualreport.SameUnit(c.Unit, rs.Unit) || (site.Region != "" && rs.Level == facts.LevelGovernment && annualreport.SameUnit(c.Unit, site.Region))
	if c.UnitFrom == "title" {
		return same
	}
	if same || annualreport.IsOfficeOf(c.Unit, rs.Unit) || rs.Level != facts.LevelGovernment {
		return true
	}
	if strings.Contains(c.Unit, "政府办") || strings.Contains(c.Unit, "政务公开") || strings.Contains(c.Unit, "信息公开") {
		return true // the government's office or disclosure office publishing its report
	}
	lv := annualreport.LevelOf(c.Unit)
	return !(lv == facts.LevelDepartment || lv == facts.LevelTownship) || utf8.RuneCountInString(c.Unit) < 4
}

// columnURL is the 年报 column's list: pinned in sites.yaml, else the list (of that kind)
// that lists the unit's own reports, else the shortest such list URL.
func columnURL(v *View, kind string, rs *reportSet) string {
	if u := v.Site.Columns[kind]; u != "" {
		return u
	}
	ownURL := map[string]bool{}
	for _, g := range rs.Groups {
		if g.Own {
			for _, c := range g.Cands {
				ownURL[c.URL] = true
			}
		}
	}
	best, bestOwn := "", false
	for _, p := range v.Pages {
		if p.Kind != facts.KindList || p.Column != kind {
			continue
		}
		u := p.ColumnURL
		if u == "" {
			u = p.URL
		}
		has := false
		for _, it := range p.Items {
			has = has || ownURL[it.URL]
		}
		switch {
		case best == "", has && !bestOwn, has == bestOwn && len(u) < len(best):
			best, bestOwn = u, has
		}
	}
	return best
}

type annualMissingParams struct {
	AnnualDeadlines `yaml:",inline"`
}

func (p *annualMissingParams) Validate() error { return p.AnnualDeadlines.validate() }

var annualReportMissing = register(&Rule{
	ID:     "annual-report-missing",
	Doc:    "no 政府信息公开工作年度报告 of the site's unit for the previous year once its deadline has passed",
	Params: func() any { return &annualMissingParams{AnnualDeadlines: defaultAnnualDeadlines()} },
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*annualMissingParams)
		rs := collectReports(pass, prm.Column)
		year := prm.dueYear(rs.Level, pass.AsOf)
		deadline := prm.deadline(rs.Level, year)
		if rs.own(year) != nil {
			pass.Judged()
			return
		}
		title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", rs.Unit, year)
		if rs.ColumnURL == "" && len(rs.Groups) == 0 && rs.budgetExhausted {
			pass.Undetermined(rs.missingURL(), title, "the crawl stopped at its page budget before any 年报 column or report was found")
			return
		}
		for _, c := range rs.yearless {
			if !c.Graphic && rs.isOwn(c, pass.Site.Site) {
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf("a report of the unit whose year neither its title, its text nor a date tells is on the site (%s): it may be the %d report", c.where(), year))
				return
			}
		}
		// A report under a name that does not match the site's (an abbreviation, a
		// renamed unit), or one whose title names no unit and whose 发布机构 is another
		// office, may be the unit's own: do not guess.
		for _, g := range rs.Groups {
			if g.Year != year || g.Own {
				continue
			}
			c := g.primary()
			switch {
			case annualreport.MaybeSameUnit(g.Unit, rs.Unit):
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf(
					"a %d report issued by %s is on the site, but the site's unit is %s (%s): cannot tell whether it is the unit's own",
					year, g.Unit, rs.unitName(), rs.UnitFrom))
				return
			case c.UnitFrom == "发布机构" && !c.ListOnly:
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf(
					"a %d report whose title names no unit is on the site, published by %s: it may be %s's own, published by that office",
					year, g.Unit, rs.unitName()))
				return
			}
		}
		pass.Judged()
		pass.Report(rs.missingURL(), title, missingEvidence(rs, year, deadline, pass.AsOf))
	},
})

func missingEvidence(rs *reportSet, year int, deadline, asOf facts.Date) string {
	var b strings.Builder
	fmt.Fprintf(&b, "no %d年政府信息公开工作年度报告 of %s found on the site as of %s; due by %s (%s",
		year, rs.unitName(), asOf, deadline, levelRule(rs.Level))
	if rs.LevelFrom != "" && rs.Level != "" {
		b.WriteString(", " + rs.LevelFrom)
	}
	b.WriteString(")")
	var ownYears []string
	for _, g := range rs.Groups {
		if g.Own {
			d, _ := g.published()
			s := strconv.Itoa(g.Year)
			if !d.IsZero() {
				s += " (发布 " + d.String() + ")"
			}
			ownYears = append(ownYears, s)
		}
	}
	if len(ownYears) > 0 {
		fmt.Fprintf(&b, "; the unit's reports found: %s", strings.Join(ownYears, ", "))
	} else {
		b.WriteString("; no report of the unit found for any year")
	}
	if rs.ColumnURL != "" {
		fmt.Fprintf(&b, "; the 年报 column lists %d entries", rs.ColumnEntries)
	} else {
		b.WriteString("; the site has no 年报 column")
	}
	var others []string
	for _, g := range rs.Groups {
		if !g.Own && g.Year == year && len(others) < 5 {
			others = append(others, g.Unit)
		}
	}
	if len(others) > 0 {
		fmt.Fprintf(&b, "; other units' %d reports found (not the unit's own): %s", year, strings.Join(others, ", "))
	}
	for _, gr := range rs.Graphics {
		if gr.Year == year && (gr.Unit == "" || rs.Unit == "" || annualreport.SameUnit(gr.Unit, rs.Unit)) {
			fmt.Fprintf(&b, "; only a 图解 of it was found (%s), which is not the report", gr.URL)
			break
		}
	}
	return b.String()
}

type annualLateParams struct {
	AnnualDeadlines `yaml:",inline"`
	// Years is how many due years are judged, the latest first: 1 judges only the report
	// whose deadline passed last.
	Years int `yaml:"years"`
}

func (p *annualLateParams) Validate() error {
	if p.Years < 1 {
		return fmt.Errorf("years: must be at least 1")
	}
	return p.AnnualDeadlines.validate()
}

var annualReportLate = register(&Rule{
	ID:     "annual-report-late",
	Doc:    "the unit's 政府信息公开工作年度报告 published after its deadline (31 January for a 部门/乡镇, 31 March for a 县级以上人民政府)",
	Params: func() any { return &annualLateParams{AnnualDeadlines: defaultAnnualDeadlines(), Years: 1} },
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*annualLateParams)
		rs := collectReports(pass, prm.Column)
		due := prm.dueYear(rs.Level, pass.AsOf)
		for _, g := range rs.Groups {
			if !g.Own || g.Year > due || g.Year <= due-prm.Years {
				continue
			}
			c := g.primary()
			pub, from := g.published()
			if pub.IsZero() {
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf("no 发布日期 shown for the %d report (page, list or attachment): cannot tell when it was published", g.Year))
				continue
			}
			deadline := prm.deadline(rs.Level, g.Year)
			if rs.Level == "" && !pub.After(deadline) && pub.After(prm.earliest(g.Year)) {
				pass.Undetermined(from.URL, from.Title, fmt.Sprintf(
					"published %s: late for a 部门 or 乡镇 (deadline %s), on time for a 县级以上人民政府 (%s); the unit's level is unknown (set level in sites.yaml)",
					pub, prm.earliest(g.Year), deadline))
				continue
			}
			pass.Judged()
			if !pub.After(deadline) {
				continue
			}
			src := from.DateFrom
			if from != c {
				src += ", shown at " + from.URL
			}
			pass.Report(c.URL, c.Title, fmt.Sprintf("%d report of %s published %s (%s), after its deadline %s (%s, 条例 第四十九条): %d days late",
				g.Year, g.Unit, pub, src, deadline, levelRule(rs.Level), deadline.DaysUntil(pub)))
		}
	},
})
