package crawler

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Charset names recorded in facts.Page.Charset.
const (
	charsetUTF8    = "utf-8"
	charsetGB18030 = "gb18030"
)

// decodeBody returns a page body as UTF-8 and the charset it was decoded from.
//
// Chinese government pages are often GBK/GB2312 declared only in a <meta>, with a header
// that names no charset (colly's statistical detector reads short GB2312 pages as
// Korean), and sometimes a header and a <meta> that disagree. The rules, in order:
//   - a byte-order mark decides;
//   - the header charset wins when the body decodes cleanly in it;
//   - otherwise the <meta> charset (WHATWG prescan of the first 1024 bytes) when clean;
//   - otherwise UTF-8 when the body is valid UTF-8, else GB18030 when clean: the sites we
//     audit use no other multi-byte encoding;
//   - otherwise the first declared charset, lossily.
//
// GB2312 and GBK are decoded as GB18030, their superset: pages labelled gb2312 routinely
// use GBK characters (e.g. 镕, 堃) that a strict GB2312 decoder would lose.
func decodeBody(raw []byte, contentType string) ([]byte, string) {
	if len(raw) == 0 {
		return raw, declared(contentType)
	}
	if e, name := bomEncoding(raw); e != nil {
		out, _ := decodeWith(e, raw)
		return bytes.TrimPrefix(out, []byte("\uFEFF")), name
	}
	valid := utf8.Valid(raw)
	highBit := hasHighBit(raw)

	type candidate struct {
		enc  encoding.Encoding
		name string
	}
	var cands []candidate
	add := func(label string) {
		e, name := lookupCharset(label)
		if e == nil {
			return
		}
		for _, c := range cands {
			if c.name == name {
				return
			}
		}
		cands = append(cands, candidate{e, name})
	}
	add(declared(contentType))
	if _, name, _ := charset.DetermineEncoding(raw, "text/html"); name != "windows-1252" {
		// windows-1252 is DetermineEncoding's fallback when there is no <meta>; a Chinese
		// government page that really is Latin-1 is not a case worth the confusion.
		add(name)
	}
	firstDeclared, saysUTF8 := "", false
	for i, c := range cands {
		if i == 0 {
			firstDeclared = c.name
		}
		saysUTF8 = saysUTF8 || c.name == charsetUTF8
	}
	if valid {
		add(charsetUTF8)
	}
	add(charsetGB18030)
	if highBit && latinCharset(cands[0].name) {
		// A header naming a Western single-byte charset (servers default to ISO-8859-1)
		// decodes any bytes "cleanly": the <meta>, UTF-8 and GB18030 are tried first.
		cands = append(cands[1:], cands[0])
	}

	if !highBit {
		// ASCII reads the same in every ASCII-compatible charset: no decoding needed.
		name := firstDeclared
		if name == "" {
			name = charsetUTF8
		}
		if e, _ := lookupCharset(name); e == nil || isASCIICompatible(name) {
			return raw, name
		}
	}
	for _, c := range cands {
		if c.name == charsetUTF8 {
			if valid {
				return raw, charsetUTF8
			}
			continue
		}
		if valid && highBit && saysUTF8 {
			// Header and <meta> disagree, one says UTF-8, and the body is valid UTF-8 with
			// multi-byte text: GBK text almost never is, while UTF-8 text often decodes
			// "cleanly" (as mojibake) in GBK. UTF-8 is the one that is right.
			continue
		}
		if out, clean := decodeWith(c.enc, raw); clean {
			return out, c.name
		}
	}
	if len(cands) > 0 && firstDeclared != "" {
		c := cands[0]
		if c.name == charsetUTF8 {
			return bytes.ToValidUTF8(raw, []byte("\uFFFD")), charsetUTF8
		}
		out, _ := decodeWith(c.enc, raw)
		return out, c.name
	}
	out, _ := decodeWith(simplifiedchinese.GB18030, raw)
	return out, charsetGB18030
}

// declared is the charset parameter of a Content-Type, "" when none.
func declared(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Tolerate "text/html; charset=gb2312;" and similar.
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			f := strings.FieldsFunc(contentType[i+len("charset="):], func(r rune) bool { return r == ';' || r == ' ' || r == ',' })
			if len(f) > 0 {
				return strings.Trim(f[0], `"'`)
			}
		}
		return ""
	}
	return params["charset"]
}

// lookupCharset maps a label to an encoding by the WHATWG table, with the GB family
// widened to GB18030.
func lookupCharset(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" {
		return nil, ""
	}
	e, name := charset.Lookup(label)
	if e == nil {
		return nil, ""
	}
	switch name {
	case "gbk", "gb2312", "gb18030":
		return simplifiedchinese.GB18030, charsetGB18030
	case "utf-8":
		return encoding.Nop, charsetUTF8
	}
	return e, name
}

// latinCharset reports the single-byte Western and Cyrillic charsets, in which every byte
// sequence decodes without error (WHATWG names).
func latinCharset(name string) bool {
	return strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859-") ||
		strings.HasPrefix(name, "koi8") || name == "macintosh" || name == "ibm866" || name == "x-mac-cyrillic"
}

func isASCIICompatible(name string) bool {
	return !strings.HasPrefix(name, "utf-16") && name != "replacement"
}

func bomEncoding(b []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, charsetUTF8
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	}
	return nil, ""
}

// decodeWith decodes raw and reports whether it decoded cleanly (no replacement
// characters introduced).
func decodeWith(e encoding.Encoding, raw []byte) ([]byte, bool) {
	if e == encoding.Nop {
		return raw, utf8.Valid(raw)
	}
	out, _, err := transform.Bytes(e.NewDecoder(), raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), false
	}
	clean := bytes.Count(out, []byte("\uFFFD")) <= bytes.Count(raw, []byte("\uFFFD"))
	return out, clean
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
