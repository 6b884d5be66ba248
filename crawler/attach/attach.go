// Package attach extracts the text of the attachments government sites publish (名册 in
// xls/xlsx, 公示 in pdf/doc/docx, WPS and ET files), so that rules — the privacy rule above
// all — can read them like page text.
//
// It is a pure library: it reads only the bytes it is given (no files, no network, no
// temporary files) and bounds its work by Limits, because attachments come from servers
// we do not control. Every parser runs under recover(): a hostile or broken file yields a
// short reason, never a panic.
//
// Formats and how they are read:
//
//	xlsx, et (OOXML)    excelize: every sheet, cells as displayed, tab/newline separated
//	xls, et (OLE)       own BIFF8/BIFF5 reader over the Workbook/Book stream (mscfb)
//	docx, wps (OOXML)   own WordprocessingML walker (archive/zip + encoding/xml)
//	doc, wps (OLE)      own Word 97–2003 reader: FIB → piece table (CLX) → text
//	pdf                 pdfcpu for the file structure (xref repair, filters, decryption,
//	                    resource limits); own content-stream interpreter and CMap decoder
//	rtf, html, txt, csv own decoders (UTF-8, UTF-16 with BOM, else GB18030)
//	ofd, zip, rar, 7z, ppt, images: detected and reported unreadable with the reason.
package attach

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits bound the work on hostile files. Zero fields take the defaults.
type Limits struct {
	MaxText         int           // bytes of UTF-8 text out; default 2 MiB
	MaxCells        int           // spreadsheet cells read; default 200,000
	MaxUncompressed int64         // bytes inflated from zip members or PDF streams; default 64 MiB (zip bombs)
	Timeout         time.Duration // wall-clock budget for one file; default 30 s
}

// Defaults of Limits.
const (
	DefaultMaxText         = 2 << 20
	DefaultMaxCells        = 200_000
	DefaultMaxUncompressed = 64 << 20
	DefaultTimeout         = 30 * time.Second
)

func (l Limits) withDefaults() Limits {
	if l.MaxText <= 0 {
		l.MaxText = DefaultMaxText
	}
	if l.MaxCells <= 0 {
		l.MaxCells = DefaultMaxCells
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = DefaultMaxUncompressed
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// Kinds reported by Text. WPS Office files report "wps" (text documents) and "et"
// (spreadsheets) when their name says so, whatever container they use inside.
const (
	KindPDF     = "pdf"
	KindDOCX    = "docx"
	KindDOC     = "doc"
	KindWPS     = "wps"
	KindXLSX    = "xlsx"
	KindXLS     = "xls"
	KindET      = "et"
	KindPPT     = "ppt"
	KindPPTX    = "pptx"
	KindRTF     = "rtf"
	KindHTML    = "html"
	KindTXT     = "txt"
	KindCSV     = "csv"
	KindOFD     = "ofd"
	KindODF     = "odf"
	KindZIP     = "zip"
	KindRAR     = "rar"
	Kind7Z      = "7z"
	KindGZIP    = "gzip"
	KindImage   = "image"
	KindOLE     = "ole" // a compound file that is none of the above
	KindEmpty   = "empty"
	KindUnknown = "unknown"
)

// Result is what Extract found.
type Result struct {
	Text string
	Kind string
	// Unreadable is empty when Text is the whole text. Without Text it says why there is
	// none ("encrypted pdf", "corrupt zip" …); with Text it says what is missing or
	// unreliable ("text truncated at 2097152 bytes", "2 cells hold long numbers stored as
	// numbers …"), and the text is still worth reading.
	Unreadable string
}

// Text extracts the text of an attachment. kind is detected from the bytes; the file name
// and Content-Type are hints only (sites serve .doc as application/octet-stream and name
// xlsx files .xls). It returns the text, or unreadable = a short human reason — never both
// empty, never a panic. See Result for when both are set.
func Text(name, contentType string, body []byte, lim Limits) (text, kind, unreadable string) {
	r := Extract(context.Background(), name, contentType, body, lim)
	return r.Text, r.Kind, r.Unreadable
}

// Extract is Text with a context: cancelling ctx stops the work as the timeout does.
func Extract(ctx context.Context, name, contentType string, body []byte, lim Limits) (res Result) {
	lim = lim.withDefaults()
	res.Kind = Detect(name, contentType, body)
	if len(body) == 0 {
		res.Unreadable = "empty file"
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	j := &job{ctx: ctx, lim: lim, out: textOut{max: lim.MaxText}, name: name, kind: res.Kind}
	defer func() {
		if p := recover(); p != nil {
			// A parser bug on a hostile file: keep what was read, say what happened.
			j.fail(fmt.Errorf("%s: parser failed on this file (%v)", res.Kind, firstLine(fmt.Sprint(p))))
			if panicHook != nil {
				panicHook(p, debug.Stack())
			}
		}
		res.Text, res.Unreadable = j.result()
	}()
	extractor, reason := dispatch(res.Kind, body)
	if extractor == nil {
		j.fail(errors.New(reason))
		return res
	}
	if err := extractor(j, body); err != nil {
		j.fail(err)
	}
	return res
}

// panicHook, when set (by tests), sees every recovered panic with its stack.
var panicHook func(p any, stack []byte)

// dispatch picks the reader by container (the kind alone does not say it: a .wps file
// may be OLE, OOXML or RTF inside).
func dispatch(kind string, body []byte) (func(*job, []byte) error, string) {
	switch kind {
	case KindOFD:
		return nil, "ofd: not supported"
	case KindODF:
		return nil, "odf (OpenDocument): not supported"
	case KindPPTX:
		return nil, "pptx: not supported"
	case KindPPT:
		if !bytes.HasPrefix(body, magicOLE) {
			return nil, "ppt: not supported"
		}
	case KindZIP, KindRAR, Kind7Z, KindGZIP:
		return nil, "archive: not opened"
	case KindImage:
		return nil, "image: no text layer (a scan needs OCR)"
	case KindUnknown:
		return nil, "unknown format: no text extracted"
	}
	switch {
	case kind == KindPDF:
		return extractPDF, ""
	case bytes.HasPrefix(body, magicOLE):
		return extractOLE, ""
	case bytes.HasPrefix(body, []byte("PK")):
		switch kind {
		case KindXLSX, KindET:
			return extractXLSX, ""
		case KindDOCX, KindWPS:
			return extractDOCX, ""
		}
		return nil, "archive: not opened"
	case kind == KindRTF || bytes.HasPrefix(body, []byte("{\\rtf")):
		return extractRTF, ""
	case kind == KindHTML:
		return extractHTML, ""
	case kind == KindDOC || kind == KindWPS:
		return extractWordXML, "" // Word 2003 XML saved as .doc
	case kind == KindXLS || kind == KindET:
		return extractSpreadsheetML, "" // SpreadsheetML 2003 saved as .xls
	case kind == KindTXT || kind == KindCSV:
		return extractPlain, ""
	}
	return nil, "unknown format: no text extracted"
}

// errStop ends extraction early without being an error of the file: the text is full.
var errStop = errors.New("text limit reached")

// job is one extraction: its limits, its deadline and the text collected so far.
type job struct {
	ctx   context.Context
	lim   Limits
	out   textOut
	name  string
	kind  string
	notes []string
	err   error
	ticks int
}

// check returns an error once the budget is spent or the text is full. Parsers call it
// in their loops; it looks at the clock only every 256 calls.
func (j *job) check() error {
	if j.out.full {
		return errStop
	}
	j.ticks++
	if j.ticks&255 == 0 {
		if err := j.ctx.Err(); err != nil {
			return j.timeoutErr(err)
		}
	}
	return nil
}

func (j *job) timeoutErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: timed out after %s", j.kind, j.lim.Timeout)
	}
	return fmt.Errorf("%s: cancelled", j.kind)
}

// note records something the caller should know about otherwise good text.
func (j *job) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, n := range j.notes {
		if n == s {
			return
		}
	}
	j.notes = append(j.notes, s)
}

// fail records why extraction stopped. errStop is not a failure.
func (j *job) fail(err error) {
	if err == nil || errors.Is(err, errStop) || j.err != nil {
		return
	}
	j.err = err
}

func (j *job) result() (text, unreadable string) {
	text = strings.TrimSpace(j.out.String())
	var why []string
	if j.err != nil {
		why = append(why, j.err.Error())
	}
	if j.out.full {
		why = append(why, fmt.Sprintf("text truncated at %d bytes", j.lim.MaxText))
	}
	why = append(why, j.notes...)
	if text == "" && j.err == nil {
		why = append([]string{j.kind + ": no text found"}, why...)
	}
	return text, strings.ToValidUTF8(strings.Join(why, "; "), "\uFFFD")
}

// textOut collects the text up to max bytes, cut at a rune boundary, with separators
// that never pile up: no separator first, none twice, and a newline replaces a trailing tab.
type textOut struct {
	b    []byte
	max  int
	full bool
}

func (o *textOut) String() string { return string(o.b) }
func (o *textOut) Len() int       { return len(o.b) }

// WriteString appends s; once the limit is reached the rest is dropped and full is set.
func (o *textOut) WriteString(s string) {
	if o.full || s == "" {
		return
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if room := o.max - len(o.b); len(s) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
		o.full = true
	}
	o.b = append(o.b, s...)
}

func (o *textOut) last() byte {
	if len(o.b) == 0 {
		return 0
	}
	return o.b[len(o.b)-1]
}

// newline ends the current line.
func (o *textOut) newline() {
	switch o.last() {
	case 0, '\n':
		return
	case '\t':
		o.b = o.b[:len(o.b)-1]
		if o.last() == '\n' || o.last() == 0 {
			return
		}
	}
	o.WriteString("\n")
}

// tab separates cells; it is dropped at the start of a line.
func (o *textOut) tab() {
	switch o.last() {
	case 0, '\n', '\t':
		return
	}
	o.WriteString("\t")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:120]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}
