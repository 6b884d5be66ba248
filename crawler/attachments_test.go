package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/xuri/excelize/v2"
)

// fakeText is a stand-in for package attach that counts what it is asked to read.
type fakeText struct {
	mu    sync.Mutex
	calls map[string]int // by file name
}

func (f *fakeText) read(name, contentType string, body []byte) (string, string, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[name]++
	if strings.HasSuffix(name, ".xls") {
		return "", "xls", "legacy .xls: no text extracted"
	}
	return fmt.Sprintf("TEXT of %s (%d bytes, %s)", name, len(body), contentType), strings.TrimPrefix(name[strings.LastIndex(name, "."):], "."), ""
}

// callsFor is how many times a file whose name ends in suffix was read.
func (f *fakeText) callsFor(suffix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for name, c := range f.calls {
		if strings.HasSuffix(name, suffix) {
			n += c
		}
	}
	return n
}

func (f *fakeText) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

// attachmentSite: a 通知公告 column whose documents link files of every kind and fate.
type attachmentSite struct {
	*site
	mu      sync.Mutex
	gets    map[string]int // GET requests per RequestURI
	heads   map[string]int
	version int // bumped to change the documents' HTML (not their files)
}

const attLimit = 1000 // bytes: MaxAttachmentSize in these tests

func newAttachmentSite(t *testing.T) *attachmentSite {
	as := &attachmentSite{site: newSite(t), gets: map[string]int{}, heads: map[string]int{}}
	s := as.site
	s.html("/xxgk/", doc("政府信息公开", "通知公告|/xxgk/tzgg/"))
	s.html("/xxgk/tzgg/", doc("通知公告",
		"list:关于发放2023年耕地地力保护补贴的公示|t1.html",
		"list:关于补贴发放名册的补充说明|t2.html",
		"list:2023年政府信息公开工作年度报告|/xxgk/tzgg/2023nb.pdf"))
	docPage := func(title string, links ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			as.mu.Lock()
			v := as.version
			as.mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, doc(fmt.Sprintf("%s（v%d）", title, v), append([]string{"article"}, links...)...))
		}
	}
	s.handle("/xxgk/tzgg/t1.html", docPage("关于发放2023年耕地地力保护补贴的公示",
		"附件1：补贴发放名册.xlsx|roster.xlsx",
		"附件2：公示说明|P020230530412345678901.pdf",
		"附件3：旧名册.xls|old.xls",
		"附件4：全县汇总表.pdf|big.pdf",
		"附件5：明细.docx|chunked.docx",
		"附件6：已删除.doc|gone.doc",
		"附件7：内部.wps|secret.wps",
		"附件8：公示.et|/xxgk/tzgg/download.jsp?id=7&filename=gs.et",
		"现场照片|pics.zip"))
	s.handle("/xxgk/tzgg/t2.html", docPage("关于补贴发放名册的补充说明", "补贴发放名册|roster.xlsx"))

	file := func(ct string, body []byte, etag string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			as.count(r)
			if etag != "" {
				w.Header().Set("ETag", etag)
				if r.Header.Get("If-None-Match") == etag {
					w.WriteHeader(http.StatusNotModified)
					return
				}
			}
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	xlsxType := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	s.handle("/xxgk/tzgg/roster.xlsx", file(xlsxType, []byte("PK roster"), `"r1"`))
	s.handle("/xxgk/tzgg/P020230530412345678901.pdf", file("application/pdf", []byte("%PDF-1.4 notice"), "")) // no validators: hash
	s.handle("/xxgk/tzgg/old.xls", file("application/vnd.ms-excel", []byte("\xd0\xcf\x11\xe0 old"), ""))
	s.handle("/xxgk/tzgg/2023nb.pdf", file("application/pdf", []byte("%PDF-1.4 annual report"), `"nb"`))
	s.handle("/xxgk/tzgg/download.jsp", file("application/octet-stream", []byte("et sheet"), ""))
	s.handle("/xxgk/tzgg/big.pdf", func(w http.ResponseWriter, r *http.Request) {
		as.count(r)
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", "5000")
		w.Write(bytes.Repeat([]byte("x"), 5000))
	})
	s.handle("/xxgk/tzgg/chunked.docx", func(w http.ResponseWriter, r *http.Request) {
		as.count(r)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		for range 5 {
			w.Write(bytes.Repeat([]byte("y"), 1000))
			w.(http.Flusher).Flush() // no Content-Length: the size shows only while reading
		}
	})
	s.handle("/xxgk/tzgg/gone.doc", func(w http.ResponseWriter, r *http.Request) {
		as.count(r)
		http.NotFound(w, r)
	})
	s.handle("/xxgk/tzgg/secret.wps", func(w http.ResponseWriter, r *http.Request) {
		as.count(r)
		http.Error(w, "forbidden", http.StatusForbidden)
	})
	s.handle("/xxgk/tzgg/pics.zip", file("application/zip", []byte("PK zip"), ""))
	return as
}

func (as *attachmentSite) count(r *http.Request) {
	as.mu.Lock()
	defer as.mu.Unlock()
	if r.Method == http.MethodHead {
		as.heads[r.URL.RequestURI()]++
	} else {
		as.gets[r.URL.RequestURI()]++
	}
}

func (as *attachmentSite) get(uri string) int {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.gets[uri]
}

func attachmentOf(p *facts.Page, suffix string) *facts.Attachment {
	if p == nil {
		return nil
	}
	for i := range p.Attachments {
		if strings.HasSuffix(p.Attachments[i].URL, suffix) {
			return &p.Attachments[i]
		}
	}
	return nil
}

func TestAttachmentsReadWithTheirPage(t *testing.T) {
	as := newAttachmentSite(t)
	ft := &fakeText{}
	o := testOptions()
	o.Parallelism = 1 // t1 before t2: t1 owns the shared file
	o.MaxAttachmentSize = attLimit
	o.AttachmentText = ft.read
	o.RecheckDelay = 10 * time.Millisecond
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: as.URL + "/xxgk/"}, rec); err != nil {
		t.Fatal(err)
	}
	t1 := rec.page("/xxgk/tzgg/t1.html")
	if t1 == nil {
		t.Fatal("t1 not recorded")
	}
	type want struct {
		suffix, ext       string
		status            int
		text, unreadable  string // substrings
		size              int64
		check             string // "ok", "broken", "blocked", "" (none)
		gets              int
		uri               string
		extractorReadName string
	}
	wants := []want{
		{suffix: "roster.xlsx", ext: "xlsx", status: 200, text: "补贴发放名册.xlsx (9 bytes", size: 9, check: "ok", gets: 1, uri: "/xxgk/tzgg/roster.xlsx"},
		{suffix: "P020230530412345678901.pdf", ext: "pdf", status: 200, text: "TEXT of P020230530412345678901.pdf", size: 15, check: "ok", gets: 1, uri: "/xxgk/tzgg/P020230530412345678901.pdf"},
		{suffix: "old.xls", ext: "xls", status: 200, unreadable: "legacy .xls", size: 8, check: "ok", gets: 1, uri: "/xxgk/tzgg/old.xls"},
		{suffix: "big.pdf", ext: "pdf", status: 200, unreadable: "too large: 5000 bytes, over the 1000-byte attachment limit", size: 5000, check: "ok", gets: 1, uri: "/xxgk/tzgg/big.pdf"},
		{suffix: "chunked.docx", ext: "docx", status: 200, unreadable: "too large: more than the 1000-byte attachment limit", size: 1000, check: "ok", gets: 1, uri: "/xxgk/tzgg/chunked.docx"},
		{suffix: "gone.doc", ext: "doc", status: 404, unreadable: "HTTP 404", check: "broken", gets: 1, uri: "/xxgk/tzgg/gone.doc"},
		{suffix: "secret.wps", ext: "wps", status: 403, unreadable: "HTTP 403", check: "blocked", gets: 1, uri: "/xxgk/tzgg/secret.wps"},
		{suffix: "filename=gs.et", ext: "et", status: 200, text: "TEXT of 附件8：公示.et (8 bytes", size: 8, check: "ok", gets: 1, uri: "/xxgk/tzgg/download.jsp?id=7&filename=gs.et"},
	}
	for _, w := range wants {
		a := attachmentOf(t1, w.suffix)
		if a == nil {
			t.Errorf("%s: not among t1's attachments %+v", w.suffix, t1.Attachments)
			continue
		}
		if a.Ext != w.ext || a.Status != w.status || (w.size > 0 && a.Size != w.size) ||
			!strings.Contains(a.Text, w.text) || (w.text != "" && a.Unreadable != "") ||
			!strings.Contains(a.Unreadable, w.unreadable) || (w.unreadable != "" && a.Text != "") {
			t.Errorf("%s: %+v", w.suffix, *a)
		}
		if n := as.get(w.uri); n != w.gets {
			t.Errorf("%s fetched %d times, want %d", w.uri, n, w.gets)
		}
		c := rec.check(w.uri)
		switch {
		case w.check == "" && c != nil:
			t.Errorf("%s: unexpected link check %+v", w.uri, *c)
		case w.check != "" && c == nil:
			t.Errorf("%s: no link check", w.uri)
		case c != nil && (c.From != t1.URL || (w.check == "broken") != c.Broken || (w.check == "blocked") != c.Blocked || c.Status != w.status):
			t.Errorf("%s: link check %+v, want %s", w.uri, *c, w.check)
		}
	}
	if n := ft.callsFor("汇总表.pdf") + ft.callsFor("明细.docx"); n != 0 {
		t.Error("a file over the size limit was given to the extractor")
	}
	// The same file linked from a second page: fetched once, the text on the first page.
	t2 := rec.page("/xxgk/tzgg/t2.html")
	if a := attachmentOf(t2, "roster.xlsx"); a == nil || a.TextAt != t1.URL || a.Text != "" || a.Status != 200 || a.Size != 9 {
		t.Errorf("t2's roster.xlsx: %+v", a)
	}
	if n := ft.callsFor("名册.xlsx"); n != 1 {
		t.Errorf("roster.xlsx read %d times", n)
	}
	// A list entry that is a file: read with the list page.
	list := rec.page("/xxgk/tzgg/")
	if a := attachmentOf(list, "2023nb.pdf"); a == nil || !strings.Contains(a.Text, "TEXT of 2023nb.pdf") || a.Name != "2023年政府信息公开工作年度报告" {
		t.Errorf("list page's file entry: %+v", a)
	}
	// Files that are not read are checked: HEAD answers for the zip.
	if c := rec.check("/xxgk/tzgg/pics.zip"); c == nil || c.Broken || c.Status != 200 {
		t.Errorf("pics.zip check: %+v", c)
	}
	as.mu.Lock()
	zipGets, zipHeads := as.gets["/xxgk/tzgg/pics.zip"], as.heads["/xxgk/tzgg/pics.zip"]
	as.mu.Unlock()
	if zipHeads != 1 || zipGets != 0 {
		t.Errorf("pics.zip: %d HEAD %d GET, want one HEAD", zipHeads, zipGets)
	}
	// No file became a page.
	for _, p := range rec.pages {
		if isAttachmentURL(mustParse(t, p.URL)) || strings.Contains(p.URL, "download.jsp") {
			t.Errorf("file recorded as a page: %s", brief(p))
		}
	}
}

// TestAttachmentsIncremental: on the next run, a file that did not change (304 on its
// ETag, or the same bytes) is not read again, and its page keeps its text.
func TestAttachmentsIncremental(t *testing.T) {
	as := newAttachmentSite(t)
	ft := &fakeText{}
	o := testOptions()
	o.Parallelism = 1
	o.MaxAttachmentSize = attLimit
	o.AttachmentText = ft.read
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: as.URL + "/xxgk/"}, rec); err != nil {
		t.Fatal(err)
	}
	prev := map[string]*facts.Page{}
	for _, p := range rec.pages {
		prev[p.URL] = p
	}
	first := ft.total()
	as.mu.Lock()
	as.version++ // the documents change; their files do not
	as.gets = map[string]int{}
	as.mu.Unlock()

	o.Previous = func(_ context.Context, u string) (*facts.Page, bool) {
		p, ok := prev[u]
		return p, ok
	}
	ft2 := &fakeText{}
	o.AttachmentText = ft2.read
	rec2 := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: as.URL + "/xxgk/"}, rec2); err != nil {
		t.Fatal(err)
	}
	if first == 0 || ft2.total() != 0 {
		t.Errorf("files read: %d on the first run, %d on the second (want none: nothing changed) %v", first, ft2.total(), ft2.calls)
	}
	t1 := rec2.page("/xxgk/tzgg/t1.html")
	if t1 == nil || !strings.Contains(t1.Title, "v1") {
		t.Fatalf("t1 was not read again: %s", brief(t1))
	}
	for _, suffix := range []string{"roster.xlsx", "P020230530412345678901.pdf", "old.xls", "filename=gs.et"} {
		a, old := attachmentOf(t1, suffix), attachmentOf(prev[t1.URL], suffix)
		if a == nil || old == nil || a.Text != old.Text || a.Unreadable != old.Unreadable || a.Hash == "" || a.Status != 200 {
			t.Errorf("%s on the second run: %+v (first: %+v)", suffix, a, old)
		}
	}
	if h := as.headers["/xxgk/tzgg/roster.xlsx"]; h.Get("If-None-Match") != `"r1"` {
		t.Errorf("roster.xlsx: no conditional request (If-None-Match %q)", h.Get("If-None-Match"))
	}
	if n := as.get("/xxgk/tzgg/roster.xlsx"); n != 1 {
		t.Errorf("roster.xlsx asked %d times on the second run", n)
	}
}

// TestAttachmentRealExtractor: with package attach, the ID numbers of an xlsx 名册 end up
// in the page's facts, where the privacy rule reads them.
func TestAttachmentRealExtractor(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"序号", "姓名", "身份证号码", "村组", "补贴金额（元）"},
		{1, "张三", "110101199003077777", "一组", 1234.5},
		{2, "李四", "51072219850101123X", "二组", 987},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	s.html("/xxgk/gs/t1.html", doc("2023年耕地地力保护补贴发放名册公示", "article", "附件：补贴发放名册|mc.xlsx"))
	s.handle("/xxgk/gs/mc.xlsx", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream") // as many servers send it
		w.Write(buf.Bytes())
	})
	o := testOptions()
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/gs/t1.html"}, rec); err != nil {
		t.Fatal(err)
	}
	a := attachmentOf(rec.page("/xxgk/gs/t1.html"), "mc.xlsx")
	if a == nil || a.Ext != "xlsx" || a.Status != 200 || a.Unreadable != "" ||
		!strings.Contains(a.Text, "110101199003077777") || !strings.Contains(a.Text, "51072219850101123X") || !strings.Contains(a.Text, "张三") {
		t.Errorf("名册 attachment: %+v", a)
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
