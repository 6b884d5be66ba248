package demosite

import "html/template"

// The site is generated from three tables: units (issuing bodies), columns (the column
// tree) and docs (one row per article). A planted case is a row with Expect set; a new
// rule adds its cases by adding rows (or a sitePlant), never by editing templates.

// unit is an issuing body: the 发布机构 of an info box and the prefix of its 文号.
type unit struct {
	Name  string // 青岚县人力资源和社会保障局
	Short string // 文号 prefix: 青人社
	Code  string // 统一社会信用代码, the first part of every 索引号 it issues
	// Recipients is the 主送机关 line its notices start with.
	Recipients string
	// Approval says how its documents were adopted (used by the 印发 wrapper).
	Approval string
}

// listStyle is how a column lists its entries.
type listStyle int

const (
	listUL    listStyle = iota // <ul><li><a title="full">truncated…</a><span>2025-05-30</span></li>
	listTable                  // TRS table: 名称 | 索引号 | 发布机构 | 发布日期
)

// pagerStyle is how a paginated list reveals its other pages.
type pagerStyle int

const (
	pagerTRS      pagerStyle = iota // only createPageHTML(n, cur, "index", "html") in a <script>
	pagerNext                       // only 首页 / 上一页 / 下一页 anchors (no page numbers, no 尾页)
	pagerNumbered                   // plain anchors: 1 2 3 … 下一页 尾页
)

// infoStyle is the markup of a detail page's info box (索引号 / 发布机构 / 成文日期 …).
type infoStyle int

const (
	infoDefault infoStyle = iota // a doc: its column's style
	infoTable                    // <table class="xxgk-info"> with <th>label：</th><td>value</td>, two pairs a row
	infoBox                      // Handan TRS: <p><strong>label</strong>：value</p> in two floated halves
	infoGovCN                    // www.gov.cn: <td><b>索　引　号：</b></td>, 发文机关 / 发文字号 / 时　　效
	infoList                     // <ul class="xxgk-head"><li><em>label：</em><span>value</span></li>
	infoNone                     // no info box at all (news, single pages)
)

// rowMode says how an info-box row is shown.
type rowMode int

const (
	rowShown     rowMode = iota // label and value
	rowEmpty                    // label with an empty value
	rowCommented                // the whole row inside <!-- … --> (counts as absent)
)

// column is one node of the site's column tree.
type column struct {
	Key    string // stable id, also used by docs
	Name   string // as shown in menus and in the ColumnName meta
	Path   string // "/zwgk/gfxwj/"; the list lives at Path and Path+"index.html"
	Parent string // parent column key, "" for top-level
	// Desc, Keywords, Type fill ColumnDescription / ColumnKeywords / ColumnType.
	Desc, Keywords, Type string

	List    listStyle
	Pager   pagerStyle
	PerPage int       // entries per list page; 0 = all on one page
	Info    infoStyle // default info box for its documents
	GBK     bool      // list and detail pages served as GBK bytes, charset only in <meta>

	// Landing: the column page shows its child columns with their latest entries instead
	// of a list of its own.
	Landing bool
	// Single: the column page is one article (依申请公开, 走进青岚 …), built from Body.
	Single bool
	Body   string // for Single columns, in the body markup (see body.go)

	// Portal: part of the 政府信息公开 section (shown in the portal's column tree).
	Portal bool
}

// doc is one article. Only Col, Title, Unit and Pub are required.
type doc struct {
	Key   string // stable id for cross references (解读 → 文件) and the TRS article id; default Col+Title
	Col   string // column key
	Title string
	Unit  string // issuing unit key (units table): 发布机构 / ContentSource
	// Written is the 成文日期 ("2025-03-03"); "" means the page has no 成文日期 at all.
	// WrittenRow decides how the row is shown (rowCommented: present only inside a comment).
	Written    string
	WrittenRow rowMode
	Pub        string // 发布日期 ("2025-03-10"); also the PubDate meta and the list date
	PubTime    string // time of day in the PubDate meta ("09:30"); "" for a date-only meta
	// Series makes a 文号: unit.Short + Series + 〔year〕 + n + 号, numbered per series and
	// year in 成文 order ("规" → 青政规〔2025〕3号). Number overrides it; "无" shows 无.
	Series string
	Number string
	Topic  string // 主题分类

	// Validity is the 有效性 row's value (under ValidityLabel, default 有效性);
	// "" with ValidityRow rowShown means no row at all.
	Validity      string
	ValidityLabel string
	ValidityRow   rowMode

	Info infoStyle // overrides the column's default info box style

	// Body is the article text in the body markup (body.go). Titles of the form
	// 关于印发《X》的通知 get the 印发 wrapper (主送, adoption sentence, signature, date)
	// and Body becomes X's text. Closing is the last article / paragraph (the 施行 clause:
	// the only place a text-only 有效期 appears).
	Body    string
	Closing string
	// Recipients overrides the unit's 主送机关 line; "-" for none (公告, 通告).
	Recipients string
	// SignDate is the date under the signature; default Written, else Pub.
	SignDate string
	NoSign   bool // news, Q&A … end without signature block
	// Raw is pre-rendered body HTML (年报, 公示 tables); Body is then ignored.
	Raw template.HTML

	Attach     []attachment
	Interprets string // for a 政策解读: the key of the document it interprets
	Form       string // the interpretation's form: 文字, 图解, 问答
	Image      string // for 图解: alt text of the generated picture

	Expect []plant // planted answers for rules about this page
}

// attachment is a file linked from a document ("附件：1. 名称.docx").
type attachment struct {
	Name string // shown name without extension
	Ext  string // docx, xlsx, doc, pdf
	// Lines become paragraphs (docx); Rows become the sheet (xlsx) or a table (docx).
	Lines []string
	Rows  [][]string
	// Missing: the link is published but the file is gone (a planted broken link).
	Missing bool
}

// plant is one planted answer on the page of the doc that carries it.
type plant struct {
	Rule      string
	Violation bool
	// WorkDays, for timing rules, is the number of working days in (成文, 发布] by the
	// official calendar; the Note then starts with "成文 A, 发布 B: N working days".
	// The package test recomputes it from shared/data/holidays. -1: not a timing case.
	WorkDays int
	Note     string
	// File, when set, names an attachment of the doc (its Name): the answer is about the
	// file's URL, not the page's (a leak in a 名册 attachment).
	File string
}

// sitePlant is a planted answer about a column (something missing or present).
type sitePlant struct {
	Rule      string
	Col       string // the column whose path the finding is about
	Violation bool
	Note      string
}

// Helpers that keep the doc tables readable.

func violation(rule, note string) plant {
	return plant{Rule: rule, Violation: true, WorkDays: -1, Note: note}
}
func lookalike(rule, note string) plant {
	return plant{Rule: rule, Violation: false, WorkDays: -1, Note: note}
}

// timing plants a regdoc-publish-timely (limit 3) or proactive-timely (limit 20) case;
// whether it is a violation follows from n and the rule's limit.
func timing(rule string, n int, why string) plant {
	return plant{Rule: rule, Violation: n > timingLimit[rule], WorkDays: n, Note: why}
}

// timingLimit is the largest number of working days still on time, per timing rule.
var timingLimit = map[string]int{
	ruleRegdocPublishTimely: 3,
	ruleProactiveTimely:     20,
}

// Rule ids of the planted cases, as SPEC names them.
const (
	ruleRegdocValidity         = "regdoc-validity"
	ruleRegdocPublishTimely    = "regdoc-publish-timely"
	ruleProactiveTimely        = "proactive-timely"
	ruleBrokenLink             = "broken-link"
	ruleAnnualReportMissing    = "annual-report-missing"
	ruleAnnualReportLate       = "annual-report-late"
	ruleAnnualReportSections   = "annual-report-sections"
	ruleAnnualReportArithmetic = "annual-report-arithmetic"
	ruleAnnualReportDuplicate  = "annual-report-duplicate"
	ruleGuideMissing           = "guide-missing"
	ruleDecisionCatalog        = "decision-catalog-missing"
	ruleAgriSubsidyResults     = "agri-subsidy-results"
	ruleConsultationFeedback   = "consultation-feedback"
	ruleInterpretationMissing  = "interpretation-missing"
	ruleInterpretationTimely   = "interpretation-timely"
	ruleInterpretationForms    = "interpretation-forms"
	ruleInterpretationCopy     = "interpretation-copy"
)
