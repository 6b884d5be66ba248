package facts

import "testing"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"2023-05-30", "2023-05-30"},
		{"2023年5月30日", "2023-05-30"},
		{"2023/05/30 09:30", "2023-05-30"},
		{"发布日期：2020年08月02日", "2020-08-02"},
		{"2019 年 01 月 27 日", "2019-01-27"},
		{"2023.5.3", "2023-05-03"},
		{"20230530", "2023-05-30"},
		{"2023-02-30", ""},
		{"000014348/2020-35147", ""},
		{"无", ""},
		{"", ""},
	} {
		got, ok := ParseDate(tc.in)
		if got.String() != tc.want || ok != (tc.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := D(2023, 12, 30)
	if got := d.AddDays(3).String(); got != "2024-01-02" {
		t.Errorf("AddDays = %s", got)
	}
	if n := D(2024, 2, 28).DaysUntil(D(2024, 3, 1)); n != 2 {
		t.Errorf("DaysUntil over leap day = %d, want 2", n)
	}
	if !D(2023, 9, 27).Before(D(2023, 10, 9)) || D(2023, 10, 9).Compare(D(2023, 10, 9)) != 0 {
		t.Error("Compare")
	}
}

func TestVocabularyMatch(t *testing.T) {
	v := Vocabulary{
		{Kind: "规范性文件", Names: []string{"行政规范性文件", "规范性文件"}},
		{Kind: "政策文件", Names: []string{"政策文件", "政府文件"}},
		{Kind: "政策解读", Names: []string{"政策解读", "解读"}},
		{Kind: "年报", Names: []string{"政府信息公开年报", "年度报告", "年报"}},
		{Kind: "指南", Names: []string{"政府信息公开指南", "公开指南"}},
	}
	for in, want := range map[string]string{
		"行政规范性文件":   "规范性文件",
		"规 范 性 文 件": "规范性文件",
		"政策解读":      "政策解读",
		"政府信息公开年报":  "年报",
		"政府信息公开指南":  "指南",
		"政府信息公开":    "",
		"县政府文件":     "政策文件",
		"首页":        "",
	} {
		if got := v.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}
