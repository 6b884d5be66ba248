package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/store"
)

// writeSites writes a sites.yaml listing name → URL pairs (in order) and returns its path.
func writeSites(t *testing.T, dir string, sites ...[2]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("sites:\n")
	for _, s := range sites {
		fmt.Fprintf(&b, "  - name: %s\n    url: %s\n    level: 政府\n", s[0], s[1])
	}
	path := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// deadURL is a loopback URL nothing listens on.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "http://" + ln.Addr().String() + "/"
}

// TestAuditExitCodes: a failing unit beside a working one is a warning (exit 0, the
// unit named on stderr, the run recorded ok); when every unit fails the run failed
// (exit 3).
func TestAuditExitCodes(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	dead := deadURL(t)
	sites := writeSites(t, dir, [2]string{"断网单位", dead}, [2]string{demosite.Name, srv.URL + "/"})
	// A few pages suffice to tell an audited site from a failed one.
	common := []string{"--db", db, "--delay", "0", "--retries", "0", "--timeout", "2s", "--as-of", demosite.AsOf, "--max-pages", "20"}

	code, out, stderr := gk(t, append([]string{"audit", "--sites", sites}, common...)...)
	if code != exitOK {
		t.Fatalf("one of two failed: exit %d, want 0\nstderr: %s", code, stderr)
	}
	if !strings.Contains(stderr, "gongkai: warning: audit of 断网单位 ("+dead+") failed") {
		t.Errorf("stderr does not name the failed unit:\n%s", stderr)
	}
	if !strings.Contains(out, demosite.Name) {
		t.Errorf("stdout lacks the audited unit's summary:\n%s", out)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(context.Background(), 1)
	st.Close()
	if err != nil || len(runs) != 1 || runs[0].Status != store.StatusOK {
		t.Errorf("run recorded %+v (%v), want status ok", runs, err)
	}

	sites = writeSites(t, dir, [2]string{"断网单位", dead}, [2]string{"另一个断网单位", deadURL(t)})
	code, _, stderr = gk(t, append([]string{"audit", "--sites", sites}, common...)...)
	if code != exitFailed {
		t.Errorf("all failed: exit %d, want 3\nstderr: %s", code, stderr)
	}
	if !strings.Contains(stderr, "all 2 sites failed") {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestAuditUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "sites.yaml")
	os.WriteFile(bad, []byte("sites:\n  - name: 青岚县人民政府\n    url: http://x.gov.cn/\n    level: 县\n"), 0o644)
	good := writeSites(t, t.TempDir(), [2]string{"甲", "http://x.gov.cn/"})
	code, out, stderr := gk(t, "audit", "--sites", good, "--check")
	if code != exitOK || !strings.Contains(out, "sites.yaml: 1 sites, valid") {
		t.Errorf("--check of a good file: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--sites", bad}, `sites.yaml:4:12: sites[0].level: "县" (want 政府, 部门 or 乡镇)`},
		{[]string{"audit", "--sites", good, "--concurrency", "0"}, "--concurrency must be at least 1"},
		{[]string{"audit", "--sites", good, "--keep-runs", "-1"}, "--keep-runs must not be negative"},
		{[]string{"audit", "--sites", good, "--push", "pushgateway:9091"}, `--push "pushgateway:9091": want the Pushgateway's URL`},
		{[]string{"serve", "--sites", good, "--as-of", "2024-01-01"}, "--as-of does not apply to serve"},
		{[]string{"serve", "--sites", good, "--schedule", "0 25 * * *"}, `--schedule "0 25 * * *": end of range (25) above maximum (23)`},
		{[]string{"serve", "--sites", good, "--schedule", "0 2 * *"}, `--schedule "0 2 * *": expected exactly 5 fields, found 4`},
		{[]string{"serve"}, "--sites FILE is required"},
		{[]string{"audit", "--sites", bad, "--check"}, `sites.yaml:4:12: sites[0].level`},
		{[]string{"serve", "--sites", bad}, `sites.yaml:4:12: sites[0].level`},
	} {
		code, _, stderr := gk(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// fakePushgateway records what is pushed to it.
type fakePushgateway struct {
	mu     sync.Mutex
	method string
	path   string
	body   []byte
	ctype  string
}

func (p *fakePushgateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	p.method, p.path, p.body, p.ctype = r.Method, r.URL.Path, b, r.Header.Get("Content-Type")
	p.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// TestAuditPush: audit --push PUTs the series of the audited sites to job "gongkai",
// without Go and process metrics; a gateway that refuses makes the run exit 3.
func TestAuditPush(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	pg := &fakePushgateway{}
	gw := httptest.NewServer(pg)
	defer gw.Close()
	dir := t.TempDir()
	sites := writeSites(t, dir, [2]string{demosite.Name, srv.URL + "/"})
	args := []string{"audit", "--sites", sites, "--db", filepath.Join(dir, "g.db"), "--delay", "0", "--as-of", demosite.AsOf,
		"--format", "json"}
	code, _, stderr := gk(t, append(args, "--push", gw.URL)...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.method != http.MethodPut || pg.path != "/metrics/job/gongkai" {
		t.Errorf("pushed with %s %s, want PUT /metrics/job/gongkai", pg.method, pg.path)
	}
	families, err := decodeMetrics(pg.body, pg.ctype)
	if err != nil {
		t.Fatal(err)
	}
	score := families["gongkai_site_score"]
	if score == nil || len(score.Metric) != 1 {
		t.Fatalf("pushed gongkai_site_score: %v", score)
	}
	labels := map[string]string{}
	for _, l := range score.Metric[0].Label {
		labels[l.GetName()] = l.GetValue()
	}
	if labels["site"] != demosite.Name || labels["level"] != "政府" {
		t.Errorf("score labels %v", labels)
	}
	if v := score.Metric[0].GetGauge().GetValue(); v <= 0 || v >= 100 {
		t.Errorf("pushed score %v; the demo site has findings", v)
	}
	if families["gongkai_site_findings"] == nil || families["gongkai_http_requests_total"] == nil {
		t.Error("findings or request counts not pushed")
	}
	runs := families["gongkai_audit_runs_total"]
	okRuns := 0.0
	for _, m := range runs.GetMetric() {
		if m.Label[0].GetValue() == "ok" {
			okRuns = m.GetCounter().GetValue()
		}
	}
	if okRuns != 1 {
		t.Errorf("gongkai_audit_runs_total{result=ok} = %v, want 1", okRuns)
	}
	for name := range families {
		if strings.HasPrefix(name, "go_") || strings.HasPrefix(name, "process_") {
			t.Errorf("pushed %s: a one-shot job's runtime metrics would go stale on the gateway", name)
		}
	}

	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusBadRequest)
	}))
	defer refusing.Close()
	code, _, stderr = gk(t, append(args, "--push", refusing.URL, "--max-pages", "5")...)
	if code != exitFailed || !strings.Contains(stderr, "push metrics to "+refusing.URL) {
		t.Errorf("refused push: exit %d, stderr %q", code, stderr)
	}
}

// decodeMetrics reads a pushed body (protobuf, delimited, or text).
func decodeMetrics(body []byte, ctype string) (map[string]*dtoFamily, error) {
	dec := expfmt.NewDecoder(bytes.NewReader(body), expfmt.Format(ctype))
	out := map[string]*dtoFamily{}
	for {
		var mf dtoFamily
		if err := dec.Decode(&mf); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decode pushed metrics (%s): %w", ctype, err)
		}
		out[mf.GetName()] = &mf
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("nothing pushed")
	}
	return out, nil
}

type dtoFamily = dto.MetricFamily
