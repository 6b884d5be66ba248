package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// agri-subsidy-results: no 惠民惠农财政补贴资金 payment results (发放结果 / 发放名册 /
// 公示, 以村为单位) for the year published by its end.
//
// The year judged is the last one that has ended: at an as-of date in 2026 the rule asks
// whether 2025's results were published by 2025-12-31 (grace_days later at most). A
// result is recognised by meaning, in the column list entries and the pages of the whole
// site: in a 惠民惠农 / 涉农补贴 column, anything that is not a policy, an application
// notice or an allocation of funds; elsewhere, a title naming a subsidy (补贴, 补助, 低保,
// 特困供养, 护林员 …) and a payment result (发放, 兑付, 名册, 公示 …). A result belongs to
// the years its title names (2025年第四季度 → 2025), else to the year it was published.
//
// It applies to the units that distribute subsidies: 县级政府 and 乡镇 by default, and a
// 部门 whose name says it does (农业农村局, 民政局 …). The unit's level comes from
// sites.yaml, else from its name (…乡/镇人民政府, 街道办事处 → 乡镇; …人民政府 → 政府;
// …局/委/办/中心 → 部门).

type agriParams struct {
	// Levels the rule applies to (政府, 乡镇, 部门).
	Levels []string `yaml:"levels"`
	// Departments: a 部门 whose name matches distributes subsidies and is judged too.
	Departments string `yaml:"departments"`
	// Columns are the column kinds that hold the results.
	Columns []string `yaml:"columns"`
	// Subsidy, Result and Exclude recognise result titles (see above).
	Subsidy string `yaml:"subsidy"`
	Result  string `yaml:"result"`
	Exclude string `yaml:"exclude"`
	// GraceDays after 31 December still count as published by the year's end.
	GraceDays int `yaml:"grace_days"`

	deptRe, subsidyRe, resultRe, excludeRe *regexp.Regexp
}

func (p *agriParams) Validate() error {
	for _, l := range p.Levels {
		switch facts.Level(l) {
		case facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship:
		default:
			return fmt.Errorf("levels: %q (want 政府, 部门 or 乡镇)", l)
		}
	}
	for _, f := range []struct {
		name string
		src  string
		dst  **regexp.Regexp
	}{{"departments", p.Departments, &p.deptRe}, {"subsidy", p.Subsidy, &p.subsidyRe}, {"result", p.Result, &p.resultRe}, {"exclude", p.Exclude, &p.excludeRe}} {
		if f.src == "" {
			*f.dst = nil
			if f.name == "subsidy" || f.name == "result" {
				return fmt.Errorf("%s: required", f.name)
			}
			continue
		}
		re, err := regexp.Compile(f.src)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = re
	}
	if p.GraceDays < 0 {
		return fmt.Errorf("grace_days: must not be negative")
	}
	return nil
}

var agriSubsidyResults = register(&Rule{
	ID:  "agri-subsidy-results",
	Doc: "no 惠民惠农财政补贴资金 payment results (以村为单位) for the year published by its end",
	Params: func() any {
		return &agriParams{
			Levels:      []string{"政府", "乡镇"},
			Departments: `农业农村|农业|林业|民政|乡村振兴|扶贫|畜牧|农机|水利|残疾人联合会|退役军人`,
			Columns:     []string{"惠民惠农"},
			Subsidy:     `补贴|补助|补偿|救助|低保|最低生活保障|特困|供养|抚恤|优抚|奖补|奖励资金|惠民惠农|惠农|一卡通|护林员|津贴|保障金|救济|生活费|养老金`,
			Result:      `发放|兑付|兑现|拨付|名册|名单|结果|明细|公示|公开|到户`,
			Exclude:     `印发|办法|细则|实施方案|方案的通知|政策解读|解读|问答|政策清单|清单的通知|申报|申请|指南|标准的通知|资金分配|下达|预算|绩效|考核|培训|会议|动员|部署|征求意见|通知$`,
		}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*agriParams)
		v := pass.Site
		level, name, how := agriUnitLevel(v)
		switch {
		case level == "":
			pass.Undetermined(v.Site.URL, v.Site.Name, "the unit's level (政府, 部门 or 乡镇) is unknown: set level in sites.yaml to judge 惠民惠农 results")
			return
		case level == facts.LevelDepartment && prm.deptRe != nil && prm.deptRe.MatchString(name):
		case !slices.Contains(prm.Levels, string(level)):
			return // a unit that does not distribute subsidies
		}
		year := pass.AsOf.Year - 1
		yearEnd := facts.D(year, 12, 31).AddDays(prm.GraceDays)
		entries := agriEntries(v, prm)
		if len(entries) == 0 && !disclosureReached(v) {
			pass.Undetermined(v.Site.URL, v.Site.Name, "the crawl reached no column list or document: cannot tell whether 惠民惠农 results are published")
			return
		}
		pass.Judged()
		var onTime, late, undated []agriEntry
		for _, e := range entries {
			if !slices.Contains(e.Years, year) {
				continue
			}
			switch {
			case e.Date.IsZero():
				undated = append(undated, e)
			case e.Date.After(yearEnd):
				late = append(late, e)
			default:
				onTime = append(onTime, e)
			}
		}
		if len(onTime) > 0 || len(undated) > 0 {
			return
		}
		where, title := agriWhere(v, prm)
		ev := fmt.Sprintf("no 惠民惠农财政补贴 payment results (发放/兑付 公示, 名册) for %d published by %s", year, yearEnd)
		if len(late) > 0 {
			slices.SortFunc(late, func(a, b agriEntry) int { return a.Date.Compare(b.Date) })
			ev += fmt.Sprintf(": the first for %d came only on %s 《%s》, after the year's end", year, late[0].Date, late[0].Title)
		} else {
			ev += "; " + agriSeen(v, prm, entries)
		}
		if how != "sites.yaml" {
			ev += fmt.Sprintf(" (unit level %s %s)", level, how)
		}
		pass.Report(where, title, ev)
	},
})

// agriEntry is one recognised payment result.
type agriEntry struct {
	Title string
	URL   string
	Date  facts.Date
	Years []int
}

var agriYearRe = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:年|—|-|－|至)`)

// agriEntries collects the payment results among list entries and pages, each URL once
// (the page's own date wins over the list's).
func agriEntries(v *View, prm *agriParams) []agriEntry {
	byURL := map[string]*agriEntry{}
	var order []string
	add := func(title, url string, date facts.Date, inCol bool) {
		if !agriIsResult(prm, title, inCol) {
			return
		}
		e := byURL[url]
		if e == nil {
			e = &agriEntry{Title: title, URL: url}
			byURL[url] = e
			order = append(order, url)
		}
		if !date.IsZero() {
			e.Date = date
		}
	}
	for _, p := range v.Pages {
		if p.Kind == facts.KindList {
			inCol := slices.Contains(prm.Columns, p.Column)
			for _, it := range p.Items {
				add(it.Title, it.URL, it.Date, inCol)
			}
		}
	}
	for _, p := range v.Pages {
		if p.Kind == facts.KindDetail {
			add(p.Title, p.URL, p.Published, InColumn(p, prm.Columns))
		}
	}
	out := make([]agriEntry, 0, len(order))
	for _, u := range order {
		e := byURL[u]
		e.Years = agriYears(e.Title, e.Date)
		out = append(out, *e)
	}
	return out
}

// agriIsResult: in a 惠民惠农 column anything that is not excluded and names a subsidy or
// a result; elsewhere a subsidy and a result.
func agriIsResult(prm *agriParams, title string, inCol bool) bool {
	t := facts.NormalizeLabel(title)
	if t == "" || prm.excludeRe != nil && prm.excludeRe.MatchString(t) {
		return false
	}
	sub, res := prm.subsidyRe.MatchString(t), prm.resultRe.MatchString(t)
	if inCol {
		return sub || res
	}
	return sub && res
}

// agriYears: the years a title names (2024—2025年 names both), else the date's year.
func agriYears(title string, date facts.Date) []int {
	var ys []int
	for _, m := range agriYearRe.FindAllStringSubmatch(title, -1) {
		y, _ := strconv.Atoi(m[1])
		if !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
	}
	if len(ys) == 2 && ys[1] > ys[0] && ys[1]-ys[0] <= 5 {
		for y := ys[0] + 1; y < ys[1]; y++ {
			ys = append(ys, y)
		}
	}
	if len(ys) == 0 && !date.IsZero() {
		ys = []int{date.Year}
	}
	return ys
}

// agriSeen says what the site does show, so the unit can see what was looked at.
func agriSeen(v *View, prm *agriParams, entries []agriEntry) string {
	var cols []*siteColumn
	for _, c := range siteColumns(v) {
		if slices.Contains(prm.Columns, c.Kind) {
			cols = append(cols, c)
		}
	}
	var parts []string
	if len(cols) == 0 {
		parts = append(parts, "the site has no 惠民惠农 / 涉农补贴 column")
	}
	for _, c := range cols {
		items := c.Items()
		if len(items) == 0 {
			parts = append(parts, fmt.Sprintf("column %s lists no entries", columnLabel(c)))
			continue
		}
		newest := items[0]
		for _, it := range items {
			if it.Date.After(newest.Date) {
				newest = it
			}
		}
		parts = append(parts, fmt.Sprintf("column %s lists %d entries, the newest %s 《%s》", columnLabel(c), len(items), agriDate(newest.Date), newest.Title))
	}
	if len(entries) > 0 {
		slices.SortFunc(entries, func(a, b agriEntry) int { return b.Date.Compare(a.Date) })
		e := entries[0]
		parts = append(parts, fmt.Sprintf("the latest payment result found is %s 《%s》 (%s)", agriDate(e.Date), e.Title, agriYearList(e.Years)))
	} else {
		parts = append(parts, "no page or entry on the site is titled as a subsidy payment result")
	}
	return strings.Join(parts, "; ")
}

func agriYearList(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return "for " + strings.Join(s, ", ")
}

func agriDate(d facts.Date) string {
	if d.IsZero() {
		return "(undated)"
	}
	return d.String()
}

// agriWhere: the 惠民惠农 column if the site has one, else the portal or home page.
func agriWhere(v *View, prm *agriParams) (url, title string) {
	for _, c := range siteColumns(v) {
		if slices.Contains(prm.Columns, c.Kind) {
			return c.URL, c.Name
		}
	}
	return portalOrHome(v)
}

var (
	agriTownRe = regexp.MustCompile(`(?:乡|镇|街道)(?:人民政府|办事处|政府)?$|街道办事处$|街道办$`)
	agriGovRe  = regexp.MustCompile(`人民政府$|人民政府门户网站$|政府网$|人民政府网$`)
	agriDeptRe = regexp.MustCompile(`(?:局|委员会|委|办公室|办|中心|厅|署|院|所|站)$`)
)

// agriUnitLevel: the site's level from sites.yaml, else read from the unit's name (the
// site's name, else the home page's SiteName). how says where it came from.
func agriUnitLevel(v *View) (level facts.Level, name, how string) {
	names := []string{v.Site.Name}
	for _, p := range v.Pages {
		if p.Kind == facts.KindHome {
			names = append(names, p.Meta["SiteName"])
		}
	}
	for _, n := range names {
		if n = facts.NormalizeLabel(n); n != "" && !strings.ContainsAny(n, ".:/") {
			name = n
			break
		}
	}
	if v.Site.Level != "" {
		return v.Site.Level, name, "sites.yaml"
	}
	base := strings.TrimSuffix(strings.TrimSuffix(name, "门户网站"), "网站")
	switch {
	case base == "":
		return "", name, ""
	case agriTownRe.MatchString(base):
		return facts.LevelTownship, name, "read from the name " + name
	case agriGovRe.MatchString(base):
		return facts.LevelGovernment, name, "read from the name " + name
	case agriDeptRe.MatchString(base):
		return facts.LevelDepartment, name, "read from the name " + name
	}
	return "", name, ""
}
