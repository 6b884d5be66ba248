package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// decision-catalog-missing: no 重大行政决策事项年度目录 for the year.
//
// Which year: 《重大行政决策程序暂行条例》(国务院令第713号) 第十条 requires 决策机关 to
// publish a 决策事项目录 but sets no date; provincial rules and common practice publish
// the year's 目录 in its first quarter (e.g. "每年第一季度", "3月31日前"). So on an as-of
// date after the due day (default 03-31) the as-of year's catalogue is required; before
// it, the previous year's (which was due a year ago). The 条例 binds 县级以上地方人民政府
// (第二条), so only a government's site is judged: level 政府, or, with no level, a unit
// named …人民政府 that is not a 乡/镇/街道.

type decisionCatalogParams struct {
	// Due is the month-day (MM-DD) by which the year's catalogue must be out.
	Due string `yaml:"due"`
	// Columns are the column kinds searched first (the finding points at their list).
	Columns []string `yaml:"columns"`
	// Titles matches a catalogue's title (or an attachment's name) anywhere on the site.
	Titles string `yaml:"titles"`
	// Levels are the site levels judged.
	Levels []facts.Level `yaml:"levels"`

	month, day int
	titles     *regexp.Regexp
}

func (p *decisionCatalogParams) Validate() error {
	t, ok := facts.ParseDate("2000-" + p.Due)
	if !ok {
		return fmt.Errorf("due: %q is not a month-day (MM-DD)", p.Due)
	}
	p.month, p.day = int(t.Month), t.Day
	re, err := regexp.Compile(p.Titles)
	if err != nil {
		return fmt.Errorf("titles: %w", err)
	}
	p.titles = re
	if len(p.Levels) == 0 {
		return fmt.Errorf("levels: empty: no site would be judged")
	}
	return nil
}

var catalogYearRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)

var decisionCatalogMissing = register(&Rule{
	ID:  "decision-catalog-missing",
	Doc: "no 重大行政决策事项年度目录 for the year",
	Params: func() any {
		return &decisionCatalogParams{
			Due:     "03-31",
			Columns: []string{"重大行政决策"},
			Titles:  `重大(行政)?决策.{0,12}(目录|清单)`,
			Levels:  []facts.Level{facts.LevelGovernment},
		}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*decisionCatalogParams)
		v := pass.Site
		if !decisionLevelJudged(v, prm.Levels) {
			return
		}
		year := pass.AsOf.Year
		due := facts.D(year, time.Month(prm.month), prm.day)
		if !pass.AsOf.After(due) {
			year--
			due = facts.D(year, time.Month(prm.month), prm.day)
		}
		pass.Judged()
		type hit struct {
			year  int
			title string
			url   string
			date  facts.Date
		}
		var hits []hit
		for _, p := range v.Pages {
			if p.Kind != facts.KindDetail && p.Kind != facts.KindAttachment {
				continue
			}
			names := []string{p.Title}
			for _, a := range p.Attachments {
				names = append(names, a.Name)
			}
			for _, n := range names {
				if !prm.titles.MatchString(n) {
					continue
				}
				y := 0
				if m := catalogYearRe.FindStringSubmatch(n); m != nil {
					y, _ = strconv.Atoi(m[1])
				} else if !p.Published.IsZero() {
					y = p.Published.Year
				}
				hits = append(hits, hit{y, n, p.URL, p.Published})
				break
			}
		}
		// Titles in column listings count too (a catalogue beyond the crawl budget).
		for _, lp := range v.Pages {
			if lp.Kind != facts.KindList {
				continue
			}
			for _, it := range lp.Items {
				if !prm.titles.MatchString(it.Title) {
					continue
				}
				y := it.Date.Year
				if m := catalogYearRe.FindStringSubmatch(it.Title); m != nil {
					y, _ = strconv.Atoi(m[1])
				}
				hits = append(hits, hit{y, it.Title, it.URL, it.Date})
			}
		}
		for _, h := range hits {
			if h.year == year {
				return
			}
		}
		url, searched := decisionWhere(v, prm.Columns)
		latest := "none found"
		if len(hits) > 0 {
			sort.Slice(hits, func(i, j int) bool { return hits[i].year > hits[j].year })
			latest = fmt.Sprintf("latest found: %s (%s, 发布 %s)", hits[0].title, urlPathOf(hits[0].url), dateOrNone(hits[0].date))
		}
		pass.Report(url, fmt.Sprintf("%d年度重大行政决策事项目录", year), fmt.Sprintf(
			"no %d年度重大行政决策事项目录 (due %s, judged on %s): searched %s and every page, attachment and list entry title on the site for a 重大行政决策事项目录; %s",
			year, due, pass.AsOf, searched, latest))
	},
})

// decisionLevelJudged reports whether the site's unit is of a judged level; without a
// level, a unit named …人民政府 counts as a government unless it is a 乡/镇/街道.
func decisionLevelJudged(v *View, levels []facts.Level) bool {
	lvl := v.Site.Level
	if lvl == "" {
		name := v.Site.Name
		if !strings.HasSuffix(name, "人民政府") && !strings.HasSuffix(name, "政府") {
			for _, p := range v.Pages {
				if p.Kind == facts.KindHome || p.Kind == facts.KindPortal {
					if sn := p.Meta["SiteName"]; sn != "" {
						name = sn
						break
					}
				}
			}
		}
		switch {
		case !strings.HasSuffix(name, "人民政府") && !strings.HasSuffix(name, "政府"):
			return false // cannot tell: no finding rather than a guess
		case strings.ContainsAny(strings.TrimSuffix(strings.TrimSuffix(name, "人民政府"), "政府"), "乡镇") || strings.Contains(name, "街道"):
			lvl = facts.LevelTownship
		default:
			lvl = facts.LevelGovernment
		}
	}
	for _, l := range levels {
		if l == lvl {
			return true
		}
	}
	return false
}

// decisionWhere returns the URL a missing catalogue is reported at (the column's list,
// else the portal, else the site) and what was searched.
func decisionWhere(v *View, cols []string) (string, string) {
	for _, k := range cols {
		ls := v.Lists(k)
		if len(ls) == 0 {
			continue
		}
		sort.Slice(ls, func(i, j int) bool {
			return len(ls[i].URL) < len(ls[j].URL) || len(ls[i].URL) == len(ls[j].URL) && ls[i].URL < ls[j].URL
		})
		n := 0
		for _, l := range ls {
			n += len(l.Items)
		}
		return ls[0].URL, fmt.Sprintf("the %s column (%s, %d entries)", k, urlPathOf(ls[0].URL), n)
	}
	for _, kind := range []facts.PageKind{facts.KindPortal, facts.KindHome} {
		for _, p := range v.Pages {
			if p.Kind == kind {
				return p.URL, fmt.Sprintf("no %s column was found", strings.Join(cols, "/"))
			}
		}
	}
	return v.Site.URL, fmt.Sprintf("no %s column was found", strings.Join(cols, "/"))
}
