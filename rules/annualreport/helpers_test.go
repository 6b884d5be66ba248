package annualreport

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

// page extracts testdata/NAME.html with the crawler's extractor, so the parser is tested
// on the grids and text real pages produce (Word-exported cells, &nbsp; blanks, spans).
func page(t *testing.T, name string) *facts.Page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://www.tongchuan-x.gov.cn/zwgk/ndbg/" + name + ".html")
	r, err := extract.HTML(u, b)
	if err != nil {
		t.Fatal(err)
	}
	return r.Page
}

// grid builds a table from rows of cells: "" blank, "^" a copy of the cell above,
// "<" a copy of the cell to the left, anything else its text.
func grid(rows ...[]string) facts.Table {
	var t facts.Table
	for r, row := range rows {
		var out []facts.Cell
		for c, s := range row {
			switch s {
			case "^":
				x := t.Rows[r-1][c]
				x.Copy = true
				out = append(out, x)
			case "<":
				x := out[c-1]
				x.Copy = true
				out = append(out, x)
			default:
				out = append(out, facts.Cell{Text: s})
			}
		}
		t.Rows = append(t.Rows, out)
	}
	return t
}
