// Package rules holds the rule engine and the rules: each rule is a value with an id, a
// doc line, typed parameters decoded from rules.yaml, and a check that reports findings
// with evidence (or says it could not judge). Rules judge stored facts; they never fetch.
package rules

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules/calendar"
)

// Rule is one check, in the style of golang.org/x/tools/go/analysis.Analyzer.
//
// A rule judges pages one at a time (CheckPage, streamed from the store) and/or the site
// as a whole (CheckSite, after every page has been seen). Severity, weight and basis come
// from rules.yaml, so they can change without recompiling.
type Rule struct {
	ID  string // stable id users grep and alert on, e.g. "regdoc-validity"
	Doc string // one line: what it finds
	// Params returns a pointer to the rule's parameter struct holding its defaults;
	// rules.yaml `params:` is decoded into it (unknown fields are errors). Nil: no params.
	Params    func() any
	CheckPage func(p *Pass, page *facts.Page)
	CheckSite func(p *Pass)
}

var registry = map[string]*Rule{}

// register adds a rule at init time; each rule file registers itself, so a new rule is
// one new file plus its entry in rules.yaml.
func register(r *Rule) *Rule {
	if !ruleIDRe.MatchString(r.ID) {
		panic(fmt.Sprintf("rules: bad rule id %q", r.ID))
	}
	if _, dup := registry[r.ID]; dup {
		panic("rules: duplicate rule " + r.ID)
	}
	if r.CheckPage == nil && r.CheckSite == nil {
		panic("rules: rule " + r.ID + " has no check")
	}
	registry[r.ID] = r
	return r
}

var ruleIDRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// All returns every rule compiled into the program, sorted by id.
func All() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (*Rule, bool) {
	r, ok := registry[id]
	return r, ok
}

// Pass is what a rule sees while judging one site: its parameters, the site view, the
// date deadlines are judged at, the working-day calendar, and the means to report.
type Pass struct {
	Rule     *Rule
	Config   *RuleConfig
	Params   any // the decoded parameter struct (as returned by Rule.Params)
	Site     *View
	AsOf     facts.Date
	Calendar *calendar.Calendar

	stats        *RuleResult
	findings     *[]Finding
	undetermined *[]Undetermined
}

// Judged counts one item (a page, a column, the site) the rule assessed, compliant or
// not; scoring uses it as the denominator of the failing share.
func (p *Pass) Judged() { p.stats.Judged++ }

// Report records a finding about url. Severity and basis come from rules.yaml.
func (p *Pass) Report(url, title, evidence string) { p.ReportKey(url, title, "", evidence) }

// ReportKey is Report for rules that can find several distinct problems on one URL; key
// tells them apart across runs (e.g. the masked number).
func (p *Pass) ReportKey(url, title, key, evidence string) {
	p.stats.Findings++
	*p.findings = append(*p.findings, Finding{
		Rule: p.Rule.ID, Severity: p.Config.Severity, URL: url, Title: title,
		Evidence: evidence, Basis: p.Config.Basis, Key: key,
	})
}

// Undetermined records that the rule could not judge url, and why.
func (p *Pass) Undetermined(url, title, reason string) {
	p.stats.Undetermined++
	*p.undetermined = append(*p.undetermined, Undetermined{Rule: p.Rule.ID, URL: url, Title: title, Reason: reason})
}

// Workdays counts working days in (from, to] by the official calendar. When the calendar
// cannot answer (a year with no data) it records the page as undetermined and returns ok=false.
func (p *Pass) Workdays(page *facts.Page, from, to facts.Date) (n int, ok bool) {
	n, err := p.Calendar.WorkdaysBetween(from, to)
	if err != nil {
		p.Undetermined(page.URL, page.Title, err.Error())
		return 0, false
	}
	return n, true
}
