package annualreport

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Kind says what a title names.
type Kind int

const (
	NotReport Kind = iota // anything else, including notices about reports
	Report                // the report itself (text, attachment or picture version)
	Graphic               // a 图解 / 一图读懂 / video of a report: an interpretation, not the report
)

func (k Kind) String() string {
	switch k {
	case Report:
		return "report"
	case Graphic:
		return "graphic"
	}
	return "not a report"
}

// Title is what a title says about an annual report.
type Title struct {
	Kind Kind
	Year int // the year reported on; 0 when the title does not say
	// Unit is the issuing unit named in the title ("青岚县教育局", "青岚县"), "" when none.
	Unit string
	// Picture: the report published as pictures or a scan (图片版, 扫描件); it is the report.
	Picture bool
}

var (
	// reportPhraseRe is the report's name; 政务公开 reports are not the statutory report.
	reportPhraseRe = regexp.MustCompile(`政府信息公开(?:工作)?(?:年度报告|年报)`)
	yearBeforeRe   = regexp.MustCompile(`((?:19|20)\d{2})\s*年度?`)
	yearAfterRe    = regexp.MustCompile(`^[（(【\[]?((?:19|20)\d{2})\s*年?度?[）)】\]]?`)
	// graphicRe marks a version for reading, not the report: a 图解, 一图读懂, video, H5.
	graphicRe = regexp.MustCompile(`图解|一图|图读|图说|图示|漫画|动漫|视频|H5|h5|解读|长图|海报`)
	pictureRe = regexp.MustCompile(`图片版|图片|扫描版|扫描件`)
	// workRe marks titles about reports rather than reports: notices to prepare, submit,
	// review or rank them.
	workRe = regexp.MustCompile(`做好|报送|编制|审核|抽查|评估|检查|通报|考核|培训|评议|排名|征集|发布工作|编写|提交`)
	// suffixRe is what may follow the report's name in the title of the report itself.
	suffixRe   = regexp.MustCompile(`^(?:[（(【\[]?(?:全文|正文|文字版|图片版|图片|扫描版|扫描件|PDF版|pdf版|PDF|pdf|Word版|word版|WORD版|附件|修订版|更正版|更新版|终稿|定稿|电子版)[）)】\]]?|\.(?:pdf|docx?|wps|ofd|PDF|DOCX?|WPS|OFD)|[。.：:，,、\-—_\s])*$`)
	siteTailRe = regexp.MustCompile(`[_|｜\-－—]+([^_|｜\-－—]+)$`)
	publishRe  = regexp.MustCompile(`关于(?:公布|发布|印发|公开)`)
	wrapperRe  = regexp.MustCompile(`^》?的(?:通知|公告|通告|公示)$`)
	unitTrimRe = regexp.MustCompile(`^(?:关于|附件\d*|\d{1,2}[.、]|[《“"「【\[（(：:，,、\s])+|(?:的|[》”"」】\]）)：:，,、\s])+$`)
)

// ParseTitle reads a page title or attachment name.
//
//	青岚县人民政府2023年政府信息公开工作年度报告   → Report 2023 青岚县人民政府
//	2023年度青岚县教育局政府信息公开工作年度报告   → Report 2023 青岚县教育局
//	青岚县教育局政府信息公开工作年度报告（2023年度） → Report 2023 青岚县教育局
//	一图读懂青岚县2023年政府信息公开工作年度报告   → Graphic 2023 青岚县
//	关于做好2023年政府信息公开工作年度报告编制工作的通知 → NotReport
func ParseTitle(s string) Title {
	s = normalizeTitle(s)
	loc := reportPhraseRe.FindStringIndex(s)
	if loc == nil {
		return Title{}
	}
	before, after := s[:loc[0]], s[loc[1]:]
	// The site's name a <title> or list may append: …年度报告_青岚县人民政府.
	if m := siteTailRe.FindStringSubmatchIndex(after); m != nil {
		if tail := after[m[2]:m[3]]; LevelOf(tail) != "" || strings.Contains(tail, "网") {
			after = after[:m[0]]
		}
	}
	// A notice publishing the report is the report's publication: 关于公布2023年…年度报告的
	// 公告, …办公室关于印发《…2023年…年度报告》的通知.
	published := false
	if i := strings.LastIndex(before, "关于"); i >= 0 && publishRe.MatchString(before[i:]) && wrapperRe.MatchString(after) {
		published, after = true, ""
		before = before[i:]
		if j := strings.LastIndex(before, "《"); j >= 0 {
			before = before[j:]
		}
		before = publishRe.ReplaceAllString(before, "")
	}
	t := Title{Kind: Report}
	if m := yearBeforeRe.FindAllStringSubmatchIndex(before, -1); m != nil {
		last := m[len(m)-1]
		t.Year, _ = strconv.Atoi(before[last[2]:last[3]])
		// The unit is named before the year ("青岚县2023年…") or between it and the
		// report's name ("2023年度青岚县教育局政府信息公开…").
		if u := cleanUnit(before[:last[0]]); u != "" {
			t.Unit = u
		} else {
			t.Unit = cleanUnit(before[last[1]:])
		}
	} else {
		t.Unit = cleanUnit(before)
		if m := yearAfterRe.FindStringSubmatchIndex(after); m != nil {
			t.Year, _ = strconv.Atoi(after[m[2]:m[3]])
			after = after[m[1]:]
		}
	}
	switch {
	case graphicRe.MatchString(before) || graphicRe.MatchString(after):
		t.Kind = Graphic
	case !published && (workRe.MatchString(before) || workRe.MatchString(after) || !suffixRe.MatchString(after)):
		return Title{Year: t.Year}
	}
	t.Picture = pictureRe.MatchString(after) || pictureRe.MatchString(before)
	// A leading 图解： left in the unit by a graphic's title is not part of the name.
	if t.Kind == Graphic {
		t.Unit = cleanUnit(graphicRe.ReplaceAllString(t.Unit, ""))
		t.Unit = strings.TrimPrefix(t.Unit, "读懂")
		t.Unit = cleanUnit(t.Unit)
	}
	return t
}

// normalizeTitle drops whitespace and turns full-width digits and letters into ASCII.
func normalizeTitle(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff':
			continue
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r -= 0xFEE0 // full-width forms sit 0xFEE0 above their ASCII twins
		case r == '．':
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func cleanUnit(s string) string {
	for {
		t := unitTrimRe.ReplaceAllString(s, "")
		if t == s {
			return t
		}
		s = t
	}
}

var statPeriodRe = regexp.MustCompile(`(?:统计期限|统计期间|统计时限|数据统计期限)(?:为|是)?自?\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日`)
var textTitleRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年度?[^。\n]{0,30}?政府信息公开(?:工作)?(?:年度报告|年报)`)

// YearFromText finds the year a report covers in its text: the statistical period the
// template's preamble states ("统计期限自2023年1月1日起"), else a title line in the first
// lines. 0 when the text does not say.
func YearFromText(text string) int {
	head := text
	if len(head) > 4000 {
		head = head[:4000]
	}
	if m := statPeriodRe.FindStringSubmatch(head); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := textTitleRe.FindStringSubmatch(head); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}
