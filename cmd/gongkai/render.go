package main

import (
	"context"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// renderScorecards writes the scorecard folder of the configured sites from the store
// (their latest completed audits, with history) into dir; serve calls it at start-up
// and after each audit. report.WriteDir swaps the new folder in at once, so the
// server never serves half a report.
func renderScorecards(ctx context.Context, st *store.Store, cfg *rules.Config, specs []audit.SiteSpec, dir string) error {
	sites := make([]facts.Site, len(specs))
	for i, s := range specs {
		sites[i] = s.Site()
	}
	return report.WriteDir(ctx, st, cfg, dir, report.DirOptions{Sites: sites})
}
