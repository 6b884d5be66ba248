package rules

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

var annualRules = []string{"annual-report-missing", "annual-report-late", "annual-report-sections", "annual-report-arithmetic", "annual-report-duplicate"}

const arHost = "http://x.gov.cn"

// arJudge runs the annual-report rules over pages of a site.
func arJudge(t *testing.T, site facts.Site, asOf string, pages ...*facts.Page) *Result {
	t.Helper()
	cfg := only(defaultConfig(t), annualRules...)
	site.URL = arHost + "/"
	res, err := Judge(context.Background(), cfg, Input{Site: site, AsOf: facts.MustParseDate(asOf), Source: &memSource{pages: pages}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func arHome(siteName string) *facts.Page {
	return &facts.Page{URL: arHost + "/", Kind: facts.KindHome, Title: siteName, Meta: map[string]string{"SiteName": siteName}}
}

func arPortal() *facts.Page {
	return &facts.Page{URL: arHost + "/zwgk/", Kind: facts.KindPortal, Title: "政府信息公开"}
}

// arList is the 年报 column listing entries "title|date|path".
func arList(entries ...string) *facts.Page {
	p := &facts.Page{URL: arHost + "/zwgk/ndbg/", Kind: facts.KindList, Column: "年报", ColumnName: "政府信息公开年报"}
	for _, e := range entries {
		f := strings.Split(e, "|")
		it := facts.ListItem{Title: f[0], URL: arHost + f[2], DateText: f[1]}
		if f[1] != "" {
			it.Date = facts.MustParseDate(f[1])
		}
		p.Items = append(p.Items, it)
		if strings.HasSuffix(f[2], ".pdf") {
			p.Attachments = append(p.Attachments, facts.Attachment{URL: arHost + f[2], Name: f[0], Ext: "pdf"})
		}
	}
	return p
}

// arReport is a detail page of the 年报 column.
func arReport(path, title, pub string, opts ...func(*facts.Page)) *facts.Page {
	p := &facts.Page{URL: arHost + path, Kind: facts.KindDetail, Column: "年报", Title: title, Fields: map[string]string{}}
	if pub != "" {
		p.Published, p.PublishedSource = facts.MustParseDate(pub), "info"
	}
	for _, o := range opts {
		o(p)
	}
	return p
}

func issuer(s string) func(*facts.Page) {
	return func(p *facts.Page) { p.Issuer, p.Fields["发布机构"] = s, s }
}

// fromTestdata gives a page the text and tables the extractor reads from a report in
// rules/annualreport/testdata.
func fromTestdata(t *testing.T, name string) func(*facts.Page) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("annualreport", "testdata", name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(arHost + "/x.html")
	r, err := extract.HTML(u, b)
	if err != nil {
		t.Fatal(err)
	}
	return func(p *facts.Page) { p.Text, p.Tables = r.Page.Text, r.Page.Tables }
}

func withText(s string) func(*facts.Page) { return func(p *facts.Page) { p.Text = s } }

// arOverride is a sites.yaml override of one rule's params ("key: value" in flow style).
func arOverride(t *testing.T, rule, params string) map[string]Override {
	t.Helper()
	var o struct {
		A map[string]Override `yaml:"a"`
	}
	if err := DecodeStrict("sites.yaml", []byte("a: {"+rule+": {params: {"+params+"}}}"), &o); err != nil {
		t.Fatal(err)
	}
	return o.A
}

// arGot lists findings as "rule path" and undetermined as "?rule path".
func arGot(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule+" "+strings.TrimPrefix(f.URL, arHost))
	}
	for _, u := range res.Undetermined {
		out = append(out, "?"+u.Rule+" "+strings.TrimPrefix(u.URL, arHost))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func evidenceOf(res *Result, rule string) string {
	var ev []string
	for _, f := range res.Findings {
		if f.Rule == rule {
			ev = append(ev, f.Evidence)
		}
	}
	for _, u := range res.Undetermined {
		if u.Rule == rule {
			ev = append(ev, u.Reason)
		}
	}
	return strings.Join(ev, "\n")
}

// sixSections is a short report text with every template heading.
const sixSections = "本报告所列数据统计期限自2025年1月1日起至2025年12月31日止。\n一、总体情况\n全年公开信息312条，其中政策文件41件，发布解读材料26篇。\n二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n全年新收申请12件。\n四、政府信息公开行政复议、行政诉讼情况\n无行政复议、行政诉讼案件。\n五、存在的主要问题及改进情况\n政策解读形式较为单一，将增加图解、问答等形式。\n六、其他需要报告的事项\n无。"

func TestAnnualReportMissingAndLate(t *testing.T) {
	gov := facts.Site{Name: "测试县人民政府", Level: facts.LevelGovernment}
	dept := facts.Site{Name: "测试县教育局"} // level read from the name
	rep := func(year, pub string, opts ...func(*facts.Page)) *facts.Page {
		return arReport("/zwgk/ndbg/"+year+".html", "测试县人民政府"+year+"年政府信息公开工作年度报告", pub, append([]func(*facts.Page){withText(sixSections)}, opts...)...)
	}
	for _, tc := range []struct {
		name     string
		site     facts.Site
		asOf     string
		pages    []*facts.Page
		want     []string
		evidence string
	}{
		{"2025 report on 2026-03-20: on time", gov, "2026-06-30",
			[]*facts.Page{arHome("测试县人民政府"), arPortal(), arList(), rep("2025", "2026-03-20")}, nil, ""},
		{"on the deadline day", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), rep("2025", "2026-03-31")}, nil, ""},
		{"published 2026-04-08: late", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), rep("2025", "2026-04-08")},
			[]string{"annual-report-late /zwgk/ndbg/2025.html"},
			"2025 report of 测试县人民政府 published 2026-04-08 (发布日期), after its deadline 2026-03-31 (a 县级以上人民政府's own report, 条例 第四十九条): 8 days late"},
		{"only the 2024 report: 2025 missing at the column", gov, "2026-06-30",
			[]*facts.Page{arHome("测试县人民政府"), arPortal(), arList("测试县人民政府2024年政府信息公开工作年度报告|2025-03-10|/zwgk/ndbg/2024.html"), rep("2024", "2025-03-10")},
			[]string{"annual-report-missing /zwgk/ndbg/"},
			"no 2025年政府信息公开工作年度报告 of 测试县人民政府 found on the site as of 2026-06-30; due by 2026-03-31 (a 县级以上人民政府's own report, level set in sites.yaml); the unit's reports found: 2024 (发布 2025-03-10); the 年报 column lists 1 entries"},
		{"before 31 March the 2024 report is the one due", gov, "2026-03-15",
			[]*facts.Page{arPortal(), arList(), rep("2024", "2025-03-10")}, nil, ""},
		{"a department: 31 January", dept, "2026-02-15",
			[]*facts.Page{arHome("测试县教育局"), arPortal(), arList(),
				arReport("/zwgk/ndbg/2024.html", "测试县教育局2024年政府信息公开工作年度报告", "2025-01-20", withText(sixSections))},
			[]string{"annual-report-missing /zwgk/ndbg/"}, "due by 2026-01-31 (a 部门's report, level read from the name 测试县教育局)"},
		{"a department before 31 January", dept, "2026-01-20",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/2024.html", "测试县教育局2024年政府信息公开工作年度报告", "2025-01-20", withText(sixSections))}, nil, ""},
		{"a department's late report", dept, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/2025.html", "2025年度测试县教育局政府信息公开工作年度报告", "2026-02-03", withText(sixSections))},
			[]string{"annual-report-late /zwgk/ndbg/2025.html"}, "deadline 2026-01-31 (a 部门's report, 条例 第四十九条): 3 days late"},
		{"the government site publishes its departments' and townships' reports, not its own", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(),
				arReport("/zwgk/ndbg/jyj.html", "测试县教育局2025年政府信息公开工作年度报告", "2026-01-20", withText(sixSections)),
				arReport("/zwgk/ndbg/cgz.html", "测试县城关镇人民政府2025年政府信息公开工作年度报告", "2026-02-20", withText(sixSections)),
				arReport("/zwgk/ndbg/czj.html", "测试县财政局2025年度政府信息公开工作年度报告", "2026-01-22", withText(sixSections))},
			[]string{"annual-report-missing /zwgk/ndbg/"}, "other units' 2025 reports found (not the unit's own): 测试县城关镇人民政府, 测试县教育局, 测试县财政局"},
		{"a report naming no unit, published by a department: cannot tell", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "2025年政府信息公开工作年度报告", "2026-03-02", issuer("测试县政务服务和数据资源管理局"), withText(sixSections))},
			[]string{"?annual-report-missing /zwgk/ndbg/a.html"}, "published by 测试县政务服务和数据资源管理局: it may be 测试县人民政府's own"},
		{"the list shows the original date of a page edited later", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList("测试县人民政府2025年政府信息公开工作年度报告|2026-03-20|/zwgk/ndbg/2025.html"), rep("2025", "2026-05-08")}, nil, ""},
		{"only a 图解 of the 2025 report", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/tj.html", "一图读懂测试县人民政府2025年政府信息公开工作年度报告", "2026-03-20")},
			[]string{"annual-report-missing /zwgk/ndbg/"}, "only a 图解 of it was found (http://x.gov.cn/zwgk/ndbg/tj.html), which is not the report"},
		{"a 图解 next to the report is not a second report", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), rep("2025", "2026-03-20"), arReport("/zwgk/ndbg/tj.html", "一图读懂测试县人民政府2025年政府信息公开工作年度报告", "2026-04-20")}, nil, ""},
		{"no unit in the title, published by the government's office", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "2025年政府信息公开工作年度报告", "2026-03-02", issuer("测试县人民政府办公室"), withText(sixSections))}, nil, ""},
		{"no 年报 column: the finding is at the portal", gov, "2026-06-30",
			[]*facts.Page{arHome("测试县人民政府"), arPortal()}, []string{"annual-report-missing /zwgk/"}, "no report of the unit found for any year; the site has no 年报 column"},
		{"a department's report under another name: cannot tell", facts.Site{Name: "测试县教育和体育局", Level: facts.LevelDepartment}, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "测试县教体局2025年政府信息公开工作年度报告", "2026-01-20", withText(sixSections))},
			[]string{"?annual-report-missing /zwgk/ndbg/a.html"}, "a 2025 report issued by 测试县教体局 is on the site, but the site's unit is 测试县教育和体育局"},
		{"the unit from the SiteName when the name is a host", facts.Site{Name: "x.gov.cn"}, "2026-06-30",
			[]*facts.Page{arHome("测试县卫生健康局门户网站"), arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "测试县卫生健康局2025年政府信息公开工作年度报告", "2026-02-26", withText(sixSections))},
			[]string{"annual-report-late /zwgk/ndbg/a.html"}, "2025 report of 测试县卫生健康局 published 2026-02-26 (发布日期), after its deadline 2026-01-31 (a 部门's report"},
		{"level unknown, published in February: cannot tell", facts.Site{Name: "x.gov.cn"}, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "2025年政府信息公开工作年度报告", "2026-02-26", withText(sixSections))},
			[]string{"?annual-report-late /zwgk/ndbg/a.html"}, "the unit's level is unknown"},
		{"level unknown, published in May: late whatever the level", facts.Site{Name: "x.gov.cn"}, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "2025年政府信息公开工作年度报告", "2026-05-06", withText(sixSections))},
			[]string{"annual-report-late /zwgk/ndbg/a.html"}, "after its deadline 2026-03-31"},
		{"the report only as a PDF in the list, dated by the list", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList("测试县2025年政府信息公开工作年度报告.pdf|2026-03-25|/zwgk/ndbg/P0202603.pdf")},
			[]string{"?annual-report-arithmetic /zwgk/ndbg/P0202603.pdf", "?annual-report-sections /zwgk/ndbg/P0202603.pdf"}, ""},
		{"a list entry whose page was not fetched, late by its list date", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList("测试县人民政府2025年政府信息公开工作年度报告|2026-04-02|/zwgk/ndbg/t1.html")},
			[]string{"?annual-report-arithmetic /zwgk/ndbg/t1.html", "?annual-report-sections /zwgk/ndbg/t1.html", "annual-report-late /zwgk/ndbg/t1.html"}, "published 2026-04-02 (list date)"},
		{"a title without a year: the text says 2025", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(), arReport("/zwgk/ndbg/a.html", "测试县人民政府政府信息公开工作年度报告", "2026-03-10", withText(sixSections))}, nil, ""},
		{"a report whose year nothing tells: cannot tell", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList("测试县人民政府政府信息公开工作年度报告||/zwgk/ndbg/t9.html")},
			[]string{"?annual-report-missing /zwgk/ndbg/t9.html"}, "whose year neither its title, its text nor a date tells"},
		{"a 图片版 copy of a late report: one finding", dept, "2026-06-30",
			[]*facts.Page{arPortal(), arList(),
				arReport("/zwgk/ndbg/a.html", "测试县教育局2025年政府信息公开工作年度报告", "2026-02-26", withText(sixSections)),
				arReport("/zwgk/ndbg/b.html", "测试县教育局2025年政府信息公开工作年度报告（图片版）", "2026-02-26")},
			[]string{"annual-report-late /zwgk/ndbg/a.html"}, ""},
		{"look-alikes are not reports", gov, "2026-06-30",
			[]*facts.Page{arPortal(), arList(),
				arReport("/zwgk/ndbg/a.html", "测试县2026年政务公开工作要点", "2026-03-10", withText(sixSections)),
				arReport("/zwgk/ndbg/b.html", "关于做好2025年度政府信息公开工作年度报告编制和发布工作的通知", "2026-01-05", withText(sixSections))},
			[]string{"annual-report-missing /zwgk/ndbg/"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := arJudge(t, tc.site, tc.asOf, tc.pages...)
			var got []string
			for _, g := range arGot(res) {
				if strings.Contains(g, "annual-report-missing") || strings.Contains(g, "annual-report-late") || len(tc.want) > 0 && slices.Contains(tc.want, g) {
					got = append(got, g)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q\nall: %q", got, tc.want, arGot(res))
			}
			if tc.evidence != "" {
				ev := evidenceOf(res, "annual-report-missing") + evidenceOf(res, "annual-report-late")
				if !strings.Contains(ev, tc.evidence) {
					t.Errorf("evidence %q\nwant it to contain %q", ev, tc.evidence)
				}
			}
			for _, f := range res.Findings {
				if f.Basis == "" || f.Severity == "" {
					t.Errorf("finding without basis or severity: %+v", f)
				}
			}
		})
	}
}

func TestAnnualReportSections(t *testing.T) {
	gov := facts.Site{Name: "测试县人民政府", Level: facts.LevelGovernment}
	rep := func(path, title, text string, opts ...func(*facts.Page)) *facts.Page {
		return arReport(path, title, "2026-03-10", append([]func(*facts.Page){withText(text)}, opts...)...)
	}
	no4 := strings.Replace(sixSections, "四、政府信息公开行政复议、行政诉讼情况\n无行政复议、行政诉讼案件。\n", "", 1)
	five := strings.Replace(sixSections, "政策解读形式较为单一，将增加图解、问答等形式。", "无", 1)
	for _, tc := range []struct {
		name     string
		page     *facts.Page
		want     string
		evidence string
	}{
		{"complete, 六 says 无", rep("/a.html", "测试县人民政府2025年政府信息公开工作年度报告", sixSections), "", ""},
		{"no 四", rep("/a.html", "测试县人民政府2025年政府信息公开工作年度报告", no4), "annual-report-sections /a.html",
			"2025 report of 测试县人民政府 (page): lacks 四、政府信息公开行政复议、行政诉讼情况 of the national template; headings found: “一、总体情况” “二、主动公开政府信息情况”"},
		{"五 says only 无", rep("/a.html", "测试县人民政府2025年政府信息公开工作年度报告", five), "annual-report-sections /a.html",
			"五、存在的主要问题及改进情况 says only “无”"},
		{"a department's report on the government site is judged too", rep("/b.html", "测试县教育局2025年政府信息公开工作年度报告", no4), "annual-report-sections /b.html", ""},
		{"a 2018 report (old format) is not judged", rep("/c.html", "测试县人民政府2018年政府信息公开工作年度报告", "一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况"), "", ""},
		{"the 图解 is not judged", rep("/d.html", "一图读懂测试县人民政府2025年政府信息公开工作年度报告", "图解"), "", ""},
		{"a page wrapping a PDF without text", rep("/e.html", "测试县人民政府2025年政府信息公开工作年度报告", "详见附件。", func(p *facts.Page) {
			p.Attachments = []facts.Attachment{{URL: arHost + "/e.pdf", Name: "2025年报", Ext: "pdf", Unreadable: "scanned PDF: no text layer"}}
		}), "?annual-report-sections /e.html", "attachment 2025年报 (http://x.gov.cn/e.pdf) is unreadable: scanned PDF: no text layer"},
		{"a page wrapping a PDF with text: judged on it", rep("/f.html", "测试县人民政府2025年政府信息公开工作年度报告", "详见附件。", func(p *facts.Page) {
			p.Attachments = []facts.Attachment{{URL: arHost + "/f.pdf", Name: "2025年报", Ext: "pdf", Text: no4}}
		}), "annual-report-sections /f.html", "(attachment 2025年报 (http://x.gov.cn/f.pdf)): lacks 四"},
		{"free text without headings: not the report itself", rep("/g.html", "测试县人民政府2025年政府信息公开工作年度报告", strings.Repeat("全年公开信息，", 200)), "?annual-report-sections /g.html", "does not look like the report itself"},
		{"no headings but table 三: the report, lacking every section", rep("/h.html", "桐川县人民政府2023年政府信息公开工作年度报告", strings.Repeat("全年公开信息，", 200), func(p *facts.Page) {
			p.Tables = nil
			fromTestdata(t, "county_2022")(p)
			p.Text = strings.Repeat("全年公开信息，", 200)
		}), "annual-report-sections /h.html", "no section heading found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := arJudge(t, gov, "2026-06-30", arPortal(), arList(), tc.page)
			var got []string
			for _, g := range arGot(res) {
				if strings.Contains(g, "annual-report-sections") {
					got = append(got, g)
				}
			}
			if strings.Join(got, ";") != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if ev := evidenceOf(res, "annual-report-sections"); !strings.Contains(ev, tc.evidence) {
				t.Errorf("evidence %q\nwant it to contain %q", ev, tc.evidence)
			}
		})
	}
}

func TestAnnualReportArithmetic(t *testing.T) {
	gov := facts.Site{Name: "桐川县人民政府", Level: facts.LevelGovernment}
	y23 := arReport("/zwgk/ndbg/2023.html", "桐川县人民政府2023年政府信息公开工作年度报告", "2024-03-20", fromTestdata(t, "county_2023"))
	y22 := arReport("/zwgk/ndbg/2022.html", "桐川县人民政府2022年政府信息公开工作年度报告", "2023-03-28", fromTestdata(t, "county_2022"))
	res := arJudge(t, gov, "2024-06-30", arPortal(), arList(), y23, y22)
	var keys []string
	for _, f := range res.Findings {
		if f.Rule == "annual-report-arithmetic" {
			if f.URL != y23.URL {
				t.Errorf("finding on %s", f.URL)
			}
			keys = append(keys, f.Key)
		}
	}
	slices.Sort(keys)
	want := []string{"cross-year:总计", "cross-year:自然人", "三:row:（四）无法提供·1.本机关不掌握相关政府信息", "三:三(七)=（一）…（六）:总计", "四:行政复议"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %q\nwant %q", keys, want)
	}
	ev := evidenceOf(res, "annual-report-arithmetic")
	for _, s := range []string{
		"2023 report of 桐川县人民政府 (2021 format, 国办公开办函〔2021〕30号): column 自然人: 2023 二 上年结转 2 ≠ 2022 四 结转下年度 3 (the 2022 report: http://x.gov.cn/zwgk/ndbg/2022.html)",
		"2023 report of 桐川县人民政府 (2021 format, 国办公开办函〔2021〕30号): table 四, 行政复议: 总计 3 ≠ 结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 2",
		"3 of ", "not checked (a blank cell is not 0): table 三, column 法人或其他组织·科研机构: not checked, 二 上年结转 is (blank)",
	} {
		if !strings.Contains(ev, s) {
			t.Errorf("evidence lacks %q:\n%s", s, ev)
		}
	}
	var rr RuleResult
	for _, r := range res.Rules {
		if r.ID == "annual-report-arithmetic" {
			rr = r
		}
	}
	if rr.Findings != 5 || rr.Judged != 88 || rr.Undetermined != 1 { // 46 identities of 2023 (4 with a blank), 42 of 2022
		t.Errorf("rule result %+v", rr)
	}

	// Cross-year off by parameter.
	cfg, err := only(defaultConfig(t), "annual-report-arithmetic").WithOverrides("sites.yaml", "sites[0].rules", arOverride(t, "annual-report-arithmetic", "cross_year: false"))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Judge(context.Background(), cfg, Input{Site: facts.Site{Name: gov.Name, Level: gov.Level, URL: arHost + "/"}, AsOf: facts.D(2024, 6, 30), Source: &memSource{pages: []*facts.Page{arList(), y23, y22}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r2.Findings) != 3 {
		t.Errorf("without cross-year: %d findings", len(r2.Findings))
	}

	// A report published only as a PDF: no tables to check.
	pdf := arReport("/zwgk/ndbg/p.html", "桐川县人民政府2023年政府信息公开工作年度报告", "2024-03-20", withText("详见附件"), func(p *facts.Page) {
		p.Attachments = []facts.Attachment{{URL: arHost + "/p.pdf", Name: "年报", Ext: "pdf", Text: sixSections}}
	})
	res = arJudge(t, gov, "2024-06-30", arPortal(), arList(), pdf)
	if g := strings.Join(arGot(res), ";"); g != "?annual-report-arithmetic /zwgk/ndbg/p.html;?annual-report-duplicate /zwgk/ndbg/p.html" {
		t.Errorf("PDF-only: %q", g)
	}
	if ev := evidenceOf(res, "annual-report-arithmetic"); !strings.Contains(ev, "tables of attachments are not extracted (text only)") {
		t.Errorf("PDF-only reason: %q", ev)
	}
}

func TestAnnualReportDuplicate(t *testing.T) {
	site := facts.Site{Name: "桐川县民政局", Level: facts.LevelDepartment}
	y23 := arReport("/23.html", "桐川县民政局2023年政府信息公开工作年度报告", "2024-01-19", fromTestdata(t, "civil_2023"))
	y22 := arReport("/22.html", "桐川县民政局2022年政府信息公开工作年度报告", "2023-01-17", fromTestdata(t, "civil_2022"))
	y21 := arReport("/21.html", "桐川县民政局2021年政府信息公开工作年度报告", "2022-01-14", fromTestdata(t, "civil_2021"))
	res := arJudge(t, site, "2024-06-30", arPortal(), arList(), y23, y22, y21)
	if g := strings.Join(arGot(res), ";"); g != "annual-report-duplicate /23.html" {
		t.Fatalf("got %q", g)
	}
	ev := evidenceOf(res, "annual-report-duplicate")
	for _, s := range []string{"of the 2023 report's own wording", "is also in the 2022 report http://x.gov.cn/22.html (threshold 70%); longest shared passage: “"} {
		if !strings.Contains(ev, s) {
			t.Errorf("evidence %q lacks %q", ev, s)
		}
	}
	// The newest report with no predecessor on the site cannot be compared.
	res = arJudge(t, site, "2024-06-30", arPortal(), arList(), y23)
	if g := strings.Join(arGot(res), ";"); g != "?annual-report-duplicate /23.html" {
		t.Errorf("alone: %q", g)
	}
}

func TestAnnualParamsValidate(t *testing.T) {
	for _, tc := range []struct{ rule, params, err string }{
		{"annual-report-missing", "deadlines: {政府: 02-30, 部门: 01-31, 乡镇: 01-31}", "not a month-day"},
		{"annual-report-missing", "deadlines: {县: 03-31}", "unknown level"},
		{"annual-report-late", "years: 0", "years: must be at least 1"},
		{"annual-report-sections", "none_is_gap: [7]", "section 7"},
		{"annual-report-duplicate", "threshold: 1.5", "threshold"},
		{"annual-report-arithmetic", "scope: mine", "scope"},
	} {
		cfg := defaultConfig(t)
		_, err := cfg.WithOverrides("sites.yaml", "sites[0].rules", arOverride(t, tc.rule, tc.params))
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s %s: err %v, want %q", tc.rule, tc.params, err, tc.err)
		}
	}
}
