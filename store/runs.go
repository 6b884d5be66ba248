package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Run and site run statuses.
const (
	StatusRunning     = "running"
	StatusOK          = "ok"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
)

func checkFinalStatus(status string) error {
	switch status {
	case StatusOK, StatusFailed, StatusInterrupted:
		return nil
	}
	return fmt.Errorf("status %q: want ok, failed or interrupted", status)
}

// RunInfo describes a run as it begins.
type RunInfo struct {
	Command   string     // scan, audit, serve, demo …
	AsOf      facts.Date // the date deadlines are judged at
	RulesHash string     // identifies the rule set (e.g. sha256 of rules.yaml)
	Args      string     // the command line or job description, for the run page
}

// Run is a stored run.
type Run struct {
	ID         int64
	Command    string
	StartedAt  time.Time
	FinishedAt time.Time // zero while running
	Status     string    // running | ok | failed | interrupted
	AsOf       facts.Date
	RulesHash  string
	Err        string
	Args       string
}

// BeginRun records a new run, status "running", owned by this process.
func (s *Store) BeginRun(ctx context.Context, info RunInfo) (int64, error) {
	if info.Command == "" {
		return 0, errors.New("begin run: empty command")
	}
	now := fmtTime(s.now())
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs
			(command, args, as_of, rules_hash, started_at, status, owner_host, owner_pid, owner_token, heartbeat_at)
			VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
			info.Command, info.Args, info.AsOf.String(), info.RulesHash, now,
			s.owner.host, s.owner.pid, s.owner.token, now)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("begin run %s: %w", info.Command, err)
	}
	return id, nil
}

// FinishRun ends a running run with status ok, failed or interrupted. Site runs of
// the run still running are closed as interrupted.
func (s *Store) FinishRun(ctx context.Context, runID int64, status string, errText string) error {
	if err := checkFinalStatus(status); err != nil {
		return fmt.Errorf("finish run %d: %w", runID, err)
	}
	now := fmtTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE runs SET status = ?, err = ?, finished_at = ?
			WHERE id = ? AND status = 'running'`, status, errText, now, runID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return missingOr(ctx, tx, `SELECT status FROM runs WHERE id = ?`, runID)
		}
		_, err = tx.ExecContext(ctx, `UPDATE site_runs SET status = 'interrupted', finished_at = ?,
			err = 'the run ended while the site was being audited'
			WHERE run_id = ? AND status = 'running'`, now, runID)
		return err
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", runID, err)
	}
	return nil
}

// missingOr explains why an UPDATE … WHERE id = ? AND status = 'running' touched no
// row: ErrNotFound, or ErrNotRunning with the current status.
func missingOr(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string, id int64) error {
	var status string
	err := q.QueryRowContext(ctx, query, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	}
	return fmt.Errorf("status is %s: %w", status, ErrNotRunning)
}

const runColumns = `id, command, started_at, finished_at, status, as_of, rules_hash, err, args`

func scanRun(sc interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var asOf string
	err := sc.Scan(&r.ID, &r.Command, timeCol{&r.StartedAt}, timeCol{&r.FinishedAt}, &r.Status, &asOf, &r.RulesHash, &r.Err, &r.Args)
	if err != nil {
		return Run{}, err
	}
	if err := r.AsOf.UnmarshalText([]byte(asOf)); err != nil {
		return Run{}, err
	}
	return r, nil
}

// Run returns one run.
func (s *Store) Run(ctx context.Context, id int64) (Run, error) {
	r, err := scanRun(s.rdb.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return Run{}, fmt.Errorf("get run %d: %w", id, err)
	}
	return r, nil
}

// Runs returns the latest runs, newest first; limit <= 0 means all.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY id DESC LIMIT ?`, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return out, nil
}

func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1 // SQLite: no limit
	}
	return limit
}

// MarkAbandoned marks "interrupted" the runs left "running" by a process that is gone
// (killed, crashed, host rebooted), and every site run still running under a run that
// is no longer running. Runs of live processes, including this Store's, are left
// alone. It returns how many runs it marked. Call it at start-up.
func (s *Store) MarkAbandoned(ctx context.Context) (int, error) {
	now := s.now()
	marked := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		marked = 0
		rows, err := tx.QueryContext(ctx, `SELECT id, owner_host, owner_pid, owner_token, heartbeat_at, started_at
			FROM runs WHERE status = 'running'`)
		if err != nil {
			return err
		}
		type cand struct {
			id   int64
			last time.Time
		}
		var dead []cand
		for rows.Next() {
			var o owner
			var id int64
			var hb, started time.Time
			if err := rows.Scan(&id, &o.host, &o.pid, &o.token, timeCol{&hb}, timeCol{&started}); err != nil {
				rows.Close()
				return err
			}
			if hb.IsZero() {
				hb = started
			}
			if !s.ownerAlive(o, hb, now) {
				dead = append(dead, cand{id, hb})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, d := range dead {
			msg := fmt.Sprintf("abandoned: the process running it ended without finishing it (last heartbeat %s)",
				d.last.In(facts.Shanghai).Format("2006-01-02 15:04:05 MST"))
			if _, err := tx.ExecContext(ctx, `UPDATE runs SET status = 'interrupted', finished_at = ?, err = ?
				WHERE id = ? AND status = 'running'`, fmtTime(now), msg, d.id); err != nil {
				return err
			}
			marked++
		}
		_, err = tx.ExecContext(ctx, `UPDATE site_runs SET status = 'interrupted', finished_at = ?,
			err = 'abandoned: the run ended while the site was being audited'
			WHERE status = 'running' AND run_id IN (SELECT id FROM runs WHERE status != 'running')`, fmtTime(now))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("mark abandoned runs: %w", err)
	}
	return marked, nil
}

// ownerAlive decides whether the process that began a run may still be running it.
func (s *Store) ownerAlive(o owner, heartbeat, now time.Time) bool {
	if o.token == s.owner.token {
		return true // ours
	}
	age := now.Sub(heartbeat)
	if o.host != s.owner.host || o.pid <= 0 {
		// Another host, container or boot: only the heartbeat can tell.
		return age < staleAfter
	}
	if o.pid == s.owner.pid {
		return false // our pid with another token: an earlier incarnation (container restart)
	}
	if !processAlive(o.pid) {
		return false
	}
	return age < staleLongAfter // alive, unless the pid was reused by another process
}

// siteKey normalises a site URL into its identity: lower-case scheme and host,
// default port and fragment dropped, empty path as "/".
func siteKey(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String()
}

// upsertSite stores the site's configuration under its identity and returns its id.
func (s *Store) upsertSite(ctx context.Context, tx *sql.Tx, site facts.Site) (int64, error) {
	key := siteKey(site.URL)
	if key == "" {
		return 0, errors.New("site has no URL")
	}
	cfg, err := json.Marshal(site)
	if err != nil {
		return 0, err
	}
	now := fmtTime(s.now())
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO sites (url, name, level, region, config, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET name = excluded.name, level = excluded.level, region = excluded.region,
			config = excluded.config, updated_at = excluded.updated_at
		RETURNING id`,
		key, site.Name, string(site.Level), site.Region, string(cfg), now, now).Scan(&id)
	return id, err
}

// BeginSite records that the run starts auditing site: the site is created or its
// configuration (name, level, region, hosts, columns) updated, identity being its URL;
// the new site run is "running".
func (s *Store) BeginSite(ctx context.Context, runID int64, site facts.Site) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := requireRunning(ctx, tx, `SELECT status FROM runs WHERE id = ?`, runID); err != nil {
			return fmt.Errorf("run %d: %w", runID, err)
		}
		siteID, err := s.upsertSite(ctx, tx, site)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO site_runs (run_id, site_id, started_at, status)
			VALUES (?, ?, ?, 'running')`, runID, siteID, fmtTime(s.now()))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("begin site %s in run %d: %w", site.URL, runID, err)
	}
	return id, nil
}

// requireRunning checks that the row query selects has status running.
func requireRunning(ctx context.Context, tx *sql.Tx, query string, id int64) error {
	var status string
	err := tx.QueryRowContext(ctx, query, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	case status != StatusRunning:
		return fmt.Errorf("status is %s: %w", status, ErrNotRunning)
	}
	return nil
}

// SiteStats closes a site run.
type SiteStats struct {
	Pages, Errors int
	Status        string // ok | failed | interrupted
	Err           string
}

// FinishSite ends a running site run. The frontier of a site run that ends ok or
// failed is dropped; an interrupted one keeps it, to be resumed.
func (s *Store) FinishSite(ctx context.Context, siteRunID int64, st SiteStats) error {
	if err := checkFinalStatus(st.Status); err != nil {
		return fmt.Errorf("finish site run %d: %w", siteRunID, err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE site_runs SET status = ?, pages = ?, errors = ?, err = ?, finished_at = ?
			WHERE id = ? AND status = 'running'`, st.Status, st.Pages, st.Errors, st.Err, fmtTime(s.now()), siteRunID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return missingOr(ctx, tx, `SELECT status FROM site_runs WHERE id = ?`, siteRunID)
		}
		if st.Status != StatusInterrupted {
			_, err = tx.ExecContext(ctx, `DELETE FROM frontier WHERE site_run_id = ?`, siteRunID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("finish site run %d: %w", siteRunID, err)
	}
	return nil
}

// SiteRun is a stored site run.
type SiteRun struct {
	ID, RunID, SiteID     int64
	Site                  facts.Site // as currently configured
	StartedAt, FinishedAt time.Time
	Status                string // running | ok | failed | interrupted
	Pages, Errors         int
	Score                 float64
	Grade                 string
	Veto                  bool
	AsOf                  facts.Date // the run's
	Err                   string

	JudgedAt    time.Time // zero when not judged
	RulesHash   string    // rules of the judgement (else of the run)
	ResumedFrom int64     // the interrupted site run this one continues, 0 if none
}

const siteRunSelect = `SELECT sr.id, sr.run_id, sr.site_id, s.config, s.name, s.level, s.region,
	sr.started_at, sr.finished_at, sr.status, sr.pages, sr.errors, sr.score, sr.grade, sr.veto,
	r.as_of, sr.err, sr.judged_at, CASE sr.judged_rules WHEN '' THEN r.rules_hash ELSE sr.judged_rules END,
	coalesce(sr.resumed_from, 0)
	FROM site_runs sr JOIN sites s ON s.id = sr.site_id JOIN runs r ON r.id = sr.run_id `

func scanSiteRun(sc interface{ Scan(...any) error }) (SiteRun, error) {
	var r SiteRun
	var cfg, level, asOf string
	var veto int
	err := sc.Scan(&r.ID, &r.RunID, &r.SiteID, &cfg, &r.Site.Name, &level, &r.Site.Region,
		timeCol{&r.StartedAt}, timeCol{&r.FinishedAt}, &r.Status, &r.Pages, &r.Errors, &r.Score, &r.Grade, &veto,
		&asOf, &r.Err, timeCol{&r.JudgedAt}, &r.RulesHash, &r.ResumedFrom)
	if err != nil {
		return SiteRun{}, err
	}
	name, region := r.Site.Name, r.Site.Region
	if err := json.Unmarshal([]byte(cfg), &r.Site); err != nil {
		return SiteRun{}, fmt.Errorf("site config: %w", err)
	}
	r.Site.Name, r.Site.Level, r.Site.Region = name, facts.Level(level), region
	r.Veto = veto != 0
	if err := r.AsOf.UnmarshalText([]byte(asOf)); err != nil {
		return SiteRun{}, err
	}
	return r, nil
}

func (s *Store) querySiteRuns(ctx context.Context, where string, args ...any) ([]SiteRun, error) {
	rows, err := s.rdb.QueryContext(ctx, siteRunSelect+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SiteRun
	for rows.Next() {
		r, err := scanSiteRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SiteRun returns one site run.
func (s *Store) SiteRun(ctx context.Context, siteRunID int64) (SiteRun, error) {
	r, err := scanSiteRun(s.rdb.QueryRowContext(ctx, siteRunSelect+`WHERE sr.id = ?`, siteRunID))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return SiteRun{}, fmt.Errorf("get site run %d: %w", siteRunID, err)
	}
	return r, nil
}

// SiteID returns the site of a site run.
func (s *Store) SiteID(ctx context.Context, siteRunID int64) (int64, error) {
	var id int64
	err := s.rdb.QueryRowContext(ctx, `SELECT site_id FROM site_runs WHERE id = ?`, siteRunID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("site of site run %d: %w", siteRunID, err)
	}
	return id, nil
}

// LatestSiteRuns returns the latest completed (ok) site run of every site, in site
// order.
func (s *Store) LatestSiteRuns(ctx context.Context) ([]SiteRun, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.id IN (SELECT max(id) FROM site_runs WHERE status = 'ok' GROUP BY site_id)
		ORDER BY sr.site_id`)
	if err != nil {
		return nil, fmt.Errorf("latest site runs: %w", err)
	}
	return out, nil
}

// SiteHistory returns the completed (ok) runs of a site, newest first; limit <= 0
// means all.
func (s *Store) SiteHistory(ctx context.Context, siteID int64, limit int) ([]SiteRun, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.site_id = ? AND sr.status = 'ok' ORDER BY sr.id DESC LIMIT ?`,
		siteID, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("history of site %d: %w", siteID, err)
	}
	return out, nil
}

// PreviousSiteRun returns the completed (ok) run of the same site before this one.
func (s *Store) PreviousSiteRun(ctx context.Context, siteRunID int64) (SiteRun, bool, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.id = (SELECT p.id FROM site_runs p JOIN site_runs c ON c.site_id = p.site_id
		WHERE c.id = ? AND p.id < c.id AND p.status = 'ok' ORDER BY p.id DESC LIMIT 1)`, siteRunID)
	if err != nil {
		return SiteRun{}, false, fmt.Errorf("previous of site run %d: %w", siteRunID, err)
	}
	if len(out) == 0 {
		return SiteRun{}, false, nil
	}
	return out[0], true, nil
}

// SiteRunsOfRun returns the site runs of a run (any status), in the order begun.
func (s *Store) SiteRunsOfRun(ctx context.Context, runID int64) ([]SiteRun, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.run_id = ? ORDER BY sr.id`, runID)
	if err != nil {
		return nil, fmt.Errorf("site runs of run %d: %w", runID, err)
	}
	return out, nil
}

// SiteRecord is a stored site.
type SiteRecord struct {
	ID   int64
	Site facts.Site
}

// Sites returns every site ever audited, in id order.
func (s *Store) Sites(ctx context.Context) ([]SiteRecord, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, config FROM sites ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list sites: %w", err)
	}
	defer rows.Close()
	var out []SiteRecord
	for rows.Next() {
		var r SiteRecord
		var cfg string
		if err := rows.Scan(&r.ID, &cfg); err != nil {
			return nil, fmt.Errorf("list sites: %w", err)
		}
		if err := json.Unmarshal([]byte(cfg), &r.Site); err != nil {
			return nil, fmt.Errorf("list sites: site %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sites: %w", err)
	}
	return out, nil
}

// SiteByURL returns the id of the site with that URL (normalised as for identity).
func (s *Store) SiteByURL(ctx context.Context, siteURL string) (int64, bool, error) {
	var id int64
	err := s.rdb.QueryRowContext(ctx, `SELECT id FROM sites WHERE url = ?`, siteKey(siteURL)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("find site %s: %w", siteURL, err)
	}
	return id, true, nil
}
