package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func TestDefaultRulesCoverEveryRule(t *testing.T) {
	cfg := defaultConfig(t)
	if len(cfg.Warnings) > 0 {
		t.Errorf("embedded rules.yaml warnings: %v", cfg.Warnings)
	}
	for _, r := range All() {
		rc, ok := cfg.Rules[r.ID]
		if !ok {
			t.Errorf("rule %s has no entry in rules.yaml", r.ID)
			continue
		}
		if rc.Basis == "" || rc.Severity == "" {
			t.Errorf("rule %s: basis and severity are required", r.ID)
		}
	}
}

const base = `version: 1
columns:
  - kind: 规范性文件
    names: [规范性文件]
scoring:
  grades: [{name: 合格, min: 60}, {name: 不合格, min: 0}]
rules:
  regdoc-validity:
    severity: high
    weight: 10
    basis: 必须显著标识有效性
`

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown top-level field", base + "extra: 1\n", `r.yaml:12:1: unknown field "extra"`},
		{"misspelt rule field", strings.Replace(base, "weight: 10", "wieght: 10", 1), `r.yaml:10:5: unknown field "wieght"`},
		{"unknown rule", base + "  no-such-rule:\n    severity: low\n    basis: x\n", `rules.no-such-rule: unknown rule`},
		{"bad severity", strings.Replace(base, "severity: high", "severity: severe", 1), `rules.regdoc-validity.severity: unknown severity "severe"`},
		{"params unknown field", base + "    params:\n      colums: [x]\n", `r.yaml:13:7: rules.regdoc-validity.params: unknown field "colums"`},
		{"params bad regexp", base + "    params:\n      exclude_titles: \"(\"\n", `rules.regdoc-validity.params: exclude_titles: error parsing regexp`},
		{"missing basis", strings.Replace(base, "    basis: 必须显著标识有效性\n", "", 1), `rules.regdoc-validity.basis: the legal basis is required`},
		{"grades out of order", strings.Replace(base, "min: 60", "min: -1", 1), `scoring.grades`},
		{"wrong version", strings.Replace(base, "version: 1", "version: 2", 1), `version: got 2, want 1`},
		{"bad calendar", base + "calendar:\n  - year: 2027\n    holidays: [2027-01-01]\n    workdays: [2027-01-01]\n", `calendar`},
		{"empty", "", `r.yaml: file is empty`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("r.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

func TestWarnsOnRuleWithoutEntry(t *testing.T) {
	cfg, err := Parse("r.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) == 0 || !strings.Contains(strings.Join(cfg.Warnings, "\n"), "regdoc-publish-timely has no entry; it is disabled") {
		t.Errorf("warnings = %v", cfg.Warnings)
	}
}

func TestCalendarYearFromRulesFile(t *testing.T) {
	src := base + "calendar:\n  - year: 2027\n    source: test data\n    holidays: [2027-01-01]\n    workdays: []\n"
	cfg, err := Parse("r.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ok, err := cfg.CalendarOf().IsWorkday(facts.D(2027, 1, 1))
	if err != nil || ok {
		t.Errorf("2027-01-01: workday=%v err=%v, want a holiday", ok, err)
	}
}

func TestOverrides(t *testing.T) {
	cfg := defaultConfig(t)
	dir := t.TempDir()
	src := []byte("a:\n  regdoc-publish-timely:\n    params:\n      limit_workdays: 5\n  regdoc-validity:\n    enabled: false\n")
	path := filepath.Join(dir, "o.yaml")
	os.WriteFile(path, src, 0o644)
	var o struct {
		A map[string]Override `yaml:"a"`
	}
	if err := DecodeStrict(path, src, &o); err != nil {
		t.Fatal(err)
	}
	c2, err := cfg.WithOverrides(path, "sites[0].rules", o.A)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Rules["regdoc-validity"].IsEnabled() {
		t.Error("override did not disable regdoc-validity")
	}
	if got := c2.Rules["regdoc-publish-timely"].Decoded().(*timelyParams).LimitWorkdays; got != 5 {
		t.Errorf("limit_workdays = %d, want 5", got)
	}
	// The base config is untouched, and parameters not overridden keep the file's values.
	if !cfg.Rules["regdoc-validity"].IsEnabled() || cfg.Rules["regdoc-publish-timely"].Decoded().(*timelyParams).LimitWorkdays != 3 {
		t.Error("WithOverrides changed the base config")
	}
	if cols := c2.Rules["regdoc-publish-timely"].Decoded().(*timelyParams).Columns; len(cols) != 1 || cols[0] != "规范性文件" {
		t.Errorf("columns = %v", cols)
	}

	bad := []byte("a:\n  regdoc-publish-timely:\n    params:\n      limit_workday: 5\n")
	DecodeStrict(path, bad, &o)
	_, err = cfg.WithOverrides(path, "sites[0].rules", o.A)
	if err == nil || !strings.Contains(err.Error(), ":4:7: sites[0].rules.regdoc-publish-timely.params: unknown field") {
		t.Errorf("err = %v", err)
	}
}
