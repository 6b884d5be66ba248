package report

import (
	"sort"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// SiteReport is everything the outputs show about one site audit.
//
// A live audit (audit.SiteResult.Report) fills the first block; reports loaded from the
// store for the scorecards (LoadOverview, WriteDir) also fill the second.
type SiteReport struct {
	Site         facts.Site
	AsOf         facts.Date
	StartedAt    time.Time
	FinishedAt   time.Time
	Pages        int
	Errors       []facts.CrawlError
	Score        Score
	Findings     []Finding // open findings (new and persisting) first, then those fixed since the previous run
	Undetermined []rules.Undetermined
	// Failed says why the audit of the site did not complete ("" when it did).
	Failed string

	// From the store.
	SiteID, SiteRunID, RunID int64
	RulesHash                string // the rule set the judgement was made with
	// Completed is false for a unit that was never audited to the end (it has no score).
	Completed bool
	Slug      string // its page is sites/<Slug>.html
	Rank      int    // 1-based place in the ranking; 0 when not ranked
	PrevRank  int    // place in the ranking of the previous audits; 0 when unknown
	Previous  *Past  // the site's completed audit before this one
	History   []Past // its completed audits, oldest first, this one last (for the trend)
	// LastAttempt is the site's latest audit when it is newer than this one and did not
	// complete (failed, interrupted, still running): the scorecard says so.
	LastAttempt *Attempt
	// ErrorCount is the number of crawl errors when Errors is not loaded (overview).
	ErrorCount int
	// Tally counts findings by rule and status without loading them (overview); nil
	// means: count Findings.
	Tally *Tally
}

// Past is one completed audit of a site, as the trend and the change since the
// previous audit show it.
type Past struct {
	SiteRunID, RunID int64
	AsOf             facts.Date
	StartedAt        time.Time
	Score            float64
	Grade            string
	Veto             bool
}

// Attempt is an audit of a site that did not complete.
type Attempt struct {
	RunID     int64
	Status    string // failed | interrupted | running
	StartedAt time.Time
	Err       string
}

// Finding is a rule finding with its history across runs.
type Finding struct {
	rules.Finding
	Status    string    // new | persisting | fixed
	FirstSeen time.Time // when it was first found
}

// Open reports whether the finding still stands (new or persisting).
func (f Finding) Open() bool { return f.Status != "fixed" }

// OpenFindings returns the findings that still stand.
func (r *SiteReport) OpenFindings() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Open() {
			out = append(out, f)
		}
	}
	return out
}

// Name is the unit's name as shown, its URL when it has none.
func (r *SiteReport) Name() string {
	if r.Site.Name != "" {
		return r.Site.Name
	}
	return r.Site.URL
}

// Delta is the change of score since the previous completed audit; ok is false
// without one (or without a score now).
func (r *SiteReport) Delta() (d float64, ok bool) {
	if r.Previous == nil || !r.Completed {
		return 0, false
	}
	return round1(r.Score.Score - r.Previous.Score), true
}

// Tally counts a site's findings by status, overall and per rule.
type Tally struct {
	Open, New, Persisting, Fixed int
	ByRule                       map[string]*RuleTally
}

// RuleTally counts one rule's findings by status.
type RuleTally struct {
	Open, New, Persisting, Fixed int
}

func (t *Tally) add(rule, status string, n int) {
	if t.ByRule == nil {
		t.ByRule = map[string]*RuleTally{}
	}
	rt := t.ByRule[rule]
	if rt == nil {
		rt = &RuleTally{}
		t.ByRule[rule] = rt
	}
	switch status {
	case "new":
		t.New += n
		rt.New += n
		t.Open += n
		rt.Open += n
	case "persisting":
		t.Persisting += n
		rt.Persisting += n
		t.Open += n
		rt.Open += n
	case "fixed":
		t.Fixed += n
		rt.Fixed += n
	}
}

// Rules returns the rules with any finding (open or fixed), most open findings first.
func (t *Tally) Rules() []string {
	var ids []string
	for id := range t.ByRule {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := t.ByRule[ids[i]], t.ByRule[ids[j]]
		if a.Open != b.Open {
			return a.Open > b.Open
		}
		return ids[i] < ids[j]
	})
	return ids
}

// Counts returns the tally of the report's findings.
func (r *SiteReport) Counts() *Tally {
	if r.Tally != nil {
		return r.Tally
	}
	t := &Tally{ByRule: map[string]*RuleTally{}}
	for _, f := range r.Findings {
		t.add(f.Rule, f.Status, 1)
	}
	return t
}

// CrawlErrors is the number of crawl errors of the audit.
func (r *SiteReport) CrawlErrors() int {
	if r.Errors != nil || r.ErrorCount == 0 {
		return len(r.Errors)
	}
	return r.ErrorCount
}

// VetoRules returns the single-veto rules that failed, by id.
func (r *SiteReport) VetoRules() []string {
	var out []string
	for _, rp := range r.Score.Rules {
		if rp.Veto && rp.Findings > 0 {
			out = append(out, rp.ID)
		}
	}
	return out
}
