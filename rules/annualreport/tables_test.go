package annualreport

import (
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func outcomes(checks []Check) (fail, undet []string, pass int) {
	for _, c := range checks {
		switch c.Outcome {
		case Fail:
			fail = append(fail, c.Key)
		case Undetermined:
			undet = append(undet, c.Key)
		default:
			pass++
		}
	}
	slices.Sort(fail)
	slices.Sort(undet)
	return
}

// TestRealisticReports parses whole report pages through the extractor: a county's 2023
// report in the 2021 format with planted errors (a row total, the 总计 column's outcome sum,
// table 四's 行政复议 total) and a blank cell; its consistent 2022 report; a department's
// 2020 report in the 2019 trial format with a wrong （七）总计; a report without table 四.
func TestRealisticReports(t *testing.T) {
	for _, tc := range []struct {
		page          string
		format        string
		fail, undet   []string
		reviewChecked int
	}{
		{"county_2023", "2021",
			[]string{"三:row:（四）无法提供·1.本机关不掌握相关政府信息", "三:三(七)=（一）…（六）:总计", "四:行政复议"},
			[]string{"三:row:二、上年结转政府信息公开申请数量", "三:一+二=三(七)+四:法人或其他组织·科研机构"}, 3},
		{"county_2022", "2021", nil, nil, 3},
		{"dept_2020_trial", "2019",
			[]string{"三:一+二=三(七)+四:总计", "三:一+二=三(七)+四:自然人", "三:三(七)=（一）…（六）:总计", "三:三(七)=（一）…（六）:自然人"}, nil, 3},
		{"dept_2022_no4", "2021", nil, nil, 0},
	} {
		t.Run(tc.page, func(t *testing.T) {
			p := page(t, tc.page)
			at, err := FindApplicationTable(p.Tables)
			if err != nil {
				t.Fatal(err)
			}
			if at.Format != tc.format {
				t.Errorf("format %s, want %s", at.Format, tc.format)
			}
			if len(at.Columns) != 7 {
				t.Errorf("columns %q", at.Columns)
			}
			checks := at.Checks()
			rt := FindReviewTable(p.Tables)
			n := 0
			if rt != nil {
				rc := rt.Checks()
				n = len(rc)
				checks = append(checks, rc...)
			}
			if n != tc.reviewChecked {
				t.Errorf("table 四 identities %d, want %d", n, tc.reviewChecked)
			}
			fail, undet, pass := outcomes(checks)
			if !slices.Equal(fail, tc.fail) {
				t.Errorf("failed:\n got %q\nwant %q", fail, tc.fail)
			}
			if !slices.Equal(undet, tc.undet) {
				t.Errorf("undetermined:\n got %q\nwant %q", undet, tc.undet)
			}
			// 7 columns × 2 column identities + one per row (26 rows in 2021, 24 in 2019).
			if min := 7*2 + 24; pass+len(fail)+len(undet) < min {
				t.Errorf("only %d identities checked, want at least %d", pass+len(fail)+len(undet), min)
			}
		})
	}
}

func TestEvidenceNamesTheNumbers(t *testing.T) {
	at, err := FindApplicationTable(page(t, "county_2023").Tables)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"三:row:（四）无法提供·1.本机关不掌握相关政府信息": "table 三, row （四）无法提供·1.本机关不掌握相关政府信息: 总计 8 ≠ 自然人 6 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 7",
		"三:三(七)=（一）…（六）:总计":            "table 三, column 总计: 三(七) 总计 45 ≠ （一） 18 + （二） 5 + （三） 4 + （四） 11 + （五） 4 + （六） 4 = 46",
		"三:一+二=三(七)+四:法人或其他组织·科研机构":    "table 三, column 法人或其他组织·科研机构: not checked, 二 上年结转 is (blank)",
	}
	for _, c := range at.Checks() {
		if w, ok := want[c.Key]; ok && c.Evidence != w {
			t.Errorf("%s:\n got %s\nwant %s", c.Key, c.Evidence, w)
		}
	}
}

func TestCarryOverAcrossYears(t *testing.T) {
	prev, err := FindApplicationTable(page(t, "county_2022").Tables)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := FindApplicationTable(page(t, "county_2023").Tables)
	if err != nil {
		t.Fatal(err)
	}
	checks := CarryOver(prev, cur, 2022, 2023)
	fail, undet, pass := outcomes(checks)
	if !slices.Equal(fail, []string{"cross-year:总计", "cross-year:自然人"}) || !slices.Equal(undet, []string{"cross-year:法人或其他组织·科研机构"}) || pass != 4 {
		t.Fatalf("fail %q undet %q pass %d", fail, undet, pass)
	}
	for _, c := range checks {
		if c.Key == "cross-year:自然人" && c.Evidence != "column 自然人: 2023 二 上年结转 2 ≠ 2022 四 结转下年度 3" {
			t.Errorf("evidence %q", c.Evidence)
		}
	}
}

// head is table 三's header as the template draws it (3 label columns, spans expanded).
var head = [][]string{
	{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"},
	{"^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"},
	{"^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"},
}

func synth(rows ...[]string) facts.Table {
	return grid(append(append([][]string{}, head...), rows...)...)
}

func row(label1, label2, label3 string, v ...string) []string {
	return append([]string{label1, label2, label3}, v...)
}

func TestSyntheticTables(t *testing.T) {
	zero := []string{"0", "0", "0", "0", "0", "0", "0"}
	ones := []string{"1", "0", "0", "0", "0", "0", "1"}
	base := func(extra ...[]string) facts.Table {
		rows := [][]string{
			row("一、本年新收政府信息公开申请数量", "<", "<", ones...),
			row("二、上年结转政府信息公开申请数量", "<", "<", zero...),
		}
		rows = append(rows, extra...)
		rows = append(rows,
			row("^", "（七）总计", "<", ones...),
			row("四、结转下年度继续办理", "<", "<", zero...))
		return synth(rows...)
	}
	groups := func(first []string) [][]string {
		return [][]string{
			row("三、本年度办理结果", "（一）予以公开", "<", first...),
			row("^", "（二）部分公开", "<", zero...),
			row("^", "（三）不予公开", "1.属于国家秘密", zero...),
			row("^", "（四）无法提供", "1.本机关不掌握相关政府信息", zero...),
			row("^", "（五）不予处理", "1.信访举报投诉类申请", zero...),
			row("^", "（六）其他处理", "<", zero...),
		}
	}
	for _, tc := range []struct {
		name        string
		table       facts.Table
		fail, undet []string
		format      string
		err         string
	}{
		{name: "consistent, trial format", table: base(groups(ones)...), format: "2019"},
		{name: "0 is not blank: a 0 where 1 is due fails", table: base(groups(zero)...), format: "2019",
			fail: []string{"三:三(七)=（一）…（六）:总计", "三:三(七)=（一）…（六）:自然人"}},
		{name: "blank makes it undetermined", table: base(groups([]string{"", "0", "0", "0", "0", "0", "1"})...), format: "2019",
			undet: []string{"三:row:（一）予以公开", "三:三(七)=（一）…（六）:自然人"}},
		{name: "a dash is blank too", table: base(groups([]string{"—", "0", "0", "0", "0", "0", "1"})...), format: "2019",
			undet: []string{"三:row:（一）予以公开", "三:三(七)=（一）…（六）:自然人"}},
		{name: "group headings on their own rows, items under them, a wrong 小计", format: "2021",
			table: base(
				row("三、本年度办理结果", "（一）予以公开", "<", ones...),
				row("^", "（二）部分公开", "<", zero...),
				row("^", "（三）不予公开", "<", "", "", "", "", "", "", ""),
				row("^", "1.属于国家秘密", "<", zero...),
				row("^", "2.其他法律行政法规禁止公开", "<", zero...),
				row("^", "小计", "<", "1", "0", "0", "0", "0", "0", "1"),
				row("^", "（四）无法提供", "<", zero...),
				row("^", "（五）不予处理", "<", zero...),
				row("^", "（六）其他处理", "1.申请人无正当理由逾期不补正", zero...),
				row("^", "^", "2.申请人逾期未按收费通知要求缴纳费用", zero...),
				row("^", "^", "3.其他", zero...),
			),
			fail: []string{"三:三(七)=（一）…（六）:总计", "三:三(七)=（一）…（六）:自然人", "三:小计（三）不予公开:总计", "三:小计（三）不予公开:自然人"}},
		{name: "not table 三", table: grid([]string{"信息内容", "本年制发件数"}, []string{"规章", "0"}), err: "no row 一、本年新收"},
		{name: "no 结转下年度 row", table: synth(row("一、本年新收政府信息公开申请数量", "<", "<", ones...)), err: "no row 二、上年结转"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, err := ParseApplicationTable(tc.table)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if at.Format != tc.format {
				t.Errorf("format %s, want %s", at.Format, tc.format)
			}
			fail, undet, _ := outcomes(at.Checks())
			if !slices.Equal(fail, tc.fail) || !slices.Equal(undet, tc.undet) {
				t.Errorf("fail %q undet %q\nwant fail %q undet %q", fail, undet, tc.fail, tc.undet)
			}
		})
	}
}

func TestSplitTableJoined(t *testing.T) {
	full := synth(
		row("一、本年新收政府信息公开申请数量", "<", "<", "1", "0", "0", "0", "0", "0", "1"),
		row("二、上年结转政府信息公开申请数量", "<", "<", "0", "0", "0", "0", "0", "0", "0"),
		row("三、本年度办理结果", "（一）予以公开", "<", "1", "0", "0", "0", "0", "0", "1"),
		row("^", "（七）总计", "<", "1", "0", "0", "0", "0", "0", "1"),
		row("四、结转下年度继续办理", "<", "<", "0", "0", "0", "0", "0", "0", "0"))
	top := facts.Table{Rows: full.Rows[:5]}
	bottom := facts.Table{Rows: full.Rows[5:]}
	at, err := FindApplicationTable([]facts.Table{top, bottom})
	if err != nil {
		t.Fatal(err)
	}
	if at.row(RowCarryOut) == nil {
		t.Fatal("the second half was not joined")
	}
	if _, err := FindApplicationTable([]facts.Table{top}); err == nil || !strings.Contains(err.Error(), "not readable") {
		t.Errorf("half a table: err %v", err)
	}
	if _, err := FindApplicationTable(nil); err == nil || !strings.Contains(err.Error(), "no HTML table 三") {
		t.Errorf("no table: err %v", err)
	}
}

func TestReviewTableSplitInTwo(t *testing.T) {
	fy := grid(
		[]string{"行政复议", "<", "<", "<", "<"},
		[]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
		[]string{"1", "0", "0", "1", "2"})
	ss := grid(
		[]string{"行政诉讼", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
		[]string{"未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"},
		[]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
		[]string{"0", "0", "0", "0", "0", "1", "", "0", "0", "1"})
	rt := FindReviewTable([]facts.Table{fy, ss})
	if rt == nil || len(rt.Groups) != 3 {
		t.Fatalf("groups: %+v", rt)
	}
	fail, undet, pass := outcomes(rt.Checks())
	if len(fail) != 0 || !slices.Equal(undet, []string{"四:行政诉讼·复议后起诉"}) || pass != 2 {
		t.Errorf("fail %q undet %q pass %d", fail, undet, pass)
	}
}

func TestParseNum(t *testing.T) {
	for in, want := range map[string]Num{
		"12": {V: 12, Raw: "12"}, "０": {V: 0, Raw: "０"}, " 3件 ": {V: 3, Raw: "3件"},
		"": {Blank: true}, "—": {Blank: true, Raw: "—"}, "/": {Blank: true, Raw: "/"}, "无": {Blank: true, Raw: "无"},
	} {
		if got := parseNum(facts.Cell{Text: in}); got != want {
			t.Errorf("parseNum(%q) = %+v, want %+v", in, got, want)
		}
	}
	if got := parseNum(facts.Cell{Text: "5", Copy: true}); !got.Blank {
		t.Errorf("a copied (merged) number must not count: %+v", got)
	}
}

// TestLayoutsOfRealSites: item rows without numbers, item numbers in a column of their
// own, and a row shifted by a stray cell (its figures are not read, not misread).
func TestLayoutsOfRealSites(t *testing.T) {
	zero := []string{"0", "0", "0", "0", "0", "0", "0"}
	ones := []string{"1", "0", "0", "0", "0", "0", "1"}
	// Four label columns: result, group, item number, item label.
	head4 := [][]string{
		{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"},
		{"^", "^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"},
		{"^", "^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"},
	}
	r4 := func(a, b, c, d string, v ...string) []string { return append([]string{a, b, c, d}, v...) }
	rows := append([][]string{}, head4...)
	rows = append(rows,
		r4("一、本年新收政府信息公开申请数量", "<", "<", "<", ones...),
		r4("二、上年结转政府信息公开申请数量", "<", "<", "<", zero...),
		r4("三、本年度办理结果", "（一）予以公开", "<", "<", zero...),
		r4("^", "（二）部分公开", "<", "<", zero...),
		r4("^", "（三）不予公开", "1", "属于国家秘密", zero...),
		r4("^", "^", "2", "其他法律行政法规禁止公开", ones...),
		r4("^", "（四）无法提供", "1", "本机关不掌握相关政府信息", zero...),
		r4("^", "（五）不予处理", "1", "信访举报投诉类申请", zero...),
		r4("^", "（六）其他处理", "<", "<", zero...),
		r4("^", "（七）总计", "<", "<", ones...),
		r4("四、结转下年度继续办理", "<", "<", "<", zero...),
		r4("注：本表数据截至2023年12月31日。", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"),
	)
	at, err := ParseApplicationTable(grid(rows...))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(at.items(3)); n != 2 {
		t.Errorf("items of （三）: %d, want 2", n)
	}
	if fail, undet, _ := outcomes(at.Checks()); len(fail)+len(undet) != 0 {
		t.Errorf("fail %q undet %q", fail, undet)
	}

	// Items without numbers under group rows of their own.
	at, err = ParseApplicationTable(synth(
		row("一、本年新收政府信息公开申请数量", "<", "<", ones...),
		row("二、上年结转政府信息公开申请数量", "<", "<", zero...),
		row("三、本年度办理结果", "（一）予以公开", "<", zero...),
		row("^", "（二）部分公开", "<", zero...),
		row("^", "（三）不予公开", "<", "", "", "", "", "", "", ""),
		row("^", "属于国家秘密", "<", zero...),
		row("^", "保护第三方合法权益", "<", ones...),
		row("^", "（四）无法提供", "<", zero...),
		row("^", "（五）不予处理", "<", zero...),
		row("^", "（六）其他处理", "<", zero...),
		row("^", "（七）总计", "<", ones...),
		row("四、结转下年度继续办理", "<", "<", zero...)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(at.items(3)); n != 2 {
		t.Errorf("unnumbered items of （三）: %d, want 2", n)
	}
	if fail, undet, _ := outcomes(at.Checks()); len(fail)+len(undet) != 0 {
		t.Errorf("fail %q undet %q", fail, undet)
	}

	// A stray empty cell at the start of one row shifts its figures right.
	shifted := synth(
		row("一、本年新收政府信息公开申请数量", "<", "<", ones...),
		row("二、上年结转政府信息公开申请数量", "<", "<", zero...),
		row("三、本年度办理结果", "（一）予以公开", "<", ones...),
		append([]string{"^", "", "（二）部分公开"}, append(append([]string{}, zero[:6]...), "0", "0")...),
		row("^", "（三）不予公开", "1.属于国家秘密", zero...),
		row("^", "（四）无法提供", "1.本机关不掌握相关政府信息", zero...),
		row("^", "（五）不予处理", "1.信访举报投诉类申请", zero...),
		row("^", "（六）其他处理", "<", zero...),
		row("^", "（七）总计", "<", ones...),
		row("四、结转下年度继续办理", "<", "<", zero...))
	for i := range shifted.Rows {
		for len(shifted.Rows[i]) < 11 {
			shifted.Rows[i] = append(shifted.Rows[i], facts.Cell{})
		}
	}
	at, err = ParseApplicationTable(shifted)
	if err != nil {
		t.Fatal(err)
	}
	fail, undet, _ := outcomes(at.Checks())
	if len(fail) != 0 || !slices.Contains(undet, "三:row:（二）部分公开") {
		t.Errorf("shifted row: fail %q undet %q", fail, undet)
	}
}

// TestBlankHeavyTable: many real reports leave zeros blank, even in the 总计 column of
// the outcome rows. Identities touching a blank are undetermined; the others are still
// judged (the planted 自然人 balance error of the trial-format report is still found).
func TestBlankHeavyTable(t *testing.T) {
	p := page(t, "dept_2020_trial")
	var tb facts.Table
	for _, x := range p.Tables {
		if tableHas(x, "自然人") {
			tb = x
		}
	}
	at0, err := ParseApplicationTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	// Blank every 0, and the 总计 column of every outcome row.
	for r := range tb.Rows {
		outcome := rowHas(tb.Rows[r], "办理结果") && !rowHas(tb.Rows[r], "总计")
		for c := range tb.Rows[r] {
			cell := &tb.Rows[r][c]
			if cell.Text == "0" || (outcome && c == len(tb.Rows[r])-1 && !cell.Copy) {
				cell.Text = ""
			}
		}
	}
	at, err := ParseApplicationTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	fail, undet, _ := outcomes(at.Checks())
	if !slices.Equal(fail, []string{"三:一+二=三(七)+四:总计", "三:一+二=三(七)+四:自然人"}) {
		t.Errorf("fail %q", fail)
	}
	if len(undet) < 20 {
		t.Errorf("%d undetermined", len(undet))
	}
	if len(at.Checks()) != len(at0.Checks()) {
		t.Errorf("blanks changed the identities: %d, before %d", len(at.Checks()), len(at0.Checks()))
	}
}
