package rules

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func TestConsultationFeedback(t *testing.T) {
	cfg := only(defaultConfig(t), "consultation-feedback")
	notice := func(path, title, pub, text string, opts ...func(*facts.Page)) *facts.Page {
		return ipDoc(path, "意见征集", title, "", "测试县城市管理和综合执法局", pub, append([]func(*facts.Page){ipText(text)}, opts...)...)
	}
	const ggss = "关于公开征求《测试县城区户外广告设施设置管理办法（征求意见稿）》意见的公告"
	closedMarch := "为了规范城区户外广告设施设置，起草了征求意见稿。\n一、征求意见时间：2026年3月2日至2026年3月31日。\n二、意见反馈方式：电子邮件。"
	fb := func(path, title, pub string, opts ...func(*facts.Page)) *facts.Page {
		return ipDoc(path, "意见征集", title, "", "测试县城市管理和综合执法局", pub, append([]func(*facts.Page){ipText("共收到意见12条，采纳5条。")}, opts...)...)
	}
	for _, tc := range []struct {
		name  string
		pages []*facts.Page
		want  string
	}{
		{"closed 3 months ago, no feedback", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch)}, "consultation-feedback /yjzj/a.html"},
		{"feedback names the same draft", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "《测试县城区户外广告设施设置管理办法》意见采纳情况的说明", "2026-04-20")}, ""},
		{"feedback for another draft does not count", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "《测试县城区停车场管理办法（征求意见稿）》意见采纳情况的说明", "2026-04-20")}, "consultation-feedback /yjzj/a.html"},
		{"feedback page links to the notice", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "关于公开征求意见情况的反馈", "2026-04-20", ipLink("/yjzj/a.html", "原公告", "content"))}, ""},
		{"the notice links to its feedback", []*facts.Page{
			notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch, ipLink("/yjzj/b.html", "意见采纳情况", "content")),
			fb("/yjzj/b.html", "意见征集结果反馈", "2026-04-20")}, ""},
		{"adoption figures added to the notice", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			closedMarch+"\n征求意见期间，共收到意见建议18条，采纳7条，未采纳的意见已向提出人说明理由。")}, ""},
		{"a promise to publish is not a publication", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			closedMarch+"\n我们将认真研究各方意见，并及时公布意见采纳情况。")}, "consultation-feedback /yjzj/a.html"},
		{"closed a month ago to the day: not yet late", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-05-04",
			"一、征求意见时间：2026年5月4日至5月30日。")}, ""},
		{"closed a month and a day ago: late", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-05-04",
			"一、征求意见时间：2026年5月4日至5月29日。")}, "consultation-feedback /yjzj/a.html"},
		{"still open", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-06-15", "征求意见时间：2026年6月15日至2026年7月15日。")}, ""},
		{"period over the new year (2025年12月20日至1月19日)", []*facts.Page{notice("/yjzj/a.html", ggss, "2025-12-20",
			"征求意见时间为2025年12月20日至1月19日。")}, "consultation-feedback /yjzj/a.html"},
		{"deadline as 请于…前", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			"现向社会公开征求意见。请于2026年3月15日前将意见建议发送至电子邮箱。")}, "consultation-feedback /yjzj/a.html"},
		{"deadline as 反馈截止时间", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			"意见反馈截止时间：2026年3月31日。")}, "consultation-feedback /yjzj/a.html"},
		{"30 days from publication", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			"征求意见期限为30天，自本公告发布之日起计算。")}, "consultation-feedback /yjzj/a.html"},
		{"no deadline stated", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", "现向社会公开征求意见。")}, "?consultation-feedback /yjzj/a.html"},
		{"a call for suggestions in 通知公告 is not a draft", []*facts.Page{
			ipDoc("/tzgg/c.html", "通知公告", "测试县人民政府关于征集2026年县级民生实事项目意见建议的公告", "", ipGov, "2025-11-26",
				ipText("一、征集时间：2025年11月26日至12月15日。"))}, ""},
		{"a draft consultation listed in 通知公告", []*facts.Page{
			ipDoc("/tzgg/d.html", "通知公告", ggss, "", ipGov, "2026-03-02", ipText(closedMarch))}, "consultation-feedback /tzgg/d.html"},
		{"feedback names the draft without the place", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "关于《城区户外广告设施设置管理办法》征求意见采纳情况的说明", "2026-04-20")}, ""},
		{"a period stated without a cue word in its sentence", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02",
			"现将征求意见稿全文公布。\n时间：2026年3月2日至3月31日")}, "consultation-feedback /yjzj/a.html"},
		{"a province's draft reposted on the county site", []*facts.Page{notice("/yjzj/a.html",
			"关于公开征求《某某省全民健身条例（草案）》意见的公告", "2026-03-02", closedMarch)}, ""},
		{"a draft named without a place is the site's", []*facts.Page{notice("/yjzj/a.html",
			"关于公开征求《城市社区物业服务导则（征求意见稿）》意见的公告", "2026-03-02", closedMarch)}, "consultation-feedback /yjzj/a.html"},
		{"feedback naming no draft, same issuer, after the deadline", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "征求意见采纳情况的说明", "2026-04-20")}, ""},
		{"feedback naming no draft, another issuer", []*facts.Page{notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch),
			fb("/yjzj/b.html", "征求意见采纳情况的说明", "2026-04-20", func(p *facts.Page) { p.Issuer = "测试县交通运输局" })},
			"consultation-feedback /yjzj/a.html"},
		{"a news report of the consultation is not a notice", []*facts.Page{
			ipDoc("/gzdt/e.html", "动态", "县城管局召开户外广告管理座谈会听取各方意见", "", "", "2026-03-10", ipText("会议时间：2026年3月9日至3月10日。"))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, ipSite, "2026-06-30", tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
		})
	}
	res := ipJudge(t, cfg, ipSite, "2026-06-30",
		&facts.Page{URL: ipHost + "/yjzj/", Kind: facts.KindList, Column: "意见征集"},
		notice("/yjzj/a.html", ggss, "2026-03-02", closedMarch))
	want := "征求意见 closed 2026-03-31 (2026年3月2日至2026年3月31日); 91 days later, on 2026-06-30 (limit 1 month), no 意见采纳情况 is published: searched 意见征集 column /yjzj/ and 0 pages titled 采纳/反馈/情况说明 on the site; none names 《测试县城区户外广告设施设置管理办法》, links to the notice or is linked from it, and the notice reports no adoption figures"
	if len(res.Findings) != 1 || res.Findings[0].Evidence != want {
		t.Errorf("evidence\n got %v\nwant %s", res.Findings, want)
	}
}

func TestDraftSubject(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"关于公开征求《青岚县城区停车场建设和管理办法（征求意见稿）》意见的公告", "青岚县城区停车场建设和管理办法"},
		{"关于公开征求青岚县国土空间总体规划（草案）意见的通知", "青岚县国土空间总体规划"},
		{"关于征求意见的通知", ""},
	} {
		if g := draftSubject(tc.in); g != tc.want {
			t.Errorf("draftSubject(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestDecisionCatalogMissing(t *testing.T) {
	cfg := only(defaultConfig(t), "decision-catalog-missing")
	col := &facts.Page{URL: ipHost + "/zdxzjc/", Kind: facts.KindList, Column: "重大行政决策",
		Items: []facts.ListItem{{Title: "青岚县城乡供水一体化建设方案听证会公告", URL: ipHost + "/zdxzjc/x.html"}}}
	portal := &facts.Page{URL: ipHost + "/zwgk/", Kind: facts.KindPortal}
	cat := func(path, title, pub string) *facts.Page {
		return ipDoc(path, "重大行政决策", title, "", "测试县人民政府办公室", pub)
	}
	for _, tc := range []struct {
		name  string
		site  facts.Site
		asOf  string
		pages []*facts.Page
		want  string
	}{
		{"this year's catalogue", ipSite, "2026-06-30", []*facts.Page{col, cat("/zdxzjc/a.html", "测试县人民政府2026年度重大行政决策事项目录", "2026-03-20")}, ""},
		{"only last year's after 31 March", ipSite, "2026-06-30", []*facts.Page{col, cat("/zdxzjc/a.html", "测试县人民政府2025年度重大行政决策事项目录", "2025-03-21")}, "decision-catalog-missing /zdxzjc/"},
		{"last year's is enough before 31 March", ipSite, "2026-03-31", []*facts.Page{col, cat("/zdxzjc/a.html", "测试县人民政府2025年度重大行政决策事项目录", "2025-03-21")}, ""},
		{"before 31 March without last year's", ipSite, "2026-02-15", []*facts.Page{col, cat("/zdxzjc/a.html", "测试县人民政府2024年度重大行政决策事项目录", "2024-03-21")}, "decision-catalog-missing /zdxzjc/"},
		{"the year from the publication date when the title has none", ipSite, "2026-06-30", []*facts.Page{col, cat("/zdxzjc/a.html", "测试县重大行政决策事项目录", "2026-02-10")}, ""},
		{"as an attachment of a notice elsewhere", ipSite, "2026-06-30", []*facts.Page{col,
			ipDoc("/tzgg/b.html", "通知公告", "测试县人民政府办公室关于公布年度重大事项的通知", "", "测试县人民政府办公室", "2026-03-10",
				func(p *facts.Page) {
					p.Attachments = []facts.Attachment{{Name: "测试县2026年重大行政决策事项目录.xlsx", Ext: "xlsx"}}
				})}, ""},
		{"only in the column list (beyond the crawl)", ipSite, "2026-06-30", []*facts.Page{
			&facts.Page{URL: ipHost + "/zdxzjc/", Kind: facts.KindList, Column: "重大行政决策",
				Items: []facts.ListItem{{Title: "2026年度重大行政决策事项目录", URL: ipHost + "/zdxzjc/z.html", Date: facts.D(2026, 3, 20)}}}}, ""},
		{"no column: reported at the portal", ipSite, "2026-06-30", []*facts.Page{portal}, "decision-catalog-missing /zwgk/"},
		{"a department's site is not judged", facts.Site{Name: "测试县民政局", Level: facts.LevelDepartment}, "2026-06-30", []*facts.Page{col}, ""},
		{"a town is not judged", facts.Site{Name: "白石镇人民政府"}, "2026-06-30", []*facts.Page{col}, ""},
		{"no level: a county government by its name", facts.Site{Name: "测试县人民政府"}, "2026-06-30", []*facts.Page{col}, "decision-catalog-missing /zdxzjc/"},
		{"no level, unknown name: no guess", facts.Site{Name: "x.gov.cn"}, "2026-06-30", []*facts.Page{col}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, tc.site, tc.asOf, tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
		})
	}
	res := ipJudge(t, cfg, ipSite, "2026-06-30", col, cat("/zdxzjc/a.html", "测试县人民政府2025年度重大行政决策事项目录", "2025-03-21"))
	e := res.Findings[0].Evidence
	for _, want := range []string{"no 2026年度重大行政决策事项目录 (due 2026-03-31, judged on 2026-06-30)", "the 重大行政决策 column (/zdxzjc/, 1 entries)",
		"latest found: 测试县人民政府2025年度重大行政决策事项目录 (/zdxzjc/a.html, 发布 2025-03-21)"} {
		if !strings.Contains(e, want) {
			t.Errorf("evidence %q lacks %q", e, want)
		}
	}
	if res.Rules[0].Judged != 1 {
		t.Errorf("judged %d", res.Rules[0].Judged)
	}
}
