package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// A Hanweb JCMS site in GBK, modelled on ../shared/samples/hanweb_jpage_datastore_dingxi_excerpt.xml:
// column pages hold 45 records inside <script type="text/xml"><datastore>; the rest come
// only from POSTs to /module/web/jpage/dataproxy.jsp with the column's form.

const (
	hwMain    = "www.hwtest.gov.cn"
	hwSibling = "zwgk.hwtest.gov.cn" // same government, another host
	hwOther   = "www.other.gov.cn"   // another government
)

type hwColumn struct {
	id, unit int
	name     string
	total    int
	// totalOnPage: the jpage script says totalRecord (else only the replies do).
	totalOnPage bool
	// replyType is the Content-Type of the dataproxy replies (GBK bodies either way).
	replyType string
	// detailType is the Content-Type of the column's documents.
	detailType string
}

var hwColumns = []hwColumn{
	{id: 1234, unit: 4401, name: "规范性文件", total: 160, totalOnPage: true, replyType: "text/xml", detailType: "text/html;charset=GBK"},
	{id: 1235, unit: 4402, name: "通知公告", total: 100, totalOnPage: false, replyType: "text/xml;charset=UTF-8", detailType: "text/html"},
}

// hwRecordURL is record n (1-based) of column c: a few point to other hosts.
func hwRecordURL(c hwColumn, n int) string {
	switch {
	case c.id == 1234 && n == 7:
		return "http://" + hwSibling + "/art/2023/4/1/art_1234_77777.html"
	case c.id == 1234 && n == 8:
		return "http://" + hwOther + "/art/2023/4/1/art_1_1.html"
	case c.id == 1235 && n == 50:
		return hwRecordURL(hwColumns[0], 3) // also listed in 规范性文件
	}
	return fmt.Sprintf("http://%s/art/2023/5/%d/art_%d_%d.html", hwMain, n%28+1, c.id, c.id*1000+n)
}

func hwTitle(c hwColumn, n int) string {
	return fmt.Sprintf("关于印发%s管理办法（第%d号）的通知", c.name, n)
}

// hwRecord is a <record> as Hanweb writes it: an <li> in CDATA, the title cut in the
// text and whole in @title. Relative hrefs for the main host, as on real sites.
func hwRecord(c hwColumn, n int) string {
	href := strings.TrimPrefix(hwRecordURL(c, n), "http://"+hwMain)
	t := hwTitle(c, n)
	short := []rune(t)
	if len(short) > 12 {
		short = append(short[:12], []rune("...")...)
	}
	return fmt.Sprintf(`        <record><![CDATA[
        <li class="clearfix">    <a target="_blank" href="%s" title="%s">%s</a>    <b>2023-05-%02d</b></li>]]></record>
`, href, t, string(short), n%28+1)
}

func hwColumnPage(c hwColumn) string {
	var recs strings.Builder
	for n := 1; n <= min(45, c.total); n++ {
		recs.WriteString(hwRecord(c, n))
	}
	total := ""
	if c.totalOnPage {
		total = fmt.Sprintf("totalRecord:%d,", c.total)
	}
	return fmt.Sprintf(`<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>%[1]s_测试市人民政府</title><meta name="ColumnName" content="%[1]s"></head>
<body><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col100/index.html">政务公开</a> &gt; <a href="/col/col%[2]d/index.html">%[1]s</a></div>
<div class="lm_list"><div id="%[3]d"><script type="text/xml"><datastore>
        <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&appid=1&webid=110&path=/&columnid=%[2]d&unitid=%[3]d&webname=%%25E6%%25B5%%258B%%25E8%%25AF%%2595&permissiontype=0"></a>]]></nextgroup>
        <recordset>
%[4]s        </recordset>
        </datastore></script></div></div>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>$(document).ready(function(){ $('#%[3]d').jpage({ dataStore: dataStore, %[5]s perPage:15, groupSize:3, barPosition:'bottom', proxyUrl:'/module/web/jpage/dataproxy.jsp' }); });</script>
<div class="footer">版权所有：测试市人民政府</div></body></html>`, c.name, c.id, c.unit, recs.String(), total)
}

func hwDetailPage(title string, n int, more string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>%[1]s</title><meta name="ArticleTitle" content="%[1]s"><meta name="PubDate" content="2023-05-%02[2]d 09:30">
<meta name="ContentSource" content="测试市人民政府办公室"></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>11620000/2023-%05[2]d</td><td>发布机构：</td><td>测试市人民政府办公室</td></tr>
<tr><td>成文日期：</td><td>2023-05-%02[2]d</td><td>发布日期：</td><td>2023-05-%02[2]d</td></tr></table>
<div id="zoom"><p>各县区人民政府，市政府各部门：现将《%[1]s》印发给你们，请认真贯彻执行。</p></div>
%[3]s</body></html>`, title, n%28+1, more)
}

// hwPost is one dataproxy request the site received.
type hwPost struct {
	method, query string
	form          url.Values
}

type hanwebSite struct {
	main, sibling, other *site
	mu                   sync.Mutex
	posts                []hwPost
	records              []string // every record URL of every column, deduplicated
}

func newHanwebSite(t *testing.T) *hanwebSite {
	hs := &hanwebSite{main: newSite(t), sibling: newSite(t), other: newSite(t)}
	m := hs.main
	gbkPage := func(ct, body string) http.HandlerFunc {
		b := gbk(t, body)
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(b)
		}
	}
	m.handle("/", gbkPage("text/html", `<html><head><meta charset="gbk"><title>测试市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/col/col100/index.html">政务公开</a></div></body></html>`))
	var cols strings.Builder
	for _, c := range hwColumns {
		fmt.Fprintf(&cols, `<li><a href="/col/col%d/index.html">%s</a></li>`, c.id, c.name)
	}
	m.handle("/col/col100/index.html", gbkPage("text/html", `<html><head><meta charset="gbk"><title>政务公开</title></head><body><ul class="zwgk">`+cols.String()+`</ul></body></html>`))
	seen := map[string]bool{}
	detail := map[string]string{} // path → title, main host
	sibling := map[string]string{}
	for _, c := range hwColumns {
		m.handle(fmt.Sprintf("/col/col%d/index.html", c.id), gbkPage("text/html", hwColumnPage(c)))
		for n := 1; n <= c.total; n++ {
			u := hwRecordURL(c, n)
			if !seen[u] {
				seen[u] = true
				hs.records = append(hs.records, u)
			}
			pu, _ := url.Parse(u)
			switch pu.Host {
			case hwMain:
				if _, ok := detail[pu.Path]; !ok {
					detail[pu.Path] = hwTitle(c, n)
				}
			case hwSibling:
				sibling[pu.Path] = hwTitle(c, n)
			}
		}
	}
	colType := map[int]string{}
	for _, c := range hwColumns {
		colType[c.id] = c.detailType
	}
	m.handlePrefix("/art/", func(w http.ResponseWriter, r *http.Request) {
		title, ok := detail[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		var col, n int
		fmt.Sscanf(r.URL.Path[strings.LastIndex(r.URL.Path, "/art_")+5:], "%d_%d", &col, &n)
		w.Header().Set("Content-Type", colType[col])
		w.Write(gbk(t, hwDetailPage(title, n, "")))
	})
	m.handle("/module/web/jpage/dataproxy.jsp", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		hs.mu.Lock()
		hs.posts = append(hs.posts, hwPost{method: r.Method, query: r.URL.RawQuery, form: r.PostForm})
		hs.mu.Unlock()
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		start, _ := strconv.Atoi(q.Get("startrecord"))
		end, _ := strconv.Atoi(q.Get("endrecord"))
		var c *hwColumn
		for i := range hwColumns {
			if r.PostForm.Get("columnid") == strconv.Itoa(hwColumns[i].id) && r.PostForm.Get("unitid") == strconv.Itoa(hwColumns[i].unit) {
				c = &hwColumns[i]
			}
		}
		if c == nil || start < 1 || end < start {
			// A real dataproxy answers an unknown column with an empty datastore.
			w.Header().Set("Content-Type", "text/xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="GBK"?><datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>`)
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<datastore>\n<totalrecord>%d</totalrecord>\n<recordset>\n", c.total)
		for n := start; n <= min(end, c.total); n++ {
			b.WriteString(hwRecord(*c, n))
		}
		b.WriteString("</recordset>\n</datastore>")
		w.Header().Set("Content-Type", c.replyType)
		w.Write(gbk(t, b.String()))
	})
	hs.sibling.handlePrefix("/art/", func(w http.ResponseWriter, r *http.Request) {
		title, ok := sibling[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(gbk(t, hwDetailPage(title, 1, `<div class="related"><a href="/col/col9/index.html">更多</a></div>`)))
	})
	hs.sibling.html("/col/col9/index.html", doc("不应抓取"))
	hs.other.handlePrefix("/", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "must not be asked", http.StatusTeapot) })
	return hs
}

func (hs *hanwebSite) crawl(t *testing.T, o Options) (*recorder, Stats) {
	t.Helper()
	hn := newHostNet(t, map[string]*site{hwMain: hs.main, hwSibling: hs.sibling, hwOther: hs.other})
	hn.options(&o)
	rec := &recorder{}
	st, err := New(o).Crawl(context.Background(), facts.Site{URL: "http://" + hwMain + "/"}, rec)
	if err != nil {
		t.Fatal(err)
	}
	return rec, st
}

func TestHanwebGBKListsThroughDataproxyPOSTs(t *testing.T) {
	requireExtractor(t)
	hs := newHanwebSite(t)
	o := testOptions()
	o.Extract = nil // the real extractor reads the datastores
	rec, st := hs.crawl(t, o)

	// Every record of every column is reached, the sibling-host one included; the
	// record on another government's host is not.
	var want []string
	for _, u := range hs.records {
		if !strings.Contains(u, hwOther) {
			want = append(want, u)
		}
	}
	got, missing := reach(rec, want)
	t.Logf("Hanweb GBK site: %d of %d record pages reached (%.1f%%); %d pages, %d requests",
		got, len(want), 100*float64(got)/float64(len(want)), st.Pages, st.Requests)
	if len(missing) > 0 {
		t.Errorf("%d record pages not reached, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
	if n := hs.other.total.Load(); n != 0 {
		t.Errorf("%d requests to %s, another government's host", n, hwOther)
	}
	if n := hs.sibling.count("/col/col9/index.html"); n != 0 {
		t.Error("a link on the sibling-host record was followed: the sibling host is not in scope")
	}

	// The dataproxy POSTs: the groups after the embedded records, with the column's form.
	hs.mu.Lock()
	posts := slices.Clone(hs.posts)
	hs.mu.Unlock()
	type group struct {
		col        string
		start, end string
	}
	var groups []group
	for _, p := range posts {
		if p.method != http.MethodPost {
			t.Errorf("dataproxy asked with %s %s", p.method, p.query)
			continue
		}
		q, _ := url.ParseQuery(p.query)
		if q.Get("perpage") != "15" {
			t.Errorf("perpage %q in %s, want 15 (jpage perPage)", q.Get("perpage"), p.query)
		}
		for k, v := range map[string]string{"col": "1", "appid": "1", "webid": "110", "path": "/", "permissiontype": "0", "webname": "%E6%B5%8B%E8%AF%95"} {
			if got := p.form.Get(k); got != v {
				t.Errorf("POST %s: form %s = %q, want %q", p.query, k, got, v)
			}
		}
		if p.form.Get("page") != "" {
			t.Errorf("POST %s: the nextgroup's page parameter is not a form field", p.query)
		}
		groups = append(groups, group{p.form.Get("columnid"), q.Get("startrecord"), q.Get("endrecord")})
	}
	slices.SortFunc(groups, func(a, b group) int {
		if c := strings.Compare(a.col, b.col); c != 0 {
			return c
		}
		x, _ := strconv.Atoi(a.start)
		y, _ := strconv.Atoi(b.start)
		return x - y
	})
	wantGroups := []group{
		{"1234", "46", "90"}, {"1234", "91", "135"}, {"1234", "136", "160"}, // totalRecord:160 on the page
		{"1235", "46", "90"}, {"1235", "91", "100"}, // total only in the first reply
	}
	if !slices.Equal(groups, wantGroups) {
		t.Errorf("dataproxy groups\n got %v\nwant %v", groups, wantGroups)
	}

	// The replies are pages of their column's list, recorded under the POST key.
	var replies int
	for _, p := range rec.pages {
		if !strings.Contains(p.URL, "dataproxy.jsp") {
			continue
		}
		replies++
		if !strings.Contains(p.URL, "#post:") || p.Kind != facts.KindList || p.Platform != "hanweb" || len(p.Items) == 0 {
			t.Errorf("reply page %s: kind %s platform %s items %d", p.URL, p.Kind, p.Platform, len(p.Items))
		}
		if p.Column == "" || !strings.HasSuffix(p.ColumnURL, "/index.html") || p.Charset != "gb18030" {
			t.Errorf("reply page %s: column %q url %q charset %q", p.URL, p.Column, p.ColumnURL, p.Charset)
		}
		for _, it := range p.Items {
			if strings.HasSuffix(it.Title, "...") || !strings.HasPrefix(it.Title, "关于印发") || it.Date.IsZero() {
				t.Errorf("reply item %+v: want the whole GBK title from @title and a date", it)
				break
			}
		}
	}
	if replies != len(wantGroups) {
		t.Errorf("%d reply pages recorded, want %d", replies, len(wantGroups))
	}

	// Documents: decoded from GBK (header, or <meta> only), in their column.
	for _, c := range hwColumns {
		u := hwRecordURL(c, 60)
		pu, _ := url.Parse(u)
		p := rec.page(pu.Path)
		if p == nil {
			t.Errorf("%s not recorded", u)
			continue
		}
		if p.Title != hwTitle(c, 60) || p.Column != c.name || p.Charset != "gb18030" || p.Kind != facts.KindDetail {
			t.Errorf("%s: %s", u, brief(p))
		}
	}
	if p := rec.page("/art/2023/4/1/art_1234_77777.html"); p == nil || p.Column != "规范性文件" {
		t.Errorf("sibling-host record: %s", brief(p))
	}
	// A record listed by two columns is fetched once. (Whether it carries both kinds
	// depends on whether the second listing came before its fetch: the frontier merges
	// Columns only while an entry waits.)
	su, _ := url.Parse(hwRecordURL(hwColumns[0], 3))
	if shared := rec.page(su.Path); shared == nil || hs.main.count(su.Path) != 1 || !slices.Contains(shared.Columns, "规范性文件") {
		t.Errorf("a record listed in two columns: fetched %d times, %s", hs.main.count(su.Path), brief(shared))
	}
	for _, e := range rec.errs {
		if e.Stage != "trap" {
			t.Errorf("crawl error %+v", e)
		}
	}
}

// TestHanwebReplyKeysDifferByForm: two columns post to the same dataproxy URL; the form
// keeps them apart in the frontier and in the recorded page URLs.
func TestHanwebReplyKeysDifferByForm(t *testing.T) {
	a := Entry{URL: "http://x.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15", Method: "POST", Form: hanwebForm(map[string]string{"columnid": "1", "col": "1"})}
	b := a
	b.Form = hanwebForm(map[string]string{"columnid": "2", "col": "1"})
	if a.Key() == b.Key() || a.Key() == a.URL {
		t.Fatalf("keys %q and %q", a.Key(), b.Key())
	}
	if u, err := url.Parse(a.Key()); err != nil || u.Fragment == "" || strings.Contains(u.String(), "#") && u.Query().Get("startrecord") != "46" {
		t.Errorf("key %q does not parse back to the request URL", a.Key())
	}
	if got := hanwebForm(map[string]string{"webname": "测试", "unitid": "9", "col": "1", "zz": "z", "appid": "1"}); got != "col=1&appid=1&unitid=9&webname=%E6%B5%8B%E8%AF%95&zz=z" {
		t.Errorf("form %q: jpage's field order, then the rest by name", got)
	}
	f := NewMemoryFrontier()
	n, _ := f.Push(context.Background(), []Entry{a, b, a})
	if n != 2 {
		t.Errorf("frontier took %d of two POSTs to one URL with different forms, want 2", n)
	}
}

// TestHanwebRealSample: the real datastore of 定西市政府信息公开平台 (a 3-page group of
// 45 records, 35 of them omitted in the excerpt) embedded in a column page as Hanweb
// does, with jpage saying 120 records: the crawler posts the sample's own form for the
// rest and reaches the records it lists.
func TestHanwebRealSample(t *testing.T) {
	requireExtractor(t)
	ds := sample(t, "hanweb_jpage_datastore_dingxi_excerpt.xml")
	if i := strings.Index(string(ds), "<datastore>"); i > 0 {
		ds = ds[i:] // the sample's provenance comment
	}
	s := newSite(t)
	s.html("/col/col12377/index.html", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<div id="38486"><script type="text/xml">`+string(ds)+`</script></div>
<script>$('#38486').jpage({dataStore: dataStore, perPage: 15, groupSize: 3, totalRecord: 120, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script>
</body></html>`)
	var mu sync.Mutex
	var forms []url.Values
	s.handle("/module/web/jpage/dataproxy.jsp", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		forms = append(forms, r.PostForm)
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>120</totalrecord><recordset>`+
			`<record><![CDATA[<li><a href="/art/2021/9/1/art_12377_1440000.html" title="补充记录">补充记录</a><b>2021-09-01</b></li>]]></record>`+
			`</recordset></datastore>`)
	})
	s.handlePrefix("/art/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, doc("文件", "article"))
	})
	o := testOptions()
	o.Extract = nil
	o.LookupIP, o.Dial = asHost(s, "zwgk.dingxi.gov.cn")
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: "http://zwgk.dingxi.gov.cn/col/col12377/index.html"}, rec); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/art/2022/1/20/art_12377_1486865.html", "/art/2021/9/30/art_12377_1452512.html", "/art/2021/9/1/art_12377_1440000.html"} {
		if s.count(p) != 1 {
			t.Errorf("%s requested %d times", p, s.count(p))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	// The excerpt embeds 10 records (the original 45): records 11–55, 56–100, 101–120.
	if len(forms) != 3 {
		t.Fatalf("%d dataproxy POSTs, want 3", len(forms))
	}
	for k, v := range map[string]string{"col": "1", "appid": "1", "webid": "110", "path": "/", "columnid": "12377", "unitid": "38486", "permissiontype": "0"} {
		if forms[0].Get(k) != v {
			t.Errorf("form %s = %q, want %q (from the sample's <nextgroup>)", k, forms[0].Get(k), v)
		}
	}
}
