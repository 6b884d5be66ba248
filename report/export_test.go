package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestResultJSON(t *testing.T) {
	fx, dir := writeFixture(t)
	raw, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The SPEC contract: an array, one object per unit, its first keys in SPEC order.
	if !bytes.HasPrefix(raw, []byte("[\n  {\n    \"site\": ")) {
		t.Errorf("result.json starts %q", raw[:40])
	}
	var units []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &units); err != nil {
		t.Fatal(err)
	}
	if len(units) != len(fx.sites) {
		t.Fatalf("%d objects, want %d", len(units), len(fx.sites))
	}
	keys := []string{"site", "as_of", "score", "grade", "pages", "started_at", "finished_at", "findings"}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.Token() // [
	dec.Token() // {
	for i := range keys {
		tok, _ := dec.Token()
		if tok != keys[i] {
			t.Errorf("key %d is %v, want %s", i, tok, keys[i])
		}
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	for _, u := range units {
		var unit, errText string
		json.Unmarshal(u["unit"], &unit)
		json.Unmarshal(u["error"], &errText)
		var findings []map[string]string
		if err := json.Unmarshal(u["findings"], &findings); err != nil {
			t.Fatal(err)
		}
		if len(findings) != fx.open[unit] {
			t.Errorf("%s: %d findings in result.json, %d open", unit, len(findings), fx.open[unit])
		}
		for _, f := range findings {
			if len(f) != 6 {
				t.Errorf("%s: finding keys %v", unit, f)
			}
		}
		if unit == "青岚县水利局" && !strings.Contains(errText, "no such host") {
			t.Errorf("水利局 error = %q", errText)
		}
		if unit == "城关镇人民政府" {
			// JSON carries the data exactly as crawled: escaping is the reader's business.
			var titles []string
			for _, f := range findings {
				titles = append(titles, f["title"])
			}
			if !contains2(titles, fxHostileScript) || !contains2(titles, fxHostileRLO) {
				t.Errorf("hostile titles not kept verbatim: %q", titles)
			}
		}
	}
}

// TestJSONArrayMatchesWriteJSONAll: result.json written unit by unit is byte for byte
// what WriteJSONAll writes for the same reports.
func TestJSONArrayMatchesWriteJSONAll(t *testing.T) {
	fx := buildStore(t)
	ctx := context.Background()
	ov, err := LoadOverview(ctx, fx.st, fx.cfg, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range ov.Units {
		if err := LoadDetail(ctx, fx.st, u); err != nil {
			t.Fatal(err)
		}
	}
	var all, streamed bytes.Buffer
	if err := WriteJSONAll(&all, ov.Units); err != nil {
		t.Fatal(err)
	}
	if err := Export(ctx, fx.st, ov, &streamed, "json"); err != nil {
		t.Fatal(err)
	}
	if all.String() != streamed.String() {
		t.Errorf("streamed result.json differs from WriteJSONAll:\n%s\n---\n%s", streamed.String()[:300], all.String()[:300])
	}
	var empty bytes.Buffer
	if err := Export(ctx, fx.st, &Overview{}, &empty, "json"); err != nil || empty.String() != "[]\n" {
		t.Errorf("no units: %q %v", empty.String(), err)
	}
}

func TestFindingsCSV(t *testing.T) {
	fx, dir := writeFixture(t)
	raw, err := os.ReadFile(filepath.Join(dir, "findings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Fatal("no UTF-8 BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(csvHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	want := 0
	for name := range fx.open {
		want += fx.open[name] + fx.fixed[name]
	}
	if len(recs)-1 != want {
		t.Errorf("%d rows, want %d (open and fixed findings)", len(recs)-1, want)
	}
	var formula, rlo bool
	for _, r := range recs[1:] {
		for _, c := range r {
			if strings.HasPrefix(strings.TrimLeft(c, " "), "=") || strings.HasPrefix(c, "+") || strings.HasPrefix(c, "@") {
				t.Errorf("cell would be a formula: %q", c)
			}
		}
		if r[9] == "'"+fxHostileFormula {
			formula = true
		}
		if strings.Contains(r[9], "[U+202E]") {
			rlo = true
		}
	}
	if !formula || !rlo {
		t.Errorf("formula title defused %v, direction override visible %v", formula, rlo)
	}
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Error("rows should end in CRLF, as Excel writes them")
	}
}

func TestWorkbook(t *testing.T) {
	fx, dir := writeFixture(t)
	f, err := excelize.OpenFile(filepath.Join(dir, "gongkai.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "排名,问题清单,分项" {
		t.Fatalf("sheets %s", got)
	}
	filters := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	for _, sheet := range f.GetSheetList() {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sheet, p, err)
		}
		if !filters[sheet] {
			t.Errorf("%s: no autofilter", sheet)
		}
		if w, _ := f.GetColWidth(sheet, "B"); w < 8 {
			t.Errorf("%s: column B width %v", sheet, w)
		}
	}

	rank, _ := f.GetRows("排名")
	if len(rank) != len(fx.sites)+1 || rank[0][0] != "排名" || rank[1][2] != "青岚县交通运输局" || rank[1][0] != "1" {
		t.Errorf("ranking sheet: %q", rank[:2])
	}
	for _, r := range rank[1:] {
		if r[2] == "青岚县卫生健康局" && !strings.Contains(r[8], "privacy-leak") {
			t.Errorf("veto column of 卫生健康局: %q", r)
		}
	}

	rows, _ := f.GetRows("问题清单")
	want := 0
	for name := range fx.open {
		want += fx.open[name] + fx.fixed[name]
	}
	if len(rows)-1 != want {
		t.Errorf("问题清单: %d rows, want %d", len(rows)-1, want)
	}
	var sawFormula, sawJS bool
	for i, r := range rows[1:] {
		cell, _ := excelize.CoordinatesToCellName(8, i+2)
		link, _ := excelize.CoordinatesToCellName(9, i+2)
		if r[7] == fxHostileFormula {
			sawFormula = true
			if fo, _ := f.GetCellFormula("问题清单", cell); fo != "" {
				t.Errorf("a title became a formula: %q", fo)
			}
		}
		hasLink, target, _ := f.GetCellHyperLink("问题清单", link)
		if strings.HasPrefix(r[8], "javascript:") {
			sawJS = true
			if hasLink {
				t.Errorf("javascript: URL linked: %q", target)
			}
		} else if strings.HasPrefix(r[8], "https://") && !strings.Contains(r[8], `"`) && (!hasLink || target != r[8]) {
			t.Errorf("row %d: URL %q not linked (%v %q)", i+2, r[8], hasLink, target)
		}
	}
	if !sawFormula || !sawJS {
		t.Errorf("hostile rows seen: formula %v javascript %v", sawFormula, sawJS)
	}
	per, _ := f.GetRows("分项")
	if len(per)-1 != 5*len(fxRules) {
		t.Errorf("分项: %d rows, want %d (5 completed units × %d rules)", len(per)-1, 5*len(fxRules), len(fxRules))
	}
}
