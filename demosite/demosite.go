// Package demosite is the built-in sample site that `gongkai demo` audits and that the
// crawler's and rules' tests use as a realistic target: the portal of 青岚县人民政府, a
// fictional county government of the fictional 岚川市, as a TRS WCM site would serve it
// on the snapshot date AsOf.
//
// Everything is generated in-binary from Go tables (columns.go, units.go, docs_*.go)
// through html/template templates, once, on first use. The site has a home page, the
// 政府信息公开 portal with the standard column tree, column lists in TRS styles (table and
// <ul> lists; pagination by createPageHTML only, by 下一页 links only, or by numbered
// links), detail pages with info boxes in four real styles, a column served as GBK with
// the charset only in <meta>, attachments (docx, xlsx, png), and pages outside the
// disclosure section.
//
// Planted cases: documents carry the answers the rules must give on them (Expect in
// their row); Expectations lists them all. A page a rule has no expectation about is
// background: for the rules regdoc-validity, regdoc-publish-timely and proactive-timely
// every background page is compliant (the package tests check this), so any finding of
// theirs outside the Violation expectations is a false positive.
//
// Adding a case: append a row to its column's table in docs_*.go, e.g.
//
//	{Key: "gf-xxx", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoBox,
//		Title:   "青岚县人民政府办公室关于印发《青岚县…办法》的通知",
//		Written: "2026-06-01", Pub: "2026-06-09",
//		Body:    "条 为了…，制定本办法。\n条 …", Closing: "本办法自印发之日起施行。",
//		Expect: []plant{
//			violation(ruleRegdocValidity, "no 有效性 anywhere"),
//			timing(ruleRegdocPublishTimely, 6, "plain late publication"),
//		}},
//
// The path, 索引号, 文号, list pages, links and the Expectation (Path filled in, timing
// Notes written from the dates) follow. A timing plant states the working-day count in
// (成文, 发布]; TestTimingExpectations recomputes it from shared/data/holidays, and
// TestBackgroundTiming / TestValidityPlants fail when an unplanted row would be a finding.
// A document of the 县人民政府 or its office (Unit xzf/xzfb with a 规 or 发 Series) needs an
// interpretation: give it one in docs_zcjd.go, or plant violation(ruleInterpretationMissing, …)
// (and lookalike(…) for an exempt kind: 任免, 表彰, 转发, routine work notices).
// Site-level cases are sitePlants (docs_other.go); a dead attachment is an attachment
// with Missing: true plus a broken-link plant; a dead link in a body is [text](/path) in
// the body markup plus an entry in brokenLinks. An answer about an attachment rather than
// its page (a 名册 leaking ID numbers) is the plant wrapped in onFile(plant, attachment name);
// the site-hygiene rules' column answers are in plants_hygiene.go.
package demosite

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

const (
	// AsOf is the snapshot date: the demo's "today", at which deadlines are judged.
	// All content is dated on or before it.
	AsOf = "2026-06-30"
	// Name is the unit that owns the demo site (a fictional county government).
	Name = "青岚县人民政府"
)

// Expectation is a planted answer: what a rule must (or must not) find on the demo site.
type Expectation struct {
	Rule string // rule id from SPEC, e.g. "regdoc-validity"
	// Path is the URL path of the page the finding is about; for a site-level finding
	// the column path; for broken-link the broken target.
	Path string
	// Violation: true, the rule must fire here; false, a compliant look-alike (or an
	// undeterminable page) that must NOT be flagged.
	Violation bool
	Note      string // why (dates and working-day counts for timing rules)
}

// Handler serves the whole site. Unknown paths get a 404 page; a directory path without
// its trailing slash is redirected. GET and HEAD only.
func Handler() http.Handler {
	s := getSite()
	nf := notFound()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Server", "TRS WCM")
		p := r.URL.Path
		res := s.res[p]
		if res == nil && !strings.HasSuffix(p, "/") && s.res[p+"/"] != nil {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		if res == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if r.Method == http.MethodGet {
				w.Write(nf)
			}
			return
		}
		w.Header().Set("Content-Type", res.ctype)
		w.Header().Set("ETag", res.etag)
		http.ServeContent(w, r, "", res.mod.In(time.UTC), bytes.NewReader(res.body))
	})
}

// Expectations returns the planted answers, in table order.
func Expectations() []Expectation {
	return append([]Expectation(nil), getSite().expectations...)
}
