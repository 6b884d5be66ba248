package demosite

import (
	"fmt"
	"html/template"
	"strings"
)

// 政府信息公开工作年度报告 in the national template (国办公开办函〔2021〕30号): six sections,
// table 二 (主动公开), table 三 (依申请, 7 applicant columns, rowspan/colspan as in the
// template) and table 四 (复议/诉讼). Totals are computed, so the reports add up and
// 上年结转 of a year equals 结转下年度 of the year before (本年新收 is derived from the
// identity 一 + 二 = 三(七) + 四). To plant an inconsistency, override a rendered cell.

// applicants are the six applicant columns of table 三 (总计 is computed).
var applicants = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// outcomeRows are the rows of 三、本年度办理结果 below the group headings.
var outcomeRows = []struct{ Group, Label string }{
	{"（一）予以公开", ""},
	{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""},
	{"（三）不予公开", "1.属于国家秘密"},
	{"（三）不予公开", "2.其他法律行政法规禁止公开"},
	{"（三）不予公开", "3.危及“三安全一稳定”"},
	{"（三）不予公开", "4.保护第三方合法权益"},
	{"（三）不予公开", "5.属于三类内部事务信息"},
	{"（三）不予公开", "6.属于四类过程性信息"},
	{"（三）不予公开", "7.属于行政执法案卷"},
	{"（三）不予公开", "8.属于行政查询事项"},
	{"（四）无法提供", "1.本机关不掌握相关政府信息"},
	{"（四）无法提供", "2.没有现成信息需要另行制作"},
	{"（四）无法提供", "3.补正后申请内容仍不明确"},
	{"（五）不予处理", "1.信访举报投诉类申请"},
	{"（五）不予处理", "2.重复申请"},
	{"（五）不予处理", "3.要求提供公开出版物"},
	{"（五）不予处理", "4.无正当理由大量反复申请"},
	{"（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
	{"（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"（六）其他处理", "3.其他"},
}

type counts [6]int

// annualReport is one year's data of one unit.
type annualReport struct {
	Year int
	Pub  string
	// Unit is the issuing unit's key in units ("" for the county government, xzf); Key
	// the doc key ("" for nb-YEAR, the county's). Expect replaces the default plants
	// (the county's own reports: compliant look-alikes of every content rule).
	Unit, Key string
	Expect    []plant
	// NoReview leaves out section 四 and its table; Cells overrides rendered cells of
	// table 三 by row (an outcome label, or 本年新收 / 上年结转 / 总计 / 结转下年度) and
	// column (0–5 the applicants, 6 the row's 总计), to plant an inconsistency.
	NoReview bool
	Cells    map[string]map[int]string
	Overview []string // 一、总体情况 paragraphs
	// 二、主动公开: 行政规范性文件 本年制发 / 废止 / 现行有效; 许可, 处罚, 强制; 收费 (万元).
	RegIssued, RegRepealed, RegValid int
	Permits, Penalties, Coercions    int
	Fees                             string
	CarryIn                          counts            // 二、上年结转
	Outcomes                         map[string]counts // by outcome label (Label, or Group when Label is "")
	CarryOut                         counts            // 四、结转下年度继续办理
	Review                           [5]int            // 行政复议: 维持 纠正 其他 尚未审结 (总计 computed at [4])
	SuitDirect, SuitAfter            [5]int            // 行政诉讼: same layout
	Problems                         []string          // 五
	Other                            []string          // 六
}

var annualReports = []annualReport{
	{
		Year: 2024, Pub: "2025-01-20",
		Overview: []string{
			"2024年，青岚县人民政府深入贯彻落实《中华人民共和国政府信息公开条例》，围绕县委、县政府中心工作，以公开促落实、促规范、促服务，政务公开工作取得新进展。",
			"（一）主动公开。全年通过县政府门户网站主动公开政府信息2863条，其中行政规范性文件9件、政策解读材料21篇；召开新闻发布会6场，回应社会关切38次。",
			"（二）依申请公开。全年新收政府信息公开申请42件，均在法定期限内答复，未发生因逾期答复引发的行政复议和行政诉讼。",
			"（三）政府信息管理。完成现行有效行政规范性文件集中清理，废止2件，统一标注有效性并集中公开。",
			"（四）平台建设。完成县政府门户网站集约化改版，优化政府信息公开专栏栏目设置。",
			"（五）监督保障。将政务公开工作纳入县直单位年度绩效考核，开展政务公开业务培训2期，培训150人次。",
		},
		RegIssued: 9, RegRepealed: 2, RegValid: 48, Permits: 12836, Penalties: 1024, Coercions: 37, Fees: "1863.52",
		CarryIn: counts{1},
		Outcomes: map[string]counts{
			"（一）予以公开": {18, 2, 0, 0, 1, 0},
			"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": {3, 1},
			"4.保护第三方合法权益":    {1},
			"6.属于四类过程性信息":    {1},
			"1.本机关不掌握相关政府信息": {6, 1},
			"2.没有现成信息需要另行制作": {2},
			"3.补正后申请内容仍不明确":  {1},
			"1.信访举报投诉类申请":    {2},
			"2.重复申请":         {1},
			"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": {1},
		},
		CarryOut:   counts{2},
		Review:     [5]int{1, 0, 0, 0},
		SuitDirect: [5]int{1, 0, 0, 0},
		Problems: []string{
			"2024年，我县政务公开工作虽然取得了一定成效，但仍存在部分单位政策解读形式较为单一、基层政务公开标准化规范化水平有待提高等问题。",
			"下一步，我们将丰富政策解读形式，推广图解、问答、视频等解读方式；加强乡镇（街道）政务公开专区建设，推动基层政务公开提质增效。",
		},
		Other: []string{
			"本年度未收取信息处理费。",
			"本年度共办理县人大代表建议86件、县政协委员提案112件，办复率100%，办理结果均已按规定公开。",
		},
	},
	{
		Year: 2025, Pub: "2026-01-21",
		Overview: []string{
			"2025年，县人民政府坚持以人民为中心的发展思想，聚焦群众关切和企业需求，持续深化政务公开，推动行政权力在阳光下运行。",
			"（一）主动公开。全年主动公开政府信息3145条，其中行政规范性文件17件、政策文件43件；发布政策解读材料29篇，其中图解9篇、问答6篇；组织政府开放日活动3次。",
			"（二）依申请公开。全年新收政府信息公开申请59件，较上年增长40.5%，申请主要集中在土地征收、房屋征收和规划建设领域。",
			"（三）政府信息管理。建立行政规范性文件目录动态更新机制，全年废止、宣布失效规范性文件5件，同步更新有效性标注。",
			"（四）平台建设。县政府门户网站新增“惠民惠农财政补贴”“重大行政决策”专栏，实现补贴发放情况以村为单位集中公开。",
			"（五）监督保障。开展政府网站和政务新媒体季度检查4次，通报问题21个，已全部整改。",
		},
		RegIssued: 17, RegRepealed: 5, RegValid: 60, Permits: 13572, Penalties: 986, Coercions: 41, Fees: "1790.26",
		CarryIn: counts{2},
		Outcomes: map[string]counts{
			"（一）予以公开": {22, 3, 0, 1, 1, 0},
			"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": {4, 1},
			"4.保护第三方合法权益":          {2},
			"5.属于三类内部事务信息":         {1},
			"6.属于四类过程性信息":          {1, 1},
			"7.属于行政执法案卷":           {1},
			"1.本机关不掌握相关政府信息":       {7, 1},
			"2.没有现成信息需要另行制作":       {2},
			"3.补正后申请内容仍不明确":        {1},
			"1.信访举报投诉类申请":          {3},
			"2.重复申请":               {1},
			"5.要求行政机关确认或重新出具已获取信息": {1},
			"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": {2},
			"3.其他": {1},
		},
		CarryOut:   counts{3, 1},
		Review:     [5]int{2, 1, 0, 0},
		SuitDirect: [5]int{0, 0, 0, 1},
		SuitAfter:  [5]int{1, 0, 0, 0},
		Problems: []string{
			"对照上级要求和群众期待，我县政务公开工作还存在以下不足：一是个别单位行政规范性文件公开不够及时；二是依申请公开答复文书的规范性有待加强。",
			"改进措施：一是严格执行行政规范性文件签发后3个工作日内公开的要求，将公开时效纳入绩效考核；二是组织依申请公开答复文书专项评查，编印答复文书范本。",
		},
		Other: []string{
			"本年度未收取信息处理费。",
			"本年度共办理县人大代表建议92件、县政协委员提案118件，办复率100%。",
			"落实上年度政务公开工作要点情况：已全部完成年度工作任务。",
		},
	},
}

func annualReportDocs() []doc {
	var out []doc
	for _, r := range append(append([]annualReport(nil), annualReports...), deptAnnualReports...) {
		key, unit, expect := r.Key, r.Unit, r.Expect
		if key == "" {
			key = fmt.Sprintf("nb-%d", r.Year)
		}
		if unit == "" {
			unit = "xzf"
		}
		if expect == nil {
			expect = r.plants()
		}
		out = append(out, doc{
			Key: key, Col: "zfxxgknb", Unit: unit, Recipients: "-", NoSign: true,
			Title: fmt.Sprintf("%s%d年政府信息公开工作年度报告", units[unit].Name, r.Year),
			Pub:   r.Pub, Topic: `综合政务\政务公开`,
			Raw:    r.render(),
			Expect: expect,
		})
	}
	return append(out, annualLookalikes...)
}

// plants: the county's reports are on time, complete, consistent and distinct.
func (r annualReport) plants() []plant {
	p := []plant{
		lookalike(ruleAnnualReportLate, fmt.Sprintf("%d report of the 县人民政府 published %s, before the 31 March deadline of a 县级以上人民政府", r.Year, r.Pub)),
		lookalike(ruleAnnualReportSections, "all six sections of the 2021 template, 五 and 六 with content"),
		lookalike(ruleAnnualReportArithmetic, "tables 三 and 四 add up (一+二 = 三(七)+四 per column, row totals); 上年结转 equals the previous report's 结转下年度"),
	}
	if r.Year > annualReports[0].Year {
		p = append(p, lookalike(ruleAnnualReportDuplicate, "own text in 一、五、六 and own figures; only the template's headings and table labels repeat"))
	}
	return p
}

func (r annualReport) unitName() string {
	if r.Unit == "" {
		return Name
	}
	return units[r.Unit].Name
}

func sum6(c counts) int {
	t := 0
	for _, v := range c {
		t += v
	}
	return t
}

// render writes the report body.
func (r annualReport) render() template.HTML {
	var b strings.Builder
	p := func(s string) { fmt.Fprintf(&b, "<p style=\"text-indent: 2em;\">%s</p>\n", esc(s)) }
	h := func(s string) { fmt.Fprintf(&b, "<p style=\"text-indent: 2em;\"><strong>%s</strong></p>\n", esc(s)) }

	p(fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据统计期限自%d年1月1日起至%d年12月31日止。本报告电子版可在青岚县人民政府门户网站（%s）查阅或者下载。", r.Year, r.Year, siteDomain))
	h("一、总体情况")
	for _, s := range r.Overview {
		p(s)
	}

	h("二、主动公开政府信息情况")
	b.WriteString(`<table border="1" cellspacing="0" cellpadding="3" class="nb-table">` + "\n")
	b.WriteString(`<tr><td colspan="4">第二十条第（一）项</td></tr>` + "\n")
	b.WriteString(`<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>` + "\n")
	b.WriteString(`<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>` + "\n")
	fmt.Fprintf(&b, "<tr><td>行政规范性文件</td><td>%d</td><td>%d</td><td>%d</td></tr>\n", r.RegIssued, r.RegRepealed, r.RegValid)
	b.WriteString(`<tr><td colspan="4">第二十条第（五）项</td></tr>` + "\n")
	b.WriteString(`<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>` + "\n")
	fmt.Fprintf(&b, "<tr><td>行政许可</td><td colspan=\"3\">%d</td></tr>\n", r.Permits)
	b.WriteString(`<tr><td colspan="4">第二十条第（六）项</td></tr>` + "\n")
	b.WriteString(`<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>` + "\n")
	fmt.Fprintf(&b, "<tr><td>行政处罚</td><td colspan=\"3\">%d</td></tr>\n<tr><td>行政强制</td><td colspan=\"3\">%d</td></tr>\n", r.Penalties, r.Coercions)
	b.WriteString(`<tr><td colspan="4">第二十条第（八）项</td></tr>` + "\n")
	b.WriteString(`<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>` + "\n")
	fmt.Fprintf(&b, "<tr><td>行政事业性收费</td><td colspan=\"3\">%s</td></tr>\n</table>\n", r.Fees)

	h("三、收到和处理政府信息公开申请情况")
	b.WriteString(r.tableThree())

	if !r.NoReview {
		h("四、政府信息公开行政复议、行政诉讼情况")
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="3" class="nb-table">` + "\n")
		b.WriteString(`<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>` + "\n")
		b.WriteString(`<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>` + "\n")
		b.WriteString(`<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>` + "\n<tr>")
		for _, g := range [][5]int{r.Review, r.SuitDirect, r.SuitAfter} {
			g[4] = g[0] + g[1] + g[2] + g[3]
			for _, v := range g {
				fmt.Fprintf(&b, "<td>%d</td>", v)
			}
		}
		b.WriteString("</tr>\n</table>\n")

	}

	h("五、存在的主要问题及改进情况")
	for _, s := range r.Problems {
		p(s)
	}
	h("六、其他需要报告的事项")
	for _, s := range r.Other {
		p(s)
	}
	fmt.Fprintf(&b, "<p style=\"text-align: right;\">%s</p>\n<p style=\"text-align: right;\">%s</p>\n", r.unitName(), cnDate(r.Pub))
	return template.HTML(b.String())
}

// tableThree renders 三、收到和处理政府信息公开申请情况 with the template's spans.
func (r annualReport) tableThree() string {
	var b strings.Builder
	cells := func(row string, c counts) {
		show := func(i, v int) {
			if t, ok := r.Cells[row][i]; ok {
				fmt.Fprintf(&b, "<td>%s</td>", t)
				return
			}
			fmt.Fprintf(&b, "<td>%d</td>", v)
		}
		for i, v := range c {
			show(i, v)
		}
		show(6, sum6(c))
	}
	var total counts
	for _, o := range outcomeRows {
		k := o.Label
		if k == "" {
			k = o.Group
		}
		c := r.Outcomes[k]
		for i := range total {
			total[i] += c[i]
		}
	}
	var received counts
	for i := range received {
		received[i] = total[i] + r.CarryOut[i] - r.CarryIn[i]
	}
	b.WriteString(`<table border="1" cellspacing="0" cellpadding="3" class="nb-table">` + "\n")
	b.WriteString(`<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>` + "\n")
	b.WriteString(`<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>` + "\n<tr>")
	for _, a := range applicants[1:] {
		fmt.Fprintf(&b, "<td>%s</td>", a)
	}
	b.WriteString("</tr>\n<tr><td colspan=\"3\">一、本年新收政府信息公开申请数量</td>")
	cells("本年新收", received)
	b.WriteString("</tr>\n<tr><td colspan=\"3\">二、上年结转政府信息公开申请数量</td>")
	cells("上年结转", r.CarryIn)
	b.WriteString("</tr>\n")
	span := map[string]int{}
	for _, o := range outcomeRows {
		span[o.Group]++
	}
	seen := map[string]bool{}
	for i, o := range outcomeRows {
		b.WriteString("<tr>")
		if i == 0 {
			fmt.Fprintf(&b, "<td rowspan=\"%d\">三、本年度办理结果</td>", len(outcomeRows)+1)
		}
		k := o.Label
		if k == "" {
			fmt.Fprintf(&b, "<td colspan=\"2\">%s</td>", o.Group)
			k = o.Group
		} else {
			if !seen[o.Group] {
				fmt.Fprintf(&b, "<td rowspan=\"%d\">%s</td>", span[o.Group], o.Group)
				seen[o.Group] = true
			}
			fmt.Fprintf(&b, "<td>%s</td>", esc(o.Label))
		}
		cells(k, r.Outcomes[k])
		b.WriteString("</tr>\n")
	}
	b.WriteString("<tr><td colspan=\"2\">（七）总计</td>")
	cells("总计", total)
	b.WriteString("</tr>\n<tr><td colspan=\"3\">四、结转下年度继续办理</td>")
	cells("结转下年度", r.CarryOut)
	b.WriteString("</tr>\n</table>\n")
	return b.String()
}

// Departments' reports the county publishes in its 年报 column (a county portal usually
// carries them): the content rules judge them too, with planted violations. They are not
// the county's own report, so they neither satisfy nor break annual-report-missing/-late.
var deptAnnualReports = []annualReport{
	{
		Year: 2024, Pub: "2025-01-22", Unit: "jyj", Key: "nb-jyj-2024",
		Overview: []string{
			"2024年，县教育局认真贯彻《条例》，围绕义务教育招生入学、学生资助、教师招聘等群众关注事项，及时准确公开教育信息。",
			"（一）主动公开。全年在县政府门户网站公开教育信息268条，发布城区义务教育学校招生方案、学区划分和招生结果，公开学生资助政策及受助名单（已去标识化处理）。",
			"（二）依申请公开。全年新收政府信息公开申请16件，主要涉及学位安排和教师招聘，均在法定期限内答复。",
			"（三）政府信息管理。对局机关制发文件逐件确定公开属性，全年审查文件132件。",
		},
		RegIssued: 1, RegValid: 6, Permits: 64, Penalties: 3, Fees: "0",
		Outcomes: map[string]counts{
			"（一）予以公开": {9}, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": {1},
			"1.本机关不掌握相关政府信息": {3}, "1.信访举报投诉类申请": {1},
		},
		CarryOut: counts{2},
		Problems: []string{"招生入学政策解读不够通俗，群众咨询较多。2025年将采用图解、问答等形式解读招生政策，在招生季开设政策咨询专栏。"},
		Other:    []string{"本年度未收取信息处理费。"},
		Expect: []plant{
			lookalike(ruleAnnualReportSections, "a department's report on the county portal: all six sections"),
			lookalike(ruleAnnualReportArithmetic, "a department's report that adds up"),
		},
	},
	{
		Year: 2025, Pub: "2026-01-26", Unit: "jyj", Key: "nb-jyj-2025",
		Overview: []string{
			"2025年，县教育局以“双减”政策落实和县域义务教育优质均衡发展为重点，推进教育领域政务公开。",
			"（一）主动公开。全年公开信息301条，集中公开校外培训机构白名单、课后服务收费标准和学校食堂管理情况。",
			"（二）依申请公开。全年新收政府信息公开申请20件，上年结转1件，申请主要涉及校外培训退费和教师职称评审。",
			"（三）平台建设。在县政府门户网站教育专栏新增“办事指南”子栏目，公开入学、转学、学籍变更等事项办理流程。",
		},
		RegIssued: 2, RegRepealed: 1, RegValid: 7, Permits: 71, Penalties: 5, Fees: "0",
		CarryIn: counts{1},
		Outcomes: map[string]counts{
			"（一）予以公开": {11, 1}, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": {2},
			"4.保护第三方合法权益": {1}, "1.本机关不掌握相关政府信息": {4}, "2.重复申请": {2},
		},
		Cells:    map[string]map[int]string{"2.重复申请": {6: "3"}},
		Problems: []string{"校外培训治理信息公开的及时性有待提高。下一步将建立校外培训机构监管信息按月公开机制。"},
		Other:    []string{"本年度未收取信息处理费。"},
		Expect: []plant{
			violation(ruleAnnualReportArithmetic, "table 三 row （五）2.重复申请 shows 总计 3 for 自然人 2 (so column 总计's （七） 21 ≠ its rows 22), and 上年结转 自然人 1 ≠ the 2024 report's 结转下年度 2"),
			lookalike(ruleAnnualReportSections, "all six sections"),
			lookalike(ruleAnnualReportDuplicate, "its own text, not the 2024 report's"),
		},
	},
	{
		Year: 2024, Pub: "2025-01-17", Unit: "mzj", Key: "nb-mzj-2024",
		Overview: civilOverview2024,
		RegValid: 3, Permits: 12, Fees: "0",
		Outcomes: map[string]counts{"（一）予以公开": {6}, "1.本机关不掌握相关政府信息": {2}, "1.信访举报投诉类申请": {1}},
		Problems: civilProblems2024,
		Other:    []string{"本年度未收取信息处理费。"},
		Expect: []plant{
			lookalike(ruleAnnualReportSections, "all six sections"),
			lookalike(ruleAnnualReportArithmetic, "adds up"),
		},
	},
	{
		// Last year's report with the year and the figures changed.
		Year: 2025, Pub: "2026-01-20", Unit: "mzj", Key: "nb-mzj-2025",
		Overview:  replaceAll(civilOverview2024, "2024", "2025", "286", "301", "紧紧围绕", "始终围绕"),
		RegIssued: 1, RegValid: 4, Permits: 15, Fees: "0",
		Outcomes: map[string]counts{"（一）予以公开": {8}, "1.本机关不掌握相关政府信息": {2}, "2.重复申请": {1}},
		Problems: replaceAll(civilProblems2024, "进一步强化", "持续强化"),
		Other:    []string{"本年度未收取信息处理费。"},
		Expect: []plant{
			violation(ruleAnnualReportDuplicate, "the 2024 report with the year, the figures and two words changed"),
			lookalike(ruleAnnualReportSections, "all six sections"),
			lookalike(ruleAnnualReportArithmetic, "adds up"),
		},
	},
	{
		Year: 2025, Pub: "2026-01-29", Unit: "zrj", Key: "nb-zrj-2025", NoReview: true,
		Overview: []string{
			"2025年，县自然资源局围绕国土空间规划、不动产登记和土地征收等重点领域，推进自然资源信息公开。",
			"（一）主动公开。全年公开信息187条，公开土地征收启动公告、征地补偿安置方案和国土空间总体规划批后公告。",
			"（二）依申请公开。全年新收政府信息公开申请14件，均涉及土地征收和不动产登记。",
		},
		RegValid: 2, Permits: 356, Penalties: 11, Coercions: 2, Fees: "0",
		Outcomes: map[string]counts{"（一）予以公开": {9, 1}, "1.本机关不掌握相关政府信息": {3}, "2.重复申请": {1}},
		Problems: []string{"无。"},
		Other:    []string{"本年度未收取信息处理费。"},
		Expect: []plant{
			violation(ruleAnnualReportSections, "no section 四（行政复议、行政诉讼）and 五 says only 无"),
			lookalike(ruleAnnualReportArithmetic, "adds up (table 四 is absent, which sections reports)"),
		},
	},
}

var civilOverview2024 = []string{
	"2024年，县民政局深入贯彻落实《条例》，紧紧围绕民政中心工作，以保障和改善民生为重点，不断加大社会救助、养老服务、社会事务等领域信息公开力度，切实保障人民群众的知情权、参与权和监督权。",
	"（一）主动公开。通过县政府门户网站民政局专栏主动公开政府信息286条，按月公开城乡低保、特困供养、临时救助对象及资金发放情况，公开内容已进行去标识化处理。",
	"（二）依申请公开。严格按照《条例》规定的程序和时限办理政府信息公开申请，做到依法受理、依法答复，全年未发生行政复议和行政诉讼案件。",
	"（三）政府信息管理。严格落实“先审查、后公开”和“一事一审”制度，对拟公开信息逐条进行保密审查和个人信息保护审查。",
	"（四）平台建设。进一步完善民政局政务公开专栏，优化社会救助、养老服务、婚姻登记等栏目设置，方便群众查询。",
	"（五）监督保障。成立由局主要负责人任组长的政务公开工作领导小组，明确办公室具体负责，将政务公开工作纳入股室年度考核。",
}

var civilProblems2024 = []string{
	"一是信息公开的主动性还不够强，部分民生信息公开不够及时；二是政策解读的形式比较单一，群众喜闻乐见的解读方式运用较少。",
	"下一步，我局将进一步强化责任落实，及时公开社会救助等民生信息；丰富政策解读形式，提高政策知晓度。",
}

func replaceAll(ss []string, oldnew ...string) []string {
	r := strings.NewReplacer(oldnew...)
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = r.Replace(s)
	}
	return out
}

// annualLookalikes are pages of the 年报 column that are not reports: a 图解 of the
// county's 2025 report (not a second report, not judged as one) and a notice about
// preparing the reports.
var annualLookalikes = []doc{
	{
		Key: "nb-tj-2025", Col: "zfxxgknb", Unit: "xzfb", Recipients: "-", NoSign: true, Form: "图解",
		Title: "一图读懂青岚县人民政府2025年政府信息公开工作年度报告", Pub: "2026-01-21", Topic: `综合政务\政务公开`,
		Image:  "一图读懂青岚县人民政府2025年政府信息公开工作年度报告：全年主动公开政府信息3145条，新收政府信息公开申请59件",
		Body:   "2025年，县人民政府主动公开政府信息3145条，新收政府信息公开申请59件。详见《青岚县人民政府2025年政府信息公开工作年度报告》。",
		Attach: []attachment{{Name: "一图读懂青岚县人民政府2025年政府信息公开工作年度报告", Ext: "png"}},
		Expect: []plant{
			lookalike(ruleAnnualReportSections, "a 图解 of the report, not the report: not judged for sections"),
			lookalike(ruleAnnualReportDuplicate, "a 图解 is not a second 2025 report"),
			lookalike(ruleAnnualReportLate, "the 图解 is not the report; the report itself came out on 2026-01-21"),
		},
	},
	{
		Key: "nb-tz-2025", Col: "zfxxgknb", Unit: "xzfb", Number: "无",
		Title: "关于做好2025年度政府信息公开工作年度报告编制和发布工作的通知", Pub: "2026-01-06", Topic: `综合政务\政务公开`,
		Recipients: "各乡镇人民政府、街道办事处，县直各单位",
		Body: `根据《中华人民共和国政府信息公开条例》第四十九条和国办公开办函〔2021〕30号文件要求，现就做好2025年度政府信息公开工作年度报告编制和发布工作通知如下：
一、县直各单位应当于2026年1月31日前在县政府门户网站公布本单位2025年度政府信息公开工作年度报告。
二、年度报告应当严格按照国家规定的格式编制，数据真实准确，勾稽关系正确。
三、各乡镇人民政府、街道办事处参照执行。`,
		Expect: []plant{lookalike(ruleAnnualReportSections, "a notice about the reports, not a report")},
	},
}
