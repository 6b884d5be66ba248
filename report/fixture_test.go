package report

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// A realistic store for the scorecard tests: six units audited weekly over four runs,
// findings of several rules (new, persisting, fixed), a single-veto rule that fires,
// what could not be judged, crawl errors, a unit whose latest audit failed, one never
// audited to the end, and hostile page content (markup, javascript: links, direction
// overrides) on one unit's pages.

// fxRule is a rule as the fixture scores it.
type fxRule struct {
	id       string
	sev      rules.Severity
	weight   float64
	veto     bool
	penalty  string
	per      float64
	judged   int
	basis    string
	evidence string
}

var fxRules = []fxRule{
	{"regdoc-validity", rules.SeverityHigh, 10, false, "share", 0, 8, "对公开的行政规范性文件，必须显著标识有效性或有效期",
		"no 有效性/有效期 mark in info table or text"},
	{"regdoc-publish-timely", rules.SeverityMedium, 6, false, "share", 0, 6, "行政规范性文件签发后3个工作日内公开",
		"成文 2026-05-08, 发布 2026-05-20: 8 working days > 3 (12 calendar days)"},
	{"proactive-timely", rules.SeverityMedium, 8, false, "share", 0, 10, "《中华人民共和国政府信息公开条例》第二十六条",
		"成文 2026-03-02, 发布 2026-04-15: 31 working days > 20 (44 calendar days)"},
	{"broken-link", rules.SeverityLow, 5, false, "per-finding", 0.5, 200, "检查指标：不可用链接",
		"404 Not Found (linked from the list page as “附件1”)"},
	{"privacy-leak", rules.SeverityCritical, 10, true, "per-finding", 5, 60, "保密审查，个人隐私去标识化",
		"居民身份证号码 5117**********1234（校验位正确）出现在《2026年低保对象名单》第3行“身份证号”列"},
	{"column-stale", rules.SeverityMedium, 4, false, "per-finding", 1, 12, "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）",
		"最新一条发布于 2026年4月2日，距检查基准日 89 天，超过 14 天的更新时限"},
	// Judged nothing anywhere: it neither scores nor penalises.
	{"annual-report-missing", rules.SeverityHigh, 8, false, "share", 0, 0, "《中华人民共和国政府信息公开条例》第四十九条", ""},
}

func fxRuleOf(id string) fxRule {
	for _, r := range fxRules {
		if r.id == id {
			return r
		}
	}
	panic("no fixture rule " + id)
}

// fxFinding is one finding of a unit, present in the runs listed.
type fxFinding struct {
	rule   string
	n      int
	title  string
	url    string // "" derives one from the site and n
	ev     string // "" uses the rule's sample evidence
	inRuns []int
}

type fxSite struct {
	site     facts.Site
	findings []fxFinding
	undet    int            // undetermined regdoc-publish-timely items per run
	judged   map[string]int // items judged by rule, where not the rule's usual number
	runs     []int          // the runs the site takes part in
	failIn   map[int]string // runs in which the audit fails, with the error
	errors   []facts.CrawlError
}

var fxAsOf = []facts.Date{facts.D(2026, 6, 9), facts.D(2026, 6, 16), facts.D(2026, 6, 23), facts.D(2026, 6, 30)}

// Hostile strings planted in the pages of 城关镇 (fxHostile*). The scorecard tests
// check none of them does anything.
const (
	fxHostileScript  = `<script>document.documentElement.setAttribute('data-pwned','script')</script>关于印发《城关镇集镇管理办法》的通知`
	fxHostileImg     = `"><img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">城关镇2026年预算公开`
	fxHostileJSURL   = `javascript:document.documentElement.setAttribute('data-pwned','href')`
	fxHostileRLO     = "城关镇公示\u202Efdp.exe\u202C（附件）"
	fxHostileZW      = "城关\u200b镇人民政府\u200d关于\ufeff征地补偿的公告"
	fxHostileEv      = `</div></li></ol><iframe src="https://evil.example/"></iframe><b>未闭合 {{.}} </script><script>document.documentElement.setAttribute('data-pwned','ev')</script>`
	fxHostileAttr    = `https://www.chengguan.gov.cn/a?x="onmouseover="document.documentElement.setAttribute('data-pwned','attr')`
	fxHostileFormula = `=HYPERLINK("https://evil.example/","点击查看")`
)

func fxSites() []fxSite {
	all := []int{0, 1, 2, 3}
	return []fxSite{
		{
			site: facts.Site{Name: "青岚县人民政府", URL: "https://www.qinglan.gov.cn/", Level: facts.LevelGovernment, Region: "青岚县"},
			runs: all,
			findings: []fxFinding{
				{rule: "regdoc-validity", n: 1, title: "关于印发《青岚县行政规范性文件管理办法》的通知", inRuns: []int{0, 1, 2, 3}},
				{rule: "regdoc-validity", n: 2, title: "青岚县人民政府关于调整城乡居民基本医疗保险缴费标准的通知", inRuns: []int{0, 1}},
				{rule: "proactive-timely", n: 3, title: "青岚县2026年重点项目建设计划", inRuns: []int{0, 1, 2}},
				{rule: "broken-link", n: 4, title: "附件：2025年财政预算执行情况.pdf", inRuns: []int{1, 2, 3}},
			},
			undet: 2,
		},
		{
			site: facts.Site{Name: "青岚县教育局", URL: "https://jyj.qinglan.gov.cn/", Level: facts.LevelDepartment, Region: "青岚县"},
			runs: all,
			findings: []fxFinding{
				{rule: "regdoc-validity", n: 1, title: "青岚县教育局关于规范校外培训机构管理的通知", inRuns: []int{0, 1, 2, 3}},
				{rule: "regdoc-publish-timely", n: 2, title: "青岚县教育局关于印发《学生资助工作实施细则》的通知", inRuns: []int{3}},
				{rule: "regdoc-publish-timely", n: 3, title: "关于2026年义务教育阶段招生入学工作的通知", inRuns: []int{3}},
				{rule: "regdoc-validity", n: 4, title: "青岚县教育局关于加强中小学食堂管理的意见", inRuns: []int{3}},
				{rule: "column-stale", n: 5, title: "工作动态", ev: "最新一条发布于 2026-05-11，距检查基准日 50 天，超过 14 天的更新时限", inRuns: []int{2, 3}},
				{rule: "broken-link", n: 6, title: "附件2：招生计划表.xls", inRuns: []int{0, 1, 2, 3}},
				{rule: "broken-link", n: 7, title: "附件1：资助申请表.doc", inRuns: []int{3}},
			},
			undet: 1,
			errors: []facts.CrawlError{
				{URL: "https://jyj.qinglan.gov.cn/xxgk/zcwj/index_5.html", Stage: "fetch", Status: 503, Err: "503 Service Unavailable after 3 attempts"},
			},
		},
		{
			site: facts.Site{Name: "青岚县卫生健康局", URL: "https://wjj.qinglan.gov.cn/", Level: facts.LevelDepartment, Region: "青岚县"},
			runs: all,
			findings: []fxFinding{
				{rule: "privacy-leak", n: 1, title: "2026年青岚县城乡医疗救助对象名单公示", inRuns: []int{3}},
				{rule: "broken-link", n: 2, title: "附件：家庭医生签约服务包.pdf", inRuns: []int{2, 3}},
			},
		},
		{
			site: facts.Site{Name: "城关镇人民政府", URL: "https://www.chengguan.gov.cn/", Level: facts.LevelTownship, Region: "青岚县城关镇"},
			runs: all,
			findings: []fxFinding{
				{rule: "regdoc-validity", n: 1, title: fxHostileScript, inRuns: []int{0, 1, 2, 3}},
				{rule: "regdoc-validity", n: 2, title: fxHostileImg, inRuns: []int{1, 2, 3}},
				{rule: "regdoc-validity", n: 3, title: "城关镇关于农村人居环境整治的实施方案", url: fxHostileJSURL, inRuns: []int{2, 3}},
				{rule: "regdoc-publish-timely", n: 4, title: fxHostileRLO, inRuns: []int{0, 1, 2, 3}},
				{rule: "proactive-timely", n: 5, title: fxHostileZW, ev: fxHostileEv, inRuns: []int{2, 3}},
				{rule: "column-stale", n: 6, title: "通知公告", url: fxHostileAttr, inRuns: []int{0, 1, 2, 3}},
				{rule: "column-stale", n: 7, title: fxHostileFormula, inRuns: []int{3}},
				{rule: "broken-link", n: 8, title: "附件：城关镇2025年度部门决算.pdf", inRuns: []int{0, 1}},
			},
			undet:  3,
			judged: map[string]int{"regdoc-validity": 4},
			errors: []facts.CrawlError{
				{URL: "data:text/html,<script>alert(1)</script>", Stage: "scope", Err: `<script>document.documentElement.setAttribute('data-pwned','err')</script> not http(s)`},
				{URL: "https://www.chengguan.gov.cn/xxgk/tzgg/index_9.html", Stage: "fetch", Status: 404, Err: "404 Not Found"},
			},
		},
		{
			site:   facts.Site{Name: "青岚县交通运输局", URL: "https://jtj.qinglan.gov.cn/", Level: facts.LevelDepartment, Region: "青岚县"},
			runs:   all,
			failIn: map[int]string{3: "crawl https://jtj.qinglan.gov.cn/: dial tcp 10.1.2.3:443: connect: connection timed out"},
			findings: []fxFinding{
				{rule: "proactive-timely", n: 1, title: "青岚县2026年农村公路养护计划", inRuns: []int{0, 1, 2}},
			},
		},
		{
			site:   facts.Site{Name: "青岚县水利局", URL: "https://slj.qinglan.gov.cn/", Level: facts.LevelDepartment, Region: "青岚县"},
			runs:   []int{2, 3},
			failIn: map[int]string{2: "robots.txt forbids the start URL", 3: "crawl https://slj.qinglan.gov.cn/: lookup slj.qinglan.gov.cn: no such host"},
		},
	}
}

// fixture is what buildStore made, for the tests to check against.
type fixture struct {
	st      *store.Store
	cfg     *rules.Config
	runIDs  []int64
	sites   []fxSite
	scores  map[string][]float64 // unit name → score per run it completed
	lastSR  map[string]int64     // unit name → its latest completed site run
	grades  map[string]string    // unit name → grade of that run
	open    map[string]int       // unit name → open findings in it
	fixed   map[string]int
	newOnes map[string]int
}

func (fs fxFinding) finding(site facts.Site) rules.Finding {
	r := fxRuleOf(fs.rule)
	f := rules.Finding{Rule: fs.rule, Severity: r.sev, URL: fs.url, Title: fs.title, Evidence: fs.ev, Basis: r.basis}
	if f.URL == "" {
		f.URL = fmt.Sprintf("%sxxgk/%s/202605/t20260512_%d.html", site.URL, fs.rule, fs.n)
	}
	if f.Evidence == "" {
		f.Evidence = r.evidence
	}
	if fs.rule == "privacy-leak" {
		f.Key = "5117**********1234"
	}
	return f
}

func buildStore(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := testConfig(t)
	fx := &fixture{st: st, cfg: cfg, sites: fxSites(), scores: map[string][]float64{}, lastSR: map[string]int64{},
		grades: map[string]string{}, open: map[string]int{}, fixed: map[string]int{}, newOnes: map[string]int{}}
	for run := range fxAsOf {
		runID, err := st.BeginRun(ctx, store.RunInfo{Command: "audit", AsOf: fxAsOf[run], RulesHash: "5f3c9a1e0b7d2c44",
			Args: "audit --sites sites.yaml --out /srv/gongkai"})
		if err != nil {
			t.Fatal(err)
		}
		fx.runIDs = append(fx.runIDs, runID)
		failed := 0
		for _, s := range fx.sites {
			if !contains(s.runs, run) {
				continue
			}
			srID, err := st.BeginSite(ctx, runID, s.site)
			if err != nil {
				t.Fatal(err)
			}
			if msg, ok := s.failIn[run]; ok {
				failed++
				if err := st.FinishSite(ctx, srID, store.SiteStats{Status: store.StatusFailed, Err: msg}); err != nil {
					t.Fatal(err)
				}
				continue
			}
			for _, e := range s.errors {
				if err := st.SaveCrawlError(ctx, srID, e); err != nil {
					t.Fatal(err)
				}
			}
			for i, kind := range []facts.PageKind{facts.KindHome, facts.KindList, facts.KindDetail, facts.KindDetail, facts.KindAttachment} {
				p := &facts.Page{URL: fmt.Sprintf("%sp/%d.html", s.site.URL, i), Status: 200, Kind: kind, Title: "页面"}
				if err := st.SavePage(ctx, srID, p); err != nil {
					t.Fatal(err)
				}
			}
			var fs []rules.Finding
			for _, f := range s.findings {
				if contains(f.inRuns, run) {
					fs = append(fs, f.finding(s.site))
				}
			}
			var undet []rules.Undetermined
			for i := range s.undet {
				undet = append(undet, rules.Undetermined{Rule: "regdoc-publish-timely",
					URL:    fmt.Sprintf("%sxxgk/gfxwj/202604/t20260420_%d.html", s.site.URL, i),
					Title:  fmt.Sprintf("关于做好2026年防汛工作的通知（%d）", i+1),
					Reason: "no 成文日期 on the page: cannot tell how long the 规范性文件 took to publish"})
			}
			if s.site.Name == "城关镇人民政府" {
				undet = append(undet, rules.Undetermined{Rule: "proactive-timely", URL: fxHostileJSURL, Title: fxHostileImg,
					Reason: `<svg onload="document.documentElement.setAttribute('data-pwned','undet')">`})
			}
			rr := fxRuleResults(fs, undet, s.judged)
			score := Compute(cfg, rr)
			if err := st.SaveJudgement(ctx, srID, store.Judgement{Findings: fs, Undetermined: undet, Score: score.Score,
				Grade: score.Grade, Veto: score.Veto, Rules: rr}); err != nil {
				t.Fatal(err)
			}
			if err := st.FinishSite(ctx, srID, store.SiteStats{Status: store.StatusOK, Pages: 180 + 37*len(fs) + run, Errors: len(s.errors)}); err != nil {
				t.Fatal(err)
			}
			fx.scores[s.site.Name] = append(fx.scores[s.site.Name], score.Score)
			fx.lastSR[s.site.Name], fx.grades[s.site.Name] = srID, score.Grade
			counts, err := st.FindingCounts(ctx, srID)
			if err != nil {
				t.Fatal(err)
			}
			fx.open[s.site.Name], fx.fixed[s.site.Name], fx.newOnes[s.site.Name] = 0, 0, 0
			for _, c := range counts {
				switch c.Status {
				case store.FindingFixed:
					fx.fixed[s.site.Name] += c.N
				case store.FindingNew:
					fx.newOnes[s.site.Name] += c.N
					fx.open[s.site.Name] += c.N
				default:
					fx.open[s.site.Name] += c.N
				}
			}
		}
		status, msg := store.StatusOK, ""
		if failed > 0 {
			msg = fmt.Sprintf("%d of %d sites failed", failed, len(fx.sites))
		}
		if err := st.FinishRun(ctx, runID, status, msg); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

// fxRuleResults counts what each rule judged, as the engine would.
func fxRuleResults(fs []rules.Finding, undet []rules.Undetermined, judged map[string]int) []rules.RuleResult {
	var out []rules.RuleResult
	for _, r := range fxRules {
		if n, ok := judged[r.id]; ok {
			r.judged = n
		}
		rr := rules.RuleResult{ID: r.id, Judged: r.judged, Severity: r.sev, Weight: r.weight, Veto: r.veto, Penalty: r.penalty, PerFinding: r.per}
		for _, f := range fs {
			if f.Rule == r.id {
				rr.Findings++
			}
		}
		for _, u := range undet {
			if u.Rule == r.id {
				rr.Undetermined++
			}
		}
		out = append(out, rr)
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// testConfig is a rule set with the default grade bounds and no rules: the fixture's
// rule results carry their own weights, and findings their basis, so the scorecard
// tests do not change when rules.yaml does.
func testConfig(t testing.TB) *rules.Config {
	t.Helper()
	cfg, err := rules.Parse("test-rules.yaml", []byte(`version: 1
scoring:
  grades:
    - {name: 优秀, min: 90}
    - {name: 良好, min: 80}
    - {name: 合格, min: 60}
    - {name: 不合格, min: 0}
rules: {}
`))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
