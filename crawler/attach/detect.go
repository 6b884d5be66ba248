package attach

import (
	"archive/zip"
	"bytes"
	"mime"
	"path"
	"runtime/debug"
	"strings"
	"unicode/utf8"
)

var (
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP = []byte("PK\x03\x04")
)

// Detect names the format of body. The bytes decide; the file name and Content-Type only
// break ties the bytes leave open (a WPS file and a Word file are the same container; a
// zip whose directory is cut off still names its members in its local headers).
func Detect(name, contentType string, body []byte) (kind string) {
	ext := extOf(name)
	hint := hintOf(ext, contentType)
	defer func() {
		if p := recover(); p != nil { // a container parser choked: the name decides
			kind = oleHint(hint)
			if kind == KindOLE {
				kind = KindUnknown
			}
			if panicHook != nil {
				panicHook(p, debug.Stack())
			}
		}
	}()
	if len(body) == 0 {
		return KindEmpty
	}
	head := body[:min(len(body), 1024)]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return KindPDF
	case bytes.HasPrefix(body, magicOLE):
		return wpsName(ext, detectOLE(body, hint))
	case bytes.HasPrefix(body, magicZIP), bytes.HasPrefix(body, []byte("PK\x05\x06")):
		return wpsName(ext, detectZIP(body, hint))
	case bytes.HasPrefix(body, []byte("Rar!\x1a\x07")):
		return KindRAR
	case bytes.HasPrefix(body, []byte("7z\xBC\xAF\x27\x1C")):
		return Kind7Z
	case bytes.HasPrefix(body, []byte{0x1f, 0x8b}):
		return KindGZIP
	case bytes.HasPrefix(body, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(body, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(body, []byte("GIF87a")), bytes.HasPrefix(body, []byte("GIF89a")),
		bytes.HasPrefix(body, []byte("II*\x00")), bytes.HasPrefix(body, []byte("MM\x00*")),
		bytes.HasPrefix(body, []byte("BM")) && len(body) > 26 && body[14] >= 12 && body[15] == 0,
		len(body) > 12 && string(body[:4]) == "RIFF" && string(body[8:12]) == "WEBP":
		return KindImage
	case bytes.HasPrefix(body, []byte("{\\rtf")):
		return wpsName(ext, KindRTF)
	}
	return detectText(head, ext, hint)
}

// hintOf reduces a file extension and a Content-Type to one of our kinds, or "".
func hintOf(ext, contentType string) string {
	switch ext {
	case "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ppt", "pptx", "rtf", "txt", "csv", "ofd":
		return ext
	case "htm", "html", "shtml", "mht", "mhtml":
		return KindHTML
	case "dps":
		return KindPPT
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/pdf":
		return KindPDF
	case "application/msword":
		return KindDOC
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return KindDOCX
	case "application/vnd.ms-excel":
		return KindXLS
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		return KindXLSX
	case "application/vnd.ms-powerpoint":
		return KindPPT
	case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
		return KindPPTX
	case "application/kswps", "application/vnd.ms-works", "application/wps-office.wps":
		return KindWPS
	case "application/kset", "application/wps-office.et":
		return KindET
	case "text/csv":
		return KindCSV
	case "text/html", "application/xhtml+xml":
		return KindHTML
	case "text/plain":
		return KindTXT
	case "application/rtf", "text/rtf":
		return KindRTF
	case "application/ofd":
		return KindOFD
	}
	return ""
}

func extOf(name string) string {
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
}

// wpsName reports a WPS Office file under its own name: .wps files are Word documents
// (OLE or OOXML) and .et files are spreadsheets (BIFF8 or OOXML) inside.
func wpsName(ext, kind string) string {
	switch {
	case ext == "wps" && (kind == KindDOC || kind == KindDOCX || kind == KindRTF):
		return KindWPS
	case ext == "et" && (kind == KindXLS || kind == KindXLSX):
		return KindET
	}
	return kind
}

// detectZIP looks at the member names: the central directory when it can be read, else the
// local file headers near the start (a truncated download keeps those).
func detectZIP(body []byte, hint string) string {
	var names []string
	if zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err == nil {
		for i, f := range zr.File {
			if i >= 2000 {
				break
			}
			names = append(names, f.Name)
		}
	} else {
		names = localZipNames(body, 200)
	}
	has := func(prefix string) bool {
		for _, n := range names {
			if strings.HasPrefix(strings.ReplaceAll(n, "\\", "/"), prefix) {
				return true
			}
		}
		return false
	}
	switch {
	case has("word/"):
		return KindDOCX
	case has("xl/"):
		return KindXLSX
	case has("ppt/"):
		return KindPPTX
	case has("OFD.xml"), has("Doc_0/"):
		return KindOFD
	case has("mimetype") && bytes.Contains(body[:min(len(body), 200)], []byte("application/vnd.oasis.opendocument")):
		return KindODF
	}
	switch hint {
	case KindDOCX, KindXLSX, KindPPTX, KindOFD:
		if len(names) == 0 {
			return hint // too broken to tell: trust the name
		}
	case KindWPS:
		if len(names) == 0 {
			return KindDOCX
		}
	case KindET:
		if len(names) == 0 {
			return KindXLSX
		}
	}
	return KindZIP
}

// localZipNames reads member names from local file headers in order, as far as they go.
func localZipNames(body []byte, max int) []string {
	var names []string
	for off := 0; off+30 <= len(body) && len(names) < max; {
		i := bytes.Index(body[off:], magicZIP)
		if i < 0 {
			break
		}
		off += i
		if off+30 > len(body) {
			break
		}
		n := int(body[off+26]) | int(body[off+27])<<8
		if off+30+n > len(body) {
			break
		}
		names = append(names, string(body[off+30:off+30+n]))
		off += 30 + n
	}
	return names
}

// detectText tells HTML, RTF-less text and binary junk apart by the first kilobyte.
func detectText(head []byte, ext, hint string) string {
	t := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	low := bytes.ToLower(t[:min(len(t), 512)])
	switch {
	case bytes.HasPrefix(low, []byte("<!doctype html")), bytes.HasPrefix(low, []byte("<html")),
		bytes.Contains(low, []byte("<head")), bytes.Contains(low, []byte("<body")),
		bytes.HasPrefix(low, []byte("<?xml")) && bytes.Contains(low, []byte("xhtml")),
		bytes.HasPrefix(low, []byte("mime-version:")) && bytes.Contains(low, []byte("multipart/related")):
		return KindHTML
	case bytes.HasPrefix(low, []byte("<?xml")) &&
		(bytes.Contains(low, []byte("urn:schemas-microsoft-com:office:word")) || bytes.Contains(low, []byte("progid=\"word.document\""))):
		return wpsName(ext, KindDOC) // Word 2003 XML saved as .doc
	case bytes.HasPrefix(low, []byte("<?xml")) &&
		(bytes.Contains(low, []byte("urn:schemas-microsoft-com:office:spreadsheet")) || bytes.Contains(low, []byte("progid=\"excel.sheet\""))):
		return wpsName(ext, KindXLS) // SpreadsheetML 2003 saved as .xls
	}
	if !looksLikeText(head) {
		return KindUnknown
	}
	switch hint {
	case KindCSV, KindHTML:
		return hint
	}
	return KindTXT
}

// looksLikeText: UTF-16 with a BOM, or bytes without the control characters binary files
// are full of (GB18030 text has high bytes but no NULs or stray controls).
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	if len(b) == 0 {
		return false
	}
	bad := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			bad++
		}
	}
	if bad > 0 && (bad*100/len(b) > 1 || bytes.IndexByte(b, 0) >= 0) {
		return false
	}
	return validUTF8Window(b) || validGB18030ish(b)
}

// validGB18030ish checks the byte structure of GBK/GB18030: ASCII, or a lead byte
// 0x81–0xFE followed by a trail byte 0x40–0xFE (or a four-byte 0x30–0x39 sequence).
func validGB18030ish(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xFF {
			return false
		}
		if i+1 >= len(b) {
			return true // cut at the window's end
		}
		t := b[i+1]
		switch {
		case t >= 0x40 && t <= 0xFE && t != 0x7F:
			i++
		case t >= 0x30 && t <= 0x39:
			i += 3
		default:
			return false
		}
	}
	return true
}

// validUTF8Window is utf8.Valid for a window cut out of a longer text: a sequence cut
// at the end does not count against it.
func validUTF8Window(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}
