package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// opsFlags are the flags of the commands that run audits over sites.yaml (audit,
// serve): how many sites at once, how much history to keep, where to push metrics.
type opsFlags struct {
	concurrency int
	keepRuns    int
	push        string // audit only
}

const defaultConcurrency = 4

func (a *app) opsFlags(c *cobra.Command) *opsFlags {
	o := &opsFlags{}
	f := c.Flags()
	f.IntVar(&o.concurrency, "concurrency", defaultConcurrency,
		"sites audited at once (sites sharing a host take turns, so a host never sees two crawls)")
	f.IntVar(&o.keepRuns, "keep-runs", 90,
		"after the audit, keep this many completed audits per site in --db and delete older ones (0: keep all)")
	prev := c.PreRunE
	c.PreRunE = func(c *cobra.Command, args []string) error {
		a.ops = o
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
	return o
}

func (o *opsFlags) check() error {
	switch {
	case o == nil:
		return nil
	case o.concurrency < 1:
		return usageErr("--concurrency must be at least 1")
	case o.keepRuns < 0:
		return usageErr("--keep-runs must not be negative (0 keeps everything)")
	}
	if o.push != "" {
		u, err := url.Parse(o.push)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErr("--push %q: want the Pushgateway's URL, e.g. http://127.0.0.1:9091", o.push)
		}
	}
	return nil
}

func (a *app) auditCmd() *cobra.Command {
	var sitesFile string
	var check bool
	c := &cobra.Command{
		Use:   "audit --sites sites.yaml",
		Short: "Audit every site listed in sites.yaml as one run (the nightly job)",
		Long: `Audit every unit listed in sites.yaml (name, url, level 政府/部门/乡镇, region, pinned
columns, per-site rule overrides) as one run recorded in --db.

Sites are audited --concurrency at a time; sites that share a host take turns, so that
each host sees one crawl at a time with its politeness (--parallelism, --delay). A site
that fails does not fail the others: the run goes on and records the failure.

On a terminal a progress bar shows on stderr; otherwise logs are JSON lines (--log-level).
--push sends the metrics (the same series as serve's /metrics, without the Go and
process ones) to a Pushgateway under job="gongkai".

Exit codes: 0 done (some sites may have failed: they are named on stderr and in the
scorecards), 1 findings at or above --fail-on, 2 usage or configuration error (sites.yaml
errors name file:line:col), 3 the run itself failed: no site could be audited, the run
was interrupted, the database could not be written or the push failed.`,
		Example: `  gongkai audit --sites sites.yaml --db /var/lib/gongkai/gongkai.db --out /var/lib/gongkai/scorecards
  gongkai audit --sites sites.yaml --push http://127.0.0.1:9091 --concurrency 8
  gongkai audit --sites sites.yaml --check`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			if err := a.ops.check(); err != nil {
				return err
			}
			if sitesFile == "" {
				return usageErr("--sites FILE is required")
			}
			cfg, err := a.loadRules()
			if err != nil {
				return err
			}
			sf, err := audit.LoadSites(sitesFile, cfg)
			if err != nil {
				return configErr(err)
			}
			if check {
				fmt.Fprintf(a.stdout, "%s: %d sites, valid against the rule set (%d rules)\n", sitesFile, len(sf.Sites), len(cfg.Rules))
				return nil
			}
			asOf, err := a.asOfDate(facts.Date{})
			if err != nil {
				return err
			}
			return a.auditAndReport(c.Context(), "audit", strings.Join(os.Args[1:], " "), sf.Sites, asOf, sitesFile)
		},
	}
	c.Flags().StringVar(&sitesFile, "sites", "", "the sites file (see README for its format)")
	c.Flags().BoolVar(&check, "check", false, "only validate --sites (and --rules) and exit: 0 valid, 2 not")
	o := a.opsFlags(c)
	c.Flags().StringVar(&o.push, "push", "", "push the metrics to this Pushgateway URL after the audit (job \"gongkai\")")
	a.crawlFlags(c, 250*time.Millisecond)
	return c
}

// newAuditor returns the auditor of a run with the app's flags.
func (a *app) newAuditor(st *store.Store, cfg *rules.Config, asOf facts.Date, sitesFile string) *audit.Auditor {
	n := defaultConcurrency
	if a.ops != nil {
		n = a.ops.concurrency
	}
	return &audit.Auditor{
		Store: st, Rules: cfg, Crawl: a.crawlOptions(), AsOf: asOf, Logger: a.logger(),
		Concurrency: n, SitesFile: sitesFile,
	}
}

// runOps is what an audit run does besides auditing: progress on a terminal, metrics
// for --push, retention. Its methods do nothing for what was not asked for.
type runOps struct {
	a       *app
	st      *store.Store
	prog    *progress
	metrics *report.Metrics // nil without --push
}

// startRun prepares the extras of a run over specs and wires them into aud.
func (a *app) startRun(st *store.Store, specs []audit.SiteSpec) *runOps {
	o := &runOps{a: a, st: st, prog: a.startProgress(len(specs))}
	if a.ops != nil && a.ops.push != "" {
		o.metrics = report.NewMetrics(st, report.MetricsOptions{Sites: sitesOf(specs), Logger: a.logger()})
	}
	return o
}

// wire hooks the extras into the auditor (after startRun, so its logger writes above
// the progress bar).
func (o *runOps) wire(aud *audit.Auditor) {
	if o.prog != nil {
		aud.OnSite = o.prog.siteDone
		aud.Crawl.Observe = observeBoth(aud.Crawl.Observe, o.prog.request)
	}
	if o.metrics != nil {
		aud.Crawl.Observe = observeBoth(aud.Crawl.Observe, o.metrics.ObserveRequest)
	}
}

// ran ends the progress display and counts the run.
func (o *runOps) ran(res *audit.RunResult, err error) {
	o.prog.finish(o.a)
	if o.metrics != nil {
		switch {
		case err != nil || res == nil:
			o.metrics.RunFinished(store.StatusFailed)
		default:
			o.metrics.RunFinished(res.Status)
		}
	}
	if res != nil {
		// Failures at info: runOutcome names them on stderr for people anyway.
		logSites(o.a.logger(), res, slog.LevelInfo)
	}
}

// logSites logs the outcome of each site of a run (failures at failLevel) and returns
// how many failed; a site cut short by the end of the run is interrupted, not failed.
func logSites(log *slog.Logger, res *audit.RunResult, failLevel slog.Level) (failed int) {
	for _, s := range res.Sites {
		switch {
		case s.Err != nil && errors.Is(s.Err, context.Canceled):
			log.Info("site audit interrupted", "site", s.Site.Name, "url", s.Site.URL, "pages", s.Pages)
		case s.Err != nil:
			failed++
			log.Log(context.Background(), failLevel, "site audit failed", "site", s.Site.Name, "url", s.Site.URL, "err", s.Err)
		default:
			log.Info("site audited", "site", s.Site.Name, "score", s.Score.Score, "grade", s.Score.Grade,
				"pages", s.Pages, "crawl_errors", len(s.Errors), "findings", len(s.Findings),
				"elapsed", s.FinishedAt.Sub(s.StartedAt).Round(time.Millisecond).String())
		}
	}
	return failed
}

// finish prunes old history and pushes the metrics; the run's results are stored and
// written by then. A failed push is an error: the monitoring built on it would
// silently go stale.
func (o *runOps) finish(ctx context.Context, res *audit.RunResult) error {
	if res != nil && res.Status != store.StatusInterrupted && o.a.ops != nil && o.a.ops.keepRuns > 0 {
		prune(ctx, o.a, o.st, o.a.ops.keepRuns)
	}
	if o.metrics == nil {
		return nil
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if err := o.metrics.Push(pctx, o.a.ops.push); err != nil {
		return failedErr(err)
	}
	return nil
}

// prune bounds the history in the store; a failure is logged, not fatal: the audit
// itself is recorded.
func prune(ctx context.Context, a *app, st *store.Store, keep int) {
	began := time.Now()
	ps, err := st.Prune(ctx, keep)
	if err != nil {
		a.logger().Error("prune old audits", "keep", keep, "err", err)
		return
	}
	if ps.SiteRuns > 0 || ps.Runs > 0 {
		a.logger().Info("pruned old audits", "keep", keep, "site_runs", ps.SiteRuns, "runs", ps.Runs,
			"page_facts", ps.PageFacts, "elapsed", time.Since(began).Round(time.Millisecond).String())
	}
}

// sitesOf returns the sites of specs, for the metrics' site filter.
func sitesOf(specs []audit.SiteSpec) func() []facts.Site {
	sites := make([]facts.Site, len(specs))
	for i, s := range specs {
		sites[i] = s.Site()
	}
	return func() []facts.Site { return sites }
}

// runOutcome decides what a finished run means for the exit code: the run failed (3)
// when it was interrupted or no site could be audited; sites that failed beside
// others that did not are warnings (the nightly job of 200 units must not fail because
// one unit's server was down: the scorecards and gongkai_site_last_audit_timestamp_seconds
// show it).
func (a *app) runOutcome(res *audit.RunResult) error {
	var failed []audit.SiteResult
	for _, s := range res.Sites {
		if s.Err != nil {
			failed = append(failed, s)
		}
	}
	switch {
	case res.Status == store.StatusInterrupted:
		return failedErr(fmt.Errorf("run %d interrupted; run the same command again to resume it", res.RunID))
	case len(failed) > 0 && len(failed) == len(res.Sites):
		if len(failed) == 1 {
			return failedErr(fmt.Errorf("audit of %s failed: %v", failed[0].Site.URL, failed[0].Err))
		}
		return failedErr(fmt.Errorf("all %d sites failed; the first: %s: %v", len(failed), failed[0].Site.URL, failed[0].Err))
	}
	for _, s := range failed {
		fmt.Fprintf(a.stderr, "gongkai: warning: audit of %s (%s) failed: %v\n", s.Site.Name, s.Site.URL, s.Err)
	}
	return nil
}
