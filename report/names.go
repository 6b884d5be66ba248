package report

import "github.com/gongkai/gongkai/rules"

// ruleNames are the Chinese names scorecards show beside the stable rule ids (SPEC's
// rule catalogue). A rule missing here is shown by its id alone.
var ruleNames = map[string]string{
	"regdoc-validity":          "规范性文件未标注有效性",
	"regdoc-publish-timely":    "规范性文件公开不及时",
	"proactive-timely":         "主动公开不及时",
	"interpretation-missing":   "政策文件未解读",
	"interpretation-timely":    "政策解读不及时",
	"interpretation-forms":     "解读形式不足",
	"interpretation-copy":      "解读照抄原文",
	"annual-report-missing":    "年度报告未发布",
	"annual-report-late":       "年度报告发布逾期",
	"annual-report-sections":   "年度报告内容缺项",
	"annual-report-arithmetic": "年度报告数据不符",
	"annual-report-duplicate":  "年度报告雷同",
	"agri-subsidy-results":     "惠民惠农补贴结果未公开",
	"privacy-leak":             "泄露个人信息",
	"broken-link":              "不可用链接",
	"column-stale":             "栏目不更新",
	"column-empty":             "空白栏目",
	"consultation-feedback":    "意见征集未反馈",
	"decision-catalog-missing": "重大行政决策目录未公开",
	"guide-missing":            "公开指南缺失或未更新",
	"metadata-missing":         "网页元数据缺失",
}

// RuleName returns the Chinese name of a rule ("" when it has none).
func RuleName(id string) string { return ruleNames[id] }

// SeverityName returns the Chinese name of a severity.
func SeverityName(s rules.Severity) string {
	switch s {
	case rules.SeverityCritical:
		return "严重"
	case rules.SeverityHigh:
		return "高"
	case rules.SeverityMedium:
		return "中"
	case rules.SeverityLow:
		return "低"
	}
	return string(s)
}

// StatusName returns the Chinese name of a finding status.
func StatusName(s string) string {
	switch s {
	case "new":
		return "新发现"
	case "persisting":
		return "持续存在"
	case "fixed":
		return "已整改"
	}
	return s
}

// runStatusName returns the Chinese name of a run or site run status.
func runStatusName(s string) string {
	switch s {
	case "ok":
		return "完成"
	case "failed":
		return "失败"
	case "interrupted":
		return "中断"
	case "running":
		return "进行中"
	}
	return s
}

// penaltyName says how a rule loses its points.
func penaltyName(rp RulePoints) string {
	if rp.Penalty == "per-finding" {
		return "每处扣 " + fmtNum(rp.PerFinding) + " 分"
	}
	return "按问题比例"
}

// stageName names the stage of the crawl an error happened in.
func stageName(s string) string {
	switch s {
	case "fetch":
		return "抓取失败"
	case "robots":
		return "robots.txt 禁止"
	case "scope":
		return "超出检查范围"
	case "parse":
		return "解析失败"
	case "size":
		return "超出大小上限"
	case "redirect":
		return "重定向异常"
	case "budget":
		return "超出页数上限"
	case "trap":
		return "疑似无限链接"
	}
	return s
}

// pageKindName names a kind of page.
func pageKindName(k string) string {
	switch k {
	case "home":
		return "首页"
	case "portal":
		return "公开门户"
	case "list":
		return "栏目列表"
	case "detail":
		return "文章"
	case "attachment":
		return "附件"
	case "other":
		return "其他"
	}
	return k
}
