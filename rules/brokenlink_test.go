package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// hygSource is memSource with link checks (the site-hygiene rules' tests).
type hygSource struct {
	*memSource
	links []facts.LinkCheck
}

func (h *hygSource) LinkChecks(ctx context.Context) ([]facts.LinkCheck, error) { return h.links, nil }

// hygJudge judges pages (and link checks) of a site as of a date.
func hygJudge(t *testing.T, cfg *Config, site facts.Site, asOf facts.Date, links []facts.LinkCheck, pages ...*facts.Page) *Result {
	t.Helper()
	if site.URL == "" {
		site.URL = "http://x.gov.cn/"
	}
	if site.Name == "" {
		site.Name = "测试县人民政府"
	}
	res, err := Judge(context.Background(), cfg, Input{Site: site, AsOf: asOf,
		Source: &hygSource{memSource: &memSource{pages: pages}, links: links}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBrokenLink(t *testing.T) {
	cfg := only(defaultConfig(t), "broken-link")
	from := &facts.Page{URL: "http://x.gov.cn/zwgk/hmhn/t1.html", Kind: facts.KindDetail, Title: "2025年耕地地力保护补贴发放公示"}
	links := []facts.LinkCheck{
		{URL: "http://x.gov.cn/zwgk/hmhn/P0201.xls", From: from.URL, Text: "附件：发放名册.xls", Status: 404, Broken: true},
		{URL: "http://x.gov.cn/old.html", From: from.URL, Status: 0, Err: "timeout after 20s", Broken: true},
		{URL: "http://x.gov.cn/soft.html", From: from.URL, Status: 200, Err: "soft 404: page says 页面不存在", Broken: true},
		{URL: "http://x.gov.cn/waf.html", From: from.URL, Text: "办事指南", Status: 403, Blocked: true},
		{URL: "http://x.gov.cn/ok.html", From: from.URL, Status: 200},
		// The same target again (the crawler checks each once; the rule keeps one anyway).
		{URL: "http://x.gov.cn/zwgk/hmhn/P0201.xls", From: "http://x.gov.cn/other.html", Status: 404, Broken: true},
	}
	res := hygJudge(t, cfg, facts.Site{}, facts.D(2026, 6, 30), links, from)
	want := "broken-link /old.html;broken-link /soft.html;broken-link /zwgk/hmhn/P0201.xls;?broken-link /waf.html"
	if g := strings.Join(got(res), ";"); g != want {
		t.Fatalf("got %q\nwant %q", g, want)
	}
	ev := map[string]string{}
	for _, f := range res.Findings {
		ev[strings.TrimPrefix(f.URL, "http://x.gov.cn")] = f.Evidence
	}
	for path, want := range map[string]string{
		"/zwgk/hmhn/P0201.xls": "HTTP 404 Not Found — linked from 《2025年耕地地力保护补贴发放公示》 http://x.gov.cn/zwgk/hmhn/t1.html as “附件：发放名册.xls”",
		"/old.html":            "timeout after 20s — linked from 《2025年耕地地力保护补贴发放公示》 http://x.gov.cn/zwgk/hmhn/t1.html",
		"/soft.html":           "HTTP 200, soft 404: page says 页面不存在 — linked from",
	} {
		if !strings.HasPrefix(ev[path], want) {
			t.Errorf("%s: evidence %q, want prefix %q", path, ev[path], want)
		}
	}
	if !strings.Contains(res.Undetermined[0].Reason, "HTTP 403 Forbidden") {
		t.Errorf("blocked reason: %q", res.Undetermined[0].Reason)
	}
	if n := res.Rules[0].Judged; n != 4 {
		t.Errorf("judged = %d, want 4 (3 broken + 1 ok; blocked is undetermined)", n)
	}

	// No link failing: the site is judged clean, not skipped.
	res = hygJudge(t, cfg, facts.Site{}, facts.D(2026, 6, 30), nil, from)
	if len(res.Findings) != 0 || res.Rules[0].Judged != 1 {
		t.Errorf("clean site: findings %v, judged %d", got(res), res.Rules[0].Judged)
	}
}
