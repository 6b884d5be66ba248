package rules

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

var privacyRef = facts.D(2026, 6, 30)

// TestResidentIDNumbers is the table of true and false 18- and 15-digit numbers.
func TestResidentIDNumbers(t *testing.T) {
	for _, tc := range []struct {
		n      string
		valid  bool
		reason string
	}{
		{"110101199003074514", true, "北京 东城, born 1990-03-07, check 4"},
		{"51072219850612002X", true, "check character X"},
		{"51072219850612002x", true, "lower-case x is written too"},
		{"439927196201011238", true, "province 43, born 1962"},
		{"51072219901231999X", true, "born on 31 December"},
		{"11010120080808001X", true, "a child (17 at the page date)"},
		{"810000199501011237", true, "香港 81"},
		{"710101197001010018", true, "台湾 71"},
		{"440306198808081230", true, "深圳 南山"},
		{"110101199003074515", false, "check digit wrong (4 expected)"},
		{"51072219850612002Y", false, "not a check character"},
		{"510722202607011235", false, "born 2026-07-01: after the page date"},
		{"510722209901011238", false, "born 2099"},
		{"510722190001011235", false, "born 1900: 126 years old"},
		{"510722199002301235", false, "30 February"},
		{"510722199013011235", false, "month 13"},
		{"160101199001011236", false, "province 16 does not exist"},
		{"915107221990030741", false, "province 91: a 统一社会信用代码 shape"},
		{"125107221990010110", false, "a 统一社会信用代码 (事业单位 12) whose digits 7–14 are no date"},
		{"202305301234567890", false, "a timestamp serial: province 20"},
		{"00001434820203514", false, "17 digits"},
	} {
		if got := validID18(tc.n, privacyRef); got != tc.valid {
			t.Errorf("validID18(%s) = %v, want %v (%s)", tc.n, got, tc.valid, tc.reason)
		}
	}
	for _, tc := range []struct {
		n      string
		valid  bool
		reason string
	}{
		{"110101900307451", true, "北京, born 1990-03-07"},
		{"510722620101123", true, "born 1962-01-01"},
		{"510722901301123", false, "month 13"},
		{"160101900101123", false, "province 16"},
		{"123456789012345", false, "born 1978-90-12: no date"},
	} {
		if got := validID15(tc.n, privacyRef); got != tc.valid {
			t.Errorf("validID15(%s) = %v, want %v (%s)", tc.n, got, tc.valid, tc.reason)
		}
	}
}

func TestLuhn(t *testing.T) {
	for _, tc := range []struct {
		n    string
		want bool
	}{
		{"6217991234567890124", true},
		{"6222021234567894", true},
		{"621700123456789011", true},
		{"6230591122334455668", true},
		{"4000123456789017", true},
		{"6217991234567890125", false},
		{"6222021234567895", false},
	} {
		if got := piiLuhn(tc.n); got != tc.want {
			t.Errorf("luhn(%s) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

// TestPIIScan: lines as pages and attachments show them, with what must (not) be found.
func TestPIIScan(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  string // kinds found with masked first number: "身份证号 1101**********4514"
	}{
		// Resident IDs need no context: the number proves itself.
		{"ID in prose", []string{"经查，张三（身份证号110101199003074514）符合条件。"}, "身份证号 1101**********4514"},
		{"ID in a table row", []string{"序号 姓名 身份证号码 补贴金额", "1 王建国 51072219850612002X 1200.00"}, "身份证号 5107**********002X"},
		{"full-width digits", []string{"身份证号：１１０１０１１９９００３０７４５１４"}, "身份证号 1101**********4514"},
		{"two IDs counted once each", []string{"110101199003074514 110101199003074514 439927196201011238"}, "身份证号 1101**********4514 ×2"},
		{"masked with stars", []string{"1 王建国 510722********1234 6217 **** **** 1234"}, ""},
		{"masked birth date", []string{"身份证号：5107221990****1234"}, ""},
		{"masked mobile", []string{"姓名 电话", "王建国 138****5678", "李秀英 139****1234"}, ""},
		{"wrong check digit", []string{"身份证号：110101199003074515"}, ""},
		{"future birth date", []string{"身份证号：510722202607011235"}, ""},
		{"索引号 with 统一社会信用代码", []string{"索引号：11510722MB1234567X/2023-00123"}, ""},
		{"索引号 organisation code", []string{"索 引 号：000014348/2020-35147"}, ""},
		{"all-digit code before /year", []string{"索引号：440306198808081230/2024-00012"}, ""},
		{"统一社会信用代码 label", []string{"统一社会信用代码：440306198808081230"}, ""},
		{"统一社会信用代码 column", []string{"序号 单位名称 统一社会信用代码", "1 青岚县某某合作社 440306198808081230"}, ""},
		{"文号 and dates", []string{"青政发〔2025〕12号 2025年6月30日 20250630"}, ""},
		{"order number failing checksum", []string{"订单号：510722199003074510"}, ""},
		{"in a URL", []string{"详见 http://www.x.gov.cn/art/110101199003074514.html"}, ""},
		{"TRS file name", []string{"附件：P020250220396418271.docx"}, ""},
		{"query string", []string{"/detail?id=110101199003074514"}, ""},
		{"site-relative path", []string{"原文地址：/art/2024/110101199003074514.html"}, ""},
		{"a file named by an ID is a leak", []string{"附件：110101199003074514.jpg"}, "身份证号 1101**********4514"},
		{"a table ends at a sentence", []string{"序号 姓名 村", "1 王建国 白石村", "以上名单公示7天。", "缴款账号：6217991234567890124"}, ""},

		// Legacy 15-digit IDs only under an ID label or column.
		{"15-digit under label", []string{"身份证号：110101900307451"}, "15位身份证号 1101*******7451"},
		{"15-digit in ID column", []string{"姓名 身份证号 金额", "王建国 510722620101123 500"}, "15位身份证号 5107*******1123"},
		{"15-digit without label", []string{"编号 110101900307451"}, ""},
		{"15-digit account under 账号", []string{"户名 账号 金额", "王建国 110101900307451 500"}, ""},

		// Bank cards: Luhn, card context, a person.
		{"一卡通 column in a person list", []string{"序号 户主姓名 “一卡通”账号 金额", "1 王建国 6217991234567890124 105.62", "2 李秀英 6222021234567894 88.00"}, "银行卡/一卡通账号 6217 **** **** 0124 ×2"},
		{"grouped card under label", []string{"姓名：王建国 卡号：6222 0212 3456 7894"}, "银行卡/一卡通账号 6222 **** **** 7894"},
		{"card failing Luhn", []string{"姓名 账号", "王建国 6217991234567890125"}, ""},
		{"government account for payments", []string{"户名：青岚县财政局 开户行：农行青岚支行 账号：6217991234567890124"}, ""},
		{"account number without any label", []string{"王建国 6217991234567890124"}, ""},
		{"card label but no person", []string{"缴款账号：6217991234567890124"}, ""},
		{"masked card", []string{"姓名 账号", "王建国 6217********0124"}, ""},

		// Mobiles in lists of people only.
		{"mobiles in a person list", []string{"序号 姓名 身份证号 联系电话", "1 王建国 5107**********002X 13812345678", "2 李秀英 5107**********1234 13987654321"}, "手机号码 138****5678 ×2"},
		{"one mobile is no list", []string{"序号 姓名 联系电话", "1 王建国 13812345678", "2 李秀英 0745-6221035"}, ""},
		{"contact line in a notice", []string{"联系人：张三，电话：13812345678。", "联系人：李四，电话：13987654321。"}, ""},
		{"officials' contact list", []string{"姓名 职务 手机", "周明远 县长 13812345678", "李卫东 副县长 13987654321"}, ""},
		{"office windows", []string{"窗口名称 联系人 联系电话", "社保窗口 王建国 13812345678", "医保窗口 李秀英 13987654321"}, ""},
		{"office landlines", []string{"序号 姓名 电话", "1 王建国 0745-6221035", "2 李秀英 0745-6221036"}, ""},
		{"mobiles without a header", []string{"王建国 13812345678", "李秀英 13987654321"}, ""},
		{"contact lines under a person list", []string{"序号 姓名 性别 出生年月", "1 王建国 男 1980.05", "联系人 李四 13812345678 张三 13987654321", "监督电话 13812345679 13987654320 （县纪委）"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newPIIScan(privacyRef)
			s.scanLines(tc.lines, "line")
			if got := summarizeHits(s.hits); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func summarizeHits(hits []piiHit) string {
	var parts []string
	count := map[piiKind]int{}
	first := map[piiKind]string{}
	var order []piiKind
	for _, h := range hits {
		if count[h.Kind] == 0 {
			order = append(order, h.Kind)
			first[h.Kind] = h.Masked
		}
		count[h.Kind]++
	}
	for _, k := range order {
		s := k.String() + " " + first[k]
		if count[k] > 1 {
			s += " ×" + string(rune('0'+count[k]))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// TestPrivacyLeak judges pages and attachments through the engine.
func TestPrivacyLeak(t *testing.T) {
	cfg := only(defaultConfig(t), "privacy-leak")
	roster := "序号\t乡镇\t村\t户主姓名\t身份证号码\t补贴面积（亩）\t补贴金额（元）\t“一卡通”账号\n" +
		"1\t白石镇\t白石村\t王建国\t110101199003074514\t3.5\t369.67\t6217991234567890124\n" +
		"2\t白石镇\t白石村\t李秀英\t51072219850612002X\t2.1\t221.80\t6222021234567894\n"
	masked := "序号\t乡镇\t村\t户主姓名\t身份证号码\t补贴面积（亩）\t补贴金额（元）\t“一卡通”账号\n" +
		"1\t白石镇\t白石村\t王建国\t1101**********4514\t3.5\t369.67\t6217 **** **** 0124\n"
	pages := []*facts.Page{
		doc("/hmhn/leak.html", "惠民惠农", title("白石镇2025年耕地地力保护补贴发放公示"), func(p *facts.Page) {
			p.Text = "现将发放情况公示如下。"
			p.Attachments = []facts.Attachment{
				{URL: "http://x.gov.cn/hmhn/mc.xlsx", Name: "2025年耕地地力保护补贴发放名册.xlsx", Ext: "xlsx", Text: roster},
				{URL: "http://x.gov.cn/hmhn/ok.xlsx", Name: "2025年发放名册（去标识化）.xlsx", Ext: "xlsx", Text: masked},
				{URL: "http://x.gov.cn/hmhn/scan.pdf", Name: "发放名册（扫描件）.pdf", Ext: "pdf", Unreadable: "no text layer"},
				{URL: "http://x.gov.cn/hmhn/photo.pdf", Name: "现场照片.pdf", Ext: "pdf", Unreadable: "no text layer"},
			}
		}),
		// The same file linked again from another page: judged once.
		doc("/hmhn/again.html", "惠民惠农", title("关于补贴发放的说明"), func(p *facts.Page) {
			p.Text = "见附件。"
			p.Attachments = []facts.Attachment{{URL: "http://x.gov.cn/hmhn/mc.xlsx", Name: "名册.xlsx", Text: roster}}
		}),
		// The stored list.xls page below, also linked (with its text) from a page: judged once.
		doc("/hmhn/dup.html", "惠民惠农", title("低保名单"), func(p *facts.Page) {
			p.Text = "见附件。"
			p.Attachments = []facts.Attachment{{URL: "http://x.gov.cn/files/list.xls", Name: "低保名单.xls",
				Text: "姓名 身份证号 电话\n王建国 110101199003074514 13812345678\n李秀英 51072219850612002X 13987654321\n"}}
		}),
		// Read once by the first page, named by TextAt elsewhere.
		doc("/hmhn/third.html", "惠民惠农", title("转发"), func(p *facts.Page) {
			p.Text = "见附件。"
			p.Attachments = []facts.Attachment{{URL: "http://x.gov.cn/hmhn/other.xlsx", TextAt: "http://x.gov.cn/elsewhere.html"}}
		}),
		doc("/tzgg/id.html", "通知公告", title("关于张三的处罚决定"), func(p *facts.Page) {
			p.Text = "当事人：张三，身份证号码：110101199003074514，住址：……"
		}),
		doc("/tzgg/masked.html", "通知公告", title("关于李四的处罚决定"), func(p *facts.Page) {
			p.Text = "当事人：李四，身份证号码：110101********4514，联系人：王五，电话：13812345678。"
		}),
		doc("/zn/guide.html", "指南", title("政府信息公开指南"), func(p *facts.Page) {
			p.Text = "联系电话：0745-6221035\n传真号码：0745-6221036\n统一社会信用代码：440306198808081230"
		}),
		{URL: "http://x.gov.cn/files/list.xls", Kind: facts.KindAttachment, Title: "低保名单.xls",
			Text: "姓名 身份证号 电话\n王建国 110101199003074514 13812345678\n李秀英 51072219850612002X 13987654321\n"},
	}
	res := judge(t, cfg, pages...)
	want := []string{
		"privacy-leak /files/list.xls",
		"privacy-leak /hmhn/mc.xlsx",
		"privacy-leak /tzgg/id.html",
		"?privacy-leak /hmhn/scan.pdf",
	}
	if g := strings.Join(got(res), ";"); g != strings.Join(want, ";") {
		t.Fatalf("got %q\nwant %q", g, strings.Join(want, ";"))
	}
	for _, f := range res.Findings {
		for _, whole := range []string{"110101199003074514", "51072219850612002X", "6217991234567890124", "13812345678"} {
			if strings.Contains(f.Evidence, whole) || strings.Contains(f.Title, whole) {
				t.Errorf("evidence repeats a whole number %s: %s", whole, f.Evidence)
			}
		}
		if f.Severity != SeverityCritical {
			t.Errorf("severity %s, want critical", f.Severity)
		}
	}
	ev := res.Findings[1].Evidence
	for _, part := range []string{"身份证号: 2 ", "1101**********4514", "银行卡/一卡通账号: 2 ", "6217 **** **** 0124", "2025年耕地地力保护补贴发放名册.xlsx", "/hmhn/leak.html"} {
		if !strings.Contains(ev, part) {
			t.Errorf("evidence %q lacks %q", ev, part)
		}
	}
	if ev := res.Findings[0].Evidence; !strings.Contains(ev, "手机号码: 2 ") {
		t.Errorf("mobiles not counted: %s", ev)
	}
	// Judged: 7 pages with text, 3 readable files (mc, ok, and list.xls once).
	if n := res.Rules[0].Judged; n != 10 {
		t.Errorf("judged = %d, want 10", n)
	}
	if !cfg.Rules["privacy-leak"].Veto {
		t.Errorf("privacy-leak should be a veto rule (单项否决)")
	}
}
