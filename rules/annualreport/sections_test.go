package annualreport

import (
	"slices"
	"strings"
	"testing"
)

const full = `本报告根据《条例》要求编制。
一、总体情况
2023年，我局认真贯彻《条例》。
（一）主动公开。全年公开信息312条。
二、主动公开政府信息情况
第二十条第（一）项
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果 （一）予以公开 7 0 0 0 0 0 7
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
五、存在的主要问题及改进情况
政策解读形式较为单一。下一步将采用图解、问答等形式开展解读。
六、其他需要报告的事项
本年度未收取信息处理费。
青岚县教育局
2024年1月25日`

func TestFindSections(t *testing.T) {
	for _, tc := range []struct {
		name     string
		text     string
		missing  []string
		onlyNone []int // sections (1–6) whose body is only 无
	}{
		{"complete", full, nil, nil},
		{"no 四", strings.Replace(full, "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n", "", 1), []string{SectionNames[3]}, nil},
		{"older wording of 五 and 一", strings.NewReplacer("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", "一、总体情况", "一、概述").Replace(full), nil, nil},
		{"五 only 无", strings.Replace(full, "政策解读形式较为单一。下一步将采用图解、问答等形式开展解读。", "无。", 1), nil, []int{5}},
		{"五 无 on the heading line", strings.Replace(full, "五、存在的主要问题及改进情况\n政策解读形式较为单一。下一步将采用图解、问答等形式开展解读。", "五、存在的主要问题及改进情况：无", 1), nil, []int{5}},
		{"六 only 无, then the signature", strings.Replace(full, "本年度未收取信息处理费。", "无", 1), nil, []int{6}},
		{"五 empty", strings.Replace(full, "政策解读形式较为单一。下一步将采用图解、问答等形式开展解读。\n", "", 1), nil, []int{5}},
		{"五 opens with an enumeration that names other sections", strings.Replace(full, "政策解读形式较为单一。", "一、主动公开不够及时。\n二、依申请公开答复文书不够规范。\n", 1), nil, nil},
		{"三 dropped, 四 renumbered 三", strings.NewReplacer(
			"三、收到和处理政府信息公开申请情况\n", "",
			"四、政府信息公开行政复议", "三、政府信息公开行政复议",
			"五、存在", "四、存在", "六、其他", "五、其他").Replace(full),
			// table 三's rows name 申请 but are not headings
			[]string{SectionNames[2]}, nil},
		{"PDF text: headings broken across lines", "一、总体\n情况\n全年公开信息。\n二、主动公开政\n府信息情况\n三、收到和处理政府\n信息公开申请情况\n四、政府信息公开行政复\n议、行政诉讼情况\n结果维持 0 0 0 0 0\n五、存在的主要问\n题及改进情况\n无\n六、其他需要报告的事项\n无", nil, []int{5, 6}},
		{"no headings at all", "2023年，我局认真贯彻《条例》，全年公开信息312条。", SectionNames[:], nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := FindSections(tc.text)
			if got := s.Missing(); !slices.Equal(got, tc.missing) {
				t.Errorf("missing %q, want %q", got, tc.missing)
			}
			var none []int
			for i, f := range s.Found {
				if f != nil && f.OnlyNone {
					none = append(none, i+1)
				}
			}
			if !slices.Equal(none, tc.onlyNone) {
				t.Errorf("only 无: %v, want %v", none, tc.onlyNone)
			}
		})
	}
}

func TestSectionsOfRealReports(t *testing.T) {
	s := FindSections(page(t, "dept_2022_no4").Text)
	if got := s.Missing(); !slices.Equal(got, []string{SectionNames[3]}) {
		t.Errorf("missing %q", got)
	}
	if f := s.Found[4]; f == nil || !f.OnlyNone || f.Body != "无。" {
		t.Errorf("五: %+v", f)
	}
	s = FindSections(page(t, "county_2023").Text)
	if s.Count() != 6 {
		t.Errorf("county_2023: missing %q", s.Missing())
	}
	for i, f := range s.Found {
		if f != nil && f.OnlyNone {
			t.Errorf("section %d taken for 无: %q", i+1, f.Body)
		}
	}
}

func TestCompare(t *testing.T) {
	text := func(name string) string { return page(t, name).Text }
	for _, tc := range []struct {
		a, b     string
		min, max float64
	}{
		{"civil_2023", "civil_2022", 0.9, 1},   // last year's text, year and figures changed
		{"civil_2022", "civil_2021", 0, 0.3},   // the same unit's own work, two years
		{"county_2023", "county_2022", 0, 0.3}, // same
		{"health_2023", "health_2022", 0, 0.4}, // short reports: the template's stock lines weigh more
		{"civil_2022", "county_2022", 0, 0.3},  // two units
	} {
		s := Compare(text(tc.a), text(tc.b), 6, "桐川县民政局", "桐川县人民政府", "桐川县卫生健康局")
		if s.Containment < tc.min || s.Containment > tc.max {
			t.Errorf("%s in %s: %.2f, want %.2f–%.2f", tc.a, tc.b, s.Containment, tc.min, tc.max)
		}
		if s.Shingles < 200 {
			t.Errorf("%s: %d shingles", tc.a, s.Shingles)
		}
	}
	s := Compare(text("civil_2023"), text("civil_2022"), 6)
	if !strings.Contains(text("civil_2022"), s.Passage[:len(s.Passage)-len("…")]) && !strings.Contains(strings.Join(strings.Fields(text("civil_2022")), ""), strings.TrimSuffix(s.Passage, "…")) {
		t.Errorf("passage %q is not in the 2022 report", s.Passage)
	}
	// Template wording alone is no similarity.
	tmpl := strings.Join(SectionNames[:], "\n") + "\n" + Template
	if s := Compare(tmpl, tmpl, 6); s.Shingles != 0 || s.Containment != 0 {
		t.Errorf("template vs itself: %+v", s)
	}
}
