package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// guide-missing: the site has no 政府信息公开指南, or its 指南 was not updated within the
// limit, or lacks elements 条例 第十二条 requires: 政府信息的分类、编排体系、获取方式，
// 政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式.
//
// Each element is recognised by its synonyms; the contact elements need their value, not
// only their word: "可以通过传真方式申请" names a channel, "传真号码：0745-6221036" is the
// element. One finding per site, at the 指南 (or where it should have been: the 指南
// column, else the portal, else the home page), listing everything that is wrong.

type guideElement struct {
	Name    string `yaml:"name"`
	Pattern string `yaml:"pattern"`

	re *regexp.Regexp
}

type guideParams struct {
	// Titles recognises a 指南 by its title (anywhere on the site).
	Titles string `yaml:"titles"`
	// MaxAge is how old (by its 发布日期) a 指南 may be: 条例 第十二条 requires 指南 to be
	// updated 及时; "" disables the check.
	MaxAge string `yaml:"max_age"`
	// Elements are the contents 第十二条 requires, each with the text that shows it.
	Elements []guideElement `yaml:"elements"`

	titleRe *regexp.Regexp
	maxAge  *stalePeriod
}

func (p *guideParams) Validate() error {
	re, err := regexp.Compile(p.Titles)
	if err != nil || p.Titles == "" {
		return fmt.Errorf("titles: %v", guideErrText(err, "required"))
	}
	p.titleRe = re
	p.maxAge = nil
	if p.MaxAge != "" {
		d, err := parseStalePeriod(p.MaxAge)
		if err != nil {
			return fmt.Errorf("max_age: %w", err)
		}
		p.maxAge = &d
	}
	for i := range p.Elements {
		e := &p.Elements[i]
		if e.Name == "" || e.Pattern == "" {
			return fmt.Errorf("elements[%d]: name and pattern are required", i)
		}
		re, err := regexp.Compile(e.Pattern)
		if err != nil {
			return fmt.Errorf("elements[%d] (%s): %w", i, e.Name, err)
		}
		e.re = re
	}
	return nil
}

func guideErrText(err error, otherwise string) string {
	if err != nil {
		return err.Error()
	}
	return otherwise
}

// guideDefaultElements: 条例 第十二条, by the words 指南 use for them.
func guideDefaultElements() []guideElement {
	return []guideElement{
		{Name: "分类", Pattern: `分类|类别`},
		{Name: "编排体系", Pattern: `编排|排列|体系`},
		{Name: "获取方式", Pattern: `获取|获得|查阅`},
		{Name: "机构名称", Pattern: `机构名称|受理机构|工作机构|受理单位|受理部门|承办机构|负责机构|名\s*称\s*[:：]`},
		{Name: "办公地址", Pattern: `(?:地\s*址|办公地点|受理地点|接待地点)\s*[:：]?\s*[^\s:：，。,]`},
		{Name: "办公时间", Pattern: `(?:办公|工作|受理|接待|上班|服务)时间|工作日[上下]午|周一至周五|星期一至(?:星期)?五`},
		{Name: "联系电话", Pattern: `(?i)(?:电\s*话|tel)(?:号码)?\s*[:：]?\s*[（(]?\d`},
		{Name: "传真号码", Pattern: `(?i)(?:传\s*真|fax)(?:号码|电话)?\s*[:：]?\s*[（(]?\d`},
		{Name: "互联网联系方式", Pattern: `(?i)(?:电子邮箱|电子信箱|邮\s*箱|e-?mail|电子邮件地址|网\s*址)\s*[:：为]?\s*[a-z0-9]|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|https?://|www\.|网上申请(?:平台|系统|入口)|在线申请(?:平台|系统|入口)`},
	}
}

var guideMissing = register(&Rule{
	ID:  "guide-missing",
	Doc: "no 政府信息公开指南, or one not updated within its limit or lacking the elements of 条例 第十二条",
	Params: func() any {
		return &guideParams{Titles: `信息公开指南`, MaxAge: "1y", Elements: guideDefaultElements()}
	},
	CheckSite: func(pass *Pass) {
		prm := pass.Params.(*guideParams)
		v := pass.Site
		if len(v.Pages) == 0 {
			return
		}
		cands, pending := guideFind(v, prm)
		var guide, unreadable *facts.Page
		var text, src, unreadableWhy string
		for _, c := range cands {
			full, err := v.Full(c.URL)
			if err != nil {
				pass.Undetermined(c.URL, c.Title, fmt.Sprintf("cannot load the 指南: %v", err))
				return
			}
			text, src = guideText(full)
			if utf8.RuneCountInString(strings.TrimSpace(text)) >= 50 {
				guide = c
				break
			}
			if c.Kind != facts.KindList && unreadable == nil {
				unreadable, unreadableWhy = c, src
			}
			// An empty 指南 column page titled like a 指南, or a file without text: keep looking.
		}
		if guide == nil && unreadable != nil {
			pass.Undetermined(unreadable.URL, unreadable.Title, fmt.Sprintf("《%s》 has no readable text (%s): cannot check the elements of 条例 第十二条", unreadable.Title, unreadableWhy))
			return
		}
		if guide == nil {
			where, title := guideWhere(v)
			if !disclosureReached(v) {
				pass.Undetermined(where, title, "the crawl reached no 政府信息公开 portal or disclosure column: cannot tell whether a 政府信息公开指南 is published")
				return
			}
			if pending > 0 {
				pass.Undetermined(where, title, fmt.Sprintf("the 指南 column lists %d entries but none was fetched: cannot tell whether a 政府信息公开指南 is published", pending))
				return
			}
			pass.Judged()
			pass.Report(where, title, fmt.Sprintf("no 政府信息公开指南: no 指南 column entry and no page titled “…%s” with text among the %d pages crawled",
				prm.Titles, len(v.Pages)))
			return
		}
		pass.Judged()
		var problems []string
		if prm.maxAge != nil && !guide.Published.IsZero() {
			if due := prm.maxAge.after(guide.Published); pass.AsOf.After(due) {
				problems = append(problems, fmt.Sprintf("last updated %s, %d days before %s > %s (not updated 及时)",
					guide.Published, guide.Published.DaysUntil(pass.AsOf), pass.AsOf, prm.maxAge))
			}
		}
		var missing, found []string
		norm := facts.NormalizeSpace(text)
		for _, e := range prm.Elements {
			if e.re.MatchString(norm) {
				found = append(found, e.Name)
			} else {
				missing = append(missing, e.Name)
			}
		}
		if len(missing) > 0 {
			problems = append(problems, fmt.Sprintf("lacks %s (条例 第十二条); found %s", strings.Join(missing, ", "), guideList(found)))
		}
		if len(problems) == 0 {
			return
		}
		ev := fmt.Sprintf("《%s》", guide.Title)
		if src != "page text" {
			ev += " (" + src + ")"
		}
		pass.Report(guide.URL, guide.Title, ev+" "+strings.Join(problems, "; "))
	},
})

func guideList(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// guideFind lists the pages that may be the site's own 指南, best first: titled
// …信息公开指南 or listed in the 指南 column, those naming the site's unit first, then the
// newest. When there is none, pending counts 指南 column entries that were not fetched.
func guideFind(v *View, prm *guideParams) (cands []*facts.Page, pending int) {
	for _, p := range v.Pages {
		if p.Kind != facts.KindDetail && p.Kind != facts.KindAttachment && p.Kind != facts.KindList {
			continue
		}
		title := facts.NormalizeLabel(p.Title)
		named := prm.titleRe.MatchString(title)
		listed := p.Kind == facts.KindDetail && InColumn(p, []string{"指南"}) && strings.Contains(title, "指南")
		if p.Kind == facts.KindList && (!named || len(p.Items) > 0) {
			continue // a list of 指南, not one
		}
		if (named || listed) && !strings.Contains(title, "申请表") {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		for _, l := range v.Pages {
			if l.Kind != facts.KindList || l.Column != "指南" {
				continue
			}
			for _, it := range l.Items {
				if _, ok := v.Page(it.URL); !ok {
					pending++
				}
			}
		}
		return nil, pending
	}
	unit := guideUnitName(v)
	score := func(p *facts.Page) int {
		t := facts.NormalizeLabel(p.Title)
		switch {
		case unit != "" && strings.Contains(t, unit):
			return 1
		case guideOtherUnitRe.MatchString(t):
			return -1 // a department's or a township's 指南 on a government's site
		}
		return 0
	}
	slices.SortStableFunc(cands, func(a, b *facts.Page) int {
		if d := score(b) - score(a); d != 0 {
			return d
		}
		return b.Published.Compare(a.Published)
	})
	return cands, 0
}

// guideOtherUnitRe: a 指南 title naming a unit of its own (…局/委/办/中心/乡/镇/街道 …指南).
var guideOtherUnitRe = regexp.MustCompile(`(?:局|委员会|委|办公室|办|中心|乡|镇|街道|办事处|公司|院|所)(?:人民政府)?(?:政府)?信息公开指南`)

// disclosureReached: the crawl found the 政府信息公开 portal or some disclosure column.
func disclosureReached(v *View) bool {
	return slices.ContainsFunc(v.Pages, func(p *facts.Page) bool {
		return p.Kind == facts.KindPortal || p.Kind == facts.KindList && p.Column != ""
	})
}

// guideUnitName is the site's unit as its pages name it (sites.yaml name, else the home
// page's SiteName), "" when unknown.
func guideUnitName(v *View) string {
	if n := facts.NormalizeLabel(v.Site.Name); n != "" && !strings.ContainsAny(n, ".:/") {
		return n
	}
	for _, p := range v.Pages {
		if p.Kind == facts.KindHome && p.Meta["SiteName"] != "" {
			return facts.NormalizeLabel(p.Meta["SiteName"])
		}
	}
	return ""
}

// guideText is the 指南's text: the page's, or its attachments' when the page only links
// the 指南 as a file.
func guideText(p *facts.Page) (text, src string) {
	text, src = p.Text, "page text"
	for _, t := range p.Tables {
		text += "\n" + strings.Join(piiTableLines(t), "\n")
	}
	if utf8.RuneCountInString(strings.TrimSpace(p.Text)) >= 300 {
		return text, src
	}
	var unreadable []string
	for _, a := range p.Attachments {
		if strings.TrimSpace(a.Text) != "" {
			text += "\n" + a.Text
			src = "page and 附件《" + a.Name + "》"
		} else if a.Unreadable != "" {
			unreadable = append(unreadable, a.Name+": "+a.Unreadable)
		}
	}
	if src == "page text" && len(unreadable) > 0 {
		src = "附件 unreadable: " + strings.Join(unreadable, "; ")
	}
	return text, src
}

// guideWhere is where a missing 指南 should have been: the 指南 column, else the portal,
// else the home page, else the site's URL.
func guideWhere(v *View) (url, title string) {
	for _, c := range siteColumns(v) {
		if c.Kind == "指南" {
			return c.URL, c.Name
		}
	}
	return portalOrHome(v)
}

// portalOrHome is the page where something missing from the disclosure section is
// reported when it has no column: the portal, else the home page, else the site's URL.
func portalOrHome(v *View) (url, title string) {
	var portal, home *facts.Page
	for _, p := range v.Pages {
		switch {
		case p.Kind == facts.KindPortal && (portal == nil || len(p.URL) < len(portal.URL)):
			portal = p
		case p.Kind == facts.KindHome && home == nil:
			home = p
		}
	}
	switch {
	case portal != nil:
		return portal.URL, portal.Title
	case home != nil:
		return home.URL, home.Title
	}
	return v.Site.URL, v.Site.Name
}
