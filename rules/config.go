package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	gongkai "github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules/calendar"
)

// Config is a rule set: rules.yaml decoded, validated, with every rule's parameters typed.
type Config struct {
	Version  int                    `yaml:"version"`
	Calendar []CalendarYear         `yaml:"calendar"`
	Columns  facts.Vocabulary       `yaml:"columns"`
	Scoring  Scoring                `yaml:"scoring"`
	Rules    map[string]*RuleConfig `yaml:"rules"`

	File     string   `yaml:"-"` // where it was read from ("rules.yaml (embedded)" for the default)
	Hash     string   `yaml:"-"` // sha256 of the source: which rule set judged a run
	Warnings []string `yaml:"-"` // problems that do not stop loading (e.g. a rule with no entry)

	cal *calendar.Calendar
}

// CalendarYear adds or replaces one year of the working-day calendar, for a new year's
// 国务院办公厅 announcement before gongkai ships it.
type CalendarYear struct {
	Year     int          `yaml:"year"`
	Holidays []facts.Date `yaml:"holidays"`
	Workdays []facts.Date `yaml:"workdays"`
	Source   string       `yaml:"source"`
}

// Scoring holds the grade bounds; weights live with each rule.
type Scoring struct {
	Grades []Grade `yaml:"grades"`
}

// Grade is reached with a score at or above Min (grades listed best first).
type Grade struct {
	Name string  `yaml:"name"`
	Min  float64 `yaml:"min"`
}

// RuleConfig is one rule's entry in rules.yaml.
type RuleConfig struct {
	Enabled  *bool    `yaml:"enabled"` // default true
	Severity Severity `yaml:"severity"`
	// Weight is the rule's points in the score; Veto makes any finding fail the site (单项否决).
	Weight float64 `yaml:"weight"`
	Veto   bool    `yaml:"veto"`
	// Penalty is how points are lost: "share" (in proportion to the failing share of the
	// items judged) or "per-finding" (PerFinding points each, capped at Weight).
	Penalty    string     `yaml:"penalty"`
	PerFinding float64    `yaml:"per_finding"`
	Basis      string     `yaml:"basis"`
	Params     paramsNode `yaml:"params"`

	params any        // decoded
	nodes  []ast.Node // params layers applied over the defaults, in order (file, then site overrides)
}

// IsEnabled reports whether the rule runs.
func (rc *RuleConfig) IsEnabled() bool { return rc.Enabled == nil || *rc.Enabled }

// Decoded returns the rule's typed parameters.
func (rc *RuleConfig) Decoded() any { return rc.params }

// paramsNode keeps the YAML node of a params block so it can be decoded into the rule's
// own type later, with the positions of the file it came from.
type paramsNode struct{ node ast.Node }

func (p *paramsNode) UnmarshalYAML(n ast.Node) error { p.node = n; return nil }

// Override is a per-site change of one rule (sites.yaml `rules:`).
type Override struct {
	Enabled  *bool      `yaml:"enabled"`
	Severity Severity   `yaml:"severity"`
	Weight   *float64   `yaml:"weight"`
	Veto     *bool      `yaml:"veto"`
	Params   paramsNode `yaml:"params"`
}

// Default returns the embedded rules.yaml.
func Default() (*Config, error) {
	return Parse("rules.yaml (embedded)", gongkai.DefaultRules)
}

// LoadFile reads and validates a rules file.
func LoadFile(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return Parse(path, b)
}

// Parse decodes and validates a rule set; errors name the file, line, column and field.
func Parse(file string, src []byte) (*Config, error) {
	c := &Config{File: file}
	if err := DecodeStrict(file, src, c); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	c.Hash = hex.EncodeToString(sum[:8])
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) validate() error {
	if c.Version != 1 {
		return fmt.Errorf("%s: version: got %d, want 1", c.File, c.Version)
	}
	years := make([]calendar.Year, 0, len(c.Calendar))
	for _, y := range c.Calendar {
		years = append(years, calendar.Year{Year: y.Year, Holidays: y.Holidays, Workdays: y.Workdays, Source: y.Source})
	}
	cal, err := calendar.Default().With(years...)
	if err != nil {
		return fmt.Errorf("%s: calendar: %w", c.File, err)
	}
	c.cal = cal
	for i, k := range c.Columns {
		if k.Kind == "" {
			return fmt.Errorf("%s: columns[%d]: kind is empty", c.File, i)
		}
	}
	if len(c.Scoring.Grades) == 0 {
		return fmt.Errorf("%s: scoring.grades: at least one grade is required", c.File)
	}
	for i := 1; i < len(c.Scoring.Grades); i++ {
		if c.Scoring.Grades[i].Min >= c.Scoring.Grades[i-1].Min {
			return fmt.Errorf("%s: scoring.grades: %q (min %g) must have a lower min than %q (min %g); list grades best first",
				c.File, c.Scoring.Grades[i].Name, c.Scoring.Grades[i].Min, c.Scoring.Grades[i-1].Name, c.Scoring.Grades[i-1].Min)
		}
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rc := c.Rules[id]
		if rc == nil {
			return fmt.Errorf("%s: rules.%s: empty entry", c.File, id)
		}
		r, ok := Lookup(id)
		if !ok {
			return fmt.Errorf("%s: rules.%s: unknown rule (known: %s)", c.File, id, strings.Join(ruleIDs(), ", "))
		}
		if _, err := ParseSeverity(string(rc.Severity)); err != nil {
			return fmt.Errorf("%s: rules.%s.severity: %w", c.File, id, err)
		}
		if rc.Weight < 0 {
			return fmt.Errorf("%s: rules.%s.weight: must not be negative", c.File, id)
		}
		switch rc.Penalty {
		case "":
			rc.Penalty = "share"
		case "share", "per-finding":
		default:
			return fmt.Errorf("%s: rules.%s.penalty: %q (want share or per-finding)", c.File, id, rc.Penalty)
		}
		if rc.Penalty == "per-finding" && rc.PerFinding <= 0 {
			return fmt.Errorf("%s: rules.%s.per_finding: must be > 0 with penalty per-finding", c.File, id)
		}
		if strings.TrimSpace(rc.Basis) == "" {
			return fmt.Errorf("%s: rules.%s.basis: the legal basis is required (scorecards quote it)", c.File, id)
		}
		if rc.Params.node != nil {
			rc.nodes = []ast.Node{rc.Params.node}
		}
		if err := rc.decode(c.File, "rules", r); err != nil {
			return err
		}
	}
	for _, r := range All() {
		if _, ok := c.Rules[r.ID]; !ok {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s: rule %s has no entry; it is disabled", c.File, r.ID))
		}
	}
	return nil
}

// decode builds the rule's parameters: defaults, then each params layer in order.
func (rc *RuleConfig) decode(file, field string, r *Rule) error {
	if r.Params == nil {
		if len(rc.nodes) > 0 {
			return fmt.Errorf("%s: %s.%s.params: this rule takes no parameters", file, field, r.ID)
		}
		return nil
	}
	p := r.Params()
	for _, n := range rc.nodes {
		if err := yaml.NodeToValue(n, p, yaml.Strict()); err != nil {
			return yamlError(file, field+"."+r.ID+".params", err)
		}
	}
	if v, ok := p.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%s: %s.%s.params: %w", file, field, r.ID, err)
		}
	}
	rc.params = p
	return nil
}

// WithOverrides returns a copy of c with per-site overrides applied; file and field say
// where they were written (sites.yaml, "sites[2].rules") for error messages.
func (c *Config) WithOverrides(file, field string, overrides map[string]Override) (*Config, error) {
	if len(overrides) == 0 {
		return c, nil
	}
	out := *c
	out.Rules = make(map[string]*RuleConfig, len(c.Rules))
	for id, rc := range c.Rules {
		cp := *rc
		cp.nodes = append([]ast.Node(nil), rc.nodes...)
		out.Rules[id] = &cp
	}
	ids := make([]string, 0, len(overrides))
	for id := range overrides {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := overrides[id]
		r, ok := Lookup(id)
		if !ok {
			return nil, fmt.Errorf("%s: %s.%s: unknown rule (known: %s)", file, field, id, strings.Join(ruleIDs(), ", "))
		}
		rc, ok := out.Rules[id]
		if !ok {
			return nil, fmt.Errorf("%s: %s.%s: not in the rule set %s", file, field, id, c.File)
		}
		if o.Enabled != nil {
			rc.Enabled = o.Enabled
		}
		if o.Severity != "" {
			if _, err := ParseSeverity(string(o.Severity)); err != nil {
				return nil, fmt.Errorf("%s: %s.%s.severity: %w", file, field, id, err)
			}
			rc.Severity = o.Severity
		}
		if o.Weight != nil {
			if *o.Weight < 0 {
				return nil, fmt.Errorf("%s: %s.%s.weight: must not be negative", file, field, id)
			}
			rc.Weight = *o.Weight
		}
		if o.Veto != nil {
			rc.Veto = *o.Veto
		}
		if o.Params.node != nil {
			rc.nodes = append(rc.nodes, o.Params.node)
			if err := rc.decode(file, field, r); err != nil {
				return nil, err
			}
		}
	}
	return &out, nil
}

// CalendarOf returns the working-day calendar of the rule set (official data plus the
// years rules.yaml adds).
func (c *Config) CalendarOf() *calendar.Calendar { return c.cal }

// GradeFor returns the grade name for a score.
func (c *Config) GradeFor(score float64) string {
	for _, g := range c.Scoring.Grades {
		if score >= g.Min {
			return g.Name
		}
	}
	return c.Scoring.Grades[len(c.Scoring.Grades)-1].Name
}

func ruleIDs() []string {
	var ids []string
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// DecodeStrict decodes a YAML document into v; unknown fields, duplicate keys and type
// mismatches are errors of the form "file:line:col: field: message".
func DecodeStrict(file string, src []byte, v any) error {
	if len(bytes.TrimSpace(src)) == 0 {
		return fmt.Errorf("%s: file is empty", file)
	}
	if err := yaml.UnmarshalWithOptions(src, v, yaml.Strict()); err != nil {
		return yamlError(file, "", err)
	}
	return nil
}

// yamlError turns a go-yaml error into "file:line:col: [field: ]message" followed by the
// source excerpt go-yaml prints.
func yamlError(file, field string, err error) error {
	var te interface {
		GetToken() *token.Token
		GetMessage() string
		FormatError(colored, inclSource bool) string
	}
	prefix := file
	if errors.As(err, &te) && te.GetToken() != nil {
		pos := te.GetToken().Position
		prefix = fmt.Sprintf("%s:%d:%d", file, pos.Line, pos.Column)
		msg := te.GetMessage()
		if field != "" {
			msg = field + ": " + msg
		}
		return fmt.Errorf("%s: %s\n%s", prefix, msg, excerpt(te.FormatError(false, true)))
	}
	if field != "" {
		return fmt.Errorf("%s: %s: %w", prefix, field, err)
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// excerpt keeps the source lines of a go-yaml formatted error (drops its first line,
// which repeats the message).
func excerpt(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimRight(s[i+1:], "\n")
	}
	return ""
}
