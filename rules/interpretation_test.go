package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// Helpers of the interpretation tests (prefixed ip: the package's tests are shared).

const ipHost = "http://x.gov.cn"

func ipJudge(t *testing.T, cfg *Config, site facts.Site, asOf string, pages ...*facts.Page) *Result {
	t.Helper()
	if site.URL == "" {
		site.URL = ipHost + "/"
	}
	res, err := Judge(context.Background(), cfg, Input{Site: site, AsOf: facts.MustParseDate(asOf), Source: &memSource{pages: pages}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var ipSite = facts.Site{Name: "测试县人民政府", Level: facts.LevelGovernment}

// ipDoc is a policy document: column kind, title, 文号, 发布机构, 发布日期.
func ipDoc(path, col, title, num, issuer, pub string, opts ...func(*facts.Page)) *facts.Page {
	p := &facts.Page{URL: ipHost + path, Kind: facts.KindDetail, Column: col, Title: title, DocNumber: num, Issuer: issuer,
		Fields: map[string]string{}}
	if pub != "" {
		p.Published, p.PublishedSource = facts.MustParseDate(pub), "info"
	}
	for _, o := range opts {
		o(p)
	}
	return p
}

// ipInterp is a page of the 政策解读 column.
func ipInterp(path, title, pub, text string, opts ...func(*facts.Page)) *facts.Page {
	p := ipDoc(path, "政策解读", title, "", "测试县住房和城乡建设局", pub, opts...)
	if p.Text == "" {
		p.Text = text
	}
	return p
}

func ipLink(path, text, area string) func(*facts.Page) {
	return func(p *facts.Page) { p.Links = append(p.Links, facts.Link{URL: ipHost + path, Text: text, Area: area}) }
}
func ipText(s string) func(*facts.Page) { return func(p *facts.Page) { p.Text = s } }
func ipCol(c string) func(*facts.Page)  { return func(p *facts.Page) { p.Column = c } }

func ipGot(res *Result) string { return strings.Join(got(res), ";") }

// The document most cases are about, and its genuine interpretation.
const (
	ipTitle = "测试县人民政府关于印发《测试县城区停车场管理办法》的通知"
	ipNum   = "测政规〔2025〕3号"
	ipGov   = "测试县人民政府"
)

func TestInterpretationMissing(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-missing")
	d := func(opts ...func(*facts.Page)) *facts.Page {
		return ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10", opts...)
	}
	for _, tc := range []struct {
		name  string
		pages []*facts.Page
		want  string
	}{
		{"no interpretation anywhere", []*facts.Page{d()}, "interpretation-missing /gfxwj/d.html"},
		{"an unrelated interpretation does not count", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "《测试县农村宅基地管理办法》政策解读", "2025-03-11", "…")}, "interpretation-missing /gfxwj/d.html"},
		{"《title》 in the interpretation's title", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "《测试县城区停车场管理办法》政策解读", "2025-03-11", "…")}, ""},
		{"关于《title》的解读, quotes and width folded", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "关于〈测试县城区停车场管理办法〉的政策解读", "2025-03-11", "…")}, ""},
		{"(试行) dropped by the interpretation", []*facts.Page{
			ipDoc("/gfxwj/d.html", "规范性文件", "测试县人民政府关于印发《测试县城区停车场管理办法（试行）》的通知", ipNum, ipGov, "2025-03-10"),
			ipInterp("/zcjd/a.html", "一图读懂《测试县城区停车场管理办法》", "2025-03-11", "…")}, ""},
		{"文号 in the interpretation's title", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "测政规[2025]3号文件政策解读", "2025-03-11", "…")}, ""},
		{"相关解读 link on the document", []*facts.Page{d(ipLink("/zcjd/a.html", "图说新政", "content")),
			ipInterp("/zcjd/a.html", "图说新政：停车更方便了", "2025-03-11", "…")}, ""},
		{"政策解读 row of the info table, no link", []*facts.Page{d(func(p *facts.Page) { p.Fields["政策解读"] = "图说新政：停车更方便了" }),
			ipInterp("/zcjd/a.html", "图说新政：停车更方便了", "2025-03-11", "…")}, ""},
		{"原文链接 on the interpretation (outside the article body)", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "图说新政：停车更方便了", "2025-03-11", "…", ipLink("/gfxwj/d.html", ipTitle, "nav"))}, ""},
		{"title quoted in the first paragraph only", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "停车新规来了", "2025-03-12", "近日，县人民政府印发了《测试县城区停车场管理办法》（以下简称《办法》）。\n一、背景")}, ""},
		{"close date and a shared title run (weak)", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "城区停车场管理新规解读来了", "2025-03-13", "一、背景\n为缓解停车难……")}, ""},
		{"a close date alone is no link", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "新规解读来了", "2025-03-13", "一、背景\n为缓解……")}, "interpretation-missing /gfxwj/d.html"},
		{"office document in 政策文件 (实施意见)", []*facts.Page{
			ipDoc("/zfwj/e.html", "政策文件", "测试县人民政府办公室关于加快推进县域经济高质量发展的实施意见", "测政办发〔2024〕5号", "测试县人民政府办公室", "2024-08-22")},
			"interpretation-missing /zfwj/e.html"},
		{"《关于…实施意见》政策解读 names it", []*facts.Page{
			ipDoc("/zfwj/e.html", "政策文件", "测试县人民政府办公室关于加快推进县域经济高质量发展的实施意见", "测政办发〔2024〕5号", "测试县人民政府办公室", "2024-08-22"),
			ipInterp("/zcjd/a.html", "《关于加快推进县域经济高质量发展的实施意见》政策解读", "2024-08-23", "…")}, ""},
		{"department document: not required", []*facts.Page{
			ipDoc("/bm/f.html", "规范性文件", "测试县人力资源和社会保障局关于印发《测试县就业补贴办法》的通知", "测人社规〔2025〕1号", "测试县人力资源和社会保障局", "2025-03-10")}, ""},
		{"民政 is not 政: 测民政发 is a department's", []*facts.Page{
			ipDoc("/bm/g.html", "政策文件", "关于印发《测试县临时救助实施细则》的通知", "测民政发〔2025〕2号", "", "2025-03-10")}, ""},
		{"upper government's document reposted: not the site's", []*facts.Page{
			ipDoc("/zfwj/h.html", "政策文件", "岚川市人民政府关于印发《岚川市促进消费若干措施》的通知", "岚政发〔2025〕1号", "岚川市人民政府", "2025-03-10")}, ""},
		{"人事任免 exempt", []*facts.Page{
			ipDoc("/zfwj/i.html", "政策文件", "测试县人民政府关于王某某等同志职务任免的通知", "测政发〔2025〕3号", ipGov, "2025-03-10")}, ""},
		{"表彰 exempt", []*facts.Page{
			ipDoc("/zfwj/j.html", "政策文件", "测试县人民政府关于表彰2024年度安全生产先进单位的决定", "测政发〔2025〕4号", ipGov, "2025-03-10")}, ""},
		{"转发 exempt", []*facts.Page{
			ipDoc("/zfwj/k.html", "政策文件", "测试县人民政府办公室关于转发《岚川市促进消费若干措施》的通知", "测政办发〔2025〕6号", "测试县人民政府办公室", "2025-03-10")}, ""},
		{"routine work notice exempt", []*facts.Page{
			ipDoc("/zfwj/l.html", "政策文件", "测试县人民政府办公室关于做好2026年春节期间安全生产工作的通知", "测政办发〔2026〕1号", "测试县人民政府办公室", "2026-02-09")}, ""},
		{"函 series is not a policy series", []*facts.Page{
			ipDoc("/zfwj/m.html", "政策文件", "测试县人民政府办公室关于同意设立测试县物流园区的函", "测政办函〔2025〕7号", "测试县人民政府办公室", "2025-03-10")}, ""},
		{"published 1 working day before the as-of date: not yet due", []*facts.Page{
			ipDoc("/gfxwj/n.html", "规范性文件", "测试县人民政府关于印发《测试县养犬管理规定》的通知", "测政规〔2026〕4号", ipGov, "2026-06-29")}, ""},
		{"published 4 working days before: due", []*facts.Page{
			ipDoc("/gfxwj/n.html", "规范性文件", "测试县人民政府关于印发《测试县养犬管理规定》的通知", "测政规〔2026〕4号", ipGov, "2026-06-24")},
			"interpretation-missing /gfxwj/n.html"},
		{"no 发布机构: the 文号 series of the government's other documents decides", []*facts.Page{
			ipDoc("/gfxwj/o.html", "规范性文件", "关于印发《测试县殡葬管理办法》的通知", "测政规〔2025〕5号", "", "2025-04-10"),
			ipDoc("/gfxwj/p.html", "规范性文件", "测试县人民政府关于印发《测试县河道采砂管理办法》的通知", "测政规〔2025〕6号", ipGov, "2025-05-10",
				ipLink("/zcjd/q.html", "《测试县河道采砂管理办法》解读", "content")),
			ipInterp("/zcjd/q.html", "《测试县河道采砂管理办法》解读", "2025-05-11", "…")}, "interpretation-missing /gfxwj/o.html"},
		{"an interpretation whose info box repeats the document's 文号 is still an interpretation", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "《测试县城区停车场管理办法》政策解读", "2025-03-11", "…", func(p *facts.Page) { p.DocNumber = ipNum })}, ""},
		{"a document titled with 解读 is still a document", []*facts.Page{
			ipDoc("/zcjd/r.html", "政策解读", "测试县人民政府办公室关于印发《测试县政策解读工作规范》的通知", "测政办规〔2025〕2号", "测试县人民政府办公室", "2025-03-10")},
			"interpretation-missing /zcjd/r.html"},
		{"marked 失效: no longer in force", []*facts.Page{d(func(p *facts.Page) { p.Validity = "失效" })}, ""},
		{"the place left out of the quoted name", []*facts.Page{d(),
			ipInterp("/zcjd/a.html", "《城区停车场管理办法》解读", "2025-03-11", "…")}, ""},
		{"a shortened name that fits two documents links neither", []*facts.Page{d(),
			ipDoc("/gfxwj/e.html", "规范性文件", "测试县人民政府关于印发《测试县城北新区停车场管理办法》的通知", "测政规〔2025〕4号", ipGov, "2025-03-10"),
			ipInterp("/zcjd/a.html", "《停车场管理办法》解读", "2025-03-11", "…")},
			"interpretation-missing /gfxwj/d.html;interpretation-missing /gfxwj/e.html"},
		{"relation field of the column listing (gkmlpt)", []*facts.Page{d(),
			&facts.Page{URL: ipHost + "/gkmlpt/api/all/1", Kind: facts.KindList, Column: "规范性文件", Items: []facts.ListItem{
				{Title: ipTitle, URL: ipHost + "/gfxwj/d.html", Fields: map[string]string{"政策解读": ipHost + "/zcjd/a.html"}}}},
			ipInterp("/zcjd/a.html", "图说新政：停车更方便了", "2025-03-11", "…")}, ""},
		{"listed in 政策解读 but not fetched (crawl budget): the list entry's title links it", []*facts.Page{d(),
			&facts.Page{URL: ipHost + "/zcjd/", Kind: facts.KindList, Column: "政策解读", Items: []facts.ListItem{
				{Title: "《测试县城区停车场管理办法》政策解读", URL: ipHost + "/zcjd/never.html", Date: facts.D(2025, 3, 11)}}}}, ""},
		{"a 相关解读 entry whose page was not fetched", []*facts.Page{d(ipLink("/zcjd/never.html", "图说新政：停车更方便了", "content"),
			func(p *facts.Page) { p.Fields["政策解读"] = "图说新政：停车更方便了" })}, ""},
		{"an unfetched page the document links without a 相关解读 entry is nothing", []*facts.Page{d(ipLink("/zcjd/never.html", "图说新政：停车更方便了", "content"))},
			"interpretation-missing /gfxwj/d.html"},
		{"an interpretation of the old version does not cover the revision", []*facts.Page{
			ipDoc("/gfxwj/old.html", "规范性文件", ipTitle, "测政规〔2023〕1号", ipGov, "2023-03-10"),
			ipInterp("/zcjd/old.html", "《测试县城区停车场管理办法》政策解读", "2023-03-11", "…"),
			d()}, "interpretation-missing /gfxwj/d.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, ipSite, "2026-06-30", tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			for _, f := range res.Findings {
				if f.Basis == "" || f.Severity == "" {
					t.Errorf("finding without basis or severity: %+v", f)
				}
			}
		})
	}
}

// A "热点解读" box on every page links the same interpretations: such links say nothing
// about which document an interpretation is of.
func TestInterpretationSidebar(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-missing")
	side := func(p *facts.Page) {
		ipLink("/zcjd/hot.html", "图说新政：停车更方便了", "content")(p)
		ipLink("/zcjd/talk.html", "局长访谈：今年农业补贴怎么领", "nav")(p)
	}
	var pages []*facts.Page
	for i, name := range []string{"养犬管理规定", "燃气安全管理办法", "河道采砂管理办法", "殡葬管理办法"} {
		pages = append(pages, ipDoc(fmt.Sprintf("/gfxwj/d%d.html", i), "规范性文件", "测试县人民政府关于印发《测试县"+name+"》的通知",
			fmt.Sprintf("测政规〔2025〕%d号", i+1), ipGov, "2025-03-10", side))
	}
	pages = append(pages,
		ipInterp("/zcjd/hot.html", "图说新政：停车更方便了", "2025-03-11", "…", side),
		ipInterp("/zcjd/talk.html", "局长访谈：今年农业补贴怎么领", "2025-03-11", "…", side))
	res := ipJudge(t, cfg, ipSite, "2026-06-30", pages...)
	if n := len(res.Findings); n != 4 {
		t.Fatalf("got %d findings (%v), want the 4 documents", n, got(res))
	}
}

func TestInterpretationMissingEvidence(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-missing")
	res := ipJudge(t, cfg, ipSite, "2026-06-30",
		&facts.Page{URL: ipHost + "/zcjd/", Kind: facts.KindList, Column: "政策解读"},
		ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10"),
		ipInterp("/zcjd/a.html", "《测试县农村宅基地管理办法》政策解读", "2025-03-11", "…"))
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", got(res))
	}
	want := "《测试县城区停车场管理办法》 (测政规〔2025〕3号, 测试县人民政府, 发布 2025-03-10) has no interpretation: none of the 1 interpretation pages (政策解读 column /zcjd/, and pages titled as interpretations) links to it or quotes its title or 文号, and it shows no 相关解读"
	if e := res.Findings[0].Evidence; e != want {
		t.Errorf("evidence\n got %s\nwant %s", e, want)
	}
	if res.Rules[0].Judged != 1 {
		t.Errorf("judged %d, want 1", res.Rules[0].Judged)
	}
}

func TestInterpretationMissingWhoseGovernment(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-missing")
	doc := ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10")
	home := &facts.Page{URL: ipHost + "/", Kind: facts.KindHome, Meta: map[string]string{"SiteName": "测试县人民政府"}}
	for _, tc := range []struct {
		name string
		site facts.Site
		home bool
		want string
	}{
		{"named in sites.yaml", ipSite, false, "interpretation-missing /gfxwj/d.html"},
		{"scan by host: SiteName of the home page", facts.Site{Name: "x.gov.cn"}, true, "interpretation-missing /gfxwj/d.html"},
		{"scan by host, no SiteName: the issuers of its policy documents", facts.Site{Name: "x.gov.cn"}, false, "interpretation-missing /gfxwj/d.html"},
		{"a department's site is not judged", facts.Site{Name: "测试县民政局", Level: facts.LevelDepartment}, false, ""},
		{"a town's site: the county's documents are not its own", facts.Site{Name: "白石镇人民政府", Level: facts.LevelTownship}, false, ""},
		{"unit named with region prefix (达州市达川区 ~ 达川区)", facts.Site{Name: "岚川市测试县人民政府"}, false, "interpretation-missing /gfxwj/d.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := []*facts.Page{doc}
			if tc.home {
				pages = append(pages, home)
			}
			if g := ipGot(ipJudge(t, cfg, tc.site, "2026-06-30", pages...)); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
		})
	}
}

func TestInterpretationSince(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-missing")
	cfg, err := cfg.WithOverrides("sites.yaml", "sites[0].rules", map[string]Override{
		"interpretation-missing": {Params: overrideParams(t, "since: 2025-06-01")}})
	if err != nil {
		t.Fatal(err)
	}
	res := ipJudge(t, cfg, ipSite, "2026-06-30",
		ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10"),
		ipDoc("/gfxwj/e.html", "规范性文件", "测试县人民政府关于印发《测试县河道采砂管理办法》的通知", "测政规〔2025〕6号", ipGov, "2025-07-10"))
	if g := ipGot(res); g != "interpretation-missing /gfxwj/e.html" {
		t.Fatalf("got %q", g)
	}
}

func TestInterpretationTimely(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-timely")
	d := func(pub string) *facts.Page {
		return ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, pub)
	}
	in := func(path, pub string, opts ...func(*facts.Page)) *facts.Page {
		return ipInterp(path, "《测试县城区停车场管理办法》政策解读", pub, "…", opts...)
	}
	for _, tc := range []struct {
		name     string
		pages    []*facts.Page
		want     string
		evidence string
	}{
		{"5 working days", []*facts.Page{d("2025-03-10"), in("/zcjd/a.html", "2025-03-17")}, "interpretation-timely /zcjd/a.html",
			"解读 发布 2025-03-17, 文件 发布 2025-03-10: 5 working days > 3 (7 calendar days); 文件 《测试县城区停车场管理办法》 (/gfxwj/d.html), linked by 《title》 in the interpretation's title"},
		{"exactly 3", []*facts.Page{d("2025-03-10"), in("/zcjd/a.html", "2025-03-13")}, "", ""},
		{"same day", []*facts.Page{d("2025-03-10"), in("/zcjd/a.html", "2025-03-10")}, "", ""},
		{"国庆: 9 calendar days, 2 working days", []*facts.Page{d("2024-09-30"), in("/zcjd/a.html", "2024-10-09")}, "", ""},
		{"春节 with 调休: 2026-02-13 → 2026-02-25 is 3 working days", []*facts.Page{d("2026-02-13"), in("/zcjd/a.html", "2026-02-25")}, "", ""},
		{"春节: 2026-02-13 → 2026-02-26 is 4", []*facts.Page{d("2026-02-13"), in("/zcjd/a.html", "2026-02-26")}, "interpretation-timely /zcjd/a.html", ""},
		{"the first interpretation counts: a later 问答 is no finding", []*facts.Page{d("2025-03-10"),
			in("/zcjd/a.html", "2025-03-11"), ipInterp("/zcjd/b.html", "《测试县城区停车场管理办法》问答", "2025-04-20", "…")}, "", ""},
		{"explicit link, late", []*facts.Page{d("2025-03-10"),
			ipInterp("/zcjd/a.html", "停车新规十问十答", "2025-03-20", "…", ipLink("/gfxwj/d.html", "原文链接", "nav"))}, "interpretation-timely /zcjd/a.html", ""},
		{"weak link never makes a timing finding", []*facts.Page{d("2025-03-10"),
			ipInterp("/zcjd/a.html", "停车新规来了", "2025-03-20", "近日，县人民政府印发了《测试县城区停车场管理办法》。")}, "", ""},
		{"document without 发布日期", []*facts.Page{d(""), in("/zcjd/a.html", "2025-03-17")}, "?interpretation-timely /gfxwj/d.html", ""},
		{"a 原文链接 to another document than the title names is ignored", []*facts.Page{d("2025-03-10"),
			ipDoc("/gfxwj/old.html", "规范性文件", "测试县人民政府关于印发《测试县城区机动车停放暂行办法》的通知", "测政规〔2020〕1号", ipGov, "2020-05-10"),
			in("/zcjd/a.html", "2025-03-11", ipLink("/gfxwj/old.html", "测试县人民政府关于印发《测试县城区机动车停放暂行办法》的通知", "content"))}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, ipSite, "2026-06-30", tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			if tc.evidence != "" && res.Findings[0].Evidence != tc.evidence {
				t.Errorf("evidence\n got %s\nwant %s", res.Findings[0].Evidence, tc.evidence)
			}
		})
	}
}

func TestInterpretationForms(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-forms")
	d := func(opts ...func(*facts.Page)) *facts.Page {
		return ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10", opts...)
	}
	text := ipInterp("/zcjd/a.html", "《测试县城区停车场管理办法》政策解读", "2025-03-11", "一、背景……")
	pic := ipInterp("/zcjd/b.html", "一图读懂《测试县城区停车场管理办法》", "2025-03-11", "图解内容")
	qa := ipInterp("/zcjd/c.html", "《测试县城区停车场管理办法》问答", "2025-03-12", "问：…\n答：…")
	qaByText := ipInterp("/zcjd/c.html", "停车新规，您关心的都在这里", "2025-03-12", "问：什么时候施行？\n答：4月1日。\n问：怎么收费？\n答：首30分钟免费。",
		ipLink("/gfxwj/d.html", "原文", "nav"))
	video := ipInterp("/zcjd/e.html", "动漫解读《测试县城区停车场管理办法》", "2025-03-12", "")
	for _, tc := range []struct {
		name     string
		pages    []*facts.Page
		want     string
		evidence string
	}{
		{"two forms", []*facts.Page{d(), text, pic}, "interpretation-forms /gfxwj/d.html",
			"2 forms (文字, 图解) < 3: 文字: 《测试县城区停车场管理办法》政策解读 (2025-03-11); 图解: 一图读懂《测试县城区停车场管理办法》 (2025-03-11)"},
		{"three forms", []*facts.Page{d(), text, pic, qa}, "", ""},
		{"问答 recognised by its text", []*facts.Page{d(), text, pic, qaByText}, "", ""},
		{"动漫 is 视频", []*facts.Page{d(), text, video, qa}, "", ""},
		{"two pages of one form are one form", []*facts.Page{d(), text,
			ipInterp("/zcjd/f.html", "关于《测试县城区停车场管理办法》的解读", "2025-03-12", "……"), pic}, "interpretation-forms /gfxwj/d.html", ""},
		{"no interpretation: interpretation-missing's finding, not this rule's", []*facts.Page{d()}, "", ""},
		{"a department's document is not judged by default", []*facts.Page{
			ipDoc("/bm/f.html", "规范性文件", "测试县住房和城乡建设局关于印发《测试县城区停车场管理办法》的通知", "测住建规〔2025〕1号", "测试县住房和城乡建设局", "2025-03-10"), text}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, ipSite, "2026-06-30", tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			if tc.evidence != "" && res.Findings[0].Evidence != tc.evidence {
				t.Errorf("evidence\n got %s\nwant %s", res.Findings[0].Evidence, tc.evidence)
			}
		})
	}
}

func TestInterpretationFormsAllDocuments(t *testing.T) {
	cfg, err := only(defaultConfig(t), "interpretation-forms").WithOverrides("sites.yaml", "sites[0].rules", map[string]Override{
		"interpretation-forms": {Params: overrideParams(t, "all_documents: true")}})
	if err != nil {
		t.Fatal(err)
	}
	res := ipJudge(t, cfg, ipSite, "2026-06-30",
		ipDoc("/bm/f.html", "规范性文件", "测试县住房和城乡建设局关于印发《测试县城区停车场管理办法》的通知", "测住建规〔2025〕1号", "测试县住房和城乡建设局", "2025-03-10"),
		ipInterp("/zcjd/a.html", "《测试县城区停车场管理办法》政策解读", "2025-03-11", "…"))
	if g := ipGot(res); g != "interpretation-forms /bm/f.html" {
		t.Fatalf("got %q", g)
	}
}

// ipDocText is the text of the 办法 the copy cases compare with.
const ipDocText = `各乡镇人民政府、街道办事处，县直各单位：
《测试县城区停车场管理办法》已经县人民政府常务会议研究通过，现印发给你们，请认真贯彻执行。
测试县城区停车场管理办法
第一条 为了加强城区停车场建设和管理，缓解停车难问题，改善城区交通秩序，根据《中华人民共和国道路交通安全法》等法律法规，结合本县实际，制定本办法。
第二条 本办法所称停车场，包括公共停车场、专用停车场和道路停车泊位。
第三条 县住房和城乡建设局是城区停车场的主管部门，负责停车场建设和管理的监督工作；县公安局交通管理大队负责道路停车泊位的设置和管理。
第四条 新建住宅项目应当按照每户不少于1个车位的标准配建停车位，配建停车位应当与主体工程同步设计、同步施工、同步验收。
第五条 鼓励社会资本投资建设公共停车场。利用地下空间建设的公共停车场，可以依法单独办理不动产登记。
第六条 道路停车泊位实行差异化收费，城区核心区域首30分钟免费，超过30分钟按照县发展和改革局核定的标准收费。
第七条 鼓励机关、企事业单位专用停车场在节假日和夜间向社会开放。
第八条 本办法自2025年4月1日起施行。`

func TestInterpretationCopy(t *testing.T) {
	cfg := only(defaultConfig(t), "interpretation-copy")
	d := ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10", ipText(ipDocText))
	in := func(text string) *facts.Page {
		return ipInterp("/zcjd/a.html", "《测试县城区停车场管理办法》政策解读", "2025-03-11", text)
	}
	copied := `一、主要内容
新建住宅项目应当按照每户不少于1个车位的标准配建停车位，配建停车位应当与主体工程同步设计、同步施工、同步验收。
鼓励社会资本投资建设公共停车场。利用地下空间建设的公共停车场，可以依法单独办理不动产登记。
道路停车泊位实行差异化收费，城区核心区域首30分钟免费，超过30分钟按照县发展和改革局核定的标准收费。
鼓励机关、企事业单位专用停车场在节假日和夜间向社会开放。
二、施行时间
本办法自2025年4月1日起施行。`
	genuineQA := `问：为什么要出台《办法》？
答：近年来城区机动车保有量增长很快，停车位供给跟不上，乱停乱放影响通行，群众反映强烈。《办法》从规划配建、社会投资和收费管理三方面入手，努力缓解停车难。
问：新买的房子能有车位吗？
答：今后新建的住宅小区，开发单位要按照每户至少一个车位来配建，而且车位要和房子一起设计、一起建、一起验收，不会出现房子交了车位没建的情况。
问：在路边停车要花多少钱？
答：城区核心区域停车前半小时不收费，超过半小时才按县发改局核定的标准收费，具体标准在泊位旁公示。
问：机关单位的停车场会对外开放吗？
答：《办法》鼓励机关和企事业单位在节假日和夜间开放内部停车场，首批开放名单将在县政府网站公布。`
	quoting := `一、出台背景
随着城区机动车快速增长，停车难成为群众最关心的问题之一。县住房和城乡建设局在深入调研、广泛征求意见的基础上起草了《测试县城区停车场管理办法》。
二、重点条款
《办法》第四条规定：“新建住宅项目应当按照每户不少于1个车位的标准配建停车位”。第六条规定：“城区核心区域首30分钟免费”。
三、群众关心的问题
过去一些小区车位不足，业主只能在小区外道路上停车，既不安全也影响交通。新规实施后，新建小区车位配建有了硬性要求，老旧小区则通过挖潜改造、错时共享等办法逐步增加车位。收费方面，短时停车不花钱，长时间占用泊位的按标准收费，鼓励停车位周转使用。`
	for _, tc := range []struct {
		name  string
		pages []*facts.Page
		want  string
	}{
		{"articles copied under headings", []*facts.Page{d, in(copied)}, "interpretation-copy /zcjd/a.html"},
		{"genuine Q&A", []*facts.Page{d, in(genuineQA)}, ""},
		{"quotes the title and two articles", []*facts.Page{d, in(quoting)}, ""},
		{"a picture's caption is not judged", []*facts.Page{d, in("图解：新建住宅每户不少于1个车位。")}, ""},
		{"the 办法 only in the attachment", []*facts.Page{
			ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10", ipText("现将《测试县城区停车场管理办法》印发给你们。"),
				func(p *facts.Page) {
					p.Attachments = []facts.Attachment{{URL: ipHost + "/f.docx", Ext: "docx", Text: ipDocText}}
				}),
			in(copied)}, "interpretation-copy /zcjd/a.html"},
		{"document text unreadable", []*facts.Page{
			ipDoc("/gfxwj/d.html", "规范性文件", ipTitle, ipNum, ipGov, "2025-03-10", ipText("附件：测试县城区停车场管理办法.pdf"),
				func(p *facts.Page) {
					p.Attachments = []facts.Attachment{{URL: ipHost + "/f.pdf", Ext: "pdf", Unreadable: "scanned image"}}
				}),
			in(copied)}, "?interpretation-copy /zcjd/a.html"},
		{"an unlinked copy is not judged", []*facts.Page{d,
			ipInterp("/zcjd/b.html", "新规速览", "2025-03-11", copied)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ipJudge(t, cfg, ipSite, "2026-06-30", tc.pages...)
			if g := ipGot(res); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
		})
	}
	res := ipJudge(t, cfg, ipSite, "2026-06-30", d, in(copied))
	e := res.Findings[0].Evidence
	for _, want := range []string{"of the interpretation's 5-character sequences", "appear in the document 《测试县城区停车场管理办法》 (/gfxwj/d.html, linked by 《title》 in the interpretation's title)", "longest copied passage"} {
		if !strings.Contains(e, want) {
			t.Errorf("evidence %q lacks %q", e, want)
		}
	}
}

func TestContainment(t *testing.T) {
	for _, tc := range []struct {
		a, b       string
		share      float64
		hits, runs int
	}{
		{"abcdefg", "xxabcdefgxx", 1, 3, 7},
		{"abcdefg", "zzzzzzz", 0, 0, 0},
		{"abcdeXXXXX", "abcde", 1.0 / 6, 1, 5},
		{"abc", "abcdef", 0, 0, 0}, // shorter than n: nothing to compare
	} {
		m := containment(tc.a, tc.b, 5)
		if m.share != tc.share || m.hits != tc.hits || m.runEnd-m.runStart != tc.runs {
			t.Errorf("containment(%q, %q) = %+v, want share %v hits %d run %d", tc.a, tc.b, m, tc.share, tc.hits, tc.runs)
		}
	}
}

func TestTitleKeys(t *testing.T) {
	for _, tc := range []struct {
		doc, interp string
		match       bool
	}{
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "《青岚县城区停车场建设和管理办法》政策解读", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "一图读懂《青岚县城区停车场建设和管理办法》", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "关于《青岚县城区停车场建设和管理办法》的解读", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "《关于印发〈青岚县城区停车场建设和管理办法〉的通知》解读", true},
		{"2026年青岚县人民政府工作报告", "图解：2026年青岚县人民政府工作报告", true},
		{"青岚县人民政府关于加快推进县域经济高质量发展的实施意见", "《关于加快推进县域经济高质量发展的实施意见》政策解读", true},
		{"青岚县人民政府关于加快推进县域经济高质量发展的实施意见", "加快推进县域经济高质量发展的实施意见解读", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "【图解】青岚县城区停车场建设和管理办法", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "视频：青岚县城区停车场建设和管理办法解读", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "青岚县城区停车场建设和管理办法起草说明", true},
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法（试行）》的通知", "青岚县城区停车场建设和管理办法解读", false}, // loose keys are the index's business
		{"青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知", "《青岚县城区停车场建设和管理暂行办法》政策解读", false},
		{"关于公开征求《青岚县城区停车场建设和管理办法（征求意见稿）》意见的公告", "《青岚县城区停车场建设和管理办法》政策解读", false},
	} {
		dk := docTitleKeys(tc.doc)
		match := false
		for _, k := range interpTitleKeys(tc.interp) {
			for _, d := range dk {
				if k == d {
					match = true
				}
			}
		}
		if match != tc.match {
			t.Errorf("%s ~ %s: match %v, want %v (doc keys %q, interp keys %q)", tc.doc, tc.interp, match, tc.match, dk, interpTitleKeys(tc.interp))
		}
	}
}

func TestDocNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"青政规〔2025〕3号", "青政规〔2025〕3号"},
		{"青政规[2025]3号", "青政规〔2025〕3号"},
		{"青政规（2025）第03号", "青政规〔2025〕3号"},
		{"达川府办发【2023】12号", "达川府办发〔2023〕12号"},
		{"无", ""},
	} {
		if g := normNumber(tc.in); g != tc.want {
			t.Errorf("normNumber(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
	req := defaultInterpRequire()
	if err := req.validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		num  string
		gov  bool
		stem string
	}{
		{"达川府发〔2023〕3号", true, "达川府"}, {"达川府办发〔2023〕12号", true, "达川府"}, {"青政发〔2025〕1号", true, "青政"},
		{"青政办发〔2025〕1号", true, "青政"}, {"青政规〔2025〕3号", true, "青政"}, {"青政办规〔2025〕3号", true, "青政"},
		{"宣府〔2024〕5号", true, "宣府"}, {"冀政字〔2020〕3号", true, "冀政"}, {"青政令〔2024〕1号", true, "青政"},
		{"青政办函〔2026〕1号", false, ""}, {"青政任〔2025〕3号", false, ""}, {"青民政发〔2025〕2号", false, ""},
		{"青财政规〔2025〕1号", false, ""}, {"青行政审批发〔2025〕1号", false, ""}, {"青人社规〔2025〕1号", false, ""}, {"国发〔2019〕5号", false, ""},
	} {
		gov, stem := req.govNumber(tc.num)
		if gov != tc.gov || stem != tc.stem {
			t.Errorf("govNumber(%q) = %v %q, want %v %q", tc.num, gov, stem, tc.gov, tc.stem)
		}
	}
}

// overrideParams parses a params block as a sites.yaml override would carry it.
func overrideParams(t *testing.T, src string) paramsNode {
	t.Helper()
	var o struct {
		Params paramsNode `yaml:"params"`
	}
	if err := DecodeStrict("test", []byte("params:\n  "+strings.ReplaceAll(src, "\n", "\n  ")+"\n"), &o); err != nil {
		t.Fatal(err)
	}
	return o.Params
}
