package extract

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// Canonical labels of Page.Fields (and ListItem.Fields).
const (
	LabelIndexNo        = "索引号"
	LabelIssuer         = "发布机构"
	LabelSource         = "来源"
	LabelAuthor         = "作者"
	LabelWritten        = "成文日期"
	LabelPublished      = "发布日期"
	LabelDocNumber      = "文号"
	LabelValidity       = "有效性"
	LabelTopic          = "主题分类"
	LabelTitle          = "标题"
	LabelKeywords       = "主题词"
	LabelInterpretation = "政策解读"
	LabelGenre          = "体裁分类"
	LabelCombined       = "组配分类"
	LabelAudience       = "服务对象"
	LabelAbolished      = "废止日期"
	LabelEffective      = "实施日期"
	LabelSummary        = "摘要"
	LabelSignature      = "落款日期"
)

// synonyms maps every label spelling seen on government pages (after
// facts.NormalizeLabel) to its canonical label.
//
// Choices that are judgement calls, so that nobody "fixes" them by accident:
//   - 来源 / 信息来源 stay apart from 发布机构: on news-style pages 来源 is a news
//     source ("新华社"), not the publishing organ. The issuer falls back to 来源 only
//     inside a real 信息公开 header (one that has a 索引号), see fillTyped.
//   - 发文日期 / 印发日期 / 制发日期 / 签发日期 are the date the document was signed or
//     issued by its organ: 成文日期, not the web publication date.
//   - 生成日期 is the 信息公开目录 standard's "date the information was formed"
//     (《政府信息公开目录系统实施指引》): 成文日期.
//   - 日期 alone is the web publication date on the pages that use it.
//   - 效力级别 is a legal rank (地方政府规章 …), not validity, and 字号 is the font-size
//     switch (【字号：大 中 小】), not 文号: both are deliberately absent.
var synonyms = func() map[string]string {
	m := map[string]string{}
	for canon, names := range map[string][]string{
		LabelIndexNo:        {"索引号", "信息索引号", "索引编号", "索取号", "内容索引号", "文件索引号"},
		LabelIssuer:         {"发布机构", "发布机关", "发文机关", "发文机构", "发文单位", "发布单位", "公开机构", "公开单位", "公开主体", "发布主体", "制发机关", "制发单位", "制文机关", "发文部门", "发布部门"},
		LabelSource:         {"来源", "信息来源", "文章来源", "稿件来源", "稿源", "来源单位"},
		LabelAuthor:         {"作者", "撰稿", "撰稿人"},
		LabelWritten:        {"成文日期", "成文时间", "发文日期", "发文时间", "印发日期", "印发时间", "制发日期", "制发时间", "签发日期", "签发时间", "签署日期", "生成日期", "形成日期"},
		LabelPublished:      {"发布日期", "发布时间", "公开日期", "公开时间", "公布日期", "公布时间", "发表日期", "发表时间", "上网日期", "上网时间", "发稿时间", "日期"},
		LabelDocNumber:      {"文号", "发文字号", "文件编号", "发文文号", "发文编号", "文件文号", "文件字号", "公文文号", "发文号"},
		LabelValidity:       {"有效性", "时效", "时效性", "有效期", "有效期限", "效力状态", "是否有效", "效力", "有效状态", "文件有效性", "文件状态", "时效状态"},
		LabelTopic:          {"主题分类", "主题", "分类", "信息分类", "所属主题", "主题类别", "信息类别", "所属分类"},
		LabelTitle:          {"标题", "名称", "文件名称", "题名", "信息名称", "文件标题", "公文标题", "文件题名"},
		LabelKeywords:       {"主题词", "关键词", "关键字"},
		LabelInterpretation: {"政策解读", "相关解读", "解读链接", "解读", "相关政策解读", "政策解读链接", "解读材料"},
		LabelGenre:          {"体裁分类", "体裁", "文种", "公文种类", "公文文种", "文件类型"},
		LabelCombined:       {"组配分类", "组配"},
		LabelAudience:       {"服务对象"},
		LabelAbolished:      {"废止日期", "废止时间", "失效日期", "失效时间", "终止日期"},
		LabelEffective:      {"实施日期", "施行日期", "实施时间", "施行时间", "生效日期", "生效时间"},
		LabelSummary:        {"摘要", "内容概述", "内容摘要", "信息摘要", "内容描述"},
	} {
		for _, n := range names {
			m[n] = canon
		}
	}
	return m
}()

// validityKeys are the Fields keys that may hold the validity mark: the canonical
// label first, then its synonyms kept under their own name when both were shown.
var validityKeys = func() []string {
	keys := []string{LabelValidity}
	for name, canon := range synonyms {
		if canon == LabelValidity && name != LabelValidity {
			keys = append(keys, name)
		}
	}
	slices.Sort(keys[1:])
	return keys
}()

// strongLabels are the labels only a 信息公开目录 header carries. A set of label/value
// pairs is an info box only when it has one of them: 发布日期 and 来源 alone are the
// byline of any news page.
var strongLabels = map[string]bool{
	LabelIndexNo: true, LabelIssuer: true, LabelWritten: true, LabelDocNumber: true,
	LabelValidity: true, LabelTopic: true, LabelGenre: true, LabelCombined: true,
	LabelAbolished: true, LabelEffective: true, LabelKeywords: true, LabelAudience: true,
}

// bylineLabels may be kept from a set of pairs that is not an info box.
var bylineLabels = map[string]bool{LabelPublished: true, LabelSource: true, LabelAuthor: true}

// maxLabelRunes bounds the label search backwards from a colon; maxLabelBytes is the
// longest text (with padding) that may be a label.
const (
	maxLabelRunes = 8
	maxLabelBytes = 96
)

// canonicalLabel maps a label as shown ("索 引 号：", "标　　题") to its canonical form.
func canonicalLabel(s string) (string, bool) {
	n := facts.NormalizeLabel(s)
	n = strings.TrimRight(n, "*＊")
	if c, ok := synonyms[n]; ok {
		return c, true
	}
	return "", false
}

// absentValue reports whether a value shown for a typed field means "none" (文号：无).
func absentValue(v string) bool {
	switch facts.NormalizeLabel(v) {
	case "", "无", "暂无", "-", "--", "—", "——", "/", "／", "空", "null", "NULL", "无文号", "－":
		return true
	}
	return false
}
