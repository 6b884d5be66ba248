package attach

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// cmap is a parsed CMap: a ToUnicode map (code → text), or an embedded encoding CMap of
// which only the code space ranges matter (they say how many bytes each code takes).
//
// Written here rather than taken from a PDF library: of the pure-Go readers the module
// proxy serves, ledongthuc/pdf scans every bfchar entry for every glyph (slow on CJK
// fonts with thousands of entries) and increments range destinations bytewise, and
// pdfcpu does not decode text at all.
type cmap struct {
	spaces []codespace
	single map[uint64]string // key: code length << 32 | code
	ranges []cmapRange
}

type codespace struct {
	n      int
	lo, hi [4]byte
}

type cmapRange struct {
	n      int
	lo, hi uint32
	dst    []rune   // first destination; the last rune grows with the code
	arr    []string // or one destination per code
}

const (
	maxCMapSingles = 1 << 20
	maxCMapRanges  = 1 << 16
)

func codeKey(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// parseCMap reads begincodespacerange, beginbfchar and beginbfrange sections; everything
// else (cidrange, usecmap, PostScript dictionaries) is passed over.
func parseCMap(data []byte, check func() error) *cmap {
	m := &cmap{single: map[uint64]string{}}
	l := &pLexer{s: data}
	var ops []pVal
	for {
		if check != nil && check() != nil {
			break
		}
		v := l.next()
		if v.k == pEOF {
			break
		}
		if v.k != pOp {
			if len(ops) < 1<<16 {
				ops = append(ops, v)
			}
			continue
		}
		switch string(v.b) {
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				lo, hi := ops[i].b, ops[i+1].b
				if ops[i].k == pStr && ops[i+1].k == pStr && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					cs := codespace{n: len(lo)}
					copy(cs.lo[:], lo)
					copy(cs.hi[:], hi)
					m.spaces = append(m.spaces, cs)
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				src, dst := ops[i], ops[i+1]
				if src.k != pStr || len(src.b) == 0 || len(src.b) > 4 || len(m.single) >= maxCMapSingles {
					continue
				}
				if s, ok := cmapDst(dst); ok {
					m.single[codeKey(len(src.b), codeValue(src.b))] = s
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi, dst := ops[i], ops[i+1], ops[i+2]
				if lo.k != pStr || hi.k != pStr || len(lo.b) != len(hi.b) || len(lo.b) == 0 || len(lo.b) > 4 || len(m.ranges) >= maxCMapRanges {
					continue
				}
				r := cmapRange{n: len(lo.b), lo: codeValue(lo.b), hi: codeValue(hi.b)}
				if r.hi < r.lo {
					continue
				}
				switch dst.k {
				case pStr:
					r.dst = utf16BE(dst.b)
					if len(r.dst) == 0 {
						continue
					}
				case pArr:
					for _, a := range dst.arr {
						s, _ := cmapDst(a)
						r.arr = append(r.arr, s)
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
		}
		ops = ops[:0]
	}
	// Later ranges win over earlier ones in a lookup by sorting stably on lo only when
	// looking up linearly is too slow; most CMaps have few ranges, keep file order.
	if len(m.ranges) > 64 {
		slices.SortStableFunc(m.ranges, func(a, b cmapRange) int {
			switch {
			case a.lo < b.lo:
				return -1
			case a.lo > b.lo:
				return 1
			}
			return 0
		})
	}
	return m
}

// cmapDst decodes a destination: UTF-16BE bytes, or a glyph name (/space, /uni4E2D).
func cmapDst(v pVal) (string, bool) {
	switch v.k {
	case pStr:
		return string(utf16BE(v.b)), true
	case pName:
		if r, ok := glyphRune(string(v.b)); ok {
			return string(r), true
		}
	}
	return "", false
}

func utf16BE(b []byte) []rune {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	if len(b)%2 == 1 { // a one-byte destination: take the byte as the code point
		u = append(u, uint16(b[len(b)-1]))
	}
	return utf16.Decode(u)
}

// lookup maps one code (n bytes) to its text.
func (m *cmap) lookup(n int, code uint32) (string, bool) {
	if s, ok := m.single[codeKey(n, code)]; ok {
		return s, true
	}
	rs := m.ranges
	if len(rs) > 64 {
		// sorted by lo: only ranges starting at or below code can hold it
		k, _ := slices.BinarySearchFunc(rs, code, func(r cmapRange, c uint32) int {
			switch {
			case r.lo <= c:
				return -1
			}
			return 1
		})
		rs = rs[:k]
		for i := len(rs) - 1; i >= 0 && i >= len(rs)-4096; i-- {
			if s, ok := rs[i].get(n, code); ok {
				return s, true
			}
		}
		return "", false
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if s, ok := rs[i].get(n, code); ok {
			return s, true
		}
	}
	return "", false
}

func (r *cmapRange) get(n int, code uint32) (string, bool) {
	if r.n != n || code < r.lo || code > r.hi {
		return "", false
	}
	off := code - r.lo
	if r.arr != nil {
		if int(off) < len(r.arr) {
			return r.arr[off], true
		}
		return "", false
	}
	d := slices.Clone(r.dst)
	d[len(d)-1] += rune(off)
	return string(d), true
}

// codeLen is the length of the code at the start of b under the code space ranges, or 0
// when no range matches (the caller then takes the shortest length and moves on).
func (m *cmap) codeLen(b []byte) int {
	for n := 1; n <= 4 && n <= len(b); n++ {
		for _, cs := range m.spaces {
			if cs.n != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if b[i] < cs.lo[i] || b[i] > cs.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return 0
}

// minCodeLen is the shortest code length the map knows, from its code spaces or, when a
// broken CMap declares none, from its entries.
func (m *cmap) minCodeLen() int {
	n := 0
	for _, cs := range m.spaces {
		if n == 0 || cs.n < n {
			n = cs.n
		}
	}
	if n > 0 {
		return n
	}
	for k := range m.single {
		if l := int(k >> 32); n == 0 || l < n {
			n = l
		}
	}
	for _, r := range m.ranges {
		if n == 0 || r.n < n {
			n = r.n
		}
	}
	if n == 0 {
		n = 2
	}
	return n
}

// glyphRune maps a glyph name to its character: the Adobe Glyph List names of Latin
// letters, digits and punctuation (what Latin text in these PDFs uses), plus the uniXXXX
// and uXXXX[XX] forms.
func glyphRune(name string) (rune, bool) {
	if i := strings.IndexByte(name, '.'); i > 0 { // "a.sc", "one.oldstyle"
		name = name[:i]
	}
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if len(name) == 1 {
		c := name[0]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return rune(c), true
		}
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 {
		if v, err := strconv.ParseUint(name[3:7], 16, 32); err == nil {
			return rune(v), true
		}
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= 0x10FFFF {
			return rune(v), true
		}
	}
	return 0, false
}

var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$',
	"percent": '%', "ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘',
	"parenleft": '(', "parenright": ')', "asterisk": '*', "plus": '+', "comma": ',',
	"hyphen": '-', "minus": '−', "period": '.', "slash": '/', "zero": '0', "one": '1',
	"two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=',
	"greater": '>', "question": '?', "at": '@', "bracketleft": '[', "backslash": '\\',
	"bracketright": ']', "asciicircum": '^', "underscore": '_', "grave": '`',
	"braceleft": '{', "bar": '|', "braceright": '}', "asciitilde": '~', "bullet": '•',
	"endash": '–', "emdash": '—', "ellipsis": '…', "quotedblleft": '“', "quotedblright": '”',
	"quotesinglbase": '‚', "quotedblbase": '„', "degree": '°', "multiply": '×',
	"divide": '÷', "periodcentered": '·', "section": '§', "copyright": '©',
	"registered": '®', "trademark": '™', "nbspace": '\u00a0', "yen": '¥', "sterling": '£',
	"Euro": '€', "cent": '¢', "fi": 'ﬁ', "fl": 'ﬂ', "dagger": '†', "daggerdbl": '‡',
	"perthousand": '‰', "guillemotleft": '«', "guillemotright": '»', "plusminus": '±',
	"onehalf": '½', "onequarter": '¼', "threequarters": '¾', "mu": 'µ', "paragraph": '¶',
	"exclamdown": '¡', "questiondown": '¿', "dotlessi": 'ı', "florin": 'ƒ',
	"X": 'X', "x": 'x',
}
