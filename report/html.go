package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// The scorecards are static HTML: each page is one self-contained file (inline CSS, a
// few lines of inline script for sorting and filtering, inline SVG charts), so a unit
// page can be forwarded by itself, opened from disk, or served by `gongkai serve`, and
// nothing is fetched from anywhere. Everything crawled goes through html/template
// (escaped in text and attributes), visible (direction overrides and invisible
// characters shown) and safeHref (only http and https links); no data is ever placed
// inside a script.

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"t":         visible,
	"href":      safeHref,
	"ruleName":  RuleName,
	"ruleLabel": ruleLabel,
	"sev":       func(s rules.Severity) string { return SeverityName(s) },
	"status":    StatusName,
	"runStatus": runStatusName,
	"day":       day,
	"minute":    minute,
	"marks":     markEvidence,
	"num":       fmtNum,
	"score":     func(v float64) string { return fmt.Sprintf("%.1f", v) },
	"inc":       func(i int) int { return i + 1 },
	"since":     since,
	"stage":     stageName,
	"pageKind":  pageKindName,
}).ParseFS(templateFS, "templates/*.html"))

// maxErrorsShown caps the crawl errors listed on a page; counts by stage cover the rest,
// and result.json holds them all.
const maxErrorsShown = 200

// gradeStyle gives grades their colour classes.
type gradeStyle map[string]string

func newGradeStyle(grades []rules.Grade) gradeStyle {
	gs := gradeStyle{}
	for i, g := range grades {
		gs[g.Name] = gradeClassAt(i, len(grades))
	}
	return gs
}

func (gs gradeStyle) class(grade string) string {
	if c, ok := gs[grade]; ok {
		return c
	}
	return "gnone"
}

// deltaView is the change since the previous audit, as shown.
type deltaView struct {
	OK    bool
	Value float64
	Text  string // ▲ 2.5, ▼ 3.0, ＝ 0
	Class string // up, down, same
	Title string
}

func newDelta(r *SiteReport) deltaView {
	d, ok := r.Delta()
	if !ok {
		if r.Completed {
			return deltaView{Text: "首次", Class: "same", Title: "首次检查，没有可比较的上次结果"}
		}
		return deltaView{Text: "—", Class: "same"}
	}
	v := deltaView{OK: true, Value: d, Title: fmt.Sprintf("上次 %.1f 分（%s，%s）", r.Previous.Score, r.Previous.Grade, r.Previous.AsOf)}
	switch {
	case d > 0:
		v.Text, v.Class = "▲ "+fmtNum(d), "up"
	case d < 0:
		v.Text, v.Class = "▼ "+fmtNum(-d), "down"
	default:
		v.Text, v.Class = "＝ 0", "same"
	}
	return v
}

// ruleBadge is one rule's open findings in a ranking row.
type ruleBadge struct {
	ID, Name string
	Open     int
	New      int
	Veto     bool
}

type unitRow struct {
	R          *SiteReport
	Href       string
	GradeClass string
	Delta      deltaView
	Spark      *sparkline
	Badges     []ruleBadge
	Veto       bool
	VetoRules  []string
	Undet      int
	Warn       string // the latest audit did not complete
	SortRank   int
	SortScore  string
	SortDelta  string
}

func newUnitRow(r *SiteReport, gs gradeStyle, prefix string) unitRow {
	row := unitRow{R: r, Href: prefix + "sites/" + r.Slug + ".html", GradeClass: gs.class(r.Score.Grade),
		Delta: newDelta(r), Spark: newSparkline(r.History), VetoRules: r.VetoRules(), SortRank: r.Rank}
	row.Veto = r.Completed && r.Score.Veto
	if row.SortRank == 0 {
		row.SortRank = 100000
	}
	if r.Completed {
		row.SortScore = fmt.Sprintf("%.1f", r.Score.Score)
	}
	if row.Delta.OK {
		row.SortDelta = fmt.Sprintf("%.1f", row.Delta.Value)
	}
	veto := map[string]bool{}
	for _, id := range row.VetoRules {
		veto[id] = true
	}
	t := r.Counts()
	for _, id := range t.Rules() {
		rt := t.ByRule[id]
		if rt.Open == 0 {
			continue
		}
		row.Badges = append(row.Badges, ruleBadge{ID: id, Name: RuleName(id), Open: rt.Open, New: rt.New, Veto: veto[id]})
	}
	for _, rp := range r.Score.Rules {
		row.Undet += rp.Undetermined
	}
	if a := r.LastAttempt; a != nil && r.Completed {
		row.Warn = fmt.Sprintf("最近一次检查（%s）%s", minute(a.StartedAt), runStatusName(a.Status))
		if a.Err != "" {
			row.Warn += "：" + a.Err
		}
	}
	return row
}

// ruleStat is one rule across all units (the overview's 按规则统计).
type ruleStat struct {
	ID, Name      string
	Severity      rules.Severity
	Veto          bool
	Units         int
	Open, New     int
	Fixed, Judged int
}

type gradeCount struct {
	Name, Class string
	N           int
}

type indexView struct {
	Generated string
	AsOf      string
	Units     []unitRow
	Ranked    int
	Grades    []gradeCount
	Levels    []string
	Vetoes    int
	Open, New int
	Fixed     int
	Slipped   []unitRow
	Improved  []unitRow
	Stale     []unitRow // the latest audit did not complete
	RuleStats []ruleStat
	Runs      []runLink
	Exports   bool
}

type runLink struct {
	Run      store.Run
	Href     string
	Duration string
}

// writeIndex renders index.html: the ranking of all units.
func writeIndex(w io.Writer, ov *Overview, cfg *rules.Config, rendered map[int64]bool) error {
	gs := newGradeStyle(ov.Grades)
	v := indexView{Generated: minute(ov.Generated), Exports: true}
	byGrade := map[string]int{}
	levels := map[string]bool{}
	var first, last facts.Date
	stats := map[string]*ruleStat{}
	for _, r := range ov.Units {
		row := newUnitRow(r, gs, "")
		v.Units = append(v.Units, row)
		if r.LastAttempt != nil || !r.Completed {
			v.Stale = append(v.Stale, row)
		}
		if r.Site.Level != "" && !levels[string(r.Site.Level)] {
			levels[string(r.Site.Level)] = true
			v.Levels = append(v.Levels, string(r.Site.Level))
		}
		if !r.Completed {
			continue
		}
		v.Ranked++
		byGrade[r.Score.Grade]++
		if r.Score.Veto {
			v.Vetoes++
		}
		t := r.Counts()
		v.Open, v.New, v.Fixed = v.Open+t.Open, v.New+t.New, v.Fixed+t.Fixed
		if first.IsZero() || r.AsOf.Before(first) {
			first = r.AsOf
		}
		if r.AsOf.After(last) {
			last = r.AsOf
		}
		if row.Delta.OK && row.Delta.Value < 0 || (r.Score.Veto && r.Previous != nil && !r.Previous.Veto) {
			v.Slipped = append(v.Slipped, row)
		}
		if row.Delta.OK && row.Delta.Value > 0 {
			v.Improved = append(v.Improved, row)
		}
		for _, rp := range r.Score.Rules {
			s := stats[rp.ID]
			if s == nil {
				s = &ruleStat{ID: rp.ID, Name: RuleName(rp.ID), Severity: rp.Severity, Veto: rp.Veto}
				stats[rp.ID] = s
			}
			s.Judged += rp.Judged
			if rt := t.ByRule[rp.ID]; rt != nil {
				s.Open += rt.Open
				s.New += rt.New
				s.Fixed += rt.Fixed
				if rt.Open > 0 {
					s.Units++
				}
			}
		}
	}
	for i, g := range ov.Grades {
		v.Grades = append(v.Grades, gradeCount{Name: g.Name, Class: gradeClassAt(i, len(ov.Grades)), N: byGrade[g.Name]})
	}
	switch {
	case first.IsZero():
	case first == last:
		v.AsOf = first.String()
	default:
		v.AsOf = first.String() + " 至 " + last.String()
	}
	sort.SliceStable(v.Slipped, func(i, j int) bool {
		a, b := v.Slipped[i], v.Slipped[j]
		if a.Veto != b.Veto {
			return a.Veto
		}
		return a.Delta.Value < b.Delta.Value
	})
	sort.SliceStable(v.Improved, func(i, j int) bool { return v.Improved[i].Delta.Value > v.Improved[j].Delta.Value })
	if len(v.Improved) > 5 {
		v.Improved = v.Improved[:5]
	}
	for _, s := range stats {
		v.RuleStats = append(v.RuleStats, *s)
	}
	sort.Slice(v.RuleStats, func(i, j int) bool {
		a, b := v.RuleStats[i], v.RuleStats[j]
		if a.Units != b.Units {
			return a.Units > b.Units
		}
		if a.Open != b.Open {
			return a.Open > b.Open
		}
		return a.ID < b.ID
	})
	for _, run := range ov.Runs {
		if rendered[run.ID] {
			v.Runs = append(v.Runs, runLink{Run: run, Href: fmt.Sprintf("runs/%d.html", run.ID), Duration: duration(run.StartedAt, run.FinishedAt)})
		}
	}
	return templates.ExecuteTemplate(w, "index.html", v)
}

// ruleRow is one line of a unit's per-rule table.
type ruleRow struct {
	RulePoints
	Name    string
	Basis   string
	Lost    float64
	Penalty string
}

type findingItem struct {
	N int
	Finding
	Marks  []Segment
	Href   string
	Timing bool
}

type findingGroup struct {
	ID, Name string
	Severity rules.Severity
	Veto     bool
	Basis    string
	Items    []findingItem
	New      int
}

type undetGroup struct {
	Rule, Reason string
	Items        []rules.Undetermined
}

type stageCount struct {
	Stage string
	N     int
}

type siteView struct {
	R           *SiteReport
	Row         unitRow
	Ranked      int
	Chart       *trendChart
	Rules       []ruleRow
	TotalWeight float64
	TotalEarned float64
	Groups      []findingGroup
	Fixed       []findingItem
	Open        int
	Undet       []undetGroup
	UndetCount  int
	Stages      []stageCount
	Errors      []facts.CrawlError
	ErrorsMore  int
	RunHref     string
	Generated   string
	Duration    string
	Prefix      string
}

// writeSite renders a unit page (sites/<slug>.html); r must have its details loaded.
func writeSite(w io.Writer, r *SiteReport, ov *Overview, cfg *rules.Config, rendered map[int64]bool) error {
	gs := newGradeStyle(ov.Grades)
	runHref := func(id int64) string {
		if rendered[id] {
			return fmt.Sprintf("../runs/%d.html", id)
		}
		return ""
	}
	v := siteView{R: r, Row: newUnitRow(r, gs, "../"), Chart: newTrendChart(r.History, ov.Grades, runHref),
		Generated: minute(ov.Generated), Duration: duration(r.StartedAt, r.FinishedAt), RunHref: runHref(r.RunID), Prefix: "../"}
	for _, u := range ov.Units {
		if u.Completed {
			v.Ranked++
		}
	}
	// The basis a rule is quoted with: the rule set's, else the one its findings carry
	// (a rule since dropped from rules.yaml).
	basis := func(id string) string {
		if rc := cfg.Rules[id]; rc != nil && rc.Basis != "" {
			return rc.Basis
		}
		for _, f := range r.Findings {
			if f.Rule == id && f.Basis != "" {
				return f.Basis
			}
		}
		return ""
	}
	for _, rp := range r.Score.Rules {
		row := ruleRow{RulePoints: rp, Name: RuleName(rp.ID), Basis: basis(rp.ID), Penalty: penaltyName(rp)}
		if rp.Scored {
			row.Lost = round1(rp.Weight - rp.Earned)
			v.TotalWeight += rp.Weight
			v.TotalEarned += rp.Earned
		}
		v.Rules = append(v.Rules, row)
	}
	v.TotalEarned = round1(v.TotalEarned)
	// Rules that cost points first, the most first; then the others by id.
	sort.SliceStable(v.Rules, func(i, j int) bool {
		a, b := v.Rules[i], v.Rules[j]
		if a.Lost != b.Lost {
			return a.Lost > b.Lost
		}
		if a.Findings != b.Findings {
			return a.Findings > b.Findings
		}
		return a.ID < b.ID
	})

	groups := map[string]*findingGroup{}
	var order []string
	veto := map[string]bool{}
	for _, id := range r.VetoRules() {
		veto[id] = true
	}
	for _, f := range r.Findings {
		item := findingItem{Finding: f, Marks: markEvidence(visible(f.Evidence)), Href: safeHref(f.URL), Timing: timing(f.Evidence)}
		if !f.Open() {
			item.N = len(v.Fixed) + 1
			v.Fixed = append(v.Fixed, item)
			continue
		}
		v.Open++
		g := groups[f.Rule]
		if g == nil {
			g = &findingGroup{ID: f.Rule, Name: RuleName(f.Rule), Severity: f.Severity, Veto: veto[f.Rule], Basis: f.Basis}
			if g.Basis == "" {
				g.Basis = basis(f.Rule)
			}
			groups[f.Rule] = g
			order = append(order, f.Rule)
		}
		if f.Status == "new" {
			g.New++
		}
		g.Items = append(g.Items, item)
	}
	// Veto rules first, then by severity, then by how many.
	sort.SliceStable(order, func(i, j int) bool {
		a, b := groups[order[i]], groups[order[j]]
		if a.Veto != b.Veto {
			return a.Veto
		}
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		return len(a.Items) > len(b.Items)
	})
	n := 0
	for _, id := range order {
		g := groups[id]
		for i := range g.Items {
			n++
			g.Items[i].N = n
		}
		v.Groups = append(v.Groups, *g)
	}

	// What could not be judged, grouped by rule and reason, in first-seen order.
	undet := map[[2]string]int{}
	for _, u := range r.Undetermined {
		k := [2]string{u.Rule, shortReason(u.Reason)}
		i, ok := undet[k]
		if !ok {
			i = len(v.Undet)
			undet[k] = i
			v.Undet = append(v.Undet, undetGroup{Rule: u.Rule, Reason: k[1]})
		}
		v.Undet[i].Items = append(v.Undet[i].Items, u)
		v.UndetCount++
	}
	v.Stages, v.Errors, v.ErrorsMore = errorSummary(r.Errors)
	return templates.ExecuteTemplate(w, "site.html", v)
}

func errorSummary(errs []facts.CrawlError) ([]stageCount, []facts.CrawlError, int) {
	counts := map[string]int{}
	var stages []stageCount
	for _, e := range errs {
		if counts[e.Stage] == 0 {
			stages = append(stages, stageCount{Stage: e.Stage})
		}
		counts[e.Stage]++
	}
	for i := range stages {
		stages[i].N = counts[stages[i].Stage]
	}
	sort.SliceStable(stages, func(i, j int) bool { return stages[i].N > stages[j].N })
	shown, more := errs, 0
	if len(shown) > maxErrorsShown {
		shown, more = shown[:maxErrorsShown], len(errs)-maxErrorsShown
	}
	return stages, shown, more
}

type runSite struct {
	SR         store.SiteRun
	Kinds      []store.PageKindCount // pages by kind
	Href       string
	Duration   string
	Stages     []stageCount
	Errors     []facts.CrawlError
	ErrorsMore int
	ErrorTotal int
}

type runView struct {
	Run        store.Run
	Duration   string
	Sites      []runSite
	OK, Failed int
	Pages      int
	Errors     int
	Generated  string
	Prefix     string
}

// writeRun renders a run page (runs/<id>.html).
func writeRun(w io.Writer, run store.Run, sites []runSite, generated time.Time) error {
	v := runView{Run: run, Duration: duration(run.StartedAt, run.FinishedAt), Sites: sites, Generated: minute(generated), Prefix: "../"}
	for _, s := range sites {
		if s.SR.Status == store.StatusOK {
			v.OK++
		} else {
			v.Failed++
		}
		v.Pages += s.SR.Pages
		v.Errors += s.ErrorTotal
	}
	return templates.ExecuteTemplate(w, "run.html", v)
}

// duration formats how long something took, in Chinese ("" when unknown).
func duration(from, to time.Time) string {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return ""
	}
	d := to.Sub(from).Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d 小时 %d 分", h, m)
	case m > 0:
		return fmt.Sprintf("%d 分 %d 秒", m, s)
	}
	return fmt.Sprintf("%d 秒", s)
}

// since says how long a finding has stood: "自 2026-05-01（60 天）".
func since(first time.Time, asOf facts.Date) string {
	if first.IsZero() {
		return ""
	}
	d := facts.DateOf(first)
	out := "自 " + d.String()
	if !asOf.IsZero() {
		if n := d.DaysUntil(asOf); n > 0 {
			out += fmt.Sprintf("（%d 天）", n)
		}
	}
	return out
}

// scriptTemplates are the templates holding the pages' inline scripts.
var scriptTemplates = []string{"rankjs", "printjs"}

var csp = sync.OnceValue(func() string {
	var hashes []string
	for _, name := range scriptTemplates {
		var b strings.Builder
		if err := templates.ExecuteTemplate(&b, name, nil); err != nil {
			panic(err) // static templates: fails in every test run if it fails at all
		}
		s := b.String()
		body := s[strings.Index(s, ">")+1 : strings.LastIndex(s, "</script>")]
		sum := sha256.Sum256([]byte(body))
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return "default-src 'none'; script-src " + strings.Join(hashes, " ") +
		"; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
})

// ContentSecurityPolicy is the Content-Security-Policy header value under which the
// scorecards work: nothing loads from anywhere, and only the pages' own inline scripts
// run (allowed by their hashes). A server of the folder (`gongkai serve`) should send
// it, so that even a flaw in escaping could not run a script from crawled text.
func ContentSecurityPolicy() string { return csp() }
