package demosite

import (
	"fmt"
	"strings"
)

// 惠民惠农财政补贴: payment results by village (以村为单位), with the 名册 attachments
// real counties publish. Personal numbers in them are masked (去标识化), as they must be,
// except in the planted privacy-leak cases: a 护林员 公示 with whole ID and mobile
// numbers in its table, and a 种粮补贴 名册 attachment with whole ID and 一卡通 numbers.

// villages of the county, by town.
var villages = []struct {
	Town     string
	Villages []string
}{
	{"青云街道", []string{"青石村", "大塘村"}},
	{"岚山街道", []string{"枫林村", "岚溪村", "新桥村"}},
	{"白石镇", []string{"白石村", "竹山村", "龙井村", "石门村"}},
	{"沙湾镇", []string{"沙湾村", "河口村", "柳树村"}},
}

var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
	givenNames = []string{"建国", "秀英", "志强", "桂兰", "海涛", "玉梅", "德明", "春花", "永红", "国华", "小平", "淑珍", "文斌", "金凤", "长生", "丽华", "水生", "冬梅", "福林", "银秀"}
)

// person is a deterministic fictional name.
func person(i int) string {
	return surnames[(i*7+3)%len(surnames)] + givenNames[(i*11+5)%len(givenNames)]
}

// maskedID shows a resident ID number the way a 去标识化 公示 does: region code and the
// last four characters only.
func maskedID(i int) string {
	last := fmt.Sprintf("%04d", (i*7919+311)%10000)
	if i%9 == 4 {
		last = last[:3] + "X"
	}
	return "439927********" + last
}

// maskedCard shows a bank card number with its middle masked.
func maskedCard(i int) string { return fmt.Sprintf("621799******%04d", (i*4421+97)%10000) }

// money writes fen as yuan with two decimals.
func money(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

func hmhnDocs() []doc {
	return []doc{gdflDoc(), njbtDoc(), dibaoQuarterDoc(), tekunQuarterDoc(), hlyLeakDoc(), zlbtLeakDoc(), lianluoDoc()}
}

// gdflDoc: 2025 耕地地力保护补贴, one row per village, and a household 名册 (xlsx).
func gdflDoc() doc {
	const rate = 10562 // fen per 亩: 105.62 元/亩
	var b strings.Builder
	b.WriteString("根据省财政厅、省农业农村厅关于2025年耕地地力保护补贴工作的通知要求，经农户申报、村级公示、乡镇审核、县级审定，现将我县2025年耕地地力保护补贴资金发放情况（以村为单位）公示如下。补贴标准为每亩105.62元，资金已通过“一卡通”直接发放到农户。\n")
	b.WriteString("| 序号 | 乡镇（街道） | 村 | 补贴户数（户） | 补贴面积（亩） | 补贴金额（元）\n")
	n, households, area10, totalFen := 0, 0, 0, int64(0)
	for ti, t := range villages {
		for vi, v := range t.Villages {
			n++
			h := 180 + (ti*37+vi*53)%260
			a := h*38 + (ti*131+vi*71)%400 // area in tenths of 亩
			fen := int64(a) * rate / 10
			households += h
			area10 += a
			totalFen += fen
			fmt.Fprintf(&b, "| %d | %s | %s | %d | %d.%d | %s\n", n, t.Town, v, h, a/10, a%10, money(fen))
		}
	}
	fmt.Fprintf(&b, "| 合计 |  |  | %d | %d.%d | %s\n", households, area10/10, area10%10, money(totalFen))
	b.WriteString("公示期为2025年6月20日至6月29日。对公示内容有异议的，请向县农业农村局反映，联系电话：0745-6227215；县纪委监委监督举报电话：12388。\n")
	b.WriteString("附件：青岚县2025年耕地地力保护补贴发放名册（节选）")

	rows := [][]string{{"序号", "乡镇（街道）", "村", "户主姓名", "身份证号码", "补贴面积（亩）", "补贴金额（元）", "“一卡通”账号"}}
	k := 0
	for _, t := range villages {
		for _, v := range t.Villages {
			for j := 0; j < 3; j++ {
				k++
				a := 25 + (k*17)%90 // tenths of 亩
				rows = append(rows, []string{fmt.Sprint(k), t.Town, v, person(k), maskedID(k),
					fmt.Sprintf("%d.%d", a/10, a%10), money(int64(a) * rate / 10), maskedCard(k)})
			}
		}
	}
	return doc{
		Key: "hm-gdfl2025", Col: "hmhn", Unit: "nyj", Recipients: "-",
		Title: "青岚县2025年耕地地力保护补贴资金发放情况公示", Written: "2025-06-18", Pub: "2025-06-20",
		Topic: `农业、林业、水利\惠农补贴`, Body: b.String(),
		Attach: []attachment{{Name: "青岚县2025年耕地地力保护补贴发放名册（节选）", Ext: "xlsx", Rows: rows}},
		Expect: []plant{onFile(lookalike(rulePrivacyLeak,
			"名册 with 身份证号码 and 一卡通账号 masked (439927********1234, 621799******1234): 去标识化 done right"),
			"青岚县2025年耕地地力保护补贴发放名册（节选）")},
	}
}

// njbtDoc: 2025 农机购置与应用补贴 results, one row per buyer.
func njbtDoc() doc {
	machines := []struct {
		Name string
		Fen  int64
	}{{"轮式拖拉机", 1860000}, {"自走式履带谷物联合收割机", 4250000}, {"乘坐式水稻插秧机", 1530000}, {"植保无人驾驶航空器", 1200000}, {"谷物烘干机", 2640000}}
	var b strings.Builder
	b.WriteString("根据《青岚县农机购置与应用补贴实施细则》，现将2025年第三批农机购置与应用补贴资金兑付情况公示如下：\n")
	b.WriteString("| 序号 | 购机者 | 乡镇（街道） | 村 | 机具品目 | 数量（台） | 补贴金额（元）\n")
	var total int64
	k := 0
	for ti, t := range villages {
		for vi, v := range t.Villages {
			if (ti+vi)%2 == 1 {
				continue
			}
			k++
			m := machines[(k*3)%len(machines)]
			total += m.Fen
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | 1 | %s\n", k, person(100+k), t.Town, v, m.Name, money(m.Fen))
		}
	}
	fmt.Fprintf(&b, "| 合计 |  |  |  |  | %d | %s\n", k, money(total))
	b.WriteString("公示期为7天。如有异议，请向县农业农村局农机股反映，联系电话：0745-6227226。")
	return doc{
		Key: "hm-njbt2025", Col: "hmhn", Unit: "nyj", Recipients: "-",
		Title: "青岚县2025年第三批农机购置与应用补贴资金兑付情况公示", Written: "2025-12-10", Pub: "2025-12-12",
		Topic: `农业、林业、水利\惠农补贴`, Body: b.String(),
	}
}

// villageQuarter is a 民政 quarterly payment table by village.
func villageQuarter(intro, outro string, perPersonFen int64, seed int) string {
	var b strings.Builder
	b.WriteString(intro + "\n")
	b.WriteString("| 序号 | 乡镇（街道） | 村 | 保障户数（户） | 保障人数（人） | 发放金额（元）\n")
	n, hh, pp, total := 0, 0, 0, int64(0)
	for ti, t := range villages {
		for vi, v := range t.Villages {
			n++
			h := 6 + (ti*13+vi*7+seed)%19
			p := h + (ti*5+vi*3+seed)%(h+1)
			fen := int64(p) * perPersonFen * 3
			hh += h
			pp += p
			total += fen
			fmt.Fprintf(&b, "| %d | %s | %s | %d | %d | %s\n", n, t.Town, v, h, p, money(fen))
		}
	}
	fmt.Fprintf(&b, "| 合计 |  |  | %d | %d | %s\n", hh, pp, money(total))
	b.WriteString(outro)
	return b.String()
}

func dibaoQuarterDoc() doc {
	return doc{
		Key: "hm-db2025q4", Col: "hmhn", Unit: "mzj", Recipients: "-",
		Title: "青岚县2025年第四季度农村最低生活保障金发放情况公示", Written: "2026-01-07", Pub: "2026-01-09",
		Topic: `民政、扶贫、救灾\社会救助`,
		Body: villageQuarter("2025年第四季度，全县农村最低生活保障金已通过“一卡通”足额发放到户。按照政务公开要求，现将发放情况（以村为单位）公示如下：",
			"监督电话：0745-6224012（县民政局社会救助股）。", 42000, 2),
	}
}

func tekunQuarterDoc() doc {
	return doc{
		Key: "hm-tk2026q1", Col: "hmhn", Unit: "mzj", Recipients: "-",
		Title: "青岚县2026年第一季度特困人员救助供养金发放情况公示", Written: "2026-04-08", Pub: "2026-04-10",
		Topic: `民政、扶贫、救灾\社会救助`,
		Body: villageQuarter("2026年第一季度，全县分散供养特困人员基本生活费和照料护理费已发放到位。现将发放情况（以村为单位）公示如下：",
			"监督电话：0745-6224012（县民政局社会救助股）。", 68000, 5),
	}
}

// hlyLeakDoc: a 护林员 补助 公示 whose table shows whole resident ID and mobile numbers
// (a planted privacy-leak in the page text).
func hlyLeakDoc() doc {
	var b strings.Builder
	b.WriteString("根据《青岚县生态护林员选聘和管理办法》，经村级推荐、乡镇审核、县林业主管部门审定，现将白石镇2025年度生态护林员补助发放情况公示如下：\n")
	b.WriteString("| 序号 | 村 | 姓名 | 身份证号码 | 管护面积（亩） | 补助金额（元） | 联系电话\n")
	for i := 1; i <= 6; i++ {
		v := villages[2].Villages[i%len(villages[2].Villages)]
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %d | 10000.00 | %s\n", i, v, person(200+i), residentID(200+i), 1200+i*150, mobile(200+i))
	}
	b.WriteString("公示期为2025年12月18日至12月24日。如有异议，请向白石镇人民政府反映，联系电话：0745-6231008。")
	return doc{
		Key: "hm-hly2025", Col: "hmhn", Unit: "nyj", Recipients: "-",
		Title: "白石镇2025年度生态护林员补助发放情况公示", Pub: "2025-12-18",
		Topic: `农业、林业、水利\惠农补贴`, Body: b.String(),
		Expect: []plant{violation(rulePrivacyLeak,
			"table shows 6 whole 身份证号码 (valid check digits) and 6 personal mobile numbers of the 护林员")},
	}
}

// zlbtLeakDoc: a 种粮补贴 公示 by village whose 名册 attachment lists households with
// whole resident ID and 一卡通 account numbers (a planted privacy-leak in an attachment).
func zlbtLeakDoc() doc {
	rows := [][]string{{"序号", "村", "户主姓名", "身份证号码", "种植面积（亩）", "补贴金额（元）", "“一卡通”账号"}}
	for i := 1; i <= 9; i++ {
		v := villages[3].Villages[i%len(villages[3].Villages)]
		a := 30 + (i*23)%70 // tenths of 亩
		rows = append(rows, []string{fmt.Sprint(i), v, person(300 + i), residentID(300 + i),
			fmt.Sprintf("%d.%d", a/10, a%10), money(int64(a) * 1350 / 10), cardNumber(300 + i)})
	}
	body := `根据上级有关文件要求，现将沙湾镇2025年实际种粮农民一次性补贴发放情况公示如下：
| 村 | 补贴户数（户） | 补贴面积（亩） | 补贴金额（元）
| 沙湾村 | 312 | 1423.6 | 19218.60
| 河口村 | 268 | 1187.2 | 16027.20
| 柳树村 | 295 | 1301.5 | 17570.25
公示期为7天。详细名册见附件。联系电话：0745-6233016。`
	name := "沙湾镇2025年实际种粮农民一次性补贴发放名册"
	return doc{
		Key: "hm-zlbt2025", Col: "hmhn", Unit: "nyj", Recipients: "-",
		Title: "沙湾镇2025年实际种粮农民一次性补贴发放情况公示", Pub: "2025-09-12",
		Topic: `农业、林业、水利\惠农补贴`, Body: body,
		Attach: []attachment{{Name: name, Ext: "xlsx", Rows: rows}},
		Expect: []plant{onFile(violation(rulePrivacyLeak,
			"名册 lists 9 whole 身份证号码 and 9 一卡通 account numbers passing Luhn"), name)},
	}
}

// lianluoDoc: officials' work mobiles in a contact list, and one contact line: published
// on purpose, not personal data to flag.
func lianluoDoc() doc {
	var b strings.Builder
	b.WriteString("为加强惠民惠农财政补贴资金“一卡通”监督管理，现将各乡镇（街道）监管联络员名单公布如下，接受群众咨询和监督：\n")
	b.WriteString("| 序号 | 乡镇（街道） | 姓名 | 职务 | 手机\n")
	for i, t := range villages {
		fmt.Fprintf(&b, "| %d | %s | %s | 财政所所长 | %s\n", i+1, t.Town, person(400+i), mobile(400+i))
	}
	fmt.Fprintf(&b, "县级联系人：县财政局农财股 %s，电话：%s。", person(410), mobile(410))
	return doc{
		Key: "hm-llyxx2025", Col: "hmhn", Unit: "czj", Recipients: "-",
		Title: "青岚县惠民惠农财政补贴资金“一卡通”监管联络员名单", Pub: "2025-03-10",
		Topic: `财政、金融、审计\惠农补贴`, Body: b.String(),
		Expect: []plant{lookalike(rulePrivacyLeak,
			"officials' work mobiles in a contact list with a 职务 column, and a single contact line: published on purpose")},
	}
}
