package main

// Tests of deploy/: the Grafana dashboard and the alert rules query only metrics and
// labels gongkai exports (taken from a real registry, not a list kept by hand); the
// Prometheus files pass promtool; the systemd units pass systemd-analyze verify; the
// gongkai command lines in units and manifests are accepted by this CLI.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/goccy/go-yaml"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

const deployDir = "../../deploy"

var (
	exportedOnce sync.Once
	exported     map[string]map[string]bool // metric name → its label names
	exportedErr  error
)

// exportedMetrics audits the sample site into a fresh store and gathers what the
// metrics registry of serve exports then: every metric name with its label names.
func exportedMetrics(t *testing.T) map[string]map[string]bool {
	t.Helper()
	exportedOnce.Do(func() {
		srv := httptest.NewServer(demosite.Handler())
		defer srv.Close()
		dir, err := os.MkdirTemp("", "gongkai-metrics-")
		if err != nil {
			exportedErr = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "g.db")
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"scan", srv.URL + "/", "--db", db, "--delay", "0", "--as-of", demosite.AsOf, "--max-pages", "30"},
			env{stdout: &out, stderr: &errb})
		if code != 0 {
			exportedErr = fmt.Errorf("scan of the sample site: exit %d: %s", code, errb.String())
			return
		}
		st, err := store.Open(context.Background(), db)
		if err != nil {
			exportedErr = err
			return
		}
		defer st.Close()
		mfs, err := report.NewMetrics(st, report.MetricsOptions{Runtime: true}).Gatherer().Gather()
		if err != nil {
			exportedErr = err
			return
		}
		exported = map[string]map[string]bool{}
		for _, mf := range mfs {
			labels := map[string]bool{}
			for _, m := range mf.Metric {
				for _, l := range m.Label {
					labels[l.GetName()] = true
				}
			}
			// Summaries and histograms are queried by their series names.
			names := []string{mf.GetName()}
			switch mf.GetType().String() {
			case "SUMMARY":
				names = append(names, mf.GetName()+"_sum", mf.GetName()+"_count")
			case "HISTOGRAM":
				names = append(names, mf.GetName()+"_sum", mf.GetName()+"_count", mf.GetName()+"_bucket")
			}
			for _, n := range names {
				exported[n] = labels
			}
		}
	})
	if exportedErr != nil {
		t.Fatal(exportedErr)
	}
	if len(exported[report.MetricSiteFindings]) == 0 {
		t.Fatal("the registry exports no per-site series after an audit")
	}
	return exported
}

// targetLabels are added by Prometheus to every scraped series.
var targetLabels = map[string]bool{"job": true, "instance": true}

// promRefs is what a PromQL expression refers to.
type promRefs struct {
	metrics  map[string][]string // metric name → labels in its matchers
	grouping []string            // labels of by, without, on, ignoring, group_left, group_right
}

var promKeywords = map[string]bool{"and": true, "or": true, "unless": true, "bool": true, "offset": true,
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
	"inf": true, "nan": true, "atan2": true}

// parsePromQL lexes a PromQL expression far enough to find its metric names and the
// labels it uses (Grafana variables appear only inside strings in our files).
func parsePromQL(expr string) (promRefs, error) {
	var toks []string
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(expr) && expr[j] != c {
				if expr[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(expr) {
				return promRefs{}, fmt.Errorf("unterminated string in %q", expr)
			}
			toks = append(toks, expr[i:j+1])
			i = j + 1
		case c >= '0' && c <= '9' || c == '.':
			j := i
			for j < len(expr) && (isIdentByte(expr[j]) || expr[j] == '.') {
				j++
			}
			toks = append(toks, "#"+expr[i:j]) // a number or a duration
			i = j
		case isIdentByte(c):
			j := i
			for j < len(expr) && isIdentByte(expr[j]) {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		default:
			if i+1 < len(expr) && slices.Contains([]string{"=~", "!~", "!=", "==", ">=", "<="}, expr[i:i+2]) {
				toks = append(toks, expr[i:i+2])
				i += 2
			} else {
				toks = append(toks, string(c))
				i++
			}
		}
	}
	refs := promRefs{metrics: map[string][]string{}}
	ident := func(s string) bool { return s != "" && (unicode.IsLetter(rune(s[0])) || s[0] == '_' || s[0] == ':') }
	next := func(i int) string {
		if i+1 < len(toks) {
			return toks[i+1]
		}
		return ""
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t == "[":
			for i < len(toks) && toks[i] != "]" {
				i++
			}
		case t == "{":
			return promRefs{}, fmt.Errorf("selector without a metric name in %q", expr)
		case !ident(t):
		case promKeywords[t]:
			if next(i) == "(" && slices.Contains([]string{"by", "without", "on", "ignoring", "group_left", "group_right"}, t) {
				for i += 2; i < len(toks) && toks[i] != ")"; i++ {
					if toks[i] != "," {
						refs.grouping = append(refs.grouping, toks[i])
					}
				}
			}
		case next(i) == "(" || next(i) == "by" || next(i) == "without":
			// a function, or an aggregation (sum by (x) (…))
		default:
			var labels []string
			if next(i) == "{" {
				for i += 2; i < len(toks) && toks[i] != "}"; i++ {
					if ident(toks[i]) {
						labels = append(labels, toks[i])
					}
				}
				if i >= len(toks) {
					return promRefs{}, fmt.Errorf("unclosed selector in %q", expr)
				}
			}
			refs.metrics[t] = append(refs.metrics[t], labels...)
		}
	}
	if len(refs.metrics) == 0 {
		return promRefs{}, fmt.Errorf("no metric in %q", expr)
	}
	return refs, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// checkExpr reports the metrics and labels of expr that gongkai does not export;
// legend labels ({{site}}) must survive the expression's grouping.
func checkExpr(metrics map[string]map[string]bool, expr string, legendLabels []string) []string {
	refs, err := parsePromQL(expr)
	if err != nil {
		return []string{err.Error()}
	}
	var bad []string
	union := map[string]bool{}
	for m, used := range refs.metrics {
		have, ok := metrics[m]
		if !ok {
			bad = append(bad, fmt.Sprintf("metric %s is not exported by gongkai", m))
			continue
		}
		for l := range have {
			union[l] = true
		}
		for _, l := range used {
			if !have[l] && !targetLabels[l] {
				bad = append(bad, fmt.Sprintf("%s has no label %q", m, l))
			}
		}
	}
	for _, l := range refs.grouping {
		if !union[l] && !targetLabels[l] {
			bad = append(bad, fmt.Sprintf("grouping by %q, a label none of %v has", l, keys(refs.metrics)))
		}
	}
	for _, l := range legendLabels {
		switch {
		case !union[l] && !targetLabels[l]:
			bad = append(bad, fmt.Sprintf("legend uses {{%s}}, a label none of %v has", l, keys(refs.metrics)))
		case len(refs.grouping) > 0 && !slices.Contains(refs.grouping, l) && strings.Contains(expr, " by ("):
			bad = append(bad, fmt.Sprintf("legend uses {{%s}}, aggregated away by %v", l, refs.grouping))
		}
	}
	return bad
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestParsePromQL(t *testing.T) {
	for _, tc := range []struct {
		expr     string
		metrics  string // name:labels;…
		grouping string
	}{
		{`gongkai_site_score{job=~"$job",site=~"$site"}`, "gongkai_site_score:job,site", ""},
		{`sum by (rule, severity) (gongkai_site_findings{site="a"}) > 0`, "gongkai_site_findings:site", "rule,severity"},
		{`time() - gongkai_site_last_audit_timestamp_seconds > 36 * 3600`, "gongkai_site_last_audit_timestamp_seconds:", ""},
		{`gongkai_site_veto == 1 and on (site, level) (gongkai_site_veto offset 1d == 0)`, "gongkai_site_veto:", "site,level"},
		{`max_over_time(gongkai_site_score[1d]) - gongkai_site_score >= 10`, "gongkai_site_score:", ""},
		{`sum(increase(gongkai_audit_runs_total{result="failed"}[1d])) or vector(0)`, "gongkai_audit_runs_total:result", ""},
	} {
		refs, err := parsePromQL(tc.expr)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		var got []string
		for _, m := range keys(refs.metrics) {
			got = append(got, m+":"+strings.Join(refs.metrics[m], ","))
		}
		if strings.Join(got, ";") != tc.metrics || strings.Join(refs.grouping, ",") != tc.grouping {
			t.Errorf("%s: metrics %v grouping %v, want %s / %s", tc.expr, got, refs.grouping, tc.metrics, tc.grouping)
		}
	}
	metrics := map[string]map[string]bool{"gongkai_site_score": {"site": true, "level": true}}
	for _, tc := range []struct {
		expr, legend, want string // want: part of the complaint, "" for none
	}{
		{`sum by (level) (gongkai_site_score{site="a",job="x"})`, "level", ""},
		{`gongkai_site_score`, "site", ""},
		{`gongkai_site_scores`, "", "metric gongkai_site_scores is not exported"},
		{`gongkai_site_score{unit="x"}`, "", `gongkai_site_score has no label "unit"`},
		{`sum by (unit) (gongkai_site_score)`, "", `grouping by "unit"`},
		{`sum by (level) (gongkai_site_score)`, "site", "aggregated away"},
		{`gongkai_site_score`, "unit", "legend uses {{unit}}"},
		{`{__name__="gongkai_site_score"}`, "", "selector without a metric name"},
		{`gongkai_site_score{site="x"`, "", "unclosed selector"},
	} {
		var legend []string
		if tc.legend != "" {
			legend = []string{tc.legend}
		}
		bad := strings.Join(checkExpr(metrics, tc.expr, legend), "; ")
		if tc.want == "" && bad != "" || tc.want != "" && !strings.Contains(bad, tc.want) {
			t.Errorf("checkExpr(%s, %v) = %q, want %q", tc.expr, legend, bad, tc.want)
		}
	}
}

var legendRE = regexp.MustCompile(`\{\{\s*([A-Za-z_]\w*)\s*\}\}`)

// TestGrafanaDashboard checks deploy/grafana/gongkai.json: the data source is a
// variable, site and rule variables come from label_values of exported metrics, every
// query names exported metrics and labels, and every per-site metric of SPEC is shown.
func TestGrafanaDashboard(t *testing.T) {
	metrics := exportedMetrics(t)
	raw, err := os.ReadFile(filepath.Join(deployDir, "grafana", "gongkai.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Title      string            `json:"title"`
		UID        string            `json:"uid"`
		Panels     []json.RawMessage `json:"panels"`
		Templating struct {
			List []struct {
				Name       string          `json:"name"`
				Type       string          `json:"type"`
				Query      json.RawMessage `json:"query"`
				Datasource json.RawMessage `json:"datasource"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("gongkai.json: %v", err)
	}
	if dash.Title == "" || dash.UID == "" {
		t.Error("dashboard without title or uid")
	}
	const ds = `{"type":"prometheus","uid":"${DS_PROMETHEUS}"}`
	vars := map[string]string{}
	for _, v := range dash.Templating.List {
		var q string
		if json.Unmarshal(v.Query, &q) != nil {
			var qo struct {
				Query string `json:"query"`
			}
			json.Unmarshal(v.Query, &qo)
			q = qo.Query
		}
		vars[v.Name] = v.Type + " " + q
		if v.Type != "query" {
			continue
		}
		if compactJSON(v.Datasource) != ds {
			t.Errorf("variable %s: datasource %s, want %s", v.Name, v.Datasource, ds)
		}
		m := regexp.MustCompile(`^label_values\((.+),\s*(\w+)\)$`).FindStringSubmatch(q)
		if m == nil {
			t.Errorf("variable %s: query %q is not label_values(metric, label)", v.Name, q)
			continue
		}
		for _, bad := range checkExpr(metrics, m[1], []string{m[2]}) {
			t.Errorf("variable %s: %s", v.Name, bad)
		}
	}
	if vars["DS_PROMETHEUS"] != "datasource prometheus" {
		t.Errorf("no data source variable DS_PROMETHEUS of type prometheus (got %q)", vars["DS_PROMETHEUS"])
	}
	for _, v := range []string{"site", "rule"} {
		if !strings.HasPrefix(vars[v], "query label_values(") {
			t.Errorf("no %s variable from label_values (got %q)", v, vars[v])
		}
	}

	used := map[string]bool{}
	var walk func(path string, raws []json.RawMessage)
	walk = func(path string, raws []json.RawMessage) {
		for _, r := range raws {
			var p struct {
				Title      string            `json:"title"`
				Type       string            `json:"type"`
				Datasource json.RawMessage   `json:"datasource"`
				Panels     []json.RawMessage `json:"panels"`
				Targets    []struct {
					Expr         string          `json:"expr"`
					LegendFormat string          `json:"legendFormat"`
					Datasource   json.RawMessage `json:"datasource"`
				} `json:"targets"`
			}
			if err := json.Unmarshal(r, &p); err != nil {
				t.Fatal(err)
			}
			where := path + p.Title
			walk(where+" / ", p.Panels)
			if p.Type == "row" {
				continue
			}
			if len(p.Targets) == 0 {
				t.Errorf("panel %q has no queries", where)
			}
			if compactJSON(p.Datasource) != ds {
				t.Errorf("panel %q: datasource %s, want %s", where, p.Datasource, ds)
			}
			for _, tg := range p.Targets {
				if compactJSON(tg.Datasource) != ds {
					t.Errorf("panel %q: query datasource %s, want %s", where, tg.Datasource, ds)
				}
				var legend []string
				for _, m := range legendRE.FindAllStringSubmatch(tg.LegendFormat, -1) {
					legend = append(legend, m[1])
				}
				for _, bad := range checkExpr(metrics, tg.Expr, legend) {
					t.Errorf("panel %q: %s\n  query: %s", where, bad, tg.Expr)
				}
				if refs, err := parsePromQL(tg.Expr); err == nil {
					for m := range refs.metrics {
						used[m] = true
					}
				}
			}
		}
	}
	walk("", dash.Panels)
	for _, m := range []string{report.MetricSiteScore, report.MetricSiteVeto, report.MetricSiteFindings, report.MetricSitePages,
		report.MetricSiteCrawlErrors, report.MetricSiteLastAudit, report.MetricSiteDuration, report.MetricAuditRuns,
		report.MetricHTTPRequests, report.MetricSiteGradeInfo} {
		if !used[m] {
			t.Errorf("the dashboard shows nothing of %s", m)
		}
	}
}

// dashboardExprs returns the PromQL of every panel query of the dashboard.
func dashboardExprs(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(deployDir, "grafana", "gongkai.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exprs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if e, ok := x["expr"].(string); ok {
				exprs = append(exprs, e)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	walk(doc["panels"])
	return exprs
}

func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

// TestAlertRules checks the example alerts' queries against the exported metrics and
// runs promtool on the rules, their unit tests and the example prometheus.yml.
func TestAlertRules(t *testing.T) {
	metrics := exportedMetrics(t)
	dir := filepath.Join(deployDir, "prometheus")
	raw, err := os.ReadFile(filepath.Join(dir, "gongkai-alerts.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Rules []struct {
				Alert  string            `yaml:"alert"`
				Expr   string            `yaml:"expr"`
				Labels map[string]string `yaml:"labels"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var alerts []string
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
			for _, bad := range checkExpr(metrics, r.Expr, nil) {
				t.Errorf("alert %s: %s", r.Alert, bad)
			}
			if r.Labels["severity"] == "" {
				t.Errorf("alert %s has no severity label", r.Alert)
			}
		}
	}
	for _, want := range []string{"GongkaiSiteNotAudited", "GongkaiNewVeto", "GongkaiScoreDrop"} {
		if !slices.Contains(alerts, want) {
			t.Errorf("no alert %s", want)
		}
	}

	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not on PATH (Debian package prometheus); rule files not checked by it")
	}
	for _, args := range [][]string{
		{"check", "rules", "gongkai-alerts.yml"},
		{"test", "rules", "gongkai-alerts.test.yml"},
		{"check", "config", "prometheus.yml"},
	} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// splitCommand splits a command line as systemd does for ExecStart (double quotes,
// backslash-newline continuations already joined).
func splitCommand(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case unicode.IsSpace(r) && !inQuote:
			if have {
				out = append(out, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		out = append(out, cur.String())
	}
	return out
}

// checkCommandLine checks that args (after the binary) name a gongkai command and
// flags it accepts, and returns the parsed flag values.
func checkCommandLine(t *testing.T, where string, args []string) map[string]string {
	t.Helper()
	a := &app{env: env{stdout: io.Discard, stderr: io.Discard}}
	root := a.rootCmd()
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root {
		t.Errorf("%s: %v is no gongkai command (%v)", where, args, err)
		return nil
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: gongkai %s rejects its flags: %v", where, cmd.Name(), err)
		return nil
	}
	if extra := cmd.Flags().Args(); len(extra) > 0 {
		t.Errorf("%s: stray arguments %v", where, extra)
	}
	vals := map[string]string{"command": cmd.Name()}
	for _, name := range []string{"sites", "db", "out", "listen", "schedule", "push", "shutdown-timeout"} {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			vals[name] = f.Value.String()
		}
	}
	if s, ok := vals["schedule"]; ok {
		if _, err := cronParser.Parse(s); err != nil {
			t.Errorf("%s: --schedule %q: %v", where, s, err)
		}
	}
	return vals
}

// unitExecStart returns the ExecStart= command line of a unit file.
func unitExecStart(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(raw), "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, "ExecStart="); ok {
			return splitCommand(v)
		}
	}
	t.Fatalf("%s: no ExecStart", path)
	return nil
}

func TestSystemdUnits(t *testing.T) {
	dir := filepath.Join(deployDir, "systemd")
	serve := checkCommandLine(t, "gongkai-serve.service", unitExecStart(t, filepath.Join(dir, "gongkai-serve.service"))[1:])
	if serve["command"] != "serve" || serve["db"] != "/var/lib/gongkai/gongkai.db" || serve["listen"] != "127.0.0.1:9788" {
		t.Errorf("gongkai-serve.service runs %v", serve)
	}
	aud := checkCommandLine(t, "gongkai-audit.service", unitExecStart(t, filepath.Join(dir, "gongkai-audit.service"))[1:])
	if aud["command"] != "audit" || aud["db"] != serve["db"] || aud["push"] == "" {
		t.Errorf("gongkai-audit.service runs %v", aud)
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not on PATH; unit files not verified by it")
	}
	// verify insists that ExecStart's binary exists: point the copies at this test binary.
	tmp := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"gongkai-serve.service", "gongkai-audit.service", "gongkai-audit.timer"}
	for _, u := range units {
		raw, err := os.ReadFile(filepath.Join(dir, u))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(tmp, u), bytes.ReplaceAll(raw, []byte("/usr/local/bin/gongkai"), []byte(self)), 0o644)
	}
	cmd := exec.Command(analyze, append([]string{"verify"}, units...)...)
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	// Unknown keys are only warnings for verify (exit 0): any output is a failure here.
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// k8sDocs reads the YAML documents of a manifest file.
func k8sDocs(t *testing.T, name string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(deployDir, "kubernetes", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	var docs []map[string]any
	for {
		var d map[string]any
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d == nil {
			continue
		}
		for _, k := range []string{"apiVersion", "kind", "metadata"} {
			if d[k] == nil {
				t.Errorf("%s: a document without %s", name, k)
			}
		}
		if kind := dig(d, "kind"); kind != "Namespace" && dig(d, "metadata", "namespace") != "gongkai" {
			t.Errorf("%s: %s %v not in namespace gongkai", name, kind, dig(d, "metadata", "name"))
		}
		docs = append(docs, d)
	}
	return docs
}

// dig walks maps and lists (an int key indexes a list).
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func byKind(docs []map[string]any, kind string) map[string]any {
	for _, d := range docs {
		if d["kind"] == kind {
			return d
		}
	}
	return nil
}

func stringsOf(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func TestKubernetesManifests(t *testing.T) {
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	cm := byKind(k8sDocs(t, "sites-configmap.yaml"), "ConfigMap")
	if _, err := audit.ParseSites("sites.yaml (ConfigMap)", []byte(fmt.Sprint(dig(cm, "data", "sites.yaml"))), cfg); err != nil {
		t.Errorf("the ConfigMap's sites.yaml: %v", err)
	}
	if byKind(k8sDocs(t, "namespace.yaml"), "Namespace") == nil {
		t.Error("namespace.yaml has no Namespace")
	}

	// podChecks checks what serve's and audit's pods share; spec is the pod spec.
	podChecks := func(file string, docs []map[string]any, spec any) map[string]string {
		c := dig(spec, "containers", 0)
		args := checkCommandLine(t, file, stringsOf(dig(c, "args")))
		grace, _ := strconv.Atoi(fmt.Sprint(dig(spec, "terminationGracePeriodSeconds")))
		if grace <= 20 {
			t.Errorf("%s: terminationGracePeriodSeconds %d leaves no room for --shutdown-timeout 20s", file, grace)
		}
		if dig(spec, "securityContext", "runAsNonRoot") != true || dig(c, "securityContext", "readOnlyRootFilesystem") != true {
			t.Errorf("%s: pod not hardened (runAsNonRoot, readOnlyRootFilesystem)", file)
		}
		mounts := map[string]string{}
		for i := 0; dig(c, "volumeMounts", i) != nil; i++ {
			mounts[fmt.Sprint(dig(c, "volumeMounts", i, "mountPath"))] = fmt.Sprint(dig(c, "volumeMounts", i, "name"))
		}
		vols := map[string]any{}
		for i := 0; dig(spec, "volumes", i) != nil; i++ {
			vols[fmt.Sprint(dig(spec, "volumes", i, "name"))] = dig(spec, "volumes", i)
		}
		dbVol := vols[mounts[filepath.Dir(args["db"])]]
		claim := fmt.Sprint(dig(dbVol, "persistentVolumeClaim", "claimName"))
		pvc := byKind(docs, "PersistentVolumeClaim")
		if pvc == nil || dig(pvc, "metadata", "name") != claim {
			t.Errorf("%s: --db %s is not on the file's PersistentVolumeClaim (claim %q)", file, args["db"], claim)
		}
		sitesVol := vols[mounts[filepath.Dir(args["sites"])]]
		if dig(sitesVol, "configMap", "name") != dig(cm, "metadata", "name") {
			t.Errorf("%s: --sites %s is not the ConfigMap gongkai-sites", file, args["sites"])
		}
		return args
	}

	docs := k8sDocs(t, "serve.yaml")
	dep := byKind(docs, "Deployment")
	spec := dig(dep, "spec", "template", "spec")
	args := podChecks("serve.yaml", docs, spec)
	if args["command"] != "serve" {
		t.Errorf("serve.yaml runs %v", args)
	}
	if dig(dep, "spec", "replicas") != uint64(1) || dig(dep, "spec", "strategy", "type") != "Recreate" {
		t.Errorf("serve.yaml: replicas %v, strategy %v: SQLite wants one pod at a time", dig(dep, "spec", "replicas"), dig(dep, "spec", "strategy", "type"))
	}
	c := dig(spec, "containers", 0)
	_, port, _ := strings.Cut(args["listen"], ":")
	if fmt.Sprint(dig(c, "ports", 0, "containerPort")) != port || dig(c, "ports", 0, "name") != "http" {
		t.Errorf("serve.yaml: containerPort %v, --listen %s", dig(c, "ports", 0, "containerPort"), args["listen"])
	}
	if dig(c, "livenessProbe", "httpGet", "path") != "/healthz" || dig(c, "readinessProbe", "httpGet", "path") != "/readyz" {
		t.Error("serve.yaml: probes are not /healthz (liveness) and /readyz (readiness)")
	}
	svc := byKind(docs, "Service")
	if dig(svc, "spec", "ports", 0, "targetPort") != "http" || fmt.Sprint(dig(svc, "spec", "selector")) != fmt.Sprint(dig(dep, "spec", "selector", "matchLabels")) {
		t.Error("serve.yaml: the Service does not select the Deployment's pods on port http")
	}

	docs = k8sDocs(t, "audit-cronjob.yaml")
	cj := byKind(docs, "CronJob")
	args = podChecks("audit-cronjob.yaml", docs, dig(cj, "spec", "jobTemplate", "spec", "template", "spec"))
	if args["command"] != "audit" || args["push"] == "" {
		t.Errorf("audit-cronjob.yaml runs %v; want audit with --push", args)
	}
	if dig(cj, "spec", "concurrencyPolicy") != "Forbid" || dig(cj, "spec", "timeZone") != "Asia/Shanghai" {
		t.Error("audit-cronjob.yaml: want concurrencyPolicy Forbid and timeZone Asia/Shanghai")
	}
	if _, err := cronParser.Parse(fmt.Sprint(dig(cj, "spec", "schedule"))); err != nil {
		t.Errorf("audit-cronjob.yaml: schedule: %v", err)
	}
}
