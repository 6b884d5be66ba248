package rules

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// hygList builds a list page of a column; items are "title|date|path" ("" date: none shown).
func hygList(path, kind, name string, items ...string) *facts.Page {
	p := &facts.Page{URL: "http://x.gov.cn" + path, Kind: facts.KindList, Column: kind, ColumnName: name,
		ColumnURL: "http://x.gov.cn" + path, Title: name, Platform: "trs"}
	for _, s := range items {
		parts := strings.Split(s, "|")
		it := facts.ListItem{Title: parts[0], URL: "http://x.gov.cn" + parts[2]}
		if parts[1] != "" {
			it.Date, it.DateText = facts.MustParseDate(parts[1]), parts[1]
		}
		p.Items = append(p.Items, it)
	}
	return p
}

func hygPage(path, kind string, opts ...func(*facts.Page)) *facts.Page {
	p := &facts.Page{URL: "http://x.gov.cn" + path, Kind: facts.PageKind(kind), Fields: map[string]string{}}
	for _, o := range opts {
		o(p)
	}
	return p
}

func TestColumnStale(t *testing.T) {
	cfg := only(defaultConfig(t), "column-stale")
	asOf := facts.D(2026, 6, 30)
	pagination := hygList("/tzgg3/index_1.html", "通知公告", "公示公告", "旧公告|2025-01-05|/tzgg3/a.html")
	pagination.ColumnURL = "http://x.gov.cn/tzgg3/"
	pages := []*facts.Page{
		hygList("/gzdt/", "动态", "工作动态", "新闻|2026-06-20|/gzdt/a.html", "旧闻|2026-01-02|/gzdt/b.html"),
		hygList("/gzdt/index.html", "动态", "工作动态", "新闻|2026-06-20|/gzdt/a.html"), // the same column
		hygList("/bmdt/", "动态", "部门动态", "部门新闻|2026-06-15|/bmdt/a.html"),         // 15 days > 2 weeks
		hygList("/xzdt/", "动态", "乡镇动态", "乡镇新闻|2026-06-16|/xzdt/a.html"),         // exactly 2 weeks
		hygList("/tzgg/", "通知公告", "通知公告", "公告|2025-12-30|/tzgg/a.html"),         // exactly 6 months
		hygList("/tzgg2/", "通知公告", "通知通告", "公告|2025-12-29|/tzgg2/a.html"),       // 6 months and a day
		hygList("/tzgg3/", "通知公告", "公示公告", "较新公告|2026-02-01|/tzgg3/b.html"),     // pagination: newest on page 1
		pagination,
		hygList("/rsxx/", "人事", "人事信息", "任免|2025-06-29|/rsxx/a.html", "未来|2026-09-01|/rsxx/f.html"), // a future date is a typo
		hygList("/ghjh/", "规划", "规划计划", "规划|2025-07-01|/ghjh/a.html"),
		hygList("/zcwj/", "政策文件", "政策文件", "文件|2025-01-01|/zcwj/a.html"),
		hygList("/gfxwj/", "规范性文件", "行政规范性文件", "旧文件|2020-01-01|/gfxwj/a.html"), // kind without a limit
		hygList("/xzfwj/", "政策文件", "县政府文件", "无日期||/xzfwj/a.html"),
		hygList("/xzfbwj/", "政策文件", "县政府办公室文件", "无日期||/xzfbwj/a.html"),
		hygList("/bmwj/", "政策文件", "部门文件", "无日期||/bmwj/a.html"),
		hygList("/kong/", "通知公告", "公告通知"),
		hygPage("/xzfwj/a.html", "detail", dates("", "2026-03-01")),
		hygPage("/bmwj/a.html", "detail"),
		// A list the extractor read no entries from; its documents live under it.
		hygList("/zfbwj/", "政策文件", "政府办文件"),
		hygPage("/zfbwj/202510/t20251001_1.html", "detail", dates("", "2025-10-01"), title("关于做好秋冬季森林防火工作的通知")),
	}
	res := hygJudge(t, cfg, facts.Site{}, asOf, nil, pages...)
	want := []string{
		"column-stale /bmdt/",
		"column-stale /bmwj/",
		"column-stale /rsxx/",
		"column-stale /tzgg2/",
		"column-stale /zcwj/",
		"column-stale /zfbwj/",
		"?column-stale /xzfbwj/",
	}
	if g := strings.Join(got(res), "\n"); g != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", g, strings.Join(want, "\n"))
	}
	ev := map[string]string{}
	for _, f := range res.Findings {
		ev[strings.TrimPrefix(f.URL, "http://x.gov.cn")] = f.Evidence
	}
	for path, want := range map[string]string{
		"/tzgg2/": "column 「通知通告」 http://x.gov.cn/tzgg2/: newest entry 2025-12-29 《公告》, 183 days before 2026-06-30 > 6 months (limit for 通知公告 columns; due by 2026-06-29)",
		"/bmdt/":  "newest entry 2026-06-15 《部门新闻》, 15 days before 2026-06-30 > 2 weeks",
		"/bmwj/":  "none of its 1 entries shows a date",
		"/rsxx/":  "newest entry 2025-06-29 《任免》",
		"/zfbwj/": "newest entry 2025-10-01 《关于做好秋冬季森林防火工作的通知》 (date from the entry's page; the list shows none)",
	} {
		if !strings.Contains(ev[path], want) {
			t.Errorf("%s: evidence %q lacks %q", path, ev[path], want)
		}
	}
	// Judged: every column of a kind with a limit that has entries, but /xzfbwj/ (unknown).
	if n := res.Rules[0].Judged; n != 12 {
		t.Errorf("judged = %d, want 12", n)
	}
}

func TestStalePeriod(t *testing.T) {
	for _, tc := range []struct {
		from, period, want string
	}{
		{"2025-08-31", "6m", "2026-02-28"},
		{"2024-02-29", "1y", "2025-02-28"},
		{"2025-12-30", "6m", "2026-06-30"},
		{"2026-06-16", "2w", "2026-06-30"},
		{"2026-06-16", "14d", "2026-06-30"},
		{"2025-11-30", "3m", "2026-02-28"},
	} {
		p, err := parseStalePeriod(tc.period)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.after(facts.MustParseDate(tc.from)).String(); got != tc.want {
			t.Errorf("%s + %s = %s, want %s", tc.from, tc.period, got, tc.want)
		}
	}
	for _, bad := range []string{"", "6", "0m", "6 months", "-1y"} {
		if _, err := parseStalePeriod(bad); err == nil {
			t.Errorf("parseStalePeriod(%q) accepted", bad)
		}
	}
}

func TestColumnEmpty(t *testing.T) {
	cfg := only(defaultConfig(t), "column-empty")
	text := func(s string) func(*facts.Page) { return func(p *facts.Page) { p.Text = s } }
	article := strings.Repeat("公民、法人或者其他组织可以向本机关申请获取政府信息。", 12)
	landing := hygList("/zcwj/", "政策文件", "政策文件")
	landing.Links = []facts.Link{{URL: "http://x.gov.cn/zcwj/xzfwj/", Text: "县政府文件", Area: "content"}}
	sideMenu := hygList("/qtwj/", "政策文件", "其他文件")
	sideMenu.Text = "暂无信息"
	sideMenu.Links = []facts.Link{{URL: "http://x.gov.cn/tzgg/", Text: "通知公告", Area: "content"}} // a sibling, not a child
	// Entries the list extractor missed (no dates): the column links a fetched document.
	unrecognised := hygList("/ghjh/", "规划", "规划计划")
	unrecognised.Links = []facts.Link{{URL: "http://x.gov.cn/ghjh/a.html", Text: "某规划", Area: "nav"}}
	// Entries not fetched (a crawl budget): cannot tell.
	unfetched := hygList("/ggfw/", "通知公告", "公共服务")
	unfetched.Links = []facts.Link{{URL: "http://x.gov.cn/ggfw/x.html", Text: "某服务", Area: "content"},
		{URL: "http://x.gov.cn/ggfw/fj.pdf", Text: "附件", Area: "content"}}
	// A list whose only content link is a file: a file is no entry.
	fileOnly := hygList("/xxgg/", "通知公告", "信息公告")
	fileOnly.Links = []facts.Link{{URL: "http://x.gov.cn/xxgg/sm.pdf", Text: "栏目说明.pdf", Area: "content"}}
	hanweb := hygList("/col/col123/", "人事", "人事信息")
	hanweb.Platform = "hanweb"
	hanwebMarked := hygList("/col/col124/", "财政", "财政预决算")
	hanwebMarked.Platform, hanwebMarked.Text = "hanweb", "暂无数据"
	single := hygList("/ysqgk/", "依申请公开", "依申请公开")
	single.Text = article
	unknownUnderPortal := hygList("/zwgk/qtxx/", "", "其他信息")
	unknownOutside := hygList("/zt/hd/", "", "专题活动")
	pages := []*facts.Page{
		hygPage("/zwgk/", "portal"),
		hygList("/tzgg/", "通知公告", "通知公告", "公告|2026-06-01|/tzgg/a.html"),
		hygList("/zcwj/xzfwj/", "政策文件", "县政府文件", "文件|2026-06-01|/zcwj/xzfwj/a.html"),
		landing, sideMenu, unrecognised, unfetched, fileOnly, hanweb, hanwebMarked, single, unknownUnderPortal, unknownOutside,
		hygPage("/ghjh/a.html", "detail"),
		func() *facts.Page {
			p := hygList("/rsxx/", "人事", "人事任免")
			text("暂无相关信息")(p)
			return p
		}(),
		hygList("/czyjs/", "财政", "部门预决算"),
	}
	res := hygJudge(t, cfg, facts.Site{}, facts.D(2026, 6, 30), nil, pages...)
	want := []string{
		"column-empty /col/col124/",
		"column-empty /czyjs/",
		"column-empty /qtwj/",
		"column-empty /rsxx/",
		"column-empty /xxgg/",
		"column-empty /zwgk/qtxx/",
		"?column-empty /col/col123/",
		"?column-empty /ggfw/",
	}
	if g := strings.Join(got(res), "\n"); g != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", g, strings.Join(want, "\n"))
	}
	for _, f := range res.Findings {
		if strings.HasSuffix(f.URL, "/rsxx/") && !strings.Contains(f.Evidence, "column 「人事任免」 http://x.gov.cn/rsxx/ lists no entries (1 list page(s), 0 entries); the page says “暂无相关信息”") {
			t.Errorf("evidence %q", f.Evidence)
		}
	}
	// Judged: tzgg, xzfwj, ghjh, single, and the six empty ones.
	if n := res.Rules[0].Judged; n != 10 {
		t.Errorf("judged = %d, want 10", n)
	}
}
