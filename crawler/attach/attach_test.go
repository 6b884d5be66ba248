package attach

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The fake people in the fixtures (see testdata/README.md). TestFixturePeopleAreValid
// proves the numbers pass the checks the privacy rule applies, so that finding them
// whole in the extracted text means the rule can flag them.
var people = []struct{ name, id, card, phone string }{
	{"王小明", "51072219680315231X", "6217003200012341233", "13800138001"},
	{"李秀英", "510722197208081427", "6217003200056781237", "13900139002"},
	{"张建国", "510722195501010135", "6217003200090121234", "15800158003"},
	{"刘桂芳", "510722198002292645", "6217003200034561230", "18600186004"},
	{"陈志强", "510722199111303571", "6217003200078901235", "13700137005"},
}

const (
	listTitle   = "青岚县2024年耕地地力保护补贴发放名册"
	noticeTitle = "关于青岚县2024年城乡居民最低生活保障对象的公示"
)

func validID(s string) bool {
	if len(s) != 18 {
		return false
	}
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, k := range w {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * k
	}
	return "10X98765432"[sum%11] == s[17]
}

func validLuhn(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func TestFixturePeopleAreValid(t *testing.T) {
	for _, p := range people {
		if !validID(p.id) {
			t.Errorf("%s: ID %s fails GB 11643", p.name, p.id)
		}
		if !validLuhn(p.card) {
			t.Errorf("%s: card %s fails Luhn", p.name, p.card)
		}
	}
}

func maskedID(id string) string  { return id[:6] + "********" + id[14:] }
func maskedCard(c string) string { return c[:4] + "***********" + c[15:] }
func maskedPhone(p string) string {
	return p[:3] + "****" + p[7:]
}

// unmasked lists what an unmasked fixture must yield: every name, ID, card and phone.
func unmasked() []string {
	var s []string
	for _, p := range people {
		s = append(s, p.name, p.id, p.card, p.phone)
	}
	return s
}

func masked() (want, not []string) {
	for _, p := range people {
		want = append(want, maskedID(p.id), maskedCard(p.card), maskedPhone(p.phone))
		not = append(not, p.id, p.card, p.phone, p.name)
	}
	return want, not
}

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFixtures(t *testing.T) {
	mWant, mNot := masked()
	tests := []struct {
		file, name, ctype string // name and Content-Type as served; "" = the file name, none
		kind              string
		want, not         []string
		unreadable        string // substring of the reason; "" = the text must be complete
		noText            bool
	}{
		{file: "list.xlsx", kind: KindXLSX, want: slices.Concat(unmasked(), []string{listTitle, "补贴金额（元）", "5.10722E+17"}),
			unreadable: "3 cells hold numbers of 16+ digits stored as numbers"},
		{file: "list_masked.xlsx", kind: KindXLSX, want: slices.Concat(mWant, []string{listTitle, "王*明"}), not: mNot},
		{file: "list_xlsx_named.xls", ctype: "application/vnd.ms-excel", kind: KindXLSX, want: slices.Concat(unmasked(), []string{listTitle}),
			unreadable: "stored as numbers"},
		{file: "list.xls", kind: KindXLS, want: slices.Concat(unmasked(), []string{listTitle, "6549.21", "5.10722E+17", "6217003200056780000"}),
			unreadable: "3 cells hold numbers of 16+ digits stored as numbers"},
		{file: "list_masked.xls", kind: KindXLS, want: slices.Concat(mWant, []string{listTitle}), not: mNot},
		{file: "list.et", kind: KindET, want: slices.Concat(unmasked(), []string{listTitle}), unreadable: "stored as numbers"},
		{file: "roster_1000.xlsx", kind: KindXLSX, want: []string{"510722197505027371", "杨芳丽", "6217003204258765352"}},
		{file: "roster_1000.xls", kind: KindXLS, want: []string{"510722197505027371", "杨芳丽", "6217003204258765352"}},
		{file: "notice.docx", kind: KindDOCX, want: slices.Concat(unmasked(), []string{noticeTitle, "青岚县民政局", "公示期：2024年5月6日至2024年5月12日"})},
		{file: "notice_masked.docx", kind: KindDOCX, want: slices.Concat(mWant, []string{noticeTitle}), not: mNot},
		{file: "notice.docx", name: "公示.doc", ctype: "application/octet-stream", kind: KindDOCX, want: slices.Concat(unmasked(), []string{noticeTitle})},
		{file: "notice.doc", kind: KindDOC, want: slices.Concat(unmasked(), []string{noticeTitle, "公示期：2024年5月6日至2024年5月12日"})},
		{file: "notice.doc", name: "download.do?id=12", ctype: "application/octet-stream", kind: KindDOC, want: slices.Concat(unmasked(), []string{noticeTitle})},
		{file: "notice_masked.doc", kind: KindDOC, want: slices.Concat(mWant, []string{noticeTitle}), not: mNot},
		{file: "notice.wps", kind: KindWPS, want: slices.Concat(unmasked(), []string{noticeTitle})},
		{file: "notice.pdf", kind: KindPDF, want: slices.Concat(unmasked(), []string{noticeTitle, "青岚县民政局"})},
		{file: "notice_masked.pdf", kind: KindPDF, want: slices.Concat(mWant, []string{noticeTitle}), not: mNot},
		{file: "protected.pdf", kind: KindPDF, want: slices.Concat(unmasked(), []string{noticeTitle})},
		{file: "list.pdf", kind: KindPDF, want: slices.Concat(unmasked(), []string{listTitle})},
		{file: "roster_1000.pdf", kind: KindPDF, want: []string{"510722197505027371", "杨芳丽", "6217003204258765352", "石桥村2组"}},
		{file: "list_gbk.csv", kind: KindCSV, want: []string{"王小明", "51072219680315231X", "13800138001"}},
		{file: "notice_gbk.txt", kind: KindTXT, want: []string{noticeTitle, "张建国 510722195501010135"}},
		{file: "notice_utf8.html", kind: KindHTML, want: []string{noticeTitle, "刘桂芳\t510722198002292645"}, not: []string{"不是正文", "color:red"}},
		{file: "notice_gbk.html", kind: KindHTML, want: []string{noticeTitle, "陈志强 510722199111303571"}},
		{file: "truncated.docx", kind: KindDOCX, want: []string{noticeTitle, people[0].id}, unreadable: "zip directory missing"},

		// broken and hostile
		{file: "encrypted.pdf", kind: KindPDF, unreadable: "encrypted pdf: an open password is needed", noText: true},
		{file: "scanned.pdf", kind: KindPDF, unreadable: "scanned pdf: no text layer", noText: true},
		{file: "garbled.pdf", kind: KindPDF, unreadable: "corrupt pdf", noText: true},
		{file: "truncated.pdf", kind: KindPDF, unreadable: "corrupt pdf", noText: true},
		{file: "image.pdf", ctype: "application/pdf", kind: KindImage, unreadable: "image: no text layer", noText: true},
		{file: "empty.pdf", kind: KindEmpty, unreadable: "empty file", noText: true},
		{file: "zipbomb.docx", kind: KindDOCX, unreadable: "docx: too large", noText: true},
		{file: "missing_stream.doc", kind: KindDOC, unreadable: "doc: OLE file without a WordDocument stream", noText: true},
		{file: "missing_stream.xls", kind: KindXLS, unreadable: "xls: OLE file without a Workbook stream", noText: true},
		{file: "notice.ofd", kind: KindOFD, unreadable: "ofd: not supported", noText: true},
		{file: "files.rar", kind: KindRAR, unreadable: "archive: not opened", noText: true},
	}
	for _, tc := range tests {
		name := tc.name
		if name == "" {
			name = tc.file
		}
		t.Run(tc.file+"|"+name, func(t *testing.T) {
			body := read(t, tc.file)
			start := time.Now()
			text, kind, why := Text(name, tc.ctype, body, Limits{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s", d)
			}
			if kind != tc.kind {
				t.Errorf("kind = %q, want %q", kind, tc.kind)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q\n%s", w, text)
				} else if !wholeNumber(text, w) {
					t.Errorf("%q runs into the digits next to it\n%s", w, text)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(text, n) {
					t.Errorf("text has %q, which the file masks", n)
				}
			}
			switch {
			case tc.unreadable == "" && why != "":
				t.Errorf("unreadable = %q, want none", why)
			case tc.unreadable != "" && !strings.Contains(why, tc.unreadable):
				t.Errorf("unreadable = %q, want it to contain %q", why, tc.unreadable)
			}
			if tc.noText && text != "" {
				t.Errorf("text = %q, want none", firstLine(text))
			}
			if text == "" && why == "" {
				t.Error("both text and unreadable are empty")
			}
			if !utf8.ValidString(text) {
				t.Error("text is not valid UTF-8")
			}
		})
	}
}

// wholeNumber: a number (ID, card, phone) must stand apart from the digits around it, or
// a checksum test on the text would read a longer number and miss it.
func wholeNumber(text, w string) bool {
	if strings.Trim(w, "0123456789X*") != "" {
		return true // not a number
	}
	isNum := func(r rune) bool { return r >= '0' && r <= '9' || r == 'X' || r == '*' }
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return false
		}
		k += i
		before, _ := utf8.DecodeLastRuneInString(text[:k])
		after, _ := utf8.DecodeRuneInString(text[k+len(w):])
		if !isNum(before) && !isNum(after) {
			return true
		}
		i = k + 1
	}
}

// TestSameTextAcrossFormats: the xls LibreOffice wrote from the xlsx reads the same, cell
// for cell, except the formula total (excelize does not compute, the xls caches it).
func TestSameTextAcrossFormats(t *testing.T) {
	x, _, _ := Text("list.xlsx", "", read(t, "list.xlsx"), Limits{})
	b, _, _ := Text("list.xls", "", read(t, "list.xls"), Limits{})
	x = strings.Replace(x, "合计\n", "合计\t\t\t\t\t6549.21\n", 1)
	if x != b {
		t.Errorf("xlsx and xls differ:\n--- xlsx\n%s\n--- xls\n%s", x, b)
	}
	// 1000 rows: the shared strings span CONTINUE records in the xls
	x, _, _ = Text("roster_1000.xlsx", "", read(t, "roster_1000.xlsx"), Limits{})
	b, _, _ = Text("roster_1000.xls", "", read(t, "roster_1000.xls"), Limits{})
	if x != b {
		xl, bl := strings.Split(x, "\n"), strings.Split(b, "\n")
		for i := range min(len(xl), len(bl)) {
			if xl[i] != bl[i] {
				t.Errorf("roster xlsx and xls differ first at line %d:\n%q\n%q", i+1, xl[i], bl[i])
				break
			}
		}
	}
	d, _, _ := Text("notice.docx", "", read(t, "notice.docx"), Limits{})
	w, _, _ := Text("notice.doc", "", read(t, "notice.doc"), Limits{})
	if lines(d) != lines(w) {
		t.Errorf("docx and doc differ:\n--- docx\n%s\n--- doc\n%s", d, w)
	}
}

// lines sorts the lines: Word puts header and footer stories after the main text, the
// docx reader reads them after the body too, but in another order.
func lines(s string) string {
	l := strings.Split(s, "\n")
	for i := range l {
		l[i] = strings.TrimSpace(l[i])
	}
	sortStrings(l)
	return strings.Join(l, "\n")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for k := i; k > 0 && s[k] < s[k-1]; k-- {
			s[k], s[k-1] = s[k-1], s[k]
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		file, name, ctype, want string
		body                    []byte
	}{
		{file: "list.xlsx", name: "名册.xls", want: KindXLSX},
		{file: "list.xlsx", name: "名册.et", want: KindET},
		{file: "list.xls", name: "名册.xlsx", want: KindXLS},
		{file: "list.xls", name: "名册.et", want: KindET},
		{file: "notice.doc", name: "公示.wps", want: KindWPS},
		{file: "notice.docx", name: "公示.wps", want: KindWPS},
		{file: "notice.doc", name: "", ctype: "application/octet-stream", want: KindDOC},
		{file: "notice.pdf", name: "attach?id=3", want: KindPDF},
		{file: "image.pdf", name: "公示.pdf", ctype: "application/pdf", want: KindImage},
		{file: "truncated.docx", name: "x", want: KindDOCX}, // from the local headers
		{file: "missing_stream.xls", name: "x.bin", want: KindOLE},
		{file: "missing_stream.xls", name: "x.et", want: KindET},
		{body: []byte("%PDF-1.4 junk"), want: KindPDF},
		{body: append([]byte("\xef\xbb\xbf"), "<html><body>x</body></html>"...), want: KindHTML},
		{body: []byte("{\\rtf1\\ansi hello}"), name: "a.doc", want: KindRTF},
		{body: []byte("{\\rtf1\\ansi hello}"), name: "a.wps", want: KindWPS},
		{body: []byte("a,b\n1,2\n"), name: "x.csv", want: KindCSV},
		{body: []byte("a,b\n1,2\n"), ctype: "text/csv; charset=gbk", want: KindCSV},
		{body: []byte("\x00\x01\x02\x03binary"), name: "a.txt", want: KindUnknown},
		{body: []byte(`<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">`), name: "a.doc", want: KindDOC},
		{body: []byte("7z\xBC\xAF\x27\x1C\x00\x04"), want: Kind7Z},
		{body: nil, name: "a.pdf", want: KindEmpty},
	}
	for _, tc := range tests {
		body := tc.body
		if tc.file != "" {
			body = read(t, tc.file)
		}
		if got := Detect(tc.name, tc.ctype, body); got != tc.want {
			t.Errorf("Detect(%q, %q, %s) = %q, want %q", tc.name, tc.ctype, cmp(tc.file, body), got, tc.want)
		}
	}
}

func cmp(file string, b []byte) string {
	if file != "" {
		return file
	}
	return fmt.Sprintf("%q", b[:min(len(b), 20)])
}

// TestMaxText: the text stops at MaxText bytes, never inside a character, and says so.
func TestMaxText(t *testing.T) {
	for _, f := range []string{"notice.docx", "notice.doc", "notice.pdf", "list.xlsx", "list.xls", "notice_gbk.txt", "notice_utf8.html"} {
		body := read(t, f)
		full, _, _ := Text(f, "", body, Limits{})
		for max := 1; max <= 80; max++ {
			text, _, why := Text(f, "", body, Limits{MaxText: max})
			if len(text) > max || !utf8.ValidString(text) {
				t.Fatalf("%s MaxText=%d: %d bytes, valid UTF-8 %v: %q", f, max, len(text), utf8.ValidString(text), text)
			}
			if !strings.HasPrefix(full, strings.TrimSpace(text)) {
				t.Fatalf("%s MaxText=%d: %q is not the start of the text", f, max, text)
			}
			if !strings.Contains(why, fmt.Sprintf("text truncated at %d bytes", max)) {
				t.Fatalf("%s MaxText=%d: unreadable %q does not say truncated", f, max, why)
			}
		}
		// 10 bytes = 关于青 (9) + one byte of 岚: the cut falls back to 9 bytes.
		if f == "notice.docx" {
			if text, _, _ := Text(f, "", body, Limits{MaxText: 10}); text != "关于青" {
				t.Errorf("MaxText=10: %q, want 关于青", text)
			}
		}
	}
}

func TestMaxCells(t *testing.T) {
	for _, f := range []string{"list.xlsx", "list.xls", "roster_1000.xlsx", "roster_1000.xls"} {
		text, _, why := Text(f, "", read(t, f), Limits{MaxCells: 10})
		if !strings.Contains(why, "more than 10 cells: too large") {
			t.Errorf("%s: unreadable %q, want the cell limit", f, why)
		}
		if text == "" {
			t.Errorf("%s: the cells before the limit are lost", f)
		}
	}
}

// bomb builds an OOXML package with one member of n bytes of spaces, deflated. When
// lie is set the headers declare 1 KiB, so only the inflating reader can stop it.
func bomb(t testing.TB, member string, n int, lie bool) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<Types/>`)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<16)
	io.WriteString(fw, `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>`)
	for k := 0; k < n; k += len(chunk) {
		fw.Write(chunk)
	}
	io.WriteString(fw, `</w:t></w:r></w:p></w:body></w:document>`)
	fw.Close()
	h := &zip.FileHeader{Name: member, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(n + 100)}
	if lie {
		h.UncompressedSize64 = 1024
	}
	raw, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestZipBombs: refused within MaxUncompressed, whether the sizes are declared honestly
// or not, in docx and xlsx, fast and without allocating the bomb.
func TestZipBombs(t *testing.T) {
	lim := Limits{MaxUncompressed: 1 << 20}
	tests := []struct {
		name   string
		body   []byte
		reason string
	}{
		{"zipbomb.docx", read(t, "zipbomb.docx"), "docx: too large"},
		{"honest.docx", bomb(t, "word/document.xml", 64<<20, false), "docx: too large"},
		{"lying.docx", bomb(t, "word/document.xml", 64<<20, true), "docx: too large"},
		{"honest.xlsx", bomb(t, "xl/worksheets/sheet1.xml", 64<<20, false), "xlsx: too large"},
		{"lying.xlsx", bomb(t, "xl/worksheets/sheet1.xml", 64<<20, true), "xlsx"},
	}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		text, _, why := Text(tc.name, "", tc.body, lim)
		d := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s (%d bytes): %q in %s, %d KiB allocated", tc.name, len(tc.body), why, d.Round(time.Millisecond), alloc>>10)
		if text != "" || !strings.Contains(why, tc.reason) {
			t.Errorf("%s: text %q, unreadable %q; want refusal %q", tc.name, firstLine(text), why, tc.reason)
		}
		// bounded by the limit (reading up to it doubles a buffer a few times), not by
		// the 64–100 MiB the bombs inflate to
		if alloc > uint64(8*lim.MaxUncompressed) {
			t.Errorf("%s: allocated %d MiB for a %d MiB limit", tc.name, alloc>>20, lim.MaxUncompressed>>20)
		}
		// an honest directory is enough to refuse without inflating anything
		if !strings.HasPrefix(tc.name, "lying") && alloc > 512<<10 {
			t.Errorf("%s: allocated %d KiB before refusing a bomb its directory declares", tc.name, alloc>>10)
		}
		if d > 3*time.Second {
			t.Errorf("%s: took %s", tc.name, d)
		}
	}
	// The committed fixture inflates to 100 MiB: over the default limit too.
	if _, _, why := Text("zipbomb.docx", "", read(t, "zipbomb.docx"), Limits{}); !strings.Contains(why, "67108864") {
		t.Errorf("default limit: %q", why)
	}
}

// bigDocx is a real-looking docx with n table rows of the fixture people.
func bigDocx(t testing.TB, n int) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + noticeTitle + `</w:t></w:r></w:p><w:tbl>`)
	for i := 0; i < n; i++ {
		p := people[i%len(people)]
		doc.WriteString("<w:tr>")
		for _, c := range []string{fmt.Sprint(i + 1), p.name, p.id, p.card, p.phone} {
			doc.WriteString(`<w:tc><w:p><w:r><w:t>` + c + `</w:t></w:r></w:p></w:tc>`)
		}
		doc.WriteString("</w:tr>")
	}
	doc.WriteString(`</w:tbl></w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, doc.String())
	zw.Close()
	return buf.Bytes()
}

// TestTimeBudget: a file that takes longer than Timeout stops with a reason, soon after
// the deadline, keeping the text read so far; cancelling the context does the same.
func TestTimeBudget(t *testing.T) {
	body := bigDocx(t, 20_000)
	start := time.Now()
	text, _, why := Text("big.docx", "", body, Limits{Timeout: 20 * time.Millisecond, MaxText: 64 << 20})
	d := time.Since(start)
	if !strings.Contains(why, "timed out after 20ms") {
		t.Errorf("unreadable %q, want the timeout", why)
	}
	if d > 500*time.Millisecond {
		t.Errorf("stopped %s after a 20ms budget", d)
	}
	if !strings.Contains(text, noticeTitle) {
		t.Error("the text read before the deadline is lost")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := Extract(ctx, "big.docx", "", body, Limits{})
	if !strings.Contains(r.Unreadable, "cancelled") {
		t.Errorf("cancelled context: %q", r.Unreadable)
	}
	// Without a limit the same file is read whole.
	full, _, why := Text("big.docx", "", body, Limits{MaxText: 64 << 20})
	if why != "" || strings.Count(full, "\n") < 20_000 {
		t.Errorf("full read: %d lines, %q", strings.Count(full, "\n"), why)
	}
}

// TestLongNumbersXLSX builds the case the 名册 rule meets most: IDs typed into General
// cells. excelize shows them as Excel does; the note says digits were lost.
func TestLongNumbersXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "身份证号")
	f.SetCellValue("Sheet1", "A2", 510722197208081000.0) // Excel kept 15 digits of 510722197208081427
	f.SetCellStr("Sheet1", "A3", "510722197208081427")
	f.SetCellValue("Sheet1", "A4", 13900139002) // 11 digits: shown whole, no note
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text, _, why := Text("a.xlsx", "", buf.Bytes(), Limits{})
	for _, w := range []string{"5.10722E+17", "510722197208081427", "13900139002"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	if !strings.Contains(why, "1 cells hold numbers of 16+ digits") {
		t.Errorf("unreadable %q, want the note on 1 cell", why)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		code string
		want string
	}{
		{510722197208081000, "General", "5.10722E+17"},
		{13900139002, "General", "13900139002"},
		{139001390021, "General", "1.39001E+11"},
		{1234.56, "General", "1234.56"},
		{0.1 + 0.2, "General", "0.3"},
		{510722197208081427, "0", "510722197208081000"},
		{6217003200056781237, "0", "6217003200056780000"},
		{1234.5, "0.00", "1234.50"},
		{1234567.891, "#,##0.00", "1,234,567.89"},
		{0.256, "0.0%", "25.6%"},
		{45418, "yyyy\"年\"m\"月\"d\"日\"", "2024-05-06"},
		{45418.5, "yyyy-mm-dd hh:mm", "2024-05-06 12:00:00"},
		{-5, "General", "-5"},
	}
	for _, tc := range tests {
		if got := formatNumber(tc.v, tc.code, false); got != tc.want {
			t.Errorf("formatNumber(%v, %q) = %q, want %q", tc.v, tc.code, got, tc.want)
		}
	}
}

func TestRTF(t *testing.T) {
	// Word and WPS write Chinese as \'hh GBK bytes or as \uN with a fallback.
	src := `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil \'cb\'ce\'cc\'e5;}}{\*\generator Msftedit;}` +
		`\pard\f0\'b9\'d8\'d3\'da\'b9\'ab\'ca\'be\par` +
		`\trowd\cellx1000\cellx3000 \'cd\'f5\'d0\'a1\'c3\'f7\cell 51072219680315231X\cell\row` +
		`\u24352?\u19977?\par}`
	text, kind, why := Text("a.doc", "", []byte(src), Limits{})
	if kind != KindRTF || why != "" {
		t.Fatalf("kind %q, unreadable %q", kind, why)
	}
	for _, w := range []string{"关于公示", "王小明\t51072219680315231X", "张三"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%q", w, text)
		}
	}
	if strings.Contains(text, "宋体") || strings.Contains(text, "Msftedit") {
		t.Errorf("font table or generator leaked into the text: %q", text)
	}
	// the code page comes from \ansicpg: 1252 here, not the GBK default
	if text, _, _ := Text("a.rtf", "", []byte(`{\rtf1\ansi\ansicpg1252 caf\'e9\par}`), Limits{}); text != "café" {
		t.Errorf("cp1252 RTF: %q", text)
	}
}

func TestSpreadsheetAndWordXML(t *testing.T) {
	ss := `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="名册"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">身份证号</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">王小明</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">51072219680315231X</Data></Cell></Row></Table></Worksheet></Workbook>`
	text, kind, why := Text("名册.xls", "", []byte(ss), Limits{})
	if kind != KindXLS || why != "" || !strings.Contains(text, "王小明\t\t51072219680315231X") {
		t.Errorf("SpreadsheetML: kind %q, unreadable %q, text %q", kind, why, text)
	}
	wx := `<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>` + noticeTitle + `</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>王小明</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>51072219680315231X</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:wordDocument>`
	text, kind, why = Text("公示.doc", "", []byte(wx), Limits{})
	if kind != KindDOC || why != "" || !strings.Contains(text, noticeTitle+"\n王小明\t51072219680315231X") {
		t.Errorf("Word XML: kind %q, unreadable %q, text %q", kind, why, text)
	}
}

// TestDamagedOLE: cutting a .doc or .xls anywhere gives text or a reason, never a panic.
func TestDamagedFiles(t *testing.T) {
	var panics []string
	panicHook = func(p any, stack []byte) { panics = append(panics, fmt.Sprintf("%v\n%s", p, stack)) }
	defer func() { panicHook = nil }()
	for _, f := range []string{"notice.doc", "list.xls", "notice.docx", "list.xlsx", "notice.pdf"} {
		body := read(t, f)
		for cut := 0; cut < len(body); cut += max(1, len(body)/97) {
			text, _, why := Text(f, "", body[:cut], Limits{Timeout: 2 * time.Second})
			if cut > 0 && text == "" && why == "" {
				t.Errorf("%s cut at %d: no text and no reason", f, cut)
			}
		}
	}
	for _, p := range panics {
		t.Errorf("recovered panic: %s", firstLine(p))
	}
}

func TestCMap(t *testing.T) {
	src := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <738B> <0002> /uni5C0F endbfchar
2 beginbfrange <0010> <0012> <0030> <0020> <0022> [<5F20> <5EFA> <56FD>] endbfrange
1 beginbfrange <0100> <0101> <D840DC00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	m := parseCMap([]byte(src), nil)
	tests := []struct {
		code uint32
		want string
	}{
		{0x0001, "王"}, {0x0002, "小"}, {0x0010, "0"}, {0x0012, "2"}, // range: 0x30 + offset
		{0x0020, "张"}, {0x0021, "建"}, {0x0022, "国"}, // array destinations
		{0x0100, "\U00020000"}, {0x0101, "\U00020001"}, // surrogate pair destination, incremented
	}
	for _, tc := range tests {
		if got, ok := m.lookup(2, tc.code); !ok || got != tc.want {
			t.Errorf("lookup(%#04x) = %q, %v; want %q", tc.code, got, ok, tc.want)
		}
	}
	if _, ok := m.lookup(2, 0x0013); ok {
		t.Error("0x0013 is outside every range")
	}
	if n := m.codeLen([]byte{0x00, 0x01}); n != 2 {
		t.Errorf("codeLen = %d, want 2", n)
	}
}

func TestPredefinedCMaps(t *testing.T) {
	pt := &pdfText{}
	for _, tc := range []struct {
		enc  string
		raw  []byte
		want string
	}{
		{"UniGB-UCS2-H", []byte{0x73, 0x8B, 0x5C, 0x0F}, "王小"},
		{"UniGB-UTF16-H", []byte{0xD8, 0x40, 0xDC, 0x00, 0x4E, 0x00}, "\U00020000一"},
		{"GBK-EUC-H", []byte{0xCD, 0xF5, '1', 0xD0, 0xA1}, "王1小"},
		{"GBK2K-H", []byte{0x81, 0x30, 0x81, 0x30, 0xCD, 0xF5}, "\u0080王"},
		{"ETen-B5-H", []byte{0xA4, 0xA4}, "中"},
	} {
		f := &pdfFont{fixed: 2, scale: 0.001}
		pt.predefinedCMap(f, tc.enc)
		var got strings.Builder
		for _, c := range f.split(tc.raw) {
			s, ok := f.decode(c)
			if !ok {
				t.Errorf("%s: code % x unmapped", tc.enc, c.b)
			}
			got.WriteString(s)
		}
		if got.String() != tc.want {
			t.Errorf("%s: %q, want %q", tc.enc, got.String(), tc.want)
		}
	}
}

// TestContentLayout runs the interpreter on a hand-written content stream: strings on
// one baseline with a word gap get a space, across a cell-wide gap a tab, on the next
// baseline a newline; a string drawn twice (fake bold) once; TJ kerning moves the pen.
func TestContentLayout(t *testing.T) {
	j := &job{ctx: context.Background(), lim: Limits{}.withDefaults(), kind: "pdf"}
	j.out.max = 1 << 20
	pt := newPDFText(j, nil)
	in := newInterp(pt, nil)
	cm := parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0030> <0039> <0030> endbfrange 3 beginbfchar <0001> <738B> <0002> <5C0F> <0003> <660E> endbfchar"), nil)
	in.fonts["F1"] = &pdfFont{name: "F1", fixed: 2, toUni: cm, scale: 0.001, cidCode: true, dw: 500, hasDW: true, widths: map[uint32]float64{1: 1000, 2: 1000, 3: 1000}}
	content := `BT /F1 10 Tf 1 0 0 1 100 700 Tm <000100020003> Tj ET
BT /F1 10 Tf 1 0 0 1 100.5 700 Tm <000100020003> Tj ET
BT /F1 10 Tf 1 0 0 1 200 700 Tm <00350031003000370032> Tj ET
BT /F1 10 Tf 1 0 0 1 228 700 Tm <0031003300380030> Tj ET
BT /F1 10 Tf 1 0 0 1 100 680 Tm [<0031> -1000 <0032>] TJ ET
BT /F1 10 Tf 1 0 0 1 100 660 Tm [<0031> -20 <0032>] TJ ET`
	if err := in.run([]byte(content), 0); err != nil {
		t.Fatal(err)
	}
	pt.flushPage()
	want := "王小明\t51072 1380\n1 2\n12"
	if got := strings.TrimSpace(j.out.String()); got != want {
		t.Errorf("layout:\n%q\nwant\n%q", got, want)
	}
}

// TestDocPieces builds a WordDocument and table stream by hand: a cp1252 piece (one byte
// per character, fc stored doubled with bit 30 set) and a UTF-16 piece, a field whose
// instructions are dropped and whose result is kept, and a table row.
func TestDocPieces(t *testing.T) {
	le16 := func(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }
	le32 := func(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }
	// FIB: base (32 bytes), csw=14 + 28 bytes, cslw=22 + 88 bytes, cbRgFcLcb=93 + 744 bytes.
	fib := make([]byte, 32)
	binary.LittleEndian.PutUint16(fib, fibMagic)
	binary.LittleEndian.PutUint16(fib[2:], 0x00C1)
	binary.LittleEndian.PutUint16(fib[0x0A:], fibFlag1Table)
	fib = le16(fib, 14)
	fib = append(fib, make([]byte, 28)...)
	fib = le16(fib, 22)
	lw := len(fib)
	fib = append(fib, make([]byte, 88)...)
	fib = le16(fib, 93)
	fc := len(fib)
	fib = append(fib, make([]byte, 93*8)...)

	ascii := []byte("Name: \x13 HYPERLINK x \x14Wang\x15\r")
	uni := utf16.Encode([]rune("王小明\x07510722197208081427\x07\x07END\r"))
	off1 := len(fib)
	wd := append(fib, ascii...)
	off2 := len(wd)
	for _, u := range uni {
		wd = le16(wd, u)
	}
	n1, n2 := uint32(len(ascii)), uint32(len(uni))
	binary.LittleEndian.PutUint32(wd[lw+3*4:], n1+n2) // ccpText

	var plc []byte
	plc = le32(plc, 0)
	plc = le32(plc, n1)
	plc = le32(plc, n1+n2)
	plc = append(le32(le16(plc, 0), uint32(off1*2)|1<<30), 0, 0) // compressed: fc doubled
	plc = append(le32(le16(plc, 0), uint32(off2)), 0, 0)
	clx := append([]byte{0x01, 0x02, 0x00, 0xAA, 0xBB}, 0x02) // a Prc to skip, then the Pcdt
	clx = le32(clx, uint32(len(plc)))
	clx = append(clx, plc...)
	table := append(make([]byte, 10), clx...)
	binary.LittleEndian.PutUint32(wd[fc+33*8:], 10)
	binary.LittleEndian.PutUint32(wd[fc+33*8+4:], uint32(len(clx)))

	j := &job{ctx: context.Background(), lim: Limits{}.withDefaults(), kind: "doc"}
	j.out.max = 1 << 20
	if err := docText(j, wd, func(name string) ([]byte, error) {
		if name != "1Table" {
			t.Errorf("read %s, want 1Table", name)
		}
		return table, nil
	}); err != nil {
		t.Fatal(err)
	}
	want := "Name: Wang\n王小明\t510722197208081427\nEND"
	if got := strings.TrimSpace(j.out.String()); got != want {
		t.Errorf("doc text %q, want %q", got, want)
	}
}
