package main

import (
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
)

func (a *app) auditCmd() *cobra.Command {
	var sitesFile string
	c := &cobra.Command{
		Use:   "audit --sites sites.yaml",
		Short: "Audit every site listed in sites.yaml as one run (the nightly job)",
		Long: `Audit every unit listed in sites.yaml (name, url, level 政府/部门/乡镇, region, pinned
columns, per-site rule overrides) as one run recorded in --db. A site that fails does
not fail the others.`,
		Example: `  gongkai audit --sites sites.yaml --db /var/lib/gongkai/gongkai.db --out /var/www/gongkai`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
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
			asOf, err := a.asOfDate(facts.Date{})
			if err != nil {
				return err
			}
			return a.auditAndReport(c.Context(), "audit", strings.Join(os.Args[1:], " "), sf.Sites, asOf, sitesFile)
		},
	}
	c.Flags().StringVar(&sitesFile, "sites", "", "the sites file (see README for its format)")
	a.crawlFlags(c, 250*time.Millisecond)
	return c
}
