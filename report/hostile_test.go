package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileContentInert renders pages whose titles, evidence, URLs, reasons and
// crawl errors carry markup, scripts, javascript: links, attribute breakouts and
// direction overrides, and checks that none of it is anything but text.
func TestHostileContentInert(t *testing.T) {
	_, dir := writeFixture(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*.html"))
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d pages", len(files))
	}
	policy := ContentSecurityPolicy()
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(dir, f)
		for _, r := range []rune{0x202E, 0x202C, 0x200B, 0x200D, 0xFEFF} {
			if bytes.ContainsRune(raw, r) {
				t.Errorf("%s holds a raw U+%04X", name, r)
			}
		}
		if bytes.Contains(raw, []byte("<iframe")) || bytes.Contains(raw, []byte("<img")) {
			t.Errorf("%s holds a live <iframe or <img", name)
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		scripts := 0
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.Data {
			case "script":
				scripts++
				if _, ok := attr(n, "src"); ok {
					t.Errorf("%s: a script with src", name)
				}
				body := text(n)
				if strings.Contains(body, "pwned") || strings.Contains(body, "alert(") {
					t.Errorf("%s: data inside a script: %q", name, body)
				}
				sum := sha256.Sum256([]byte(body))
				if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, h) {
					t.Errorf("%s: script not allowed by ContentSecurityPolicy (%s)", name, h)
				}
			case "iframe", "img", "object", "embed", "form", "base", "frame", "link":
				t.Errorf("%s: element <%s> from data", name, n.Data)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
				if key == "href" || key == "src" || key == "action" || key == "xlink:href" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if i := strings.Index(v, ":"); i >= 0 && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") &&
						(strings.IndexAny(v, "/?#") < 0 || i < strings.IndexAny(v, "/?#")) {
						t.Errorf("%s: <%s %s=%q>: a scheme other than http(s)", name, n.Data, a.Key, a.Val)
					}
				}
				// Hostile text may sit in attributes only as inert values: data-*, title,
				// aria-label, or inside an http(s) link with its quotes percent-encoded.
				if strings.Contains(a.Val, "pwned") && !strings.HasPrefix(key, "data-") && key != "title" && key != "aria-label" &&
					!(key == "href" && strings.HasPrefix(a.Val, "https://") && !strings.ContainsAny(a.Val, "\"'<> ")) {
					t.Errorf("%s: attribute %s carries hostile text: %q", name, a.Key, a.Val)
				}
			}
		})
		if scripts > 1 {
			t.Errorf("%s: %d scripts, want at most the page's own", name, scripts)
		}
	}

	// The hostile unit's page shows the hostile text as text.
	doc := parseFile(t, filepath.Join(dir, "sites", "www-chengguan-gov-cn.html"))
	page := text(doc)
	for _, want := range []string{
		fxHostileScript, fxHostileImg, fxHostileJSURL, "城关镇公示[U+202E]fdp.exe[U+202C]（附件）",
		"城关[U+200B]镇人民政府[U+200D]关于[U+FEFF]征地补偿的公告", fxHostileFormula,
		`<iframe src="https://evil.example/"></iframe>`, `<svg onload="document.documentElement.setAttribute('data-pwned','undet')">`,
		`<script>document.documentElement.setAttribute('data-pwned','err')</script> not http(s)`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit page does not show %q as text", want)
		}
	}
	// The javascript: URL is shown, not linked; the attribute breakout stays inside its href.
	var hrefs []string
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "href"); ok {
			hrefs = append(hrefs, v)
		}
	})
	for _, h := range hrefs {
		if strings.Contains(h, "data-pwned','href'") {
			t.Errorf("javascript: URL linked: %q", h)
		}
	}
	found := false
	for _, h := range hrefs {
		if strings.HasPrefix(h, "https://www.chengguan.gov.cn/a?x=%22onmouseover=%22") {
			found = true
		}
	}
	if !found {
		t.Errorf("the URL with a quote should be linked as one escaped href; hrefs %q", hrefs)
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	p := ContentSecurityPolicy()
	for _, want := range []string{"default-src 'none'", "style-src 'unsafe-inline'", "script-src 'sha256-", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(p, want) {
			t.Errorf("policy %q lacks %q", p, want)
		}
	}
	if strings.Contains(p, "script-src 'unsafe-inline'") {
		t.Error("scripts must be allowed by hash only")
	}
}
