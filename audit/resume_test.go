package audit

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/internal/sitegen"
	"github.com/gongkai/gongkai/store"
)

// The kill test: a child process (this test binary, re-executed) audits a generated site
// into a SQLite file and is killed with SIGKILL at random points, several rounds, each
// round resuming what the last left; the parent checks after every kill that the
// database is consistent, then finishes the audit and compares its pages and findings
// with those of an uninterrupted audit of the same site.

const (
	envChild = "GONGKAI_RESUME_CHILD" // "1" in the child
	envDB    = "GONGKAI_RESUME_DB"
	envSite  = "GONGKAI_RESUME_SITE"
)

// resumeAuditor is the auditor both the parent and the child use.
func resumeAuditor(t *testing.T, db string, log *slog.Logger) *Auditor {
	a := newAuditor(t, db)
	a.AsOf = facts.MustParseDate(sitegen.AsOf)
	a.Logger = log
	a.Crawl = crawler.Options{Delay: crawler.NoDelay, Parallelism: 3, MaxPages: 5000, NoNotFoundProbe: true}
	return a
}

// TestResumeChild is the child's side; it does nothing in a normal test run.
func TestResumeChild(t *testing.T) {
	if os.Getenv(envChild) != "1" {
		t.Skip("runs only as the child of TestResumeAfterKill")
	}
	// Progress on stdout for the parent to time its kill: one "req" line per HTTP
	// request, and the log (the "judge" line says the crawl is over).
	var mu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	line := func(s string) {
		mu.Lock()
		out.WriteString(s + "\n")
		out.Flush()
		mu.Unlock()
	}
	log := slog.New(slog.NewTextHandler(lineWriter(line), &slog.HandlerOptions{Level: slog.LevelInfo}))
	a := resumeAuditor(t, os.Getenv(envDB), log)
	a.Crawl.Observe = func(int, error) { line("req") }
	if _, err := a.Store.MarkAbandoned(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := a.Run(context.Background(), "test", "", []SiteSpec{{Name: "生成站", URL: os.Getenv(envSite)}})
	if err != nil {
		t.Fatal(err)
	}
	line(fmt.Sprintf("done resumed=%v err=%v", res.Sites[0].Err == nil, res.Sites[0].Err))
}

type lineWriter func(string)

func (w lineWriter) Write(p []byte) (int, error) {
	w(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestResumeAfterKill(t *testing.T) {
	if os.Getenv(envChild) == "1" {
		t.Skip("in the child")
	}
	if testing.Short() {
		t.Skip("re-executes the test binary several times")
	}
	gen := sitegen.New(sitegen.Config{Docs: 240, Columns: 4, PerPage: 10, Latency: 3 * time.Millisecond})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	spec := SiteSpec{Name: "生成站", URL: srv.URL + "/"}
	dir := t.TempDir()

	// The uninterrupted audit.
	base := resumeAuditor(t, filepath.Join(dir, "base.db"), nil)
	r0, err := base.Run(context.Background(), "test", "", []SiteSpec{spec})
	if err != nil || r0.Sites[0].Err != nil {
		t.Fatal(err, r0.Sites[0].Err)
	}
	want := r0.Sites[0]
	baseReqs := want.Stats.Requests
	if want.Pages != gen.PageCount() || len(want.Findings) == 0 {
		t.Fatalf("baseline: %d pages (site has %d), %d findings", want.Pages, gen.PageCount(), len(want.Findings))
	}

	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("GONGKAI_RESUME_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	t.Logf("seed %d (GONGKAI_RESUME_SEED to replay); uninterrupted: %d requests, %d pages, %d findings",
		seed, baseReqs, want.Pages, len(want.Findings))

	db := filepath.Join(dir, "killed.db")
	// Three kills at random points of the crawl (within what is left of it), then one
	// while judging. spent counts the requests since the audit last started afresh.
	kills, spent, killed := []string{}, 0, 0
	for round := range 4 {
		at := -1
		if round < 3 {
			at = 1 + rng.IntN(max(1, (baseReqs-spent)/2))
		}
		what, reqs, wasKilled := killChild(t, db, spec.URL, at)
		kills = append(kills, what)
		t.Logf("round %d: %s", round+1, what)
		if wasKilled {
			killed++
			spent += reqs
		} else {
			spent = 0 // it finished: the next round starts a new audit
		}
		checkConsistent(t, db)
	}

	// The last run, in process, to the end.
	final := resumeAuditor(t, db, nil)
	if _, err := final.Store.MarkAbandoned(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := final.Run(context.Background(), "test", "", []SiteSpec{spec})
	if err != nil || res.Sites[0].Err != nil {
		t.Fatal(err, res.Sites[0].Err)
	}
	got := res.Sites[0]
	sr, err := final.Store.SiteRun(context.Background(), got.SiteRunID)
	if err != nil {
		t.Fatal(err)
	}
	if sr.ResumedFrom == 0 || killed < 3 {
		t.Errorf("final run resumed from %d; %d of %d rounds were killed mid-way: the test did not test resuming",
			sr.ResumedFrom, killed, len(kills))
	}
	if got.Pages != want.Pages || sr.Pages != want.Pages {
		t.Errorf("pages: resumed %d (stored %d), uninterrupted %d", got.Pages, sr.Pages, want.Pages)
	}
	if a, b := pageURLs(t, final.Store, got.SiteRunID), pageURLs(t, base.Store, want.SiteRunID); !slices.Equal(a, b) {
		t.Errorf("page sets differ: %d vs %d", len(a), len(b))
	}
	if a, b := findingSet(got.Findings), findingSet(want.Findings); !slices.Equal(a, b) {
		t.Errorf("findings differ: resumed %d, uninterrupted %d\nresumed only: %v\nuninterrupted only: %v",
			len(a), len(b), minus(a, b), minus(b, a))
	}
	if got.Score.Score != want.Score.Score {
		t.Errorf("score %v, uninterrupted %v", got.Score.Score, want.Score.Score)
	}
	// Resuming redoes nothing but what was in flight at each kill, and robots.txt.
	total := spent + got.Stats.Requests
	slack := killed * (final.Crawl.Parallelism + 1)
	t.Logf("requests: uninterrupted %d; killed and resumed %d in all (%d in the last run)", baseReqs, total, got.Stats.Requests)
	if total > baseReqs+slack {
		t.Errorf("the interrupted audit made %d requests in all, the uninterrupted one %d (+%d for the kills): work was redone",
			total, baseReqs, slack)
	}
}

// killChild runs the child on db and kills it with SIGKILL after it reports the at-th
// request (at < 0: when it starts judging). It says what happened, with the requests
// the child made and whether it was killed.
func killChild(t *testing.T, db, siteURL string, at int) (string, int, bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestResumeChild$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=1", envDB+"="+db, envSite+"="+siteURL)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reqs, killed, resumedMsg := 0, false, ""
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		l := sc.Text()
		if strings.Contains(l, "resuming interrupted audit") {
			resumedMsg = " (resumed)"
		}
		if l == "req" {
			reqs++
		}
		if !killed && ((at > 0 && reqs >= at) || (at < 0 && strings.Contains(l, "msg=judge"))) {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	err = cmd.Wait()
	if killed {
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("child ended with %v, not by SIGKILL", err)
		}
		if at < 0 {
			return fmt.Sprintf("killed while judging, after %d requests%s", reqs, resumedMsg), reqs, true
		}
		return fmt.Sprintf("killed after %d requests%s", reqs, resumedMsg), reqs, true
	}
	if err != nil {
		t.Fatalf("child failed: %v", err)
	}
	return fmt.Sprintf("finished before the kill (%d requests)%s", reqs, resumedMsg), reqs, false
}

// checkConsistent opens the database as the next run would, and checks its invariants:
// SQLite's integrity, no site run left running, and for the interrupted site run that
// every URL its frontier marks done has its outcome stored (a page or a crawl error; the
// generated site has no redirects) and every stored page is done in the frontier.
func checkConsistent(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("database after the kill: %v", err)
	}
	defer st.Close()
	if _, err := st.MarkAbandoned(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	var running, doneWithout, pagesNotDone int
	if err := raw.QueryRow(`SELECT count(*) FROM site_runs WHERE status = 'running'`).Scan(&running); err != nil {
		t.Fatal(err)
	}
	q := `SELECT
		(SELECT count(*) FROM frontier f WHERE f.site_run_id = sr.id AND f.state = 'done'
			AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.site_run_id = sr.id AND p.url = f.url)
			AND NOT EXISTS (SELECT 1 FROM crawl_errors e WHERE e.site_run_id = sr.id AND e.url = f.url)),
		(SELECT count(*) FROM pages p WHERE p.site_run_id = sr.id
			AND NOT EXISTS (SELECT 1 FROM frontier f WHERE f.site_run_id = sr.id AND f.url = p.url AND f.state = 'done'))
		FROM site_runs sr WHERE sr.status = 'interrupted' AND EXISTS (SELECT 1 FROM frontier f WHERE f.site_run_id = sr.id)
		ORDER BY sr.id DESC LIMIT 1`
	if err := raw.QueryRow(q).Scan(&doneWithout, &pagesNotDone); err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	if running != 0 || doneWithout != 0 || pagesNotDone != 0 {
		t.Errorf("after the kill: %d site runs still running, %d URLs done without an outcome, %d pages not done",
			running, doneWithout, pagesNotDone)
	}
}

func pageURLs(t *testing.T, st *store.Store, siteRunID int64) []string {
	t.Helper()
	ps, err := st.PageSummaries(context.Background(), siteRunID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

func findingSet(fs []store.StoredFinding) []string {
	var out []string
	for _, f := range fs {
		if f.Status == store.FindingFixed {
			continue
		}
		out = append(out, f.Rule+" "+f.URL+" "+f.Key+" "+f.Evidence)
	}
	slices.Sort(out)
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("… %d more", len(out)-5))
	}
	return out
}
