package rules

// The interpretation rules: interpretation-missing, interpretation-timely,
// interpretation-forms, interpretation-copy. They share the links of interplink.go.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// InterpRequire says which documents require an interpretation: those issued in the name
// of the site's own government or its office (by 发布机构, by a 政府 title lead, or by a
// 文号 of the government's series), except the kinds local rules exempt.
type InterpRequire struct {
	// DocNumbers match 文号 (normalised to 〔〕) of documents issued in the name of a
	// government or its office: 达川府发〔2023〕3号, 达川府办发, 青政发, 青政办发, 青政规 …
	DocNumbers []string `yaml:"doc_numbers"`
	// Issuers matches a 发布机构 that is a government or its office.
	Issuers string `yaml:"issuers"`
	// ExemptTitles matches titles of documents that need no interpretation (人事任免,
	// 表彰, 会议纪要, 转发, routine work arrangements …).
	ExemptTitles string `yaml:"exempt_titles"`
	// Since, when set, leaves documents published before it unjudged.
	Since facts.Date `yaml:"since"`
	// GraceWorkdays: a document published fewer working days than this before the as-of
	// date is not yet late for its interpretation (interpretation-timely's limit).
	GraceWorkdays int `yaml:"grace_workdays"`

	numbers []*regexp.Regexp
	issuers *regexp.Regexp
	exempt  *regexp.Regexp
}

func defaultInterpRequire() InterpRequire {
	return InterpRequire{
		// 府 or 政 (not 民政, 财政, 行政, 邮政, 市政 …), optionally 办, then 发/规/令/字 or
		// nothing, then the year. 函 (letters, replies), 任 (appointments), 征 (land
		// requisition) and 告 are other series.
		DocNumbers: []string{`(^|[^民财行邮市家参议])(府|政)办?(发|规|令|字)?〔`},
		Issuers:    `(人民政府|政府)(办公室|办公厅|办)?$`,
		ExemptTitles: `任免|任命|免去|免职|聘任|职务|表彰|表扬|嘉奖|通报|纪要|转发|批复|复函|值班|值守|领导.{0,6}分工|成立|组成人员|` +
			`调整.{0,30}(领导小组|委员会|指挥部)|放假|更正|废止|撤销|名单|名录|公布.{0,40}(清单|目录)|工作要点|任务分解|任务分工|` +
			`重点工作任务|工作方案|工作总结|(做好|开展|组织|举办|召开|启动).{0,40}(工作|活动|会议)的通知`,
		GraceWorkdays: 3,
	}
}

func (r *InterpRequire) validate() error {
	if len(r.DocNumbers) == 0 && r.Issuers == "" {
		return fmt.Errorf("doc_numbers and issuers are both empty: no document could require an interpretation")
	}
	r.numbers = nil
	for i, s := range r.DocNumbers {
		re, err := regexp.Compile(s)
		if err != nil {
			return fmt.Errorf("doc_numbers[%d]: %w", i, err)
		}
		r.numbers = append(r.numbers, re)
	}
	var err error
	if r.Issuers != "" {
		if r.issuers, err = regexp.Compile(r.Issuers); err != nil {
			return fmt.Errorf("issuers: %w", err)
		}
	}
	if r.ExemptTitles != "" {
		if r.exempt, err = regexp.Compile(r.ExemptTitles); err != nil {
			return fmt.Errorf("exempt_titles: %w", err)
		}
	}
	if r.GraceWorkdays < 0 {
		return fmt.Errorf("grace_workdays: must not be negative")
	}
	return nil
}

// govNumber reports whether a 文号 is of a government's series, and its stem (青政 for
// 青政办规〔2025〕3号, 达川府 for 达川府办发〔2023〕12号).
func (r *InterpRequire) govNumber(num string) (bool, string) {
	ns := parseNumbers(num)
	if len(ns) == 0 {
		return false, ""
	}
	n := ns[0].String()
	for _, re := range r.numbers {
		if re.MatchString(n) {
			return true, numberStem(ns[0].Prefix)
		}
	}
	return false, ""
}

var stemRe = regexp.MustCompile(`办?(发|规|令|字|函|任|征|告|通|文|电)?$`)

func numberStem(prefix string) string { return stemRe.ReplaceAllString(prefix, "") }

// govOwner decides whether documents are the site's own government's.
type govOwner struct {
	req   *InterpRequire
	place string // the site's place (青岚县), "" when unknown
	// Stems of 文号 seen on the own government's documents and on others'.
	own, foreign map[string]bool
	unit         string // the government's name as shown in evidence
}

var titleLeadRe = regexp.MustCompile(`^(.{2,24}?(人民政府|政府)(办公室|办公厅)?)(关于|印发|转发)`)

func placeOf(name string) string {
	n := normTitle(name)
	for _, suf := range []string{"人民政府办公室", "人民政府办公厅", "人民政府办", "人民政府", "政府办公室", "政府办公厅", "政府办", "政府"} {
		if strings.HasSuffix(n, suf) {
			return strings.TrimSuffix(n, suf)
		}
	}
	return n
}

func samePlace(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}

// newGovOwner works out the site's government: from the unit's name, else the SiteName
// of the home page, else the place most of its policy documents' issuers name. A
// department's site has none (its government's documents are not its own).
func newGovOwner(v *View, req *InterpRequire, scope *InterpScope) *govOwner {
	g := &govOwner{req: req, own: map[string]bool{}, foreign: map[string]bool{}}
	if v.Site.Level == facts.LevelDepartment {
		return g
	}
	isGov := func(s string) bool { return req.issuers != nil && req.issuers.MatchString(normTitle(s)) }
	switch {
	case isGov(v.Site.Name):
		g.unit = v.Site.Name
	default:
		for _, p := range v.Pages {
			if (p.Kind == facts.KindHome || p.Kind == facts.KindPortal) && isGov(p.Meta["SiteName"]) {
				g.unit = p.Meta["SiteName"]
				break
			}
		}
	}
	if g.unit != "" {
		g.place = placeOf(g.unit)
	} else if v.Site.Level != facts.LevelDepartment {
		count := map[string]int{}
		for _, p := range v.Pages {
			if scope.isDoc(p) {
				for _, t := range issuerTokens(p.Issuer) {
					if isGov(t) {
						count[placeOf(t)]++
					}
				}
			}
		}
		best := 0
		for pl, n := range count {
			if n > best || n == best && pl < g.place {
				g.place, best = pl, n
			}
		}
		if g.place != "" {
			g.unit = g.place + "人民政府"
		}
	}
	if g.place == "" {
		return g
	}
	for _, p := range v.Pages {
		if !scope.isDoc(p) {
			continue
		}
		ok, stem := req.govNumber(p.DocNumber)
		if !ok || stem == "" {
			continue
		}
		switch own, foreign, _ := g.byName(p); {
		case own:
			g.own[stem] = true
		case foreign:
			g.foreign[stem] = true
		}
	}
	return g
}

var issuerSplitRe = regexp.MustCompile(`[\s、，,;；/]+`)

func issuerTokens(s string) []string {
	var out []string
	for _, t := range issuerSplitRe.Split(strings.TrimSpace(s), -1) {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// byName judges a page by the organs it names: its 发布机构, else the government that
// leads its title (青岚县人民政府关于…).
func (g *govOwner) byName(p *facts.Page) (own, foreign bool, who string) {
	isGov := func(s string) bool { return g.req.issuers != nil && g.req.issuers.MatchString(normTitle(s)) }
	names := issuerTokens(p.Issuer)
	if len(names) == 0 {
		if m := titleLeadRe.FindStringSubmatch(p.Title); m != nil {
			names = []string{m[1]}
		}
	}
	for _, t := range names {
		if !isGov(t) {
			continue
		}
		if samePlace(placeOf(t), g.place) {
			return true, false, t
		}
		foreign, who = true, t
	}
	return false, foreign, who
}

// requires reports whether the document requires an interpretation and why; when it
// does not, why not ("" when it is simply not the government's).
func (g *govOwner) requires(p *facts.Page, scope *InterpScope) (bool, string) {
	if g.place == "" || !scope.isDoc(p) {
		return false, ""
	}
	own, foreign, who := g.byName(p)
	gov, stem := g.req.govNumber(p.DocNumber)
	var why string
	switch {
	case !gov && len(parseNumbers(p.DocNumber)) > 0:
		// Numbered in another series of the government (函 letters, 任 appointments, 征 land
		// requisitions) or by a department: not a policy document of the government.
		return false, ""
	case own && gov:
		why = fmt.Sprintf("%s, %s", p.DocNumber, who)
	case own:
		why = "发布机构 " + who
	case foreign:
		return false, ""
	case gov && g.own[stem]:
		why = fmt.Sprintf("%s, a 文号 of %s", p.DocNumber, g.unit)
	case gov && !g.foreign[stem] && len(g.own) == 0 && InColumn(p, scope.DocColumns):
		// Nothing says whose series it is; the site lists it as its own policy document.
		why = fmt.Sprintf("%s, listed in the site's %s", p.DocNumber, strings.Join(p.Columns, "/"))
	default:
		return false, ""
	}
	if v := p.Validity; strings.Contains(v, "失效") || strings.Contains(v, "废止") {
		return false, "no longer in force (有效性 " + v + ")"
	}
	if g.req.exempt != nil {
		if m := g.req.exempt.FindString(p.Title); m != "" {
			return false, fmt.Sprintf("exempt by its title (%q)", m)
		}
	}
	return true, why
}

// --- interpretation-missing --------------------------------------------------------

type interpMissingParams struct {
	InterpScope   `yaml:",inline"`
	InterpRequire `yaml:",inline"`
}

func (p *interpMissingParams) Validate() error {
	if err := p.InterpScope.validate(); err != nil {
		return err
	}
	return p.InterpRequire.validate()
}

var interpretationMissing = register(&Rule{
	ID:  "interpretation-missing",
	Doc: "a policy document issued in the name of the government or its office, with no interpretation",
	Params: func() any {
		return &interpMissingParams{InterpScope: defaultInterpScope(), InterpRequire: defaultInterpRequire()}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*interpMissingParams)
		v := pass.Site
		g := newGovOwner(v, &prm.InterpRequire, &prm.InterpScope)
		if g.place == "" {
			return // not a government's site, or nothing names its government
		}
		x := interpIndexOf(v, &prm.InterpScope)
		for _, d := range v.Pages {
			req, why := g.requires(d, &prm.InterpScope)
			if !req || !dueForJudgement(pass, d, prm.Since, prm.GraceWorkdays) {
				continue
			}
			pass.Judged()
			if len(x.links(d.URL)) > 0 {
				continue
			}
			pass.Report(d.URL, d.Title, fmt.Sprintf("%s (%s, 发布 %s) has no interpretation: none of the %s links to it or quotes its title or 文号, and it shows no 相关解读",
				quoteDoc(d), why, dateOrNone(d.Published), x.where))
		}
	},
})

// dueForJudgement reports whether a document is in the judged period and old enough for
// its interpretation to be due.
func dueForJudgement(pass *Pass, d *facts.Page, since facts.Date, grace int) bool {
	if !since.IsZero() && !d.Published.IsZero() && d.Published.Before(since) {
		return false
	}
	if d.Published.IsZero() || grace == 0 {
		return true
	}
	if d.Published.After(pass.AsOf) {
		return false
	}
	n, err := pass.Calendar.WorkdaysBetween(d.Published, pass.AsOf)
	if err != nil {
		// A year the calendar does not know: judge only when clearly past the grace.
		return d.Published.DaysUntil(pass.AsOf) > grace*2+10
	}
	return n > grace
}

// quoteDoc names a document in evidence: its 《core title》, else its title.
func quoteDoc(d *facts.Page) string {
	if wrapperRe.MatchString(d.Title) {
		if m := quotedRe.FindStringSubmatch(d.Title); m != nil {
			return "《" + m[1] + "》"
		}
	}
	return "《" + d.Title + "》"
}

func dateOrNone(d facts.Date) string {
	if d.IsZero() {
		return "date not shown"
	}
	return d.String()
}

// --- interpretation-timely ---------------------------------------------------------

type interpTimelyParams struct {
	InterpScope `yaml:",inline"`
	// LimitWorkdays is the most working days allowed from the document's 发布日期 to its
	// first interpretation's.
	LimitWorkdays int `yaml:"limit_workdays"`
}

func (p *interpTimelyParams) Validate() error {
	if p.LimitWorkdays < 0 {
		return fmt.Errorf("limit_workdays: must not be negative")
	}
	return p.InterpScope.validate()
}

var interpretationTimely = register(&Rule{
	ID:     "interpretation-timely",
	Doc:    "interpretation published more than N (3) working days after its document",
	Params: func() any { return &interpTimelyParams{InterpScope: defaultInterpScope(), LimitWorkdays: 3} },
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*interpTimelyParams)
		v := pass.Site
		x := interpIndexOf(v, &prm.InterpScope)
		for _, d := range v.Pages {
			if !prm.isDoc(d) {
				continue
			}
			var strong []*interpLink
			for _, l := range x.links(d.URL) {
				if l.Strength >= linkTitle && !l.Interp.Published.IsZero() {
					strong = append(strong, l)
				}
			}
			if len(strong) == 0 {
				continue
			}
			first := strong[0] // links are sorted by publication date
			if d.Published.IsZero() {
				pass.Undetermined(d.URL, d.Title, "no 发布日期 on the document: cannot tell how long its interpretation took")
				continue
			}
			n, ok := pass.Workdays(first.Interp, d.Published, first.Interp.Published)
			if !ok {
				continue
			}
			pass.Judged()
			if n <= prm.LimitWorkdays {
				continue
			}
			pass.ReportKey(first.Interp.URL, first.Interp.Title, d.URL, fmt.Sprintf(
				"解读 发布 %s, 文件 发布 %s: %d working days > %d (%d calendar days); 文件 %s (%s), linked by %s",
				first.Interp.Published, d.Published, n, prm.LimitWorkdays, d.Published.DaysUntil(first.Interp.Published),
				quoteDoc(d), urlPathOf(d.URL), first.By))
		}
	},
})

// --- interpretation-forms ----------------------------------------------------------

// interpForm recognises one form of interpretation by its title (and, for some forms,
// by its page: Q&A pairs in the text, a picture with little text, a video file).
type interpForm struct {
	Name   string `yaml:"name"`
	Titles string `yaml:"titles"`

	re *regexp.Regexp
}

type interpFormsParams struct {
	InterpScope   `yaml:",inline"`
	InterpRequire `yaml:",inline"`
	// MinForms is the least number of distinct forms a document's interpretations must have.
	MinForms int `yaml:"min_forms"`
	// AllDocuments judges every policy document that has an interpretation; by default only
	// those that require one (as interpretation-missing decides) are judged.
	AllDocuments bool `yaml:"all_documents"`
	// Forms are tried in order; a page matching none is 文字.
	Forms []interpForm `yaml:"forms"`
}

func defaultInterpForms() []interpForm {
	return []interpForm{
		{Name: "视频", Titles: `视频|动漫|动画|微视频|短视频|音频|微课`},
		{Name: "H5", Titles: `(?i)H5`},
		{Name: "访谈", Titles: `访谈|新闻发布会|发布会|吹风会|直播|面对面`},
		{Name: "专家解读", Titles: `专家|学者|教授|律师`},
		{Name: "问答", Titles: `问答|答记者问|答问|一问一答|问与答|你问我答|[一二三四五六七八九十百\d]+问[一二三四五六七八九十百\d]*答|(?i)Q\s*&\s*A`},
		{Name: "图解", Titles: `图解|一图|图说|图读|长图|图表解读|漫画|海报|看图`},
	}
}

func (p *interpFormsParams) Validate() error {
	if p.MinForms < 1 {
		return fmt.Errorf("min_forms: must be at least 1")
	}
	for i := range p.Forms {
		f := &p.Forms[i]
		if f.Name == "" {
			return fmt.Errorf("forms[%d].name: empty", i)
		}
		re, err := regexp.Compile(f.Titles)
		if err != nil {
			return fmt.Errorf("forms[%d].titles: %w", i, err)
		}
		f.re = re
	}
	if err := p.InterpScope.validate(); err != nil {
		return err
	}
	return p.InterpRequire.validate()
}

var interpretationForms = register(&Rule{
	ID:  "interpretation-forms",
	Doc: "a document's interpretations come in fewer than N (3) forms (文字, 图解, 视频/动漫, 问答, 专家解读, 访谈/发布会, H5)",
	Params: func() any {
		return &interpFormsParams{InterpScope: defaultInterpScope(), InterpRequire: defaultInterpRequire(),
			MinForms: 3, Forms: defaultInterpForms()}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*interpFormsParams)
		v := pass.Site
		g := newGovOwner(v, &prm.InterpRequire, &prm.InterpScope)
		x := interpIndexOf(v, &prm.InterpScope)
		for _, d := range v.Pages {
			links := x.links(d.URL)
			if len(links) == 0 || !prm.isDoc(d) {
				continue
			}
			if !prm.AllDocuments {
				if req, _ := g.requires(d, &prm.InterpScope); !req {
					continue
				}
				if !prm.Since.IsZero() && !d.Published.IsZero() && d.Published.Before(prm.Since) {
					continue
				}
			}
			pass.Judged()
			var forms []string
			var shown []string
			for _, l := range links {
				f := formOf(l.Interp, x.full[l.Interp.URL], prm.Forms)
				if !slices.Contains(forms, f) {
					forms = append(forms, f)
				}
				shown = append(shown, fmt.Sprintf("%s: %s (%s)", f, l.Interp.Title, dateOrNone(l.Interp.Published)))
			}
			if len(forms) >= prm.MinForms {
				continue
			}
			pass.Report(d.URL, d.Title, fmt.Sprintf("%d form%s (%s) < %d: %s", len(forms), pluralS(len(forms)),
				strings.Join(forms, ", "), prm.MinForms, strings.Join(shown, "; ")))
		}
	},
})

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

var (
	qaQuestionRe = regexp.MustCompile(`(?m)^\s*(问\s*\d*\s*[：:]|问题?\s*\d+\s*[：:、.]|Q\s*\d*\s*[：:])`)
	qaAnswerRe   = regexp.MustCompile(`(?m)^\s*(答\s*\d*\s*[：:]|A\s*\d*\s*[：:])`)
	videoExts    = []string{"mp4", "flv", "avi", "mov", "wmv", "m3u8", "mp3", "webm"}
)

// formOf tells an interpretation's form: by its title, else by its page (a video file,
// question-and-answer pairs, a picture with little text), else 文字.
func formOf(in, full *facts.Page, forms []interpForm) string {
	for _, f := range forms {
		if f.re != nil && f.re.MatchString(in.Title) {
			return f.Name
		}
	}
	page := in
	if full != nil {
		page = full
	}
	for _, a := range page.Attachments {
		if slices.Contains(videoExts, strings.ToLower(a.Ext)) {
			return "视频"
		}
	}
	if full != nil {
		if len(qaQuestionRe.FindAllString(full.Text, 3)) >= 2 && len(qaAnswerRe.FindAllString(full.Text, 3)) >= 2 {
			return "问答"
		}
		if page.Meta["Image"] != "" && utf8.RuneCountInString(full.Text) < 200 {
			return "图解"
		}
	}
	return "文字"
}

// --- interpretation-copy -----------------------------------------------------------

type interpCopyParams struct {
	InterpScope `yaml:",inline"`
	// N is the length of the character sequences compared.
	N int `yaml:"n"`
	// Threshold is the share of the interpretation's N-character sequences found in the
	// document from which it is a copy.
	Threshold float64 `yaml:"threshold"`
	// MinChars: interpretations with less text (a picture's caption) are not judged.
	MinChars int `yaml:"min_chars"`
}

func (p *interpCopyParams) Validate() error {
	if p.N < 2 || p.N > 20 {
		return fmt.Errorf("n: must be between 2 and 20")
	}
	if p.Threshold <= 0 || p.Threshold > 1 {
		return fmt.Errorf("threshold: must be in (0, 1]")
	}
	if p.MinChars < p.N {
		return fmt.Errorf("min_chars: must be at least n")
	}
	return p.InterpScope.validate()
}

var interpretationCopy = register(&Rule{
	ID:  "interpretation-copy",
	Doc: "interpretation that mostly copies its document's text",
	Params: func() any {
		return &interpCopyParams{InterpScope: defaultInterpScope(), N: 5, Threshold: 0.7, MinChars: 150}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*interpCopyParams)
		v := pass.Site
		x := interpIndexOf(v, &prm.InterpScope)
		docText := map[string]string{}
		for _, in := range x.interps {
			links := x.byInterp[in.URL]
			if len(links) == 0 || x.stubs[in.URL] {
				continue // unlinked, or not fetched: nothing to compare
			}
			full := x.full[in.URL]
			if full == nil {
				pass.Undetermined(in.URL, in.Title, fmt.Sprintf("could not load the interpretation's text: %v", x.fullErr[in.URL]))
				continue
			}
			itext, orig := foldTextMap(full.Text)
			if utf8.RuneCountInString(itext) < prm.MinChars {
				continue // a picture's caption or a video page: nothing to compare
			}
			var best *copyMatch
			var bestLink *interpLink
			var noText []string
			for _, l := range links {
				dt, ok := docText[l.Doc.URL]
				if !ok {
					dt = documentText(v, l.Doc)
					docText[l.Doc.URL] = dt
				}
				if utf8.RuneCountInString(dt) < prm.MinChars {
					noText = append(noText, quoteDoc(l.Doc))
					continue
				}
				m := containment(itext, dt, prm.N)
				if best == nil || m.share > best.share {
					best, bestLink = &m, l
				}
			}
			if best == nil {
				pass.Undetermined(in.URL, in.Title, fmt.Sprintf("the text of %s is not available (body and attachments unreadable or empty): cannot compare",
					strings.Join(noText, ", ")))
				continue
			}
			pass.Judged()
			if best.share < prm.Threshold {
				continue
			}
			pass.ReportKey(in.URL, in.Title, bestLink.Doc.URL, fmt.Sprintf(
				"%.0f%% of the interpretation's %d-character sequences (%d of %d) appear in the document %s (%s, linked by %s); longest copied passage, %d characters: “%s”",
				best.share*100, prm.N, best.hits, best.total, quoteDoc(bestLink.Doc), urlPathOf(bestLink.Doc.URL), bestLink.By,
				best.runEnd-best.runStart, interpClip(string(orig[best.runStart:best.runEnd]), 60)))
		}
	},
})

// documentText is a document's text with the text of its attachments (the 办法 itself is
// often only in the attached docx or pdf).
func documentText(v *View, d *facts.Page) string {
	f, err := v.Full(d.URL)
	if err != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(f.Text)
	for _, a := range f.Attachments {
		if a.Text != "" {
			b.WriteString("\n")
			b.WriteString(a.Text)
		}
	}
	return foldText(b.String())
}

// foldText prepares a text for n-gram comparison: whitespace dropped, full-width ASCII
// folded, so that layout and punctuation width do not hide a copy.
func foldText(s string) string {
	f, _ := foldTextMap(s)
	return f
}

// foldTextMap is foldText that also returns, for each folded rune, the rune of s it came
// from (so a passage found in the folded text is quoted as the page shows it).
func foldTextMap(s string) (string, []rune) {
	var b strings.Builder
	var orig []rune
	for _, r := range s {
		o := r
		switch {
		case r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || r == ' ' || r == '\t' || r == '\n' || r == '\r':
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
		orig = append(orig, o)
	}
	return b.String(), orig
}

type copyMatch struct {
	share       float64
	hits, total int
	// runStart, runEnd (rune offsets in a) bound the longest stretch of a made only of
	// shared sequences.
	runStart, runEnd int
}

// containment is the share of a's n-character sequences that occur in b, and a's longest
// stretch made only of such sequences.
func containment(a, b string, n int) copyMatch {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < n || len(rb) < n {
		return copyMatch{}
	}
	set := make(map[string]struct{}, len(rb))
	for i := 0; i+n <= len(rb); i++ {
		set[string(rb[i:i+n])] = struct{}{}
	}
	m := copyMatch{total: len(ra) - n + 1}
	runStart, bestStart, bestEnd := -1, 0, 0
	for i := 0; i+n <= len(ra); i++ {
		if _, ok := set[string(ra[i:i+n])]; ok {
			m.hits++
			if runStart < 0 {
				runStart = i
			}
			if end := i + n; end-runStart > bestEnd-bestStart {
				bestStart, bestEnd = runStart, end
			}
		} else {
			runStart = -1
		}
	}
	m.share = float64(m.hits) / float64(m.total)
	m.runStart, m.runEnd = bestStart, bestEnd
	return m
}

func interpClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
