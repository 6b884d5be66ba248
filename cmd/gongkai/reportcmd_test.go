package main

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/demosite"
)

// TestReportCommand scans the sample site twice, then renders the scorecards from the
// store alone and checks they agree with what the scans printed.
func TestReportCommand(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	var scanned map[string]any
	for range 2 {
		code, out, stderr := gk(t, "scan", srv.URL+"/", "--name", demosite.Name, "--db", db, "--as-of", demosite.AsOf,
			"--format", "json", "--delay", "0", "--out", filepath.Join(dir, "scan-out"))
		if code != 0 {
			t.Fatalf("scan: exit %d; %s", code, stderr)
		}
		if err := json.Unmarshal([]byte(out), &scanned); err != nil {
			t.Fatal(err)
		}
	}
	// scan --out wrote the full folder too.
	for _, f := range []string{"index.html", "gongkai.xlsx", "findings.csv", "result.json", "runs/2.html"} {
		if _, err := os.Stat(filepath.Join(dir, "scan-out", f)); err != nil {
			t.Errorf("scan --out: %v", err)
		}
	}

	out := filepath.Join(dir, "report")
	code, stdout, stderr := gk(t, "report", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("report: exit %d; %s", code, stderr)
	}
	if !strings.Contains(stdout, demosite.Name) || !strings.Contains(stdout, "Wrote "+filepath.Join(out, "index.html")) {
		t.Errorf("report stdout:\n%s", stdout)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "sites", "*.html"))
	if len(pages) != 1 {
		t.Errorf("unit pages: %v", pages)
	}
	page, _ := os.ReadFile(pages[0])
	if !strings.Contains(string(page), demosite.Name) || !strings.Contains(string(page), "得分趋势") {
		t.Error("unit page lacks the unit or its trend")
	}

	// --format json: the result.json array, with the score the scan printed.
	code, stdout, stderr = gk(t, "report", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("report --format json: exit %d; %s", code, stderr)
	}
	var units []map[string]any
	if err := json.Unmarshal([]byte(stdout), &units); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, stdout)
	}
	if len(units) != 1 || units[0]["score"] != scanned["score"] || units[0]["grade"] != scanned["grade"] ||
		len(units[0]["findings"].([]any)) != len(scanned["findings"].([]any)) {
		t.Errorf("report says %v %v (%d findings), the scan said %v %v (%d findings)", units[0]["score"], units[0]["grade"],
			len(units[0]["findings"].([]any)), scanned["score"], scanned["grade"], len(scanned["findings"].([]any)))
	}
	if code, _, _ := gk(t, "report", "--db", db, "--format", "csv", "--fail-on", "high"); code != exitFindings {
		t.Errorf("--fail-on high: exit %d, want 1", code)
	}
}

func TestReportUsageErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	code, _, stderr := gk(t, "report", "--db", missing, "--out", filepath.Join(dir, "out"))
	if code != exitUsage || !strings.Contains(stderr, "typo.db") {
		t.Errorf("missing database: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("report created the database it was asked to read")
	}

	// An --out folder holding other files is refused before anything is crawled.
	foreign := filepath.Join(dir, "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep me"), 0o644)
	code, _, stderr = gk(t, "scan", "http://127.0.0.1:9/", "--db", filepath.Join(dir, "g.db"), "--out", foreign)
	if code != exitUsage || !strings.Contains(stderr, "notes.txt") {
		t.Errorf("foreign --out: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "keep me" {
		t.Error("foreign file touched")
	}
}
