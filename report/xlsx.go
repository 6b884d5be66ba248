package report

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// gongkai.xlsx is the form in which scorecards are forwarded to units and superiors:
// one sheet per view — 排名 (the ranking), 问题清单 (every finding with its evidence),
// 分项 (each rule's points per unit) — with column widths, a frozen header row and
// an autofilter on each. Sheets are streamed (excelize's StreamWriter keeps rows on
// disk past 16 MiB), so hundreds of units with thousands of findings fit.

const (
	sheetRanking  = "排名"
	sheetFindings = "问题清单"
	sheetRules    = "分项"
	// Excel refuses cells longer than this, and more hyperlinks than about 65,530 a sheet.
	maxCellChars  = 32767
	maxHyperlinks = 60000
)

type xlsxColumn struct {
	name  string
	width float64
	wrap  bool
}

var (
	rankingColumns = []xlsxColumn{{"排名", 6, false}, {"上次排名", 8, false}, {"单位", 28, true}, {"级别", 6, false},
		{"地区", 14, false}, {"网站", 30, false}, {"得分", 7, false}, {"等级", 8, false}, {"单项否决", 22, true},
		{"较上次", 8, false}, {"问题", 7, false}, {"新增", 7, false}, {"持续存在", 9, false}, {"已整改", 8, false},
		{"无法判定", 9, false}, {"抓取页面", 9, false}, {"抓取错误", 9, false}, {"检查基准日", 12, false},
		{"检查时间", 17, false}, {"说明", 30, true}}
	findingColumns = []xlsxColumn{{"排名", 6, false}, {"单位", 24, true}, {"规则", 22, false}, {"规则名称", 20, true},
		{"严重程度", 9, false}, {"状态", 9, false}, {"首次发现", 12, false}, {"页面标题", 36, true},
		{"页面地址", 40, false}, {"证据", 60, true}, {"依据", 40, true}, {"检查基准日", 12, false}}
	ruleColumns = []xlsxColumn{{"排名", 6, false}, {"单位", 24, true}, {"规则", 22, false}, {"规则名称", 20, true},
		{"严重程度", 9, false}, {"分值", 7, false}, {"扣分方式", 14, false}, {"检查项", 8, false}, {"问题", 7, false},
		{"无法判定", 9, false}, {"得分", 7, false}, {"单项否决", 9, false}}
)

// WriteXLSX writes the workbook for reports of a live audit (with their findings).
func WriteXLSX(w io.Writer, rs []*SiteReport) error {
	x, err := newXLSXWriter()
	if err != nil {
		return err
	}
	defer x.f.Close()
	for _, r := range rs {
		if err := x.add(r); err != nil {
			return err
		}
	}
	return x.finish(w, rs)
}

type xlsxWriter struct {
	f                     *excelize.File
	findings, rules       *excelize.StreamWriter
	findingRow, ruleRow   int
	links                 int
	header, wrap, score   int // style ids
	wrapScore, plain, bad int
}

func newXLSXWriter() (*xlsxWriter, error) {
	f := excelize.NewFile()
	x := &xlsxWriter{f: f, findingRow: 1, ruleRow: 1}
	fail := func(err error) (*xlsxWriter, error) {
		f.Close()
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	if err := f.SetSheetName("Sheet1", sheetRanking); err != nil {
		return fail(err)
	}
	for _, s := range []string{sheetFindings, sheetRules} {
		if _, err := f.NewSheet(s); err != nil {
			return fail(err)
		}
	}
	f.SetActiveSheet(0)
	f.SetDocProps(&excelize.DocProperties{Title: "政府信息公开检查结果", Creator: "gongkai", Language: "zh-CN"})
	var err error
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&x.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF4"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "5B6B7B", Style: 1}}}},
		{&x.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&x.plain, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&x.score, excelize.Style{NumFmt: 0, CustomNumFmt: ptr("0.0"), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&x.bad, excelize.Style{Font: &excelize.Font{Bold: true, Color: "B71C1C"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	}
	for _, s := range styles {
		if *s.id, err = f.NewStyle(&s.s); err != nil {
			return fail(err)
		}
	}
	if x.findings, err = x.stream(sheetFindings, findingColumns); err != nil {
		return fail(err)
	}
	if x.rules, err = x.stream(sheetRules, ruleColumns); err != nil {
		return fail(err)
	}
	return x, nil
}

func ptr[T any](v T) *T { return &v }

// stream opens a sheet's stream writer with its widths, frozen header row and header.
func (x *xlsxWriter) stream(sheet string, cols []xlsxColumn) (*excelize.StreamWriter, error) {
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: x.header, Value: c.name}
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{Height: 20})
}

// row styles the values of one row by their columns (wrapped text or not; scores).
func (x *xlsxWriter) row(cols []xlsxColumn, vals []any) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		style := x.plain
		switch {
		case cols[i].wrap:
			style = x.wrap
		case cols[i].name == "得分" || cols[i].name == "较上次":
			if _, ok := v.(float64); ok {
				style = x.score
			}
		}
		if s, ok := v.(string); ok {
			v = xlsxText(s)
		}
		out[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return out
}

// xlsxText prepares crawled text for a cell. A string cell is never a formula in a
// workbook, so no apostrophe is needed; invisible characters are shown and the text
// is cut to the cell limit.
func xlsxText(s string) string {
	s = visible(s)
	if utf8.RuneCountInString(s) > maxCellChars {
		r := []rune(s)
		s = string(r[:maxCellChars-1]) + "…"
	}
	return s
}

// add writes one unit's findings and per-rule points.
func (x *xlsxWriter) add(r *SiteReport) error {
	rank := any("")
	if r.Rank > 0 {
		rank = r.Rank
	}
	for _, f := range r.Findings {
		x.findingRow++
		cellRef, _ := excelize.CoordinatesToCellName(1, x.findingRow)
		vals := []any{rank, r.Name(), f.Rule, RuleName(f.Rule), SeverityName(f.Severity), StatusName(f.Status), day(f.FirstSeen),
			f.Title, f.URL, f.Evidence, f.Basis, r.AsOf.String()}
		if err := x.findings.SetRow(cellRef, x.row(findingColumns, vals)); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if href := safeHref(f.URL); href != "" && x.links < maxHyperlinks {
			linkRef, _ := excelize.CoordinatesToCellName(9, x.findingRow)
			if err := x.f.SetCellHyperLink(sheetFindings, linkRef, href, "External"); err == nil {
				x.links++
			}
		}
	}
	for _, rp := range r.Score.Rules {
		x.ruleRow++
		cellRef, _ := excelize.CoordinatesToCellName(1, x.ruleRow)
		earned := any("不计分")
		if rp.Scored {
			earned = round1(rp.Earned)
		}
		veto := ""
		if rp.Veto {
			veto = "是"
		}
		vals := []any{rank, r.Name(), rp.ID, RuleName(rp.ID), SeverityName(rp.Severity), rp.Weight, penaltyName(rp),
			rp.Judged, rp.Findings, rp.Undetermined, earned, veto}
		if err := x.rules.SetRow(cellRef, x.row(ruleColumns, vals)); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	return nil
}

// finish writes the ranking sheet, adds the autofilters and writes the workbook.
func (x *xlsxWriter) finish(w io.Writer, units []*SiteReport) error {
	sw, err := x.stream(sheetRanking, rankingColumns)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, r := range units {
		cellRef, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cellRef, x.rankingRow(r)); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	for _, s := range []struct {
		name string
		cols int
		rows int
	}{{sheetRanking, len(rankingColumns), len(units) + 1}, {sheetFindings, len(findingColumns), x.findingRow},
		{sheetRules, len(ruleColumns), x.ruleRow}} {
		last, _ := excelize.CoordinatesToCellName(s.cols, s.rows)
		if err := x.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("xlsx: autofilter %s: %w", s.name, err)
		}
	}
	for _, s := range []*excelize.StreamWriter{sw, x.findings, x.rules} {
		if err := s.Flush(); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := x.f.Write(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

func (x *xlsxWriter) rankingRow(r *SiteReport) []any {
	opt := func(ok bool, v any) any {
		if ok {
			return v
		}
		return ""
	}
	t := r.Counts()
	undet := 0
	for _, rp := range r.Score.Rules {
		undet += rp.Undetermined
	}
	veto := ""
	for i, id := range r.VetoRules() {
		if i > 0 {
			veto += "、"
		}
		veto += ruleLabel(id)
	}
	delta, hasDelta := r.Delta()
	note := r.Failed
	if a := r.LastAttempt; a != nil && r.Completed {
		note = fmt.Sprintf("最近一次检查（%s）%s：%s", minute(a.StartedAt), runStatusName(a.Status), a.Err)
	}
	vals := []any{opt(r.Rank > 0, r.Rank), opt(r.PrevRank > 0, r.PrevRank), r.Name(), string(r.Site.Level), r.Site.Region,
		r.Site.URL, opt(r.Completed, r.Score.Score), opt(r.Completed, r.Score.Grade), veto, opt(hasDelta, delta),
		t.Open, t.New, t.Persisting, t.Fixed, undet, r.Pages, r.CrawlErrors(), r.AsOf.String(), minute(r.FinishedAt), note}
	out := x.row(rankingColumns, vals)
	if veto != "" {
		out[8] = excelize.Cell{StyleID: x.bad, Value: veto}
	}
	return out
}

// ruleLabel is "id（中文名）", or the id alone.
func ruleLabel(id string) string {
	if n := RuleName(id); n != "" {
		return id + "（" + n + "）"
	}
	return id
}
