package rules

import "fmt"

// Severity of a finding; users filter and alert on it (--fail-on).
type Severity string

const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

var severityRank = map[Severity]int{SeverityLow: 1, SeverityMedium: 2, SeverityHigh: 3, SeverityCritical: 4}

// ParseSeverity accepts low, medium, high, critical.
func ParseSeverity(s string) (Severity, error) {
	if _, ok := severityRank[Severity(s)]; !ok {
		return "", fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
	}
	return Severity(s), nil
}

// AtLeast reports whether s is at or above min.
func (s Severity) AtLeast(min Severity) bool { return severityRank[s] >= severityRank[min] }

// Rank orders severities: low 1 … critical 4, unknown 0.
func (s Severity) Rank() int { return severityRank[s] }

// Finding is one rule violation, with the evidence that proves it. The JSON form is the
// SPEC contract for `scan --format json`.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// URL is the page the finding is about; for something missing, the column or portal
	// URL where it should have been; for broken-link, the broken target.
	URL      string `json:"url"`
	Title    string `json:"title"`
	Evidence string `json:"evidence"`
	Basis    string `json:"basis"`
	// Key tells apart findings of one rule on one URL (the masked number, the table
	// identity …) so the store can follow each across runs; "" when one per URL.
	Key string `json:"-"`
}

// Undetermined records that a rule could not judge a page or a site, and why
// (e.g. no 成文日期 on the page, a date outside the known calendar years).
type Undetermined struct {
	Rule   string `json:"rule"`
	URL    string `json:"url"`
	Title  string `json:"title,omitempty"`
	Reason string `json:"reason"`
}
