package attach

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParsers feeds bytes straight to this package's own parsers, below the containers
// (zip, OLE, PDF structure) that stop most mutations of whole files: the PDF content
// interpreter, the CMap parser, the BIFF record reader, the Word piece table reader,
// the WordprocessingML walker, RTF and HTML.
//
//	go test ./crawler/attach -run '^$' -fuzz FuzzParsers -fuzztime 2m
func FuzzParsers(f *testing.F) {
	f.Add(uint8(0), []byte("BT /F1 12 Tf 10 20 Td (Hello) Tj [(W) -300 (orld)] TJ T* <48656C6C6F> Tj ET BI /W 1 ID \x00\xff EI q 1 0 0 1 5 5 cm Q"))
	f.Add(uint8(1), []byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <738B> <0002> <5C0F> endbfchar 1 beginbfrange <0010> <0020> <0030> endbfrange 1 beginbfrange <0040> <0042> [<4E00> <4E01> <D83DDE00>] endbfrange"))
	if o, err := openOLE(read(f, "list.xls")); err == nil {
		wb, _ := o.read("Workbook", 1<<20, 1<<20)
		f.Add(uint8(2), wb)
	}
	if o, err := openOLE(read(f, "notice.doc")); err == nil {
		wd, _ := o.read("WordDocument", 1<<20, 1<<20)
		tb, _ := o.read("1Table", 1<<20, 1<<20)
		n := len(wd)
		f.Add(uint8(3), append(append([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}, wd...), tb...))
	}
	f.Add(uint8(4), []byte(`<w:document><w:body><w:p><w:r><w:t>a</w:t><w:tab/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Add(uint8(5), []byte(`{\rtf1\ansi\ansicpg936{\fonttbl{\f0 x;}}\'cd\'f5\u24352?\par\cell}`))
	f.Add(uint8(6), []byte(`<html><meta charset="gbk"><table><tr><td>a</td><td>b</td></tr></table><script>x</script></html>`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		var own any
		panicHook = func(p any, _ []byte) { own = p }
		defer func() { panicHook = nil }()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		j := &job{ctx: ctx, lim: Limits{MaxText: 4096, MaxCells: 5000, MaxUncompressed: 1 << 20, Timeout: 2 * time.Second}.withDefaults(), kind: "fuzz"}
		j.out.max = j.lim.MaxText
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("panic: %v", p)
			}
		}()
		switch which % 7 {
		case 0:
			pt := newPDFText(j, nil)
			in := newInterp(pt, nil)
			in.fonts["F1"] = &pdfFont{name: "F1", fixed: 2, toUni: parseCMap(data, j.check), scale: 0.001, cidCode: true}
			_ = in.run(data, 0)
			pt.flushPage()
		case 1:
			m := parseCMap(data, j.check)
			for i := 0; i+2 <= len(data) && i < 64; i += 2 {
				m.lookup(2, codeValue(data[i:i+2]))
				m.codeLen(data[i:])
			}
		case 2:
			b := &xlsBook{j: j, formats: map[uint16]string{}, codepage: codepageEncoding(936)}
			_ = b.read(data)
		case 3: // 4-byte length of the WordDocument stream, then it, then the table stream
			if len(data) < 4 {
				return
			}
			n := int(uint32(data[0])<<24|uint32(data[1])<<16|uint32(data[2])<<8|uint32(data[3])) % (len(data) - 3)
			wd, tb := data[4:4+n], data[4+n:]
			_ = docText(j, wd, func(string) ([]byte, error) { return tb, nil })
		case 4:
			_ = wordML(j, data)
		case 5:
			_ = extractRTF(j, data)
		case 6:
			_ = extractHTML(j, data)
		}
		if own != nil {
			t.Fatalf("recovered panic: %v", own)
		}
		if len(j.out.b) > j.lim.MaxText || !utf8.Valid(j.out.b) {
			t.Fatalf("output %d bytes, valid %v", len(j.out.b), utf8.Valid(j.out.b))
		}
	})
}
