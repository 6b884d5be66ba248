package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// PruneStats reports what Prune deleted.
type PruneStats struct {
	SiteRuns  int // with their pages, link checks, crawl errors, findings, frontier
	Runs      int // left without site runs
	PageFacts int // no longer referenced by any page
}

// Prune bounds the history a nightly audit accumulates: for every site it keeps the
// keep latest completed (ok) site runs and everything newer, and deletes older site
// runs, the runs they leave empty, and the page facts no page refers to any more; then
// it returns the freed space to the file system. Findings of the kept runs keep their
// first_seen even when the run that first saw them is gone. Each site is pruned in its
// own transaction, so writers wait little and a kill leaves a consistent file.
func (s *Store) Prune(ctx context.Context, keep int) (PruneStats, error) {
	var st PruneStats
	if keep < 1 {
		return st, fmt.Errorf("prune: keep = %d, want at least 1", keep)
	}
	siteIDs, err := s.siteIDs(ctx)
	if err != nil {
		return st, fmt.Errorf("prune: %w", err)
	}
	for _, siteID := range siteIDs {
		err := s.write(ctx, func(tx *sql.Tx) error {
			var cutoff int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM site_runs WHERE site_id = ? AND status = 'ok'
				ORDER BY id DESC LIMIT 1 OFFSET ?`, siteID, keep-1).Scan(&cutoff)
			if errors.Is(err, sql.ErrNoRows) {
				return nil // fewer completed runs than kept
			}
			if err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, `SELECT DISTINCT run_id FROM site_runs
				WHERE site_id = ? AND id < ? AND status != 'running'`, siteID, cutoff)
			if err != nil {
				return err
			}
			var runIDs []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				runIDs = append(runIDs, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `DELETE FROM site_runs WHERE site_id = ? AND id < ? AND status != 'running'`,
				siteID, cutoff)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			st.SiteRuns += int(n)
			for _, id := range runIDs {
				res, err := tx.ExecContext(ctx, `DELETE FROM runs WHERE id = ? AND status != 'running'
					AND NOT EXISTS (SELECT 1 FROM site_runs WHERE run_id = runs.id)`, id)
				if err != nil {
					return err
				}
				n, _ := res.RowsAffected()
				st.Runs += int(n)
			}
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("prune site %d: %w", siteID, err)
		}
	}
	// Page facts nobody refers to, in batches along the id.
	for last := int64(0); ; {
		var n int
		err := s.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT f.id FROM page_facts f WHERE f.id > ?
				AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.facts_id = f.id) ORDER BY f.id LIMIT 2000`, last)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, id := range ids {
				if _, err := tx.ExecContext(ctx, `DELETE FROM page_facts WHERE id = ?`, id); err != nil {
					return err
				}
			}
			n = len(ids)
			if n > 0 {
				last = ids[n-1]
			}
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("prune page facts: %w", err)
		}
		st.PageFacts += n
		if n == 0 {
			break
		}
	}
	if _, err := s.wdb.ExecContext(ctx, "PRAGMA incremental_vacuum"); err != nil {
		return st, fmt.Errorf("prune: vacuum: %w", err)
	}
	return st, nil
}

func (s *Store) siteIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM sites ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
