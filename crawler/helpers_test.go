package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// testExtract is a deliberately small extractor for the walk's tests, so that they test
// the crawler and not the state of package extract: title, metas, links (nav when inside
// nav/header/footer), list items (links inside .list), breadcrumb (.crumb a), and plain
// "下一页" pagination. Pages are written to match it.
func testExtract(u *url.URL, body []byte) (*extract.Result, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	p := &facts.Page{URL: u.String(), Title: strings.TrimSpace(doc.Find("title").First().Text()), Meta: map[string]string{}}
	doc.Find("meta[name]").Each(func(_ int, s *goquery.Selection) {
		p.Meta[s.AttrOr("name", "")] = s.AttrOr("content", "")
	})
	r := &extract.Result{Page: p}
	abs := func(h string) string {
		ref, err := u.Parse(h)
		if err != nil {
			return h
		}
		return ref.String()
	}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, text := s.AttrOr("href", ""), strings.TrimSpace(s.Text())
		area := "content"
		if s.Closest("nav, header, footer").Length() > 0 {
			area = "nav"
		}
		p.Links = append(p.Links, facts.Link{URL: abs(href), Text: text, Area: area})
		if s.Closest(".list").Length() > 0 {
			p.Items = append(p.Items, facts.ListItem{Title: text, URL: abs(href)})
		}
		if text == "下一页" {
			r.Pagination = append(r.Pagination, abs(href))
		}
	})
	doc.Find(".crumb a").Each(func(_ int, s *goquery.Selection) {
		r.Breadcrumb = append(r.Breadcrumb, strings.TrimSpace(s.Text()))
	})
	r.List = len(p.Items) > 0
	r.Detail = doc.Find(".article").Length() > 0
	return r, nil
}

// recorder is a Sink that keeps everything, in order.
type recorder struct {
	mu     sync.Mutex
	pages  []*facts.Page
	errs   []facts.CrawlError
	checks []facts.LinkCheck
	// failPage makes Page fail (sink error path).
	failPage error
}

func (r *recorder) Page(_ context.Context, p *facts.Page) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failPage != nil {
		return r.failPage
	}
	r.pages = append(r.pages, p)
	return nil
}
func (r *recorder) LinkCheck(_ context.Context, c facts.LinkCheck) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks = append(r.checks, c)
	return nil
}
func (r *recorder) CrawlError(_ context.Context, e facts.CrawlError) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, e)
	return nil
}

// page returns the recorded page whose URL path (and query) is pathq, or nil.
func (r *recorder) page(pathq string) *facts.Page {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.pages {
		if u, err := url.Parse(p.URL); err == nil && u.RequestURI() == pathq {
			return p
		}
	}
	return nil
}

func (r *recorder) order(pathq string) int {
	for i, p := range r.pages {
		if u, err := url.Parse(p.URL); err == nil && u.RequestURI() == pathq {
			return i
		}
	}
	return -1
}

func (r *recorder) errorFor(pathq, stage string) *facts.CrawlError {
	for i, e := range r.errs {
		u, err := url.Parse(e.URL)
		if err == nil && u.RequestURI() == pathq && (stage == "" || e.Stage == stage) {
			return &r.errs[i]
		}
	}
	return nil
}

func (r *recorder) check(pathq string) *facts.LinkCheck {
	for i, c := range r.checks {
		if u, err := url.Parse(c.URL); err == nil && u.RequestURI() == pathq {
			return &r.checks[i]
		}
	}
	return nil
}

// site is a test server: a set of handlers by path (exact RequestURI first, then path),
// and a count of requests per RequestURI.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	prefixes map[string]http.HandlerFunc // by path prefix, when no exact handler
	counts   map[string]int
	total    atomic.Int64
	headers  map[string]http.Header // request headers of the last request per RequestURI
}

func newSite(t testing.TB) *site {
	s := &site{handlers: map[string]http.HandlerFunc{}, prefixes: map[string]http.HandlerFunc{}, counts: map[string]int{}, headers: map[string]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.total.Add(1)
	s.mu.Lock()
	s.counts[r.URL.RequestURI()]++
	s.headers[r.URL.RequestURI()] = r.Header.Clone()
	h, ok := s.handlers[r.URL.RequestURI()]
	if !ok {
		h, ok = s.handlers[r.URL.Path]
	}
	if !ok {
		for p, ph := range s.prefixes {
			if strings.HasPrefix(r.URL.Path, p) {
				h, ok = ph, true
			}
		}
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[path] = h
}

func (s *site) handlePrefix(prefix string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prefixes[prefix] = h
}

// html serves a UTF-8 page.
func (s *site) html(path, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	})
}

func (s *site) count(pathq string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[pathq]
}

// pageCount is the number of requests other than robots.txt.
func (s *site) pageCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, v := range s.counts {
		if k != "/robots.txt" {
			n += v
		}
	}
	return n
}

// doc builds a page: title, optional metas, links given as "text|href" (prefix "nav:" for
// navigation), list entries as "list:text|href", and an optional .article body.
func doc(title string, parts ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>")
	var nav, list, content, metas []string
	article := false
	for _, p := range parts {
		switch {
		case p == "article":
			article = true
		case strings.HasPrefix(p, "meta:"):
			k, v, _ := strings.Cut(strings.TrimPrefix(p, "meta:"), "=")
			metas = append(metas, fmt.Sprintf(`<meta name="%s" content="%s">`, k, v))
		case strings.HasPrefix(p, "nav:"):
			nav = append(nav, link(strings.TrimPrefix(p, "nav:")))
		case strings.HasPrefix(p, "list:"):
			list = append(list, "<li>"+link(strings.TrimPrefix(p, "list:"))+"<span>2024-01-02</span></li>")
		default:
			content = append(content, link(p))
		}
	}
	b.WriteString(strings.Join(metas, ""))
	b.WriteString("</head><body><nav>" + strings.Join(nav, " ") + "</nav>")
	if len(list) > 0 {
		b.WriteString(`<ul class="list">` + strings.Join(list, "") + "</ul>")
	}
	b.WriteString("<div>" + strings.Join(content, " ") + "</div>")
	if article {
		b.WriteString(`<div class="article"><p>正文内容。</p></div>`)
	}
	b.WriteString("</body></html>")
	return b.String()
}

func link(spec string) string {
	text, href, _ := strings.Cut(spec, "|")
	return fmt.Sprintf(`<a href="%s">%s</a>`, href, text)
}

// testVocab is a small column vocabulary in the shape of rules.yaml's.
var testVocab = facts.Vocabulary{
	{Kind: "规范性文件", Names: []string{"行政规范性文件", "规范性文件"}},
	{Kind: "政策解读", Names: []string{"政策解读", "解读"}},
	{Kind: "通知公告", Names: []string{"通知公告"}},
	{Kind: "年报", Names: []string{"政府信息公开年报", "年度报告"}},
	{Kind: "指南", Names: []string{"政府信息公开指南", "公开指南"}},
}

// testOptions are fast options for tests: no delay, short timeouts and backoff, the test
// extractor.
func testOptions() Options {
	return Options{
		Delay: NoDelay, Parallelism: 2, Timeout: 2 * time.Second, RetryBackoff: 5 * time.Millisecond,
		Vocabulary: testVocab, Extract: testExtract,
	}
}

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q as GBK: %v", s, err)
	}
	return b
}

// publicNames maps host names to loopback servers while the address guard sees the given
// "resolved" addresses: LookupIP answers from names, Dial sends the TEST-NET address
// 203.0.113.x back to 127.0.0.1, so a name can look public and still reach a test server.
type publicNames struct {
	names map[string]netip.Addr
}

func (p *publicNames) lookup(_ context.Context, host string) ([]netip.Addr, error) {
	if a, ok := p.names[host]; ok {
		return []netip.Addr{a}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func (p *publicNames) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, _ := net.SplitHostPort(addr)
	if strings.HasPrefix(host, "203.0.113.") {
		host = "127.0.0.1"
	}
	var d net.Dialer
	return d.DialContext(ctx, network, net.JoinHostPort(host, port))
}

func portOf(t testing.TB, s *httptest.Server) string {
	u, _ := url.Parse(s.URL)
	_, p, err := net.SplitHostPort(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func itoa(i int) string { return strconv.Itoa(i) }
