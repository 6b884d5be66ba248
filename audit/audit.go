// Package audit runs site audits end to end: crawl into the store, judge the stored facts
// with the rule set, score, and record the judgement. `scan`, `audit`, `demo` and `serve`
// all run through it.
package audit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Auditor holds what every site audit of a run shares.
type Auditor struct {
	Store  *store.Store
	Rules  *rules.Config
	Crawl  crawler.Options // Vocabulary and Previous are set per site
	AsOf   facts.Date
	Logger *slog.Logger
	// Concurrency is how many sites are audited at once (each keeps its own per-host
	// politeness; sites sharing a host take turns, see schedule.go).
	Concurrency int
	// SitesFile names the file site specs came from, for error messages ("" for scan).
	SitesFile string
	// ResumeWithin is how old an interrupted site audit may be and still be resumed by
	// this one (same as-of date and rules required; see resume.go); 0 means
	// DefaultResumeWithin, a negative value never resumes.
	ResumeWithin time.Duration
	// MemoryFrontier keeps the crawl frontier in RAM instead of the store: no resume
	// after a kill, memory grows with the site (the baseline of `gongkai bench crawl`).
	MemoryFrontier bool
	// OnSite is called as each site finishes (progress displays); may be nil.
	OnSite func(SiteResult)
}

// RunResult is one run over a list of sites.
type RunResult struct {
	RunID  int64
	Status string // ok | failed | interrupted
	Sites  []SiteResult
}

// SiteResult is the outcome of one site audit.
type SiteResult struct {
	Site       facts.Site
	SiteRunID  int64
	AsOf       facts.Date
	StartedAt  time.Time
	FinishedAt time.Time
	Stats      crawler.Stats
	Pages      int
	Errors     []facts.CrawlError
	Score      report.Score
	Findings   []store.StoredFinding
	Undet      []rules.Undetermined
	// Err is set when the audit of this site failed (unreachable, interrupted …).
	Err error
}

// Run audits the sites as one run recorded in the store.
func (a *Auditor) Run(ctx context.Context, command, args string, specs []SiteSpec) (*RunResult, error) {
	log := a.logger()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	runID, err := a.Store.BeginRun(ctx, store.RunInfo{Command: command, AsOf: a.AsOf, RulesHash: a.Rules.Hash, Args: args})
	if err != nil {
		return nil, err
	}
	res := &RunResult{RunID: runID, Sites: make([]SiteResult, len(specs))}
	n := a.Concurrency
	if n < 1 {
		n = 1
	}
	// Sites sharing a host are audited one after the other (see schedule.go), groups
	// side by side within the budget of n sites at once.
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for _, group := range hostGroups(specs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.auditGroup(ctx, sem, runID, specs, group, res.Sites)
		}()
	}
	wg.Wait()

	res.Status = "ok"
	failed := 0
	for _, s := range res.Sites {
		if s.Err != nil {
			failed++
		}
	}
	var errText string
	switch {
	case ctx.Err() != nil:
		res.Status, errText = "interrupted", ctx.Err().Error()
	case failed == len(specs):
		res.Status, errText = "failed", fmt.Sprintf("all %d sites failed", failed)
	case failed > 0:
		errText = fmt.Sprintf("%d of %d sites failed", failed, len(specs))
	}
	// Record the end even when ctx is cancelled: a run must not stay "running".
	if err := a.Store.FinishRun(context.WithoutCancel(ctx), runID, res.Status, errText); err != nil {
		log.Error("record end of run", "run", runID, "err", err)
		return res, err
	}
	return res, nil
}

func (a *Auditor) logger() *slog.Logger {
	if a.Logger != nil {
		return a.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// site audits one site: crawl → store → judge → score → store.
func (a *Auditor) site(ctx context.Context, runID int64, spec SiteSpec) SiteResult {
	log := a.logger().With("site", spec.Name)
	site := spec.Site()
	r := SiteResult{Site: site, AsOf: a.AsOf, StartedAt: time.Now()}
	// Bookkeeping must be written even after a cancel, or a run would look still running.
	bg := context.WithoutCancel(ctx)
	cfg, err := a.Rules.WithOverrides(a.SitesFile, "sites["+spec.Name+"].rules", spec.Rules)
	if err != nil {
		r.Err = err
		return r
	}
	var resumedFrom int64
	r.SiteRunID, resumedFrom, err = a.beginSite(ctx, runID, site, log)
	if err != nil {
		r.Err = err
		return r
	}
	finish := func(status string, err error) SiteResult {
		r.FinishedAt = time.Now()
		r.Err = err
		if terr := a.tally(bg, &r); terr != nil {
			log.Error("count stored pages", "err", terr)
		}
		st := store.SiteStats{Pages: r.Pages, Errors: len(r.Errors), Status: status}
		if err != nil {
			st.Err = err.Error()
		}
		if ferr := a.Store.FinishSite(bg, r.SiteRunID, st); ferr != nil {
			log.Error("record end of site audit", "err", ferr)
			if r.Err == nil {
				r.Err = ferr
			}
		}
		return r
	}

	siteID, err := a.Store.SiteID(ctx, r.SiteRunID)
	if err != nil {
		return finish("failed", err)
	}
	opts := a.Crawl
	opts.Vocabulary = cfg.Columns
	opts.Previous = func(ctx context.Context, url string) (*facts.Page, bool) {
		p, ok, err := a.Store.PreviousPage(ctx, siteID, url)
		if err != nil {
			log.Warn("read previous page", "url", url, "err", err)
			return nil, false
		}
		return p, ok
	}
	opts.Logger = log
	opts.NewFrontier = a.frontierFor(r.SiteRunID, resumedFrom != 0)
	sink := &storeSink{st: a.Store, siteRunID: r.SiteRunID, result: &r}
	log.Info("crawl", "url", site.URL)
	r.Stats, err = crawler.New(opts).Crawl(ctx, site, sink)
	if err != nil {
		if ctx.Err() != nil {
			return finish("interrupted", fmt.Errorf("audit of %s interrupted: %w", site.URL, ctx.Err()))
		}
		return finish("failed", fmt.Errorf("crawl %s: %w", site.URL, err))
	}
	if sink.err != nil {
		return finish("failed", sink.err)
	}
	if err := a.tally(ctx, &r); err != nil {
		return finish("failed", err)
	}
	log.Info("judge", "pages", r.Pages, "crawl_errors", len(r.Errors))
	if err := a.judge(ctx, cfg, &r); err != nil {
		if ctx.Err() != nil {
			return finish("interrupted", err)
		}
		return finish("failed", err)
	}
	return finish("ok", nil)
}

// judge runs the rules over the stored facts of a site run and records the judgement.
func (a *Auditor) judge(ctx context.Context, cfg *rules.Config, r *SiteResult) error {
	src := &storeSource{st: a.Store, siteRunID: r.SiteRunID}
	res, err := rules.Judge(ctx, cfg, rules.Input{Site: r.Site, AsOf: a.AsOf, Source: src})
	if err != nil {
		return err
	}
	r.Score = report.Compute(cfg, res.Rules)
	r.Undet = res.Undetermined
	if err := a.Store.SaveJudgement(ctx, r.SiteRunID, store.Judgement{
		Findings: res.Findings, Undetermined: res.Undetermined,
		Score: r.Score.Score, Grade: r.Score.Grade, Veto: r.Score.Veto, Rules: res.Rules,
	}); err != nil {
		return err
	}
	r.Findings, err = a.Store.Findings(ctx, r.SiteRunID)
	return err
}

// storeSink writes what the crawler finds straight into the store, so nothing of a long
// crawl lives only in memory and a killed run keeps what it fetched.
type storeSink struct {
	st        *store.Store
	siteRunID int64
	mu        sync.Mutex
	result    *SiteResult
	err       error
}

func (s *storeSink) Page(ctx context.Context, p *facts.Page) error {
	if err := s.st.SavePage(ctx, s.siteRunID, p); err != nil {
		s.fail(err)
		return err
	}
	s.mu.Lock()
	s.result.Pages++
	s.mu.Unlock()
	return nil
}

func (s *storeSink) LinkCheck(ctx context.Context, c facts.LinkCheck) error {
	if err := s.st.SaveLinkCheck(ctx, s.siteRunID, c); err != nil {
		s.fail(err)
		return err
	}
	return nil
}

func (s *storeSink) CrawlError(ctx context.Context, e facts.CrawlError) error {
	s.mu.Lock()
	s.result.Errors = append(s.result.Errors, e)
	s.mu.Unlock()
	if err := s.st.SaveCrawlError(ctx, s.siteRunID, e); err != nil {
		s.fail(err)
		return err
	}
	return nil
}

func (s *storeSink) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil && !errors.Is(err, context.Canceled) {
		s.err = err
	}
}

// storeSource serves one site run's stored facts to the rules.
type storeSource struct {
	st        *store.Store
	siteRunID int64
}

func (s *storeSource) Pages(ctx context.Context, fn func(*facts.Page) error) error {
	return s.st.Pages(ctx, s.siteRunID, fn)
}
func (s *storeSource) PageSummaries(ctx context.Context) ([]*facts.Page, error) {
	return s.st.PageSummaries(ctx, s.siteRunID)
}
func (s *storeSource) Page(ctx context.Context, url string) (*facts.Page, error) {
	return s.st.Page(ctx, s.siteRunID, url)
}
func (s *storeSource) LinkChecks(ctx context.Context) ([]facts.LinkCheck, error) {
	return s.st.LinkChecks(ctx, s.siteRunID)
}
func (s *storeSource) CrawlErrors(ctx context.Context) ([]facts.CrawlError, error) {
	return s.st.CrawlErrors(ctx, s.siteRunID)
}

// Report converts the result into what the outputs show.
func (r SiteResult) Report() *report.SiteReport {
	rep := &report.SiteReport{
		Site: r.Site, AsOf: r.AsOf, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
		Pages: r.Pages, Errors: r.Errors, Score: r.Score, Undetermined: r.Undet,
	}
	for _, f := range r.Findings {
		rep.Findings = append(rep.Findings, report.Finding{Finding: f.Finding, Status: f.Status, FirstSeen: f.FirstSeen})
	}
	if r.Err != nil {
		rep.Failed = r.Err.Error()
	}
	return rep
}
