package extract

import (
	"regexp"
	"strings"
)

// Validity marks in the text of a document (when its info box has none).
//
// "有效期" is everywhere in documents about licences (身份证有效期, 营业执照有效期,
// 许可证有效期为3年), so a mention counts only when
//   - it is not the validity of a thing: the words right before it are not a licence,
//     certificate, contract … (or 其, "its"),
//   - it states a term: a date, a number of years, or 自…至…, follows it,
//   - and it speaks of the document itself: the sentence names it (本办法, 本规定,
//     本文件 …) or its entry into force (自…起施行, 印发之日起), or it is a
//     parenthesis (（有效期：…）), or it sits at the top or in the last quarter of the
//     text and is about nothing but the term ("有效期至2028年12月31日").
//
// Standalone marks (a line that is only 现行有效 / 已废止 / 【失效】) and statements
// about the document itself (本文件已废止) count as they are. "《XX办法》同时废止" does
// not: it is about another document.

const docNouns = `(?:规范性文件|文件|件|办法|规定|细则|通知|意见|方案|制度|规则|措施|决定|规划|计划|政策|指引|指南|公告|通告|导则|标准|目录|清单|规程|条例|批复|实施意见|实施方案|实施细则|暂行办法|暂行规定|管理办法)`

var (
	anchorRe      = regexp.MustCompile(`(?:本|该|此)` + docNouns + `|自.{0,30}?(?:起|之日)(?:施行|实施|执行|生效)|(?:印发|发布|公布|签发|施行|实施)之日起|起(?:施行|实施|执行|生效)`)
	termAfterRe   = regexp.MustCompile(`^限?\s*(?:为|是|至|到|截至|截止|：|:)?\s*(?:自|从|\d|[一二三四五六七八九十两〇零]|[０-９])`)
	thingBeforeRe = regexp.MustCompile(`(?:证|照|证书|证明|许可|资质|资格|合同|协议|卡|牌|批复|批文|批件|认定|认证|登记|备案|注册|签注|报告|检测|检验|鉴定|凭证|票|码|其|药品|产品|食品|商标|专利|设备|车辆|账号|信息|数据|申请|结果|名单|预算)的?\s*$`)
	bannerRe      = regexp.MustCompile(`^[（(【\[]?\s*(现行有效|已废止|已失效|已被废止|部分失效|部分废止|已修订|已修改|失效|废止|有效)\s*[）)】\]]?$`)
	selfStatusRe  = regexp.MustCompile(`(?:本|该|此)` + docNouns + `(?:已经|现已|已|现)?被?(?:宣布)?(?:废止|失效|现行有效|继续有效)`)
	fromToRe      = regexp.MustCompile(`自[^，。；]{0,30}(?:起|之日)(?:施行|实施|执行|生效)[^。；]{0,12}至[^。；]{2,24}(?:止|废止|失效)`)
	sentenceEndRe = regexp.MustCompile(`[。；;！!？?]`)
	numberingRe   = regexp.MustCompile(`^[（(]?[一二三四五六七八九十\d]*[）)、.．]?\s*`)
)

// maxValidityRunes caps the phrase recorded as Validity.
const maxValidityRunes = 200

func validityInText(text string) string {
	if text == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	endAt := len(text) * 3 / 4
	offset := 0
	for i, line := range lines {
		if m := bannerRe.FindStringSubmatch(line); m != nil && !(m[1] == "有效" && line == "有效") {
			return line
		}
		nearTop, nearEnd := i < 3, offset >= endAt || 4*i >= 3*len(lines)
		for _, s := range sentenceEndRe.Split(line, -1) {
			if v := validitySentence(s, nearTop || nearEnd); v != "" {
				return capRunes(strings.TrimSpace(v), maxValidityRunes)
			}
		}
		offset += len(line) + 1
	}
	return ""
}

func validitySentence(s string, placed bool) string {
	if !strings.Contains(s, "有效") && !strings.Contains(s, "废止") && !strings.Contains(s, "失效") && !strings.Contains(s, "至") {
		return "" // most sentences: spare them the regexps
	}
	if m := selfStatusRe.FindString(s); m != "" && !strings.HasPrefix(s[strings.Index(s, m)+len(m):], "期") {
		return s
	}
	if fromToRe.MatchString(s) {
		return s
	}
	rest := s
	for {
		i := strings.Index(rest, "有效期")
		if i < 0 {
			return ""
		}
		before, after := s[:len(s)-len(rest)+i], rest[i+len("有效期"):]
		rest = after
		if thingBeforeRe.MatchString(before) || !termAfterRe.MatchString(after) {
			continue
		}
		lead := strings.TrimSpace(before)
		paren := strings.HasSuffix(lead, "（") || strings.HasSuffix(lead, "(")
		// At the top or the end, a sentence that is about a term and nothing else
		// ("六、有效期：5年", "有效期至2028年12月31日") speaks of the document.
		alone := numberingRe.ReplaceAllString(lead, "") == ""
		if paren || (placed && alone) || anchorRe.MatchString(s) {
			return s
		}
	}
}

func capRunes(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
