package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// RegdocScope says which pages are 行政规范性文件; the regdoc-* rules share it.
type RegdocScope struct {
	// Columns are the column kinds (vocabulary names) that hold 行政规范性文件.
	Columns []string `yaml:"columns"`
	// TypeFields are info-table fields that state a document's kind (体裁分类, 文种 …); a
	// value containing "规范性文件" makes the page one wherever it is listed.
	TypeFields []string `yaml:"type_fields"`
	// ExcludeTitles matches titles of pages listed in those columns that are not documents
	// themselves (解读, 图解, 清理结果 …).
	ExcludeTitles string `yaml:"exclude_titles"`

	exclude *regexp.Regexp
}

func defaultRegdocScope() RegdocScope {
	return RegdocScope{
		Columns:       []string{"规范性文件"},
		TypeFields:    []string{"体裁分类", "文种", "文件类型", "公文种类", "信息类别"},
		ExcludeTitles: `解读|图解|一图读懂|答记者问|问答|目录|清理结果|清理情况`,
	}
}

func (s *RegdocScope) validate() error {
	if len(s.Columns) == 0 && len(s.TypeFields) == 0 {
		return fmt.Errorf("columns and type_fields are both empty: no page could be a 规范性文件")
	}
	if s.ExcludeTitles != "" {
		re, err := regexp.Compile(s.ExcludeTitles)
		if err != nil {
			return fmt.Errorf("exclude_titles: %w", err)
		}
		s.exclude = re
	}
	return nil
}

// isRegdoc reports whether a page is a 行政规范性文件 by the scope's definition.
func (s *RegdocScope) isRegdoc(p *facts.Page) bool {
	if p.Kind != facts.KindDetail {
		return false
	}
	if s.exclude != nil && s.exclude.MatchString(p.Title) {
		return false
	}
	if InColumn(p, s.Columns) {
		return true
	}
	for _, f := range s.TypeFields {
		if strings.Contains(p.Fields[f], "规范性文件") {
			return true
		}
	}
	return false
}

type regdocValidityParams struct {
	RegdocScope `yaml:",inline"`
	// Blank are values of an 有效性 row that mark nothing.
	Blank []string `yaml:"blank"`
}

func (p *regdocValidityParams) Validate() error { return p.RegdocScope.validate() }

var regdocValidity = register(&Rule{
	ID:  "regdoc-validity",
	Doc: "行政规范性文件 shown without an 有效性 / 有效期 mark",
	Params: func() any {
		return &regdocValidityParams{RegdocScope: defaultRegdocScope(), Blank: []string{"-", "—", "--", "/", "无", "暂无", "空"}}
	},
	CheckPage: func(pass *Pass, p *facts.Page) {
		prm := pass.Params.(*regdocValidityParams)
		if !prm.isRegdoc(p) {
			return
		}
		pass.Judged()
		mark := strings.TrimSpace(p.Validity)
		for _, b := range prm.Blank {
			if mark == b {
				pass.Report(p.URL, p.Title, fmt.Sprintf("有效性 shows %q, which marks nothing; no 有效性/有效期 mark in info table or text", mark))
				return
			}
		}
		if mark != "" {
			return
		}
		if v, ok := p.Fields["有效性"]; ok && strings.TrimSpace(v) == "" {
			pass.Report(p.URL, p.Title, "info table has an 有效性 row but it is empty; no 有效期 mark in the text either")
			return
		}
		pass.Report(p.URL, p.Title, "no 有效性/有效期 mark in info table or text")
	},
})

type timelyParams struct {
	RegdocScope `yaml:",inline"`
	// LimitWorkdays is the most working days allowed from 成文日期 to 发布日期.
	LimitWorkdays int `yaml:"limit_workdays"`
}

func (p *timelyParams) Validate() error {
	if p.LimitWorkdays < 1 {
		return fmt.Errorf("limit_workdays: must be at least 1")
	}
	return p.RegdocScope.validate()
}

var regdocPublishTimely = register(&Rule{
	ID:     "regdoc-publish-timely",
	Doc:    "规范性文件 published more than N (3) working days after signing (成文日期 → 发布日期)",
	Params: func() any { return &timelyParams{RegdocScope: defaultRegdocScope(), LimitWorkdays: 3} },
	CheckPage: func(pass *Pass, p *facts.Page) {
		prm := pass.Params.(*timelyParams)
		if !prm.isRegdoc(p) {
			return
		}
		judgeDelay(pass, p, prm.LimitWorkdays, true)
	},
})

type proactiveParams struct {
	// LimitWorkdays is the most working days allowed from 成文日期 to 发布日期.
	LimitWorkdays int `yaml:"limit_workdays"`
	// RequireWritten lists column kinds whose documents must show a 成文日期: there a
	// missing one is reported undetermined; elsewhere (news, notices) the page is skipped.
	RequireWritten []string `yaml:"require_written"`
}

func (p *proactiveParams) Validate() error {
	if p.LimitWorkdays < 1 {
		return fmt.Errorf("limit_workdays: must be at least 1")
	}
	return nil
}

var proactiveTimely = register(&Rule{
	ID:  "proactive-timely",
	Doc: "a proactively disclosed document published more than N (20) working days after it was formed",
	Params: func() any {
		return &proactiveParams{LimitWorkdays: 20, RequireWritten: []string{"规范性文件", "政策文件"}}
	},
	CheckPage: func(pass *Pass, p *facts.Page) {
		prm := pass.Params.(*proactiveParams)
		if p.Kind != facts.KindDetail {
			return
		}
		if p.Written.IsZero() && !InColumn(p, prm.RequireWritten) {
			return // not a document that states when it was formed (news, notices)
		}
		judgeDelay(pass, p, prm.LimitWorkdays, false)
	},
})

// judgeDelay reports a page whose 发布日期 is more than limit working days after its
// 成文日期, or says why it cannot tell.
func judgeDelay(pass *Pass, p *facts.Page, limit int, regdoc bool) {
	what := "document"
	if regdoc {
		what = "规范性文件"
	}
	switch {
	case p.Written.IsZero():
		pass.Undetermined(p.URL, p.Title, fmt.Sprintf("no 成文日期 on the page: cannot tell how long the %s took to publish", what))
		return
	case p.Published.IsZero():
		pass.Undetermined(p.URL, p.Title, "no 发布日期 on the page")
		return
	case p.Published.Before(p.Written):
		pass.Undetermined(p.URL, p.Title, fmt.Sprintf("发布日期 %s is before 成文日期 %s: the dates shown are inconsistent", p.Published, p.Written))
		return
	}
	n, ok := pass.Workdays(p, p.Written, p.Published)
	if !ok {
		return
	}
	pass.Judged()
	if n <= limit {
		return
	}
	src := ""
	if p.PublishedSource != "" && p.PublishedSource != "info" {
		src = " (" + sourceName(p.PublishedSource) + ")"
	}
	pass.Report(p.URL, p.Title, fmt.Sprintf("成文 %s, 发布 %s%s: %d working days > %d (%d calendar days)",
		p.Written, p.Published, src, n, limit, p.Written.DaysUntil(p.Published)))
}

func sourceName(s string) string {
	switch s {
	case "meta":
		return "from the PubDate meta"
	case "list":
		return "as shown in the column list"
	case "text":
		return "as shown above the text"
	case "json":
		return "from the platform's listing"
	}
	return s
}
