// Package report turns judgements into what people read: scores and grades (Compute),
// the ranking of units (LoadOverview), the terminal summary, the JSON contract, and the
// scorecard folder that WriteDir renders from the store — an overview, a page per unit
// and per run, result.json, findings.csv and gongkai.xlsx. Metrics (metrics*.go) export
// the same scores to Prometheus.
package report

import (
	"math"

	"github.com/gongkai/gongkai/rules"
)

// Score is a site's score for one audit.
type Score struct {
	Score float64 `json:"score"` // 0–100, one decimal
	Grade string  `json:"grade"`
	Veto  bool    `json:"veto"` // a single-veto (单项否决) rule failed: the grade is the lowest
	// Points per rule, in the order given.
	Rules []RulePoints `json:"rules"`
}

// RulePoints is what one rule contributed.
type RulePoints struct {
	rules.RuleResult
	Earned float64 `json:"earned"` // points kept, of Weight
	Scored bool    `json:"scored"` // false: nothing judged (only undetermined, or nothing applicable)
}

// Compute scores a site from its per-rule results. A rule that judged nothing (only
// undetermined, or nothing to judge) neither scores nor penalises: its weight leaves
// the total. The score is the share of points kept, on 100; it depends on the stored
// per-rule counts alone, so it can be recomputed for any past run.
func Compute(cfg *rules.Config, rr []rules.RuleResult) Score {
	var s Score
	var total, earned float64
	for _, r := range rr {
		rp := RulePoints{RuleResult: r}
		if r.Findings > 0 && r.Veto {
			s.Veto = true
		}
		judged := r.Judged
		if judged < r.Findings {
			judged = r.Findings // a site-level finding counts as one item judged
		}
		if judged > 0 && r.Weight > 0 {
			rp.Scored = true
			lost := 0.0
			switch r.Penalty {
			case "per-finding":
				lost = math.Min(r.Weight, float64(r.Findings)*r.PerFinding)
			default:
				lost = r.Weight * float64(r.Findings) / float64(judged)
			}
			rp.Earned = r.Weight - lost
			total += r.Weight
			earned += rp.Earned
		}
		s.Rules = append(s.Rules, rp)
	}
	s.Score = 100
	if total > 0 {
		s.Score = math.Round(1000*earned/total) / 10
	}
	s.Grade = cfg.GradeFor(s.Score)
	if s.Veto {
		s.Grade = cfg.Scoring.Grades[len(cfg.Scoring.Grades)-1].Name
	}
	return s
}

// round1 rounds to one decimal, as scores are shown.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
