package demosite

import "fmt"

// Planted cases of the site-hygiene and personal-data rules (privacy-leak, column-stale,
// column-empty, metadata-missing; agri-subsidy-results, guide-missing and broken-link
// plants live with their pages). The 惠民惠农 rows carrying personal data are in
// docs_hmhn.go; this file holds the 乡镇动态 column (a stale column, one of its articles
// served by an old template without the article metadata) and the column-level answers.

const (
	rulePrivacyLeak      = "privacy-leak"
	ruleColumnStale      = "column-stale"
	ruleColumnEmpty      = "column-empty"
	ruleMetadataMissing  = "metadata-missing"
	hygieneStaleColumn   = "xzdt" // 乡镇动态: last entry 2026-05-20
	hygieneEmptyColumn   = "qtwj" // 其他文件: no entries at all
	hygieneOldTemplateID = "xz-bszlz"
)

// hygieneDocs is the 乡镇动态 column: town news that stopped on 2026-05-20, 41 days
// before the snapshot (动态 columns must be updated at least every 2 weeks).
func hygieneDocs() []doc {
	town := func(key, pub, title, body string, expect ...plant) doc {
		return doc{Key: key, Col: hygieneStaleColumn, Unit: "rmt", Title: title, Pub: pub, Body: body,
			Recipients: "-", NoSign: true, Expect: expect}
	}
	return []doc{
		town("xz-bszlz", "2026-05-20", "白石镇开展汛前地质灾害隐患点排查",
			`5月19日，白石镇组织国土、水利和各村“两委”干部，对全镇23处地质灾害隐患点开展汛前排查，逐点落实监测责任人和群众转移路线。`,
			violation(ruleMetadataMissing, "served by an old template: no ArticleTitle, PubDate, ContentSource <meta>")),
		town("xz-swcg", "2026-04-22", "沙湾镇完成早稻集中育秧",
			`沙湾镇今年建成集中育秧点6个，育秧面积1.2万亩，可满足全镇早稻机插需要。`),
		town("xz-qyjd", "2026-03-18", "青云街道开展“学雷锋”志愿服务活动",
			`3月5日前后，青云街道组织各社区志愿服务队开展义诊、家电维修和环境整治等志愿服务活动20余场。`),
	}
}

// hygieneDropMeta: articles served by an older template that writes no article metadata.
var hygieneDropMeta = map[string][]string{
	hygieneOldTemplateID: {"ArticleTitle", "PubDate", "ContentSource"},
}

// hygieneSitePlants are the column-level answers of these rules.
var hygieneSitePlants = []sitePlant{
	{Rule: ruleColumnStale, Col: hygieneStaleColumn, Violation: true,
		Note: "乡镇动态: newest entry 2026-05-20, 41 days before 2026-06-30 > 2 weeks"},
	{Rule: ruleColumnStale, Col: "gzdt", Violation: false,
		Note: "工作动态: newest entry 2026-06-26, 4 days old"},
	{Rule: ruleColumnStale, Col: "tzgg", Violation: false,
		Note: "通知公告: newest entry 2026-06-16"},
	{Rule: ruleColumnStale, Col: "xzfwj", Violation: false,
		Note: "县政府文件: newest entry 2026-03-06, 116 days < 6 months"},
	{Rule: ruleColumnStale, Col: "ghjh", Violation: false,
		Note: "规划计划: newest entry 2026-02-11 < 1 year"},
	{Rule: ruleColumnStale, Col: "rsxx", Violation: false,
		Note: "人事信息: newest entry 2026-04-15 < 1 year"},
	{Rule: ruleColumnEmpty, Col: hygieneEmptyColumn, Violation: true,
		Note: "其他文件 (under 政策文件) lists no entries"},
	{Rule: ruleColumnEmpty, Col: "zcwj", Violation: false,
		Note: "政策文件 is a landing page of its sub-columns with their latest entries: not empty"},
	{Rule: ruleColumnEmpty, Col: "zfxxgkzd", Violation: false,
		Note: "政府信息公开制度 lists 3 entries"},
	{Rule: ruleMetadataMissing, Col: "ysqgk", Violation: false,
		Note: "依申请公开 is a single-article column page: the column set of metadata is what it needs"},
	{Rule: ruleMetadataMissing, Col: hygieneStaleColumn, Violation: false,
		Note: "the 乡镇动态 list page carries the site and column metadata"},
}

// onFile makes a plant about an attachment of the doc (by its shown name): the finding
// is at the file's URL.
func onFile(pl plant, name string) plant {
	pl.File = name
	return pl
}

// residentID builds a resident ID number of the fictional county 439927 (province 43)
// with a valid GB 11643 check character, for planted leaks.
func residentID(i int) string {
	born := mustDate("1950-01-01").AddDate(0, 0, (i*3671)%20000)
	base := fmt.Sprintf("439927%s%03d", born.Format("20060102"), (i*37+11)%1000)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k := 0; k < 17; k++ {
		sum += int(base[k]-'0') * w[k]
	}
	return base + string("10X98765432"[sum%11])
}

// cardNumber builds a 19-digit 一卡通 account number (UnionPay 621799…) passing Luhn.
func cardNumber(i int) string {
	base := fmt.Sprintf("621799%012d", (int64(i)*7919017+4211)%1_000_000_000_000)
	sum := 0
	for k := len(base) - 1; k >= 0; k-- {
		d := int(base[k] - '0')
		if (len(base)-1-k)%2 == 0 { // doubled: every second digit from the check digit
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return base + string(rune('0'+(10-sum%10)%10))
}

// mobile builds a personal mobile number for planted leaks.
func mobile(i int) string { return fmt.Sprintf("1%d%09d", 3+i%7, (i*48271+1234567)%1_000_000_000) }
