package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// The crash tests re-execute the test binary as a child process that writes to a
// store until the parent kills it with SIGKILL.
const (
	childModeEnv = "GONGKAI_STORE_TEST_CHILD" // pages | crawl | exit
	childDBEnv   = "GONGKAI_STORE_TEST_DB"
	// "N before commit" or "N after commit": the child kills itself with SIGKILL at
	// that point of its N-th write transaction.
	childKillEnv = "GONGKAI_STORE_TEST_KILL_AT"
)

// kill is how a crash round ends: by the parent at a random moment, or by the child
// itself at an exact point of a write transaction.
type kill struct {
	afterLines int    // parent: kill once the child has reported this many lines
	atTx       int    // child: kill itself in its atTx-th write transaction …
	stage      string // … "before commit" or "after commit"
}

func (k kill) String() string {
	if k.atTx > 0 {
		return fmt.Sprintf("self-kill in write transaction %d, %s", k.atTx, k.stage)
	}
	return fmt.Sprintf("killed by the parent after %d reports", k.afterLines)
}

// randomKill picks the round's kill: a third each at a random moment, just before a
// commit, just after one.
func randomKill(round, maxLines int) kill {
	switch round % 3 {
	case 1:
		return kill{afterLines: maxLines * 2, atTx: 10 + rand.IntN(maxLines), stage: "before commit"}
	case 2:
		return kill{afterLines: maxLines * 2, atTx: 10 + rand.IntN(maxLines), stage: "after commit"}
	}
	return kill{afterLines: 10 + rand.IntN(maxLines)}
}

// armSelfKill installs the write hook that kills the child as its environment says.
func armSelfKill() error {
	spec := os.Getenv(childKillEnv)
	if spec == "" {
		return nil
	}
	n, stage, _ := strings.Cut(spec, " ")
	at, err := strconv.Atoi(n)
	if err != nil {
		return fmt.Errorf("%s=%q", childKillEnv, spec)
	}
	var mu sync.Mutex
	count := 0
	testHookWrite = func(st string) {
		mu.Lock()
		defer mu.Unlock()
		if st == "before commit" {
			count++
		}
		if count == at && st == stage {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	return nil
}

func TestMain(m *testing.M) {
	if mode := os.Getenv(childModeEnv); mode != "" {
		if err := crashChild(mode, os.Getenv(childDBEnv)); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// exitedPID returns the pid of a process that has exited and been reaped.
func exitedPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childModeEnv+"=exit")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// crashChild writes to the store at path until killed, reporting progress on stdout.
func crashChild(mode, path string) error {
	if mode == "exit" {
		return nil
	}
	ctx := context.Background()
	if err := armSelfKill(); err != nil {
		return err
	}
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	runID, err := s.BeginRun(ctx, RunInfo{Command: "audit", Args: "crash child " + mode})
	if err != nil {
		return err
	}
	var mu sync.Mutex
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	switch mode {
	case "pages":
		// Four sites written concurrently, each page i after page i-1, and a judgement
		// every 10 pages whose score equals its number of findings.
		errs := make(chan error)
		for w := range 4 {
			go func() {
				site := facts.Site{Name: fmt.Sprintf("单位%d", w), URL: fmt.Sprintf("https://u%d.gov.cn/", w)}
				sr, err := s.BeginSite(ctx, runID, site)
				if err != nil {
					errs <- err
					return
				}
				for i := 0; ; i++ {
					if err := s.SavePage(ctx, sr, testPage(fmt.Sprintf("https://u%d.gov.cn/p%06d.html", w, i), i, 30+i%50)); err != nil {
						errs <- err
						return
					}
					if i%10 == 9 {
						j := judgementOf(i)
						if err := s.SaveJudgement(ctx, sr, j); err != nil {
							errs <- err
							return
						}
					}
					report("saved %d %d", sr, i)
				}
			}()
		}
		return <-errs
	case "crawl":
		// Resume the site's interrupted crawl if there is one (the parent has marked
		// the killed run abandoned), else start it.
		prev, ok, err := s.Resumable(ctx, testSite)
		if err != nil {
			return err
		}
		var sr int64
		if ok {
			sr, err = s.ResumeSite(ctx, runID, testSite, prev.ID)
		} else if sr, err = s.BeginSite(ctx, runID, testSite); err == nil {
			_, err = s.EnqueueURLs(ctx, sr, []QueuedURL{{URL: synthURL(0)}})
		}
		if err != nil {
			return err
		}
		n := 0
		return crawlSynthetic(ctx, s, sr, func(string) { n++; report("done %d", n) })
	}
	return fmt.Errorf("unknown mode %q", mode)
}

func judgementOf(i int) Judgement {
	var j Judgement
	for k := 0; k <= i/10; k++ {
		j.Findings = append(j.Findings, rules.Finding{Rule: "broken-link", Severity: rules.SeverityLow,
			URL: fmt.Sprintf("https://x/%d", k), Evidence: strings.Repeat("证据", 50)})
		j.Undetermined = append(j.Undetermined, rules.Undetermined{Rule: "proactive-timely", URL: fmt.Sprintf("https://x/%d", k)})
	}
	j.Score = float64(len(j.Findings))
	return j
}

// The synthetic site: synthPages pages in a tree of fan-out 3, each page linking to
// its children, its parent and the root.
const synthPages = 1500

func synthURL(i int) string { return fmt.Sprintf("https://www.dachuan.gov.cn/s/%05d.html", i) }

func synthPage(u string) *facts.Page {
	i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(u, "https://www.dachuan.gov.cn/s/"), ".html"))
	p := testPage(u, i, 8)
	p.Links = []facts.Link{{URL: synthURL(0), Area: "nav"}, {URL: synthURL(max(0, (i-1)/3)), Area: "nav"}}
	for c := 3*i + 1; c <= 3*i+3 && c < synthPages; c++ {
		p.Links = append(p.Links, facts.Link{URL: synthURL(c), Area: "content"})
	}
	return p
}

// crawlSynthetic crawls the synthetic site from the frontier until it is exhausted,
// as the crawler will: claim a few URLs, "fetch" each, complete it with its links.
func crawlSynthetic(ctx context.Context, s *Store, sr int64, done func(string)) error {
	for {
		batch, err := s.NextURLs(ctx, sr, 4)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			st, err := s.Frontier(ctx, sr)
			if err != nil {
				return err
			}
			if st.Queued == 0 && st.Fetching == 0 {
				return nil
			}
			return fmt.Errorf("frontier stuck: %+v", st)
		}
		for _, q := range batch {
			p := synthPage(q.URL)
			var found []QueuedURL
			for _, l := range p.Links {
				found = append(found, QueuedURL{URL: l.URL, Depth: q.Depth + 1, From: q.URL, Meta: "m"})
			}
			if err := s.CompleteURL(ctx, sr, Completion{URL: q.URL, Page: p, Discovered: found}); err != nil {
				return err
			}
			done(q.URL)
		}
	}
}

// startChild runs the child in mode on path until it is killed as k says, and
// returns the lines it reported.
func startChild(t *testing.T, mode, path string, k kill) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childModeEnv+"="+mode, childDBEnv+"="+path)
	if k.atTx > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%d %s", childKillEnv, k.atTx, k.stage))
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(out)
	for len(lines) < k.afterLines && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	// The child writes flat out: a random short delay lands anywhere in a transaction.
	time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
	_ = cmd.Process.Signal(syscall.SIGKILL) // fails if it killed itself already
	for sc.Scan() {                         // lines written before the kill
		lines = append(lines, sc.Text())
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die of SIGKILL (%v); it had reported %d lines; stderr:\n%s", err, len(lines), stderr.String())
	}
	return lines
}

// checkAfterCrash opens the store a killed child left, checks the file and marks the
// child's run abandoned.
func checkAfterCrash(t *testing.T, path string) (*Store, Run) {
	t.Helper()
	ctx := context.Background()
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err != nil {
			t.Logf("no %s file after the kill: %v", suffix, err)
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := pragmaString(t, s.wdb, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check = %s", got)
	}
	if n := foreignKeyViolations(t, s.wdb); n != 0 {
		t.Errorf("foreign_key_check found %d violations", n)
	}
	n, err := s.MarkAbandoned(ctx)
	if err != nil || n != 1 {
		t.Fatalf("MarkAbandoned = %d, %v; want the killed child's run", n, err)
	}
	runs, err := s.Runs(ctx, 1)
	if err != nil || len(runs) != 1 {
		t.Fatal(runs, err)
	}
	r := runs[0]
	if r.Status != StatusInterrupted || r.FinishedAt.IsZero() || !strings.Contains(r.Err, "abandoned") {
		t.Errorf("killed run = %+v, want interrupted", r)
	}
	srs, err := s.SiteRunsOfRun(ctx, r.ID)
	if err != nil || len(srs) == 0 {
		t.Fatal(srs, err)
	}
	for _, sr := range srs {
		if sr.Status != StatusInterrupted {
			t.Errorf("site run %d of the killed run is %s", sr.ID, sr.Status)
		}
	}
	if n, _ := s.MarkAbandoned(ctx); n != 0 {
		t.Errorf("second MarkAbandoned marked %d", n)
	}
	return s, r
}

func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	for round := range 6 {
		k := randomKill(round, 400)
		lines := startChild(t, "pages", path, k)
		reported := map[int64]int{} // site run → last page the child saw committed
		for _, l := range lines {
			var sr int64
			var i int
			if _, err := fmt.Sscanf(l, "saved %d %d", &sr, &i); err == nil {
				reported[sr] = max(reported[sr], i)
			}
		}
		s, run := checkAfterCrash(t, path)
		srs, _ := s.SiteRunsOfRun(ctx, run.ID)
		if len(srs) != 4 {
			t.Fatalf("round %d: %d site runs", round, len(srs))
		}
		total := 0
		for _, sr := range srs {
			var w int
			if _, err := fmt.Sscanf(sr.Site.URL, "https://u%d.gov.cn/", &w); err != nil {
				t.Fatal(err)
			}
			next := 0
			err := s.Pages(ctx, sr.ID, func(p *facts.Page) error {
				if want := fmt.Sprintf("https://u%d.gov.cn/p%06d.html", w, next); p.URL != want {
					return fmt.Errorf("page %s where %s was expected (pages are saved in order)", p.URL, want)
				}
				if !reflect.DeepEqual(p, testPage(p.URL, next, 30+next%50)) {
					return fmt.Errorf("page %s is not what was written", p.URL)
				}
				next++
				return checkComplete(p)
			})
			if err != nil {
				t.Fatalf("round %d site run %d: %v", round, sr.ID, err)
			}
			if last, ok := reported[sr.ID]; ok && next <= last {
				t.Errorf("round %d site run %d: %d pages stored, but page %d was reported committed", round, sr.ID, next, last)
			}
			total += next
			// The judgement is whole: as many findings and undetermined as its score says.
			fs, _ := s.Findings(ctx, sr.ID)
			us, _ := s.Undetermined(ctx, sr.ID)
			full, _ := s.SiteRun(ctx, sr.ID)
			if len(fs) != int(full.Score) || len(us) != int(full.Score) {
				t.Errorf("round %d site run %d: score %v with %d findings and %d undetermined", round, sr.ID, full.Score, len(fs), len(us))
			}
			if sc := int(full.Score); !full.JudgedAt.IsZero() && sc != next/10 && sc != next/10-1 {
				t.Errorf("round %d site run %d: judgement of score %d does not belong to %d pages", round, sr.ID, sc, next)
			}
		}
		t.Logf("round %d: %s; %d reports, %d pages stored intact in 4 site runs", round, k, len(lines), total)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashResume kills a crawl several times, each time checking that the frontier
// and the stored pages agree and resuming the crawl in a new run, then finishes it and
// compares the result with an uninterrupted crawl.
func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resume.db")
	const rounds = 6
	var s *Store
	total := 0
	for round := range rounds {
		k := randomKill(round, synthPages/rounds-50) // never reaches the end of the site
		lines := startChild(t, "crawl", path, k)
		var run Run
		s, run = checkAfterCrash(t, path)
		srs, _ := s.SiteRunsOfRun(ctx, run.ID)
		if len(srs) != 1 {
			t.Fatalf("round %d: %d site runs", round, len(srs))
		}
		sr := srs[0]
		if (round == 0) != (sr.ResumedFrom == 0) {
			t.Errorf("round %d: site run resumed from %d", round, sr.ResumedFrom)
		}
		stored := checkFrontierAgrees(t, s, sr.ID)
		fetched := len(lines) // lines before the kill: URLs completed by this child
		if stored < total+fetched {
			t.Fatalf("round %d: %d pages stored, but %d earlier and %d now were reported", round, stored, total, fetched)
		}
		t.Logf("round %d: %s; %d URLs reported done, %d pages stored, frontier consistent", round, k, fetched, stored)
		total = stored
		if round < rounds-1 {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
	defer s.Close()

	// Resume once more, in this process, and finish the crawl.
	run2, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	prev, ok, err := s.Resumable(ctx, testSite)
	if err != nil || !ok {
		t.Fatalf("Resumable = %+v %v %v", prev, ok, err)
	}
	sr2, err := s.ResumeSite(ctx, run2, testSite, prev.ID)
	if err != nil {
		t.Fatal(err)
	}
	fetched := 0
	if err := crawlSynthetic(ctx, s, sr2, func(string) { fetched++ }); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishSite(ctx, sr2, SiteStats{Pages: synthPages, Status: StatusOK}); err != nil {
		t.Fatal(err)
	}

	// An uninterrupted crawl of the same site, for comparison.
	run3, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	sr3, _ := s.BeginSite(ctx, run3, testSite)
	if _, err := s.EnqueueURLs(ctx, sr3, []QueuedURL{{URL: synthURL(0)}}); err != nil {
		t.Fatal(err)
	}
	if err := crawlSynthetic(ctx, s, sr3, func(string) {}); err != nil {
		t.Fatal(err)
	}
	var resumed, whole []*facts.Page
	collect := func(dst *[]*facts.Page) func(*facts.Page) error {
		return func(p *facts.Page) error { *dst = append(*dst, p); return checkComplete(p) }
	}
	if err := s.Pages(ctx, sr2, collect(&resumed)); err != nil {
		t.Fatal(err)
	}
	if err := s.Pages(ctx, sr3, collect(&whole)); err != nil {
		t.Fatal(err)
	}
	if len(resumed) != synthPages || !reflect.DeepEqual(resumed, whole) {
		t.Fatalf("resumed crawl has %d pages, uninterrupted %d; equal: %v", len(resumed), len(whole), reflect.DeepEqual(resumed, whole))
	}
	t.Logf("%d pages stored over %d killed runs; the last run fetched the other %d; same %d pages as an uninterrupted crawl",
		total, rounds, fetched, synthPages)
	if fetched+total != synthPages {
		t.Errorf("last run fetched %d, killed runs stored %d: total should be %d (nothing fetched twice)", fetched, total, synthPages)
	}
}

// checkFrontierAgrees checks a killed crawl's site run: a URL is done in the frontier
// if and only if its page is stored, every link of a stored page is in the frontier,
// every stored page is complete. It returns the number of pages stored.
func checkFrontierAgrees(t *testing.T, s *Store, srID int64) int {
	t.Helper()
	inFrontier := map[string]string{}
	rows, err := s.rdb.Query(`SELECT url, state FROM frontier WHERE site_run_id = ?`, srID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u, st string
		if err := rows.Scan(&u, &st); err != nil {
			t.Fatal(err)
		}
		inFrontier[u] = st
	}
	rows.Close()
	stored := 0
	err = s.Pages(context.Background(), srID, func(p *facts.Page) error {
		stored++
		if inFrontier[p.URL] != URLDone {
			return fmt.Errorf("page %s stored but its URL is %q in the frontier", p.URL, inFrontier[p.URL])
		}
		for _, l := range p.Links {
			if inFrontier[l.URL] == "" {
				return fmt.Errorf("link %s of stored page %s lost from the frontier", l.URL, p.URL)
			}
		}
		if !reflect.DeepEqual(p, synthPage(p.URL)) {
			return fmt.Errorf("page %s is not what was written", p.URL)
		}
		return checkComplete(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	for _, st := range inFrontier {
		if st == URLDone {
			done++
		}
	}
	if done != stored {
		t.Fatalf("%d URLs done in the frontier, %d pages stored", done, stored)
	}
	return stored
}

// fillPages stores n pages of textReps sentences each in a new site run, from two
// goroutines (encoding overlaps with the writer).
func fillPages(tb testing.TB, s *Store, n, textReps int) int64 {
	tb.Helper()
	ctx := context.Background()
	runID, err := s.BeginRun(ctx, RunInfo{Command: "bench"})
	if err != nil {
		tb.Fatal(err)
	}
	sr, err := s.BeginSite(ctx, runID, testSite)
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < n && errs[w] == nil; i += 2 {
				errs[w] = s.SavePage(ctx, sr, testPage(fmt.Sprintf("https://www.dachuan.gov.cn/p/%06d.html", i), i, textReps))
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return sr
}
