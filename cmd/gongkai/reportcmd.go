package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
)

func (a *app) reportCmd() *cobra.Command {
	var sitesFile string
	c := &cobra.Command{
		Use:   "report --db FILE --out DIR",
		Short: "Render the scorecards and exports from the store, without crawling",
		Long: `Render the scorecards of the latest completed audit of every unit in --db: the
overview and ranking (index.html), a page per unit (sites/) with its score, per-rule
points, findings with evidence, what changed since the previous audit and the score's
trend, a page per run (runs/), and the exports result.json, findings.csv (UTF-8 with
BOM) and gongkai.xlsx. Nothing is crawled: scores are recomputed from the stored rule
results, grades with the bounds of --rules.

--out DIR must be new, empty or an earlier report; it is replaced as a whole, so a
browser or 'gongkai serve' never sees half a report. --sites limits the units to those
of a sites.yaml (the default is every unit in the store). On stdout: the ranking
(--format text), the result.json array (json) or the findings (csv).`,
		Example: `  gongkai report --db /var/lib/gongkai/gongkai.db --out /var/www/gongkai
  gongkai report --db gongkai.db --sites sites.yaml --out report/
  gongkai report --db gongkai.db --format json > result.json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			if _, err := os.Stat(a.dbFile); err != nil {
				return usageErr("--db %s: %v (report reads an existing database; audit or scan writes one)", a.dbFile, errors.Unwrap(err))
			}
			cfg, err := a.loadRules()
			if err != nil {
				return err
			}
			var sites []facts.Site
			if sitesFile != "" {
				sf, err := audit.LoadSites(sitesFile, cfg)
				if err != nil {
					return configErr(err)
				}
				for _, s := range sf.Sites {
					sites = append(sites, s.Site())
				}
			}
			if err := a.checkOutDir(); err != nil {
				return err
			}
			ctx := c.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			opts := report.DirOptions{Sites: sites, Logger: a.logger()}
			if a.outDir != "" {
				if err := report.WriteDir(ctx, st, cfg, a.outDir, opts); err != nil {
					if errors.Is(err, report.ErrNotReportDir) {
						return usageErr("--out: %v", err)
					}
					return failedErr(err)
				}
			}
			ov, err := report.LoadOverview(ctx, st, cfg, opts)
			if err != nil {
				return failedErr(err)
			}
			if err := report.Export(ctx, st, ov, a.stdout, a.format); err != nil {
				return failedErr(err)
			}
			if a.outDir != "" && a.format == "text" {
				fmt.Fprintf(a.stdout, "\nWrote %s\n", filepath.Join(a.outDir, "index.html"))
			}
			if a.failOn != "none" && ov.AtOrAbove(rules.Severity(a.failOn)) {
				return &exitError{exitFindings, fmt.Errorf("findings at or above %s", a.failOn)}
			}
			return nil
		},
	}
	c.Flags().StringVar(&sitesFile, "sites", "", "only the units of this sites file (default: every unit in the store)")
	return c
}
