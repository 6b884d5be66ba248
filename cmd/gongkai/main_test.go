package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/demosite"
)

// gk runs the CLI in-process with buffers and returns the exit code and outputs.
func gk(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, env{stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"scan"},
		{"scan", "ftp://x.gov.cn/"},
		{"scan", "http://x.gov.cn/", "--as-of", "2024-13-01"},
		{"scan", "http://x.gov.cn/", "--format", "xml"},
		{"scan", "http://x.gov.cn/", "--fail-on", "severe"},
		{"scan", "http://x.gov.cn/", "--no-such-flag"},
		{"nosuchcommand"},
		{"audit"},
		{"rules", "check"},
	} {
		code, _, stderr := gk(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
		if !strings.Contains(stderr, "gongkai:") {
			t.Errorf("%v: stderr %q does not explain", args, stderr)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := gk(t, "rules")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, id := range []string{"regdoc-validity", "regdoc-publish-timely", "proactive-timely", "第二十六条"} {
		if !strings.Contains(out, id) {
			t.Errorf("rules output lacks %q", id)
		}
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nscoring:\n  grades: [{name: 合格, min: 0}]\nrules:\n  regdoc-validity:\n    severity: high\n    wieght: 3\n    basis: x\n"), 0o644)
	code, _, stderr := gk(t, "rules", "check", bad)
	if code != exitUsage || !strings.Contains(stderr, "bad.yaml:7:5:") || !strings.Contains(stderr, `unknown field "wieght"`) {
		t.Errorf("rules check bad file: exit %d, stderr %q", code, stderr)
	}
}

func TestScanUnreachableExit3(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	db := filepath.Join(t.TempDir(), "g.db")
	code, _, stderr := gk(t, "scan", "http://"+addr+"/", "--db", db, "--retries", "0", "--timeout", "2s")
	if code != exitFailed {
		t.Errorf("exit %d, want 3; stderr %q", code, stderr)
	}
}

// TestScanJSONContract scans the sample site and checks the JSON document against SPEC.
func TestScanJSONContract(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	dir := t.TempDir()
	code, out, stderr := gk(t, "scan", srv.URL+"/", "--db", filepath.Join(dir, "g.db"), "--as-of", demosite.AsOf,
		"--format", "json", "--delay", "0", "--out", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var doc map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatal("stdout holds more than one JSON document")
	}
	for _, k := range []string{"site", "as_of", "score", "grade", "pages", "started_at", "finished_at", "findings"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	var findings []map[string]any
	json.Unmarshal(doc["findings"], &findings)
	if len(findings) == 0 {
		t.Fatal("no findings on the sample site")
	}
	for _, f := range findings {
		if len(f) != 6 {
			t.Errorf("finding keys = %v, want exactly rule severity url title evidence basis", f)
		}
		for _, k := range []string{"rule", "severity", "url", "title", "evidence", "basis"} {
			if s, _ := f[k].(string); s == "" {
				t.Errorf("finding %v: empty %q", f, k)
			}
		}
	}
	var asOf string
	json.Unmarshal(doc["as_of"], &asOf)
	if asOf != demosite.AsOf {
		t.Errorf("as_of = %q", asOf)
	}
	for _, f := range []string{"result.json", "findings.csv", "index.html"} {
		if st, err := os.Stat(filepath.Join(dir, "out", f)); err != nil || st.Size() == 0 {
			t.Errorf("--out did not write %s: %v", f, err)
		}
	}

	// --fail-on high: the sample site has high-severity findings.
	code, _, _ = gk(t, "scan", srv.URL+"/", "--db", filepath.Join(dir, "g.db"), "--as-of", demosite.AsOf,
		"--format", "json", "--delay", "0", "--fail-on", "high")
	if code != exitFindings {
		t.Errorf("--fail-on high: exit %d, want 1", code)
	}
}
