package crawler

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestDecodeBody(t *testing.T) {
	const zh = "政府信息公开指南：朱镕基、王堃" // 镕 and 堃 are GBK, not GB2312
	gbkPage := func(meta string) []byte {
		b := []byte("<html><head>" + meta + "<title>")
		b = append(b, gbk(t, zh)...)
		return append(b, "</title></head><body></body></html>"...)
	}
	utf8Page := func(meta string) []byte {
		return []byte("<html><head>" + meta + "<title>" + zh + "</title></head><body></body></html>")
	}
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte("<html><title>政府資訊公開</title></html>"))
	longComment := "<!--" + strings.Repeat("x", 2000) + "-->"
	cases := []struct {
		name, contentType string
		body              []byte
		wantCharset       string
		wantText          string
	}{
		{"meta gb2312 only", "text/html", gbkPage(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`), "gb18030", zh},
		{"meta charset gbk", "", gbkPage(`<meta charset="gbk">`), "gb18030", zh},
		{"header gbk", "text/html; charset=GBK", gbkPage(""), "gb18030", zh},
		{"header gb2312 with trailing semicolon", "text/html; charset=gb2312;", gbkPage(""), "gb18030", zh},
		{"header utf-8 lies, meta gbk", "text/html; charset=utf-8", gbkPage(`<meta charset="gbk">`), "gb18030", zh},
		{"header gbk, meta and body utf-8", "text/html; charset=gbk", utf8Page(`<meta charset="utf-8">`), "utf-8", zh},
		{"header utf-8, stale meta gb2312, body utf-8", "text/html; charset=utf-8", utf8Page(`<meta charset="gb2312">`), "utf-8", zh},
		{"nothing declared, GBK body", "text/html", gbkPage(""), "gb18030", zh},
		{"nothing declared, UTF-8 body", "text/html", utf8Page(""), "utf-8", zh},
		{"meta beyond the prescan window", "text/html", gbkPage(longComment + `<meta charset="gbk">`), "gb18030", zh},
		{"utf-8 BOM", "text/html", append([]byte{0xEF, 0xBB, 0xBF}, utf8Page("")...), "utf-8", zh},
		{"ascii with meta gbk", "text/html", []byte(`<html><head><meta charset="gbk"><title>ok</title></head></html>`), "gb18030", "ok"},
		{"header big5", "text/html; charset=big5", big5, "big5", "政府資訊公開"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, cs := decodeBody(c.body, c.contentType)
			if cs != c.wantCharset || !strings.Contains(string(out), c.wantText) {
				t.Errorf("charset %q, text %q; want %q containing %q", cs, out, c.wantCharset, c.wantText)
			}
		})
	}
}

func TestNormalizeURL(t *testing.T) {
	base, _ := url.Parse("http://www.x.gov.cn/xxgk/gfxwj/index.html")
	cases := []struct{ ref, want string }{
		{"t1.html#top", "http://www.x.gov.cn/xxgk/gfxwj/t1.html"},
		{"../zcjd/", "http://www.x.gov.cn/xxgk/zcjd/"},
		{"HTTP://WWW.X.GOV.CN:80", "http://www.x.gov.cn/"},
		{"https://www.x.gov.cn:443/a", "https://www.x.gov.cn/a"},
		{"http://www.x.gov.cn:8080/a", "http://www.x.gov.cn:8080/a"},
		{"/a.jsp;jsessionid=0A1B2C?id=3", "http://www.x.gov.cn/a.jsp?id=3"},
		{"/a.jsp?b=2&JSESSIONID=x&a=1", "http://www.x.gov.cn/a.jsp?b=2&a=1"},
		{"/list.do?sid=abc&page=2", "http://www.x.gov.cn/list.do?page=2"},
		{"/gkmlpt/api/all/123?page=2&sid=755", "http://www.x.gov.cn/gkmlpt/api/all/123?page=2&sid=755"},
		{"/a?", "http://www.x.gov.cn/a"},
		{`\xxgk\t1.html`, "http://www.x.gov.cn/xxgk/t1.html"},
		{" /a\n.html ", "http://www.x.gov.cn/a.html"},
		{"http://user:pw@www.x.gov.cn/a", "http://www.x.gov.cn/a"},
		{"/b?z=1&a=2", "http://www.x.gov.cn/b?z=1&a=2"}, // order kept
		{"/搜索.html", "http://www.x.gov.cn/%E6%90%9C%E7%B4%A2.html"},
	}
	for _, c := range cases {
		u, err := normalizeURL(base, c.ref)
		if err != nil || u.String() != c.want {
			t.Errorf("normalizeURL(%q) = %v, %v; want %s", c.ref, u, err, c.want)
		}
	}
	for _, ref := range []string{"", "#top", "javascript:void(0)", "mailto:a@x.gov.cn", "tel:123", "ftp://x/a",
		"/a/b/a/b/a/b/a/b/", "/" + strings.Repeat("x", 3000), "data:text/html,hi"} {
		if u, err := normalizeURL(base, ref); err == nil {
			t.Errorf("normalizeURL(%q) = %v, want an error", ref, u)
		}
	}
}

func TestIsNonPublic(t *testing.T) {
	for _, a := range []string{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1",
		"fc00::1", "fe80::1", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"} {
		if !isNonPublic(netip.MustParseAddr(a)) {
			t.Errorf("%s should not be public", a)
		}
	}
	for _, a := range []string{"8.8.8.8", "203.0.113.10", "2400:3200::1", "59.255.1.1"} {
		if isNonPublic(netip.MustParseAddr(a)) {
			t.Errorf("%s should be public", a)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 4, 15, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"5", 5 * time.Second, true},
		{" 0 ", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, ok := parseRetryAfter(c.v, now)
		if got != c.want || ok != c.ok {
			t.Errorf("parseRetryAfter(%q) = %v %v, want %v %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

func TestMemoryFrontier(t *testing.T) {
	ctx := context.Background()
	f := NewMemoryFrontier()
	push := func(es ...Entry) int {
		n, err := f.Push(ctx, es)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := push(
		Entry{URL: "o1", Priority: PriorityOther, Depth: 1},
		Entry{URL: "e1", Priority: PriorityEntry, Depth: 2, Column: "规范性文件"},
		Entry{URL: "c1", Priority: PriorityColumn, Depth: 2},
		Entry{URL: "c0", Priority: PriorityColumn, Depth: 1},
		Entry{URL: "e2", Priority: PriorityEntry, Depth: 2},
		Entry{URL: "o1", Priority: PriorityOther, Depth: 1}, // duplicate
	); n != 5 {
		t.Fatalf("added %d, want 5", n)
	}
	// A waiting URL re-pushed: gains a column, and a better priority moves it up.
	push(Entry{URL: "e1", Priority: PriorityEntry, Depth: 3, Column: "政策解读"})
	push(Entry{URL: "o1", Priority: PriorityPortal, Depth: 1, Hint: facts.KindPortal})
	got, _ := f.Pop(ctx, 3)
	if urls := entryURLs(got); !slices.Equal(urls, []string{"o1", "c0", "c1"}) {
		t.Errorf("first pop %v", urls)
	}
	if got[0].Hint != facts.KindPortal {
		t.Errorf("improved entry keeps the new hint: %+v", got[0])
	}
	got, _ = f.Pop(ctx, 10)
	if urls := entryURLs(got); !slices.Equal(urls, []string{"e1", "e2"}) {
		t.Errorf("second pop %v", urls)
	}
	if !slices.Equal(got[0].Columns, []string{"规范性文件", "政策解读"}) || got[0].Depth != 2 {
		t.Errorf("merged entry %+v", got[0])
	}
	// Popped URLs are never queued again; MarkSeen shares the seen set.
	if n := push(Entry{URL: "c1"}); n != 0 {
		t.Error("a popped URL was queued again")
	}
	if first, _ := f.MarkSeen(ctx, "c1"); first {
		t.Error("MarkSeen of a popped URL reported new")
	}
	if first, _ := f.MarkSeen(ctx, "r1"); !first {
		t.Error("MarkSeen of a new URL reported seen")
	}
	if n := push(Entry{URL: "r1"}); n != 0 {
		t.Error("a URL marked seen was queued")
	}
	if n, _ := f.Len(ctx); n != 0 {
		t.Errorf("Len %d after popping everything", n)
	}
}

func entryURLs(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.URL)
	}
	return out
}

func TestPortalAndColumnLinkText(t *testing.T) {
	for _, s := range []string{"政府信息公开", "信息公开", "政务公开", "法定主动公开内容", "政府信息公开目录", "政务 公开"} {
		if !portalText.MatchString(facts.NormalizeLabel(s)) {
			t.Errorf("%q should name the portal", s)
		}
	}
	for _, s := range []string{"政府信息公开指南", "政府信息公开年报", "关于政府信息公开的通知", "公开"} {
		if portalText.MatchString(facts.NormalizeLabel(s)) {
			t.Errorf("%q should not name the portal", s)
		}
	}
}
