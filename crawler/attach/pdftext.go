package attach

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The content-stream interpreter: just enough of the graphics and text state (ISO
// 32000-1 §8.4, §9.3, §9.4) to know where each string is drawn, so that the text comes
// out in lines, with tabs between table cells and spaces between words that the PDF
// positions apart instead of separating by a space character. Strings are written in
// the order the stream draws them, which is reading order for what Word, WPS and
// LibreOffice export.

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                matrix
	font               *pdfFont
	fs                 float64 // font size
	tc, tw, th, tl, ts float64 // char spacing, word spacing, horizontal scale, leading, rise
}

// chunk is one string as drawn: its text, where it starts and ends on the page (device
// space), the direction of its baseline and the size of an em.
type chunk struct {
	text           string
	x0, y0, x1, y1 float64
	dx, dy, em     float64
	moved          bool // positioned anew rather than continuing the previous string
	seq            int
}

type interp struct {
	t      *pdfText
	res    types.Dict
	fonts  map[string]*pdfFont
	g      gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	inText bool
	moved  bool  // a positioning operator since the last string: a new text chunk
	forms  []int // object numbers of the forms being run (cycle guard)
}

func newInterp(t *pdfText, res types.Dict) *interp {
	in := &interp{t: t, res: res, fonts: map[string]*pdfFont{}}
	in.g = gstate{ctm: identity, th: 1}
	in.tm, in.tlm = identity, identity
	return in
}

const maxFormDepth = 12

func (in *interp) run(content []byte, depth int) error {
	l := &pLexer{s: content}
	var ops []pVal
	j := in.t.j
	for {
		if err := j.check(); err != nil {
			return err
		}
		v := l.next()
		switch v.k {
		case pEOF:
			return nil
		case pOp:
		default:
			if len(ops) < 64 {
				ops = append(ops, v)
			}
			continue
		}
		op := string(v.b)
		if op == "ID" { // inline image data
			l.skipInlineImage()
			in.t.stats.images++
			ops = ops[:0]
			continue
		}
		if err := in.op(op, ops, depth); err != nil {
			return err
		}
		ops = ops[:0]
	}
}

func nums(ops []pVal, n int) ([]float64, bool) {
	if len(ops) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, v := range ops[len(ops)-n:] {
		if v.k != pNum {
			return nil, false
		}
		out[i] = v.num
	}
	return out, true
}

func (in *interp) op(op string, ops []pVal, depth int) error {
	g := &in.g
	switch op {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.g)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			in.g = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if a, ok := nums(ops, 6); ok {
			g.ctm = matrix{a[0], a[1], a[2], a[3], a[4], a[5]}.mul(g.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
		in.inText = true
		in.moved = true
	case "ET":
		in.inText = false
	case "Tf":
		if len(ops) >= 2 && ops[len(ops)-2].k == pName && ops[len(ops)-1].k == pNum {
			g.font = in.font(string(ops[len(ops)-2].b))
			g.fs = ops[len(ops)-1].num
		}
	case "Tc":
		if a, ok := nums(ops, 1); ok {
			g.tc = a[0]
		}
	case "Tw":
		if a, ok := nums(ops, 1); ok {
			g.tw = a[0]
		}
	case "Tz":
		if a, ok := nums(ops, 1); ok {
			g.th = a[0] / 100
		}
	case "TL":
		if a, ok := nums(ops, 1); ok {
			g.tl = a[0]
		}
	case "Ts":
		if a, ok := nums(ops, 1); ok {
			g.ts = a[0]
		}
	case "Td", "TD":
		if a, ok := nums(ops, 2); ok {
			if op == "TD" {
				g.tl = -a[1]
			}
			in.tlm = matrix{1, 0, 0, 1, a[0], a[1]}.mul(in.tlm)
			in.tm = in.tlm
			in.moved = true
		}
	case "Tm":
		if a, ok := nums(ops, 6); ok {
			in.tlm = matrix{a[0], a[1], a[2], a[3], a[4], a[5]}
			in.tm = in.tlm
			in.moved = true
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(ops) >= 1 && ops[len(ops)-1].k == pStr {
			in.show(ops[len(ops)-1].b)
		}
	case "'":
		in.nextLine()
		if len(ops) >= 1 && ops[len(ops)-1].k == pStr {
			in.show(ops[len(ops)-1].b)
		}
	case "\"":
		if len(ops) >= 3 && ops[len(ops)-1].k == pStr {
			if a, ok := nums(ops[:len(ops)-1], 2); ok {
				g.tw, g.tc = a[0], a[1]
			}
			in.nextLine()
			in.show(ops[len(ops)-1].b)
		}
	case "TJ":
		if len(ops) >= 1 && ops[len(ops)-1].k == pArr {
			for _, e := range ops[len(ops)-1].arr {
				switch e.k {
				case pStr:
					in.show(e.b)
				case pNum:
					tx := -e.num / 1000 * g.fs * g.th
					in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
				}
			}
		}
	case "Do":
		if len(ops) >= 1 && ops[len(ops)-1].k == pName {
			return in.xobject(string(ops[len(ops)-1].b), depth)
		}
	}
	return nil
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.g.tl}.mul(in.tlm)
	in.tm = in.tlm
	in.moved = true
}

// show decodes a string with the current font, writes it with the separator its position
// calls for, and advances the text matrix by the glyph widths.
func (in *interp) show(raw []byte) {
	if len(raw) == 0 {
		return
	}
	g := &in.g
	f := g.font
	if f == nil {
		f = fallbackFont
	}
	st := &in.t.stats
	st.textOps++
	trm := in.tm.mul(g.ctm)
	x0, y0 := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(trm).apply(0, 0)
	var sb strings.Builder
	codes := f.split(raw)
	for _, c := range codes {
		s, ok := f.decode(c)
		st.glyphs++
		if !ok {
			st.unmapped++
			if len(in.t.stats.unmappedFonts) < 16 {
				in.t.stats.unmappedFonts[f.name] = true
			}
		} else {
			sb.WriteString(s)
		}
		w := f.width(c, s)
		tx := w*g.fs + g.tc
		if c.n == 1 && c.v == 32 {
			tx += g.tw
		}
		in.tm = matrix{1, 0, 0, 1, tx * g.th, 0}.mul(in.tm)
	}
	trm = in.tm.mul(g.ctm)
	x1, y1 := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(trm).apply(0, 0)
	text := sb.String()
	// the size of an em in device space, and the direction of the baseline
	em := math.Abs(g.fs) * math.Hypot(trm[2], trm[3])
	dx, dy := trm[0], trm[1]
	if n := math.Hypot(dx, dy); n > 0 {
		dx, dy = dx/n, dy/n
	} else {
		dx, dy = 1, 0
	}
	in.t.place(text, x0, y0, x1, y1, dx, dy, em, in.moved)
	in.moved = false
}

const maxChunksPerPage = 200_000

// place records a string drawn from (x0,y0) to (x1,y1) along the unit direction (dx,dy).
func (t *pdfText) place(text string, x0, y0, x1, y1, dx, dy, em float64, moved bool) {
	if text == "" {
		return
	}
	if len(t.chunks) >= maxChunksPerPage {
		t.flushPage()
	}
	t.chunks = append(t.chunks, chunk{text, x0, y0, x1, y1, dx, dy, max(em, 0.1), moved, len(t.chunks)})
}

// flushPage writes the page's strings in reading order. Writers do not draw in reading
// order (LibreOffice Calc draws the Chinese cells of a row after the Latin ones), so the
// strings are sorted into lines by their baseline — top to bottom in the page's main
// text direction — and along each line; then each gap gets the separator it calls for:
// a tab across a wide gap (table cells), a space across a word-sized one.
func (t *pdfText) flushPage() {
	cs := t.chunks
	t.chunks = t.chunks[:0]
	if len(cs) == 0 {
		return
	}
	// The main direction: most strings run along it (rotated pages rotate everything).
	var sx, sy float64
	for _, c := range cs {
		sx += c.dx * float64(len(c.text))
		sy += c.dy * float64(len(c.text))
	}
	if n := math.Hypot(sx, sy); n > 0 {
		sx, sy = sx/n, sy/n
	} else {
		sx, sy = 1, 0
	}
	along := func(x, y float64) float64 { return x*sx + y*sy }
	up := func(x, y float64) float64 { return y*sx - x*sy }
	slices.SortStableFunc(cs, func(a, b chunk) int {
		va, vb := up(a.x0, a.y0), up(b.x0, b.y0)
		if math.Abs(va-vb) > 0.5*min(a.em, b.em) {
			if va > vb {
				return -1
			}
			return 1
		}
		return 0
	})
	// Cut into lines: a string more than half an em below the line's first baseline
	// starts the next line; within a line, order along the baseline.
	out := &t.j.out
	for i := 0; i < len(cs); {
		k := i + 1
		v0 := up(cs[i].x0, cs[i].y0)
		for k < len(cs) && math.Abs(up(cs[k].x0, cs[k].y0)-v0) <= 0.5*cs[i].em {
			k++
		}
		line := cs[i:k]
		slices.SortStableFunc(line, func(a, b chunk) int {
			ua, ub := along(a.x0, a.y0), along(b.x0, b.y0)
			switch {
			case ua < ub-0.01:
				return -1
			case ua > ub+0.01:
				return 1
			}
			return a.seq - b.seq
		})
		out.newline()
		var prev *chunk
		for n := range line {
			c := &line[n]
			if prev != nil {
				// fake bold: the same string drawn again a hair away
				if c.text == prev.text && math.Abs(c.x0-prev.x0) < 0.3*c.em && math.Abs(c.y0-prev.y0) < 0.3*c.em {
					continue
				}
				gap := along(c.x0, c.y0) - along(prev.x1, prev.y1)
				writeGap(out, prev.text, c.text, gap/c.em, c.moved)
			}
			out.WriteString(c.text)
			prev = c
		}
		i = k
	}
	out.newline()
}

// writeGap writes the separator for a gap of g ems between two strings on a line.
// Digits next to digits split at the smallest gap: an ID number must not run into the
// phone number in the next cell. Chinese next to Latin or digits tolerates the ~0.2 em
// "autospace" Word and LibreOffice insert (关于青岚县 2024 年 would defeat title
// patterns), and Chinese next to Chinese the justification gaps of writers that place
// each character on its own.
func writeGap(out *textOut, before, after string, g float64, moved bool) {
	last, _ := lastRune(before)
	first, _ := firstRune(after)
	space := 0.3
	switch c1, c2 := isCJK(last), isCJK(first); {
	case c1 && c2:
		space = 1.2
		if moved {
			space = 0.5
		}
	case c1 || c2:
		space = 0.6
		if moved {
			space = 0.3
		}
	case moved:
		space = 0.1
	}
	switch {
	case g > 2.5:
		out.tab()
	case g > space, g < -0.6:
		if !unicode.IsSpace(first) && !unicode.IsSpace(last) {
			out.WriteString(" ")
		}
	}
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func lastRune(s string) (rune, bool) {
	r := []rune(s[max(0, len(s)-4):])
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

func (in *interp) xobject(name string, depth int) error {
	t := in.t
	xo := t.dict(in.res["XObject"])
	if xo == nil {
		return nil
	}
	ref, _ := xo[name].(types.IndirectRef)
	sd := t.stream(xo[name])
	if sd == nil {
		return nil
	}
	switch st := sd.Dict.Subtype(); {
	case st != nil && *st == "Image":
		t.stats.images++
		return nil
	case st != nil && *st != "Form":
		return nil
	}
	if depth >= maxFormDepth || t.forms >= 2000 {
		return nil
	}
	num := int(ref.ObjectNumber)
	for _, f := range in.forms {
		if num != 0 && f == num {
			return nil // a form that draws itself
		}
	}
	t.forms++
	content, err := t.decode(sd)
	if err != nil || len(content) == 0 {
		return nil
	}
	res := t.dict(sd.Dict["Resources"])
	if res == nil {
		res = in.res
	}
	sub := &interp{t: t, res: res, fonts: map[string]*pdfFont{}, g: in.g, tm: identity, tlm: identity, forms: append(in.forms, num)}
	if m := numArray(t, sd.Dict["Matrix"]); len(m) == 6 {
		sub.g.ctm = matrix{m[0], m[1], m[2], m[3], m[4], m[5]}.mul(in.g.ctm)
	}
	return sub.run(content, depth+1)
}

func numArray(t *pdfText, o types.Object) []float64 {
	arr, _ := t.deref(o).(types.Array)
	var out []float64
	for _, e := range arr {
		if f, ok := number(t.deref(e)); ok {
			out = append(out, f)
		}
	}
	return out
}

func number(o types.Object) (float64, bool) {
	switch v := o.(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

func nameOf(o types.Object) string {
	if n, ok := o.(types.Name); ok {
		return string(n)
	}
	return ""
}

// ---- fonts ----

type pdfCode struct {
	n int
	v uint32
	b []byte
}

// pdfFont knows how a font's strings split into codes, what text each code stands for,
// and how wide it is.
type pdfFont struct {
	name string

	// splitting
	fixed    int   // 1 or 2 bytes per code, when not decided otherwise
	space    *cmap // an embedded encoding CMap's code space ranges
	leadByte bool  // GBK/Big5 style: 0x81–0xFE lead a two-byte code
	gb18030  bool  // GBK2K: also four-byte codes
	utf16    bool  // UTF-16: surrogate pairs take four bytes

	// decoding, in order: direct (the code is the character in a known encoding), the
	// ToUnicode map, the simple font encoding
	direct func([]byte) (string, bool)
	toUni  *cmap
	enc    *[256]rune
	gbkRaw bool // a Chinese simple font with no mapping: its bytes are GBK

	// widths (text space units per font unit)
	widths  map[uint32]float64
	wranges []wRange
	dw      float64
	hasDW   bool
	scale   float64
	cidCode bool // the code is the CID (Identity), so /W applies to it
}

type wRange struct {
	lo, hi uint32
	w      float64
}

var fallbackFont = &pdfFont{name: "(no font)", fixed: 1, enc: &winAnsi, scale: 0.001}

func (in *interp) font(name string) *pdfFont {
	if f, ok := in.fonts[name]; ok {
		return f
	}
	t := in.t
	fd := t.dict(in.res["Font"])
	var f *pdfFont
	if fd != nil {
		obj := fd[name]
		ref, isRef := obj.(types.IndirectRef)
		if isRef {
			f = t.fonts[int(ref.ObjectNumber)]
		}
		if f == nil {
			if d := t.dict(obj); d != nil {
				f = t.loadFont(d)
				if isRef {
					t.fonts[int(ref.ObjectNumber)] = f
				}
			}
		}
	}
	if f == nil {
		f = fallbackFont
	}
	in.fonts[name] = f
	return f
}

func (t *pdfText) loadFont(d types.Dict) *pdfFont {
	f := &pdfFont{name: nameOf(t.deref(d["BaseFont"])), scale: 0.001, fixed: 1}
	if f.name == "" {
		f.name = "(unnamed)"
	}
	if tu := t.stream(d["ToUnicode"]); tu != nil {
		if b, err := t.decode(tu); err == nil {
			f.toUni = parseCMap(b, t.j.check)
		}
	}
	sub := nameOf(t.deref(d["Subtype"]))
	if sub == "Type0" {
		t.loadType0(f, d)
		return f
	}
	// simple fonts: one byte per code
	if sub == "Type3" {
		if m := numArray(t, d["FontMatrix"]); len(m) == 6 {
			f.scale = m[0]
		}
	}
	if ws := numArray(t, d["Widths"]); len(ws) > 0 {
		first, _ := number(t.deref(d["FirstChar"]))
		f.widths = make(map[uint32]float64, len(ws))
		for i, w := range ws {
			if c := int(first) + i; c >= 0 && c < 256 {
				f.widths[uint32(c)] = w
			}
		}
	}
	encObj := t.deref(d["Encoding"])
	base := &winAnsi
	var diffs types.Array
	switch e := encObj.(type) {
	case types.Name:
		base = simpleEncoding(string(e))
	case types.Dict:
		if b := nameOf(t.deref(e["BaseEncoding"])); b != "" {
			base = simpleEncoding(b)
		}
		diffs, _ = t.deref(e["Differences"]).(types.Array)
	}
	if f.toUni == nil && encObj == nil && looksChineseFont(f.name) {
		f.gbkRaw = true // e.g. /BaseFont /#CB#CE#CC#E5 (宋体) with GBK bytes and no map
	}
	enc := *base
	code := 0
	for _, o := range diffs {
		switch v := t.deref(o).(type) {
		case types.Integer:
			code = int(v)
		case types.Name:
			if code >= 0 && code < 256 {
				if r, ok := glyphRune(string(v)); ok {
					enc[code] = r
				} else {
					enc[code] = unicode.ReplacementChar
				}
			}
			code++
		}
	}
	f.enc = &enc
	return f
}

func (t *pdfText) loadType0(f *pdfFont, d types.Dict) {
	f.fixed = 2
	var desc types.Dict
	if arr, ok := t.deref(d["DescendantFonts"]).(types.Array); ok && len(arr) > 0 {
		desc = t.dict(arr[0])
	}
	switch e := t.deref(d["Encoding"]).(type) {
	case types.Name:
		t.predefinedCMap(f, string(e))
	case types.StreamDict:
		if b, err := t.decode(&e); err == nil {
			f.space = parseCMap(b, t.j.check)
			if len(f.space.spaces) == 0 {
				f.space = nil
			}
		}
	}
	if desc == nil {
		return
	}
	if dw, ok := number(t.deref(desc["DW"])); ok {
		f.dw, f.hasDW = dw, true
	}
	w, _ := t.deref(desc["W"]).(types.Array)
	f.widths = map[uint32]float64{}
	for i := 0; i < len(w) && len(f.widths) < 1<<17 && len(f.wranges) < 1<<14; {
		first, ok := number(t.deref(w[i]))
		if !ok || i+1 >= len(w) {
			break
		}
		if arr, ok := t.deref(w[i+1]).(types.Array); ok {
			for k, e := range arr {
				if v, ok := number(t.deref(e)); ok {
					f.widths[uint32(first)+uint32(k)] = v
				}
			}
			i += 2
			continue
		}
		last, ok1 := number(t.deref(w[i+1]))
		if i+2 >= len(w) {
			break
		}
		v, ok2 := number(t.deref(w[i+2]))
		if ok1 && ok2 && last >= first {
			f.wranges = append(f.wranges, wRange{uint32(first), uint32(last), v})
		}
		i += 3
	}
}

// predefinedCMap sets up the named CMaps Chinese PDFs use (ISO 32000-1 Table 118).
func (t *pdfText) predefinedCMap(f *pdfFont, name string) {
	base := strings.TrimSuffix(strings.TrimSuffix(name, "-H"), "-V")
	switch {
	case base == "Identity":
		f.cidCode = true
	case strings.HasSuffix(base, "-UCS2") || strings.HasSuffix(base, "-UCS2-HW"):
		f.direct = func(b []byte) (string, bool) { return string(utf16BE(b)), len(b) == 2 }
	case strings.HasSuffix(base, "-UTF16"):
		f.utf16 = true
		f.direct = func(b []byte) (string, bool) { return string(utf16BE(b)), len(b) >= 2 }
	case base == "GBK-EUC" || base == "GBpc-EUC" || base == "GB-EUC" || base == "GBKp-EUC" || base == "GBT-EUC" || base == "GBTpc-EUC":
		f.leadByte = true
		f.direct = decodeWithBytes(simplifiedchinese.GBK.NewDecoder().Bytes)
	case base == "GBK2K":
		f.leadByte, f.gb18030 = true, true
		f.direct = decodeWithBytes(simplifiedchinese.GB18030.NewDecoder().Bytes)
	case base == "B5pc" || base == "ETen-B5" || base == "HKscs-B5" || base == "ETenms-B5" || base == "CNS-EUC":
		f.leadByte = true
		f.direct = decodeWithBytes(traditionalchinese.Big5.NewDecoder().Bytes)
	}
}

func decodeWithBytes(dec func([]byte) ([]byte, error)) func([]byte) (string, bool) {
	return func(b []byte) (string, bool) {
		s, err := dec(b)
		if err != nil || len(s) == 0 || bytes.ContainsRune(s, unicode.ReplacementChar) {
			return "", false
		}
		return string(s), true
	}
}

// split cuts a string into character codes.
func (f *pdfFont) split(raw []byte) []pdfCode {
	if f.gbkRaw {
		return []pdfCode{{n: len(raw), b: raw}}
	}
	codes := make([]pdfCode, 0, len(raw))
	for i := 0; i < len(raw); {
		n := f.fixed
		switch {
		case f.space != nil:
			if n = f.space.codeLen(raw[i:]); n == 0 {
				n = f.space.minCodeLen()
			}
		case f.leadByte:
			n = 1
			if raw[i] >= 0x81 && raw[i] <= 0xFE {
				n = 2
				if f.gb18030 && i+1 < len(raw) && raw[i+1] >= 0x30 && raw[i+1] <= 0x39 {
					n = 4
				}
			}
		case f.utf16:
			n = 2
			if raw[i] >= 0xD8 && raw[i] <= 0xDB {
				n = 4
			}
		case f.fixed == 1 && f.toUni != nil && f.toUni.minCodeLen() == 2 && len(f.toUni.spaces) > 0:
			n = 2 // a simple font whose ToUnicode speaks two-byte codes: trust the map
		}
		if i+n > len(raw) {
			n = len(raw) - i
		}
		b := raw[i : i+n]
		codes = append(codes, pdfCode{n: n, v: codeValue(b), b: b})
		i += n
	}
	return codes
}

func (f *pdfFont) decode(c pdfCode) (string, bool) {
	if f.gbkRaw {
		s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(c.b)
		if err != nil {
			return "", false
		}
		return string(s), true
	}
	if f.direct != nil {
		if s, ok := f.direct(c.b); ok {
			return cleanGlyphText(s)
		}
	}
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(c.n, c.v); ok {
			return cleanGlyphText(s)
		}
	}
	if f.enc != nil && c.n == 1 {
		r := f.enc[c.v&0xFF]
		if r == unicode.ReplacementChar || r == 0 {
			return "", false
		}
		return string(r), true
	}
	return "", false
}

// cleanGlyphText drops what a glyph's mapping should not put into text: NULs and other
// controls some writers map unused glyphs to.
func cleanGlyphText(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0xFFFD || r == 0xFEFF }) < 0 {
		return s, true
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0xFFFD || r == 0xFEFF {
			return -1
		}
		return r
	}, s)
	return s, true
}

// width of a code in text space units per font size unit.
func (f *pdfFont) width(c pdfCode, text string) float64 {
	key := c.v
	if f.widths != nil && (f.cidCode || f.fixed == 1 && f.space == nil && !f.leadByte) {
		if w, ok := f.widths[key]; ok {
			return w * f.scale
		}
		for _, r := range f.wranges {
			if key >= r.lo && key <= r.hi {
				return r.w * f.scale
			}
		}
		if f.hasDW {
			return f.dw * f.scale
		}
	}
	if f.hasDW && f.fixed == 2 {
		return f.dw * f.scale
	}
	// unknown: a full em for CJK, half for the rest
	r, _ := firstRune(text)
	if f.gbkRaw {
		n := len([]rune(text))
		return float64(n)
	}
	if isCJK(r) || c.n >= 2 && text == "" {
		return 1
	}
	return 0.5
}

// looksChineseFont: BaseFont names of the Chinese fonts older writers use as simple
// fonts with GBK bytes (the GBK-encoded names appear as raw bytes).
func looksChineseFont(name string) bool {
	n := strings.ToLower(name)
	if i := strings.IndexByte(n, '+'); i == 6 {
		n = n[7:]
	}
	for _, k := range []string{"simsun", "simhei", "fangsong", "kaiti", "stsong", "stfangsong", "stkaiti", "stheiti", "nsimsun", "microsoftyahei", "yahei", "_gb2312", "songti", "heiti"} {
		if strings.Contains(n, k) {
			return true
		}
	}
	for _, c := range []byte(name) {
		if c >= 0x81 {
			return true // a name in GBK bytes: 宋体, 仿宋, 楷体 …
		}
	}
	return false
}

var winAnsi, macRoman, standardEnc [256]rune

func init() {
	for i := 0; i < 256; i++ {
		winAnsi[i] = charmap.Windows1252.DecodeByte(byte(i))
		macRoman[i] = charmap.Macintosh.DecodeByte(byte(i))
		standardEnc[i] = winAnsi[i]
		if i < 0x20 {
			winAnsi[i], macRoman[i], standardEnc[i] = unicode.ReplacementChar, unicode.ReplacementChar, unicode.ReplacementChar
		}
	}
	standardEnc['\''] = '’'
	standardEnc['`'] = '‘'
}

func simpleEncoding(name string) *[256]rune {
	switch name {
	case "MacRomanEncoding":
		return &macRoman
	case "StandardEncoding":
		return &standardEnc
	}
	return &winAnsi
}
