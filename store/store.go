// Package store keeps everything gongkai learns and decides in one SQLite file:
// runs, sites, the pages a crawl saw and the facts extracted from them, link checks,
// crawl errors, the crawl frontier, findings tracked across runs, and scores.
//
// # Schema
//
// The schema is created and upgraded by the versioned migrations in migrations/
// (NNNN_name.sql, embedded, applied in order, each in its own transaction). The
// version is PRAGMA user_version; schema_migrations logs when each was applied, and
// PRAGMA application_id marks the file as a gongkai database. Open refuses a file
// whose version is newer than this build knows (ErrSchemaTooNew) and a SQLite file of
// another application (ErrNotGongkai).
//
//	runs          one invocation (scan, audit, a scheduled audit); owner process and heartbeat
//	sites         audited units; identity is the normalised URL
//	site_runs     one site within one run: status, counts, score, grade, veto, resumed_from
//	page_facts    extracted facts, content-addressed (sha256), DEFLATE-compressed JSON in two
//	              parts: light (all but Text, Tables, attachment Text) and heavy (those)
//	pages         (site_run, url) → page_facts: the pages a site run saw
//	link_checks   (site_run, url) → outcome of checking a link target
//	crawl_errors  per site run
//	findings      per site run: open (new, persisting) and fixed, with first/last seen
//	undetermined  per site run
//	frontier      per site run: the crawler's on-disk queue and visited set
//
// Pages whose facts did not change between two runs share one page_facts row (the
// digest leaves out the fetch metadata: status, FetchedAt, Hash, ETag, LastModified,
// kept in the pages row), so nightly re-audits of unchanged sites cost a small row per
// page, and copying a site run (ResumeSite) is cheap. Prune bounds the history kept.
//
// # Concurrency and crash consistency
//
// The file is opened in WAL mode with foreign keys on, a busy timeout and
// synchronous=NORMAL. Store holds two pools on it: one writer connection (all writes
// are serialised through it, every transaction is BEGIN IMMEDIATE, so goroutines of
// one process never meet SQLITE_BUSY and other processes wait on the busy timeout)
// and a pool of query-only readers, which in WAL mode never block the writer or each
// other. Every operation that writes does so in one transaction: a process killed at
// any instant (kill -9) leaves each page, judgement, frontier step … either wholly
// stored or absent. synchronous=NORMAL keeps that guarantee against a process crash
// without an fsync per commit; a power loss may lose the last commits, never
// consistency.
//
// Writes to a site run (pages, link checks, crawl errors, frontier) are accepted only
// while it is running (ErrNotRunning otherwise), so a straggling goroutine cannot add
// to a finished site run. Runs record their owner process (host, pid namespace, boot,
// pid) and a heartbeat renewed while the Store is open; MarkAbandoned, called at
// start-up, marks "interrupted" only runs whose owner is gone, so `gongkai report`
// started beside a running `gongkai serve` leaves the live audit alone.
//
// A cancelled context aborts the statement in flight; to record the end of a
// cancelled run (FinishSite / FinishRun with "interrupted"), pass
// context.WithoutCancel(ctx).
//
// Large crawls never need to be in memory: SavePage writes one page, Pages streams a
// site run's pages one at a time in URL order, PageSummaries returns only the light
// part, and the frontier keeps the queue and the visited set on disk.
//
// # Findings across runs
//
// A finding's identity within a site is (rule, url, key), plus its ordinal when one
// judgement repeats an identity. SaveJudgement compares the judgement with the open
// findings of the site's previous completed (ok) and judged run: a finding seen there
// is "persisting" and keeps its first_seen (time and run); otherwise it is "new"; an
// open finding of the previous run that is absent now is stored in this run as
// "fixed". A finding that comes back after being fixed is "new" again. Times are the
// site run's start (when the crawl saw the site), so re-judging keeps them stable.
// Re-judging a site run replaces its judgement and re-derives the statuses of the
// site's later judged runs in the same transaction, so the chain stays consistent.
//
// # Resuming a killed crawl
//
// The frontier table is the crawler's queue and visited set for a site run:
//
//	EnqueueURLs  adds URLs (with depth, the page they were found on, and opaque crawler
//	             context in Meta); a URL already in the frontier, queued or done, is
//	             ignored, so the visited set needs no RAM
//	NextURLs(n)  claims up to n queued URLs in FIFO order (queued → fetching)
//	CompleteURL  one transaction per fetched URL: saves its page, link checks and crawl
//	             errors, enqueues the URLs discovered on it, marks it done. A URL is done
//	             if and only if its outcome is stored, and no discovered link can be lost
//	             between "page saved" and "children queued"
//	MarkDone, ReleaseURLs, Frontier (counts by state) for the rest
//
// The crawler keeps at most n claimed URLs in memory and feeds its fetchers as they
// drain. After a kill -9, MarkAbandoned marks the run and its site runs interrupted;
// the frontier of an interrupted site run is kept (FinishSite drops it once a site
// run is ok or failed). The next run asks Resumable(site): the latest site run of the
// site if it is interrupted, not yet resumed and has a frontier. ResumeSite then
// creates the new run's site run as a continuation (resumed_from): it shares the old
// one's pages (rows pointing at the same page_facts), link checks and crawl errors,
// takes over its frontier with claimed-but-unfinished URLs queued again, and the
// crawl goes on from NextURLs. The result is the same set of pages, hence the same
// findings, as an uninterrupted run. Whether to resume (e.g. not after a week) is the
// caller's policy; otherwise BeginSite restarts the site from scratch.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Errors callers can test with errors.Is.
var (
	// ErrNotFound: no run, site run, page … with that identity.
	ErrNotFound = errors.New("not found")
	// ErrNotRunning: a write to a run or site run that is no longer running.
	ErrNotRunning = errors.New("not running")
	// ErrSchemaTooNew: the database was written by a newer gongkai.
	ErrSchemaTooNew = errors.New("database schema is newer than this gongkai")
	// ErrNotGongkai: the file is a SQLite database of another application.
	ErrNotGongkai = errors.New("not a gongkai database")
)

const (
	busyTimeout    = 15 * time.Second
	heartbeatEvery = 20 * time.Second
	// A run whose owner cannot be checked (another host or PID namespace) is abandoned
	// when its heartbeat is older than staleAfter; one whose owner pid is alive on this
	// host (perhaps a reused pid) when older than staleLongAfter.
	staleAfter     = 2 * time.Minute
	staleLongAfter = 30 * time.Minute
)

// driverName is mattn/go-sqlite3 with the per-connection settings its DSN cannot
// carry.
const driverName = "gongkai-sqlite3"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// After a checkpoint, truncate the WAL back to 64 MiB: a long read (streaming a
		// big site) lets it grow while writers go on, and it would otherwise keep that size.
		_, err := c.Exec("PRAGMA journal_size_limit = 67108864", nil)
		return err
	}})
}

// Store is a gongkai database. It is safe for concurrent use by many goroutines.
type Store struct {
	path string
	wdb  *sql.DB // the one writer connection
	rdb  *sql.DB // query-only readers

	owner owner
	now   func() time.Time

	stop     chan struct{}
	stopped  chan struct{}
	closeErr error
	closed   sync.Once
}

// Open opens the database at path, creating it if needed, and brings its schema up to
// date. ":memory:" is not supported (the store needs one file shared by its pools).
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("open store %q: want the path of a database file", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{path: abs, owner: currentOwner(), now: time.Now}

	s.wdb, err = sql.Open(driverName, dsn(abs, url.Values{
		// Incremental auto-vacuum (takes effect in a new file) lets Prune give space back.
		"_auto_vacuum":     {"incremental"},
		"_journal_mode":    {"WAL"},
		"_synchronous":     {"NORMAL"},
		"_foreign_keys":    {"1"},
		"_busy_timeout":    {fmt.Sprint(busyTimeout.Milliseconds())},
		"_txlock":          {"immediate"},
		"_stmt_cache_size": {"32"},
	}))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.wdb.SetMaxOpenConns(1)
	s.wdb.SetMaxIdleConns(1)
	s.wdb.SetConnMaxLifetime(0)
	s.wdb.SetConnMaxIdleTime(0)

	if err := migrate(ctx, s.wdb, embeddedMigrations); err != nil {
		s.wdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	s.rdb, err = sql.Open(driverName, dsn(abs, url.Values{
		"_foreign_keys":    {"1"},
		"_busy_timeout":    {fmt.Sprint(busyTimeout.Milliseconds())},
		"_query_only":      {"1"},
		"_stmt_cache_size": {"32"},
	}))
	if err != nil {
		s.wdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// No cap on readers: Pages holds one while its callback runs, and the callback may
	// read further; a cap could deadlock nested reads.
	s.rdb.SetMaxIdleConns(4)
	s.rdb.SetConnMaxIdleTime(5 * time.Minute)
	if err := s.rdb.PingContext(ctx); err != nil {
		s.rdb.Close()
		s.wdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	s.stop, s.stopped = make(chan struct{}), make(chan struct{})
	go s.heartbeat()
	return s, nil
}

// dsn builds a SQLite URI filename for mattn/go-sqlite3, which applies the
// underscore parameters as PRAGMAs on every new connection.
func dsn(abs string, params url.Values) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(abs))
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:/C:/…
	}
	return "file:" + p + "?" + params.Encode()
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close stops the heartbeat and closes the database. Runs still open stay "running"
// until FinishRun or a later MarkAbandoned.
func (s *Store) Close() error {
	s.closed.Do(func() {
		close(s.stop)
		<-s.stopped
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = s.wdb.ExecContext(ctx, "PRAGMA optimize") // best effort, keeps planner statistics fresh
		s.closeErr = errors.Join(s.rdb.Close(), s.wdb.Close())
		if s.closeErr != nil {
			s.closeErr = fmt.Errorf("close store %s: %w", s.path, s.closeErr)
		}
	})
	return s.closeErr
}

// heartbeat renews the heartbeat of the runs this Store began while they run.
func (s *Store) heartbeat() {
	defer close(s.stopped)
	t := time.NewTicker(heartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), busyTimeout)
			// An error here (database busy for long) only delays the heartbeat; the
			// next tick tries again and stale limits are many ticks long.
			_, _ = s.wdb.ExecContext(ctx,
				`UPDATE runs SET heartbeat_at = ? WHERE owner_token = ? AND status = 'running'`,
				fmtTime(s.now()), s.owner.token)
			cancel()
		}
	}
}

// write runs fn in one write transaction (BEGIN IMMEDIATE on the writer connection),
// committing when fn returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if testHookWrite != nil {
		testHookWrite("before commit")
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if testHookWrite != nil {
		testHookWrite("after commit")
	}
	return nil
}

// testHookWrite, set by the crash tests only, is called in every write transaction
// just before and just after its commit (where they kill the process).
var testHookWrite func(stage string)

// timeLayout is fixed width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime formats t, or NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

// timeCol scans a stored time (NULL → zero time); times are returned in UTC.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*c.t = v.UTC()
		return nil
	default:
		return fmt.Errorf("time column: unexpected %T", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time column: %w", err)
	}
	*c.t = t.UTC()
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// owner identifies the process that owns the runs it begins.
type owner struct {
	host  string // hostname, PID namespace and boot id: pids are comparable within one host
	pid   int
	token string // random per Store: tells this Store's runs from an earlier incarnation's
}

func currentOwner() owner {
	return owner{host: hostIdentity(), pid: os.Getpid(), token: randomToken()}
}
