package store

import (
	"context"
	"fmt"
)

// Queries the scorecards need beyond the audit's own: what the latest attempt at each
// site was (an unreachable unit must show on the ranking as such, not vanish) and how
// many findings of each rule are new, persisting or fixed (the overview counts them
// for hundreds of units without loading every finding).

// LatestSiteAttempts returns the latest site run of every site whatever its status
// (ok, failed, interrupted, or running while an audit is in progress), in site order.
func (s *Store) LatestSiteAttempts(ctx context.Context) ([]SiteRun, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.id IN (SELECT max(id) FROM site_runs GROUP BY site_id)
		ORDER BY sr.site_id`)
	if err != nil {
		return nil, fmt.Errorf("latest site attempts: %w", err)
	}
	return out, nil
}

// FindingCount is how many findings of one rule a site run holds with one status.
type FindingCount struct {
	Rule   string
	Status string // new | persisting | fixed
	N      int
}

// FindingCounts returns a site run's findings counted by rule and status, ordered by
// rule then status.
func (s *Store) FindingCounts(ctx context.Context, siteRunID int64) ([]FindingCount, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT rule, status, count(*) FROM findings
		WHERE site_run_id = ? GROUP BY rule, status ORDER BY rule, status`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("finding counts of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []FindingCount
	for rows.Next() {
		var c FindingCount
		if err := rows.Scan(&c.Rule, &c.Status, &c.N); err != nil {
			return nil, fmt.Errorf("finding counts of site run %d: %w", siteRunID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("finding counts of site run %d: %w", siteRunID, err)
	}
	return out, nil
}

// PageKindCount is how many pages of one kind (home, portal, list, detail, attachment,
// other) a site run saw.
type PageKindCount struct {
	Kind string
	N    int
}

// PageKinds counts a site run's pages by kind, most first.
func (s *Store) PageKinds(ctx context.Context, siteRunID int64) ([]PageKindCount, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT kind, count(*) FROM pages WHERE site_run_id = ?
		GROUP BY kind ORDER BY count(*) DESC, kind`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("page kinds of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []PageKindCount
	for rows.Next() {
		var c PageKindCount
		if err := rows.Scan(&c.Kind, &c.N); err != nil {
			return nil, fmt.Errorf("page kinds of site run %d: %w", siteRunID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("page kinds of site run %d: %w", siteRunID, err)
	}
	return out, nil
}
