package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// metadata-missing: pages without the national web-page metadata of the 政府网站发展指引
// (国办发〔2017〕47号, 附件 政府网站网页元数据): the home page carries the site's
// SiteName/SiteDomain/SiteIDCode; a column (list) page adds ColumnName/ColumnDescription/
// ColumnKeywords/ColumnType; an article page adds ArticleTitle/PubDate/ContentSource.
//
// One finding per page, at the page, naming what is missing: the page is what a unit's
// CMS template must fix, a fixed template closes its findings on the next run, and a
// scorecard groups them by rule. Scoring is by share (pages failing / pages judged), so a
// site whose templates all lack a tag loses the rule's weight once, not once per page. A
// column page that is itself an article (依申请公开, 机构职能 as one page) is judged as a
// column page: the 指引 gives such pages the column set.

type metadataParams struct {
	Home   []string `yaml:"home"`   // required on the home page
	Column []string `yaml:"column"` // required on list pages and the portal (besides home)
	Detail []string `yaml:"detail"` // required on article pages (besides column)
	// SiteIDCode is the pattern a SiteIDCode must match (网站标识码: 10 digits, or bm +
	// 8 digits for a 部门 site).
	SiteIDCode string `yaml:"site_id_code"`
	// SkipURLs matches pages that are data, not web pages: a platform's JSON listing
	// (gkmlpt /api/) or a Hanweb dataproxy reply, stored as list pages by the crawler.
	SkipURLs string `yaml:"skip_urls"`

	idRe, skipRe *regexp.Regexp
}

func (p *metadataParams) Validate() error {
	re, err := regexp.Compile(p.SiteIDCode)
	if err != nil {
		return fmt.Errorf("site_id_code: %w", err)
	}
	p.idRe = re
	p.skipRe = nil
	if p.SkipURLs != "" {
		if p.skipRe, err = regexp.Compile(p.SkipURLs); err != nil {
			return fmt.Errorf("skip_urls: %w", err)
		}
	}
	return nil
}

var metadataMissing = register(&Rule{
	ID:  "metadata-missing",
	Doc: "pages without the national web-page metadata (SiteIDCode, ColumnName, ArticleTitle, PubDate …)",
	Params: func() any {
		return &metadataParams{
			Home:       []string{"SiteName", "SiteDomain", "SiteIDCode"},
			Column:     []string{"ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"},
			Detail:     []string{"ArticleTitle", "PubDate", "ContentSource"},
			SiteIDCode: `^(?:\d{10}|[bB][mM]\d{8})$`,
			SkipURLs:   `/gkmlpt/api/|/dataproxy\.jsp|\.json(?:\?|$)`,
		}
	},
	CheckPage: func(pass *Pass, p *facts.Page) {
		prm := pass.Params.(*metadataParams)
		var need []string
		what := ""
		switch p.Kind {
		case facts.KindHome:
			need, what = prm.Home, "home page"
		case facts.KindList, facts.KindPortal:
			need, what = metadataConcat(prm.Home, prm.Column), "column page"
		case facts.KindDetail:
			if metadataColumnPage(p, prm.Detail) {
				need, what = metadataConcat(prm.Home, prm.Column), "column page (a single-article column)"
			} else {
				need, what = metadataConcat(prm.Home, prm.Column, prm.Detail), "article page"
			}
		default:
			return
		}
		if p.Status != 0 && (p.Status < 200 || p.Status >= 300) || prm.skipRe != nil && prm.skipRe.MatchString(p.URL) {
			return
		}
		pass.Judged()
		var missing []string
		for _, n := range need {
			if strings.TrimSpace(p.Meta[n]) == "" {
				missing = append(missing, n)
			}
		}
		var problems []string
		if len(missing) > 0 {
			problems = append(problems, fmt.Sprintf("no <meta name> %s", strings.Join(missing, ", ")))
		}
		if id := strings.TrimSpace(p.Meta["SiteIDCode"]); id != "" && !prm.idRe.MatchString(id) {
			problems = append(problems, fmt.Sprintf("SiteIDCode %q is not a 网站标识码 (10 digits, or bm and 8 digits)", id))
		}
		if len(problems) == 0 {
			return
		}
		pass.Report(p.URL, p.Title, fmt.Sprintf("%s %s (政府网站网页元数据: %s requires %s)",
			what, strings.Join(problems, "; "), what, strings.Join(need, ", ")))
	},
})

// metadataColumnPage: a detail page that is a column's own page (the column link leads
// to it, its URL is a directory or index file) and carries none of the article tags.
func metadataColumnPage(p *facts.Page, detail []string) bool {
	for _, n := range detail {
		if strings.TrimSpace(p.Meta[n]) != "" {
			return false
		}
	}
	if p.ColumnURL != "" && columnKey(p.ColumnURL) == columnKey(p.URL) {
		return true
	}
	k := columnKey(p.URL)
	return strings.HasSuffix(k, "/")
}

func metadataConcat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
