package audit

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/store"
)

// DefaultResumeWithin is how old an interrupted site audit may be and still be resumed
// when Auditor.ResumeWithin is zero. A nightly audit killed at 02:00 is resumed by the
// next start the same day; one from last week is audited afresh, its pages would be
// stale.
const DefaultResumeWithin = 24 * time.Hour

// beginSite starts site in run runID. When the site's latest site run was interrupted
// (the process killed, the run cancelled) and may be resumed (resumeBlocker), the new
// site run continues it (store.ResumeSite): it shares the pages, link checks and crawl
// errors stored so far and takes over the frontier, so only what was left is fetched
// and the result is the same set of pages as an uninterrupted audit. Otherwise the
// site is audited from scratch. resumedFrom is the site run continued, 0 for none.
func (a *Auditor) beginSite(ctx context.Context, runID int64, site facts.Site, log *slog.Logger) (id, resumedFrom int64, err error) {
	if a.ResumeWithin >= 0 && !a.MemoryFrontier {
		prev, ok, err := a.Store.Resumable(ctx, site)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			if why := a.resumeBlocker(prev, time.Now()); why != "" {
				log.Info("interrupted audit not resumed; starting over", "site_run", prev.ID, "why", why)
			} else if id, err := a.Store.ResumeSite(ctx, runID, site, prev.ID); err != nil {
				log.Warn("interrupted audit could not be resumed; starting over", "site_run", prev.ID, "err", err)
			} else {
				log.Info("resuming interrupted audit", "site_run", prev.ID, "started", prev.StartedAt)
				return id, prev.ID, nil
			}
		}
	}
	id, err = a.Store.BeginSite(ctx, runID, site)
	return id, 0, err
}

// resumeBlocker says why an interrupted site run may not be resumed by this audit, ""
// when it may: it must judge at the same as-of date with the same rules (the rules'
// vocabulary steers the crawl), and be recent.
func (a *Auditor) resumeBlocker(prev store.SiteRun, now time.Time) string {
	within := a.ResumeWithin
	if within == 0 {
		within = DefaultResumeWithin
	}
	switch {
	case prev.AsOf != a.AsOf:
		return fmt.Sprintf("it judged as of %s, this audit as of %s", prev.AsOf, a.AsOf)
	case prev.RulesHash != a.Rules.Hash:
		return "the rules changed since"
	case now.Sub(prev.StartedAt) > within:
		return fmt.Sprintf("it started %s ago, more than %s", now.Sub(prev.StartedAt).Round(time.Minute), within)
	}
	return ""
}

// frontierFor is the crawl frontier of a site run: in the store, unless MemoryFrontier.
func (a *Auditor) frontierFor(siteRunID int64, resumed bool) func(context.Context, facts.Site) (crawler.Frontier, error) {
	if a.MemoryFrontier {
		return nil // the crawler's default: in memory
	}
	return func(ctx context.Context, _ facts.Site) (crawler.Frontier, error) {
		return newStoreFrontier(ctx, a.Store, siteRunID, resumed)
	}
}

// tally reads the site run's page count and crawl errors back from the store: with the
// store frontier the crawler records pages without the sink, and a resumed site run
// holds what the interrupted one stored too (FinishSite wants PageCount then).
func (a *Auditor) tally(ctx context.Context, r *SiteResult) error {
	n, err := a.Store.PageCount(ctx, r.SiteRunID)
	if err != nil {
		return err
	}
	errs, err := a.Store.CrawlErrors(ctx, r.SiteRunID)
	if err != nil {
		return err
	}
	r.Pages, r.Errors = n, errs
	return nil
}
