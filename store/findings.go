package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/gongkai/gongkai/rules"
)

// Finding statuses.
const (
	FindingNew        = "new"
	FindingPersisting = "persisting"
	FindingFixed      = "fixed"
)

// Judgement is what the rules decided about a site run.
type Judgement struct {
	Findings     []rules.Finding
	Undetermined []rules.Undetermined
	Score        float64
	Grade        string
	Veto         bool
	// RulesHash identifies the rule set of this judgement when it differs from the
	// run's (re-judging stored pages with a changed rules.yaml); "" means the run's.
	RulesHash string
	// Rules is what each rule did (judged, findings, undetermined, weight …): with it the
	// score can be recomputed from the store alone.
	Rules []rules.RuleResult
}

// StoredFinding is a finding as tracked across the runs of its site.
type StoredFinding struct {
	rules.Finding
	Status              string    // new | persisting | fixed
	FirstSeen, LastSeen time.Time // start times of the site runs that first and last saw it open
	FirstRunID          int64     // the run that first saw it
	FirstSiteRunID      int64     // the site run that first saw it
}

// identity of a finding across the runs of a site.
type identity struct {
	rule, url, key string
	ord            int
}

type findingRow struct {
	identity
	seq  int
	f    rules.Finding
	stat string

	firstRunID, firstSiteRunID int64
	firstSeen, lastSeen        time.Time
}

// siteRunRef is what linking findings needs to know of a site run.
type siteRunRef struct {
	id, runID, siteID int64
	startedAt         time.Time
}

// SaveJudgement stores the judgement of a site run in one transaction, replacing any
// judgement stored for it before: score, grade, veto, undetermined, and the findings
// with their status across runs (see the package documentation). The statuses of the
// site's later judged runs are re-derived in the same transaction.
func (s *Store) SaveJudgement(ctx context.Context, siteRunID int64, j Judgement) error {
	open := make([]findingRow, 0, len(j.Findings))
	seen := make(map[identity]int, len(j.Findings))
	for i, f := range j.Findings {
		if f.Rule == "" {
			return fmt.Errorf("save judgement of site run %d: finding %d has no rule", siteRunID, i)
		}
		base := identity{rule: f.Rule, url: f.URL, key: f.Key}
		id := base
		id.ord = seen[base] // 0 for the first finding of an identity, 1 for a repeat …
		seen[base]++
		open = append(open, findingRow{identity: id, f: f})
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		sr, err := loadSiteRunRef(ctx, tx, siteRunID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE site_runs SET score = ?, grade = ?, veto = ?, judged_at = ?, judged_rules = ?
			WHERE id = ?`, j.Score, j.Grade, boolInt(j.Veto), fmtTime(s.now()), j.RulesHash, siteRunID); err != nil {
			return err
		}
		if err := putUndetermined(ctx, tx, siteRunID, j.Undetermined); err != nil {
			return err
		}
		if err := putRuleResults(ctx, tx, siteRunID, j.Rules); err != nil {
			return err
		}
		if err := writeFindings(ctx, tx, sr, open); err != nil {
			return err
		}
		// Later judged runs of the site derived their statuses from this one (or from
		// one before it): derive them again, oldest first.
		rows, err := tx.QueryContext(ctx, `SELECT id, run_id, site_id, started_at FROM site_runs
			WHERE site_id = ? AND id > ? AND judged_at IS NOT NULL ORDER BY id`, sr.siteID, sr.id)
		if err != nil {
			return err
		}
		var later []siteRunRef
		for rows.Next() {
			var r siteRunRef
			if err := rows.Scan(&r.id, &r.runID, &r.siteID, timeCol{&r.startedAt}); err != nil {
				rows.Close()
				return err
			}
			later = append(later, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range later {
			open, err := loadFindings(ctx, tx, r.id, true)
			if err != nil {
				return err
			}
			if err := writeFindings(ctx, tx, r, open); err != nil {
				return fmt.Errorf("re-derive site run %d: %w", r.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save judgement of site run %d: %w", siteRunID, err)
	}
	return nil
}

func loadSiteRunRef(ctx context.Context, tx *sql.Tx, siteRunID int64) (siteRunRef, error) {
	r := siteRunRef{id: siteRunID}
	err := tx.QueryRowContext(ctx, `SELECT run_id, site_id, started_at FROM site_runs WHERE id = ?`, siteRunID).
		Scan(&r.runID, &r.siteID, timeCol{&r.startedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

func putUndetermined(ctx context.Context, tx *sql.Tx, siteRunID int64, us []rules.Undetermined) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM undetermined WHERE site_run_id = ?`, siteRunID); err != nil {
		return err
	}
	if len(us) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO undetermined (site_run_id, seq, rule, url, title, reason) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, u := range us {
		if _, err := st.ExecContext(ctx, siteRunID, i, u.Rule, u.URL, u.Title, u.Reason); err != nil {
			return fmt.Errorf("undetermined %s %s: %w", u.Rule, u.URL, err)
		}
	}
	return nil
}

func putRuleResults(ctx context.Context, tx *sql.Tx, siteRunID int64, rs []rules.RuleResult) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM rule_results WHERE site_run_id = ?`, siteRunID); err != nil {
		return err
	}
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_results (site_run_id, rule, judged, findings, undetermined,
			severity, weight, veto, penalty, per_finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			siteRunID, r.ID, r.Judged, r.Findings, r.Undetermined, string(r.Severity), r.Weight, boolInt(r.Veto),
			r.Penalty, r.PerFinding); err != nil {
			return fmt.Errorf("rule result %s: %w", r.ID, err)
		}
	}
	return nil
}

// RuleResults returns what each rule did in the site run's judgement, by rule id.
func (s *Store) RuleResults(ctx context.Context, siteRunID int64) ([]rules.RuleResult, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT rule, judged, findings, undetermined, severity, weight, veto,
		penalty, per_finding FROM rule_results WHERE site_run_id = ? ORDER BY rule`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("rule results of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []rules.RuleResult
	for rows.Next() {
		var r rules.RuleResult
		var sev string
		var veto int
		if err := rows.Scan(&r.ID, &r.Judged, &r.Findings, &r.Undetermined, &sev, &r.Weight, &veto, &r.Penalty, &r.PerFinding); err != nil {
			return nil, fmt.Errorf("rule results of site run %d: %w", siteRunID, err)
		}
		r.Severity, r.Veto = rules.Severity(sev), veto != 0
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rule results of site run %d: %w", siteRunID, err)
	}
	return out, nil
}

// previousJudged returns the site's latest ok, judged site run before sr.
func previousJudged(ctx context.Context, tx *sql.Tx, sr siteRunRef) (int64, bool, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM site_runs WHERE site_id = ? AND id < ? AND status = 'ok'
		AND judged_at IS NOT NULL ORDER BY id DESC LIMIT 1`, sr.siteID, sr.id).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

const findingColumns = `rule, url, key, ord, seq, severity, title, evidence, basis, status,
	first_run_id, first_site_run_id, first_seen, last_seen`

// loadFindings reads a site run's findings in order; openOnly leaves out fixed ones.
func loadFindings(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, siteRunID int64, openOnly bool) ([]findingRow, error) {
	query := `SELECT ` + findingColumns + ` FROM findings WHERE site_run_id = ?`
	if openOnly {
		query += ` AND status != 'fixed'`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY seq`, siteRunID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []findingRow
	for rows.Next() {
		var r findingRow
		var sev string
		if err := rows.Scan(&r.rule, &r.url, &r.key, &r.ord, &r.seq, &sev, &r.f.Title, &r.f.Evidence, &r.f.Basis,
			&r.stat, &r.firstRunID, &r.firstSiteRunID, timeCol{&r.firstSeen}, timeCol{&r.lastSeen}); err != nil {
			return nil, err
		}
		r.f.Rule, r.f.URL, r.f.Key, r.f.Severity = r.rule, r.url, r.key, rules.Severity(sev)
		out = append(out, r)
	}
	return out, rows.Err()
}

// writeFindings replaces the findings of sr: open, in order, each new or persisting
// against the previous judged run, then that run's open findings absent now, fixed.
func writeFindings(ctx context.Context, tx *sql.Tx, sr siteRunRef, open []findingRow) error {
	prevOpen := map[identity]findingRow{}
	if prevID, ok, err := previousJudged(ctx, tx, sr); err != nil {
		return err
	} else if ok {
		rows, err := loadFindings(ctx, tx, prevID, true)
		if err != nil {
			return err
		}
		for _, r := range rows {
			prevOpen[r.identity] = r
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE site_run_id = ?`, sr.id); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO findings (site_run_id, `+findingColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	put := func(r findingRow) error {
		_, err := st.ExecContext(ctx, sr.id, r.rule, r.url, r.key, r.ord, r.seq, string(r.f.Severity), r.f.Title,
			r.f.Evidence, r.f.Basis, r.stat, r.firstRunID, r.firstSiteRunID, fmtTime(r.firstSeen), fmtTime(r.lastSeen))
		if err != nil {
			return fmt.Errorf("finding %s %s: %w", r.rule, r.url, err)
		}
		return nil
	}
	for i, r := range open {
		r.seq, r.lastSeen = i, sr.startedAt
		if p, ok := prevOpen[r.identity]; ok {
			r.stat, r.firstRunID, r.firstSiteRunID, r.firstSeen = FindingPersisting, p.firstRunID, p.firstSiteRunID, p.firstSeen
			delete(prevOpen, r.identity)
		} else {
			r.stat, r.firstRunID, r.firstSiteRunID, r.firstSeen = FindingNew, sr.runID, sr.id, sr.startedAt
		}
		if err := put(r); err != nil {
			return err
		}
	}
	fixed := make([]findingRow, 0, len(prevOpen))
	for _, r := range prevOpen {
		fixed = append(fixed, r)
	}
	sort.Slice(fixed, func(i, j int) bool { return fixed[i].seq < fixed[j].seq })
	for i, r := range fixed {
		r.seq, r.stat = len(open)+i, FindingFixed // first and last seen stay those of the open finding
		if err := put(r); err != nil {
			return err
		}
	}
	return nil
}

// Findings returns a site run's open findings (new and persisting) in the order
// judged, then those fixed in it.
func (s *Store) Findings(ctx context.Context, siteRunID int64) ([]StoredFinding, error) {
	rows, err := loadFindings(ctx, s.rdb, siteRunID, false)
	if err != nil {
		return nil, fmt.Errorf("findings of site run %d: %w", siteRunID, err)
	}
	out := make([]StoredFinding, len(rows))
	for i, r := range rows {
		out[i] = StoredFinding{Finding: r.f, Status: r.stat, FirstSeen: r.firstSeen, LastSeen: r.lastSeen,
			FirstRunID: r.firstRunID, FirstSiteRunID: r.firstSiteRunID}
	}
	return out, nil
}

// Undetermined returns what the rules could not judge in a site run, in order.
func (s *Store) Undetermined(ctx context.Context, siteRunID int64) ([]rules.Undetermined, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT rule, url, title, reason FROM undetermined
		WHERE site_run_id = ? ORDER BY seq`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("undetermined of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []rules.Undetermined
	for rows.Next() {
		var u rules.Undetermined
		if err := rows.Scan(&u.Rule, &u.URL, &u.Title, &u.Reason); err != nil {
			return nil, fmt.Errorf("undetermined of site run %d: %w", siteRunID, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("undetermined of site run %d: %w", siteRunID, err)
	}
	return out, nil
}
