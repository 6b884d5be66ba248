package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// QueuedURL is an entry of a site run's crawl frontier.
type QueuedURL struct {
	URL   string
	Depth int
	From  string // the page it was found on; "" for a seed
	// Meta is the crawler's context for the URL (column kind, list URL, a POST form …),
	// stored as is, so that a resumed crawl treats the URL as the first one would have.
	Meta string
}

// Frontier states.
const (
	URLQueued   = "queued"
	URLFetching = "fetching"
	URLDone     = "done"
)

func enqueue(ctx context.Context, tx *sql.Tx, siteRunID int64, urls []QueuedURL) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO frontier (site_run_id, url, depth, from_url, meta)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (site_run_id, url) DO NOTHING`)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	added := 0
	for _, u := range urls {
		if u.URL == "" {
			return 0, errors.New("enqueue: empty URL")
		}
		res, err := st.ExecContext(ctx, siteRunID, u.URL, u.Depth, u.From, u.Meta)
		if err != nil {
			return 0, fmt.Errorf("enqueue %s: %w", u.URL, err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// EnqueueURLs adds URLs to a running site run's frontier, in order, and returns how
// many were new. A URL the frontier already holds, in any state, is left as it is:
// the frontier is also the crawl's visited set.
func (s *Store) EnqueueURLs(ctx context.Context, siteRunID int64, urls []QueuedURL) (int, error) {
	var added int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := runningSiteRun(ctx, tx, siteRunID); err != nil {
			return err
		}
		var err error
		added, err = enqueue(ctx, tx, siteRunID, urls)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue %d URLs for site run %d: %w", len(urls), siteRunID, err)
	}
	return added, nil
}

// NextURLs claims up to n queued URLs of a running site run, oldest first (queued →
// fetching). An empty result with no URL fetching means the crawl is over
// (FrontierStats).
func (s *Store) NextURLs(ctx context.Context, siteRunID int64, n int) ([]QueuedURL, error) {
	if n <= 0 {
		return nil, fmt.Errorf("next URLs of site run %d: n = %d", siteRunID, n)
	}
	type claimed struct {
		id int64
		QueuedURL
	}
	var out []claimed
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		if _, err := runningSiteRun(ctx, tx, siteRunID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `UPDATE frontier SET state = 'fetching'
			WHERE id IN (SELECT id FROM frontier WHERE site_run_id = ? AND state = 'queued' ORDER BY id LIMIT ?)
			RETURNING id, url, depth, from_url, meta`, siteRunID, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			if err := rows.Scan(&c.id, &c.URL, &c.Depth, &c.From, &c.Meta); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("next URLs of site run %d: %w", siteRunID, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id }) // RETURNING has no order
	urls := make([]QueuedURL, len(out))
	for i, c := range out {
		urls[i] = c.QueuedURL
	}
	return urls, nil
}

func setState(ctx context.Context, tx *sql.Tx, siteRunID int64, state string, urls []string) error {
	st, err := tx.PrepareContext(ctx, `UPDATE frontier SET state = ? WHERE site_run_id = ? AND url = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, u := range urls {
		if _, err := st.ExecContext(ctx, state, siteRunID, u); err != nil {
			return fmt.Errorf("%s: %w", u, err)
		}
	}
	return nil
}

// MarkDone marks frontier URLs done (fetched, failed for good, or skipped).
func (s *Store) MarkDone(ctx context.Context, siteRunID int64, urls ...string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := runningSiteRun(ctx, tx, siteRunID); err != nil {
			return err
		}
		return setState(ctx, tx, siteRunID, URLDone, urls)
	})
	if err != nil {
		return fmt.Errorf("mark done %s: %w", strings.Join(urls, " "), err)
	}
	return nil
}

// ReleaseURLs puts claimed URLs back in the queue (fetching → queued), e.g. when a
// crawl stops with fetches in flight. URLs in another state are left alone.
func (s *Store) ReleaseURLs(ctx context.Context, siteRunID int64, urls ...string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE frontier SET state = 'queued'
			WHERE site_run_id = ? AND url = ? AND state = 'fetching'`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, u := range urls {
			if _, err := st.ExecContext(ctx, siteRunID, u); err != nil {
				return fmt.Errorf("%s: %w", u, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release URLs of site run %d: %w", siteRunID, err)
	}
	return nil
}

// FrontierStats counts a site run's frontier by state.
type FrontierStats struct{ Queued, Fetching, Done int }

// Frontier returns the size of a site run's frontier by state.
func (s *Store) Frontier(ctx context.Context, siteRunID int64) (FrontierStats, error) {
	var st FrontierStats
	err := s.rdb.QueryRowContext(ctx, `SELECT
		coalesce(sum(state = 'queued'), 0), coalesce(sum(state = 'fetching'), 0), coalesce(sum(state = 'done'), 0)
		FROM frontier WHERE site_run_id = ?`, siteRunID).Scan(&st.Queued, &st.Fetching, &st.Done)
	if err != nil {
		return FrontierStats{}, fmt.Errorf("frontier of site run %d: %w", siteRunID, err)
	}
	return st, nil
}

// Completion is the outcome of fetching one frontier URL.
type Completion struct {
	URL        string      // the frontier URL that was fetched
	Page       *facts.Page // the page stored for it (its URL may differ after redirects); nil for none
	LinkChecks []facts.LinkCheck
	Errors     []facts.CrawlError
	Discovered []QueuedURL // URLs found on the page, to enqueue
}

// CompleteURL records the outcome of fetching a frontier URL in one transaction: the
// page, link checks and crawl errors are stored, the discovered URLs enqueued, and
// the URL marked done. A crash leaves either all of it or none, so a resumed crawl
// neither loses the links of a stored page nor stores a page twice.
func (s *Store) CompleteURL(ctx context.Context, siteRunID int64, c Completion) error {
	if c.URL == "" {
		return errors.New("complete URL: no URL")
	}
	var e *encodedPage
	if c.Page != nil {
		if c.Page.URL == "" {
			return fmt.Errorf("complete URL %s: page has no URL", c.URL)
		}
		var err error
		if e, err = s.encodePage(ctx, c.Page); err != nil {
			return fmt.Errorf("complete URL %s: encode page: %w", c.URL, err)
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		siteID, err := runningSiteRun(ctx, tx, siteRunID)
		if err != nil {
			return err
		}
		if e != nil {
			if err := putPage(ctx, tx, siteRunID, siteID, e); err != nil {
				return fmt.Errorf("save page %s: %w", e.url, err)
			}
		}
		for _, lc := range c.LinkChecks {
			if err := putLinkCheck(ctx, tx, siteRunID, lc); err != nil {
				return fmt.Errorf("save link check %s: %w", lc.URL, err)
			}
		}
		for _, ce := range c.Errors {
			if err := putCrawlError(ctx, tx, siteRunID, ce); err != nil {
				return fmt.Errorf("save crawl error %s: %w", ce.URL, err)
			}
		}
		if _, err := enqueue(ctx, tx, siteRunID, c.Discovered); err != nil {
			return err
		}
		// Done even if it was never queued (a seed fetched directly): the visited set
		// must hold it.
		_, err = tx.ExecContext(ctx, `INSERT INTO frontier (site_run_id, url, state) VALUES (?, ?, 'done')
			ON CONFLICT (site_run_id, url) DO UPDATE SET state = 'done'`, siteRunID, c.URL)
		return err
	})
	if err != nil {
		return fmt.Errorf("complete URL %s: %w", c.URL, err)
	}
	return nil
}

// Resumable returns the site run a new audit of site could resume: the site's latest
// site run, if it is interrupted, has a frontier and was not resumed already. Whether
// to resume it (its age, its run's as-of date and rules) is the caller's decision.
func (s *Store) Resumable(ctx context.Context, site facts.Site) (SiteRun, bool, error) {
	out, err := s.querySiteRuns(ctx, `WHERE sr.id = (SELECT l.id FROM site_runs l JOIN sites t ON t.id = l.site_id
			WHERE t.url = ? ORDER BY l.id DESC LIMIT 1)
		AND sr.status = 'interrupted'
		AND NOT EXISTS (SELECT 1 FROM site_runs n WHERE n.resumed_from = sr.id)
		AND EXISTS (SELECT 1 FROM frontier f WHERE f.site_run_id = sr.id)`, siteKey(site.URL))
	if err != nil {
		return SiteRun{}, false, fmt.Errorf("resumable run of %s: %w", site.URL, err)
	}
	if len(out) == 0 {
		return SiteRun{}, false, nil
	}
	return out[0], true, nil
}

// ResumeSite begins site in run runID as the continuation of the interrupted site run
// from: like BeginSite, plus the new site run shares from's pages, link checks and
// crawl errors, and takes over its frontier, URLs claimed but not finished being
// queued again. A site run is resumed at most once.
func (s *Store) ResumeSite(ctx context.Context, runID int64, site facts.Site, from int64) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := requireRunning(ctx, tx, `SELECT status FROM runs WHERE id = ?`, runID); err != nil {
			return fmt.Errorf("run %d: %w", runID, err)
		}
		siteID, err := s.upsertSite(ctx, tx, site)
		if err != nil {
			return err
		}
		var oldSite int64
		var status string
		var resumed int
		err = tx.QueryRowContext(ctx, `SELECT site_id, status,
			EXISTS (SELECT 1 FROM site_runs n WHERE n.resumed_from = site_runs.id)
			FROM site_runs WHERE id = ?`, from).Scan(&oldSite, &status, &resumed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("site run %d: %w", from, ErrNotFound)
		case err != nil:
			return err
		case oldSite != siteID:
			return fmt.Errorf("site run %d is of another site", from)
		case status != StatusInterrupted:
			return fmt.Errorf("site run %d is %s, only an interrupted one can be resumed", from, status)
		case resumed != 0:
			return fmt.Errorf("site run %d was resumed already", from)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO site_runs (run_id, site_id, started_at, status, resumed_from)
			VALUES (?, ?, ?, 'running', ?)`, runID, siteID, fmtTime(s.now()), from)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, q := range []string{
			`INSERT INTO pages (site_run_id, url, site_id, facts_id, status, kind, fetched_at, hash, etag, last_modified)
				SELECT ?, url, site_id, facts_id, status, kind, fetched_at, hash, etag, last_modified
				FROM pages WHERE site_run_id = ?`,
			`INSERT INTO link_checks (site_run_id, url, from_url, text, status, err, broken, blocked)
				SELECT ?, url, from_url, text, status, err, broken, blocked FROM link_checks WHERE site_run_id = ?`,
			`INSERT INTO crawl_errors (site_run_id, url, stage, status, err, at)
				SELECT ?, url, stage, status, err, at FROM crawl_errors WHERE site_run_id = ? ORDER BY id`,
			`INSERT INTO frontier (site_run_id, url, depth, from_url, meta, state)
				SELECT ?, url, depth, from_url, meta, CASE state WHEN 'fetching' THEN 'queued' ELSE state END
				FROM frontier WHERE site_run_id = ? ORDER BY id`,
		} {
			if _, err := tx.ExecContext(ctx, q, id, from); err != nil {
				return err
			}
		}
		// The old frontier has been taken over; its pages stay as that run's history.
		_, err = tx.ExecContext(ctx, `DELETE FROM frontier WHERE site_run_id = ?`, from)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("resume site %s from site run %d in run %d: %w", site.URL, from, runID, err)
	}
	return id, nil
}
