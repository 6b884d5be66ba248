package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules/annualreport"
)

// The content rules (sections, arithmetic, duplicate) judge what a report says. They
// read the report's page (text and HTML tables), or its attachment's text when the page
// only links the file; tables are never read from attachments (text only), so the
// arithmetic of a PDF-only report is undetermined.

// AnnualContentScope says which reports the content rules judge.
type AnnualContentScope struct {
	// Column is the vocabulary kind of the 年报 column.
	Column string `yaml:"column"`
	// MinYear: reports on earlier years (written to the 2008 format) are not judged.
	MinYear int `yaml:"min_year"`
	// Scope: "all" judges every report the site publishes (a government site's
	// departments' and townships' too), "own" only the unit's own.
	Scope string `yaml:"scope"`
}

func defaultContentScope() AnnualContentScope {
	return AnnualContentScope{Column: "年报", MinYear: 2019, Scope: "all"}
}

func (s *AnnualContentScope) validate() error {
	if strings.TrimSpace(s.Column) == "" {
		return fmt.Errorf("column: the 年报 column kind is required")
	}
	if s.Scope != "all" && s.Scope != "own" {
		return fmt.Errorf("scope: %q (want all or own)", s.Scope)
	}
	return nil
}

func (s *AnnualContentScope) judges(g *reportGroup) bool {
	if g.Year < s.MinYear || s.Scope == "own" && !g.Own {
		return false
	}
	// Another unit's report that the site only links to (its own site has it) is not
	// published here.
	return g.Own || !g.primary().ListOnly
}

// thinPage: a report page with less text than this, no tables and hardly any of the
// template's headings only wraps an attachment or pictures.
const thinPage = 300

// reportContent is the text (and HTML tables) a report was judged on.
type reportContent struct {
	Cand   *reportCand
	Text   string
	Tables []facts.Table
	From   string // "page" or "attachment NAME"
	Why    string // when there is no text: why
}

// loadContent reads the first copy of the report that has text.
func loadContent(v *View, g *reportGroup) reportContent {
	var reasons []string
	for _, c := range g.Cands {
		switch {
		case c.ListOnly:
			reasons = append(reasons, fmt.Sprintf("%s is only listed (its page was not fetched)", c.URL))
			continue
		case c.Att >= 0:
			full, err := v.Full(c.Page.URL)
			if err != nil || c.Att >= len(full.Attachments) {
				reasons = append(reasons, fmt.Sprintf("cannot load %s: %v", c.Page.URL, err))
				continue
			}
			a := full.Attachments[c.Att]
			if strings.TrimSpace(a.Text) != "" {
				return reportContent{Cand: c, Text: a.Text, From: "attachment " + attName(a)}
			}
			reasons = append(reasons, attachmentWhy(a))
			continue
		}
		full, err := v.Full(c.URL)
		if err != nil {
			reasons = append(reasons, fmt.Sprintf("cannot load %s: %v", c.URL, err))
			continue
		}
		if len(full.Tables) > 0 || utf8.RuneCountInString(full.Text) >= thinPage || annualreport.FindSections(full.Text).Count() >= 3 {
			return reportContent{Cand: c, Text: full.Text, Tables: full.Tables, From: "page"}
		}
		// A page that only wraps the report: read its document attachment.
		why := fmt.Sprintf("the page %s holds %d characters of text and no table", c.URL, utf8.RuneCountInString(full.Text))
		if c.Picture {
			why = fmt.Sprintf("the page %s is the picture version (%d characters of text)", c.URL, utf8.RuneCountInString(full.Text))
		}
		for _, a := range full.Attachments {
			if !docExt[a.Ext] {
				continue
			}
			if strings.TrimSpace(a.Text) != "" {
				return reportContent{Cand: c, Text: a.Text, From: "attachment " + attName(a)}
			}
			why += "; " + attachmentWhy(a)
		}
		reasons = append(reasons, why)
	}
	return reportContent{Cand: g.primary(), Why: joinUnique(reasons)}
}

// joinUnique joins reasons, each once (a page and its attachment give the same one).
func joinUnique(reasons []string) string {
	var out []string
	for _, r := range reasons {
		for _, part := range strings.Split(r, "; ") {
			if !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return strings.Join(out, "; ")
}

var docExt = map[string]bool{"pdf": true, "doc": true, "docx": true, "wps": true, "ofd": true, "txt": true}

func attName(a facts.Attachment) string {
	if a.Name != "" {
		return a.Name + " (" + a.URL + ")"
	}
	return a.URL
}

func attachmentWhy(a facts.Attachment) string {
	if a.Unreadable != "" {
		return fmt.Sprintf("attachment %s is unreadable: %s", attName(a), a.Unreadable)
	}
	return fmt.Sprintf("no text extracted from attachment %s (scanned, or attachment text extraction not run)", attName(a))
}

type annualSectionsParams struct {
	AnnualContentScope `yaml:",inline"`
	// NoneIsGap lists the sections (1–6) for which "无" alone is a finding. 五 by default:
	// the template asks for the problems found and how they are being improved, which every
	// unit has; 六 may truly have nothing to report.
	NoneIsGap []int `yaml:"none_is_gap"`
}

func (p *annualSectionsParams) Validate() error {
	for _, n := range p.NoneIsGap {
		if n < 1 || n > 6 {
			return fmt.Errorf("none_is_gap: section %d (want 1 to 6)", n)
		}
	}
	return p.AnnualContentScope.validate()
}

var annualReportSections = register(&Rule{
	ID:  "annual-report-sections",
	Doc: "年度报告 lacking sections of the national template (国办公开办函〔2021〕30号), or whose 五 says only 无",
	Params: func() any {
		return &annualSectionsParams{AnnualContentScope: defaultContentScope(), NoneIsGap: []int{5}}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*annualSectionsParams)
		rs := collectReports(pass, prm.Column)
		for _, g := range rs.Groups {
			if !prm.judges(g) {
				continue
			}
			rc := loadContent(pass.Site, g)
			if rc.Why != "" {
				pass.Undetermined(rc.Cand.URL, rc.Cand.Title, "no report text to read: "+rc.Why)
				continue
			}
			secs := annualreport.FindSections(rc.Text)
			if secs.Count() == 0 {
				// Not one heading: the page's text is most likely not the report (it is in
				// pictures, or elsewhere) — unless its table 三 shows it is.
				if _, err := annualreport.FindApplicationTable(rc.Tables); err != nil {
					pass.Undetermined(rc.Cand.URL, rc.Cand.Title, fmt.Sprintf("the text read (%s, %d characters) has none of the template's headings nor its table 三: it does not look like the report itself (pictures, or a page about it)",
						rc.From, utf8.RuneCountInString(rc.Text)))
					continue
				}
			}
			pass.Judged()
			var problems []string
			if miss := secs.Missing(); len(miss) > 0 {
				problems = append(problems, fmt.Sprintf("lacks %s of the national template", strings.Join(miss, ", ")))
			}
			for _, n := range prm.NoneIsGap {
				s := secs.Found[n-1]
				if s == nil || !s.OnlyNone {
					continue
				}
				says := "nothing"
				if b := strings.TrimSpace(s.Body); b != "" {
					says = "only “" + clipRunes(strings.Join(strings.Fields(b), " "), 30) + "”"
				}
				problems = append(problems, fmt.Sprintf("%s says %s", s.Heading, says))
			}
			if len(problems) == 0 {
				continue
			}
			var found []string
			for _, s := range secs.Found {
				if s != nil {
					found = append(found, "“"+s.Heading+"”")
				}
			}
			ev := fmt.Sprintf("%d report of %s (%s): %s", g.Year, g.Unit, rc.From, strings.Join(problems, "; "))
			if len(found) > 0 {
				ev += "; headings found: " + strings.Join(found, " ")
			} else {
				ev += "; no section heading found"
			}
			pass.Report(rc.Cand.URL, rc.Cand.Title, ev)
		}
	},
})

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

type annualArithmeticParams struct {
	AnnualContentScope `yaml:",inline"`
	// CrossYear checks 上年结转 against the previous year's 结转下年度 when both reports
	// are on the site.
	CrossYear bool `yaml:"cross_year"`
}

func (p *annualArithmeticParams) Validate() error { return p.AnnualContentScope.validate() }

// parsedReport is a report's table 三 (nil when unreadable) and where it came from.
type parsedReport struct {
	g   *reportGroup
	rc  reportContent
	t3  *annualreport.ApplicationTable
	err error
}

var annualReportArithmetic = register(&Rule{
	ID:  "annual-report-arithmetic",
	Doc: "年度报告 tables that do not add up (一+二 = 三(七)+四 per column, sub-rows, row totals, table 四, 上年结转 vs last year's 结转下年度)",
	Params: func() any {
		return &annualArithmeticParams{AnnualContentScope: defaultContentScope(), CrossYear: true}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*annualArithmeticParams)
		rs := collectReports(pass, prm.Column)
		parsed := map[*reportGroup]*parsedReport{}
		parse := func(g *reportGroup) *parsedReport {
			if pr, ok := parsed[g]; ok {
				return pr
			}
			pr := &parsedReport{g: g, rc: loadContent(pass.Site, g)}
			switch {
			case pr.rc.Why != "":
				pr.err = fmt.Errorf("no report text to read: %s", pr.rc.Why)
			case pr.rc.From != "page":
				pr.err = fmt.Errorf("the report is read from %s: tables of attachments are not extracted (text only), so its arithmetic is checked only when the tables are on the page", pr.rc.From)
			default:
				pr.t3, pr.err = annualreport.FindApplicationTable(pr.rc.Tables)
				if pr.err != nil && len(pr.rc.Tables) == 0 {
					pr.err = fmt.Errorf("the page has no HTML table (the tables may be pictures): %w", pr.err)
				}
			}
			parsed[g] = pr
			return pr
		}
		for _, g := range rs.Groups {
			if !prm.judges(g) {
				continue
			}
			pr := parse(g)
			c := pr.rc.Cand
			if pr.err != nil {
				pass.Undetermined(c.URL, c.Title, pr.err.Error())
				continue
			}
			checks := pr.t3.Checks()
			if rt := annualreport.FindReviewTable(pr.rc.Tables); rt != nil {
				checks = append(checks, rt.Checks()...)
			}
			prevNote := ""
			if prm.CrossYear {
				if prev := previousReport(rs, g); prev != nil {
					if pp := parse(prev); pp.err == nil {
						cross := annualreport.CarryOver(pp.t3, pr.t3, prev.Year, g.Year)
						for i := range cross {
							cross[i].Evidence += fmt.Sprintf(" (the %d report: %s)", prev.Year, pp.rc.Cand.URL)
						}
						checks = append(checks, cross...)
					} else {
						prevNote = fmt.Sprintf("; 上年结转 not compared with the %d report: %v", prev.Year, pp.err)
					}
				}
			}
			var blanks []string
			for _, k := range checks {
				switch k.Outcome {
				case annualreport.Pass:
					pass.Judged()
				case annualreport.Fail:
					pass.Judged()
					pass.ReportKey(c.URL, c.Title, k.Key, fmt.Sprintf("%d report of %s (%s): %s", g.Year, g.Unit, formatName[pr.t3.Format], k.Evidence))
				case annualreport.Undetermined:
					blanks = append(blanks, k.Evidence)
				}
			}
			if len(blanks) > 0 || prevNote != "" {
				shown := blanks[:min(len(blanks), 4)]
				reason := fmt.Sprintf("%d of %d identities not checked (a blank cell is not 0): %s", len(blanks), len(checks), strings.Join(shown, "; "))
				if len(blanks) > len(shown) {
					reason += fmt.Sprintf("; and %d more", len(blanks)-len(shown))
				}
				if len(blanks) == 0 {
					reason = strings.TrimPrefix(prevNote, "; ")
				} else {
					reason += prevNote
				}
				pass.Undetermined(c.URL, c.Title, reason)
			}
		}
	},
})

var formatName = map[string]string{
	"2021": "2021 format, 国办公开办函〔2021〕30号",
	"2019": "2019 trial format, 国办公开办函〔2019〕60号: （六）其他处理 without sub-rows",
}

// previousReport is the same issuer's report on the year before g's.
func previousReport(rs *reportSet, g *reportGroup) *reportGroup {
	for _, x := range rs.Groups {
		if x.key == g.key && x.Year == g.Year-1 {
			return x
		}
	}
	return nil
}

type annualDuplicateParams struct {
	AnnualContentScope `yaml:",inline"`
	// Threshold: the share of a report's own wording found in the previous year's report
	// at or above which it is a duplicate.
	Threshold float64 `yaml:"threshold"`
	// NGram is the length in characters of the compared sequences.
	NGram int `yaml:"ngram"`
	// MinShingles: a report with fewer own sequences (after the template's are left out)
	// is too short to judge.
	MinShingles int `yaml:"min_shingles"`
}

func (p *annualDuplicateParams) Validate() error {
	if p.Threshold <= 0 || p.Threshold > 1 {
		return fmt.Errorf("threshold: %g (want a share in (0, 1])", p.Threshold)
	}
	if p.NGram < 2 || p.NGram > 20 {
		return fmt.Errorf("ngram: %d (want 2 to 20)", p.NGram)
	}
	if p.MinShingles < 1 {
		return fmt.Errorf("min_shingles: must be at least 1")
	}
	return p.AnnualContentScope.validate()
}

var annualReportDuplicate = register(&Rule{
	ID:  "annual-report-duplicate",
	Doc: "年度报告 largely identical to the same unit's previous report (numbers, year and template wording left out)",
	Params: func() any {
		return &annualDuplicateParams{AnnualContentScope: defaultContentScope(), Threshold: 0.7, NGram: 6, MinShingles: 80}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*annualDuplicateParams)
		rs := collectReports(pass, prm.Column)
		texts := map[*reportGroup]reportContent{}
		load := func(g *reportGroup) reportContent {
			if rc, ok := texts[g]; ok {
				return rc
			}
			rc := loadContent(pass.Site, g)
			texts[g] = rc
			return rc
		}
		newest := map[string]int{}
		for _, g := range rs.Groups {
			newest[g.key] = max(newest[g.key], g.Year)
		}
		for _, g := range rs.Groups {
			if !prm.judges(g) {
				continue
			}
			prev := previousReport(rs, g)
			if prev == nil {
				if g.Own && g.Year == newest[g.key] && g.Year > prm.MinYear {
					c := g.primary()
					pass.Undetermined(c.URL, c.Title, fmt.Sprintf("no %d report of %s on the site to compare with", g.Year-1, g.Unit))
				}
				continue
			}
			cur, old := load(g), load(prev)
			if cur.Why != "" || old.Why != "" {
				c := g.primary()
				why := cur.Why
				if why == "" {
					why = fmt.Sprintf("the %d report: %s", prev.Year, old.Why)
				}
				pass.Undetermined(c.URL, c.Title, "no report text to compare: "+why)
				continue
			}
			ignore := []string{g.Unit, rs.Unit, pass.Site.Site.Name}
			sim := annualreport.Compare(cur.Text, old.Text, prm.NGram, ignore...)
			c := cur.Cand
			if sim.Shingles < prm.MinShingles {
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf("only %d own %d-character sequences after the template's are left out (minimum %d): too little own text to compare",
					sim.Shingles, prm.NGram, prm.MinShingles))
				continue
			}
			pass.Judged()
			if sim.Containment < prm.Threshold {
				continue
			}
			pass.Report(c.URL, c.Title, fmt.Sprintf(
				"%.0f%% of the %d report's own wording (%d distinct %d-character sequences; numbers, years and the template's fixed text left out) is also in the %d report %s (threshold %.0f%%); longest shared passage: “%s”",
				100*sim.Containment, g.Year, sim.Shingles, prm.NGram, prev.Year, old.Cand.URL, 100*prm.Threshold, sim.Passage))
		}
	},
})
