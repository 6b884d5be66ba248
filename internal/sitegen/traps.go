package sitegen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The /trap/ section (Config.Traps), linked from the home page as 专题专栏. Each trap
// is a path; TrapPaths lists them with what a crawler should make of them.
//
//	/trap/cal?date=2024-05-01     calendar by query: every day links the next and previous day and month
//	/trap/cal2/2024/05/           calendar by path: every month links the next and previous month
//	/trap/s/<sid>/index.html      a new session id in the path of every link
//	/trap/news/?page=N            a list whose 下一页 never ends: pages beyond 2 repeat page 2
//	/trap/news/gone.html          a list entry answered 200 with a "页面不存在" page (soft 404)
//	/trap/deep/n1/n2/…            every page links a deeper directory
//	/trap/loop/loop/…             a relative link resolved against itself
//	/trap/slow                    accepts the request and never answers
//	/trap/trickle                 sends headers, then one byte every 100 ms, forever
//	/trap/reset                   sends headers and half the body, then resets the connection
//	/trap/broken                  502, always
//	/trap/busy                    429 with Retry-After: 1, then the page
//	/trap/redirect-loop           redirects to …-loop2, which redirects back
//	/trap/chain/0                 redirects to /chain/1, /chain/2 … without end
//	/trap/offsite                 redirects to Config.OffsiteURL (out of scope); also linked directly
//	/trap/private                 redirects to http://10.255.255.1/ (private, out of scope)
//	/trap/big.html                a 50 MB page
//	/trap/bomb.html               a gzip bomb: 50 MB of zeros in ~50 KB, Content-Encoding: gzip
//	/trap/data.gz                 a .gz attachment (50 MB uncompressed); /trap/download?f=data redirects to it
//	/trap/malformed.html          binary junk and broken markup served as text/html
//	/trap/headers                 a 2 MB response header
//	/trap/charset.html            charset=x-klingon in the header and in <meta>
//	/trap/secret/…                disallowed by robots.txt
const (
	bigSize  = 50 << 20
	bombSize = 50 << 20
)

// TrapPaths are the entry points of the trap section, as linked from /trap/.
var TrapPaths = []string{
	"/trap/cal?date=2024-05-01", "/trap/cal2/2024/05/", "/trap/s/" + sid("start") + "/index.html",
	"/trap/news/", "/trap/deep/", "/trap/loop/", "/trap/slow", "/trap/trickle", "/trap/reset",
	"/trap/broken", "/trap/busy", "/trap/redirect-loop", "/trap/chain/0", "/trap/offsite", "/trap/private",
	"/trap/big.html", "/trap/bomb.html", "/trap/data.gz", "/trap/download?f=data", "/trap/malformed.html",
	"/trap/headers", "/trap/charset.html", "/trap/secret/a.html",
}

// sid is a session-like path token: 'x', 16 hex digits, 4 decimal digits.
func sid(seed string) string {
	h := fnv.New64a()
	h.Write([]byte(seed))
	v := h.Sum64()
	return fmt.Sprintf("x%016x%04d", v, v%10000)
}

var (
	bombOnce sync.Once
	bomb     []byte // gzip of bombSize zeros
)

// gzipBomb is built once: 50 concatenated gzip members of 1 MiB of zeros each (a valid
// multi-member stream), so building it costs milliseconds.
func gzipBomb() []byte {
	bombOnce.Do(func() {
		var member, out bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
		zw.Write(make([]byte, 1<<20))
		zw.Close()
		for range bombSize >> 20 {
			out.Write(member.Bytes())
		}
		bomb = out.Bytes()
	})
	return bomb
}

func (s *Site) serveTrap(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	page := func(title, main string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, shell(title, "", main))
	}
	links := func(ls ...string) string {
		var b strings.Builder
		b.WriteString(`<div class="main"><ul>`)
		for _, l := range ls {
			text, href, _ := strings.Cut(l, "|")
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, href, text)
		}
		b.WriteString(`</ul></div>`)
		return b.String()
	}
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /trap/secret/\n")
	case p == "/trap/" || p == "/trap/index.html":
		ls := make([]string, 0, len(TrapPaths)+1)
		for i, t := range TrapPaths {
			ls = append(ls, fmt.Sprintf("专题%d|%s", i+1, t))
		}
		ls = append(ls, "外站|"+s.cfg.OffsiteURL)
		page("专题专栏", links(ls...))
	case p == "/trap/cal":
		d, err := time.Parse("2006-01-02", r.URL.Query().Get("date"))
		if err != nil {
			d = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
		}
		f := func(t time.Time) string { return "/trap/cal?date=" + t.Format("2006-01-02") }
		page("日历 "+d.Format("2006-01-02"), links("前一天|"+f(d.AddDate(0, 0, -1)), "后一天|"+f(d.AddDate(0, 0, 1)),
			"上月|"+f(d.AddDate(0, -1, 0)), "下月|"+f(d.AddDate(0, 1, 0))))
	case strings.HasPrefix(p, "/trap/cal2/"):
		var y, m int
		if _, err := fmt.Sscanf(p, "/trap/cal2/%d/%d/", &y, &m); err != nil {
			http.NotFound(w, r)
			return
		}
		d := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		f := func(t time.Time) string { return "/trap/cal2/" + t.Format("2006/01/") }
		page("月历 "+d.Format("2006-01"), links("上月|"+f(d.AddDate(0, -1, 0)), "下月|"+f(d.AddDate(0, 1, 0))))
	case strings.HasPrefix(p, "/trap/s/"):
		cur, _, _ := strings.Cut(strings.TrimPrefix(p, "/trap/s/"), "/")
		page("会话", links("继续|/trap/s/"+sid(cur+"a")+"/index.html", "新闻|/trap/s/"+sid(cur+"b")+"/news.html"))
	case p == "/trap/news/":
		s.trapNews(w, r)
	case p == "/trap/news/gone.html":
		// A deleted document: 200 and the site's not-found message.
		page("页面不存在", `<div class="message"><h1>404 页面不存在</h1><p>对不起，您访问的页面不存在或已被删除。</p></div>`)
	case strings.HasPrefix(p, "/trap/news/a"):
		page("专题新闻", `<div class="article"><h1>专题新闻</h1><p>这是专题栏目的一篇新闻。</p></div>`)
	case strings.HasPrefix(p, "/trap/deep/"):
		n := strings.Count(strings.TrimPrefix(p, "/trap/deep/"), "/")
		page("层级", links(fmt.Sprintf("更深|n%d/", n+1)))
	case strings.HasPrefix(p, "/trap/loop/"):
		page("循环", links("循环|loop/"))
	case p == "/trap/slow":
		s.hold(w, r, nil)
	case p == "/trap/reset":
		s.hold(w, r, func(c net.Conn, buf *bytesWriter) {
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n")
			buf.WriteString("<html><head><title>重置</title></head><body>" + strings.Repeat("正文", 2000))
			c.Write(buf.Bytes())
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0) // close with RST
			}
		})
	case p == "/trap/trickle":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, "<html><head><title>")
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			select {
			case <-t.C:
				if _, err := w.Write([]byte("慢")); err != nil {
					return
				}
			case <-r.Context().Done():
				return
			case <-s.hung:
				return
			}
		}
	case p == "/trap/broken":
		http.Error(w, "bad gateway", http.StatusBadGateway)
	case p == "/trap/busy":
		s.mu.Lock()
		first := !s.busySeen
		s.busySeen = true
		s.mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		page("繁忙后", `<div class="main"><p>稍后再试成功。</p></div>`)
	case p == "/trap/redirect-loop":
		http.Redirect(w, r, "/trap/redirect-loop2", http.StatusFound)
	case p == "/trap/redirect-loop2":
		http.Redirect(w, r, "/trap/redirect-loop", http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/trap/chain/"):
		n, _ := strconv.Atoi(strings.TrimPrefix(p, "/trap/chain/"))
		http.Redirect(w, r, "/trap/chain/"+strconv.Itoa(n+1), http.StatusFound)
	case p == "/trap/offsite":
		http.Redirect(w, r, s.cfg.OffsiteURL, http.StatusFound)
	case p == "/trap/private":
		http.Redirect(w, r, "http://10.255.255.1/internal/", http.StatusFound)
	case p == "/trap/big.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>大页面</title></head><body><p>"))
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for sent := 0; sent < bigSize; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client stopped reading: what a size cap does
			}
		}
	case p == "/trap/bomb.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb())
	case p == "/trap/data.gz":
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(gzipBomb())
	case p == "/trap/download":
		http.Redirect(w, r, "/trap/data.gz", http.StatusFound)
	case p == "/trap/malformed.html":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>坏<title><body><table><tr><td><div><p><a href='/trap/'>返回<b><i></table>"))
		junk := make([]byte, 4096)
		for i := range junk {
			junk[i] = byte(i * 7919 % 256)
		}
		w.Write(junk)
		w.Write([]byte(strings.Repeat("<div>", 5000) + "\x00\x00<script>var a = '</script><!-- unterminated"))
	case p == "/trap/headers":
		for i := range 2048 {
			w.Header().Set("X-Junk-"+strconv.Itoa(i), strings.Repeat("j", 1000))
		}
		page("大头", `<div class="main"><p>头部很大。</p></div>`)
	case p == "/trap/charset.html":
		w.Header().Set("Content-Type", "text/html; charset=x-klingon")
		fmt.Fprint(w, `<html><head><meta charset="tlhIngan-Hol"><title>乱码标签</title></head><body><div class="main"><p>编码标签是乱写的，正文是UTF-8。</p></div></body></html>`)
	case strings.HasPrefix(p, "/trap/secret/"):
		page("机密", `<div class="main"><p>robots.txt 不允许抓取本页。</p></div>`)
	default:
		http.NotFound(w, r)
	}
}

// trapNews is a list whose pagination never ends: pages 0–2 list documents, every later
// page repeats page 2, and each has a 下一页 link to the next.
func (s *Site) trapNews(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 0)
	shown := min(n, 2)
	var b strings.Builder
	b.WriteString(`<div class="main"><h1>专题新闻</h1><ul class="list">`)
	for j := range 5 {
		fmt.Fprintf(&b, `<li><a href="/trap/news/a%d_%d.html">专题新闻%d-%d</a><span>2026-05-%02d</span></li>`, shown, j, shown, j, 10+j)
	}
	if n == 0 {
		b.WriteString(`<li><a href="/trap/news/gone.html">已撤下的新闻</a><span>2026-05-20</span></li>`)
	}
	fmt.Fprintf(&b, `</ul><div class="page"><a href="/trap/news/?page=%d">下一页</a></div></div>`, n+1)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, shell("专题新闻", `<meta name="ColumnName" content="专题新闻" />`, b.String()))
}

type bytesWriter = bytes.Buffer

// hold takes the connection over, optionally writes something (then closes it), and
// otherwise keeps it open without answering until the client goes away, the site is
// closed, or a minute passes.
func (s *Site) hold(w http.ResponseWriter, r *http.Request, write func(net.Conn, *bytesWriter)) {
	c, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "cannot hijack", http.StatusInternalServerError)
		return
	}
	defer c.Close()
	if write != nil {
		write(c, &bytesWriter{})
		return
	}
	gone := make(chan struct{})
	go func() {
		buf := make([]byte, 1024)
		for {
			if _, err := c.Read(buf); err != nil {
				close(gone)
				return
			}
		}
	}()
	select {
	case <-gone:
	case <-s.hung:
	case <-time.After(time.Minute):
	}
}
