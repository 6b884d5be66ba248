package attach

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

const maxZipMembers = 10_000

// openZip opens an OOXML package and refuses zip bombs before anything is inflated: the
// sizes the central directory declares must fit MaxUncompressed. archive/zip then fails
// a member that inflates to more than it declared (ErrFormat), so a lying header cannot
// get past the check either; readMember caps each read as well.
func openZip(j *job, body []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
			return checkZip(j, zr)
		}
		return nil, fmt.Errorf("%s: corrupt zip (%v)", j.kind, shortZipErr(err))
	}
	return checkZip(j, zr)
}

func checkZip(j *job, zr *zip.Reader) (*zip.Reader, error) {
	if len(zr.File) > maxZipMembers {
		return nil, fmt.Errorf("%s: %d zip members: too large", j.kind, len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(j.lim.MaxUncompressed) {
			return nil, fmt.Errorf("%s: too large: inflates to more than %d bytes (zip bomb?)", j.kind, j.lim.MaxUncompressed)
		}
	}
	return zr, nil
}

func shortZipErr(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "zip: ")
	return s
}

// findMember finds a zip member by name, ignoring case and backslashes (some writers on
// Windows store word\document.xml).
func findMember(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// readMember inflates one member, at most MaxUncompressed bytes whatever it declares:
// deflated data is inflated here from the raw bytes, so a header that understates the
// size (to slip past the directory check) meets the same limit.
func readMember(j *job, f *zip.File) ([]byte, error) {
	var r io.Reader
	if f.Method == zip.Deflate {
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, fmt.Errorf("%s: corrupt zip member %s (%v)", j.kind, f.Name, shortZipErr(err))
		}
		fr := flate.NewReader(raw)
		defer fr.Close()
		r = fr
	} else {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: corrupt zip member %s (%v)", j.kind, f.Name, shortZipErr(err))
		}
		defer rc.Close()
		r = rc
	}
	b, err := io.ReadAll(io.LimitReader(r, j.lim.MaxUncompressed+1))
	if int64(len(b)) > j.lim.MaxUncompressed {
		return nil, fmt.Errorf("%s: too large: %s inflates to more than %d bytes (zip bomb?)", j.kind, f.Name, j.lim.MaxUncompressed)
	}
	if err != nil {
		return b, fmt.Errorf("%s: corrupt zip member %s (%v)", j.kind, f.Name, shortZipErr(err))
	}
	return b, nil
}

// salvageMember inflates a member of a zip whose central directory is gone (a download
// cut short: colly truncates bodies at MaxBodySize) by walking the local file headers.
// It returns what inflates before the data ends, capped at MaxUncompressed.
func salvageMember(j *job, body []byte, name string) ([]byte, bool) {
	for off := 0; off+30 <= len(body); {
		i := bytes.Index(body[off:], magicZIP)
		if i < 0 {
			return nil, false
		}
		off += i
		if off+30 > len(body) {
			return nil, false
		}
		h := body[off:]
		flags := binary.LittleEndian.Uint16(h[6:])
		method := binary.LittleEndian.Uint16(h[8:])
		csize := int(binary.LittleEndian.Uint32(h[18:]))
		nlen := int(binary.LittleEndian.Uint16(h[26:]))
		xlen := int(binary.LittleEndian.Uint16(h[28:]))
		data := off + 30 + nlen + xlen
		if data > len(body) {
			return nil, false
		}
		member := strings.ReplaceAll(string(h[30:30+nlen]), "\\", "/")
		if !strings.EqualFold(member, name) {
			off += 30 + nlen
			continue
		}
		raw := body[data:]
		if flags&0x08 == 0 && csize > 0 && csize < len(raw) {
			raw = raw[:csize]
		}
		var r io.Reader
		switch method {
		case zip.Store:
			r = bytes.NewReader(raw)
		case zip.Deflate:
			r = flate.NewReader(bytes.NewReader(raw))
		default:
			return nil, false
		}
		b, _ := io.ReadAll(io.LimitReader(r, j.lim.MaxUncompressed))
		return b, len(b) > 0
	}
	return nil, false
}
