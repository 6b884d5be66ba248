package report

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// csvHeader names the columns of findings.csv (and `--format csv`): one row per
// finding, open ones (新发现, 持续存在) and those fixed since the previous audit (已整改).
var csvHeader = []string{"单位", "级别", "网站", "检查基准日", "规则", "规则名称", "严重程度", "状态", "首次发现",
	"页面标题", "页面地址", "证据", "依据"}

// WriteCSV writes the findings of several sites as CSV in UTF-8 with a BOM, so that Excel
// as installed in China opens it without garbling the Chinese.
func WriteCSV(w io.Writer, rs []*SiteReport) error {
	cw, err := newCSVWriter(w)
	if err != nil {
		return err
	}
	for _, r := range rs {
		cw.add(r)
	}
	return cw.close()
}

// csvWriter writes findings.csv one site at a time.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := &csvWriter{w: csv.NewWriter(w)}
	cw.w.UseCRLF = true // what Excel writes and expects
	cw.w.Write(csvHeader)
	return cw, nil
}

func (cw *csvWriter) add(r *SiteReport) {
	for _, f := range r.Findings {
		cw.w.Write([]string{cell(r.Name()), string(r.Site.Level), cell(r.Site.URL), r.AsOf.String(),
			f.Rule, RuleName(f.Rule), SeverityName(f.Severity), StatusName(f.Status), day(f.FirstSeen),
			cell(f.Title), cell(f.URL), cell(f.Evidence), cell(f.Basis)})
	}
}

func (cw *csvWriter) close() error {
	cw.w.Flush()
	return cw.w.Error()
}

// cell prepares crawled text for a spreadsheet cell: invisible characters shown, and
// formulas defused (CSV injection): text that starts, after any spaces, with = + - @
// or with a tab or carriage return gets a leading apostrophe, so Excel and WPS show it
// instead of evaluating it.
func cell(s string) string {
	s = visible(s)
	t := strings.TrimLeft(s, " \u3000")
	if t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		return "'" + s
	}
	return s
}

// day formats a time as its date in Asia/Shanghai ("" for the zero time).
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(facts.Shanghai).Format("2006-01-02")
}

// minute formats a time to the minute in Asia/Shanghai ("" for the zero time).
func minute(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(facts.Shanghai).Format("2006-01-02 15:04")
}
