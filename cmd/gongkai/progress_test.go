package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/audit"
)

// TestProgress: on a terminal the bar counts sites, requests and failures, log lines
// go above it, and finish gives stderr back; off a terminal there is no bar at all.
// (The bar clears itself once every site is done, so the test stops at 2 of 3.)
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	a := &app{env: env{stderr: &buf, stderrTTY: true}, logLevel: "warn"}
	p := a.startProgress(3)
	if p == nil {
		t.Fatal("no progress on a terminal")
	}
	if a.stderr == &buf {
		t.Fatal("stderr not routed through the progress display")
	}
	observe := observeBoth(nil, p.request)
	for range 7 {
		observe(200, nil)
	}
	p.siteDone(audit.SiteResult{})
	p.siteDone(audit.SiteResult{Err: errors.New("unreachable")})
	time.Sleep(400 * time.Millisecond) // the bar redraws at most every 100ms, its text every 200ms
	a.logger().Warn("a log line")
	p.finish(a)
	if a.stderr != &buf {
		t.Error("finish did not restore stderr")
	}
	out := buf.String()
	for _, want := range []string{"auditing sites · 7 requests · 1 failed", "(2/3)", "a log line"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}

	var quiet bytes.Buffer
	b := &app{env: env{stderr: &quiet, stderrTTY: false}}
	q := b.startProgress(3)
	if q != nil {
		t.Fatal("progress when stderr is not a terminal")
	}
	q.siteDone(audit.SiteResult{}) // a nil progress does nothing
	q.request(200, nil)
	q.finish(b)
	if quiet.Len() != 0 || b.stderr != &quiet {
		t.Errorf("off a terminal: wrote %q", quiet.String())
	}
}

func TestObserveBoth(t *testing.T) {
	var calls []string
	f := func(int, error) { calls = append(calls, "f") }
	g := func(int, error) { calls = append(calls, "g") }
	observeBoth(f, g)(200, nil)
	observeBoth(nil, g)(200, nil)
	observeBoth(f, nil)(200, nil)
	if strings.Join(calls, "") != "fggf" {
		t.Errorf("calls %v", calls)
	}
	if observeBoth(nil, nil) != nil {
		t.Error("observeBoth(nil, nil) is not nil")
	}
}
