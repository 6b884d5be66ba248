package attach

import (
	"bytes"
	"strconv"
)

// A small lexer for PDF content streams and CMaps (ISO 32000-1 §7.2, §7.8). It never
// panics and never reads past its input; malformed bytes become keywords that the
// interpreter ignores. Inline image data (BI … ID <binary> EI) is skipped whole.

type pKind uint8

const (
	pNone pKind = iota
	pNum
	pStr  // literal or hex string: raw bytes
	pName // without the slash, #xx decoded
	pArr
	pDict // only its presence matters to us
	pOp   // an operator keyword
	pEOF
)

type pVal struct {
	k   pKind
	num float64
	b   []byte
	arr []pVal
}

type pLexer struct {
	s   []byte
	pos int
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *pLexer) skipSpace() {
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		if isPDFSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.s) && l.s[l.pos] != '\n' && l.s[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next object; arrays are read whole (nesting bounded), dictionaries
// are skipped and returned as an empty pDict.
func (l *pLexer) next() pVal { return l.value(0) }

func (l *pLexer) value(depth int) pVal {
	l.skipSpace()
	if l.pos >= len(l.s) {
		return pVal{k: pEOF}
	}
	c := l.s[l.pos]
	switch {
	case c == '(':
		return pVal{k: pStr, b: l.literal()}
	case c == '<':
		if l.pos+1 < len(l.s) && l.s[l.pos+1] == '<' {
			l.skipDict()
			return pVal{k: pDict}
		}
		return pVal{k: pStr, b: l.hex()}
	case c == '/':
		return pVal{k: pName, b: l.name()}
	case c == '[':
		l.pos++
		var arr []pVal
		for n := 0; ; n++ {
			l.skipSpace()
			if l.pos >= len(l.s) {
				break
			}
			if l.s[l.pos] == ']' {
				l.pos++
				break
			}
			if depth > 32 || n > 1<<20 {
				l.pos++ // give up on structure, keep moving
				continue
			}
			v := l.value(depth + 1)
			if v.k == pEOF {
				break
			}
			if v.k != pOp { // a stray keyword inside an array is dropped
				arr = append(arr, v)
			}
		}
		return pVal{k: pArr, arr: arr}
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return pVal{k: pOp, b: []byte{c}}
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		start := l.pos
		l.pos++
		for l.pos < len(l.s) {
			d := l.s[l.pos]
			if d >= '0' && d <= '9' || d == '.' || d == '-' || d == '+' {
				l.pos++
				continue
			}
			break
		}
		f, err := strconv.ParseFloat(string(l.s[start:l.pos]), 64)
		if err != nil {
			f = lenientNumber(l.s[start:l.pos])
		}
		return pVal{k: pNum, num: f}
	}
	start := l.pos
	for l.pos < len(l.s) && !isPDFSpace(l.s[l.pos]) && !isPDFDelim(l.s[l.pos]) {
		l.pos++
	}
	if l.pos == start { // a lone delimiter we do not expect here
		l.pos++
	}
	return pVal{k: pOp, b: l.s[start:l.pos]}
}

// lenientNumber reads what readers accept from broken writers ("--5", "1.2.3", "5-").
func lenientNumber(b []byte) float64 {
	neg := false
	i := 0
	for i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = neg || b[i] == '-'
		i++
	}
	j := i
	dot := false
	for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == '.' && !dot) {
		dot = dot || b[j] == '.'
		j++
	}
	f, _ := strconv.ParseFloat(string(b[i:j]), 64)
	if neg {
		f = -f
	}
	return f
}

func (l *pLexer) literal() []byte {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		case '\\':
			if l.pos >= len(l.s) {
				return out
			}
			e := l.s[l.pos]
			l.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if l.pos < len(l.s) && l.s[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && l.pos < len(l.s) && l.s[l.pos] >= '0' && l.s[l.pos] <= '7'; k++ {
					v = v*8 + int(l.s[l.pos]-'0')
					l.pos++
				}
				out = append(out, byte(v))
			default:
				out = append(out, e)
			}
		default:
			out = append(out, c)
		}
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *pLexer) hex() []byte {
	l.pos++ // <
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func (l *pLexer) name() []byte {
	l.pos++ // /
	start := l.pos
	for l.pos < len(l.s) && !isPDFSpace(l.s[l.pos]) && !isPDFDelim(l.s[l.pos]) {
		l.pos++
	}
	n := l.s[start:l.pos]
	if bytes.IndexByte(n, '#') < 0 {
		return n
	}
	var out []byte
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			a, ok1 := unhex(n[i+1])
			b, ok2 := unhex(n[i+2])
			if ok1 && ok2 {
				out = append(out, a<<4|b)
				i += 2
				continue
			}
		}
		out = append(out, n[i])
	}
	return out
}

// skipDict skips a << … >> dictionary, nested ones and strings inside included.
func (l *pLexer) skipDict() {
	depth := 0
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		switch {
		case c == '<' && l.pos+1 < len(l.s) && l.s[l.pos+1] == '<':
			depth++
			l.pos += 2
		case c == '>' && l.pos+1 < len(l.s) && l.s[l.pos+1] == '>':
			depth--
			l.pos += 2
			if depth <= 0 {
				return
			}
		case c == '(':
			l.literal()
		case c == '<':
			l.hex()
		case c == '%':
			l.skipSpace()
		default:
			l.pos++
		}
	}
}

// skipInlineImage moves past the data of an inline image, which follows the ID operator
// and ends at the first EI keyword standing between white space.
func (l *pLexer) skipInlineImage() {
	if l.pos < len(l.s) && isPDFSpace(l.s[l.pos]) {
		l.pos++
	}
	for l.pos < len(l.s) {
		i := bytes.Index(l.s[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.s)
			return
		}
		at := l.pos + i
		before := at == 0 || isPDFSpace(l.s[at-1])
		after := at+2 >= len(l.s) || isPDFSpace(l.s[at+2]) || isPDFDelim(l.s[at+2])
		l.pos = at + 2
		if before && after {
			return
		}
	}
}
