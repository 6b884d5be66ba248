package report

import (
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// SiteReport is everything the outputs show about one site audit.
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
