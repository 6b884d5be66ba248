package report

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// fakeMetricsStore serves fixed site runs.
type fakeMetricsStore struct {
	runs  []store.SiteRun
	rr    map[int64][]rules.RuleResult
	ids   map[string]int64 // site URL → site id
	err   error
	reads int
}

func (f *fakeMetricsStore) LatestSiteRuns(context.Context) ([]store.SiteRun, error) {
	f.reads++
	return f.runs, f.err
}
func (f *fakeMetricsStore) RuleResults(_ context.Context, id int64) ([]rules.RuleResult, error) {
	return f.rr[id], nil
}
func (f *fakeMetricsStore) SiteByURL(_ context.Context, u string) (int64, bool, error) {
	id, ok := f.ids[u]
	return id, ok, nil
}

func metricsFixture() *fakeMetricsStore {
	t0 := time.Date(2026, 6, 30, 2, 0, 0, 0, facts.Shanghai)
	return &fakeMetricsStore{
		runs: []store.SiteRun{
			{ID: 11, SiteID: 1, Site: facts.Site{Name: "青岚县人民政府", URL: "http://a.gov.cn/", Level: facts.LevelGovernment},
				StartedAt: t0, FinishedAt: t0.Add(90*time.Second + 500*time.Millisecond), Status: "ok",
				Pages: 312, Errors: 4, Score: 72.5, Grade: "合格", Veto: false},
			{ID: 12, SiteID: 2, Site: facts.Site{Name: "青岚县教育局", URL: "http://b.gov.cn/", Level: facts.LevelDepartment},
				StartedAt: t0, FinishedAt: t0.Add(30 * time.Second), Status: "ok",
				Pages: 40, Errors: 0, Score: 55, Grade: "不合格", Veto: true},
			{ID: 13, SiteID: 3, Site: facts.Site{Name: "已移出的单位", URL: "http://c.gov.cn/"},
				StartedAt: t0, FinishedAt: t0.Add(time.Second), Status: "ok", Score: 99, Grade: "优秀"},
		},
		rr: map[int64][]rules.RuleResult{
			11: {{ID: "proactive-timely", Judged: 40, Findings: 3, Severity: "medium"},
				{ID: "regdoc-validity", Judged: 10, Findings: 0, Severity: "high"}},
			12: {{ID: "privacy-leak", Judged: 5, Findings: 1, Severity: "critical", Veto: true}},
			13: {{ID: "proactive-timely", Findings: 9, Severity: "medium"}},
		},
		ids: map[string]int64{"http://a.gov.cn/": 1, "http://b.gov.cn/": 2, "http://c.gov.cn/": 3},
	}
}

// TestMetricsExposition compares the per-site series and the counters with the exact
// exposition text: names, labels and values are the SPEC contract.
func TestMetricsExposition(t *testing.T) {
	st := metricsFixture()
	m := NewMetrics(st, MetricsOptions{Sites: func() []facts.Site {
		return []facts.Site{{URL: "http://a.gov.cn/"}, {URL: "http://b.gov.cn/"}, {URL: "http://new.gov.cn/"}}
	}})
	m.ObserveRequest(200, nil)
	m.ObserveRequest(304, nil)
	m.ObserveRequest(404, nil)
	m.ObserveRequest(503, nil)
	m.ObserveRequest(0, errors.New("dial tcp: connection refused"))
	m.ObserveRequest(200, nil)
	m.RunFinished("ok")
	m.RunFinished("interrupted")
	m.RunFinished("bogus") // counted as failed
	m.AuditSkipped()
	m.SetRunning(true)

	want := `
# HELP gongkai_audit_running 1 while an audit is running, else 0.
# TYPE gongkai_audit_running gauge
gongkai_audit_running 1
# HELP gongkai_audit_runs_total Audit runs finished, by result: ok (at least one site audited), failed (no site could be audited), interrupted (stopped, resumable).
# TYPE gongkai_audit_runs_total counter
gongkai_audit_runs_total{result="failed"} 1
gongkai_audit_runs_total{result="interrupted"} 1
gongkai_audit_runs_total{result="ok"} 1
# HELP gongkai_audit_skipped_total Scheduled audits not started because the previous audit was still running.
# TYPE gongkai_audit_skipped_total counter
gongkai_audit_skipped_total 1
# HELP gongkai_http_requests_total HTTP requests made by the crawler (every attempt, redirect hop and robots.txt), by status class; error means no response.
# TYPE gongkai_http_requests_total counter
gongkai_http_requests_total{code="2xx"} 2
gongkai_http_requests_total{code="3xx"} 1
gongkai_http_requests_total{code="4xx"} 1
gongkai_http_requests_total{code="5xx"} 1
gongkai_http_requests_total{code="error"} 1
# HELP gongkai_site_audit_duration_seconds Duration of the latest completed audit, seconds.
# TYPE gongkai_site_audit_duration_seconds gauge
gongkai_site_audit_duration_seconds{level="政府",site="青岚县人民政府"} 90.5
gongkai_site_audit_duration_seconds{level="部门",site="青岚县教育局"} 30
# HELP gongkai_site_crawl_errors Fetch errors in the latest completed audit.
# TYPE gongkai_site_crawl_errors gauge
gongkai_site_crawl_errors{level="政府",site="青岚县人民政府"} 4
gongkai_site_crawl_errors{level="部门",site="青岚县教育局"} 0
# HELP gongkai_site_findings Open findings in the latest completed audit, by rule and severity; 0 for every enabled rule without findings.
# TYPE gongkai_site_findings gauge
gongkai_site_findings{level="政府",rule="proactive-timely",severity="medium",site="青岚县人民政府"} 3
gongkai_site_findings{level="政府",rule="regdoc-validity",severity="high",site="青岚县人民政府"} 0
gongkai_site_findings{level="部门",rule="privacy-leak",severity="critical",site="青岚县教育局"} 1
# HELP gongkai_site_grade_info Grade (优秀, 良好, 合格, 不合格) of the latest completed audit, as a series of value 1.
# TYPE gongkai_site_grade_info gauge
gongkai_site_grade_info{grade="不合格",level="部门",site="青岚县教育局"} 1
gongkai_site_grade_info{grade="合格",level="政府",site="青岚县人民政府"} 1
# HELP gongkai_site_last_audit_timestamp_seconds End time of the latest completed audit, Unix seconds.
# TYPE gongkai_site_last_audit_timestamp_seconds gauge
gongkai_site_last_audit_timestamp_seconds{level="政府",site="青岚县人民政府"} 1.7827560905e+09
gongkai_site_last_audit_timestamp_seconds{level="部门",site="青岚县教育局"} 1.78275603e+09
# HELP gongkai_site_pages Pages fetched in the latest completed audit.
# TYPE gongkai_site_pages gauge
gongkai_site_pages{level="政府",site="青岚县人民政府"} 312
gongkai_site_pages{level="部门",site="青岚县教育局"} 40
# HELP gongkai_site_score Score of the latest completed audit of the site, 0–100.
# TYPE gongkai_site_score gauge
gongkai_site_score{level="政府",site="青岚县人民政府"} 72.5
gongkai_site_score{level="部门",site="青岚县教育局"} 55
# HELP gongkai_site_veto 1 when a single-veto (单项否决) rule failed in the latest completed audit, else 0.
# TYPE gongkai_site_veto gauge
gongkai_site_veto{level="政府",site="青岚县人民政府"} 0
gongkai_site_veto{level="部门",site="青岚县教育局"} 1
`
	if err := testutil.GatherAndCompare(m.Gatherer(), strings.NewReader(want)); err != nil {
		t.Error(err)
	}
	// Read at every scrape, not cached: a restarted serve shows the store's values.
	before := st.reads
	if _, err := m.Gatherer().Gather(); err != nil {
		t.Fatal(err)
	}
	if st.reads != before+1 {
		t.Errorf("store read %d times by one gather", st.reads-before)
	}
}

func TestMetricsAllSitesWithoutFilterAndDuplicateNames(t *testing.T) {
	st := metricsFixture()
	// The same unit under an older URL: only the most recent one may be exported.
	old := st.runs[0]
	old.ID, old.SiteID, old.Score = 5, 9, 10
	old.FinishedAt = old.FinishedAt.Add(-24 * time.Hour)
	st.runs = append([]store.SiteRun{old}, st.runs...)
	m := NewMetrics(st, MetricsOptions{})
	n, err := testutil.GatherAndCount(m.Gatherer(), MetricSiteScore)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d score series, want 3 (every stored site once)", n)
	}
	if err := testutil.GatherAndCompare(m.Gatherer(), strings.NewReader(`
# HELP gongkai_site_score Score of the latest completed audit of the site, 0–100.
# TYPE gongkai_site_score gauge
gongkai_site_score{level="",site="已移出的单位"} 99
gongkai_site_score{level="政府",site="青岚县人民政府"} 72.5
gongkai_site_score{level="部门",site="青岚县教育局"} 55
`), MetricSiteScore); err != nil {
		t.Error(err)
	}
}

// TestMetricsStoreErrorKeepsTheRest: an unreadable store fails the per-site series of
// the scrape, not the process metrics, and the handler still answers.
func TestMetricsStoreErrorKeepsTheRest(t *testing.T) {
	st := metricsFixture()
	st.err = errors.New("database is locked")
	m := NewMetrics(st, MetricsOptions{Runtime: true})
	m.RunFinished("ok")
	if _, err := m.Gatherer().Gather(); err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Errorf("gather error = %v", err)
	}
	body := scrape(t, m)
	for _, want := range []string{`gongkai_audit_runs_total{result="ok"} 1`, "go_goroutines", "process_start_time_seconds"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(body, "gongkai_site_score") {
		t.Error("/metrics has site series although the store failed")
	}
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("/metrics status %d", rec.Code)
	}
	return rec.Body.String()
}

func TestStatusClass(t *testing.T) {
	for _, tc := range []struct {
		status int
		err    error
		want   string
	}{
		{200, nil, "2xx"}, {204, nil, "2xx"}, {301, nil, "3xx"}, {304, nil, "3xx"}, {403, nil, "4xx"},
		{429, nil, "4xx"}, {500, nil, "5xx"}, {599, nil, "5xx"}, {0, errors.New("timeout"), "error"},
		{200, errors.New("body cut"), "error"}, {0, nil, "error"}, {101, nil, "error"}, {600, nil, "error"},
	} {
		if got := StatusClass(tc.status, tc.err); got != tc.want {
			t.Errorf("StatusClass(%d, %v) = %q, want %q", tc.status, tc.err, got, tc.want)
		}
	}
}

// TestMetricsFromRealStore records two audits of a site in a real store and reads
// the metrics of a fresh Metrics (as after a restart): the latest completed audit
// counts, a later failed attempt does not replace it.
func TestMetricsFromRealStore(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	site := facts.Site{Name: "青岚县人民政府", URL: "http://qinglan.gov.cn/", Level: facts.LevelGovernment}
	audit := func(status string, score float64, findings int) {
		t.Helper()
		run, err := st.BeginRun(ctx, store.RunInfo{Command: "test", AsOf: facts.MustParseDate("2026-06-30")})
		if err != nil {
			t.Fatal(err)
		}
		sr, err := st.BeginSite(ctx, run, site)
		if err != nil {
			t.Fatal(err)
		}
		if status == "ok" {
			var fs []rules.Finding
			for i := range findings {
				fs = append(fs, rules.Finding{Rule: "regdoc-validity", Severity: "high",
					URL: "http://qinglan.gov.cn/gfxwj/" + string(rune('a'+i)) + ".html", Evidence: "no 有效性"})
			}
			if err := st.SaveJudgement(ctx, sr, store.Judgement{Findings: fs, Score: score, Grade: "合格",
				Rules: []rules.RuleResult{
					{ID: "regdoc-validity", Judged: 10, Findings: findings, Severity: "high"},
					{ID: "proactive-timely", Judged: 10, Severity: "medium"},
				}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.FinishSite(ctx, sr, store.SiteStats{Pages: 120, Errors: 2, Status: status}); err != nil {
			t.Fatal(err)
		}
		if err := st.FinishRun(ctx, run, status, ""); err != nil {
			t.Fatal(err)
		}
	}
	audit("ok", 80, 1)
	audit("ok", 70.5, 2)
	audit("failed", 0, 0)
	m := NewMetrics(st, MetricsOptions{Sites: func() []facts.Site { return []facts.Site{{URL: "http://QINGLAN.gov.cn"}} }})
	if err := testutil.GatherAndCompare(m.Gatherer(), strings.NewReader(`
# HELP gongkai_site_findings Open findings in the latest completed audit, by rule and severity; 0 for every enabled rule without findings.
# TYPE gongkai_site_findings gauge
gongkai_site_findings{level="政府",rule="proactive-timely",severity="medium",site="青岚县人民政府"} 0
gongkai_site_findings{level="政府",rule="regdoc-validity",severity="high",site="青岚县人民政府"} 2
# HELP gongkai_site_score Score of the latest completed audit of the site, 0–100.
# TYPE gongkai_site_score gauge
gongkai_site_score{level="政府",site="青岚县人民政府"} 70.5
# HELP gongkai_site_pages Pages fetched in the latest completed audit.
# TYPE gongkai_site_pages gauge
gongkai_site_pages{level="政府",site="青岚县人民政府"} 120
`), MetricSiteFindings, MetricSiteScore, MetricSitePages); err != nil {
		t.Error(err)
	}
}

// TestPromtoolCheckMetrics lints the exposition with promtool (Debian's prometheus
// package) when it is installed.
func TestPromtoolCheckMetrics(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not on PATH (Debian package prometheus); skipping the lint of /metrics")
	}
	m := NewMetrics(metricsFixture(), MetricsOptions{Runtime: true})
	m.ObserveRequest(200, nil)
	mfs, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = &buf
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out)
	}
	if len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("promtool check metrics complains:\n%s", out)
	}
}
