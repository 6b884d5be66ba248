package attach

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html/charset"
)

// docx (and WPS's docx-based .wps): the WordprocessingML parts are read with encoding/xml
// as a token stream. No library: the Go docx packages we looked at (nguyenthenguyen/docx,
// fumiama/go-docx, lukasjarosch/go-docx) are editors or templaters that either return the
// raw XML or build a full object model; for text out, a 150-line walker that knows
// paragraphs, tables, tabs, breaks and alternate content is smaller and bounded by our
// limits, and it reads the parts those packages skip (headers, footers, footnotes).

func extractDOCX(j *job, body []byte) error {
	zr, err := openZip(j, body)
	if err != nil {
		if !strings.Contains(err.Error(), "corrupt zip") {
			return err
		}
		if b, ok := salvageMember(j, body, "word/document.xml"); ok {
			j.note("%s: zip directory missing (file cut short?); text read from the entries that remain", j.kind)
			if werr := wordML(j, b); werr != nil && j.out.Len() == 0 {
				return err
			}
			return nil
		}
		return err
	}
	main := mainDocumentPart(j, zr)
	parts := []string{main}
	var extra []string
	for _, f := range zr.File {
		n := strings.ReplaceAll(f.Name, "\\", "/")
		base := path.Base(n)
		if path.Dir(n) != path.Dir(main) || n == main {
			continue
		}
		switch {
		case strings.HasPrefix(base, "header"), strings.HasPrefix(base, "footer"),
			base == "footnotes.xml", base == "endnotes.xml", base == "comments.xml":
			if strings.HasSuffix(base, ".xml") {
				extra = append(extra, n)
			}
		}
	}
	slices.Sort(extra)
	parts = append(parts, extra...)
	found := false
	for _, p := range parts {
		f := findMember(zr, p)
		if f == nil {
			continue
		}
		found = true
		b, err := readMember(j, f)
		if err != nil {
			if len(b) == 0 || strings.Contains(err.Error(), "too large") {
				return err
			}
			j.note("%s; text read up to the damage", err) // a damaged member: keep what inflated
		}
		if err := wordML(j, b); err != nil {
			if errors.Is(err, errStop) || p != main {
				return err
			}
			return fmt.Errorf("%s: %s: %v", j.kind, p, err)
		}
		j.out.newline()
	}
	if !found {
		return fmt.Errorf("%s: no document part (%s) in the package", j.kind, main)
	}
	return nil
}

// mainDocumentPart follows _rels/.rels to the officeDocument part; almost always
// word/document.xml, but some writers name it otherwise.
func mainDocumentPart(j *job, zr *zip.Reader) string {
	const def = "word/document.xml"
	f := findMember(zr, "_rels/.rels")
	if f == nil || f.UncompressedSize64 > 1<<20 {
		return def
	}
	b, err := readMember(j, f)
	if err != nil {
		return def
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return def
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return def
}

// wordML writes the text of one WordprocessingML part (document, header, footer, notes;
// Word 2003 XML uses the same element names): paragraphs end lines, table cells are
// separated by tabs and rows end lines; paragraphs inside a cell are joined by spaces so
// that a row stays on one line. Field instructions, deleted text and the fallback copy
// of alternate content (which repeats the text box text) are left out.
func wordML(j *job, b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var (
		inText   bool
		skip     int // depth inside an element whose text is not shown
		cellDeep int // nesting of table cells
		cellText bool
	)
	out := &j.out
	for {
		if err := j.check(); err != nil {
			return err
		}
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if out.Len() > 0 {
				j.note("%s: XML damaged after some text (%v)", j.kind, firstLine(err.Error()))
				return nil
			}
			return fmt.Errorf("XML damaged (%v)", firstLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "instrText", "delText", "delInstrText", "tabs":
				skip = 1 // tabs: tab stop definitions, not tab characters
			case "t":
				inText = true
			case "tab", "ptab":
				if cellDeep > 0 {
					out.WriteString(" ")
				} else {
					out.WriteString("\t")
				}
			case "br", "cr":
				if cellDeep > 0 {
					out.WriteString(" ")
				} else {
					out.newline()
				}
			case "noBreakHyphen":
				out.WriteString("-")
			case "tc":
				cellDeep++
				cellText = false
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if cellDeep > 0 {
					if cellText {
						out.WriteString(" ")
					}
				} else {
					out.newline()
				}
			case "tc":
				cellDeep--
				trimTrailingSpace(out)
				out.WriteString("\t")
			case "tr":
				out.newline()
			}
		case xml.CharData:
			if inText && skip == 0 {
				out.WriteString(string(t))
				if cellDeep > 0 && len(t) > 0 {
					cellText = true
				}
			}
		}
	}
}

func trimTrailingSpace(o *textOut) {
	for len(o.b) > 0 && o.b[len(o.b)-1] == ' ' {
		o.b = o.b[:len(o.b)-1]
	}
}

// extractWordXML reads a Word 2003 XML document (sites save these as .doc): the same
// w:p / w:t / w:tbl elements as docx, in one file.
func extractWordXML(j *job, body []byte) error {
	if int64(len(body)) > j.lim.MaxUncompressed {
		return fmt.Errorf("%s: too large (%d bytes of XML)", j.kind, len(body))
	}
	if err := wordML(j, body); err != nil {
		if errors.Is(err, errStop) {
			return err
		}
		return fmt.Errorf("%s: Word XML: %v", j.kind, err)
	}
	return nil
}

// extractSpreadsheetML reads an Excel 2003 XML workbook (saved as .xls by some sites):
// Worksheet/Table/Row/Cell/Data, with ss:Index skipping to a column.
func extractSpreadsheetML(j *job, body []byte) error {
	if int64(len(body)) > j.lim.MaxUncompressed {
		return fmt.Errorf("%s: too large (%d bytes of XML)", j.kind, len(body))
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var (
		col, cells int
		inData     bool
	)
	out := &j.out
	for {
		if err := j.check(); err != nil {
			return err
		}
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if out.Len() > 0 {
				j.note("%s: XML damaged after some text (%v)", j.kind, firstLine(err.Error()))
				return nil
			}
			return fmt.Errorf("%s: SpreadsheetML damaged (%v)", j.kind, firstLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Row":
				out.newline()
				col = 0
			case "Cell":
				target := col + 1
				for _, a := range t.Attr {
					if a.Name.Local == "Index" {
						var idx int
						if _, err := fmt.Sscan(a.Value, &idx); err == nil && idx > col && idx-col < 1024 {
							target = idx
						}
					}
				}
				// a cell in column c has c-1 tabs before it on its line
				out.WriteString(strings.Repeat("\t", target-1-max(col-1, 0)))
				col = target
				cells++
				if cells > j.lim.MaxCells {
					return fmt.Errorf("%s: more than %d cells: too large", j.kind, j.lim.MaxCells)
				}
			case "Data":
				inData = true
			case "Worksheet":
				out.newline()
			}
		case xml.EndElement:
			if t.Name.Local == "Data" {
				inData = false
			}
		case xml.CharData:
			if inData {
				out.WriteString(flattenCell(string(t)))
			}
		}
	}
}
