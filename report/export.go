package report

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Export writes the overview's units to w as `gongkai report --format` asks: json (the
// result.json array), csv (findings.csv) or text (the ranking). Units are loaded one at
// a time, so the store's findings never all sit in memory.
func Export(ctx context.Context, st *store.Store, ov *Overview, w io.Writer, format string) error {
	switch format {
	case "text":
		return WriteRanking(w, ov)
	case "json":
		ja := &jsonArray{w: w}
		if err := eachUnit(ctx, st, ov, ja.add); err != nil {
			return err
		}
		return ja.close()
	case "csv":
		cw, err := newCSVWriter(w)
		if err != nil {
			return err
		}
		if err := eachUnit(ctx, st, ov, cw.add); err != nil {
			return err
		}
		return cw.close()
	}
	return fmt.Errorf("export: unknown format %q (want text, json or csv)", format)
}

func eachUnit(ctx context.Context, st *store.Store, ov *Overview, fn func(*SiteReport)) error {
	for _, u := range ov.Units {
		if err := LoadDetail(ctx, st, u); err != nil {
			return err
		}
		fn(u)
		u.Unload()
	}
	return nil
}

// WriteRanking prints the ranking for a terminal. Columns holding Chinese come last,
// as a terminal shows a Chinese character two columns wide and tabwriter counts one.
func WriteRanking(w io.Writer, ov *Overview) error {
	p := &printer{w: w}
	var asOf []string
	seen := map[string]bool{}
	for _, u := range ov.Units {
		if d := u.AsOf.String(); u.Completed && !seen[d] {
			seen[d] = true
			asOf = append(asOf, d)
		}
	}
	p.f("Ranking of %d units (as of %s)\n\n", len(ov.Units), strings.Join(asOf, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "rank\tscore\tchange\tfindings\tnew\tfixed\tas of\tgrade\tunit\n")
	for _, u := range ov.Units {
		rank, score, change, grade := "—", "—", "", "未完成"
		if u.Rank > 0 {
			rank = fmt.Sprint(u.Rank)
		}
		if u.Completed {
			score, grade = fmt.Sprintf("%.1f", u.Score.Score), u.Score.Grade
			if u.Score.Veto {
				grade += "（单项否决）"
			}
		}
		if d, ok := u.Delta(); ok {
			change = fmt.Sprintf("%+.1f", d)
		}
		t := u.Counts()
		note := ""
		if a := u.LastAttempt; a != nil {
			note = fmt.Sprintf("  [latest audit %s: %s]", a.Status, a.Err)
		} else if !u.Completed {
			note = "  [" + u.Failed + "]"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s%s\n", rank, score, change, t.Open, t.New, t.Fixed, u.AsOf, grade, visible(u.Name()), visible(note))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return p.err
}

// AtOrAbove reports whether any unit of the overview has open findings of a rule of at
// least severity min (`--fail-on`).
func (ov *Overview) AtOrAbove(min rules.Severity) bool {
	for _, u := range ov.Units {
		for _, rp := range u.Score.Rules {
			if rp.Findings > 0 && rp.Severity.AtLeast(min) {
				return true
			}
		}
	}
	return false
}
