package rules

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// broken-link: a link or attachment that fails (4xx, 5xx, timeout, DNS, soft 404), from
// the crawler's link checks (each target checked once per run, HEAD then GET). The
// finding is at the broken target, with the page that links it and how it failed. A
// target the server refused to the checker (403/401/429: bot protection, rate limits) is
// not called broken: it is reported undetermined for a person to check.
var brokenLink = register(&Rule{
	ID:  "broken-link",
	Doc: "a link or attachment that fails (4xx, 5xx, timeout, DNS failure, soft 404)",
	CheckSite: func(pass *Pass) {
		v := pass.Site
		seen := map[string]bool{}
		for _, lc := range v.Links {
			if lc.URL == "" || seen[lc.URL] {
				continue
			}
			seen[lc.URL] = true
			switch {
			case lc.Broken:
				pass.Judged()
				pass.Report(lc.URL, brokenLinkTitle(v, lc), brokenLinkFailure(lc)+" — "+brokenLinkFrom(v, lc))
			case lc.Blocked:
				pass.Undetermined(lc.URL, brokenLinkTitle(v, lc), brokenLinkFailure(lc)+
					": the server refused the link checker (bot protection or rate limiting), check the link by hand — "+brokenLinkFrom(v, lc))
			default:
				pass.Judged()
			}
		}
		if len(seen) == 0 && len(v.Pages) > 0 {
			// The crawl followed the site's links and recorded no failing target: the
			// site is judged, and clean.
			pass.Judged()
		}
	},
})

// brokenLinkFailure says how the target failed: "HTTP 404 Not Found", "timeout", "HTTP 200, soft 404 (…)".
func brokenLinkFailure(lc facts.LinkCheck) string {
	var parts []string
	if lc.Status > 0 {
		s := fmt.Sprintf("HTTP %d", lc.Status)
		if t := http.StatusText(lc.Status); t != "" && lc.Status >= 400 {
			s += " " + t
		}
		parts = append(parts, s)
	}
	if e := strings.TrimSpace(lc.Err); e != "" && !strings.HasPrefix(e, fmt.Sprintf("HTTP %d", lc.Status)) {
		parts = append(parts, e)
	}
	if len(parts) == 0 {
		return "no response"
	}
	return strings.Join(parts, ", ")
}

// brokenLinkFrom names the page that links the target and the link's text.
func brokenLinkFrom(v *View, lc facts.LinkCheck) string {
	if lc.From == "" {
		return "linking page unknown"
	}
	s := "linked from "
	if p, ok := v.Page(lc.From); ok && p.Title != "" {
		s += "《" + p.Title + "》 "
	}
	s += lc.From
	if t := strings.TrimSpace(lc.Text); t != "" {
		s += fmt.Sprintf(" as “%s”", t)
	}
	return s
}

// brokenLinkTitle: the link's text, else the linking page's title.
func brokenLinkTitle(v *View, lc facts.LinkCheck) string {
	if t := strings.TrimSpace(lc.Text); t != "" {
		return t
	}
	if p, ok := v.Page(lc.From); ok {
		return p.Title
	}
	return ""
}
