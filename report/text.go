package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// TextOptions tune the terminal summary.
type TextOptions struct {
	MaxFindings int // findings listed in full (0: 20)
	MaxPages    int // worst pages listed (0: 5)
}

// WriteText prints the terminal summary of one site audit: score, findings by rule, the
// worst pages, the findings with their evidence, and what could not be judged.
func WriteText(w io.Writer, r *SiteReport, o TextOptions) error {
	if o.MaxFindings == 0 {
		o.MaxFindings = 20
	}
	if o.MaxPages == 0 {
		o.MaxPages = 5
	}
	p := &printer{w: w}
	name := r.Site.Name
	if name == "" {
		name = r.Site.URL
	}
	p.f("%s  %s\n", name, r.Site.URL)
	if r.Failed != "" {
		p.f("audit failed: %s\n", r.Failed)
	}
	p.f("as of %s · %d pages · %d crawl errors · %s\n", r.AsOf, r.Pages, len(r.Errors),
		r.FinishedAt.Sub(r.StartedAt).Round(100*time.Millisecond))
	veto := ""
	if r.Score.Veto {
		veto = "  (单项否决: a veto rule failed)"
	}
	open := r.OpenFindings()
	p.f("score %.1f  grade %s%s  ·  %d findings, %d undetermined\n\n", r.Score.Score, r.Score.Grade, veto, len(open), len(r.Undetermined))

	if len(r.Score.Rules) > 0 {
		p.f("Rules\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  rule\tseverity\tfindings\tjudged\tundetermined\tpoints\n")
		for _, rp := range r.Score.Rules {
			pts := "—"
			if rp.Scored {
				pts = fmt.Sprintf("%.1f/%g", rp.Earned, rp.Weight)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%s\n", rp.ID, rp.Severity, rp.Findings, rp.Judged, rp.Undetermined, pts)
		}
		tw.Flush()
		p.f("\n")
	}

	if len(open) > 0 {
		type page struct {
			url, title string
			n          int
		}
		byURL := map[string]*page{}
		for _, f := range open {
			if byURL[f.URL] == nil {
				byURL[f.URL] = &page{url: f.URL, title: f.Title}
			}
			byURL[f.URL].n++
		}
		var pages []*page
		for _, pg := range byURL {
			pages = append(pages, pg)
		}
		sort.Slice(pages, func(i, j int) bool {
			if pages[i].n != pages[j].n {
				return pages[i].n > pages[j].n
			}
			return pages[i].url < pages[j].url
		})
		if len(pages) > o.MaxPages {
			pages = pages[:o.MaxPages]
		}
		p.f("Worst pages\n")
		for _, pg := range pages {
			p.f("  %d  %s  %s\n", pg.n, pg.url, pg.title)
		}
		p.f("\nFindings\n")
		sorted := append([]Finding(nil), open...)
		sort.SliceStable(sorted, func(i, j int) bool {
			return sorted[i].Severity.Rank() > sorted[j].Severity.Rank()
		})
		for i, f := range sorted {
			if i == o.MaxFindings {
				p.f("  … %d more (use --format json or --out for all)\n", len(sorted)-i)
				break
			}
			mark := ""
			if f.Status == "new" {
				mark = " [new]"
			}
			p.f("  [%s] %s%s  %s\n      %s\n      %s\n", f.Severity, f.Rule, mark, f.Title, f.URL, f.Evidence)
		}
		p.f("\n")
	}
	if fixed := len(r.Findings) - len(open); fixed > 0 {
		p.f("Fixed since the previous audit: %d\n\n", fixed)
	}
	if len(r.Undetermined) > 0 {
		p.f("Undetermined (could not judge)\n")
		type key struct{ rule, reason string }
		counts := map[key]int{}
		var keys []key
		for _, u := range r.Undetermined {
			k := key{u.Rule, shortReason(u.Reason)}
			if counts[k] == 0 {
				keys = append(keys, k)
			}
			counts[k]++
		}
		for _, k := range keys {
			p.f("  %s ×%d: %s\n", k.rule, counts[k], k.reason)
		}
		p.f("\n")
	}
	if len(r.Errors) > 0 {
		p.f("Crawl errors\n")
		for i, e := range r.Errors {
			if i == 10 {
				p.f("  … %d more\n", len(r.Errors)-i)
				break
			}
			status := ""
			if e.Status != 0 {
				status = fmt.Sprintf(" %d", e.Status)
			}
			p.f("  [%s%s] %s: %s\n", e.Stage, status, e.URL, e.Err)
		}
		p.f("\n")
	}
	return p.err
}

// shortReason drops the page-specific tail of a reason so like reasons group together.
func shortReason(s string) string {
	if i := strings.Index(s, ": "); i > 0 && strings.HasPrefix(s, "发布日期 ") {
		return "发布日期 before 成文日期"
	}
	return s
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}
