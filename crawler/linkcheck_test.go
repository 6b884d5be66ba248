package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
)

const notFoundHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面不存在_某县人民政府</title></head>
<body><nav><a href="/">首页</a></nav><div class="err"><h1>404 页面不存在</h1><p>对不起，您访问的页面不存在或已被删除。</p></div></body></html>`

// checkSite links targets of every fate; unknown paths get the site's not-found page
// with status 200 (a soft 404), as many Chinese CMSs do.
type checkSite struct {
	*site
	mu     sync.Mutex
	hits   map[string][]time.Time // request times per "METHOD path"
	flaky  int                    // requests of /files/flaky.7z that time out before it answers
	stall  time.Duration
	locked bool
}

func newCheckSite(t *testing.T, stall time.Duration) *checkSite {
	cs := &checkSite{site: newSite(t), hits: map[string][]time.Time{}, stall: stall, flaky: 2}
	s := cs.site
	s.html("/xxgk/tzgg/t1.html", doc("关于开展检查的通知", "article",
		"缺失文件|/files/missing.zip", "HEAD不行|/files/head405.zip", "受保护|/files/blocked.rar",
		"时好时坏|/files/flaky.7z", "一直超时|/files/dead.zip", "软404文件|/files/soft.zip",
		"已删除页面|/xxgk/deleted.html", "图片|/files/ok.png"))
	note := func(r *http.Request) {
		cs.mu.Lock()
		defer cs.mu.Unlock()
		k := r.Method + " " + r.URL.Path
		cs.hits[k] = append(cs.hits[k], time.Now())
	}
	s.handle("/files/missing.zip", func(w http.ResponseWriter, r *http.Request) { note(r); http.NotFound(w, r) })
	s.handle("/files/head405.zip", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Write([]byte("PK"))
	})
	s.handle("/files/blocked.rar", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		http.Error(w, "Access denied by WAF", http.StatusForbidden)
	})
	s.handle("/files/flaky.7z", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		cs.mu.Lock()
		stall := cs.flaky > 0
		cs.flaky--
		cs.mu.Unlock()
		if stall {
			select {
			case <-time.After(cs.stall):
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/x-7z-compressed")
		w.Write([]byte("7z"))
	})
	s.handle("/files/dead.zip", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		select {
		case <-time.After(cs.stall):
		case <-r.Context().Done():
		}
	})
	s.handle("/files/ok.png", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	s.handlePrefix("/", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, notFoundHTML) // 200
	})
	return cs
}

func (cs *checkSite) count(key string) int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return len(cs.hits[key])
}

func TestLinkChecks(t *testing.T) {
	const timeout = 150 * time.Millisecond
	cs := newCheckSite(t, 2*timeout)
	o := testOptions()
	o.Timeout = timeout
	o.Retries = 1 // two attempts a round
	o.RecheckDelay = 100 * time.Millisecond
	rec := &recorder{}
	began := time.Now()
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: cs.URL + "/xxgk/tzgg/t1.html"}, rec); err != nil {
		t.Fatal(err)
	}
	t.Logf("crawl with link checks took %s", time.Since(began).Round(time.Millisecond))
	from := cs.URL + "/xxgk/tzgg/t1.html"
	for _, tc := range []struct {
		path             string
		status           int
		broken, blocked  bool
		errHas, textWant string
	}{
		{path: "/files/missing.zip", status: 404, broken: true, textWant: "缺失文件"},
		{path: "/files/head405.zip", status: 200},
		{path: "/files/blocked.rar", status: 403, blocked: true},
		{path: "/files/flaky.7z", status: 200},
		{path: "/files/dead.zip", status: 0, broken: true, errHas: "timeout"},
		{path: "/files/soft.zip", status: 200, broken: true, errHas: "soft 404"},
		{path: "/xxgk/deleted.html", status: 200, broken: true, errHas: "soft 404"},
		{path: "/files/ok.png", status: 200},
	} {
		c := rec.check(tc.path)
		if c == nil {
			t.Errorf("%s: no link check", tc.path)
			continue
		}
		if c.Status != tc.status || c.Broken != tc.broken || c.Blocked != tc.blocked || !strings.Contains(c.Err, tc.errHas) ||
			c.From != from || (tc.textWant != "" && c.Text != tc.textWant) || (!tc.broken && !tc.blocked && c.Err != "") {
			t.Errorf("%s: %+v", tc.path, *c)
		}
	}
	n := 0
	for _, c := range rec.checks {
		if strings.HasSuffix(c.URL, "/files/flaky.7z") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("flaky.7z has %d link checks, want one verdict", n)
	}
	// HEAD refused: GET decides. HEAD answered: no GET.
	if cs.count("HEAD /files/head405.zip") != 1 || cs.count("GET /files/head405.zip") != 1 {
		t.Errorf("head405.zip: %d HEAD, %d GET", cs.count("HEAD /files/head405.zip"), cs.count("GET /files/head405.zip"))
	}
	if cs.count("GET /files/ok.png") != 0 {
		t.Error("ok.png: GET after a HEAD that answered 200")
	}
	// Timeouts are retried in rounds spread over time before the verdict.
	cs.mu.Lock()
	dead := append([]time.Time(nil), cs.hits["HEAD /files/dead.zip"]...)
	dead = append(dead, cs.hits["GET /files/dead.zip"]...)
	flaky := len(cs.hits["HEAD /files/flaky.7z"]) + len(cs.hits["GET /files/flaky.7z"])
	cs.mu.Unlock()
	if len(dead) < 2*checkRounds {
		t.Errorf("dead.zip asked %d times, want %d rounds of HEAD and GET attempts", len(dead), checkRounds)
	}
	first, last := dead[0], dead[0]
	for _, d := range dead {
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	if spread := last.Sub(first); spread < time.Duration(checkRounds-1)*o.RecheckDelay {
		t.Errorf("dead.zip's attempts spread over %s, want at least %s", spread, time.Duration(checkRounds-1)*o.RecheckDelay)
	}
	if flaky < 3 {
		t.Errorf("flaky.7z asked %d times: the timeouts were not retried", flaky)
	}
	// The deleted page is a soft 404 of the walk: no page, a crawl error, a broken link.
	if p := rec.page("/xxgk/deleted.html"); p != nil {
		t.Error("a soft 404 was recorded as a page")
	}
}

// TestExternalLinkChecks: off by default (nothing requested outside the scope); on, it
// checks; without outside connectivity, it reports links unchecked, not broken.
func TestExternalLinkChecks(t *testing.T) {
	home := newSite(t)
	home.html("/xxgk/t1.html", doc("关于公布友情链接的通知", "article",
		"中国政府网|http://www.ext1.gov.cn/ok.html", "失效链接|http://www.ext1.gov.cn/missing.html",
		"跳转|http://www.ext1.gov.cn/moved", "不存在的网站|http://nx.ext2.gov.cn/x.html",
		"另一网站|http://www.ext3.gov.cn/", "第四个|http://www.ext4.gov.cn/a.pdf"))
	ext := newSite(t)
	ext.html("/ok.html", doc("ok"))
	ext.handle("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok.html", http.StatusMovedPermanently)
	})
	externals := []string{"/ok.html", "/missing.html", "/moved", "nx.ext2.gov.cn", "www.ext3.gov.cn", "www.ext4.gov.cn"}

	run := func(t *testing.T, check bool, online bool) (*recorder, *hostNet) {
		sites := map[string]*site{"www.home.gov.cn": home}
		if online {
			sites["www.ext1.gov.cn"] = ext
			sites["www.ext3.gov.cn"] = ext
			sites["www.ext4.gov.cn"] = ext
		}
		hn := newHostNet(t, sites)
		o := testOptions()
		o.CheckExternal = check
		o.RecheckDelay = 10 * time.Millisecond
		hn.options(&o)
		rec := &recorder{}
		if _, err := New(o).Crawl(context.Background(), facts.Site{URL: "http://www.home.gov.cn/xxgk/t1.html"}, rec); err != nil {
			t.Fatal(err)
		}
		return rec, hn
	}
	externalCheck := func(rec *recorder, needle string) *facts.LinkCheck {
		for i, c := range rec.checks {
			if strings.Contains(c.URL, needle) {
				return &rec.checks[i]
			}
		}
		return nil
	}

	t.Run("off by default", func(t *testing.T) {
		rec, hn := run(t, false, true)
		for _, h := range []string{"www.ext1.gov.cn", "www.ext3.gov.cn", "www.ext4.gov.cn"} {
			if hn.dials[h] != 0 {
				t.Errorf("%d connections to %s without CheckExternal", hn.dials[h], h)
			}
		}
		for _, x := range externals {
			if c := externalCheck(rec, x); c != nil {
				t.Errorf("link check without CheckExternal: %+v", *c)
			}
		}
	})
	t.Run("online", func(t *testing.T) {
		rec, _ := run(t, true, true)
		for _, tc := range []struct {
			needle string
			status int
			broken bool
			errHas string
		}{
			{"/ok.html", 200, false, ""},
			{"/missing.html", 404, true, "HTTP 404"},
			{"/moved", 200, false, ""},
			{"nx.ext2.gov.cn", 0, true, "dns"},
			{"www.ext3.gov.cn", 404, true, ""}, // ext's "/" is not served: 404
		} {
			c := externalCheck(rec, tc.needle)
			if c == nil || c.Status != tc.status || c.Broken != tc.broken || !strings.Contains(c.Err, tc.errHas) || c.From == "" {
				t.Errorf("%s: %+v", tc.needle, c)
			}
		}
	})
	t.Run("no outside connectivity", func(t *testing.T) {
		rec, hn := run(t, true, false)
		for _, x := range externals {
			c := externalCheck(rec, x)
			if c == nil || c.Broken || c.Blocked || !strings.HasPrefix(c.Err, "not checked: no outside connectivity") {
				t.Errorf("%s: %+v, want unchecked", x, c)
			}
		}
		if p := rec.page("/xxgk/t1.html"); p == nil {
			t.Error("the site itself was not crawled")
		}
		_ = hn
	})
}
