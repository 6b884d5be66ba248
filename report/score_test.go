package report

import (
	"testing"

	"github.com/gongkai/gongkai/rules"
)

func TestCompute(t *testing.T) {
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rr := func(id string, judged, findings, undet int, weight float64) rules.RuleResult {
		return rules.RuleResult{ID: id, Judged: judged, Findings: findings, Undetermined: undet, Weight: weight, Penalty: "share"}
	}
	for _, tc := range []struct {
		name  string
		in    []rules.RuleResult
		score float64
		grade string
		veto  bool
	}{
		{"clean", []rules.RuleResult{rr("a", 10, 0, 0, 10)}, 100, "优秀", false},
		{"share", []rules.RuleResult{rr("a", 10, 5, 0, 10), rr("b", 4, 0, 0, 10)}, 75, "合格", false},
		{"undetermined only leaves the total", []rules.RuleResult{rr("a", 10, 1, 0, 10), rr("b", 0, 0, 3, 10)}, 90, "优秀", false},
		{"per-finding capped", []rules.RuleResult{{ID: "a", Findings: 9, Weight: 10, Penalty: "per-finding", PerFinding: 2}, rr("b", 1, 0, 0, 10)}, 50, "不合格", false},
		{"veto", []rules.RuleResult{{ID: "a", Judged: 100, Findings: 1, Weight: 10, Veto: true, Penalty: "share"}}, 99, "不合格", true},
		{"nothing judged", nil, 100, "优秀", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Compute(cfg, tc.in)
			if s.Score != tc.score || s.Grade != tc.grade || s.Veto != tc.veto {
				t.Errorf("got %v %s veto=%v, want %v %s veto=%v", s.Score, s.Grade, s.Veto, tc.score, tc.grade, tc.veto)
			}
		})
	}
}
