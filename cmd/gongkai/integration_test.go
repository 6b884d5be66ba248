package main

// Tests with real processes: `gongkai serve` as its own process (signals, exit codes),
// Prometheus scraping it and the Pushgateway receiving `audit --push` (Debian packages
// prometheus and prometheus-pushgateway; those tests skip when they are not installed).
//
// The gongkai process is this test binary re-executed with GONGKAI_TEST_MAIN=1: then
// TestMain runs the real main() — the same code as the built binary, signal handling
// included — without a second ~2-minute cgo build of SQLite (and under -race when the
// tests are).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/store"
)

func TestMain(m *testing.M) {
	if os.Getenv("GONGKAI_TEST_MAIN") == "1" {
		main() // os.Args[1:] are gongkai's arguments
		return
	}
	os.Exit(m.Run())
}

// proc is a process started by a test, stopped by its PID at the end.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	out    *syncBuffer
	done   chan struct{}
	err    error
	exited time.Time
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a process; Cleanup kills it by PID if it is still running and shows its
// output when the test failed.
func start(t *testing.T, name string, env []string, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, name: name, out: &syncBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		p.exited = time.Now()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			syscall.Kill(p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
		if t.Failed() {
			t.Logf("output of %s (pid %d):\n%s", name, p.cmd.Process.Pid, tail(p.out.String(), 4000))
		}
	})
	return p
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// startGongkai runs `gongkai args…` as its own process.
func startGongkai(t *testing.T, args ...string) *proc {
	t.Helper()
	return start(t, "gongkai "+args[0], []string{"GONGKAI_TEST_MAIN=1"}, os.Args[0], args...)
}

// signal sends sig to the process by its PID.
func (p *proc) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := syscall.Kill(p.cmd.Process.Pid, sig); err != nil {
		p.t.Fatalf("signal %s: %v", p.name, err)
	}
}

// wait waits up to d for the process to exit and returns its exit code.
func (p *proc) wait(d time.Duration) (int, bool) {
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode(), true
	case <-time.After(d):
		return -1, false
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// eventually polls fn every 100ms until it returns "" or d passes; then it fails
// with fn's last complaint.
func eventually(t *testing.T, d time.Duration, what string, fn func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		msg := fn()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s: %s", what, d, msg)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func get(u string) (int, string, error) {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// metricValue finds the value of the first sample of the series that starts with
// prefix (name and labels, as exposed: `name{l="v",…}`) in an exposition.
func metricValue(exposition, series string) (float64, bool) {
	for _, line := range strings.Split(exposition, "\n") {
		if strings.HasPrefix(line, series) {
			f := strings.Fields(line)
			v, err := strconv.ParseFloat(f[len(f)-1], 64)
			return v, err == nil
		}
	}
	return 0, false
}

// slowSite serves the sample site with a delay per request, so a crawl lasts long
// enough to be interrupted.
func slowSite(t *testing.T, delay time.Duration) *httptest.Server {
	h := demosite.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestServeProcess runs serve as a process: it audits on start, serves the scorecards,
// /metrics, /healthz and /readyz, reloads sites.yaml on SIGHUP, and exits 0 on SIGTERM.
func TestServeProcess(t *testing.T) {
	site := httptest.NewServer(demosite.Handler())
	defer site.Close()
	dir := t.TempDir()
	sites := writeSites(t, dir, [2]string{demosite.Name, site.URL + "/"})
	addr := freePort(t)
	db := filepath.Join(dir, "g.db")
	p := startGongkai(t, "serve", "--sites", sites, "--db", db, "--out", filepath.Join(dir, "out"),
		"--listen", addr, "--schedule", "0 2 * * *", "--audit-on-start", "--delay", "0")
	base := "http://" + addr

	eventually(t, 60*time.Second, "the audit on start shows in /metrics", func() string {
		_, body, err := get(base + "/metrics")
		if err != nil {
			return err.Error()
		}
		if _, ok := metricValue(body, `gongkai_audit_runs_total{result="ok"} 1`); !ok {
			return "no finished run yet"
		}
		return ""
	})
	_, body, _ := get(base + "/metrics")
	score, ok := metricValue(body, `gongkai_site_score{level="政府",site="`+demosite.Name+`"}`)
	if !ok || score <= 0 || score >= 100 {
		t.Errorf("gongkai_site_score = %v (%v); the sample site has findings", score, ok)
	}
	for _, want := range []string{`gongkai_site_findings{level="政府",rule="regdoc-validity",severity="high",site="` + demosite.Name + `"}`,
		`gongkai_http_requests_total{code="2xx"}`, "go_goroutines", "process_resident_memory_bytes"} {
		if _, ok := metricValue(body, want); !ok {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if code, body, _ := get(base + "/readyz"); code != 200 || !strings.Contains(body, "ok   scorecards rendered") {
		t.Errorf("/readyz %d:\n%s", code, body)
	}
	if code, body, _ := get(base + "/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz %d %q", code, body)
	}
	if code, body, _ := get(base + "/"); code != 200 || !strings.Contains(body, demosite.Name) {
		t.Errorf("/ %d: no scorecard of %s", code, demosite.Name)
	}
	if code, _, _ := get(base + "/.hidden"); code != 404 {
		t.Errorf("/.hidden: %d, want 404", code)
	}

	// SIGHUP: a broken file is refused and the old configuration kept; a good one is taken.
	os.WriteFile(sites, []byte("sites:\n  - name: 甲\n    url: ftp://x/\n"), 0o644)
	p.signal(syscall.SIGHUP)
	eventually(t, 10*time.Second, "a bad sites.yaml refused on SIGHUP", func() string {
		if !strings.Contains(p.out.String(), "sites not reloaded") {
			return "no log line"
		}
		return ""
	})
	writeSites(t, dir, [2]string{demosite.Name, site.URL + "/"}, [2]string{"青岚县教育局", site.URL + "/jyj/"})
	p.signal(syscall.SIGHUP)
	eventually(t, 10*time.Second, "sites.yaml reloaded on SIGHUP", func() string {
		_, body, err := get(base + "/readyz")
		if err != nil {
			return err.Error()
		}
		if !strings.Contains(body, "ok   sites 2") {
			return body
		}
		return ""
	})

	p.signal(syscall.SIGTERM)
	code, exited := p.wait(10 * time.Second)
	if !exited || code != 0 {
		t.Fatalf("after SIGTERM: exited %v, code %d; want 0 within 10s", exited, code)
	}
	if !strings.Contains(p.out.String(), `"msg":"stopped"`) {
		t.Error("no JSON log line saying it stopped (stderr is not a terminal: logs are JSON)")
	}
}

// TestServeSIGTERMMidAudit stops serve during a slow crawl: it must exit 0 within the
// bound, record the run and the site run as interrupted with the pages fetched so far
// stored, and the next audit must resume that site run.
func TestServeSIGTERMMidAudit(t *testing.T) {
	site := slowSite(t, 60*time.Millisecond)
	dir := t.TempDir()
	sites := writeSites(t, dir, [2]string{demosite.Name, site.URL + "/"})
	addr := freePort(t)
	db := filepath.Join(dir, "g.db")
	p := startGongkai(t, "serve", "--sites", sites, "--db", db, "--listen", addr, "--audit-on-start",
		"--delay", "0", "--parallelism", "1", "--shutdown-timeout", "15s")
	eventually(t, 60*time.Second, "the crawl under way", func() string {
		_, body, err := get("http://" + addr + "/metrics")
		if err != nil {
			return err.Error()
		}
		if n, _ := metricValue(body, `gongkai_http_requests_total{code="2xx"}`); n < 15 {
			return fmt.Sprintf("%v requests", n)
		}
		return ""
	})
	sent := time.Now()
	p.signal(syscall.SIGTERM)
	code, exited := p.wait(20 * time.Second)
	if !exited {
		t.Fatal("serve did not exit within 20s of SIGTERM")
	}
	if code != 0 {
		t.Fatalf("exit code %d after SIGTERM, want 0", code)
	}
	t.Logf("exited %s after SIGTERM", p.exited.Sub(sent).Round(time.Millisecond))

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(ctx, 0)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %+v, %v", runs, err)
	}
	if runs[0].Status != store.StatusInterrupted {
		t.Errorf("run status %q, want interrupted", runs[0].Status)
	}
	srs, err := st.SiteRunsOfRun(ctx, runs[0].ID)
	if err != nil || len(srs) != 1 {
		t.Fatalf("site runs %+v, %v", srs, err)
	}
	interrupted := srs[0]
	if interrupted.Status != store.StatusInterrupted {
		t.Errorf("site run status %q, want interrupted", interrupted.Status)
	}
	pages, err := st.PageCount(ctx, interrupted.ID)
	if err != nil || pages == 0 {
		t.Errorf("%d pages stored by the interrupted audit (%v); what was fetched must be kept", pages, err)
	}
	fr, err := st.Frontier(ctx, interrupted.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("interrupted: %d pages stored, frontier %+v", pages, fr)
	st.Close()

	// The next audit (same day, same rules) continues the interrupted site run.
	code, _, stderr := gk(t, "audit", "--sites", sites, "--db", db, "--delay", "0")
	if code != exitOK {
		t.Fatalf("audit after the interruption: exit %d\n%s", code, stderr)
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, _ = st.Runs(ctx, 1)
	srs, err = st.SiteRunsOfRun(ctx, runs[0].ID)
	if err != nil || len(srs) != 1 {
		t.Fatalf("site runs of the next audit %+v, %v", srs, err)
	}
	if srs[0].Status != store.StatusOK || srs[0].ResumedFrom != interrupted.ID {
		t.Errorf("next audit: status %q, resumed from %d; want ok, resumed from %d", srs[0].Status, srs[0].ResumedFrom, interrupted.ID)
	}
	if srs[0].Pages < pages {
		t.Errorf("resumed audit has %d pages, fewer than the %d stored before the interruption", srs[0].Pages, pages)
	}
}

// promQuery runs an instant query against Prometheus's HTTP API.
func promQuery(base, q string) ([]promSample, error) {
	_, body, err := get(base + "/api/v1/query?query=" + url.QueryEscape(q))
	if err != nil {
		return nil, err
	}
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]any            `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		return nil, fmt.Errorf("query %s: %w: %s", q, err, body)
	}
	if r.Status != "success" {
		return nil, fmt.Errorf("query %s: %s", q, r.Error)
	}
	var out []promSample
	for _, s := range r.Data.Result {
		v, _ := strconv.ParseFloat(fmt.Sprint(s.Value[1]), 64)
		out = append(out, promSample{s.Metric, v})
	}
	return out, nil
}

type promSample struct {
	Labels map[string]string
	Value  float64
}

// TestPrometheusScrapesServeAndPushgateway starts Prometheus and the Pushgateway on
// loopback (Debian's packages), `gongkai serve` with an audit on start and
// `gongkai audit --push`, and queries Prometheus's HTTP API for the site's series
// from both paths. The example alert rules are loaded too.
func TestPrometheusScrapesServeAndPushgateway(t *testing.T) {
	prom, err1 := exec.LookPath("prometheus")
	pushgw, err2 := exec.LookPath("prometheus-pushgateway")
	if err1 != nil || err2 != nil {
		t.Skip("prometheus or prometheus-pushgateway not installed (Debian packages; .ci/run installs them)")
	}
	site := httptest.NewServer(demosite.Handler())
	defer site.Close()
	dir := t.TempDir()
	sites := writeSites(t, dir, [2]string{demosite.Name, site.URL + "/"})
	serveAddr, pgAddr, promAddr := freePort(t), freePort(t), freePort(t)

	start(t, "pushgateway", nil, pushgw, "--web.listen-address="+pgAddr, "--persistence.file=")
	rulesFile, err := filepath.Abs(filepath.Join("..", "..", "deploy", "prometheus", "gongkai-alerts.yml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [%q]
scrape_configs:
  - job_name: gongkai-serve
    static_configs: [{targets: [%q]}]
  - job_name: pushgateway
    honor_labels: true
    static_configs: [{targets: [%q]}]
`, rulesFile, serveAddr, pgAddr)
	cfgFile := filepath.Join(dir, "prometheus.yml")
	os.WriteFile(cfgFile, []byte(cfg), 0o644)
	start(t, "prometheus", nil, prom, "--config.file="+cfgFile, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--web.listen-address="+promAddr)
	promBase := "http://" + promAddr
	eventually(t, 30*time.Second, "Prometheus ready", func() string {
		if code, body, err := get(promBase + "/-/ready"); err != nil || code != 200 {
			return fmt.Sprint(code, body, err)
		}
		return ""
	})

	startGongkai(t, "serve", "--sites", sites, "--db", filepath.Join(dir, "serve.db"), "--listen", serveAddr,
		"--audit-on-start", "--delay", "0")
	code, _, stderr := gk(t, "audit", "--sites", sites, "--db", filepath.Join(dir, "audit.db"), "--delay", "0",
		"--push", "http://"+pgAddr, "--format", "json")
	if code != exitOK {
		t.Fatalf("audit --push: exit %d\n%s", code, stderr)
	}
	_, pgBody, err := get("http://" + pgAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	pushedScore, ok := metricValue(pgBody, `gongkai_site_score{instance="",job="gongkai",level="政府",site="`+demosite.Name+`"}`)
	if !ok {
		t.Fatalf("the Pushgateway does not show the pushed score:\n%s", tail(pgBody, 3000))
	}

	var served []promSample
	eventually(t, 60*time.Second, "Prometheus has scraped serve's score of the site", func() string {
		var err error
		served, err = promQuery(promBase, `gongkai_site_score{job="gongkai-serve",site="`+demosite.Name+`",level="政府"}`)
		if err != nil {
			return err.Error()
		}
		if len(served) != 1 {
			return fmt.Sprintf("%d series", len(served))
		}
		return ""
	})
	if served[0].Value <= 0 || served[0].Value >= 100 {
		t.Errorf("scraped score %v", served[0].Value)
	}
	// Both paths judged the same site at the same date with the same rules.
	if served[0].Value != pushedScore {
		t.Errorf("serve's score %v differs from the pushed %v", served[0].Value, pushedScore)
	}
	findings, err := promQuery(promBase, `sum by (rule, severity) (gongkai_site_findings{job="gongkai-serve",site="`+demosite.Name+`"})`)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]float64{}
	for _, s := range findings {
		if s.Labels["severity"] == "" {
			t.Errorf("findings series without severity: %v", s.Labels)
		}
		byRule[s.Labels["rule"]] = s.Value
	}
	if byRule["regdoc-validity"] < 1 {
		t.Errorf("regdoc-validity findings in Prometheus = %v (%v); the sample site has planted ones", byRule["regdoc-validity"], byRule)
	}

	eventually(t, 30*time.Second, "Prometheus has scraped the pushed series", func() string {
		s, err := promQuery(promBase, `gongkai_site_findings{job="gongkai",site="`+demosite.Name+`",rule="regdoc-validity"}`)
		if err != nil {
			return err.Error()
		}
		if len(s) != 1 || s[0].Value != byRule["regdoc-validity"] {
			return fmt.Sprintf("pushed regdoc-validity findings %v, serve's %v", s, byRule["regdoc-validity"])
		}
		return ""
	})

	// Every query of the Grafana dashboard runs on this Prometheus and finds series
	// (variables set to "All"); only the list of vetoed units may be empty.
	exprs := dashboardExprs(t)
	if len(exprs) < 10 {
		t.Fatalf("%d dashboard queries", len(exprs))
	}
	allVars := strings.NewReplacer("$job", ".*", "$level", ".*", "$site", ".*", "$rule", ".*")
	for _, e := range exprs {
		q := allVars.Replace(e)
		eventually(t, 20*time.Second, "dashboard query "+q, func() string {
			s, err := promQuery(promBase, q)
			switch {
			case err != nil:
				return err.Error()
			case len(s) == 0 && !strings.Contains(q, "== 1"):
				return "no series"
			}
			return ""
		})
	}

	// The example alert rules loaded and evaluate without errors.
	_, body, err := get(promBase + "/api/v1/rules")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"GongkaiSiteNotAudited", "GongkaiNewVeto", "GongkaiScoreDrop"} {
		if !strings.Contains(body, `"name":"`+name+`"`) {
			t.Errorf("Prometheus did not load alert %s", name)
		}
	}
	if regexp.MustCompile(`"health":"err"`).MatchString(body) {
		t.Errorf("an alert rule fails to evaluate:\n%s", body)
	}
}

// TestServeNeverTwoAuditsAtOnce triggers audits every second while a slow audit runs:
// the triggers are skipped and counted, and the store never holds two running runs.
func TestServeNeverTwoAuditsAtOnce(t *testing.T) {
	site := slowSite(t, 40*time.Millisecond)
	dir := t.TempDir()
	sites := writeSites(t, dir, [2]string{demosite.Name, site.URL + "/"})
	addr := freePort(t)
	db := filepath.Join(dir, "g.db")
	p := startGongkai(t, "serve", "--sites", sites, "--db", db, "--listen", addr, "--audit-on-start",
		"--schedule", "@every 1s", "--delay", "0", "--parallelism", "1")
	var body string
	eventually(t, 30*time.Second, "two scheduled audits skipped", func() string {
		var err error
		if _, body, err = get("http://" + addr + "/metrics"); err != nil {
			return err.Error()
		}
		if n, _ := metricValue(body, "gongkai_audit_skipped_total"); n < 2 {
			return fmt.Sprintf("%v skipped", n)
		}
		return ""
	})
	if v, _ := metricValue(body, "gongkai_audit_running"); v != 1 {
		t.Errorf("gongkai_audit_running = %v during the audit", v)
	}
	finished := 0.0
	for _, r := range []string{"ok", "failed", "interrupted"} {
		v, _ := metricValue(body, `gongkai_audit_runs_total{result="`+r+`"}`)
		finished += v
	}
	if finished != 0 {
		t.Errorf("%v runs finished while the first was still crawling", finished)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(context.Background(), 0)
	st.Close()
	if err != nil || len(runs) != 1 || runs[0].Status != store.StatusRunning {
		t.Errorf("runs in the store: %+v (%v); want the one running", runs, err)
	}
	if !strings.Contains(p.out.String(), "audit not started: the previous audit is still running") {
		t.Error("skipped triggers not logged")
	}
	p.signal(syscall.SIGTERM)
	if code, ok := p.wait(20 * time.Second); !ok || code != 0 {
		t.Errorf("after SIGTERM: exited %v, code %d", ok, code)
	}
}
