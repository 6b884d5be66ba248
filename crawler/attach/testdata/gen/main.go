// Command gen regenerates the fixtures of package attach (see ../README.md).
//
//	go run ./crawler/attach/testdata/gen    # from the module root; needs soffice on PATH
//
// It writes spreadsheets with excelize, documents as flat ODT that LibreOffice converts to
// docx/doc/pdf/xls, and the broken and hostile files by cutting or editing those. The person
// data is fake: area code 510722 with computed GB 11643 check digits, Luhn-valid card numbers.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

type person struct {
	name, id, card, phone string
	amount                float64
}

// idCheck computes the GB 11643-1999 check character of the first 17 digits.
func idCheck(s17 string) byte {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s17[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// luhn appends the Luhn check digit to a card number prefix.
func luhn(prefix string) string {
	sum := 0
	for i := 0; i < len(prefix); i++ {
		d := int(prefix[len(prefix)-1-i] - '0')
		if i%2 == 0 { // doubled positions, counting from the digit next to the check digit
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return prefix + string(rune('0'+(10-sum%10)%10))
}

func people() []person {
	raw := []struct {
		name, birth, seq, card, phone string
		amount                        float64
	}{
		{"王小明", "19680315", "231", "621700320001234", "13800138001", 1234.56},
		{"李秀英", "19720808", "142", "621700320005678", "13900139002", 986.40},
		{"张建国", "19550101", "013", "621700320009012", "15800158003", 1520.00},
		{"刘桂芳", "19800229", "264", "621700320003456", "18600186004", 760.25},
		{"陈志强", "19911130", "357", "621700320007890", "13700137005", 2048.00},
	}
	var out []person
	for _, r := range raw {
		s17 := "510722" + r.birth + r.seq
		out = append(out, person{r.name, s17 + string(idCheck(s17)), luhn(r.card + "123"), r.phone, r.amount})
	}
	return out
}

func maskName(n string) string { r := []rune(n); return string(r[0]) + "*" + string(r[2:]) }
func maskID(s string) string   { return s[:6] + "********" + s[14:] }
func maskCard(s string) string { return s[:4] + "***********" + s[15:] }
func maskPhone(s string) string {
	return s[:3] + "****" + s[7:]
}

const (
	listTitle   = "青岚县2024年耕地地力保护补贴发放名册"
	noticeTitle = "关于青岚县2024年城乡居民最低生活保障对象的公示"
)

var dir = "crawler/attach/testdata"

func main() {
	log.SetFlags(0)
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	ps := people()
	for _, p := range ps {
		log.Printf("%s %s %s %s", p.name, p.id, p.card, p.phone)
	}
	must(writeXLSX(filepath.Join(dir, "list.xlsx"), ps, false))
	must(writeXLSX(filepath.Join(dir, "list_masked.xlsx"), ps, true))
	must(writeRoster(filepath.Join(dir, "roster_1000.xlsx"), 1000))
	must(os.WriteFile(filepath.Join(dir, "notice.fodt"), []byte(fodt(ps, false)), 0o644))
	must(os.WriteFile(filepath.Join(dir, "notice_masked.fodt"), []byte(fodt(ps, true)), 0o644))

	tmp, err := os.MkdirTemp("", "attachgen")
	must(err)
	defer os.RemoveAll(tmp)
	convert := func(src, filter, outName string) {
		out := filepath.Join(tmp, "out")
		os.RemoveAll(out)
		cmd := exec.Command("soffice", "-env:UserInstallation=file://"+tmp+"/profile", "--headless",
			"--convert-to", filter, "--outdir", out, src)
		cmd.Stderr = os.Stderr
		if b, err := cmd.Output(); err != nil {
			log.Fatalf("soffice %s → %s: %v\n%s", src, filter, err, b)
		}
		ents, err := os.ReadDir(out)
		must(err)
		if len(ents) != 1 {
			log.Fatalf("soffice %s → %s: %d outputs", src, filter, len(ents))
		}
		must(os.Rename(filepath.Join(out, ents[0].Name()), filepath.Join(dir, outName)))
	}
	in := func(n string) string { return filepath.Join(dir, n) }
	convert(in("notice.fodt"), `docx:MS Word 2007 XML`, "notice.docx")
	convert(in("notice.fodt"), `doc:MS Word 97`, "notice.doc")
	convert(in("notice.fodt"), `pdf:writer_pdf_Export`, "notice.pdf")
	convert(in("notice_masked.fodt"), `docx:MS Word 2007 XML`, "notice_masked.docx")
	convert(in("notice_masked.fodt"), `pdf:writer_pdf_Export`, "notice_masked.pdf")
	convert(in("notice_masked.fodt"), `doc:MS Word 97`, "notice_masked.doc")
	convert(in("list.xlsx"), `xls:MS Excel 97`, "list.xls")
	convert(in("list_masked.xlsx"), `xls:MS Excel 97`, "list_masked.xls")
	convert(in("list.xlsx"), `pdf:calc_pdf_Export`, "list.pdf")
	convert(in("roster_1000.xlsx"), `xls:MS Excel 97`, "roster_1000.xls")
	convert(in("roster_1000.xlsx"), `pdf:calc_pdf_Export`, "roster_1000.pdf")
	// An open password (the user must type it) and a permissions-only password (opens
	// without one, as many government PDFs do to stop copying).
	convert(in("notice.fodt"), `pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}`, "encrypted.pdf")
	convert(in("notice.fodt"), `pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner"},"EnableCopyingOfContent":{"type":"boolean","value":"false"},"Printing":{"type":"long","value":"0"}}`, "protected.pdf")
	must(os.WriteFile(in("scan.fodt"), []byte(scanFODT()), 0o644))
	convert(in("scan.fodt"), `pdf:writer_pdf_Export`, "scanned.pdf")
	must(os.Remove(in("scan.fodt")))

	// WPS Office writes .wps and .et as the same OLE formats as .doc and .xls; lacking WPS
	// here, these are copies under the WPS names. Sites also name xlsx files .xls.
	copyFile(in("notice.doc"), in("notice.wps"))
	copyFile(in("list.xls"), in("list.et"))
	copyFile(in("list.xlsx"), in("list_xlsx_named.xls"))

	broken(ps)
}

func writeXLSX(path string, ps []person, masked bool) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "发放名册"
	must(f.SetSheetName("Sheet1", sh))
	must(f.SetCellStr(sh, "A1", listTitle))
	must(f.MergeCell(sh, "A1", "F1"))
	must(f.SetSheetRow(sh, "A2", &[]any{"序号", "姓名", "身份证号", "银行卡号", "手机号", "补贴金额（元）"}))
	money, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	must(err)
	for i, p := range ps {
		row := i + 3
		name, id, card, phone := p.name, p.id, p.card, p.phone
		if masked {
			name, id, card, phone = maskName(name), maskID(id), maskCard(card), maskPhone(phone)
		}
		must(f.SetCellInt(sh, cell(1, row), int64(i+1)))
		must(f.SetCellStr(sh, cell(2, row), name))
		must(f.SetCellStr(sh, cell(3, row), id)) // stored as text: comes out whole
		must(f.SetCellStr(sh, cell(4, row), card))
		must(f.SetCellStr(sh, cell(5, row), phone))
		must(f.SetCellFloat(sh, cell(6, row), p.amount, 2, 64))
		must(f.SetCellStyle(sh, cell(6, row), cell(6, row), money))
	}
	for col, w := range map[string]float64{"A": 6, "B": 10, "C": 22, "D": 24, "E": 14, "F": 16} {
		must(f.SetColWidth(sh, col, col, w))
	}
	must(f.SetCellStr(sh, cell(1, len(ps)+4), "合计"))
	must(f.SetCellFormula(sh, cell(6, len(ps)+4), fmt.Sprintf("SUM(F3:F%d)", len(ps)+2)))
	if masked {
		return f.SaveAs(path)
	}
	// A second sheet the way careless 名册 are typed: numbers where text was needed.
	sh2 := "数值录入"
	_, err = f.NewSheet(sh2)
	must(err)
	must(f.SetSheetRow(sh2, "A1", &[]any{"姓名", "身份证号（数值）", "手机号（数值）", "银行卡号（数值，格式0）", "身份证号（文本格式@的数值）"}))
	intFmt, err := f.NewStyle(&excelize.Style{NumFmt: 1}) // 0
	must(err)
	textFmt, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // @
	must(err)
	must(f.SetColWidth(sh2, "A", "E", 26))
	p := ps[1] // an ID without the X check character: it can be typed as a number
	must(f.SetCellStr(sh2, "A2", p.name))
	// Excel keeps 15 significant digits: the last three digits of the ID are gone for good
	// and the General format shows 5.10722E+17.
	must(f.SetCellValue(sh2, "B2", excel15(p.id)))
	must(f.SetCellValue(sh2, "C2", excel15(p.phone)))
	must(f.SetCellValue(sh2, "D2", excel15(p.card)))
	must(f.SetCellStyle(sh2, "D2", "D2", intFmt))
	must(f.SetCellValue(sh2, "E2", excel15(ps[2].id)))
	must(f.SetCellStyle(sh2, "E2", "E2", textFmt))
	return f.SaveAs(path)
}

// excel15 is the number Excel stores when an all-digit string is typed into a General cell.
func excel15(digits string) float64 {
	var v float64
	fmt.Sscanf(fmt.Sprintf("%.15g", mustFloat(digits)), "%g", &v)
	return v
}

func mustFloat(s string) float64 {
	var v float64
	if _, err := fmt.Sscanf(s, "%g", &v); err != nil {
		log.Fatal(err)
	}
	return v
}

// writeRoster writes a long 名册 for the benchmarks: n people with valid fake IDs.
func writeRoster(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	must(f.SetSheetRow(sh, "A1", &[]any{"序号", "村组", "姓名", "身份证号", "银行卡号", "补贴金额（元）"}))
	for col, w := range map[string]float64{"A": 6, "B": 12, "C": 10, "D": 22, "E": 24, "F": 14} {
		must(f.SetColWidth(sh, col, col, w))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	family := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given := []rune("明华建国秀英桂芳志强军伟丽敏静磊洋勇艳杰娟涛超")
	for i := 1; i <= n; i++ {
		name := string(family[rng.IntN(len(family))]) + string(given[rng.IntN(len(given))]) + string(given[rng.IntN(len(given))])
		s17 := fmt.Sprintf("510722%04d%02d%02d%03d", 1940+rng.IntN(60), 1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(1000))
		card := luhn(fmt.Sprintf("621700320%09d", rng.IntN(1_000_000_000)))
		must(f.SetSheetRow(sh, cell(1, i+1), &[]any{i, fmt.Sprintf("%s村%d组", []string{"青岚", "石桥", "柳林", "河湾"}[i%4], 1+i%7), name, s17 + string(idCheck(s17)), card, float64(rng.IntN(300000)) / 100}))
	}
	return f.SaveAs(path)
}

func cell(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	must(err)
	return c
}

func fodt(ps []person, masked bool) string {
	var rows strings.Builder
	for i, p := range ps {
		name, id, card, phone := p.name, p.id, p.card, p.phone
		if masked {
			name, id, card, phone = maskName(name), maskID(id), maskCard(card), maskPhone(phone)
		}
		rows.WriteString("<table:table-row>")
		for _, v := range []string{fmt.Sprint(i + 1), name, id, card, phone, fmt.Sprintf("%.2f", p.amount)} {
			fmt.Fprintf(&rows, `<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>`, v)
		}
		rows.WriteString("</table:table-row>\n")
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="WenQuanYi Micro Hei" svg:font-family="'WenQuanYi Micro Hei'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="WenQuanYi Micro Hei" style:font-name-asian="WenQuanYi Micro Hei" fo:font-size="11pt" style:font-size-asian="11pt"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="2cm"/>
   <style:header-style/><style:footer-style/></style:page-layout>
  <style:style style:name="tbl" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>
  <style:style style:name="c1" style:family="table-column"><style:table-column-properties style:column-width="1.2cm"/></style:style>
  <style:style style:name="c2" style:family="table-column"><style:table-column-properties style:column-width="2cm"/></style:style>
  <style:style style:name="c3" style:family="table-column"><style:table-column-properties style:column-width="4.4cm"/></style:style>
  <style:style style:name="c4" style:family="table-column"><style:table-column-properties style:column-width="4.6cm"/></style:style>
  <style:style style:name="c5" style:family="table-column"><style:table-column-properties style:column-width="2.8cm"/></style:style>
  <style:style style:name="c6" style:family="table-column"><style:table-column-properties style:column-width="2cm"/></style:style>
  <style:style style:name="T" style:family="paragraph"><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>青岚县民政局</text:p></style:header>
   <style:footer><text:p>公示期：2024年5月6日至2024年5月12日</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="T">` + noticeTitle + `</text:p>
  <text:p>根据《社会救助暂行办法》，经本人申请、村（居）委会评议、乡镇审核，现将拟纳入保障对象名单公示如下。公示期内如有异议，请向青岚县民政局反映。</text:p>
  <table:table table:name="名单" table:style-name="tbl">
   <table:table-column table:style-name="c1"/><table:table-column table:style-name="c2"/><table:table-column table:style-name="c3"/>
   <table:table-column table:style-name="c4"/><table:table-column table:style-name="c5"/><table:table-column table:style-name="c6"/>
   <table:table-row>` + headerCells("序号", "姓名", "身份证号", "银行卡号", "联系电话", "月保障金（元）") + `</table:table-row>
` + rows.String() + `  </table:table>
  <text:p>监督电话：0817-1234567</text:p>
  <text:p>青岚县民政局　2024年5月6日</text:p>
 </office:text></office:body>
</office:document>
`
}

func headerCells(h ...string) string {
	var b strings.Builder
	for _, s := range h {
		fmt.Fprintf(&b, `<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>`, s)
	}
	return b.String()
}

// scanFODT is a page holding nothing but a picture, as a scanned 公示 is.
func scanFODT() string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text><text:p><draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="8cm" svg:height="10cm"><draw:image>
 <office:binary-data>` + base64.StdEncoding.EncodeToString(pngBytes(160, 200)) + `</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body>
</office:document>
`
}

func pngBytes(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(235)
			if y%12 < 2 && rng.IntN(4) > 0 { // lines of "print"
				v = 30
			}
			img.SetGray(x, y, color.Gray{v})
		}
	}
	var b bytes.Buffer
	must(png.Encode(&b, img))
	return b.Bytes()
}

func broken(ps []person) {
	in := func(n string) string { return filepath.Join(dir, n) }
	read := func(n string) []byte { b, err := os.ReadFile(in(n)); must(err); return b }
	write := func(n string, b []byte) { must(os.WriteFile(in(n), b, 0o644)) }

	docx := read("notice.docx")
	write("truncated.docx", docx[:len(docx)*6/10])
	write("empty.pdf", nil)
	write("image.pdf", pngBytes(40, 40))

	// A PDF with its middle overwritten: the cross-reference offsets point into garbage.
	pdf := append([]byte(nil), read("notice.pdf")...)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := len(pdf) / 10; i < len(pdf)*9/10; i++ {
		pdf[i] = byte(rng.IntN(256))
	}
	write("garbled.pdf", pdf)
	orig := read("notice.pdf")
	write("truncated.pdf", orig[:len(orig)/2])

	// OLE files whose main stream is renamed away (same length, so the directory stays valid).
	write("missing_stream.doc", renameStream(read("notice.doc"), "WordDocument", "WordDocumenX"))
	write("missing_stream.xls", renameStream(read("list.xls"), "Workbook", "Workbooz"))

	// A docx whose document part inflates to 100 MiB from ~100 KB.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	add := func(name, body string) {
		w, err := zw.Create(name)
		must(err)
		_, err = io.WriteString(w, body)
		must(err)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	w, err := zw.Create("word/document.xml")
	must(err)
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`)
	chunk := bytes.Repeat([]byte("　"), 1<<16) // 192 KiB of ideographic spaces
	for n := 0; n < 100<<20; n += len(chunk) {
		_, err = w.Write(chunk)
		must(err)
	}
	io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	must(zw.Close())
	write("zipbomb.docx", zb.Bytes())

	// Plain text attachments in the encodings sites serve.
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		must(err)
		return b
	}
	var csv strings.Builder
	csv.WriteString("序号,姓名,身份证号,手机号\r\n")
	for i, p := range ps {
		fmt.Fprintf(&csv, "%d,%s,%s,%s\r\n", i+1, p.name, p.id, p.phone)
	}
	write("list_gbk.csv", gbk(csv.String()))
	write("notice_gbk.txt", gbk(noticeTitle+"\r\n"+ps[2].name+" "+ps[2].id+"\r\n"))
	write("notice_utf8.html", []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>`+noticeTitle+`</title><style>p{color:red}</style><script>var x="<p>不是正文</p>";</script></head><body><h1>`+noticeTitle+`</h1><table><tr><td>`+ps[3].name+`</td><td>`+ps[3].id+`</td></tr></table></body></html>`))
	write("notice_gbk.html", gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>公示</title></head><body><p>`+noticeTitle+`</p><p>`+ps[4].name+`&nbsp;`+ps[4].id+`</p></body></html>`))

	// An OFD (GB/T 33190 electronic document: a zip with OFD.xml) and a RAR archive.
	zb.Reset()
	zw = zip.NewWriter(&zb)
	add("OFD.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`)
	add("Doc_0/Document.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>`)
	must(zw.Close())
	write("notice.ofd", zb.Bytes())
	write("files.rar", append([]byte("Rar!\x1a\x07\x01\x00"), bytes.Repeat([]byte{0x33}, 64)...))
}

// renameStream renames an OLE directory entry (UTF-16LE name of the same length).
func renameStream(b []byte, from, to string) []byte {
	u16 := func(s string) []byte {
		var o []byte
		for _, r := range s {
			o = append(o, byte(r), 0)
		}
		return o
	}
	out := bytes.Replace(b, u16(from), u16(to), 1)
	if bytes.Equal(out, b) {
		log.Fatalf("stream %q not found", from)
	}
	return out
}

func copyFile(from, to string) {
	b, err := os.ReadFile(from)
	must(err)
	must(os.WriteFile(to, b, 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
