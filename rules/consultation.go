package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// consultation-feedback: a 意见征集 (a draft put out for public comment) that closed more
// than a month ago, with no 意见采纳情况 published: none linked from or to it, none whose
// title names the same draft, and no adoption figures added to the notice itself.

type consultationParams struct {
	// Columns are the column kinds that hold consultations and their feedback.
	Columns []string `yaml:"columns"`
	// Titles matches a consultation's title. Outside the columns, the title must also
	// name a draft (Drafts), so that a call for suggestions is not taken for one.
	Titles string `yaml:"titles"`
	Drafts string `yaml:"drafts"`
	// Feedback matches the title of a page reporting how the comments were handled.
	Feedback string `yaml:"feedback"`
	// Adopted matches adoption figures inside a notice (收到意见12条，采纳5条).
	Adopted string `yaml:"adopted"`
	// LimitMonths after the deadline, the feedback must be out.
	LimitMonths int `yaml:"limit_months"`

	titles, drafts, feedback, adopted *regexp.Regexp
}

func (p *consultationParams) Validate() error {
	if p.LimitMonths < 0 {
		return fmt.Errorf("limit_months: must not be negative")
	}
	for _, c := range []struct {
		name string
		src  string
		dst  **regexp.Regexp
	}{{"titles", p.Titles, &p.titles}, {"drafts", p.Drafts, &p.drafts}, {"feedback", p.Feedback, &p.feedback}, {"adopted", p.Adopted, &p.adopted}} {
		if c.src == "" {
			return fmt.Errorf("%s: empty", c.name)
		}
		re, err := regexp.Compile(c.src)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		*c.dst = re
	}
	return nil
}

var consultationFeedback = register(&Rule{
	ID:  "consultation-feedback",
	Doc: "a 意见征集 closed more than N (1) months ago without a published 意见采纳情况",
	Params: func() any {
		return &consultationParams{
			Columns:     []string{"意见征集"},
			Titles:      `征求.{0,60}意见|征集.{0,60}意见|意见征集|征求意见稿|听取.{0,20}意见`,
			Drafts:      `《|征求意见稿|草案|送审稿|修订稿|讨论稿`,
			Feedback:    `采纳|反馈|意见.{0,6}(情况|结果)|征集情况|征求意见情况|情况(的)?说明|意见处理`,
			Adopted:     `采纳\s*\d+\s*条|采纳了?\s*\d+|收到.{0,20}意见(建议)?\s*(共)?\s*\d+\s*(条|件)|(未|不予|部分)采纳的?(意见|理由)`,
			LimitMonths: 1,
		}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*consultationParams)
		v := pass.Site
		var notices, feedback []*facts.Page
		for _, p := range v.Pages {
			if p.Kind != facts.KindDetail {
				continue
			}
			switch {
			case prm.feedback.MatchString(p.Title) && !prm.isNotice(p):
				feedback = append(feedback, p)
			case prm.isNotice(p):
				notices = append(notices, p)
			}
		}
		where := consultationWhere(v, prm.Columns, len(feedback))
		place := sitePlace(v)
		for _, n := range notices {
			if foreignDraft(draftSubject(n.Title), place) {
				continue // another government's draft, reposted: its feedback is not this site's
			}
			full, err := v.Full(n.URL)
			if err != nil {
				pass.Undetermined(n.URL, n.Title, fmt.Sprintf("could not load the notice's text: %v", err))
				continue
			}
			deadline, said, ok := consultationDeadline(full)
			if !ok {
				pass.Undetermined(n.URL, n.Title, "no 征求意见 period or 截止 date found in the notice: cannot tell when it closed")
				continue
			}
			due := deadline.Time().AddDate(0, prm.LimitMonths, 0)
			if !facts.DateOf(due).Before(pass.AsOf) {
				continue // still open, or the month for the feedback has not run out
			}
			pass.Judged()
			if fb, _ := findFeedback(v, full, deadline, feedback, prm); fb != "" {
				continue
			}
			if m := prm.adopted.FindString(full.Text); m != "" {
				continue // the notice itself reports the adoption (收到意见12条，采纳5条)
			}
			pass.Report(n.URL, n.Title, fmt.Sprintf(
				"征求意见 closed %s (%s); %d days later, on %s (limit %d month%s), no 意见采纳情况 is published: %s",
				deadline, said, deadline.DaysUntil(pass.AsOf), pass.AsOf, prm.LimitMonths, pluralS(prm.LimitMonths),
				noFeedbackWhy(full, where)))
		}
	},
})

// isNotice reports whether a page invites comments on a draft.
func (p *consultationParams) isNotice(pg *facts.Page) bool {
	if !p.titles.MatchString(pg.Title) || p.feedback.MatchString(pg.Title) {
		return false
	}
	return InColumn(pg, p.Columns) || p.drafts.MatchString(pg.Title)
}

func consultationWhere(v *View, cols []string, nFeedback int) string {
	var where []string
	for _, k := range cols {
		if ls := v.Lists(k); len(ls) > 0 {
			where = append(where, k+" column "+urlPathOf(ls[0].URL))
		}
	}
	w := fmt.Sprintf("%d page%s titled 采纳/反馈/情况说明 on the site", nFeedback, pluralS(nFeedback))
	if len(where) > 0 {
		w = strings.Join(where, ", ") + " and " + w
	}
	return w
}

func noFeedbackWhy(n *facts.Page, where string) string {
	subj := draftSubject(n.Title)
	if subj == "" {
		return "searched " + where + "; none links to the notice or is linked from it"
	}
	return fmt.Sprintf("searched %s; none names %s, links to the notice or is linked from it, and the notice reports no adoption figures", where, "《"+subj+"》")
}

// findFeedback returns the URL of a feedback page for the notice and how it was found.
func findFeedback(v *View, notice *facts.Page, deadline facts.Date, feedback []*facts.Page, prm *consultationParams) (string, string) {
	for _, l := range notice.Links {
		if pg, ok := v.Page(l.URL); ok && pg.Kind == facts.KindDetail && prm.feedback.MatchString(pg.Title) && !prm.isNotice(pg) {
			return pg.URL, "linked from the notice"
		}
	}
	subj := normTitle(looseKey(normTitle(draftSubject(notice.Title))))
	// Feedback titles often drop the place: 《停车收费管理办法》 for 《云溪县城区停车收费管理办法》.
	short := leadPlaceRe.ReplaceAllString(subj, "")
	for _, f := range feedback {
		for _, l := range f.Links {
			if l.URL == notice.URL {
				return f.URL, "links to the notice"
			}
		}
		ft := normTitle(stripDraftMarks(f.Title))
		if utf8.RuneCountInString(subj) >= 4 && strings.Contains(ft, subj) {
			return f.URL, "names the same draft"
		}
		if short != subj && utf8.RuneCountInString(short) >= 6 && strings.Contains(ft, short) {
			return f.URL, "names the same draft (without the place)"
		}
	}
	// A feedback page that names no draft ("征求意见采纳情况的说明"), from the same issuer,
	// published in the three months after the deadline: most likely this notice's. Taking
	// it errs towards no finding.
	for _, f := range feedback {
		if notice.Issuer == "" || f.Issuer != notice.Issuer || f.Published.IsZero() || quotedRe.MatchString(f.Title) {
			continue
		}
		if !f.Published.Before(deadline.AddDays(-7)) && !f.Published.After(deadline.AddDays(92)) {
			return f.URL, "same issuer, published after the deadline, names no other draft"
		}
	}
	return "", ""
}

// leadPlaceRe matches the place a name starts with (云溪县城区, 岚川市青岚县).
var leadPlaceRe = regexp.MustCompile(`^(\p{Han}{1,8}?(省|自治区|市|州|盟|县|区|旗|镇|乡))+(城区|全县|全市|县城|市区)?`)

// placeLeadRe takes the place from a unit's name (青岚县 from 青岚县民政局). 区, 镇 and 乡
// are left out: 城区, 社区, 城乡 start too many names that are no place.
var placeLeadRe = regexp.MustCompile(`^\p{Han}{2,10}?(省|自治区|市|州|盟|县|旗)`)

// foreignDraft reports whether a draft is another place's (a province's 条例 reposted on a
// county site): its name starts with a place that is not the site's.
func foreignDraft(subject, sitePlace string) bool {
	if sitePlace == "" {
		return false
	}
	m := placeLeadRe.FindString(normTitle(subject))
	if m == "" {
		return false
	}
	return !samePlace(m, sitePlace) && !strings.HasPrefix(sitePlace, m) && !strings.HasPrefix(m, sitePlace)
}

// sitePlace is the place of the site's unit (青岚县 for 青岚县人民政府 or 青岚县民政局),
// from its name or the home page's SiteName; "" when neither names one.
func sitePlace(v *View) string {
	names := []string{v.Site.Name}
	for _, p := range v.Pages {
		if p.Kind == facts.KindHome || p.Kind == facts.KindPortal {
			names = append(names, p.Meta["SiteName"])
		}
	}
	for _, n := range names {
		if m := placeLeadRe.FindString(normTitle(n)); m != "" {
			return m
		}
	}
	return ""
}

var (
	draftMarkRe  = regexp.MustCompile(`[（(](征求意见稿|草案|送审稿|修订稿|讨论稿|草案征求意见稿|修订草案|代拟稿)[)）]|征求意见稿|草案`)
	noticeLeadRe = regexp.MustCompile(`^.*?关于(公开)?(征求|征集)(社会各界)?(对)?`)
	noticeTailRe = regexp.MustCompile(`(的)?(意见|建议|意见建议)(的)?(公告|通知|通告|函)?$`)
)

func stripDraftMarks(s string) string { return draftMarkRe.ReplaceAllString(s, "") }

// draftSubject is what a consultation is about: the 《draft》 it quotes, else its title
// without 关于公开征求 … 意见的公告.
func draftSubject(title string) string {
	if m := quotedRe.FindStringSubmatch(title); m != nil {
		return stripDraftMarks(m[1])
	}
	s := noticeLeadRe.ReplaceAllString(title, "")
	s = noticeTailRe.ReplaceAllString(s, "")
	s = stripDraftMarks(s)
	if utf8.RuneCountInString(normTitle(s)) < 4 || s == title {
		return ""
	}
	return s
}

var (
	// A period: 2024年5月1日至5月31日, 2024年5月1日—2024年5月31日, 2024-05-01至2024-05-31.
	periodRe = regexp.MustCompile(`((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}[:：]\d{2})?\s*(?:起)?\s*(?:至|到|—|–|－|-|~|～)\s*(?:((?:19|20)\d{2})\s*[年\-/.]\s*)?(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?`)
	// A deadline: 截止时间为2024年5月31日, 请于2024年5月31日前, 2024年5月31日（截止）.
	deadlineRe = regexp.MustCompile(`(?:截止|截至|截止时间|截止日期)\s*(?:时间|日期)?\s*(?:为|是|：|:)?\s*[（(]?\s*((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})|((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*(?:\d{1,2}[:：]\d{2})?\s*[)）]?\s*(?:前|之前|止|截止)`)
	// A length from publication: 自公告发布之日起30日内, 征求意见期限为30天, 公示期为15个工作日.
	spanRe = regexp.MustCompile(`(?:自.{0,12}(?:之日|日)起|期限为|时间为|期为|为期)\s*(\d{1,3})\s*(个工作日|日|天)`)
	// Sentences that talk about the comment period.
	periodCueRe = regexp.MustCompile(`征求意见|征集|意见反馈|反馈意见|提出意见|提交意见|起止时间|公示期|意见建议`)
)

// consultationDeadline finds when a consultation closed, and the words that say so.
func consultationDeadline(p *facts.Page) (facts.Date, string, bool) {
	text := p.Text
	for _, sent := range consultSentences(text) {
		if !periodCueRe.MatchString(sent) {
			continue
		}
		if m := periodRe.FindStringSubmatch(sent); m != nil {
			y := m[4]
			if y == "" {
				y = m[1]
			}
			if d, ok := ymdDate(y, m[5], m[6]); ok {
				// 2024年12月20日至1月19日: the end is in the next year.
				if start, ok2 := ymdDate(m[1], m[2], m[3]); ok2 && m[4] == "" && d.Before(start) {
					d, _ = ymdDate(strconv.Itoa(start.Year+1), m[5], m[6])
				}
				return d, strings.TrimSpace(m[0]), true
			}
		}
	}
	for _, sent := range consultSentences(text) {
		if !periodCueRe.MatchString(sent) && !strings.Contains(sent, "截止") {
			continue
		}
		if m := deadlineRe.FindStringSubmatch(sent); m != nil {
			y, mo, d := m[1], m[2], m[3]
			if y == "" {
				y, mo, d = m[4], m[5], m[6]
			}
			if dt, ok := ymdDate(y, mo, d); ok {
				return dt, interpClip(strings.TrimSpace(sent), 80), true
			}
		}
	}
	if p.Published.IsZero() {
		return lastResortPeriod(text)
	}
	for _, sent := range consultSentences(text) {
		if !periodCueRe.MatchString(sent) {
			continue
		}
		if m := spanRe.FindStringSubmatch(sent); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n == 0 {
				continue
			}
			if m[2] == "个工作日" {
				// Counted as calendar days at 7/5 of the working days: never earlier than the
				// real end, so a notice is not judged before it closed.
				n = (n*7 + 4) / 5
			}
			return p.Published.AddDays(n), fmt.Sprintf("“%s” counted from 发布 %s", strings.TrimSpace(m[0]), p.Published), true
		}
	}
	return lastResortPeriod(text)
}

// lastResortPeriod takes the first period of a notice whose sentences name none as the
// comment period ("时间：2024年5月1日至5月31日" under a 征求意见 heading).
func lastResortPeriod(text string) (facts.Date, string, bool) {
	m := periodRe.FindStringSubmatch(text)
	if m == nil {
		return facts.Date{}, "", false
	}
	y := m[4]
	if y == "" {
		y = m[1]
	}
	d, ok := ymdDate(y, m[5], m[6])
	if start, ok2 := ymdDate(m[1], m[2], m[3]); ok && ok2 && m[4] == "" && d.Before(start) {
		d, ok = ymdDate(strconv.Itoa(start.Year+1), m[5], m[6])
	}
	return d, strings.TrimSpace(m[0]), ok
}

func ymdDate(y, m, d string) (facts.Date, bool) {
	return facts.ParseDate(y + "-" + m + "-" + d)
}

var consultSentenceRe = regexp.MustCompile(`[。；;\n]`)

func consultSentences(s string) []string { return consultSentenceRe.Split(s, -1) }
