package attach

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 (.doc, and WPS Office's .wps, which is the same format) per [MS-DOC]:
// the File Information Block at the start of the WordDocument stream locates the piece
// table (the Pcdt inside the CLX, in the 0Table or 1Table stream); each piece maps a run
// of character positions to bytes of the WordDocument stream, stored either as UTF-16LE
// or "compressed" as one cp1252 byte per character. Formatting is not read: text only.

const (
	fibMagic      = 0xA5EC
	nFibWord97    = 0x00C1 // Word 97 and later write 0x00C1 or higher (0x0101, 0x010C, 0x0112)
	fibFlagEncr   = 0x0100 // fEncrypted
	fibFlag1Table = 0x0200 // fWhichTblStm
	fibFlagObfusc = 0x8000 // fObfuscated (XOR): counts as encrypted
	maxPieces     = 1 << 20
)

func extractDOC(j *job, o *oleFile, fileSize int) error {
	wd, err := o.read("WordDocument", fileSize, j.lim.MaxUncompressed)
	if err != nil {
		return fmt.Errorf("%s: %v", j.kind, err)
	}
	return docText(j, wd, func(name string) ([]byte, error) { return o.read(name, fileSize, j.lim.MaxUncompressed) })
}

// docText reads the text of a WordDocument stream; table reads the 0Table or 1Table stream.
func docText(j *job, wd []byte, table func(string) ([]byte, error)) error {
	if len(wd) < 0x22 || binary.LittleEndian.Uint16(wd) != fibMagic {
		return fmt.Errorf("%s: WordDocument stream without a Word file header", j.kind)
	}
	nFib := binary.LittleEndian.Uint16(wd[2:])
	flags := binary.LittleEndian.Uint16(wd[0x0A:])
	if nFib < 0x0065 {
		return fmt.Errorf("%s: Word 6/95 format: text not extracted", j.kind)
	}
	if flags&(fibFlagEncr|fibFlagObfusc) != 0 {
		return fmt.Errorf("%s: encrypted (password-protected Word file)", j.kind)
	}
	fib, err := parseFIB(wd)
	if err != nil {
		return fmt.Errorf("%s: %v", j.kind, err)
	}
	name := "0Table"
	if flags&fibFlag1Table != 0 {
		name = "1Table"
	}
	ts, err := table(name)
	if err != nil {
		return fmt.Errorf("%s: %v", j.kind, err)
	}
	if fib.fcClx > uint32(len(ts)) || fib.lcbClx > uint32(len(ts))-fib.fcClx || fib.lcbClx == 0 {
		return fmt.Errorf("%s: piece table outside the table stream", j.kind)
	}
	pieces, err := parseClx(ts[fib.fcClx : fib.fcClx+fib.lcbClx])
	if err != nil {
		return fmt.Errorf("%s: %v", j.kind, err)
	}
	w := docWriter{out: &j.out}
	var done uint32
	for _, p := range pieces {
		if err := j.check(); err != nil {
			return err
		}
		if p.cpStart >= fib.ccpAll {
			break
		}
		n := min(p.cpEnd, fib.ccpAll) - p.cpStart
		if err := w.piece(wd, p, n); err != nil {
			return fmt.Errorf("%s: %v", j.kind, err)
		}
		done += n
		if p.cpStart < fib.ccpText && p.cpStart+n >= fib.ccpText {
			w.flushLine()
		}
	}
	w.flushLine()
	if done < fib.ccpAll && !j.out.full {
		j.note("%s: piece table covers %d of %d characters", j.kind, done, fib.ccpAll)
	}
	return nil
}

type fibInfo struct {
	ccpText, ccpAll uint32
	fcClx, lcbClx   uint32
}

// parseFIB reads the variable-length parts of the FIB that lead to the CLX and the
// character counts of the main text and the other stories (footnotes, headers, comments,
// endnotes, text boxes), which follow the main text in the same character stream.
func parseFIB(wd []byte) (fibInfo, error) {
	var f fibInfo
	off := 32
	if len(wd) < off+2 {
		return f, errors.New("FIB cut short")
	}
	csw := int(binary.LittleEndian.Uint16(wd[off:]))
	off += 2 + csw*2
	if len(wd) < off+2 {
		return f, errors.New("FIB cut short")
	}
	cslw := int(binary.LittleEndian.Uint16(wd[off:]))
	lw := off + 2
	off = lw + cslw*4
	if cslw < 11 || len(wd) < off+2 {
		return f, errors.New("FIB cut short")
	}
	ccp := func(i int) uint32 { return binary.LittleEndian.Uint32(wd[lw+i*4:]) }
	f.ccpText = ccp(3)
	// ccpFtn, ccpHdd, ccpMcr (unused), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
	var total uint64 = uint64(f.ccpText)
	var others uint64
	for _, i := range []int{4, 5, 7, 8, 9, 10} {
		others += uint64(ccp(i))
	}
	if others > 0 {
		others++ // the stories after the main text end with one more paragraph mark
	}
	total += others
	if total > 1<<31 {
		return f, errors.New("FIB character counts out of range")
	}
	f.ccpAll = uint32(total)
	cb := int(binary.LittleEndian.Uint16(wd[off:]))
	fc := off + 2
	const iClx = 33 // fcClx is the 34th pair of FibRgFcLcb97
	if cb <= iClx || len(wd) < fc+(iClx+1)*8 {
		return f, errors.New("FIB without a piece table reference")
	}
	f.fcClx = binary.LittleEndian.Uint32(wd[fc+iClx*8:])
	f.lcbClx = binary.LittleEndian.Uint32(wd[fc+iClx*8+4:])
	return f, nil
}

type docPiece struct {
	cpStart, cpEnd uint32
	fc             uint32 // byte offset in WordDocument
	compressed     bool
}

// parseClx skips the Prc entries (property modifiers) and reads the PlcPcd.
func parseClx(clx []byte) ([]docPiece, error) {
	for len(clx) > 0 {
		switch clx[0] {
		case 0x01: // Prc: clxt, cbGrpprl int16, grpprl
			if len(clx) < 3 {
				return nil, errors.New("CLX cut short")
			}
			n := int(int16(binary.LittleEndian.Uint16(clx[1:])))
			if n < 0 || 3+n > len(clx) {
				return nil, errors.New("CLX property block out of range")
			}
			clx = clx[3+n:]
		case 0x02: // Pcdt: clxt, lcb uint32, PlcPcd
			if len(clx) < 5 {
				return nil, errors.New("CLX cut short")
			}
			lcb := binary.LittleEndian.Uint32(clx[1:])
			if uint64(lcb) > uint64(len(clx)-5) || lcb < 4 || (lcb-4)%12 != 0 {
				return nil, errors.New("piece table size invalid")
			}
			plc := clx[5 : 5+lcb]
			n := int((lcb - 4) / 12)
			if n > maxPieces {
				return nil, errors.New("piece table too large")
			}
			pieces := make([]docPiece, 0, n)
			for i := 0; i < n; i++ {
				cp0 := binary.LittleEndian.Uint32(plc[i*4:])
				cp1 := binary.LittleEndian.Uint32(plc[(i+1)*4:])
				pcd := plc[(n+1)*4+i*8:]
				fcv := binary.LittleEndian.Uint32(pcd[2:])
				if cp1 < cp0 {
					return nil, errors.New("piece table out of order")
				}
				p := docPiece{cpStart: cp0, cpEnd: cp1, compressed: fcv&(1<<30) != 0}
				p.fc = fcv &^ (3 << 30)
				if p.compressed {
					p.fc /= 2
				}
				pieces = append(pieces, p)
			}
			return pieces, nil
		default:
			return nil, fmt.Errorf("CLX entry type %#x unknown", clx[0])
		}
	}
	return nil, errors.New("CLX without a piece table")
}

// docWriter turns Word's control characters into plain text: paragraph marks (13) and
// breaks (11, 12) end lines, cell marks (7) become tabs and the mark that ends a table
// row (a 7 right after a 7) ends the line; field instructions (between 19 and 20) are
// dropped and field results kept; object anchors and other controls are dropped.
type docWriter struct {
	out       *textOut
	line      []rune
	lastCell  bool
	fieldInst int // depth of field instructions being skipped
}

func (w *docWriter) piece(wd []byte, p docPiece, n uint32) error {
	size := uint64(n)
	if !p.compressed {
		size *= 2
	}
	if uint64(p.fc)+size > uint64(len(wd)) {
		return errors.New("piece outside the WordDocument stream")
	}
	b := wd[p.fc : uint64(p.fc)+size]
	if p.compressed {
		for _, c := range b {
			w.char(cp1252(c))
		}
		return nil
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[i*2:])
	}
	for _, r := range utf16.Decode(u) {
		w.char(r)
	}
	return nil
}

func (w *docWriter) char(r rune) {
	switch r {
	case 0x13: // field begin: instructions follow
		w.fieldInst++
		return
	case 0x14: // field separator: the result follows
		if w.fieldInst > 0 {
			w.fieldInst--
		}
		return
	case 0x15: // field end
		if w.fieldInst > 0 {
			w.fieldInst--
		}
		return
	}
	if w.fieldInst > 0 {
		return
	}
	cell := false
	switch r {
	case 0x0D, 0x0B, 0x0C, 0x0E: // paragraph, line break, page/section break, column break
		w.flushLine()
	case 0x07:
		if w.lastCell { // row end mark
			w.flushLine()
		} else {
			w.line = append(w.line, '\t')
			cell = true
		}
	case 0x09:
		w.line = append(w.line, '\t')
	case 0x1E: // non-breaking hyphen
		w.line = append(w.line, '-')
	case 0xA0:
		w.line = append(w.line, ' ')
	case 0x1F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08: // optional hyphen, objects, notes, drawings
	default:
		if r >= 0x20 {
			w.line = append(w.line, r)
		}
	}
	w.lastCell = cell
}

func (w *docWriter) flushLine() {
	if len(w.line) > 0 {
		w.out.WriteString(string(w.line))
		w.line = w.line[:0]
	}
	w.out.newline()
}

var cp1252Decoder = charmap.Windows1252

func cp1252(c byte) rune {
	if c < 0x80 {
		return rune(c)
	}
	return cp1252Decoder.DecodeByte(c)
}
