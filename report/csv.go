package report

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes the findings of several sites as CSV in UTF-8 with a BOM, so that Excel
// as installed in China opens it without garbling the Chinese.
func WriteCSV(w io.Writer, rs []*SiteReport) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"单位", "网站", "检查基准日", "规则", "严重程度", "状态", "页面标题", "页面地址", "证据", "依据", "首次发现"})
	for _, r := range rs {
		for _, f := range r.Findings {
			first := ""
			if !f.FirstSeen.IsZero() {
				first = stamp(f.FirstSeen)
			}
			cw.Write([]string{r.Site.Name, r.Site.URL, r.AsOf.String(), f.Rule, string(f.Severity), f.Status,
				csvSafe(f.Title), f.URL, csvSafe(f.Evidence), f.Basis, first})
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formulas in crawled text (CSV injection): a cell starting
// with = + - @ is prefixed with an apostrophe.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
