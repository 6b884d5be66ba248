package attach

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the bytes of a text file into UTF-8: a BOM decides; otherwise valid
// UTF-8 is taken as is and anything else is read as GB18030 (the superset of GBK and
// GB2312 that Chinese sites use for everything that is not UTF-8).
func decodeText(b []byte) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD"))), "utf-8"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b), "utf-16le"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b), "utf-16be"
	case utf8.Valid(b):
		return string(b), "utf-8"
	}
	return decodeWith(simplifiedchinese.GB18030, b), "gb18030"
}

func decodeWith(e encoding.Encoding, b []byte) string {
	s, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(s)
}

func extractPlain(j *job, body []byte) error {
	s, _ := decodeText(body)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	j.out.WriteString(s)
	return nil
}

// extractHTML keeps the visible text of an HTML attachment (or a Word "web page" saved
// as .doc): block elements end lines, table cells are tab-separated, script and style
// are dropped. The charset comes from a BOM, the <meta> prescan or the bytes.
func extractHTML(j *job, body []byte) error {
	e, name, _ := charset.DetermineEncoding(body[:min(len(body), 4096)], "")
	if name == "windows-1252" && !utf8.Valid(body) && validGB18030ish(body[:min(len(body), 4096)]) {
		e = simplifiedchinese.GB18030 // undeclared and not UTF-8: the Chinese default
	}
	if name == "utf-8" && !utf8.Valid(body) {
		e = simplifiedchinese.GB18030
	}
	doc, err := e.NewDecoder().Bytes(body)
	if err != nil {
		doc = body
	}
	z := html.NewTokenizer(bytes.NewReader(doc))
	skip := 0
	out := &j.out
	for {
		if err := j.check(); err != nil {
			return err
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, _ := z.TagName()
			tag := string(tn)
			switch tag {
			case "script", "style", "head", "noscript", "template", "xml":
				if tt == html.StartTagToken {
					skip++
				}
			case "td", "th":
				out.tab()
			case "br":
				out.newline()
			default:
				if blockTags[tag] {
					out.newline()
				}
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			tag := string(tn)
			switch tag {
			case "script", "style", "head", "noscript", "template", "xml":
				if skip > 0 {
					skip--
				}
			case "td", "th":
				out.tab()
			default:
				if blockTags[tag] {
					out.newline()
				}
			}
		case html.TextToken:
			if skip == 0 {
				t := strings.Join(strings.Fields(html.UnescapeString(string(z.Text()))), " ")
				if t != "" {
					out.WriteString(t)
				}
			}
		}
	}
}

var blockTags = map[string]bool{
	"p": true, "div": true, "tr": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "table": true, "ul": true, "ol": true, "section": true,
	"article": true, "blockquote": true, "pre": true, "title": true, "dt": true, "dd": true,
}

// extractRTF reads the text of an RTF file (Word and WPS save .doc files as RTF more
// often than one would think): control words are dropped, \par and \line end lines,
// \cell and \tab separate cells, \'hh bytes are decoded in the document's code page
// (\ansicpg936 = GBK) and \uN characters are taken with their \ucN fallback skipped.
// Destinations that are not text (font and colour tables, pictures, objects, fields'
// instructions, \* extensions) are skipped.
func extractRTF(j *job, body []byte) error {
	p := rtfParser{j: j, src: body, enc: simplifiedchinese.GBK}
	p.run()
	p.flushBytes()
	return nil
}

type rtfState struct {
	skip bool
	uc   int
}

type rtfParser struct {
	j     *job
	src   []byte
	enc   encoding.Encoding
	stack []rtfState
	st    rtfState
	pend  []byte // \'hh bytes waiting to be decoded together (double-byte characters)
	skipN int    // fallback characters still to skip after \uN
	hi    rune   // high surrogate of a \uN pair
}

var rtfSkipDest = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "fldinst": true, "themedata": true, "colorschememapping": true,
	"datastore": true, "latentstyles": true, "listtable": true, "listoverridetable": true,
	"rsidtbl": true, "generator": true, "xmlnstbl": true, "filetbl": true, "revtbl": true,
	"bkmkstart": true, "bkmkend": true, "shppict": true,
	"nonshppict": true, "mmathPr": true, "pgdsctbl": true, "wgrffmtfilter": true,
}

func (p *rtfParser) run() {
	p.st.uc = 1
	src := p.src
	for i := 0; i < len(src); i++ {
		if p.j.check() != nil {
			return
		}
		c := src[i]
		switch c {
		case '{':
			p.flushBytes()
			if len(p.stack) < 1000 {
				p.stack = append(p.stack, p.st)
			}
		case '}':
			p.flushBytes()
			if n := len(p.stack); n > 0 {
				p.st = p.stack[n-1]
				p.stack = p.stack[:n-1]
			}
		case '\\':
			i = p.control(i)
		case '\r', '\n':
		default:
			if p.skipN > 0 {
				p.skipN--
				continue
			}
			if !p.st.skip {
				if c >= 0x80 {
					p.pend = append(p.pend, c)
				} else {
					p.flushBytes()
					p.j.out.WriteString(string(rune(c)))
				}
			}
		}
	}
}

// control handles the control word or symbol at src[i] (a backslash) and returns the
// index of its last byte.
func (p *rtfParser) control(i int) int {
	src := p.src
	if i+1 >= len(src) {
		return i
	}
	c := src[i+1]
	switch {
	case c == '\'':
		if i+3 < len(src) {
			if v, err := strconv.ParseUint(string(src[i+2:i+4]), 16, 8); err == nil {
				if p.skipN > 0 {
					p.skipN--
				} else if !p.st.skip {
					p.pend = append(p.pend, byte(v))
				}
			}
		}
		return i + 3
	case c == '*':
		p.st.skip = true
		return i + 1
	case c == '\\' || c == '{' || c == '}':
		if !p.st.skip {
			p.flushBytes()
			p.j.out.WriteString(string(rune(c)))
		}
		return i + 1
	case c == '~':
		if !p.st.skip {
			p.flushBytes()
			p.j.out.WriteString(" ")
		}
		return i + 1
	case c == '\r' || c == '\n':
		if !p.st.skip {
			p.flushBytes()
			p.j.out.newline()
		}
		return i + 1
	case !isASCIILetter(c):
		return i + 1
	}
	k := i + 1
	for k < len(src) && isASCIILetter(src[k]) && k-i < 40 {
		k++
	}
	word := string(src[i+1 : k])
	arg, hasArg := 0, false
	m := k
	if m < len(src) && (src[m] == '-' || src[m] >= '0' && src[m] <= '9') {
		m++
		for m < len(src) && src[m] >= '0' && src[m] <= '9' && m-k < 11 {
			m++
		}
		if v, err := strconv.Atoi(string(src[k:m])); err == nil {
			arg, hasArg = v, true
		}
	}
	end := m - 1
	if m < len(src) && src[m] == ' ' {
		end = m // the delimiting space belongs to the control word
	}
	p.word(word, arg, hasArg)
	return end
}

func (p *rtfParser) word(w string, arg int, hasArg bool) {
	if rtfSkipDest[w] {
		p.st.skip = true
		return
	}
	switch w {
	case "ansicpg":
		if arg == 936 || arg == 54936 {
			p.enc = simplifiedchinese.GBK
		} else if arg > 0 {
			p.enc = codepageEncoding(uint16(arg))
		}
	case "uc":
		if hasArg && arg >= 0 && arg < 10 {
			p.st.uc = arg
		}
	case "u":
		if !hasArg {
			return
		}
		if !p.st.skip {
			p.flushBytes()
			if arg < 0 {
				arg += 65536
			}
			p.writeU16(uint16(arg))
		}
		p.skipN = p.st.uc
	}
	if p.st.skip {
		return
	}
	switch w {
	case "par", "line", "row", "sect", "page":
		p.flushBytes()
		p.j.out.newline()
	case "cell", "nestcell":
		p.flushBytes()
		p.j.out.tab()
	case "tab":
		p.flushBytes()
		p.j.out.WriteString("\t")
	case "emdash":
		p.writeRune('—')
	case "endash":
		p.writeRune('–')
	case "lquote":
		p.writeRune('‘')
	case "rquote":
		p.writeRune('’')
	case "ldblquote":
		p.writeRune('“')
	case "rdblquote":
		p.writeRune('”')
	}
}

func (p *rtfParser) writeRune(r rune) {
	p.flushBytes()
	p.j.out.WriteString(string(r))
}

// writeU16 writes a \uN character; a high surrogate waits for its low half.
func (p *rtfParser) writeU16(u uint16) {
	r := rune(u)
	switch {
	case r >= 0xD800 && r < 0xDC00:
		p.hi = r
		return
	case r >= 0xDC00 && r < 0xE000 && p.hi != 0:
		r = utf16.DecodeRune(p.hi, r)
	}
	p.hi = 0
	p.j.out.WriteString(string(r))
}

func (p *rtfParser) flushBytes() {
	if len(p.pend) == 0 {
		return
	}
	s, err := p.enc.NewDecoder().Bytes(p.pend)
	if err != nil {
		s = bytes.ToValidUTF8(p.pend, []byte("\uFFFD"))
	}
	p.j.out.WriteString(string(s))
	p.pend = p.pend[:0]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
