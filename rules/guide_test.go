package rules

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// A complete 指南 in the words real ones use; guideSample drops lines of it.
var guideFull = []string{
	"一、主动公开",
	"（一）公开的主要内容。本机关主动公开机构职能、行政规范性文件、政策解读等政府信息。",
	"（二）信息分类和编排体系。主动公开的政府信息按照主题分类编排，每条信息包括索引号、发布机构、发布日期等要素。",
	"（三）获取方式。本机关主要通过门户网站政府信息公开专栏公开政府信息，也可到政务服务中心查阅。",
	"二、依申请公开",
	"（一）受理机构。",
	"机构名称：测试县人民政府办公室",
	"办公地址：测试县府前路88号",
	"办公时间：工作日上午8:30—12:00，下午14:30—17:30",
	"联系电话：0745-6221035",
	"传真号码：0745-6221036",
	"电子邮箱：zwgk@x.gov.cn",
	"（二）申请方式。申请人可以通过当面提交、邮寄、传真或者互联网等方式提出申请。",
}

func guideSample(drop ...string) string {
	var out []string
	for _, l := range guideFull {
		keep := true
		for _, d := range drop {
			if strings.HasPrefix(l, d) {
				keep = false
			}
		}
		if keep {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func guidePage(path, title, published, text string) *facts.Page {
	p := hygPage(path, "detail", dates("", published), func(p *facts.Page) { p.Title, p.Text, p.Column = title, text, "指南" })
	return p
}

func TestGuideMissing(t *testing.T) {
	cfg := only(defaultConfig(t), "guide-missing")
	asOf := facts.D(2026, 6, 30)
	portal := hygPage("/zwgk/", "portal", func(p *facts.Page) { p.Title = "政府信息公开" })
	home := hygPage("/", "home", func(p *facts.Page) { p.Title = "测试县人民政府" })
	col := hygList("/zwgk/zn/", "指南", "政府信息公开指南", "测试县人民政府政府信息公开指南|2026-02-01|/zwgk/zn/t1.html")
	emptyCol := hygList("/zwgk/zn/", "指南", "政府信息公开指南")
	emptyCol.Title = "政府信息公开指南"
	for _, tc := range []struct {
		name     string
		pages    []*facts.Page
		want     string
		evidence string
	}{
		{"complete and recent", []*facts.Page{home, portal, col, guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", guideSample())}, "", ""},
		{"no 指南 anywhere: at the portal", []*facts.Page{home, portal}, "guide-missing /zwgk/", "no 政府信息公开指南"},
		{"no portal either: at the home page", []*facts.Page{home, hygList("/tzgg/", "通知公告", "通知公告", "公告|2026-06-01|/tzgg/a.html")}, "guide-missing /", "no 政府信息公开指南"},
		{"the crawl never reached the disclosure section", []*facts.Page{home}, "?guide-missing /", ""},
		{"a department's 指南 is not the site's", []*facts.Page{home, portal, col,
			guidePage("/zwgk/zn/t3.html", "测试县发展和改革局政府信息公开指南", "2026-05-01", guideSample()),
			guidePage("/zwgk/zn/t1.html", "政府信息公开指南", "2024-01-01", guideSample())},
			"guide-missing /zwgk/zn/t1.html", "last updated 2024-01-01"},
		{"an empty 指南 column", []*facts.Page{home, portal, emptyCol}, "guide-missing /zwgk/zn/", "no 政府信息公开指南"},
		{"entries not fetched", []*facts.Page{home, portal, col}, "?guide-missing /zwgk/zn/", ""},
		{"no 传真号码 nor 办公时间 (传真 named as a channel)", []*facts.Page{home, portal, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", guideSample("传真号码", "办公时间"))},
			"guide-missing /zwgk/zn/t1.html", "lacks 办公时间, 传真号码 (条例 第十二条); found 分类, 编排体系, 获取方式, 机构名称, 办公地址, 联系电话, 互联网联系方式"},
		{"no e-mail nor website", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", guideSample("电子邮箱"))},
			"guide-missing /zwgk/zn/t1.html", "lacks 互联网联系方式"},
		{"telephone label without a number", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", guideSample("联系电话")+"\n可以拨打联系电话咨询。")},
			"guide-missing /zwgk/zn/t1.html", "lacks 联系电话"},
		{"not updated for two years", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2024-03-01", guideSample())},
			"guide-missing /zwgk/zn/t1.html", "last updated 2024-03-01, 851 days before 2026-06-30 > 1 year"},
		{"updated exactly a year ago", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2025-06-30", guideSample())}, "", ""},
		{"the 指南 as an attachment", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", "详见附件。")}, "", ""},
		{"an unreadable attachment", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t2.html", "测试县人民政府政府信息公开指南", "2026-02-01", "详见附件。")}, "?guide-missing /zwgk/zn/t2.html", ""},
		{"a city portal with its departments' 指南: its own is judged", []*facts.Page{home, col,
			guidePage("/zwgk/zn/t3.html", "测试县发展和改革局政府信息公开指南", "2026-05-01", guideSample()),
			guidePage("/zwgk/zn/t1.html", "测试县人民政府政府信息公开指南", "2026-02-01", guideSample("传真号码"))},
			"guide-missing /zwgk/zn/t1.html", "lacks 传真号码"},
		{"found by title outside any column", []*facts.Page{home,
			hygPage("/xxgk/znx.html", "detail", dates("", "2026-01-01"), func(p *facts.Page) { p.Title, p.Text = "政府信息公开指南（2026年版）", guideSample() })}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range tc.pages {
				if p.URL == "http://x.gov.cn/zwgk/zn/t1.html" && p.Text == "详见附件。" {
					p.Attachments = []facts.Attachment{{URL: "http://x.gov.cn/zwgk/zn/zn.pdf", Name: "政府信息公开指南.pdf", Text: guideSample()}}
				}
				if p.URL == "http://x.gov.cn/zwgk/zn/t2.html" {
					p.Attachments = []facts.Attachment{{URL: "http://x.gov.cn/zwgk/zn/zn.doc", Name: "政府信息公开指南.doc", Unreadable: "legacy .doc"}}
				}
			}
			res := hygJudge(t, cfg, facts.Site{}, asOf, nil, tc.pages...)
			if g := strings.Join(got(res), ";"); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			if tc.evidence != "" && !strings.Contains(res.Findings[0].Evidence, tc.evidence) {
				t.Errorf("evidence %q lacks %q", res.Findings[0].Evidence, tc.evidence)
			}
		})
	}
}
