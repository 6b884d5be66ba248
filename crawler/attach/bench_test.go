package attach

import (
	"testing"
)

// One benchmark per format on the fixtures; the roster_1000 files are a 1000-row 名册 as
// xlsx, xls and a 20-page pdf.
func BenchmarkText(b *testing.B) {
	for _, f := range []string{
		"list.xlsx", "roster_1000.xlsx",
		"list.xls", "roster_1000.xls",
		"notice.docx", "notice.doc",
		"notice.pdf", "roster_1000.pdf",
		"notice_gbk.html", "list_gbk.csv",
	} {
		body := read(b, f)
		b.Run(f, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var out int
			for b.Loop() {
				text, _, _ := Text(f, "", body, Limits{})
				out = len(text)
			}
			b.ReportMetric(float64(out), "textbytes")
		})
	}
	b.Run("docx-20k-rows", func(b *testing.B) {
		body := bigDocx(b, 20_000)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			Text("big.docx", "", body, Limits{MaxText: 64 << 20})
		}
	})
}
