package report

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBrowserRendering opens the scorecards of the fixture store in headless Chromium:
// screenshots of the overview and of unit pages at desktop and phone widths, a print
// to PDF, and the DOM after the pages' scripts ran (sorting and filtering from the
// URL's #fragment, no script error, hostile content inert). Set GONGKAI_SCREENS=DIR to
// keep the screenshots and PDFs for a person to look at.
func TestBrowserRendering(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium a dozen times; skipped with -short")
	}
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("chromium is not on PATH; install it (Debian: apt-get install -y chromium fonts-wqy-microhei) to check the scorecards in a real browser")
	}
	_, dir := writeFixture(t)
	keep := os.Getenv("GONGKAI_SCREENS")
	if keep != "" {
		if err := os.MkdirAll(keep, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shots := t.TempDir()
	url := func(page string) string { return "file://" + filepath.ToSlash(filepath.Join(dir, page)) }

	// chrome runs one headless Chromium and returns its stdout; it fails the test on a
	// script error reported on the console.
	chrome := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
			"--enable-logging=stderr", "--v=0"}
		cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Errorf("chromium %v: %v\n%s", args, err, lastLines(errb.String(), 20))
			return ""
		}
		for _, line := range strings.Split(errb.String(), "\n") {
			if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "Uncaught") || strings.Contains(line, "Error")) {
				t.Errorf("script error in %v: %s", args[len(args)-1], line)
			}
		}
		return out.String()
	}

	// Chromium spends most of its 2–3 s start waiting: run the pages side by side.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	job := func(fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			fn()
		}()
	}
	screenshot := func(name, page string, w, h int) {
		job(func() {
			out := filepath.Join(shots, name+".png")
			chrome(fmt.Sprintf("--window-size=%d,%d", w, h), "--screenshot="+out, url(page))
			if checkPNG(t, out, w, h) {
				copyTo(t, out, keep)
			}
		})
	}
	screenshot("overview-desktop", "index.html", 1280, 2000)
	screenshot("unit-desktop", "sites/jyj-qinglan-gov-cn.html", 1280, 2000)
	screenshot("unit-hostile-desktop", "sites/www-chengguan-gov-cn.html", 1280, 4200)
	screenshot("overview-phone", "index.html", 390, 1800)
	screenshot("unit-phone", "sites/jyj-qinglan-gov-cn.html", 390, 2400)
	screenshot("run-desktop", "runs/4.html", 1280, 1400)

	for _, p := range []struct{ name, page string }{{"overview-print", "index.html"}, {"unit-print", "sites/jyj-qinglan-gov-cn.html"}} {
		job(func() {
			out := filepath.Join(shots, p.name+".pdf")
			chrome("--no-pdf-header-footer", "--print-to-pdf="+out, url(p.page))
			b, err := os.ReadFile(out)
			if err != nil {
				t.Error(err)
				return
			}
			pages := regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1)
			if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 20_000 || len(pages) < 1 {
				t.Errorf("%s: %d bytes, %d pages: not a real print", p.name, len(b), len(pages))
			}
			copyTo(t, out, keep)
		})
	}

	// The overview's script ran: it marks the page, sorts by the #fragment's column and
	// says how many units it shows.
	job(func() {
		dom := chrome("--dump-dom", url("index.html")+"#sort=score&dir=asc")
		if !strings.Contains(dom, `data-js="ready"`) || !strings.Contains(dom, `data-sorted="score-asc"`) || !strings.Contains(dom, "显示 6 / 6 个单位") {
			t.Errorf("sorting script did not run: %s", lastLines(dom, 5))
		}
		if strings.Contains(dom, `data-pwned=`) {
			t.Error("index.html: a planted script ran")
		}
		var scores []float64
		for _, m := range regexp.MustCompile(`data-score="([0-9.]*)"`).FindAllStringSubmatch(dom, -1) {
			if m[1] == "" {
				continue // unscored units sort last in either direction
			}
			v, _ := strconv.ParseFloat(m[1], 64)
			scores = append(scores, v)
		}
		for i := 1; i < len(scores); i++ {
			if scores[i] < scores[i-1] {
				t.Errorf("not sorted by score ascending: %v", scores)
				break
			}
		}
		if len(scores) != 5 {
			t.Errorf("%d scored rows after sorting, want 5", len(scores))
		}
	})
	// Filtering from the fragment: only the veto unit stays visible.
	job(func() {
		dom := chrome("--dump-dom", url("index.html")+"#veto=1")
		visibleRows := 0
		for _, m := range regexp.MustCompile(`<tr[^>]*data-rank="[^"]*"[^>]*>`).FindAllString(dom, -1) {
			if !strings.Contains(m, " hidden") {
				visibleRows++
				if !strings.Contains(m, `data-veto="1"`) {
					t.Errorf("a row without veto stays visible: %s", m)
				}
			}
		}
		if visibleRows != 1 || !strings.Contains(dom, "显示 1 / 6 个单位") {
			t.Errorf("veto filter shows %d rows", visibleRows)
		}
	})
	// The hostile unit's page: its own script ran, nothing planted did.
	for _, page := range []string{"sites/www-chengguan-gov-cn.html", "runs/4.html"} {
		job(func() {
			dom := chrome("--dump-dom", url(page))
			if !strings.Contains(dom, `data-js="ready"`) {
				t.Errorf("%s: the page's script did not run", page)
			}
			if strings.Contains(dom, `data-pwned=`) {
				t.Errorf("%s: a planted script ran", page)
			}
		})
	}
	wg.Wait()
}

// checkPNG fails unless the file is a w×h PNG with real content: not one colour, and
// enough non-white pixels.
func checkPNG(t *testing.T, path string, w, h int) bool {
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return false
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return false
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: %dx%d, want %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint32]bool{}
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				ink++
			}
		}
	}
	share := float64(ink) / float64((b.Dx()/2)*(b.Dy()/2))
	if len(colours) < 50 || share < 0.02 {
		t.Errorf("%s: %d colours, %.1f%% ink: looks blank", path, len(colours), 100*share)
		return false
	}
	return true
}

func copyTo(t *testing.T, path, dir string) {
	if dir == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, filepath.Base(path)), b, 0o644)
	}
	if err != nil {
		t.Error(err)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
