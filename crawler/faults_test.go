package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Faults of hostile and broken servers. Each test runs a real local server that
// misbehaves (an httptest handler, or a raw net.Listener where the misbehaviour is at
// the byte level) and checks that the crawl finishes in bounded time, that the damage is
// bounded (requests, bytes), and that the problem is a CrawlError with a telling stage.
// TestURLTraps, TestTimeouts, TestRetries, TestRetryAfter, TestBodySizeLimit,
// TestScopeOffHostLinksAndRedirects, TestPrivateAddresses, TestRobots and
// TestStartFailureFailsTheRun (crawler_test.go) cover the rest of the list in issue 3.

// rawServer accepts connections on loopback and hands each to serve (after reading the
// request head), in its own goroutine. It returns the host:port.
func rawServer(t *testing.T, serve func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	t.Cleanup(func() {
		close(done)
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				go func() { <-done; c.Close() }()
				br := bufio.NewReader(c)
				for { // the request head
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				serve(c)
			}()
		}
	}()
	return ln.Addr().String()
}

// faultSite is a site whose home page links each fault by name, plus a good page that
// must still be crawled.
func faultSite(t *testing.T, links ...string) *site {
	s := newSite(t)
	s.html("/", doc("首页", append(links, "好页|/good.html")...))
	s.html("/good.html", doc("好页", "article"))
	return s
}

func crawlOK(t *testing.T, o Options, st facts.Site) (*recorder, Stats, time.Duration) {
	t.Helper()
	rec := &recorder{}
	start := time.Now()
	stats, err := New(o).Crawl(context.Background(), st, rec)
	if err != nil {
		t.Fatalf("crawl failed: %v (errors %+v)", err, rec.errs)
	}
	if rec.page("/good.html") == nil {
		t.Error("the good page was not crawled: one fault spoiled the crawl")
	}
	return rec, stats, time.Since(start)
}

func TestSlowlorisTrickle(t *testing.T) {
	s := faultSite(t, "慢|/trickle")
	var sent atomic.Int64
	s.handle("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>"))
		for {
			w.(http.Flusher).Flush()
			select {
			case <-time.After(20 * time.Millisecond):
				if _, err := w.Write([]byte("慢")); err != nil {
					return
				}
				sent.Add(1)
			case <-r.Context().Done():
				return
			}
		}
	})
	o := testOptions()
	o.Timeout, o.Retries = 300*time.Millisecond, 1
	rec, _, el := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
	if el > 2*time.Second {
		t.Errorf("crawl took %v: a trickling body must be cut by the per-attempt timeout (2 × 300 ms)", el)
	}
	if n := s.count("/trickle"); n != 2 {
		t.Errorf("/trickle requested %d times, want 2 (one retry)", n)
	}
	if e := rec.errorFor("/trickle", "fetch"); e == nil || !strings.Contains(e.Err, "timeout") && !strings.Contains(e.Err, "deadline") {
		t.Errorf("trickle: crawl error %+v", e)
	}
	if c := rec.check("/trickle"); c == nil || !c.Broken {
		t.Errorf("trickle: link check %+v", c)
	}
	if rec.page("/trickle") != nil {
		t.Error("a body cut by a timeout must not become a page")
	}
}

func TestServerNeverSendsHeaders(t *testing.T) {
	var conns atomic.Int32
	raw := rawServer(t, func(c net.Conn) {
		conns.Add(1)
		io.Copy(io.Discard, c) // reads, never answers, until the client hangs up
	})
	s := faultSite(t, "无响应|http://"+raw+"/page.html")
	o := testOptions()
	o.Timeout, o.Retries = 200*time.Millisecond, 1
	rec, _, el := crawlOK(t, o, facts.Site{URL: s.URL + "/", Hosts: []string{raw}})
	if el > 2*time.Second {
		t.Errorf("crawl took %v", el)
	}
	e := rec.errorFor("/page.html", "fetch")
	if e == nil || !strings.Contains(e.Err, "timeout") {
		t.Errorf("silent server: crawl error %+v (all %+v)", e, rec.errs)
	}
	if c := rec.check("/page.html"); c == nil || !c.Broken {
		t.Errorf("silent server: link check %+v", c)
	}
	// robots.txt (one attempt and its retry) and the page (two): each on its own connection.
	if n := conns.Load(); n < 2 || n > 4 {
		t.Errorf("%d connections to the silent server, want 2–4 (bounded retries)", n)
	}
}

func TestServerResetsMidBody(t *testing.T) {
	var attempts atomic.Int32
	raw := rawServer(t, func(c net.Conn) {
		attempts.Add(1)
		fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n")
		c.Write([]byte("<html><head><title>半截</title></head><body>" + strings.Repeat("正文", 500)))
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0) // close with a TCP RST
		}
	})
	s := faultSite(t, "重置|http://"+raw+"/reset.html")
	o := testOptions()
	o.Retries = 1
	o.IgnoreRobots = true // the raw server answers every path the same way
	rec, _, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/", Hosts: []string{raw}})
	e := rec.errorFor("/reset.html", "fetch")
	if e == nil || !(strings.Contains(e.Err, "reset") || strings.Contains(e.Err, "EOF")) {
		t.Errorf("reset mid-body: crawl error %+v", e)
	}
	if rec.page("/reset.html") != nil {
		t.Error("half a body must not become a page")
	}
	if n := attempts.Load(); n != 2 {
		t.Errorf("%d attempts, want 2 (a reset is retried once)", n)
	}
}

func TestHugeResponseHeaders(t *testing.T) {
	var written atomic.Int64
	raw := rawServer(t, func(c net.Conn) {
		fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
		line := "X-Junk: " + strings.Repeat("j", 1000) + "\r\n"
		for range 64 << 10 { // up to 64 MB of headers, for as long as the client reads
			n, err := io.WriteString(c, line)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	s := faultSite(t, "大头|http://"+raw+"/headers.html")
	o := testOptions()
	o.Retries = NoRetries
	o.IgnoreRobots = true
	rec, _, el := crawlOK(t, o, facts.Site{URL: s.URL + "/", Hosts: []string{raw}})
	if el > 2*time.Second {
		t.Errorf("crawl took %v", el)
	}
	e := rec.errorFor("/headers.html", "fetch")
	if e == nil || !strings.Contains(e.Err, "header") {
		t.Errorf("huge headers: crawl error %+v", e)
	}
	// The client gave up at its header cap (plus what the kernel buffers), not at Go's
	// default of 10 MB.
	if w := written.Load(); w > 8<<20 {
		t.Errorf("the server could write %d bytes of headers", w)
	}
}

func TestTLSBadCertificate(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, doc("加密"))
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failures are the point
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	// The start URL itself: the run fails, visibly, and without retrying a certificate.
	rec := &recorder{}
	start := time.Now()
	_, err := New(testOptions()).Crawl(context.Background(), facts.Site{URL: tlsSrv.URL + "/"}, rec)
	if !errors.Is(err, ErrStartFailed) {
		t.Errorf("bad certificate at the start: err %v", err)
	}
	if e := rec.errorFor("/", "fetch"); e == nil || !strings.Contains(e.Err, "tls: certificate not trusted") {
		t.Errorf("bad certificate: crawl error %+v", e)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v: a certificate error is not worth a retry", el)
	}
	// Linked from a good site (its host in scope): one error, the crawl goes on.
	host := strings.TrimPrefix(tlsSrv.URL, "https://")
	s := faultSite(t, "加密|"+tlsSrv.URL+"/doc.html")
	rec, _, _ = crawlOK(t, testOptions(), facts.Site{URL: s.URL + "/", Hosts: []string{tlsSrv.URL}})
	e := rec.errorFor("/doc.html", "fetch")
	if e == nil || !strings.Contains(e.Err, "certificate") || !strings.Contains(e.URL, host) {
		t.Errorf("linked bad certificate: %+v (all %+v)", e, rec.errs)
	}
}

func TestSiteDownIsAnError(t *testing.T) {
	down := newSite(t)
	addr := down.URL
	down.Close()
	s := faultSite(t, "分站|"+addr+"/x.html")
	o := testOptions()
	o.Retries = 1
	rec, _, el := crawlOK(t, o, facts.Site{URL: s.URL + "/", Hosts: []string{addr}})
	e := rec.errorFor("/x.html", "fetch")
	if e == nil || !strings.Contains(e.Err, "refused") {
		t.Errorf("host down: crawl error %+v", e)
	}
	if c := rec.check("/x.html"); c == nil || !c.Broken {
		t.Errorf("host down: link check %+v", c)
	}
	if el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}

func TestFiftyMegabytePage(t *testing.T) {
	s := faultSite(t, "大|/big.html")
	var written atomic.Int64
	s.handle("/big.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>大页面</title></head><body><p>"))
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	o := testOptions()
	o.MaxBodySize = 0 // the default, 10 MiB
	rec, st, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
	p := rec.page("/big.html")
	if p == nil || !p.Truncated || p.Title != "大页面" {
		t.Fatalf("50 MB page: %+v", p)
	}
	if e := rec.errorFor("/big.html", "size"); e == nil || !strings.Contains(e.Err, "10485760") {
		t.Errorf("size error %+v", e)
	}
	if st.Bytes > 11<<20 {
		t.Errorf("read %d bytes, want at most the 10 MiB cap and the small pages", st.Bytes)
	}
	// The server could not write it all: the crawler stopped reading at the cap.
	if w := written.Load(); w >= 50<<20 {
		t.Errorf("server wrote all %d bytes; the body must not be read past the cap", w)
	}
}

func TestGzipAttachmentAndRedirectToIt(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 8<<20))
	zw.Close()
	s := faultSite(t, "数据|/files/data.gz", "下载|/download?f=data")
	s.handle("/files/data.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(bomb.Bytes())
	})
	s.handle("/download", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/files/data.gz", http.StatusFound)
	})
	rec, st, _ := crawlOK(t, testOptions(), facts.Site{URL: s.URL + "/"})
	// Whoever asks for it (the walk through the redirect, an attachment check), a .gz
	// that is not a page is neither decompressed nor read.
	if n := s.count("/files/data.gz"); n == 0 || n > 2 {
		t.Errorf("/files/data.gz requested %d times", n)
	}
	if st.Bytes > 64<<10 {
		t.Errorf("read %d bytes: a .gz is neither decompressed nor read by the walk", st.Bytes)
	}
	for _, p := range rec.pages {
		if strings.Contains(p.URL, "data.gz") && (p.Kind != facts.KindAttachment || p.Truncated) {
			t.Errorf("the .gz as a page: %+v", p)
		}
	}
}

func TestMalformedHTML(t *testing.T) {
	requireExtractor(t)
	s := faultSite(t, "坏页|/malformed.html", "深|/nested.html")
	s.handle("/malformed.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>坏页面<title><body><table><tr><td><div><p><a href='/good.html'>好页<b><i></table>"))
		junk := make([]byte, 2048)
		for i := range junk {
			junk[i] = byte(i * 7919 % 256)
		}
		w.Write(junk)
		w.Write([]byte("\x00\x00<script>var a = '</script><!-- unterminated"))
	})
	s.html("/nested.html", "<html><head><title>深层</title></head><body>"+strings.Repeat("<div><span>", 200000)+"字</body></html>")
	o := testOptions()
	o.Extract = nil // the real extractor: this is about hostile input to it
	rec, _, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
	if p := rec.page("/malformed.html"); p == nil {
		t.Error("malformed page: not recorded")
	}
	if e := rec.errorFor("/malformed.html", "parse"); e == nil || !strings.Contains(e.Err, "control bytes") {
		t.Errorf("malformed page: crawl error %+v", e)
	}
	if p := rec.page("/nested.html"); p == nil || p.Title != "深层" {
		t.Errorf("deeply nested page: %+v", p)
	}
	if e := rec.errorFor("/nested.html", ""); e != nil {
		t.Errorf("deep nesting is valid HTML: %+v", e)
	}
}

func TestGarbageCharsetLabel(t *testing.T) {
	s := faultSite(t, "乱码|/charset.html", "乱码2|/gbk.html")
	s.handle("/charset.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=x-klingon")
		fmt.Fprint(w, `<html><head><meta charset="tlhIngan-Hol"><title>乱码标签</title></head><body><p>正文</p></body></html>`)
	})
	s.handle("/gbk.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", `text/html; charset="utf-☃"`)
		w.Write([]byte("<html><head><title>"))
		w.Write(gbk(t, "国标编码的标题"))
		w.Write([]byte("</title></head><body>"))
		w.Write(gbk(t, "正文内容"))
		w.Write([]byte("</body></html>"))
	})
	rec, _, _ := crawlOK(t, testOptions(), facts.Site{URL: s.URL + "/"})
	if p := rec.page("/charset.html"); p == nil || p.Title != "乱码标签" || p.Charset != "utf-8" {
		t.Errorf("garbage label, UTF-8 body: %+v", p)
	}
	if p := rec.page("/gbk.html"); p == nil || p.Title != "国标编码的标题" || p.Charset != "gb18030" {
		t.Errorf("garbage label, GBK body: %+v", p)
	}
	for _, path := range []string{"/charset.html", "/gbk.html"} {
		if e := rec.errorFor(path, "charset"); e == nil || !strings.Contains(e.Err, "unknown charset label") {
			t.Errorf("%s: charset crawl error %+v", path, e)
		}
	}
}

// trapErrors returns the "trap" crawl errors whose text contains substr.
func trapErrors(rec *recorder, substr string) []facts.CrawlError {
	var out []facts.CrawlError
	for _, e := range rec.errs {
		if e.Stage == "trap" && strings.Contains(e.Err, substr) {
			out = append(out, e)
		}
	}
	return out
}

func TestTrapSessionIDsInPath(t *testing.T) {
	s := faultSite(t, "会话|/s/x0123456789abcdef0001/index.html")
	var n atomic.Int64
	s.handlePrefix("/s/", func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		// Every answer links the same pages under two fresh session ids.
		fmt.Fprint(w, doc("会话", fmt.Sprintf("继续|/s/x%016x%04d/index.html", k*7919, k),
			fmt.Sprintf("新闻|/s/y%016x%04d/index.html", k*104729, k)))
	})
	o := testOptions()
	o.MaxDepth = 100000 // the depth cap would end it too; this is about the pattern cap
	rec, st, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
	if got := n.Load(); got > maxURLsPerPattern+2 {
		t.Errorf("%d requests into the session-id trap, want at most %d", got, maxURLsPerPattern+2)
	}
	errs := trapErrors(rec, "session ids")
	if len(errs) != 1 || !strings.Contains(errs[0].Err, "/s/*/index.html") || st.Skipped == 0 {
		t.Errorf("session trap: errors %+v, skipped %d", errs, st.Skipped)
	}
}

func TestTrapPaginationWithoutEnd(t *testing.T) {
	s := newSite(t)
	s.html("/", doc("首页", "规范性文件|/list/", "好页|/good.html"))
	s.html("/good.html", doc("好页", "article"))
	var pages atomic.Int64
	s.handle("/list/", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		var n int
		fmt.Sscanf(r.URL.Query().Get("page"), "%d", &n)
		shown := min(n, 2) // beyond page 2 the last page again, and a 下一页 link for ever
		fmt.Fprint(w, doc("规范性文件", fmt.Sprintf("list:文件%da|/doc/%da.html", shown, shown),
			fmt.Sprintf("list:文件%db|/doc/%db.html", shown, shown), fmt.Sprintf("下一页|/list/?page=%d", n+1)))
	})
	for i := range 3 {
		for _, x := range []string{"a", "b"} {
			s.html(fmt.Sprintf("/doc/%d%s.html", i, x), doc(fmt.Sprintf("文件%d%s", i, x), "article"))
		}
	}
	rec, st, _ := crawlOK(t, testOptions(), facts.Site{URL: s.URL + "/"})
	if got := pages.Load(); got > 3+maxStalePages+1 {
		t.Errorf("%d list pages requested; a list that repeats itself must be stopped after %d stale pages", got, maxStalePages)
	}
	for _, d := range []string{"/doc/0a.html", "/doc/1b.html", "/doc/2a.html"} {
		if rec.page(d) == nil {
			t.Errorf("%s: an entry of the real pages was lost", d)
		}
	}
	if errs := trapErrors(rec, "brought no new entries"); len(errs) != 1 || st.Skipped == 0 {
		t.Errorf("stale list: trap errors %+v (all %+v)", errs, rec.errs)
	}
}

func TestTrapsAreReportedOncePerPlace(t *testing.T) {
	calendar := func(w http.ResponseWriter, r *http.Request) {
		var d int
		fmt.Sscanf(r.URL.Query().Get("d"), "%d", &d)
		fmt.Fprint(w, doc("日历", fmt.Sprintf("下月|/cal?d=%d", d+1), fmt.Sprintf("上月|/cal?d=%d", d-1)))
	}
	count := func(rec *recorder) int {
		n := 0
		for _, e := range rec.errs {
			if e.Stage == "trap" {
				n++
			}
		}
		return n
	}
	t.Run("default depth", func(t *testing.T) {
		// With the default depth cap of 6 hops, the cap ends the calendar and the
		// ever-deeper paths; that is reported as such, once each.
		s := faultSite(t, "日历|/cal?d=0", "环|/a/", "深|/d/")
		s.handle("/cal", calendar)
		s.handlePrefix("/a/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, doc("环", "再|a/")) })
		s.handlePrefix("/d/", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, doc("深", fmt.Sprintf("更深|n%d/", strings.Count(r.URL.Path, "/"))))
		})
		o := testOptions()
		o.MaxDepth = 0 // the default
		rec, st, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
		if cal := trapErrors(rec, "link more of their own kind"); len(cal) != 1 || !strings.Contains(cal[0].Err, "/cal") {
			t.Errorf("calendar: trap errors %+v", cal)
		}
		if loop := trapErrors(rec, "repeating a path segment"); len(loop) != 1 {
			t.Errorf("self-relative links: trap errors %+v", loop)
		}
		if deep := trapErrors(rec, "ever-deeper paths"); len(deep) != 1 || !strings.Contains(deep[0].Err, "/d") {
			t.Errorf("ever-deeper paths: trap errors %+v", deep)
		}
		if n := count(rec); n != 3 || st.Skipped < 3 {
			t.Errorf("%d trap errors for 3 traps, %d URLs skipped (all %+v)", n, st.Skipped, rec.errs)
		}
	})
	t.Run("query cap", func(t *testing.T) {
		s := faultSite(t, "日历|/cal?d=0")
		s.handle("/cal", calendar)
		o := testOptions()
		o.MaxDepth = 100000
		o.Parallelism = 4
		rec, st, _ := crawlOK(t, o, facts.Site{URL: s.URL + "/"})
		cal := trapErrors(rec, "calendar or search trap")
		if len(cal) != 1 || !strings.Contains(cal[0].Err, "/cal") || count(rec) != 1 {
			t.Errorf("calendar: trap errors %+v", rec.errs)
		}
		if want := fmt.Sprintf("%d more URLs", st.Skipped); len(cal) == 1 && !strings.Contains(cal[0].Err, want) {
			t.Errorf("the trap error should count what it dropped (%q): %s", want, cal[0].Err)
		}
	})
}

func TestSoftNotFound(t *testing.T) {
	s := newSite(t)
	s.html("/", doc("首页", "规范性文件|/xxgk/list/"))
	s.html("/xxgk/list/", doc("规范性文件", "list:文件一|/xxgk/a/t1.html", "list:已删除|/xxgk/a/gone.html",
		"list:已撤下|/xxgk/a/moved.html", "list:跳首页|/xxgk/a/home.html"))
	s.html("/xxgk/a/t1.html", doc("关于印发某办法的通知", "article"))
	// A deleted document answered 200 with a message.
	s.html("/xxgk/a/gone.html", doc("页面不存在", "article"))
	// This site answers every unknown URL with 200 and the same page, which says nothing
	// about "not found": only the probe tells.
	generic := doc("某县人民政府", "article", "首页|/")
	s.handlePrefix("/xxgk/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, generic)
	})
	s.handle("/xxgk/a/home.html", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/", http.StatusFound) })
	s.html("/good.html", doc("好页", "article"))
	s.html("/", doc("首页", "规范性文件|/xxgk/list/", "好页|/good.html"))
	rec, st, _ := crawlOK(t, testOptions(), facts.Site{URL: s.URL + "/"})
	if rec.page("/xxgk/a/t1.html") == nil {
		t.Error("a real document was taken for a soft 404")
	}
	for _, p := range []string{"/xxgk/a/gone.html", "/xxgk/a/moved.html", "/xxgk/a/home.html"} {
		if pg := rec.page(p); pg != nil {
			t.Errorf("%s: a soft 404 became a page: %+v", p, pg)
		}
		if e := rec.errorFor(p, "soft404"); e == nil {
			t.Errorf("%s: no soft404 crawl error (all %+v)", p, rec.errs)
		}
		if c := rec.check(p); c == nil || !c.Broken {
			t.Errorf("%s: link check %+v", p, c)
		}
	}
	if st.SoftNotFound != 3 {
		t.Errorf("Stats.SoftNotFound = %d", st.SoftNotFound)
	}
	probes := map[string]int{}
	for uri, n := range s.counts {
		if i := strings.Index(uri, "gongkai-404-"); i >= 0 {
			probes[uri[:i]] += n
		}
	}
	if len(probes) != 2 || probes["/"] != 1 || probes["/xxgk/"] != 1 {
		t.Errorf("not-found probes %v, want one per host and top directory of a detail page (/ and /xxgk/)", probes)
	}
}

// recordingFrontier is an OutcomeRecorder over the memory frontier.
type recordingFrontier struct {
	Frontier
	mu       sync.Mutex
	outcomes []Outcome
	done     []string
}

func (f *recordingFrontier) Record(ctx context.Context, o Outcome) error {
	f.mu.Lock()
	f.outcomes = append(f.outcomes, o)
	f.mu.Unlock()
	_, err := f.Frontier.Push(ctx, o.Discovered)
	return err
}

func (f *recordingFrontier) Done(ctx context.Context, key string) error {
	f.mu.Lock()
	f.done = append(f.done, key)
	f.mu.Unlock()
	return f.Frontier.Done(ctx, key)
}

func TestOutcomeRecorderGetsEachURLWhole(t *testing.T) {
	s := disclosureSite(t)
	s.html("/about.html", doc("关于", "坏|/missing.html"))
	f := &recordingFrontier{Frontier: NewMemoryFrontier()}
	o := testOptions()
	o.NewFrontier = func(context.Context, facts.Site) (Frontier, error) { return f, nil }
	rec := &recorder{}
	st, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/"}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.pages) != 0 || len(rec.checks) != 0 || len(rec.errs) != 0 {
		t.Errorf("the sink got %d pages, %d checks, %d errors; with a recorder it gets none of a URL's outcome",
			len(rec.pages), len(rec.checks), len(rec.errs))
	}
	pages := 0
	var missing *Outcome
	for i, out := range f.outcomes {
		if out.Page != nil {
			pages++
		}
		if strings.HasSuffix(out.URL, "/missing.html") {
			missing = &f.outcomes[i]
		}
	}
	if pages != st.Pages || len(f.outcomes) != st.Pages+1 {
		t.Errorf("%d outcomes with %d pages; crawl emitted %d pages", len(f.outcomes), pages, st.Pages)
	}
	if missing == nil || missing.Page != nil || len(missing.Errors) != 1 || len(missing.LinkChecks) != 1 {
		t.Errorf("failed URL's outcome: %+v", missing)
	}
	if len(f.done) != 0 {
		t.Errorf("Done called for %v: recorded URLs are done by Record", f.done)
	}
}

// orderFrontier checks that Done comes after the page was handed to the sink.
type orderFrontier struct {
	Frontier
	rec *recorder
	bad []string
}

func (f *orderFrontier) Done(ctx context.Context, key string) error {
	if u, err := url.Parse(key); err != nil || f.rec.page(u.RequestURI()) == nil {
		f.bad = append(f.bad, key)
	}
	return f.Frontier.Done(ctx, key)
}

func TestDoneAfterThePage(t *testing.T) {
	s := disclosureSite(t)
	rec := &recorder{}
	f := &orderFrontier{Frontier: NewMemoryFrontier(), rec: rec}
	o := testOptions()
	o.NewFrontier = func(context.Context, facts.Site) (Frontier, error) { return f, nil }
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/"}, rec); err != nil {
		t.Fatal(err)
	}
	if len(f.bad) != 0 {
		t.Errorf("Done before the page reached the sink: %v", f.bad)
	}
}

func TestIncrementalCountsBytesAndParses(t *testing.T) {
	s := newSite(t)
	s.html("/xxgk/", doc("信息公开", "规范性文件|/xxgk/gfxwj/"))
	var docs []string
	for i := range 20 {
		docs = append(docs, fmt.Sprintf("list:文件%d|t%d.html", i, i))
		body := doc("文件", "article") + strings.Repeat("<p>正文内容。</p>", 200)
		path := fmt.Sprintf("/xxgk/gfxwj/t%d.html", i)
		s.handle(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			http.ServeContent(w, r, "", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), strings.NewReader(body))
		})
	}
	s.html("/xxgk/gfxwj/", doc("规范性文件", docs...))
	rec := &recorder{}
	st1, err := New(testOptions()).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/"}, rec)
	if err != nil {
		t.Fatal(err)
	}
	prev := map[string]*facts.Page{}
	for _, p := range rec.pages {
		prev[p.URL] = p
	}
	o := testOptions()
	o.Previous = func(_ context.Context, u string) (*facts.Page, bool) { p, ok := prev[u]; return p, ok }
	st2, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/"}, &recorder{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("run 1: %d requests, %d bytes, %d parsed; run 2: %d requests, %d bytes, %d parsed, %d not modified",
		st1.Requests, st1.Bytes, st1.Parsed, st2.Requests, st2.Bytes, st2.Parsed, st2.NotModified)
	if st1.Parsed != 22 || st2.Parsed != 2 || st2.NotModified != 20 {
		t.Errorf("parsed %d then %d (want 22, 2), not modified %d (want 20)", st1.Parsed, st2.Parsed, st2.NotModified)
	}
	if st1.Bytes < 20*3000 || st2.Bytes*10 > st1.Bytes {
		t.Errorf("run 2 read %d bytes, run 1 %d: an unchanged site must cost a small fraction", st2.Bytes, st1.Bytes)
	}
}
