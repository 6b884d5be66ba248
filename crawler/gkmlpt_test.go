package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// A gkmlpt site (Guangdong's 政府信息公开目录管理平台) as the platform serves it: the
// catalogue in window._CONFIG on /gkmlpt/index, JSON listings at
// /gkmlpt/api/all/{id}?page=N&sid=SID (1-based pages, `total`, `classify.post_count`),
// and detail pages whose body and header are rendered by script from _CONFIG.DETAIL.

const gkSID = "755123"

type gkCategory struct {
	id       int
	name     string
	posts    int // articles filed directly here
	children []gkCategory
	jump     string
}

var gkTree = []gkCategory{
	{id: 1, name: "法定主动公开内容", posts: 5, children: []gkCategory{
		{id: 11, name: "规范性文件", posts: 43},
		{id: 12, name: "政策解读", children: []gkCategory{
			{id: 121, name: "文字解读", posts: 4},
			{id: 122, name: "图片解读", posts: 3},
		}},
	}},
	{id: 2, name: "通知公告", posts: 21},
	{id: 3, name: "机构职能", posts: 0}, // an empty column: its listing is still read
	{id: 4, name: "政府网站年度报表", jump: "/xxgk/ndbb/"},
}

// gkPageSize is what the fixture's API returns per page (the real platform: 100 on some
// sites, 10 or 20 on others); small so categories span several pages.
const gkPageSize = 10

func (c gkCategory) postCount() int {
	n := c.posts
	for _, k := range c.children {
		n += k.postCount()
	}
	return n
}

func gkNodes(cs []gkCategory) []map[string]any {
	out := []map[string]any{}
	for _, c := range cs {
		m := map[string]any{"id": c.id, "name": c.name, "post_count": c.postCount(), "children": gkNodes(c.children), "parent": 0}
		if c.jump != "" {
			m["jump_url"] = c.jump
		}
		out = append(out, m)
	}
	return out
}

func gkNodesJS(cs []gkCategory) string {
	var b strings.Builder
	b.WriteString("[")
	for _, c := range cs {
		fmt.Fprintf(&b, "{id: %d, name: '%s', post_count: %d, children: %s, ", c.id, c.name, c.postCount(), gkNodesJS(c.children))
		if c.jump != "" {
			fmt.Fprintf(&b, "jump_url: '%s', ", c.jump)
		}
		b.WriteString("},\n")
	}
	b.WriteString("]")
	return b.String()
}

// gkArticle is article k of category c, in the platform's JSON shape. Dates vary as on
// real sites: epoch seconds on most, strings on some.
func gkArticle(c gkCategory, k int) map[string]any {
	id := c.id*1000 + k
	written := time.Date(2023, 5, 1+k%28, 0, 0, 0, 0, facts.Shanghai)
	pub := written.AddDate(0, 0, 3).Add(9*time.Hour + 30*time.Minute)
	a := map[string]any{
		"id":                   id,
		"title":                fmt.Sprintf("%s第%d号文件", c.name, k),
		"document_number":      fmt.Sprintf("粤测府〔2023〕%d号", id),
		"identifier":           fmt.Sprintf("007542011/2023-%05d", id),
		"publisher":            "测试市人民政府办公室",
		"keywords":             "",
		"date":                 written.Unix(),
		"created_at":           pub.Format("2006-01-02 15:04:05"),
		"display_publish_time": pub.Unix(),
		"is_expired":           0,
		"is_abolished":         0,
		"classify_main_name":   c.name,
		"classify_genre_name":  "通知",
		"classify_theme_name":  "综合政务",
		"url":                  fmt.Sprintf("http://www.gktest.gov.cn/gkmlpt/content/%d/%d/post_%d.html", id/1000, id, id),
		"post_url":             fmt.Sprintf("http://www.gktest.gov.cn/gkmlpt/content/%d/%d/post_%d.html", id/1000, id, id),
		"attachment":           []any{},
		"relation":             "",
	}
	switch {
	case c.id == 11 && k == 1:
		a["is_expired"] = 1
	case c.id == 11 && k == 2:
		a["is_abolished"] = true
	case c.id == 11 && k == 3:
		a["date"] = "2023-04-30" // string dates
		a["display_publish_time"] = "2023-05-08 10:00:00"
	case c.id == 11 && k == 4:
		a["document_number"] = "无"
	case c.id == 2 && k == 1:
		a["attachment"] = []map[string]any{{"name": "补贴发放名册.xlsx", "url": "/attachment/0/512/512345/roster.xlsx", "size": 10240}}
	case c.id == 121 && k == 1:
		a["relation"] = []map[string]any{{"title": "规范性文件第5号文件", "url": "http://www.gktest.gov.cn/gkmlpt/content/11/11005/post_11005.html"}}
	}
	return a
}

type gkmlptSite struct {
	*site
	mu       sync.Mutex
	apiCalls map[string]int
	articles map[string]map[string]any // detail path → article
	cats     map[int]gkCategory
}

func newGkmlptSite(t *testing.T, jsLiteral bool) *gkmlptSite {
	gs := &gkmlptSite{site: newSite(t), apiCalls: map[string]int{}, articles: map[string]map[string]any{}, cats: map[int]gkCategory{}}
	var walk func([]gkCategory)
	walk = func(cs []gkCategory) {
		for _, c := range cs {
			gs.cats[c.id] = c
			for k := 1; k <= c.posts; k++ {
				a := gkArticle(c, k)
				u, _ := url.Parse(a["url"].(string))
				gs.articles[u.Path] = a
			}
			walk(c.children)
		}
	}
	walk(gkTree)

	tree, _ := json.Marshal(gkNodes(gkTree))
	treeJS := string(tree)
	if jsLiteral {
		// Some sites write _CONFIG as a JavaScript literal: bare keys, single quotes,
		// trailing commas.
		treeJS = gkNodesJS(gkTree)
	}
	gs.html("/", doc("测试市人民政府", "nav:政府信息公开|/gkmlpt/index"))
	gs.html("/gkmlpt/index", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试市人民政府信息公开目录</title>
<script>window._CONFIG = {SID: '`+gkSID+`', SITE_NAME: '测试市人民政府', TREE: `+treeJS+`, SERVICE_AREA_ID: 1, WEBSITE: 'http://www.gktest.gov.cn'};</script>
<script src="/gkmlpt/static/js/app.js"></script></head><body><div id="app"></div></body></html>`)
	gs.html("/xxgk/ndbb/", doc("政府网站年度报表", "list:2023年度政府网站年度报表|/xxgk/ndbb/t1.html"))
	gs.html("/xxgk/ndbb/t1.html", doc("2023年度政府网站年度报表", "article"))

	gs.handlePrefix("/gkmlpt/api/all/", func(w http.ResponseWriter, r *http.Request) {
		gs.mu.Lock()
		gs.apiCalls[r.URL.RequestURI()]++
		gs.mu.Unlock()
		id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/gkmlpt/api/all/"))
		c, ok := gs.cats[id]
		if err != nil || !ok || r.URL.Query().Get("sid") != gkSID {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"total":0,"articles":[]}`)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page < 1 {
			page = 1
		}
		arts := []map[string]any{}
		for k := (page-1)*gkPageSize + 1; k <= min(page*gkPageSize, c.posts); k++ {
			arts = append(arts, gkArticle(c, k))
		}
		b, _ := json.Marshal(map[string]any{
			"total": c.posts, "articles": arts,
			"classify": map[string]any{"id": c.id, "name": c.name, "post_count": c.posts},
		})
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(b)
	})
	gs.handlePrefix("/gkmlpt/content/", func(w http.ResponseWriter, r *http.Request) {
		a, ok := gs.articles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		id := int(toInt(a["id"]))
		detail := ""
		if id%2 == 0 {
			// Half the pages carry _CONFIG.DETAIL (the body as HTML), as the real ones do;
			// the others rely on the listing's facts alone.
			d := map[string]any{}
			for k, v := range a {
				d[k] = v
			}
			d["content"] = fmt.Sprintf(`<p>各区人民政府，市政府各部门：</p><p>现将《%s》印发给你们，请认真贯彻执行。</p>`, a["title"])
			b, _ := json.Marshal(d)
			detail = ", DETAIL: " + string(b)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>
<script>window._CONFIG = {SID: '%s'%s};</script><script src="/gkmlpt/static/js/app.js"></script></head>
<body><div id="app"></div></body></html>`, a["title"], gkSID, detail)
	})
	gs.handle("/attachment/0/512/512345/roster.xlsx", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Write([]byte("PK fake xlsx"))
	})
	return gs
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

func TestGkmlptCatalogueListingsAndJSONFacts(t *testing.T) {
	for _, lit := range []bool{false, true} {
		t.Run(fmt.Sprintf("jsLiteral=%v", lit), func(t *testing.T) {
			requireExtractor(t)
			gs := newGkmlptSite(t, lit)
			o := testOptions()
			o.Extract = nil
			o.Parallelism = 4
			var read sync.Map
			o.AttachmentText = func(name, ct string, body []byte) (string, string, string) {
				read.Store(name, true)
				return "姓名 身份证号 张三 110101199003077777", "xlsx", ""
			}
			hn := newHostNet(t, map[string]*site{"www.gktest.gov.cn": gs.site})
			hn.options(&o)
			rec := &recorder{}
			st, err := New(o).Crawl(context.Background(), facts.Site{URL: "http://www.gktest.gov.cn/"}, rec)
			if err != nil {
				t.Fatal(err)
			}

			// Every article of every category is reached, each page fetched once.
			var want []string
			for p := range gs.articles {
				want = append(want, "http://www.gktest.gov.cn"+p)
			}
			got, missing := reach(rec, want)
			t.Logf("gkmlpt site: %d of %d articles reached (%.1f%%); %d pages, %d requests",
				got, len(want), 100*float64(got)/float64(len(want)), st.Pages, st.Requests)
			if len(missing) > 0 {
				t.Errorf("%d articles not reached, e.g. %v", len(missing), missing[:min(5, len(missing))])
			}
			for p := range gs.articles {
				if n := gs.count(p); n != 1 {
					t.Errorf("%s requested %d times", p, n)
				}
			}
			// Every listing page, once; none beyond `total`.
			for id, c := range gs.cats {
				if c.jump != "" {
					continue
				}
				last := max(1, (c.posts+gkPageSize-1)/gkPageSize)
				if c.posts == 0 && len(c.children) > 0 {
					last = 0 // a parent with nothing of its own: its children are read
				}
				for n := 1; n <= last+1; n++ {
					uri := fmt.Sprintf("/gkmlpt/api/all/%d?page=%d&sid=%s", id, n, gkSID)
					want := 1
					if n > last {
						want = 0
					}
					gs.mu.Lock()
					got := gs.apiCalls[uri]
					gs.mu.Unlock()
					if got != want {
						t.Errorf("%s requested %d times, want %d", uri, got, want)
					}
				}
			}
			if gs.count("/xxgk/ndbb/t1.html") != 1 {
				t.Error("a category's jump_url was not followed")
			}

			// The catalogue page is the portal; listings are list pages with the JSON facts.
			if p := rec.page("/gkmlpt/index"); p == nil || p.Kind != facts.KindPortal || p.Platform != "gkmlpt" {
				t.Errorf("catalogue page: %s", brief(p))
			}
			list := rec.page(fmt.Sprintf("/gkmlpt/api/all/11?page=1&sid=%s", gkSID))
			if list == nil || list.Kind != facts.KindList || list.Column != "规范性文件" || len(list.Items) != gkPageSize {
				t.Fatalf("规范性文件 listing: %s", brief(list))
			}
			it := list.Items[0]
			if it.Fields["文号"] != "粤测府〔2023〕11001号" || it.Fields["有效性"] != "已失效" || it.Fields["成文日期"] != "2023-05-02" ||
				it.Fields["发布日期"] != "2023-05-05" || it.DateText != "2023-05-05" || it.Fields["索引号"] != "007542011/2023-11001" {
				t.Errorf("listing item facts: %+v", it)
			}

			// Detail pages: the JSON facts where the HTML lacks them, source "json".
			detail := func(id int) *facts.Page {
				return rec.page(fmt.Sprintf("/gkmlpt/content/%d/%d/post_%d.html", id/1000, id, id))
			}
			cases := []struct {
				id                        int
				column, doc, validity     string
				written, published        string
				hasText                   bool
				pubSource, validitySource string
			}{
				{11001, "规范性文件", "粤测府〔2023〕11001号", "已失效", "2023-05-02", "2023-05-05", false, "json", "json"},
				{11002, "规范性文件", "粤测府〔2023〕11002号", "已废止", "2023-05-03", "2023-05-06", true, "json", "json"},
				{11003, "规范性文件", "粤测府〔2023〕11003号", "", "2023-04-30", "2023-05-08", false, "json", ""},
				{11004, "规范性文件", "", "", "2023-05-05", "2023-05-08", true, "json", ""},
				{121002, "政策解读", "粤测府〔2023〕121002号", "", "2023-05-03", "2023-05-06", true, "json", ""},
				{2010, "通知公告", "粤测府〔2023〕2010号", "", "2023-05-11", "2023-05-14", true, "json", ""},
			}
			for _, c := range cases {
				p := detail(c.id)
				if p == nil {
					t.Errorf("post_%d not recorded", c.id)
					continue
				}
				if p.Kind != facts.KindDetail || p.Column != c.column || p.DocNumber != c.doc || p.Validity != c.validity ||
					p.Written.String() != c.written || p.Published.String() != c.published || p.Issuer != "测试市人民政府办公室" ||
					p.IndexNo == "" || p.PublishedSource != c.pubSource || p.WrittenSource != "json" || p.ValiditySource != c.validitySource {
					t.Errorf("post_%d: kind %s column %q 文号 %q 有效性 %q (%s) 成文 %s (%s) 发布 %s (%s) 发布机构 %q 索引号 %q",
						c.id, p.Kind, p.Column, p.DocNumber, p.Validity, p.ValiditySource, p.Written, p.WrittenSource,
						p.Published, p.PublishedSource, p.Issuer, p.IndexNo)
				}
				if c.hasText != strings.Contains(p.Text, "请认真贯彻执行") {
					t.Errorf("post_%d: text %q (the body is in _CONFIG.DETAIL on even ids)", c.id, p.Text)
				}
			}
			// Attachments listed in the JSON are read with their page; relations are links.
			p := detail(2001)
			if p == nil || len(p.Attachments) != 1 || !strings.Contains(p.Attachments[0].Text, "110101199003077777") || p.Attachments[0].Status != 200 {
				t.Errorf("post_2001 attachments: %+v", p)
			}
			if p := detail(121001); p == nil || !hasLink(p, "http://www.gktest.gov.cn/gkmlpt/content/11/11005/post_11005.html") {
				t.Errorf("post_121001: the relation is not a link of the page")
			}
			if p := rec.page(fmt.Sprintf("/gkmlpt/api/all/3?page=1&sid=%s", gkSID)); p == nil || p.Kind != facts.KindList || len(p.Items) != 0 || p.ColumnName != "机构职能" {
				t.Errorf("the empty category's listing: %s", brief(p))
			}
			for _, e := range rec.errs {
				t.Errorf("crawl error %+v", e)
			}
		})
	}
}

func hasLink(p *facts.Page, u string) bool {
	for _, l := range p.Links {
		if l.URL == u {
			return true
		}
	}
	return false
}

func TestGkmlptDates(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{`1685412000`, "2023-05-30"},    // epoch seconds (10:00 +08:00 on 30 May 2023)
		{`"1685412000"`, "2023-05-30"},  // as a string
		{`1685412000000`, "2023-05-30"}, // milliseconds
		{`1685462400`, "2023-05-31"},    // 00:00 +08:00: Beijing's date, not UTC's
		{`"2023-05-30"`, "2023-05-30"},
		{`"2023-05-30 09:30:00"`, "2023-05-30"},
		{`"2023年5月30日"`, "2023-05-30"},
		{`0`, ""}, {`""`, ""}, {`null`, ""}, {`"未知"`, ""},
	} {
		var f flexTime
		if err := json.Unmarshal([]byte(tc.in), &f); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		got := ""
		if !f.d.IsZero() {
			got = f.d.String()
		}
		if got != tc.want {
			t.Errorf("%s → %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJSLiteralToJSON(t *testing.T) {
	in := `{SID: '755031', TREE: [{id: 1, name: '规范性文件', children: [], jump_url: 'http://x/a?b=\'c\''},], ok: true, n: null}`
	out := jsValue([]byte(in))
	var v struct {
		SID  string
		TREE []gkmlptNode
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s → %s: %v", in, out, err)
	}
	if v.SID != "755031" || len(v.TREE) != 1 || v.TREE[0].Name != "规范性文件" || v.TREE[0].JumpURL != "http://x/a?b='c'" || v.TREE[0].ID != "1" {
		t.Errorf("%+v", v)
	}
}
