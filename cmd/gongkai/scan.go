package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

func (a *app) scanCmd() *cobra.Command {
	var name, level string
	var hosts []string
	c := &cobra.Command{
		Use:   "scan URL",
		Short: "Audit one site from its homepage or disclosure portal URL",
		Long: `Audit one site ad hoc: crawl its 政府信息公开 section from the homepage or portal URL,
judge it with the rule set, print the summary (or JSON with --format json), and keep the
facts in --db so that a second scan of the same site is incremental.

Exit codes: 0 done (and nothing at or above --fail-on), 1 findings at or above --fail-on,
2 usage or configuration error, 3 the run failed (site unreachable …).`,
		Example: `  gongkai scan https://www.dachuan.gov.cn/
  gongkai scan https://www.dachuan.gov.cn/xxgk/ --as-of 2024-04-15 --format json > result.json
  gongkai scan http://127.0.0.1:8080/ --allow-private --fail-on high --out report/
  gongkai scan https://www.hd.gov.cn/ --host hdzfxxgk.hd.gov.cn   # portal on another host`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("scan takes exactly one URL (got %d)\nRun 'gongkai scan --help' for usage.", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			u, err := audit.CheckURL(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			switch facts.Level(level) {
			case "", facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship:
			default:
				return usageErr("--level %q: want 政府, 部门 or 乡镇", level)
			}
			if name == "" {
				pu, _ := url.Parse(u)
				name = pu.Host
			}
			asOf, err := a.asOfDate(facts.Date{})
			if err != nil {
				return err
			}
			for i, h := range hosts {
				hosts[i] = strings.TrimSpace(h)
				if hosts[i] == "" || strings.ContainsAny(hosts[i], "/ ") {
					return usageErr("--host %q: want a host name such as xxgk.example.gov.cn", h)
				}
			}
			spec := audit.SiteSpec{Name: name, URL: u, Level: facts.Level(level), Hosts: hosts}
			return a.auditAndReport(c.Context(), "scan", strings.Join(os.Args[1:], " "), []audit.SiteSpec{spec}, asOf, "")
		},
	}
	c.Flags().StringVar(&name, "name", "", "the unit's name as shown in reports (default: the host)")
	c.Flags().StringVar(&level, "level", "", "the unit's level: 政府, 部门 or 乡镇 (default: read from the site)")
	c.Flags().StringSliceVar(&hosts, "host", nil, "a further host of the same site to crawl (repeatable), e.g. the portal's xxgk.example.gov.cn")
	a.crawlFlags(c, 250*time.Millisecond)
	return c
}

// auditAndReport runs an audit of the sites and prints and writes its results.
func (a *app) auditAndReport(ctx context.Context, command, args string, specs []audit.SiteSpec, asOf facts.Date, sitesFile string) error {
	cfg, err := a.loadRules()
	if err != nil {
		return err
	}
	if err := a.checkOutDir(); err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// Progress bar, --push metrics and retention: see runOps (auditcmd.go).
	ops := a.startRun(st, specs)
	aud := a.newAuditor(st, cfg, asOf, sitesFile)
	ops.wire(aud)
	res, err := aud.Run(ctx, command, args, specs)
	ops.ran(res, err)
	if err != nil {
		if perr := ops.finish(ctx, nil); perr != nil {
			a.logger().Error("after a failed run", "err", perr)
		}
		return failedErr(err)
	}
	reps := make([]*report.SiteReport, len(res.Sites))
	for i, s := range res.Sites {
		reps[i] = s.Report()
	}
	if err := a.printReports(reps); err != nil {
		return failedErr(err)
	}
	if a.outDir != "" {
		if err := writeOut(ctx, st, cfg, a.outDir, specs, a.logger()); err != nil {
			return err
		}
		if a.format == "text" {
			fmt.Fprintf(a.stdout, "Wrote %s\n", filepath.Join(a.outDir, "index.html"))
		}
	}
	perr := ops.finish(ctx, res)
	if err := a.runOutcome(res); err != nil {
		if perr != nil {
			a.logger().Error("after the run", "err", perr)
		}
		return err
	}
	if perr != nil {
		return perr
	}
	if a.failOn != "none" {
		min := rules.Severity(a.failOn)
		for _, r := range reps {
			for _, f := range r.OpenFindings() {
				if f.Severity.AtLeast(min) {
					return &exitError{exitFindings, fmt.Errorf("findings at or above %s", min)}
				}
			}
		}
	}
	return nil
}

func (a *app) printReports(reps []*report.SiteReport) error {
	switch a.format {
	case "json":
		if len(reps) == 1 {
			return report.WriteJSON(a.stdout, reps[0])
		}
		return report.WriteJSONAll(a.stdout, reps)
	case "csv":
		return report.WriteCSV(a.stdout, reps)
	}
	for _, r := range reps {
		if err := report.WriteText(a.stdout, r, report.TextOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// writeOut renders the scorecard folder of the audited sites into dir from the store
// (report.WriteDir): the overview and ranking, a page per unit and per run, and the
// exports. It runs even after an interrupt, so the folder shows what completed.
func writeOut(ctx context.Context, st *store.Store, cfg *rules.Config, dir string, specs []audit.SiteSpec, log *slog.Logger) error {
	sites := make([]facts.Site, len(specs))
	for i, s := range specs {
		sites[i] = s.Site()
	}
	err := report.WriteDir(context.WithoutCancel(ctx), st, cfg, dir, report.DirOptions{Sites: sites, Logger: log})
	switch {
	case errors.Is(err, report.ErrNotReportDir):
		return usageErr("--out: %v", err)
	case err != nil:
		return failedErr(err)
	}
	return nil
}

// checkOutDir refuses, before any work, an --out folder that holds other files.
func (a *app) checkOutDir() error {
	if a.outDir == "" {
		return nil
	}
	if err := report.CheckOutDir(a.outDir); err != nil {
		if errors.Is(err, report.ErrNotReportDir) {
			return usageErr("--out: %v", err)
		}
		return failedErr(err)
	}
	return nil
}
