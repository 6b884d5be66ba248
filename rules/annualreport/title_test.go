package annualreport

import (
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func TestParseTitle(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Title
	}{
		{"青岚县人民政府2023年政府信息公开工作年度报告", Title{Kind: Report, Year: 2023, Unit: "青岚县人民政府"}},
		{"2023年度青岚县教育局政府信息公开工作年度报告", Title{Kind: Report, Year: 2023, Unit: "青岚县教育局"}},
		{"青岚县教育局政府信息公开工作年度报告（2023年度）", Title{Kind: Report, Year: 2023, Unit: "青岚县教育局"}},
		{"2023年政府信息公开工作年报", Title{Kind: Report, Year: 2023}},
		{"青岚县２０２３年政府信息公开年度报告", Title{Kind: Report, Year: 2023, Unit: "青岚县"}},
		{"青石镇2023年政府信息公开工作年度报告.pdf", Title{Kind: Report, Year: 2023, Unit: "青石镇"}},
		{"附件：青岚县2023年政府信息公开工作年度报告", Title{Kind: Report, Year: 2023, Unit: "青岚县"}},
		{"青岚县卫生健康局2023年政府信息公开工作年度报告（图片版）", Title{Kind: Report, Year: 2023, Unit: "青岚县卫生健康局", Picture: true}},
		{"关于青岚县2023年政府信息公开工作年度报告", Title{Kind: Report, Year: 2023, Unit: "青岚县"}},
		{"政府信息公开工作年度报告", Title{Kind: Report}},
		{"青岚县人民政府2023年政府信息公开工作年度报告_青岚县人民政府门户网站", Title{Kind: Report, Year: 2023, Unit: "青岚县人民政府"}},
		{"关于公布2023年政府信息公开工作年度报告的公告", Title{Kind: Report, Year: 2023}},
		{"青岚县人民政府办公室关于印发《青岚县人民政府2023年政府信息公开工作年度报告》的通知", Title{Kind: Report, Year: 2023, Unit: "青岚县人民政府"}},
		{"青岚县2023年政府信息公开工作年度报告-编制说明", Title{Year: 2023}},
		// 图解 and interpretations are not the report.
		{"一图读懂青岚县人民政府2023年政府信息公开工作年度报告", Title{Kind: Graphic, Year: 2023, Unit: "青岚县人民政府"}},
		{"图解：2023年政府信息公开工作年度报告", Title{Kind: Graphic, Year: 2023}},
		{"青岚县2023年政府信息公开工作年度报告（图解）", Title{Kind: Graphic, Year: 2023, Unit: "青岚县"}},
		{"关于《青岚县2023年政府信息公开工作年度报告》的解读", Title{Kind: Graphic, Year: 2023, Unit: "青岚县"}},
		// Look-alikes.
		{"2023年政务公开工作要点", Title{}},
		{"青岚县2024年政务公开工作要点", Title{}},
		{"关于做好2023年度政府信息公开工作年度报告编制和发布工作的通知", Title{Year: 2023}},
		{"关于报送2023年政府信息公开工作年度报告的通知", Title{Year: 2023}},
		{"2023年政府信息公开工作年度报告情况通报", Title{Year: 2023}},
		{"青岚县2023年政务公开工作年度报告", Title{}},
		{"青岚县2023年法治政府建设年度报告", Title{}},
	} {
		if got := ParseTitle(tc.in); got != tc.want {
			t.Errorf("ParseTitle(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestYearFromText(t *testing.T) {
	for in, want := range map[string]int{
		"本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。":              2023,
		"本报告中所列数据的统计期限自 2022 年 1 月 1 日起至 2022 年 12 月 31 日止": 2022,
		"青岚县教育局2021年度政府信息公开工作年度报告\n一、总体情况":                  2021,
		"一、总体情况\n全年公开信息312条。":                               0,
	} {
		if got := YearFromText(in); got != want {
			t.Errorf("YearFromText(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestUnits(t *testing.T) {
	for name, want := range map[string]facts.Level{
		"青岚县人民政府": facts.LevelGovernment, "达州市达川区": facts.LevelGovernment, "青岚县政府网": facts.LevelGovernment,
		"青岚县教育局": facts.LevelDepartment, "青岚县人民政府办公室": facts.LevelDepartment, "青岚县发展和改革委员会": facts.LevelDepartment,
		"青岚县政务服务中心": facts.LevelDepartment, "青岚县城关镇人民政府": facts.LevelTownship, "青云街道办事处": facts.LevelTownship,
		"青石镇": facts.LevelTownship, "www.qinglan.gov.cn": "", "青岚发布": "",
	} {
		if got := LevelOf(name); got != want {
			t.Errorf("LevelOf(%q) = %q, want %q", name, got, want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"青岚县", "青岚县人民政府", true},
		{"青岚县政府", "青岚县人民政府门户网站", true},
		{"达川区", "达州市达川区人民政府", true},
		{"岚县", "青岚县人民政府", false}, // another county whose name ends the same
		{"青岚县城关镇人民政府", "青岚县人民政府", false},
		{"青岚县教育局", "青岚县人民政府", false},
		{"县教育局", "青岚县教育局", true},
		{"教育局", "岚川市青岚县教育局", true},
		{"青岚县财政局", "青岚县教育局", false},
		{"青岚县人民政府办公室", "青岚县人民政府", false},
		{"青石镇", "桐川县青石镇人民政府", true},
		{"青云街道", "青岚县青云街道办事处", true},
		{"城关镇", "桐川县青石镇人民政府", false},
	} {
		if got := SameUnit(tc.a, tc.b); got != tc.want {
			t.Errorf("SameUnit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"青岚县教体局", "青岚县教育和体育局", true},
		{"县发改局", "青岚县发展和改革局", true},
		{"青岚县教育局", "青岚县农业农村局", false},
		{"青岚县城关镇人民政府", "青岚县青石镇人民政府", false},
		{"青岚县财政局", "青岚县教育局", false},
		{"青岚县城关镇人民政府", "青岚县人民政府", false},
	} {
		if got := MaybeSameUnit(tc.a, tc.b); got != tc.want {
			t.Errorf("MaybeSameUnit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if !IsOfficeOf("青岚县人民政府办公室", "青岚县人民政府") || IsOfficeOf("青岚县教育局办公室", "青岚县人民政府") {
		t.Error("IsOfficeOf")
	}
	for in, want := range map[string]string{
		"青岚县人民政府门户网站": "青岚县人民政府", "首页 - 青岚县教育局": "青岚县教育局", "青岚县政府网": "青岚县政府",
		"127.0.0.1:8080": "", "首页": "",
	} {
		if got := UnitFromSiteName(in); got != want {
			t.Errorf("UnitFromSiteName(%q) = %q, want %q", in, got, want)
		}
	}
}
