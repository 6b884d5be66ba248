package crawler

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// Soft 404s: Chinese CMSs often answer a missing document with 200 and a "页面不存在"
// page, or redirect it to the home page. Such a page must not become a document the
// rules judge, and the link that led to it is broken. notFound recognises them by three
// signals, cheapest first:
//
//   - the page says so: its title, or the whole text of a short page, is a not-found
//     message (页面不存在, 您访问的页面已删除, 404 Not Found …), and it shows none of a
//     document's info-box fields;
//   - a list entry was redirected to the site's home page;
//   - the page is the site's not-found page: once per host and top directory, the crawler
//     requests a URL that cannot exist (…/gongkai-404-<random>.html); when the site
//     answers 200, that page is its not-found page, and a page with the same body, or the
//     same title and nearly the same text, is one too. The probe is made only when a
//     detail page is about to be kept, so a site with no details costs no probe.
//
// One mechanism for pages and link checks: Check answers for any fetched page.
type notFound struct {
	cr     *crawl
	mu     sync.Mutex
	prints map[string]*notFoundPrint // host + top directory → its not-found page
}

// maxNotFoundProbes bounds the probes of one crawl (one per host and top directory).
const maxNotFoundProbes = 32

type notFoundPrint struct {
	ready   chan struct{}
	probe   string // the made-up URL requested
	status  int    // its final status; only 200 makes a fingerprint
	hash    string // sha256 of its body with the probe's path taken out
	rawHash string // sha256 of its body as received
	title   string
	text    string
}

// notFoundTitle matches titles and short texts that say the page does not exist.
var notFoundTitle = regexp.MustCompile(`(?i)(页面|网页|文章|信息|内容|栏目|文件|稿件)(不存在|未找到|找不到|已(被)?删除|无法访问)` +
	`|(找不到|无法找到|未找到)(您|你)?(要|所)?(访问|请求|查找)?的?(页面|网页|文章|信息|内容)` +
	`|您(所|要)?(访问|请求|查看)的(页面|网页|文章|信息|内容|资源)` +
	`|^\s*(404|错误页面?|出错了|error)\s*$|\b404\b.{0,12}(not\s*found|错误|页面|不存在)|not\s*found`)

// docFields are info-box fields a real document shows and a not-found page does not.
var docFields = []string{"索引号", "文号", "发布机构", "成文日期", "发布日期"}

// maxNotFoundText: a page whose text says "not found" is a not-found page only when it
// says little else (a document may quote the phrase).
const maxNotFoundText = 300

func newNotFound(cr *crawl) *notFound {
	return &notFound{cr: cr, prints: map[string]*notFoundPrint{}}
}

// check returns why the page p (fetched for entry e, final URL final, sha256 of the body
// as received in hex) is a soft 404, or "". Link and attachment checks call it
// (linkcheck.go softNotFound); the walk calls checkBody.
func (nf *notFound) check(ctx context.Context, e Entry, final *url.URL, p *facts.Page, hash string) string {
	return nf.judge(ctx, e, final, p, func(fp *notFoundPrint) bool { return hash != "" && hash == fp.rawHash })
}

// checkBody is check for a page whose body is at hand: a not-found page that echoes the
// URL asked for is recognised too.
func (nf *notFound) checkBody(ctx context.Context, e Entry, final *url.URL, p *facts.Page, raw []byte) string {
	return nf.judge(ctx, e, final, p, func(fp *notFoundPrint) bool {
		return fp.hash != "" && fp.hash == hashWithout(raw, final.Path)
	})
}

func (nf *notFound) judge(ctx context.Context, e Entry, final *url.URL, p *facts.Page, sameBody func(*notFoundPrint) bool) string {
	if p.Status != http.StatusOK || p.Kind == facts.KindHome || p.Kind == facts.KindPortal || p.Kind == facts.KindAttachment {
		return ""
	}
	if requested, err := url.Parse(e.URL); err == nil && e.Hint == facts.KindDetail &&
		final.String() != e.URL && isHomeURL(final) && !isHomeURL(requested) {
		return fmt.Sprintf("soft 404: the list entry was redirected to the home page %s", final)
	}
	if !hasDocFields(p) {
		if t := facts.NormalizeSpace(p.Title); t != "" && notFoundTitle.MatchString(t) {
			return fmt.Sprintf("soft 404: HTTP 200 with a not-found page (title %q)", clip(t, 60))
		}
		if t := facts.NormalizeSpace(p.Text); t != "" && utf8.RuneCountInString(t) <= maxNotFoundText && notFoundTitle.MatchString(t) {
			return fmt.Sprintf("soft 404: HTTP 200 with a not-found page (text %q)", clip(t, 60))
		}
	}
	if p.Kind != facts.KindDetail || nf.cr.o.NoNotFoundProbe {
		return ""
	}
	fp := nf.print(ctx, final)
	if fp == nil || fp.status != http.StatusOK {
		return ""
	}
	switch {
	case sameBody(fp):
		return fmt.Sprintf("soft 404: the same page as the site's answer to a URL that does not exist (%s)", fp.probe)
	case fp.title != "" && fp.title == facts.NormalizeSpace(p.Title) &&
		similar(fp.text, strings.ReplaceAll(facts.NormalizeSpace(p.Text), final.Path, "")) >= 0.9:
		return fmt.Sprintf("soft 404: the site's not-found page (title %q, as for %s)", clip(fp.title, 60), fp.probe)
	}
	return ""
}

func hasDocFields(p *facts.Page) bool {
	for _, f := range docFields {
		if p.Fields[f] != "" {
			return true
		}
	}
	return !p.Written.IsZero()
}

// print returns the not-found fingerprint for u's host and top directory, probing once;
// nil when no probe may be made.
func (nf *notFound) print(ctx context.Context, u *url.URL) *notFoundPrint {
	dir := "/"
	if seg, rest, ok := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/"); ok && seg != "" && rest != "" {
		dir = "/" + seg + "/"
	}
	key := u.Scheme + "://" + u.Host + dir
	nf.mu.Lock()
	fp, ok := nf.prints[key]
	if !ok {
		if len(nf.prints) >= maxNotFoundProbes {
			nf.mu.Unlock()
			return nil
		}
		fp = &notFoundPrint{ready: make(chan struct{})}
		nf.prints[key] = fp
		nf.mu.Unlock()
		nf.probe(ctx, key, fp)
		close(fp.ready)
		return fp
	}
	nf.mu.Unlock()
	select {
	case <-fp.ready:
		return fp
	case <-ctx.Done():
		return nil
	}
}

func (nf *notFound) probe(ctx context.Context, base string, fp *notFoundPrint) {
	var b [8]byte
	_, _ = rand.Read(b[:])
	target, err := normalizeURL(nil, base+"gongkai-404-"+hex.EncodeToString(b[:])+".html")
	if err != nil {
		return
	}
	fp.probe = target.String()
	cr := nf.cr
	if !cr.o.IgnoreRobots && !cr.fetch.robots.allowed(ctx, target) {
		return
	}
	fr := cr.fetch.get(target, nil)
	if fr.Err != nil {
		return
	}
	fp.status = fr.Status
	if fr.Status != http.StatusOK || fr.BodySkipped {
		return
	}
	fp.hash = hashWithout(fr.Raw, target.Path)
	fp.rawHash = hashWithout(fr.Raw, "")
	if isHTML(fr.ContentType, fr.Body) {
		final := target
		if fr.URL != nil {
			final = fr.URL
		}
		if res, err := cr.o.Extract(final, fr.Body); err == nil && res != nil && res.Page != nil {
			fp.title = facts.NormalizeSpace(res.Page.Title)
			fp.text = strings.ReplaceAll(facts.NormalizeSpace(res.Page.Text), target.Path, "")
		}
	}
	cr.log.Debug("not-found probe", "url", fp.probe, "status", fr.Status, "title", fp.title)
}

// hashWithout is the sha256 of a body with every occurrence of path taken out: a
// not-found page that echoes the URL asked for is the same page for every URL.
func hashWithout(raw []byte, path string) string {
	if path != "" && path != "/" {
		raw = bytes.ReplaceAll(raw, []byte(path), nil)
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// similar is the Jaccard similarity of the character bigrams of a and b (first 3000
// runes each): 1 for equal texts, near 1 for a page that differs only by an echoed URL
// or a date.
func similar(a, b string) float64 {
	if a == b {
		return 1
	}
	ga, gb := bigrams(a), bigrams(b)
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	inter := 0
	for g := range ga {
		if _, ok := gb[g]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(ga)+len(gb)-inter)
}

func bigrams(s string) map[[2]rune]struct{} {
	out := map[[2]rune]struct{}{}
	var prev rune
	n := 0
	for _, r := range s {
		if n > 0 {
			out[[2]rune{prev, r}] = struct{}{}
		}
		prev = r
		n++
		if n >= 3000 {
			break
		}
	}
	return out
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
