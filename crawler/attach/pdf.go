package attach

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// PDF: pdfcpu reads the file structure — cross-reference tables and streams (repairing
// what it can), object streams, every standard filter, RC4/AES-128/AES-256 decryption
// with the empty user password (the "owner password only" files government sites
// publish to stop copying), all under resource limits and a context. pdfcpu does not
// decode text, so the content streams are interpreted here (pdftext.go) and fonts are
// mapped to Unicode here (ToUnicode CMaps, the predefined Chinese CMaps, simple
// encodings).
//
// Why pdfcpu and not ledongthuc/pdf, dslipak/pdf or rsc.io/pdf (the other pure-Go readers
// the module proxy serves here): those three share rsc's 2014 parser, which allocates
// what the xref section claims (a hostile /Size or subsection start exhausts memory — a
// fatal error no recover() catches), follows /Prev and page-tree cycles forever, knows
// only Flate and ASCII85, cannot open AES-256 files and has no repair for a damaged xref.
// ledongthuc does decode Chinese CID fonts with ToUnicode correctly on our fixtures, but
// only by scanning every bfchar entry per glyph. go-pdfium needs cgo or a WebAssembly
// runtime; unipdf needs a commercial licence key.

const maxPDFPages = 5000

func pdfConfig(lim Limits) *model.Configuration {
	// Built by hand: model.NewDefaultConfiguration writes a config directory into the
	// user's home unless a process-wide switch is flipped, and we do no I/O.
	l := model.DefaultResourceLimits()
	l.MaxDecodeBytes = lim.MaxUncompressed
	l.MaxImageBytes = lim.MaxUncompressed
	l.MaxObjectCount = 2_000_000
	l.MaxXRefEntries = 2_000_000
	l.MaxObjectStreamCount = 1_000_000
	l.MaxRecursionDepth = 64
	return &model.Configuration{
		Reader15:                  true,
		DecodeAllStreams:          false,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Limits:                    l,
	}
}

func extractPDF(j *job, body []byte) error {
	if i := bytes.Index(body[:min(len(body), 1024)], []byte("%PDF-")); i > 0 {
		body = body[i:] // junk before the header (a BOM, an HTTP header saved with the file)
	}
	ctx, err := pdfcpu.ReadWithContext(j.ctx, bytes.NewReader(body), pdfConfig(j.lim))
	if err != nil {
		return pdfOpenError(j, err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return fmt.Errorf("pdf: corrupt page tree (%s)", firstLine(err.Error()))
	}
	if ctx.PageCount == 0 {
		return errors.New("pdf: no pages")
	}
	t := newPDFText(j, ctx)
	pages := min(ctx.PageCount, maxPDFPages)
	failed := 0
	var lastErr error
	for p := 1; p <= pages; p++ {
		if err := j.check(); err != nil {
			return err
		}
		if err := t.page(p); err != nil {
			if errors.Is(err, errStop) || j.ctx.Err() != nil {
				return err
			}
			failed++
			lastErr = err
		}
		j.out.newline()
	}
	if ctx.PageCount > maxPDFPages {
		j.note("pdf: only the first %d of %d pages read", maxPDFPages, ctx.PageCount)
	}
	if failed > 0 {
		if failed == pages {
			return fmt.Errorf("pdf: no page readable (%s)", firstLine(lastErr.Error()))
		}
		j.note("pdf: %d of %d pages unreadable (%s)", failed, pages, firstLine(lastErr.Error()))
	}
	return t.verdict()
}

func pdfOpenError(j *job, err error) error {
	msg := err.Error()
	switch {
	case j.ctx.Err() != nil:
		return j.timeoutErr(j.ctx.Err())
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return errors.New("encrypted pdf: an open password is needed")
	case errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature), strings.Contains(msg, "encrypt"):
		return fmt.Errorf("encrypted pdf: %s", firstLine(msg))
	case strings.Contains(msg, "limit"), strings.Contains(msg, "exceeds"):
		return fmt.Errorf("pdf: too large (%s)", firstLine(msg))
	}
	return fmt.Errorf("corrupt pdf (%s)", firstLine(msg))
}

// pdfText walks pages and form XObjects and feeds the interpreter.
type pdfText struct {
	j      *job
	ctx    *model.Context
	fonts  map[int]*pdfFont // by object number of the font dictionary
	forms  int              // form XObjects run on this page
	chunks []chunk          // strings of the current page
	stats  pdfStats
}

type pdfStats struct {
	glyphs, unmapped int
	images           int
	textOps          int
	unmappedFonts    map[string]bool
}

func newPDFText(j *job, ctx *model.Context) *pdfText {
	return &pdfText{j: j, ctx: ctx, fonts: map[int]*pdfFont{}, stats: pdfStats{unmappedFonts: map[string]bool{}}}
}

func (t *pdfText) page(n int) error {
	d, _, inh, err := t.ctx.PageDict(n, false)
	if err != nil {
		return fmt.Errorf("page %d: %v", n, err)
	}
	if d == nil {
		return fmt.Errorf("page %d missing", n)
	}
	var res types.Dict
	if inh != nil {
		res = inh.Resources
	}
	content, err := t.contents(d)
	if err != nil {
		return fmt.Errorf("page %d: %v", n, err)
	}
	t.forms = 0
	in := newInterp(t, res)
	err = in.run(content, 0)
	t.flushPage()
	return err
}

// contents concatenates the page's content streams, decoded within the limits.
func (t *pdfText) contents(d types.Dict) ([]byte, error) {
	o, _ := d.Find("Contents")
	if o == nil {
		return nil, nil
	}
	o, err := t.ctx.Dereference(o)
	if err != nil || o == nil {
		return nil, err
	}
	var parts []types.Object
	switch v := o.(type) {
	case types.StreamDict:
		parts = []types.Object{v}
	case types.Array:
		parts = v
	default:
		return nil, errors.New("contents is neither a stream nor an array")
	}
	var buf []byte
	for _, p := range parts {
		sd, _, err := t.ctx.DereferenceStreamDict(p)
		if err != nil || sd == nil {
			continue
		}
		b, err := t.decode(sd)
		if err != nil && len(b) == 0 {
			return buf, err
		}
		if int64(len(buf)+len(b)) > t.j.lim.MaxUncompressed {
			return buf, fmt.Errorf("content streams larger than %d bytes", t.j.lim.MaxUncompressed)
		}
		buf = append(buf, b...)
		buf = append(buf, '\n') // streams of an array split only between tokens
	}
	return buf, nil
}

// decode returns the decoded data of a stream. A Flate stream cut short (a damaged or
// truncated file) still yields what inflates before the damage.
func (t *pdfText) decode(sd *types.StreamDict) ([]byte, error) {
	err := sd.DecodeWithLimit(t.j.lim.MaxUncompressed)
	if err == nil {
		return sd.Content, nil
	}
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "FlateDecode" && sd.FilterPipeline[0].DecodeParms == nil {
		zr, zerr := zlib.NewReader(bytes.NewReader(sd.Raw))
		if zerr == nil {
			b, _ := io.ReadAll(io.LimitReader(zr, t.j.lim.MaxUncompressed))
			if len(b) > 0 {
				return b, nil
			}
		}
	}
	return nil, err
}

func (t *pdfText) deref(o types.Object) types.Object {
	if o == nil {
		return nil
	}
	v, err := t.ctx.Dereference(o)
	if err != nil {
		return nil
	}
	return v
}

func (t *pdfText) dict(o types.Object) types.Dict {
	switch v := t.deref(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (t *pdfText) stream(o types.Object) *types.StreamDict {
	if o == nil {
		return nil
	}
	sd, _, err := t.ctx.DereferenceStreamDict(o)
	if err != nil {
		return nil
	}
	return sd
}

// verdict turns the counts into the reason when there is no usable text.
func (t *pdfText) verdict() error {
	s := t.stats
	if s.unmapped > 0 && s.unmapped*2 >= s.glyphs {
		fonts := make([]string, 0, len(s.unmappedFonts))
		for f := range s.unmappedFonts {
			fonts = append(fonts, f)
			if len(fonts) == 3 {
				break
			}
		}
		return fmt.Errorf("pdf: %d of %d characters have no Unicode mapping (fonts without ToUnicode: %s); text not recoverable without OCR",
			s.unmapped, s.glyphs, strings.Join(fonts, ", "))
	}
	if s.unmapped > 0 {
		t.j.note("pdf: %d of %d characters have no Unicode mapping and are left out", s.unmapped, s.glyphs)
	}
	if t.j.out.Len() == 0 {
		if s.images > 0 {
			return errors.New("scanned pdf: no text layer")
		}
		return errors.New("pdf: no text")
	}
	return nil
}
