package attach

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsx (and WPS's xlsx-based .et) through excelize, which applies each cell's number
// format: the text is what a person opening the file sees. An 18-digit ID typed as text
// comes out whole; typed as a number it was rounded by Excel to 15 digits on entry and
// shows as 5.10722E+17 — we report it as shown and say so in a note.

// sciNumber matches the way General shows a long number.
var sciNumber = regexp.MustCompile(`^-?\d(\.\d+)?E\+\d{2}$`)

func extractXLSX(j *job, body []byte) error {
	if _, err := openZip(j, body); err != nil { // bombs and broken zips, before excelize
		return err
	}
	// UnzipXMLSizeLimit = UnzipSizeLimit: excelize would otherwise spill large sheets to
	// temporary files, and this package does no I/O beyond the bytes it is given.
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{
		UnzipSizeLimit:    j.lim.MaxUncompressed,
		UnzipXMLSizeLimit: j.lim.MaxUncompressed,
	})
	if err != nil {
		return fmt.Errorf("%s: %s", j.kind, excelizeReason(err))
	}
	defer f.Close()
	cells, longNums := 0, 0
	for _, sheet := range f.GetSheetList() {
		if err := j.check(); err != nil {
			return err
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			j.note("%s: sheet %s unreadable (%v)", j.kind, sheet, firstLine(err.Error()))
			continue
		}
		wrote := false
		for r := 1; rows.Next(); r++ {
			if err := j.check(); err != nil {
				rows.Close()
				return err
			}
			cols, err := rows.Columns()
			if err != nil {
				j.note("%s: sheet %s: row %d unreadable (%v)", j.kind, sheet, r, firstLine(err.Error()))
				break
			}
			last := len(cols)
			for last > 0 && strings.TrimSpace(cols[last-1]) == "" {
				last--
			}
			if last == 0 {
				continue
			}
			for c, v := range cols[:last] {
				if v == "" {
					continue
				}
				cells++
				if cells > j.lim.MaxCells {
					rows.Close()
					return fmt.Errorf("%s: more than %d cells: too large", j.kind, j.lim.MaxCells)
				}
				if isLongNumberCell(f, sheet, c+1, r, v) {
					longNums++
				}
				v = excelGeneral(v)
				cols[c] = flattenCell(v)
			}
			j.out.WriteString(strings.Join(cols[:last], "\t"))
			j.out.newline()
			wrote = true
		}
		if err := rows.Close(); err != nil {
			j.note("%s: sheet %s: %v", j.kind, sheet, firstLine(err.Error()))
		}
		if wrote {
			j.out.WriteString("\n") // a blank line between sheets
		}
	}
	if longNums > 0 {
		j.note("%s", longNumberNote(j.kind, longNums))
	}
	return nil
}

// isLongNumberCell: a number of 16 or more digits, which Excel stored with 15 significant
// digits — shown in scientific notation, or as digits ending in zeros with an integer
// format. A text cell with 16+ digits keeps digits past the 15th, so only digit runs
// ending in zeros need the cell type (asking for it parses the whole sheet once).
func isLongNumberCell(f *excelize.File, sheet string, col, row int, shown string) bool {
	if sciNumber.MatchString(shown) {
		v, err := strconv.ParseFloat(shown, 64)
		return err == nil && math.Abs(v) >= 1e15
	}
	if len(shown) < 16 || strings.Trim(shown, "0123456789") != "" || strings.Trim(shown[15:], "0") != "" {
		return false
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	t, err := f.GetCellType(sheet, ref)
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
}

// excelGeneral shows a number excelize printed in full scientific form
// (5.10722197208081E+17) as Excel's General format does in a cell (5.10722E+17).
func excelGeneral(v string) string {
	if !sciNumber.MatchString(v) {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return generalNumber(f)
}

func excelizeReason(err error) string {
	switch {
	case strings.Contains(err.Error(), "unzip size"):
		return "too large: inflates past the limit (zip bomb?)"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "not a workbook excelize can open"
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return "encrypted (password-protected workbook)"
	}
	return "unreadable workbook (" + firstLine(err.Error()) + ")"
}
