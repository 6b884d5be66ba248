package report

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

func TestVisible(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"关于印发《办法》的通知", "关于印发《办法》的通知"},
		{"通知\u202Efdp.exe\u202C", "通知[U+202E]fdp.exe[U+202C]"},
		{"青岚\u200b县\u200d\ufeff", "青岚[U+200B]县[U+200D][U+FEFF]"},
		{"a\u2066b\u2069\u200fc", "a[U+2066]b[U+2069][U+200F]c"},
		{"bell\x07 and \x1b[31m", "bell[U+0007] and [U+001B][31m"},
		{"line1\r\nline2\tend", "line1\nline2\tend"},
		{"soft\u00adhyphen", "soft[U+00AD]hyphen"},
		{"", ""},
	} {
		if got := visible(tc.in); got != tc.want {
			t.Errorf("visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeHref(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.qinglan.gov.cn/xxgk/t1.html", "https://www.qinglan.gov.cn/xxgk/t1.html"},
		{"http://127.0.0.1:8731/a?b=1&c=2", "http://127.0.0.1:8731/a?b=1&c=2"},
		{" HTTPS://X.GOV.CN/ ", "https://X.GOV.CN/"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"  javascript:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"vbscript:msgbox", ""},
		{"/relative/path.html", ""},
		{"//evil.example/x", ""},
		{"https://x.gov.cn/\u202Egpj.exe", ""},
		{"https://x.gov.cn/a b", ""},
		{"http://[::1", ""},
	} {
		if got := safeHref(tc.in); got != tc.want {
			t.Errorf("safeHref(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.dachuan.gov.cn/", "www-dachuan-gov-cn"},
		{"https://www.dachuan.gov.cn/xxgk/", "www-dachuan-gov-cn-xxgk"},
		{"http://127.0.0.1:8731/", "127-0-0-1-8731"},
		{"https://WWW.X.GOV.CN/A/../B", "www-x-gov-cn-a-b"},
		{"https://中国.政府/", ""},
		{"../../etc/passwd", "etc-passwd"},
	} {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAssignSlugsUnique(t *testing.T) {
	units := []*SiteReport{
		{SiteID: 1, Site: facts.Site{URL: "https://x.gov.cn/"}},
		{SiteID: 2, Site: facts.Site{URL: "http://x.gov.cn/"}},
		{SiteID: 3, Site: facts.Site{URL: "https://中国.政府/"}},
		{SiteID: 4, Site: facts.Site{URL: "https://a.中国.政府/"}},
		{SiteID: 5, Site: facts.Site{URL: "https://index/"}},
	}
	assignSlugs(units)
	var got []string
	for _, u := range units {
		got = append(got, u.Slug)
	}
	want := []string{"x-gov-cn", "x-gov-cn-2", "site", "a", "index-5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("slugs = %q, want %q", got, want)
	}
}

func TestMarkEvidence(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Segment
	}{
		{"成文 2023-09-27, 发布 2023-10-09: 4 working days > 3 (12 calendar days)", []Segment{
			{Text: "成文 "}, {Text: "2023-09-27", Kind: "date", Date: "2023-09-27"}, {Text: ", 发布 "},
			{Text: "2023-10-09", Kind: "date", Date: "2023-10-09"}, {Text: ": "}, {Text: "4 working days", Kind: "days"},
			{Text: " > 3 ("}, {Text: "12 calendar days", Kind: "days"}, {Text: ")"}}},
		{"最新一条发布于 2026年4月2日，距检查基准日 89 天", []Segment{
			{Text: "最新一条发布于 "}, {Text: "2026年4月2日", Kind: "date", Date: "2026-04-02"}, {Text: "，距检查基准日 "},
			{Text: "89 天", Kind: "days"}}},
		{"超过 1 个工作日", []Segment{{Text: "超过 "}, {Text: "1 个工作日", Kind: "days"}}},
		{"no 有效性 mark", []Segment{{Text: "no 有效性 mark"}}},
		{"2023-13-45 is no date", []Segment{{Text: "2023-13-45", Kind: "date"}, {Text: " is no date"}}},
	} {
		if got := markEvidence(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("markEvidence(%q) =\n%+v\nwant\n%+v", tc.in, got, tc.want)
		}
	}
	if !timing("发布 2026-05-20: 8 working days > 3") || timing("no 有效性 mark, see 2026-05-20") {
		t.Error("timing: a day count marks a timing finding, a date alone does not")
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"关于印发的通知", "关于印发的通知"},
		{"=HYPERLINK(\"https://evil/\",\"x\")", "'=HYPERLINK(\"https://evil/\",\"x\")"},
		{"+86 138", "'+86 138"},
		{"-1+2", "'-1+2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"  =1+1", "'  =1+1"},
		{"\u3000=1+1", "'\u3000=1+1"},
		{"\t=1", "'\t=1"},
		{"a=b", "a=b"},
		{"x\u202Ey", "x[U+202E]y"},
	} {
		if got := cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRankUnits(t *testing.T) {
	grades := []rules.Grade{{Name: "优秀", Min: 90}, {Name: "良好", Min: 80}, {Name: "合格", Min: 60}, {Name: "不合格", Min: 0}}
	u := func(name string, score float64, grade string, veto bool, open int, prev *Past) *SiteReport {
		t := &Tally{Open: open}
		return &SiteReport{Site: facts.Site{Name: name}, Completed: true, Score: Score{Score: score, Grade: grade, Veto: veto}, Tally: t, Previous: prev}
	}
	past := func(score float64, grade string) *Past { return &Past{Score: score, Grade: grade} }
	units := []*SiteReport{
		{Site: facts.Site{Name: "从未完成"}, Failed: "unreachable"},
		u("否决", 95, "不合格", true, 1, past(95, "优秀")),
		u("乙", 88, "良好", false, 3, past(70, "合格")),
		u("甲", 88, "良好", false, 2, past(91, "优秀")),
		u("丙", 92, "优秀", false, 9, nil),
		u("丁", 61, "合格", false, 0, past(85, "良好")),
	}
	rankUnits(units, grades)
	var got []string
	for _, r := range units {
		got = append(got, fmt.Sprintf("%s:%d:%d", r.Name(), r.Rank, r.PrevRank))
	}
	// 甲 and 乙 share 2nd place (same grade and score; fewer findings first); the veto
	// unit ranks last whatever its points; the previous ranking orders the previous
	// scores of the units that have one.
	want := []string{"丙:1:0", "甲:2:2", "乙:2:4", "丁:4:3", "否决:5:1", "从未完成:0:0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ranking = %q\nwant      %q", got, want)
	}
}

func TestTrendChart(t *testing.T) {
	grades := []rules.Grade{{Name: "优秀", Min: 90}, {Name: "良好", Min: 80}, {Name: "合格", Min: 60}, {Name: "不合格", Min: 0}}
	var hist []Past
	for i, s := range []float64{91, 93.5, 88, 72.4, 95} {
		hist = append(hist, Past{RunID: int64(i + 1), AsOf: facts.D(2026, 6, 1+7*i), Score: s, Grade: "x", Veto: i == 3})
	}
	c := newTrendChart(hist, grades, func(id int64) string {
		if id == 2 {
			return "../runs/2.html"
		}
		return ""
	})
	if len(c.Points) != 5 || c.Points[1].Href != "../runs/2.html" || c.Points[0].Href != "" || !c.Points[3].Veto || !c.Points[4].Last {
		t.Fatalf("points = %+v", c.Points)
	}
	for i := 1; i < len(c.Points); i++ {
		if c.Points[i].X <= c.Points[i-1].X {
			t.Errorf("x not increasing: %+v", c.Points)
		}
	}
	// Higher scores are drawn higher (smaller y), within the plot.
	if !(c.Points[4].Y < c.Points[0].Y && c.Points[0].Y < c.Points[2].Y && c.Points[2].Y < c.Points[3].Y) {
		t.Errorf("y does not follow the scores: %+v", c.Points)
	}
	for _, p := range c.Points {
		if p.Y < c.Top || p.Y > c.Bottom {
			t.Errorf("point %+v outside the plot %v–%v", p, c.Top, c.Bottom)
		}
	}
	// The axis starts at 50: every grade's band is drawn, 不合格 only down to 50.
	if len(c.Bands) != 4 || c.Bands[0].Name != "优秀" || c.Bands[3].Name != "不合格" || c.YTicks[0].Label != "50" ||
		c.Bands[3].Y2 != c.Bottom || c.Bands[0].Y1 != c.Top {
		t.Errorf("bands %+v ticks %+v", c.Bands, c.YTicks)
	}
	if c.Min != 72.4 || c.Max != 95 || c.Avg != 88 || c.First != "2026-06-01" || c.Last != "2026-06-29" {
		t.Errorf("summary min %v max %v avg %v %s–%s", c.Min, c.Max, c.Avg, c.First, c.Last)
	}
	low := newTrendChart([]Past{{Score: 31}, {Score: 12}}, grades, nil)
	if low.YTicks[0].Label != "0" || low.Points[1].Y > low.Bottom {
		t.Errorf("scores under 50 move the axis down: ticks %+v points %+v", low.YTicks, low.Points)
	}
	if newTrendChart(nil, grades, nil) != nil {
		t.Error("no history should draw no chart")
	}
	if s := newSparkline(hist); s == nil || s.Class != "up" || s.W != 84 {
		t.Errorf("sparkline = %+v", s)
	}
	if newSparkline(hist[:1]) != nil {
		t.Error("one audit makes no sparkline")
	}
}

func TestSinceAndDuration(t *testing.T) {
	first := time.Date(2026, 5, 31, 20, 0, 0, 0, time.UTC) // 2026-06-01 in Shanghai
	if got := since(first, facts.D(2026, 6, 30)); got != "自 2026-06-01（29 天）" {
		t.Errorf("since = %q", got)
	}
	if got := since(time.Time{}, facts.D(2026, 6, 30)); got != "" {
		t.Errorf("since(zero) = %q", got)
	}
	t0 := time.Date(2026, 6, 30, 2, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{42 * time.Second, "42 秒"}, {3*time.Minute + 5*time.Second, "3 分 5 秒"}, {2*time.Hour + 7*time.Minute, "2 小时 7 分"}, {-time.Second, ""}} {
		if got := duration(t0, t0.Add(tc.d)); got != tc.want {
			t.Errorf("duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
