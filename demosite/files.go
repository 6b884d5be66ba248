package demosite

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"
)

// Attachments are generated, small and deterministic: docx and xlsx as minimal Office
// Open XML packages (readable by excelize and any docx text extractor), png pictures for
// 图解 interpretations.

// zipTime is the fixed modification time of every member, so builds are byte-identical.
var zipTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func attachmentBytes(b *builtDoc, f builtFile) ([]byte, string, error) {
	title := f.Name
	switch f.Ext {
	case "docx":
		data, err := docx(title, f.Lines, f.Rows)
		return data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", err
	case "xlsx":
		data, err := xlsx(f.Rows)
		return data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", err
	case "png":
		seed := uint32(0)
		if b != nil {
			seed = hash32(b.Key)
		}
		data, err := picture(seed)
		return data, "image/png", err
	}
	return nil, "", fmt.Errorf("cannot generate a .%s attachment (use docx, xlsx or png, or mark it Missing)", f.Ext)
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

type zipMember struct{ name, body string }

func zipOf(members []zipMember) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func docx(title string, lines []string, rows [][]string) ([]byte, error) {
	var body strings.Builder
	para := func(s string) {
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlText(s))
	}
	para(title)
	for _, l := range lines {
		para(l)
	}
	if len(rows) > 0 {
		body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>`)
		for _, r := range rows {
			body.WriteString("<w:tr>")
			for _, c := range r {
				fmt.Fprintf(&body, `<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, xmlText(c))
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	return zipOf([]zipMember{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", xmlHeader + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`},
	})
}

// colName: 0 → A, 25 → Z, 26 → AA.
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func xlsx(rows [][]string) ([]byte, error) {
	var sheet strings.Builder
	for r, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, r+1)
		for c, v := range row {
			ref := fmt.Sprintf("%s%d", colName(c), r+1)
			if isNumber(v) && r > 0 {
				fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, v)
			} else {
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, xmlText(v))
			}
		}
		sheet.WriteString("</row>")
	}
	return zipOf([]zipMember{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheet.String() + `</sheetData></worksheet>`},
	})
}

func isNumber(s string) bool {
	if s == "" || len(s) > 15 {
		return false
	}
	dot := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return true
}

// picture draws a simple infographic-like layout (header band, blocks) in the site's
// colours; seed varies the block layout.
func picture(seed uint32) ([]byte, error) {
	const w, h = 640, 400
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(0, 0, w, h, color.RGBA{0xf4, 0xf8, 0xfc, 0xff})
	fill(0, 0, w, 70, color.RGBA{0xb8, 0x1c, 0x22, 0xff})
	palette := []color.RGBA{{0x1f, 0x6f, 0xc5, 0xff}, {0x2e, 0x9b, 0x6f, 0xff}, {0xe0, 0x8e, 0x1b, 0xff}, {0x6b, 0x4f, 0xbb, 0xff}}
	for i := 0; i < 4; i++ {
		c := palette[(int(seed)+i)%len(palette)]
		y := 90 + i*75
		fill(30, y, 30+120+int((seed>>(i*4))%8)*50, y+55, c)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// staticFiles are the style sheet, script and logo every page references.
func staticFiles() map[string]*resource {
	mod := mustDate("2024-01-02")
	logo, err := picture(7)
	if err != nil {
		panic(err)
	}
	return map[string]*resource{
		"/images/qinglan.css": {body: []byte(siteCSS), ctype: "text/css", mod: mod},
		"/images/common.js":   {body: []byte(siteJS), ctype: "application/javascript", mod: mod},
		"/images/logo.png":    {body: logo, ctype: "image/png", mod: mod},
	}
}

const siteCSS = `body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f2f2f2}
a{color:#333;text-decoration:none}a:hover{color:#b81c22}
.w{width:1200px;margin:0 auto}.clearfix:after,.cf:after{content:"";display:block;clear:both}
.top-bar{background:#eee;height:32px;line-height:32px;font-size:12px}.top-links{float:right}
.header{background:#b81c22;height:120px}.logo img{height:90px;margin-top:15px}
.search{float:right;margin-top:45px}.nav{background:#9a1419}.nav ul{list-style:none;padding:0;margin:0 auto}
.nav li{display:inline-block}.nav li a{display:block;padding:0 26px;line-height:46px;color:#fff;font-size:16px}
.nav li.on a{background:#7c0f13}.dqwz{padding:10px 0}.xxgk-side{float:left;width:260px;background:#fff}
.xxgk-main{float:right;width:920px;background:#fff;padding:10px}.list li{list-style:none;height:36px;line-height:36px;border-bottom:1px dashed #ddd}
.list li span{float:right;color:#999}.xxgk-table,.xxgk-list{width:100%;border-collapse:collapse}
.xxgk-table th,.xxgk-table td,.xxgk-list th,.xxgk-list td{border:1px solid #ddd;padding:5px 10px}
.top-l,.top-r{width:50%}.fl{float:left}.fr{float:right}.article-title{text-align:center;font-size:22px}
.TRS_Editor p{font-size:16px;line-height:2}.footer{background:#fff;border-top:3px solid #b81c22;text-align:center;padding:20px 0;margin-top:20px}
.page{text-align:center;margin:20px 0}.page a,.page span{margin:0 4px}`

const siteJS = `function doZoom(size){var el=document.querySelector('.TRS_Editor');if(el){el.style.fontSize=size+'px';}}
`
