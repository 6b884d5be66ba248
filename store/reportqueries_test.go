package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

func TestLatestSiteAttempts(t *testing.T) {
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	ctx := context.Background()
	other := facts.Site{Name: "另一单位", URL: "https://other.example.gov.cn/"}
	t1 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)

	// testSite: ok, then failed. other: only running (an audit in progress).
	_, okSR := judgeRun(t, s, clk, t1)
	clk.set(t1.Add(24 * time.Hour))
	run2, err := s.BeginRun(ctx, RunInfo{Command: "audit"})
	if err != nil {
		t.Fatal(err)
	}
	failedSR, err := s.BeginSite(ctx, run2, testSite)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishSite(ctx, failedSR, SiteStats{Status: StatusFailed, Err: "dial tcp: connection refused"}); err != nil {
		t.Fatal(err)
	}
	runningSR, err := s.BeginSite(ctx, run2, other)
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.LatestSiteAttempts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("LatestSiteAttempts = %d site runs, want 2", len(got))
	}
	if got[0].ID != failedSR || got[0].Status != StatusFailed || got[0].Err != "dial tcp: connection refused" {
		t.Errorf("first site: %+v, want the failed site run %d", got[0], failedSR)
	}
	if got[1].ID != runningSR || got[1].Status != StatusRunning || got[1].Site.Name != "另一单位" {
		t.Errorf("second site: %+v, want the running site run %d", got[1], runningSR)
	}
	// The latest completed run is still the ok one.
	if latest, _ := s.LatestSiteRuns(ctx); len(latest) != 1 || latest[0].ID != okSR {
		t.Errorf("LatestSiteRuns = %+v, want only site run %d", latest, okSR)
	}
}

func TestFindingCounts(t *testing.T) {
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	f := func(rule, url string) rules.Finding {
		return rules.Finding{Rule: rule, Severity: rules.SeverityHigh, URL: url, Evidence: "e"}
	}
	t1 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)
	judgeRun(t, s, clk, t1, f("broken-link", "https://x/1"), f("broken-link", "https://x/2"), f("regdoc-validity", "https://x/a"))
	_, sr2 := judgeRun(t, s, clk, t1.Add(24*time.Hour),
		f("broken-link", "https://x/2"), f("broken-link", "https://x/3"), f("broken-link", "https://x/4"))

	got, err := s.FindingCounts(context.Background(), sr2)
	if err != nil {
		t.Fatal(err)
	}
	want := []FindingCount{
		{"broken-link", FindingFixed, 1},
		{"broken-link", FindingNew, 2},
		{"broken-link", FindingPersisting, 1},
		{"regdoc-validity", FindingFixed, 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindingCounts = %+v\nwant %+v", got, want)
	}
	if got, err := s.FindingCounts(context.Background(), 999); err != nil || len(got) != 0 {
		t.Errorf("FindingCounts of an unknown site run = %+v, %v; want none", got, err)
	}
}

func TestPageKinds(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	runID, err := s.BeginRun(ctx, RunInfo{Command: "scan"})
	if err != nil {
		t.Fatal(err)
	}
	srID, err := s.BeginSite(ctx, runID, testSite)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []facts.PageKind{facts.KindDetail, facts.KindList, facts.KindDetail, facts.KindHome, facts.KindDetail, facts.KindList}
	for i, k := range kinds {
		p := testPage(fmt.Sprintf("https://www.dachuan.gov.cn/p/%d.html", i), i, 1)
		p.Kind = k
		if err := s.SavePage(ctx, srID, p); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.PageKinds(ctx, srID)
	if err != nil {
		t.Fatal(err)
	}
	want := []PageKindCount{{"detail", 3}, {"list", 2}, {"home", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PageKinds = %+v, want %+v", got, want)
	}
}
