package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func TestAgriSubsidyResults(t *testing.T) {
	cfg := only(defaultConfig(t), "agri-subsidy-results")
	asOf := facts.D(2026, 6, 30) // judges 2025
	gov := facts.Site{Name: "测试县人民政府", Level: facts.LevelGovernment}
	home := hygPage("/", "home", func(p *facts.Page) { p.Title = "测试县人民政府" })
	portal := hygPage("/zwgk/", "portal", func(p *facts.Page) { p.Title = "政府信息公开" })
	tzgg := hygList("/zwgk/tzgg/", "通知公告", "通知公告", "关于召开防汛工作会议的通知|2025-06-01|/zwgk/tzgg/x.html")
	detail := func(path, title, pub, col string) *facts.Page {
		return hygPage(path, "detail", dates("", pub), func(p *facts.Page) { p.Title, p.Column = title, col })
	}
	for _, tc := range []struct {
		name     string
		site     facts.Site
		pages    []*facts.Page
		want     string
		evidence string
	}{
		{"2025 results in the column", gov, []*facts.Page{home, portal,
			hygList("/zwgk/hmhn/", "惠民惠农", "惠民惠农财政补贴",
				"测试县2025年耕地地力保护补贴资金发放情况公示|2025-06-20|/zwgk/hmhn/a.html",
				"测试县2024年耕地地力保护补贴资金发放情况公示|2024-06-20|/zwgk/hmhn/b.html")}, "", ""},
		{"only 2024 results", gov, []*facts.Page{home, portal,
			hygList("/zwgk/hmhn/", "惠民惠农", "惠民惠农财政补贴",
				"测试县2024年耕地地力保护补贴资金发放情况公示|2024-06-20|/zwgk/hmhn/b.html",
				"关于印发《测试县农机购置补贴实施细则》的通知|2025-07-15|/zwgk/hmhn/c.html")},
			"agri-subsidy-results /zwgk/hmhn/",
			"no 惠民惠农财政补贴 payment results (发放/兑付 公示, 名册) for 2025 published by 2025-12-31; column 「惠民惠农财政补贴」 http://x.gov.cn/zwgk/hmhn/ lists 2 entries, the newest 2025-07-15 《关于印发《测试县农机购置补贴实施细则》的通知》; the latest payment result found is 2024-06-20 《测试县2024年耕地地力保护补贴资金发放情况公示》 (for 2024)"},
		{"2025 results only after the year's end", gov, []*facts.Page{home, portal,
			hygList("/zwgk/hmhn/", "惠民惠农", "惠民惠农财政补贴",
				"测试县2025年第四季度农村最低生活保障金发放情况公示|2026-01-09|/zwgk/hmhn/d.html")},
			"agri-subsidy-results /zwgk/hmhn/", "the first for 2025 came only on 2026-01-09 《测试县2025年第四季度农村最低生活保障金发放情况公示》, after the year's end"},
		{"an undated 2025 公示 counts", gov, []*facts.Page{home, portal,
			hygList("/zwgk/hmhn/", "惠民惠农", "惠民惠农财政补贴", "青石村2025年生态护林员补助发放名单||/zwgk/hmhn/e.html")}, "", ""},
		{"results under 通知公告, no column", gov, []*facts.Page{home, portal,
			hygList("/zwgk/tzgg/", "通知公告", "通知公告", "关于2025年种粮一次性补贴发放情况的公示|2025-09-01|/zwgk/tzgg/a.html")}, "", ""},
		{"a result page reached outside any list", gov, []*facts.Page{home, portal,
			detail("/zwgk/qt/a.html", "白石镇涉农补贴资金公示（2025年第二批）", "2025-10-10", "")}, "", ""},
		{"an untitled-year entry of the column, published in 2025", gov, []*facts.Page{home, portal,
			hygList("/zwgk/hmhn/", "惠民惠农", "涉农补贴资金公示", "白石村惠民惠农资金公示|2025-11-03|/zwgk/hmhn/f.html")}, "", ""},
		{"no column, only policy and application notices", gov, []*facts.Page{home, portal,
			hygList("/zwgk/tzgg/", "通知公告", "通知公告",
				"关于开展2025年耕地地力保护补贴申报工作的通知|2025-03-01|/zwgk/tzgg/b.html",
				"关于下达2025年耕地地力保护补贴资金的通知|2025-05-01|/zwgk/tzgg/c.html",
				"2025年全县防汛工作会议召开|2025-06-01|/zwgk/tzgg/d.html",
				"测试县2025年政务公开工作要点|2025-04-01|/zwgk/tzgg/e.html",
				"2025年县级财政衔接推进乡村振兴补助资金项目|2025-05-01|/zwgk/tzgg/f.html")},
			"agri-subsidy-results /zwgk/", "the site has no 惠民惠农 / 涉农补贴 column; no page or entry on the site is titled as a subsidy payment result"},
		{"a 乡镇 read from its name", facts.Site{Name: "白石镇人民政府"}, []*facts.Page{home, portal, tzgg},
			"agri-subsidy-results /zwgk/", "(unit level 乡镇 read from the name 白石镇人民政府)"},
		{"an 审计局 does not distribute subsidies", facts.Site{Name: "测试县审计局", Level: facts.LevelDepartment}, []*facts.Page{home, portal}, "", ""},
		{"an 农业农村局 does", facts.Site{Name: "测试县农业农村局", Level: facts.LevelDepartment}, []*facts.Page{home, portal, tzgg}, "agri-subsidy-results /zwgk/", ""},
		{"level unknown", facts.Site{Name: "x.gov.cn"}, []*facts.Page{home, portal, tzgg}, "?agri-subsidy-results /", ""},
		{"nothing crawled but the home page", gov, []*facts.Page{home}, "?agri-subsidy-results /", ""},
		{"level from the home page's SiteName", facts.Site{Name: "x.gov.cn"}, []*facts.Page{
			hygPage("/", "home", func(p *facts.Page) { p.Meta = map[string]string{"SiteName": "测试县人民政府"} }), portal, tzgg},
			"agri-subsidy-results /zwgk/", "(unit level 政府 read from the name 测试县人民政府)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := hygJudge(t, cfg, tc.site, asOf, nil, tc.pages...)
			if g := strings.Join(got(res), ";"); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			if tc.evidence != "" && !strings.Contains(res.Findings[0].Evidence, tc.evidence) {
				t.Errorf("evidence %q lacks %q", res.Findings[0].Evidence, tc.evidence)
			}
		})
	}
}

func TestAgriYears(t *testing.T) {
	for _, tc := range []struct {
		title string
		date  string
		want  string
	}{
		{"2025年耕地地力保护补贴发放公示", "2025-06-20", "[2025]"},
		{"2024—2025年度生态护林员补助发放名单", "2025-03-01", "[2024 2025]"},
		{"2023-2025年退耕还林补助兑现情况", "", "[2023 2025 2024]"},
		{"耕地地力保护补贴发放公示", "2025-06-20", "[2025]"},
		{"耕地地力保护补贴发放公示", "", "[]"},
	} {
		var d facts.Date
		if tc.date != "" {
			d = facts.MustParseDate(tc.date)
		}
		if got := fmt.Sprint(agriYears(tc.title, d)); got != tc.want {
			t.Errorf("agriYears(%q) = %s, want %s", tc.title, got, tc.want)
		}
	}
}
