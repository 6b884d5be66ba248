package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// memSource serves pages from memory, as the store does from SQLite.
type memSource struct{ pages []*facts.Page }

func (m *memSource) Pages(ctx context.Context, fn func(*facts.Page) error) error {
	for _, p := range m.pages {
		cp := *p
		if err := fn(&cp); err != nil {
			return err
		}
	}
	return nil
}
func (m *memSource) PageSummaries(ctx context.Context) ([]*facts.Page, error) {
	var out []*facts.Page
	for _, p := range m.pages {
		cp := *p
		cp.Text, cp.Tables = "", nil
		out = append(out, &cp)
	}
	return out, nil
}
func (m *memSource) Page(ctx context.Context, url string) (*facts.Page, error) {
	for _, p := range m.pages {
		if p.URL == url {
			cp := *p
			return &cp, nil
		}
	}
	return nil, fmt.Errorf("no page %s", url)
}
func (m *memSource) LinkChecks(ctx context.Context) ([]facts.LinkCheck, error)   { return nil, nil }
func (m *memSource) CrawlErrors(ctx context.Context) ([]facts.CrawlError, error) { return nil, nil }

func defaultConfig(t *testing.T) *Config {
	t.Helper()
	cfg, err := Default()
	if err != nil {
		t.Fatalf("default rules: %v", err)
	}
	return cfg
}

func judge(t *testing.T, cfg *Config, pages ...*facts.Page) *Result {
	t.Helper()
	res, err := Judge(context.Background(), cfg, Input{
		Site: facts.Site{Name: "测试县人民政府", URL: "http://x.gov.cn/"},
		AsOf: facts.D(2026, 6, 30), Source: &memSource{pages: pages},
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// doc builds a detail page; opts tweak it.
func doc(path, column string, opts ...func(*facts.Page)) *facts.Page {
	p := &facts.Page{URL: "http://x.gov.cn" + path, Kind: facts.KindDetail, Column: column, Title: "关于印发《青岚县农村宅基地管理办法》的通知", Fields: map[string]string{}}
	for _, o := range opts {
		o(p)
	}
	return p
}

func validity(v, src string) func(*facts.Page) {
	return func(p *facts.Page) { p.Validity, p.ValiditySource = v, src }
}
func field(k, v string) func(*facts.Page) { return func(p *facts.Page) { p.Fields[k] = v } }
func title(s string) func(*facts.Page)    { return func(p *facts.Page) { p.Title = s } }
func dates(written, published string) func(*facts.Page) {
	return func(p *facts.Page) {
		if written != "" {
			p.Written, p.WrittenSource = facts.MustParseDate(written), "info"
		}
		if published != "" {
			p.Published, p.PublishedSource = facts.MustParseDate(published), "info"
		}
	}
}

// got lists "rule url-path" for findings and "?rule url-path" for undetermined.
func got(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule+" "+strings.TrimPrefix(f.URL, "http://x.gov.cn"))
	}
	for _, u := range res.Undetermined {
		out = append(out, "?"+u.Rule+" "+strings.TrimPrefix(u.URL, "http://x.gov.cn"))
	}
	return out
}

func only(cfg *Config, ids ...string) *Config {
	out := *cfg
	out.Rules = map[string]*RuleConfig{}
	for _, id := range ids {
		out.Rules[id] = cfg.Rules[id]
	}
	return &out
}

func TestRegdocValidity(t *testing.T) {
	cfg := only(defaultConfig(t), "regdoc-validity")
	for _, tc := range []struct {
		name string
		page *facts.Page
		want string // "" compliant or not judged
	}{
		{"no mark", doc("/a", "规范性文件"), "regdoc-validity /a"},
		{"empty info row", doc("/b", "规范性文件", field("有效性", "")), "regdoc-validity /b"},
		{"dash", doc("/c", "规范性文件", validity("—", "info"), field("有效性", "—")), "regdoc-validity /c"},
		{"现行有效", doc("/d", "规范性文件", validity("现行有效", "info")), ""},
		{"有效期至 in text", doc("/e", "规范性文件", validity("有效期至2028年12月31日", "text")), ""},
		{"other column, no mark", doc("/f", "通知公告"), ""},
		{"interpretation listed in 规范性文件", doc("/g", "规范性文件", title("《青岚县农村宅基地管理办法》政策解读")), ""},
		{"typed by 体裁分类 elsewhere", doc("/h", "政策文件", field("体裁分类", "行政规范性文件")), "regdoc-validity /h"},
		{"list page", &facts.Page{URL: "http://x.gov.cn/i", Kind: facts.KindList, Column: "规范性文件"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := judge(t, cfg, tc.page)
			g := strings.Join(got(res), ";")
			if g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

func TestRegdocValidityColumnFromList(t *testing.T) {
	// The crawler reached the document from elsewhere first; the 规范性文件 list links it.
	cfg := only(defaultConfig(t), "regdoc-validity")
	list := &facts.Page{URL: "http://x.gov.cn/zwgk/gfxwj/", Kind: facts.KindList, Column: "规范性文件",
		Items: []facts.ListItem{{Title: "关于…", URL: "http://x.gov.cn/zwgk/gfxwj/t1.html"}}}
	d := doc("/zwgk/gfxwj/t1.html", "")
	res := judge(t, cfg, list, d)
	if g := strings.Join(got(res), ";"); g != "regdoc-validity /zwgk/gfxwj/t1.html" {
		t.Errorf("got %q", g)
	}
	if res.Rules[0].Judged != 1 {
		t.Errorf("judged = %d, want 1", res.Rules[0].Judged)
	}
}

func TestPublishedDateFromList(t *testing.T) {
	cfg := only(defaultConfig(t), "regdoc-publish-timely")
	list := &facts.Page{URL: "http://x.gov.cn/zwgk/gfxwj/", Kind: facts.KindList, Column: "规范性文件",
		Items: []facts.ListItem{{Title: "关于…", URL: "http://x.gov.cn/zwgk/gfxwj/t1.html", Date: facts.D(2023, 10, 9)}}}
	d := doc("/zwgk/gfxwj/t1.html", "", dates("2023-09-27", ""))
	res := judge(t, cfg, list, d)
	if len(res.Findings) != 1 || res.Findings[0].Evidence != "成文 2023-09-27, 发布 2023-10-09 (as shown in the column list): 4 working days > 3 (12 calendar days)" {
		t.Fatalf("findings = %+v, undetermined = %+v", res.Findings, res.Undetermined)
	}
}

func TestPublishTimely(t *testing.T) {
	cfg := only(defaultConfig(t), "regdoc-publish-timely", "proactive-timely")
	for _, tc := range []struct {
		name     string
		page     *facts.Page
		want     string
		evidence string
	}{
		{"国庆 4 working days", doc("/a", "规范性文件", dates("2023-09-27", "2023-10-09")),
			"regdoc-publish-timely /a", "成文 2023-09-27, 发布 2023-10-09: 4 working days > 3 (12 calendar days)"},
		{"on time thanks to 调休 weekend", doc("/b", "规范性文件", dates("2023-09-28", "2023-10-08")), "", ""},
		{"exactly 3", doc("/c", "规范性文件", dates("2024-05-06", "2024-05-09")), "", ""},
		{"no 成文日期", doc("/d", "规范性文件", dates("", "2024-05-09")), "?proactive-timely /d;?regdoc-publish-timely /d", ""},
		{"published before written", doc("/e", "规范性文件", dates("2024-05-09", "2024-05-06")), "?proactive-timely /e;?regdoc-publish-timely /e", ""},
		{"year outside the calendar", doc("/f", "规范性文件", dates("2031-05-06", "2031-05-20")), "?proactive-timely /f;?regdoc-publish-timely /f", ""},
		{"proactive 21 working days", doc("/g", "政策文件", dates("2024-05-06", "2024-06-03")),
			"proactive-timely /g", "成文 2024-05-06, 发布 2024-06-03: 21 working days > 20 (28 calendar days)"},
		{"proactive 20 working days (Sat 05-11 worked)", doc("/h", "政策文件", dates("2024-05-06", "2024-05-31")), "", ""},
		{"春节: 34 calendar days, 20 working days", doc("/i", "政策文件", dates("2026-02-02", "2026-03-05")), "", ""},
		{"news without 成文日期 is not judged", doc("/j", "动态", dates("", "2024-06-04")), "", ""},
		{"policy file without 成文日期", doc("/k", "政策文件", dates("", "2024-06-04")), "?proactive-timely /k", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := judge(t, cfg, tc.page)
			if g := strings.Join(got(res), ";"); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
			if tc.evidence != "" && res.Findings[0].Evidence != tc.evidence {
				t.Errorf("evidence %q, want %q", res.Findings[0].Evidence, tc.evidence)
			}
			for _, f := range res.Findings {
				if f.Basis == "" || f.Severity == "" {
					t.Errorf("finding without basis or severity: %+v", f)
				}
			}
		})
	}
}

func TestUndeterminedReasonNamesYear(t *testing.T) {
	cfg := only(defaultConfig(t), "regdoc-publish-timely")
	res := judge(t, cfg, doc("/f", "规范性文件", dates("2031-05-06", "2031-05-20")))
	if len(res.Undetermined) != 1 || !strings.Contains(res.Undetermined[0].Reason, "2031") {
		t.Fatalf("undetermined = %+v", res.Undetermined)
	}
}
