package rules

import (
	"context"
	"fmt"
	"sort"

	"github.com/gongkai/gongkai/facts"
)

// Source gives the engine the stored facts of one site audit.
type Source interface {
	// Pages streams every page with all its facts (text, tables, attachment text).
	Pages(ctx context.Context, fn func(*facts.Page) error) error
	// PageSummaries returns every page without its heavy parts (text, tables, attachment text).
	PageSummaries(ctx context.Context) ([]*facts.Page, error)
	// Page returns one page with all its facts.
	Page(ctx context.Context, url string) (*facts.Page, error)
	LinkChecks(ctx context.Context) ([]facts.LinkCheck, error)
	CrawlErrors(ctx context.Context) ([]facts.CrawlError, error)
}

// Input is one site to judge.
type Input struct {
	Site   facts.Site
	AsOf   facts.Date
	Source Source
}

// Result is the judgement of one site.
type Result struct {
	Findings     []Finding
	Undetermined []Undetermined
	Rules        []RuleResult // one per enabled rule, by id
}

// RuleResult is what one rule did on a site, with what scoring needs.
type RuleResult struct {
	ID           string   `json:"rule"`
	Judged       int      `json:"judged"`
	Findings     int      `json:"findings"`
	Undetermined int      `json:"undetermined"`
	Severity     Severity `json:"severity"`
	Weight       float64  `json:"weight"`
	Veto         bool     `json:"veto,omitempty"`
	Penalty      string   `json:"penalty"`
	PerFinding   float64  `json:"per_finding,omitempty"`
}

// Judge runs every enabled rule of cfg over one site's stored facts.
func Judge(ctx context.Context, cfg *Config, in Input) (*Result, error) {
	if in.AsOf.IsZero() {
		return nil, fmt.Errorf("judge %s: no as-of date", in.Site.URL)
	}
	view, err := NewView(ctx, cfg.Columns, in.Site, in.Source)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var passes []*Pass
	for _, r := range All() {
		rc, ok := cfg.Rules[r.ID]
		if !ok || !rc.IsEnabled() {
			continue
		}
		rr := &RuleResult{ID: r.ID, Severity: rc.Severity, Weight: rc.Weight, Veto: rc.Veto, Penalty: rc.Penalty, PerFinding: rc.PerFinding}
		passes = append(passes, &Pass{
			Rule: r, Config: rc, Params: rc.params, Site: view, AsOf: in.AsOf, Calendar: cfg.cal,
			stats: rr, findings: &res.Findings, undetermined: &res.Undetermined,
		})
	}
	// Page checks: one streaming pass over the stored pages, all rules at once.
	err = in.Source.Pages(ctx, func(p *facts.Page) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		view.annotate(p)
		for _, ps := range passes {
			if ps.Rule.CheckPage != nil {
				ps.Rule.CheckPage(ps, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("judge %s: read pages: %w", in.Site.URL, err)
	}
	for _, ps := range passes {
		if ps.Rule.CheckSite != nil {
			ps.Rule.CheckSite(ps)
		}
		res.Rules = append(res.Rules, *ps.stats)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.URL != b.URL {
			return a.URL < b.URL
		}
		return a.Key < b.Key
	})
	sort.SliceStable(res.Undetermined, func(i, j int) bool {
		a, b := res.Undetermined[i], res.Undetermined[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.URL < b.URL
	})
	return res, nil
}
