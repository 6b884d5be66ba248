package attach

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Excel 97–2003 (.xls, and WPS's .et, which is the same format) per [MS-XLS]: the Workbook
// stream is a sequence of records. The globals hold the shared string table (SST, split
// over CONTINUE records), the number formats (FORMAT, XF) and the sheet list (BOUNDSHEET8);
// each sheet's cells follow as LABELSST/LABEL/RSTRING (text), NUMBER/RK/MULRK (numbers)
// and FORMULA (+STRING) records. Numbers are shown the way Excel shows them, so an ID
// typed as a number comes out as 5.10722E+17, as the reader of the file sees it. Excel 95
// (BIFF5, stream "Book") keeps 8-bit strings in the workbook's code page; those are read too.

const (
	recFORMULA    = 0x0006
	recEOF        = 0x000A
	recDATEMODE   = 0x0022
	recFILEPASS   = 0x002F
	recCONTINUE   = 0x003C
	recCODEPAGE   = 0x0042
	recBOUNDSHEET = 0x0085
	recMULRK      = 0x00BD
	recRSTRING    = 0x00D6
	recXF         = 0x00E0
	recSST        = 0x00FC
	recLABELSST   = 0x00FD
	recNUMBER     = 0x0203
	recLABEL      = 0x0204
	recBOOLERR    = 0x0205
	recSTRING     = 0x0207
	recRK         = 0x027E
	recFORMAT     = 0x041E
	recBOF        = 0x0809
)

type xlsRecord struct {
	typ  uint16
	data []byte
	pos  int // offset of the record header in the stream
}

type xlsBook struct {
	j        *job
	biff8    bool
	codepage encoding.Encoding
	sst      []string
	xfFmt    []uint16          // XF index → format index
	formats  map[uint16]string // custom format codes
	date1904 bool
	sheets   []xlsSheet
	longNums int // cells holding 16+ digit numbers: IDs or card numbers typed as numbers
}

type xlsSheet struct {
	name string
	pos  uint32
	typ  byte // 0 worksheet, 1 macro, 2 chart, 6 VBA
}

type xlsCell struct {
	row, col uint16
	text     string
}

func extractXLS(j *job, o *oleFile, fileSize int) error {
	name := "Workbook"
	for _, n := range []string{"Workbook", "WORKBOOK", "Book", "BOOK"} {
		if o.has(n) {
			name = n
			break
		}
	}
	wb, err := o.read(name, fileSize, j.lim.MaxUncompressed)
	if err != nil && len(wb) == 0 {
		return fmt.Errorf("%s: %v", j.kind, err)
	}
	if err != nil {
		j.note("%s: %v", j.kind, err)
	}
	b := &xlsBook{j: j, formats: map[uint16]string{}, codepage: charmap.Windows1252}
	return b.read(wb)
}

// records splits a BIFF stream; a record running past the end is cut, not fatal.
func xlsRecords(s []byte) []xlsRecord {
	var recs []xlsRecord
	for off := 0; off+4 <= len(s); {
		typ := binary.LittleEndian.Uint16(s[off:])
		n := int(binary.LittleEndian.Uint16(s[off+2:]))
		end := min(off+4+n, len(s))
		recs = append(recs, xlsRecord{typ, s[off+4 : end], off})
		off = end
	}
	return recs
}

func (b *xlsBook) read(s []byte) error {
	recs := xlsRecords(s)
	if len(recs) == 0 || recs[0].typ != recBOF {
		if len(recs) > 0 && (recs[0].typ == 0x0009 || recs[0].typ == 0x0209 || recs[0].typ == 0x0409) {
			return fmt.Errorf("%s: Excel 2–4 format: text not extracted", b.j.kind)
		}
		return fmt.Errorf("%s: Workbook stream without a BIFF header", b.j.kind)
	}
	if d := recs[0].data; len(d) >= 2 {
		b.biff8 = binary.LittleEndian.Uint16(d) == 0x0600
	}
	// Globals: up to the first EOF.
	i := 1
	for ; i < len(recs); i++ {
		r := recs[i]
		if r.typ == recEOF {
			break
		}
		switch r.typ {
		case recFILEPASS:
			return fmt.Errorf("%s: encrypted (password-protected Excel file)", b.j.kind)
		case recCODEPAGE:
			if len(r.data) >= 2 {
				b.codepage = codepageEncoding(binary.LittleEndian.Uint16(r.data))
			}
		case recDATEMODE:
			b.date1904 = len(r.data) >= 2 && r.data[0] == 1
		case recFORMAT:
			b.format(r.data)
		case recXF:
			if len(r.data) >= 4 {
				b.xfFmt = append(b.xfFmt, binary.LittleEndian.Uint16(r.data[2:]))
			}
		case recBOUNDSHEET:
			b.boundsheet(r.data)
		case recSST:
			var cont [][]byte
			for k := i + 1; k < len(recs) && recs[k].typ == recCONTINUE; k++ {
				cont = append(cont, recs[k].data)
			}
			if err := b.readSST(r.data, cont); err != nil {
				b.j.note("%s: shared strings: %v", b.j.kind, err)
			}
		}
	}
	// Sheets: by the offsets BOUNDSHEET gives, else in stream order after the globals.
	starts := map[int]int{} // stream offset → record index
	for k, r := range recs {
		if r.typ == recBOF {
			starts[r.pos] = k
		}
	}
	var order []int
	for _, sh := range b.sheets {
		if k, ok := starts[int(sh.pos)]; ok && sh.typ == 0 && k > i {
			order = append(order, k)
		}
	}
	if len(order) == 0 {
		for k := i + 1; k < len(recs); k++ {
			if recs[k].typ == recBOF {
				order = append(order, k)
			}
		}
	}
	cells := 0
	for _, k := range order {
		n, err := b.sheet(recs, k, &cells)
		if err != nil {
			return err
		}
		if n > 0 {
			b.j.out.newline()
			b.j.out.WriteString("\n") // a blank line between sheets
		}
	}
	if cells == 0 && len(b.sst) > 0 {
		// The cells could not be placed (odd writer, damaged sheet records): the strings
		// alone still carry the names and ID numbers of a 名册.
		b.j.note("%s: cells not found; shared strings listed instead", b.j.kind)
		for _, s := range b.sst {
			if err := b.j.check(); err != nil {
				return err
			}
			b.j.out.WriteString(s)
			b.j.out.newline()
		}
	}
	if b.longNums > 0 {
		b.j.note("%s", longNumberNote(b.j.kind, b.longNums))
	}
	return nil
}

func longNumberNote(kind string, n int) string {
	return fmt.Sprintf("%s: %d cells hold numbers of 16+ digits stored as numbers (shown as Excel shows them; "+
		"digits past the 15th are lost, so ID or card numbers there cannot be verified)", kind, n)
}

func (b *xlsBook) boundsheet(d []byte) {
	if len(d) < 8 {
		return
	}
	sh := xlsSheet{pos: binary.LittleEndian.Uint32(d), typ: d[5]}
	if b.biff8 {
		sh.name, _ = b.shortString(d[6:])
	} else if n := int(d[6]); 7+n <= len(d) {
		sh.name = b.decode8(d[7 : 7+n])
	}
	b.sheets = append(b.sheets, sh)
}

func (b *xlsBook) format(d []byte) {
	if len(d) < 3 {
		return
	}
	id := binary.LittleEndian.Uint16(d)
	var s string
	if b.biff8 {
		s, _, _ = b.unicodeString(d[2:])
	} else if n := int(d[2]); 3+n <= len(d) {
		s = b.decode8(d[3 : 3+n])
	}
	b.formats[id] = s
}

// sheet writes the cells of the sheet whose BOF is recs[k], row by row.
func (b *xlsBook) sheet(recs []xlsRecord, k int, cells *int) (int, error) {
	var list []xlsCell
	add := func(row, col uint16, s string) error {
		if s == "" {
			return nil
		}
		*cells++
		if *cells > b.j.lim.MaxCells {
			return fmt.Errorf("%s: more than %d cells: too large", b.j.kind, b.j.lim.MaxCells)
		}
		list = append(list, xlsCell{row, col, s})
		return nil
	}
	var err error
	for k++; k < len(recs) && err == nil; k++ {
		if err = b.j.check(); err != nil {
			break
		}
		r := recs[k]
		d := r.data
		switch r.typ {
		case recEOF, recBOF:
			k = len(recs)
			continue
		case recLABELSST:
			if len(d) >= 10 {
				idx := binary.LittleEndian.Uint32(d[6:])
				if int(idx) < len(b.sst) {
					err = add(rc(d), cc(d), b.sst[idx])
				}
			}
		case recLABEL, recRSTRING:
			if len(d) >= 8 {
				var s string
				if b.biff8 {
					s, _, _ = b.unicodeString(d[6:])
				} else if n := int(binary.LittleEndian.Uint16(d[6:])); 8+n <= len(d) {
					s = b.decode8(d[8 : 8+n])
				}
				err = add(rc(d), cc(d), s)
			}
		case recNUMBER:
			if len(d) >= 14 {
				v := math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))
				err = add(rc(d), cc(d), b.number(v, binary.LittleEndian.Uint16(d[4:])))
			}
		case recRK:
			if len(d) >= 10 {
				err = add(rc(d), cc(d), b.number(rk(binary.LittleEndian.Uint32(d[6:])), binary.LittleEndian.Uint16(d[4:])))
			}
		case recMULRK:
			if len(d) >= 6 {
				row, col := rc(d), cc(d)
				for p := 4; p+6 <= len(d)-2 && err == nil; p += 6 {
					xf := binary.LittleEndian.Uint16(d[p:])
					err = add(row, col, b.number(rk(binary.LittleEndian.Uint32(d[p+2:])), xf))
					col++
				}
			}
		case recFORMULA:
			if len(d) >= 14 {
				row, col, xf := rc(d), cc(d), binary.LittleEndian.Uint16(d[4:])
				res := d[6:14]
				if res[6] == 0xFF && res[7] == 0xFF {
					switch res[0] {
					case 0: // string result in the following STRING record
						if k+1 < len(recs) && recs[k+1].typ == recSTRING {
							var cont [][]byte
							for m := k + 2; m < len(recs) && recs[m].typ == recCONTINUE; m++ {
								cont = append(cont, recs[m].data)
							}
							s := b.stringRecord(recs[k+1].data, cont)
							err = add(row, col, s)
						}
					case 1:
						err = add(row, col, map[bool]string{true: "TRUE", false: "FALSE"}[res[2] != 0])
					}
				} else {
					err = add(row, col, b.number(math.Float64frombits(binary.LittleEndian.Uint64(res)), xf))
				}
			}
		case recBOOLERR:
			if len(d) >= 8 && d[7] == 0 {
				err = add(rc(d), cc(d), map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0])
			}
		}
	}
	// Records come in row order in files Excel writes, but nothing guarantees it.
	slices.SortStableFunc(list, func(a, c xlsCell) int {
		if a.row != c.row {
			return int(a.row) - int(c.row)
		}
		return int(a.col) - int(c.col)
	})
	writeGrid(&b.j.out, len(list), func(i int) (int, int, string) { return int(list[i].row), int(list[i].col), list[i].text })
	return len(list), err
}

// writeGrid writes cells sorted by row then column: tabs between the cells of a row
// (empty cells keep their tab, so columns stay aligned), a newline after each row.
func writeGrid(out *textOut, n int, cell func(int) (row, col int, text string)) {
	curRow, curCol := -1, 0
	for i := 0; i < n; i++ {
		row, col, s := cell(i)
		if row != curRow {
			out.newline()
			curRow, curCol = row, 0
		}
		if col > curCol {
			out.WriteString(strings.Repeat("\t", min(col-curCol, 64)))
		}
		out.WriteString(flattenCell(s))
		curCol = col
	}
	out.newline()
}

// flattenCell keeps a cell on one line: line breaks inside it become spaces.
func flattenCell(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func rc(d []byte) uint16 { return binary.LittleEndian.Uint16(d) }
func cc(d []byte) uint16 { return binary.LittleEndian.Uint16(d[2:]) }

// rk decodes Excel's compact number: a 30-bit integer or the high bits of a double,
// optionally divided by 100.
func rk(v uint32) float64 {
	var f float64
	if v&2 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&^3) << 32)
	}
	if v&1 != 0 {
		f /= 100
	}
	return f
}

// sstReader reads across the CONTINUE records an SST or STRING record is split into. When
// a string's characters run over a record boundary, the next record starts with a fresh
// option byte that says whether the rest is 8- or 16-bit.
type sstReader struct {
	segs [][]byte
	seg  int
	off  int
}

var errShort = errors.New("record data cut short")

func (r *sstReader) avail() int {
	for r.seg < len(r.segs) && r.off >= len(r.segs[r.seg]) {
		r.seg++
		r.off = 0
	}
	if r.seg >= len(r.segs) {
		return 0
	}
	return len(r.segs[r.seg]) - r.off
}

func (r *sstReader) bytes(n int) ([]byte, error) {
	var out []byte
	for n > 0 {
		a := r.avail()
		if a == 0 {
			return nil, errShort
		}
		k := min(a, n)
		out = append(out, r.segs[r.seg][r.off:r.off+k]...)
		r.off += k
		n -= k
	}
	return out, nil
}

func (r *sstReader) u8() (byte, error) {
	b, err := r.bytes(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (r *sstReader) u16() (uint16, error) {
	b, err := r.bytes(2)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b), nil
}

func (r *sstReader) u32() (uint32, error) {
	b, err := r.bytes(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

// xlUnicode reads an XLUnicodeRichExtendedString whose 16-bit length is next.
func (r *sstReader) xlUnicode() (string, error) {
	cch, err := r.u16()
	if err != nil {
		return "", err
	}
	flags, err := r.u8()
	if err != nil {
		return "", err
	}
	var runs uint16
	var ext uint32
	if flags&0x08 != 0 {
		if runs, err = r.u16(); err != nil {
			return "", err
		}
	}
	if flags&0x04 != 0 {
		if ext, err = r.u32(); err != nil {
			return "", err
		}
	}
	high := flags&0x01 != 0
	u := make([]uint16, 0, min(int(cch), 4096))
	seg := r.seg
	for left := int(cch); left > 0; {
		a := r.avail()
		if a == 0 {
			return string(utf16.Decode(u)), errShort
		}
		if r.seg != seg { // characters continue in a new record, after a fresh option byte
			seg = r.seg
			f, _ := r.u8()
			high = f&0x01 != 0
			continue
		}
		w := 1
		if high {
			w = 2
		}
		k := min(left, a/w)
		if k == 0 { // a 16-bit character split over records: skip the odd byte
			r.off++
			continue
		}
		chars := r.segs[r.seg][r.off : r.off+k*w]
		for i := 0; i < k; i++ {
			if high {
				u = append(u, binary.LittleEndian.Uint16(chars[i*2:]))
			} else {
				u = append(u, uint16(chars[i]))
			}
		}
		r.off += k * w
		left -= k
	}
	if _, err := r.bytes(int(runs)*4 + int(ext)); err != nil {
		return string(utf16.Decode(u)), nil // the formatting runs are not needed
	}
	return string(utf16.Decode(u)), nil
}

func (b *xlsBook) readSST(first []byte, cont [][]byte) error {
	if len(first) < 8 {
		return errShort
	}
	unique := binary.LittleEndian.Uint32(first[4:])
	r := &sstReader{segs: append([][]byte{first[8:]}, cont...)}
	limit := min(int(unique), b.j.lim.MaxCells)
	for i := 0; i < limit; i++ {
		if err := b.j.check(); err != nil {
			return err
		}
		s, err := r.xlUnicode()
		if err != nil {
			if s != "" {
				b.sst = append(b.sst, s)
			}
			return fmt.Errorf("%d of %d strings read", len(b.sst), unique)
		}
		b.sst = append(b.sst, s)
	}
	return nil
}

// unicodeString reads an XLUnicodeString (16-bit length) inside one record.
func (b *xlsBook) unicodeString(d []byte) (string, int, error) {
	r := &sstReader{segs: [][]byte{d}}
	s, err := r.xlUnicode()
	return s, 0, err
}

// shortString reads a ShortXLUnicodeString (8-bit length).
func (b *xlsBook) shortString(d []byte) (string, error) {
	if len(d) < 2 {
		return "", errShort
	}
	n, high := int(d[0]), d[1]&1 != 0
	d = d[2:]
	if !high {
		if n > len(d) {
			n = len(d)
		}
		u := make([]uint16, n)
		for i := range u {
			u[i] = uint16(d[i])
		}
		return string(utf16.Decode(u)), nil
	}
	if 2*n > len(d) {
		n = len(d) / 2
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(d[i*2:])
	}
	return string(utf16.Decode(u)), nil
}

func (b *xlsBook) stringRecord(d []byte, cont [][]byte) string {
	if !b.biff8 {
		if len(d) >= 2 {
			n := int(binary.LittleEndian.Uint16(d))
			return b.decode8(d[2:min(len(d), 2+n)])
		}
		return ""
	}
	r := &sstReader{segs: append([][]byte{d}, cont...)}
	s, _ := r.xlUnicode()
	return s
}

func (b *xlsBook) decode8(d []byte) string {
	s, err := b.codepage.NewDecoder().Bytes(d)
	if err != nil {
		return string(d)
	}
	return string(s)
}

func codepageEncoding(cp uint16) encoding.Encoding {
	switch cp {
	case 936:
		return simplifiedchinese.GBK
	case 950:
		return traditionalchinese.Big5
	case 1200:
		return charmap.Windows1252 // "UTF-16": BIFF8 strings carry their own flag
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	}
	return charmap.Windows1252
}

// number shows v as Excel would with the cell's format: General (at most 11 characters,
// then scientific: 5.10722E+17), integer "0" (15 significant digits, then zeros),
// fixed decimals, percentages and dates.
func (b *xlsBook) number(v float64, xf uint16) string {
	var fmtID uint16
	if int(xf) < len(b.xfFmt) {
		fmtID = b.xfFmt[xf]
	}
	code, ok := b.formats[fmtID]
	if !ok {
		code = builtinFormat(fmtID)
	}
	s := formatNumber(v, code, b.date1904)
	if math.Abs(v) >= 1e15 && math.Trunc(v) == v {
		b.longNums++ // 16+ digits: Excel kept 15 of them
	}
	return s
}

func builtinFormat(id uint16) string {
	switch id {
	case 1:
		return "0"
	case 2:
		return "0.00"
	case 3:
		return "#,##0"
	case 4:
		return "#,##0.00"
	case 9:
		return "0%"
	case 10:
		return "0.00%"
	case 11:
		return "0.00E+00"
	case 14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58:
		return "yyyy-mm-dd"
	case 18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56:
		return "hh:mm:ss"
	case 49:
		return "@"
	}
	return "General"
}

// formatNumber is a small subset of Excel's number formatting: enough to show what a
// person opening the file sees for the formats 名册 use.
func formatNumber(v float64, code string, date1904 bool) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	plain := stripFormatLiterals(code)
	lc := strings.ToLower(plain)
	switch {
	case code == "" || strings.EqualFold(code, "General") || code == "@":
		return generalNumber(v)
	case strings.ContainsAny(lc, "ymd") || strings.Contains(lc, "h") && strings.Contains(lc, ":"):
		if t, ok := excelTime(v, date1904); ok {
			if strings.ContainsAny(lc, "ymd") {
				if strings.Contains(lc, "h") {
					return t.Format("2006-01-02 15:04:05")
				}
				return t.Format("2006-01-02")
			}
			return t.Format("15:04:05")
		}
		return generalNumber(v)
	case strings.Contains(lc, "e+"):
		return strings.ToUpper(strconv.FormatFloat(v, 'E', decimals(plain), 64))
	case strings.Contains(plain, "%"):
		return fixed15(v*100, decimals(plain), false) + "%"
	case strings.ContainsAny(plain, "0#"):
		return fixed15(v, decimals(plain), strings.Contains(plain, ","))
	}
	return generalNumber(v)
}

// stripFormatLiterals drops quoted text, escaped characters and [colour] sections and
// keeps the first section of a multi-section format.
func stripFormatLiterals(code string) string {
	var sb strings.Builder
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == ';':
			return sb.String()
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func decimals(code string) int {
	i := strings.IndexByte(code, '.')
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range code[i+1:] {
		if c == '0' || c == '#' || c == '?' {
			n++
		} else {
			break
		}
	}
	return n
}

// generalNumber mimics Excel's General format in a default-width column: up to 11
// characters as is, beyond that scientific with 6 significant digits.
func generalNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if len(strings.TrimPrefix(s, "-")) <= 11 {
		return s
	}
	if math.Abs(v) < 1e11 && math.Abs(v) >= 1e-4 {
		// a long fraction: round to fit
		intDigits := len(strconv.FormatFloat(math.Trunc(math.Abs(v)), 'f', 0, 64))
		return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', max(0, 10-intDigits), 64), "0"), ".")
	}
	m := strconv.FormatFloat(v, 'E', 5, 64) // 5.10722E+17
	mant, exp, _ := strings.Cut(m, "E")
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	e, _ := strconv.Atoi(exp)
	sign := "+"
	if e < 0 {
		sign, e = "-", -e
	}
	return fmt.Sprintf("%sE%s%02d", mant, sign, e)
}

// fixed15 formats with n decimals the way Excel does: only 15 significant digits exist,
// the rest are zeros (510722197208081427 typed into a cell shows 510722197208081000).
func fixed15(v float64, n int, thousands bool) string {
	s := strconv.FormatFloat(v, 'f', n, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 15 {
		r := strconv.FormatFloat(math.Abs(v), 'e', 14, 64) // d.dddddddddddddde+XX
		mant, exp, _ := strings.Cut(r, "e")
		e, _ := strconv.Atoi(exp)
		digits := strings.Replace(mant, ".", "", 1)
		if e+1 > len(digits) {
			digits += strings.Repeat("0", e+1-len(digits))
		}
		intPart = digits[:e+1]
		if frac != "" {
			frac = strings.Repeat("0", len(frac))
		}
	}
	if thousands {
		var sb strings.Builder
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				sb.WriteByte(',')
			}
			sb.WriteRune(c)
		}
		intPart = sb.String()
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func excelTime(v float64, date1904 bool) (time.Time, bool) {
	if v < 0 || v > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}
