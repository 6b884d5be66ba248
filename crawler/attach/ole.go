package attach

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// oleFile is an OLE compound file (Word 97–2003, Excel 97–2003, WPS, ET, PowerPoint,
// password-protected OOXML) opened on the given bytes.
type oleFile struct {
	streams map[string]*mscfb.File // top-level streams by name
}

func openOLE(body []byte) (*oleFile, error) {
	r, err := mscfb.New(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	o := &oleFile{streams: map[string]*mscfb.File{}}
	for _, f := range r.File {
		if len(f.Path) == 0 && f.Size > 0 {
			if _, dup := o.streams[f.Name]; !dup {
				o.streams[f.Name] = f
			}
		}
	}
	return o, nil
}

func (o *oleFile) has(name string) bool { _, ok := o.streams[name]; return ok }

// read returns a whole stream. A stream cannot honestly be larger than the file that
// holds it; a directory entry claiming more is corrupt (or a bomb made of shared sectors).
func (o *oleFile) read(name string, fileSize int, lim int64) ([]byte, error) {
	f, ok := o.streams[name]
	if !ok {
		return nil, fmt.Errorf("stream %s missing", name)
	}
	max := min(int64(fileSize), lim)
	if f.Size > max {
		return nil, fmt.Errorf("stream %s claims %d bytes in a %d-byte file", name, f.Size, fileSize)
	}
	b, err := io.ReadAll(io.LimitReader(f, f.Size))
	if err != nil && !errors.Is(err, io.EOF) {
		return b, fmt.Errorf("reading stream %s: %w", name, err)
	}
	if int64(len(b)) < f.Size {
		return b, fmt.Errorf("stream %s cut short (%d of %d bytes)", name, len(b), f.Size)
	}
	return b, nil
}

// oleKind names what an OLE file holds by its streams.
func (o *oleFile) kind() string {
	switch {
	case o.has("EncryptionInfo") && o.has("EncryptedPackage"):
		return "" // an encrypted OOXML file: the name must tell which
	case o.has("WordDocument"):
		return KindDOC
	case o.has("Workbook"), o.has("Book"), o.has("WORKBOOK"), o.has("BOOK"):
		return KindXLS
	case o.has("PowerPoint Document"):
		return KindPPT
	}
	return KindOLE
}

func detectOLE(body []byte, hint string) string {
	o, err := openOLE(body)
	if err != nil {
		return oleHint(hint)
	}
	if k := o.kind(); k != "" && k != KindOLE {
		return k
	}
	return oleHint(hint)
}

// oleHint is the kind of an OLE file whose streams do not tell (corrupt, encrypted OOXML,
// main stream missing): the one its name or Content-Type gives, else "ole".
func oleHint(hint string) string {
	switch hint {
	case KindDOC, KindDOCX, KindWPS:
		return KindDOC
	case KindXLS, KindXLSX, KindET:
		return KindXLS
	case KindPPT, KindPPTX:
		return KindPPT
	}
	return KindOLE
}

func extractOLE(j *job, body []byte) error {
	o, err := openOLE(body)
	if err != nil {
		return fmt.Errorf("%s: corrupt OLE compound file (%v)", j.kind, firstLine(err.Error()))
	}
	if o.has("EncryptionInfo") && o.has("EncryptedPackage") {
		return fmt.Errorf("%s: encrypted (password-protected Office file)", j.kind)
	}
	switch {
	case o.has("WordDocument"):
		return extractDOC(j, o, len(body))
	case o.has("Workbook"), o.has("Book"), o.has("WORKBOOK"), o.has("BOOK"):
		return extractXLS(j, o, len(body))
	case o.has("PowerPoint Document"):
		return fmt.Errorf("%s: PowerPoint 97–2003: text not extracted", j.kind)
	}
	var names []string
	for n := range o.streams {
		names = append(names, n)
	}
	switch j.kind {
	case KindDOC, KindWPS:
		return fmt.Errorf("%s: OLE file without a WordDocument stream", j.kind)
	case KindXLS, KindET:
		return fmt.Errorf("%s: OLE file without a Workbook stream", j.kind)
	}
	return fmt.Errorf("OLE compound file of unknown type (streams: %s)", firstLine(strings.Join(names, ", ")))
}
