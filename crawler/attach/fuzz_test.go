package attach

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var fuzzNames = []string{"a.pdf", "a.doc", "a.docx", "a.xls", "a.xlsx", "a.wps", "a.et", "a.txt", "a.html", "a.bin"}

// FuzzText: whatever the bytes, Text returns text or a reason (never neither), within
// MaxText, as valid UTF-8, in bounded time, and no panic starts in this package's code.
// Panics inside the libraries (pdfcpu, excelize, mscfb) are recovered by Text; set
// ATTACH_FUZZ_STRICT=1 to have the fuzzer report those too.
//
//	go test ./crawler/attach -run '^$' -fuzz FuzzText -fuzztime 5m
func FuzzText(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil || len(b) > 64<<10 || strings.HasSuffix(p, ".fodt") {
			continue
		}
		for i, n := range fuzzNames {
			if strings.HasSuffix(p, filepath.Ext(n)) {
				f.Add(b, uint8(i))
			}
		}
		f.Add(b, uint8(len(fuzzNames)-1))
	}
	f.Add([]byte("{\\rtf1\\ansi\\ansicpg936 \\'cd\\'f5\\u24352?\\par}"), uint8(1))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"), uint8(0))
	strict := os.Getenv("ATTACH_FUZZ_STRICT") != ""
	f.Fuzz(func(t *testing.T, data []byte, hint uint8) {
		var own string
		panicHook = func(p any, stack []byte) {
			if frame := panickingFrame(string(stack)); strict || strings.HasPrefix(frame, "github.com/gongkai/gongkai/crawler/attach.") {
				own = frame + ": " + firstLine(strings.TrimSpace(strings.Split(string(stack), "\n")[0]))
				t.Logf("panic %v\n%s", p, stack)
			}
		}
		defer func() { panicHook = nil }()
		lim := Limits{MaxText: 4096, MaxCells: 5000, MaxUncompressed: 4 << 20, Timeout: 2 * time.Second}
		name := fuzzNames[int(hint)%len(fuzzNames)]
		start := time.Now()
		text, kind, why := Text(name, "", data, lim)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %s", d)
		} else if d > 3*time.Second && os.Getenv("ATTACH_FUZZ_SLOW") != "" {
			os.WriteFile(filepath.Join(os.Getenv("ATTACH_FUZZ_SLOW"), fmt.Sprintf("slow-%d", time.Now().UnixNano())), data, 0o644)
		}
		if own != "" {
			t.Fatalf("panic in %s", own)
		}
		if kind == "" {
			t.Error("no kind")
		}
		if len(data) > 0 && text == "" && why == "" {
			t.Error("neither text nor a reason")
		}
		if len(text) > lim.MaxText {
			t.Errorf("%d bytes of text, limit %d", len(text), lim.MaxText)
		}
		if !utf8.ValidString(text) || !utf8.ValidString(why) {
			t.Error("invalid UTF-8")
		}
	})
}

// panickingFrame finds the function that called panic (or faulted) in a debug.Stack
// taken inside the deferred recover.
func panickingFrame(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") || strings.HasPrefix(l, "runtime.panicmem") || strings.HasPrefix(l, "runtime.goPanic") {
			for k := i + 1; k < len(lines); k++ {
				s := strings.TrimSpace(lines[k])
				if s == "" || strings.HasPrefix(lines[k], "\t") || strings.HasPrefix(s, "runtime.") {
					continue
				}
				return s
			}
		}
	}
	return ""
}
