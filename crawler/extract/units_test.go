package extract

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
)

func TestCanonicalLabel(t *testing.T) {
	for in, want := range map[string]string{
		"索 引 号：": LabelIndexNo, "索　引　号": LabelIndexNo, "信息索引号:": LabelIndexNo,
		"发文机关": LabelIssuer, "发布单位": LabelIssuer, "公开机构": LabelIssuer,
		"信息来源": LabelSource, "来　　源": LabelSource,
		"成文时间": LabelWritten, "发文日期": LabelWritten, "印发日期": LabelWritten, "生成日期": LabelWritten,
		"发布时间": LabelPublished, "公开日期": LabelPublished, "日期": LabelPublished,
		"发文字号": LabelDocNumber, "文　　号": LabelDocNumber, "文件编号": LabelDocNumber,
		"时效": LabelValidity, "时效性": LabelValidity, "有效期": LabelValidity, "效力状态": LabelValidity, "是否有效": LabelValidity,
		"主题": LabelTopic, "信息分类": LabelTopic, "标　　题": LabelTitle, "名称": LabelTitle, "题名": LabelTitle,
		"关键词": LabelKeywords, "相关解读": LabelInterpretation, "施行日期": LabelEffective, "失效日期": LabelAbolished,
		"【体裁分类】": LabelGenre, "组配分类": LabelCombined, "服务对象": LabelAudience,
	} {
		if got, ok := canonicalLabel(in); !ok || got != want {
			t.Errorf("canonicalLabel(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"字号", "效力级别", "主办单位", "网站标识码", "浏览次数", "索引号码xx"} {
		if got, ok := canonicalLabel(in); ok {
			t.Errorf("canonicalLabel(%q) = %q, want none", in, got)
		}
	}
}

func TestParseColonLine(t *testing.T) {
	cases := []struct {
		line string
		want []string // label=value
	}{
		{"索 引 号：000014349/2019-00007 主题分类：市场监管", []string{"索引号=000014349/2019-00007", "主题分类=市场监管"}},
		{"发布时间：2024-03-12 09:30 来源：某某县融媒体中心 浏览次数：128 【字号：大 中 小】", []string{"发布日期=2024-03-12 09:30", "来源=某某县融媒体中心"}},
		{"发布机构：某某局成 文 日 期：2019年1月1日", []string{"发布机构=某某局", "成文日期=2019年1月1日"}},
		{"标　　题：关于印发《办法》的通知", []string{"标题=关于印发《办法》的通知"}},
		{"有效性：", []string{"有效性="}},
		{"发布时间：2024-01-01 09:30:15 http://www.gov.cn/", []string{"发布日期=2024-01-01 09:30:15 http://www.gov.cn/"}},
		{"本机关的文号：无", nil}, // 文号 is short: it must stand apart from the text before
		{"网站标识码：1304000009 主办单位：某某市人民政府办公室", nil},
		{"ab:cd", nil},
	}
	for _, c := range cases {
		var got []string
		for _, p := range parseColonLine(c.line) {
			got = append(got, p.label+"="+p.value)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("parseColonLine(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}

func TestValidityInText(t *testing.T) {
	cases := []struct{ text, want string }{
		{"第一条……\n本规范性文件自2024年1月1日起施行，有效期至2028年12月31日。", "本规范性文件自2024年1月1日起施行，有效期至2028年12月31日"},
		{"……\n本办法自印发之日起施行，有效期5年。", "本办法自印发之日起施行，有效期5年"},
		{"关于印发…的通知\n（有效期：2023年6月1日至2028年5月31日）\n各单位：……", "（有效期：2023年6月1日至2028年5月31日）"},
		{"正文……\n现行有效", "现行有效"},
		{"【已废止】\n正文……", "【已废止】"},
		{"经清理，本文件已废止。", "经清理，本文件已废止"},
		{"本规定自2020年1月1日起施行，至2024年12月31日止。", "本规定自2020年1月1日起施行，至2024年12月31日止"},
		{"一\n二\n三\n四\n五\n六、有效期：5年", "六、有效期：5年"},
		{"本意见有效期为五年。", "本意见有效期为五年"},
		{"本细则有效期限为3年", "本细则有效期限为3年"},
		// Look-alikes: not the document's own validity.
		{"食品经营许可证有效期为5年。", ""},
		{"请携带身份证（有效期内）办理。身份证有效期至2030年的无需更换。", ""},
		{"营业执照有效期届满前30日申请延续。", ""},
		{"经批准的，有效期为原许可证剩余期限。", ""},
		{"本办法自2024年1月1日起施行，《某某市暂行办法》（某府发〔2019〕1号）同时废止。", ""},
		{"本办法自2024年1月1日起施行。", ""},
		{"信息内容 本年制发件数 本年废止件数 现行有效件数", ""},
		{"中期：项目有效期3年，从2023年起", ""},
	}
	for _, c := range cases {
		if got := validityInText(c.text); got != c.want {
			t.Errorf("validityInText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestTRSPages(t *testing.T) {
	base, _ := url.Parse("http://x.gov.cn/zfwj/list/index_2.html")
	got := TRSPages(base, 4, 2, "index", "html")
	want := []string{"http://x.gov.cn/zfwj/list/index.html", "http://x.gov.cn/zfwj/list/index_1.html", "http://x.gov.cn/zfwj/list/index_3.html"}
	if !slices.Equal(got, want) {
		t.Errorf("TRSPages = %q, want %q", got, want)
	}
	if got := TRSPages(base, 1, 0, "index", "html"); got != nil {
		t.Errorf("one page: %q", got)
	}
	if got := TRSPages(base, 1<<30, 0, "index", "html"); len(got) != maxPages-1 {
		t.Errorf("huge count not capped: %d", len(got))
	}
}

func TestParseCreatePage(t *testing.T) {
	vars := map[string]int{"countPage": 9, "currentPage": 1}
	cases := []struct {
		args string
		want trsCall
		ok   bool
	}{
		{`56, 0, "index", "html"`, trsCall{56, 0, "index", "html"}, true},
		{`'page_div',56,1,'index','shtml',1120`, trsCall{56, 1, "index", "shtml"}, true},
		{`countPage, currentPage, "list", ".htm"`, trsCall{9, 1, "list", "htm"}, true},
		{`12, 3`, trsCall{12, 3, "", ""}, true},
		{`_nPageCount, _nCurrIndex, _sPageName, _sPageExt`, trsCall{}, false}, // the definition
		{`0, 0, "index", "html"`, trsCall{}, false},
	}
	for _, c := range cases {
		got, ok := parseCreatePage(c.args, vars)
		if ok != c.ok || got != c.want {
			t.Errorf("parseCreatePage(%s) = %+v, %v; want %+v, %v", c.args, got, ok, c.want, c.ok)
		}
	}
}

func TestPaginationScripts(t *testing.T) {
	u := "http://x.gov.cn/xxgk/tzgg/"
	cases := []struct{ name, body, want0, wantLast string }{
		{"createPageHTML", `<script>createPageHTML(3, 0, "index", "html");</script>`, u + "index_1.html", u + "index_2.html"},
		{"TRS vars", `<script>var _nPageCount = 3; var _nCurrIndex = 1; var _sPageName = "list"; var _sPageExt = "shtml";</script>`, u + "list.shtml", u + "list_2.shtml"},
		{"comment only", `<!--<script>createPageHTML(3, 0, "index", "html");</script>-->`, "", ""},
		{"JS comments", "<script>// createPageHTML(9, 0, \"index\", \"html\");\n/* createPageHTML(8, 0, \"a\", \"html\"); */\n<!--\ncreatePageHTML(2, 1, \"index\", \"html\");\n//--></script>", u + "index.html", u + "index.html"},
		{"slider count", `<script>var pageCount = 10; var currentPage = 0; $('.slide').cycle();</script>`, "", ""},
		{"next is javascript", `<a href="javascript:gotoPage(2)">下一页</a>`, "", ""},
		{"next is #", `<a href="#">下一页</a>`, "", ""},
		{"next by title", `<a href="?page=2" title="下一页"><img src="n.png"></a>`, u + "?page=2", u + "?page=2"},
		{"下页", `<a href="list_2.htm">下页</a>`, u + "list_2.htm", u + "list_2.htm"},
	}
	for _, c := range cases {
		r, err := HTML(mustURL(t, u), []byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		var first, last string
		if n := len(r.Pagination); n > 0 {
			first, last = r.Pagination[0], r.Pagination[n-1]
		}
		if first != c.want0 || last != c.wantLast {
			t.Errorf("%s: Pagination = %q", c.name, r.Pagination)
		}
	}
}

// TestInfoShapes covers the info-box shapes one by one, with the chrome and form
// look-alikes that must not count.
func TestInfoShapes(t *testing.T) {
	u := "http://x.gov.cn/a/t20240101_1.html"
	body := `<p>各单位：现将有关事项通知如下，请认真贯彻落实，确保各项工作取得实效。</p>`
	cases := []struct {
		name, html string
		want       map[string]string // nil: no info box
	}{
		{"p strong", `<div><p><strong>索引号</strong>：1</p><p><strong>文号</strong>：某发〔2024〕1号</p></div>`,
			map[string]string{"索引号": "1", "文号": "某发〔2024〕1号"}},
		{"li span", `<ul><li><span>发布机构：</span>某局</li><li><span>成文日期：</span>2024年1月2日</li></ul>`,
			map[string]string{"发布机构": "某局", "成文日期": "2024年1月2日"}},
		{"li b no colon", `<ul><li><b>发布机构</b>某局</li><li><b>时效性</b>现行有效</li></ul>`,
			map[string]string{"发布机构": "某局", "有效性": "现行有效"}},
		{"dl", `<dl><dt>索 引 号</dt><dd>1</dd><dt>主　　题</dt><dd>教育</dd></dl>`,
			map[string]string{"索引号": "1", "主题分类": "教育"}},
		{"br lines", `<div class="info">索引号：1<br>发文单位：某局<br>发布日期：2024-01-03</div>`,
			map[string]string{"索引号": "1", "发布机构": "某局", "发布日期": "2024-01-03"}},
		{"label then block value", `<div class="info"><div class="row"><label>索引号：</label><div class="v">1</div></div><div class="row"><label>发布机构：</label><div class="v">某局</div></div></div>`,
			map[string]string{"索引号": "1", "发布机构": "某局"}},
		{"span pairs", `<div><div class="r"><span class="l">索引号</span><span class="v">1</span></div><div class="r"><span class="l">有效性</span><span class="v">有效</span></div></div>`,
			map[string]string{"索引号": "1", "有效性": "有效"}},
		{"mixed content", `<div class="info">索引号：1 发布机构：某局<div class="clear"></div></div>`,
			map[string]string{"索引号": "1", "发布机构": "某局"}},
		{"at the top of the body", `<div class="TRS_Editor"><table><tr><td>索引号</td><td>1</td><td>发布机构</td><td>某局</td></tr></table>` + body + `</div>`,
			map[string]string{"索引号": "1", "发布机构": "某局"}},
		{"search form", `<form action="/search"><table><tr><td>索引号：</td><td><input name="a"></td><td>发布机构：</td><td><input name="b"></td></tr></table></form>`, nil},
		{"menu", `<ul class="menu"><li>索引号</li><li>发布机构</li></ul><div class="foot">主办单位：某局 网站标识码：123 分类：政务</div>`, nil},
		{"menu links", `<ul><li><a href="/a">政策解读</a></li><li><a href="/b">发布机构</a></li></ul>`, nil},
		{"byline only", `<div>发布时间：2024-01-05 来源：某局</div>`, map[string]string{"发布日期": "2024-01-05", "来源": "某局"}},
		{"one label", `<p>文号：某发〔2024〕1号</p>`, nil},
	}
	for _, c := range cases {
		r, err := HTML(mustURL(t, u), []byte(`<html><body>`+c.html+body+`</body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		got := r.Page.Fields
		delete(got, LabelSignature)
		if len(got) == 0 {
			got = nil
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: Fields = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	for in, want := range map[string]string{
		"关于印发《某某办法》的通知_某某县人民政府":           "关于印发《某某办法》的通知",
		"邯郸市人民政府-政府信息公开指南":                "政府信息公开指南",
		"某某市人民政府门户网站 - 关于2021-2025年规划的通知": "关于2021-2025年规划的通知",
		"关于COVID-19防控的通知|某某市卫生健康委员会网站":    "关于COVID-19防控的通知",
		"某某县人民政府": "某某县人民政府",
	} {
		if got := cleanTitle(in, ""); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPickTitle(t *testing.T) {
	a := func(title string) *html.Node {
		return &html.Node{Type: html.ElementNode, Data: "a", Attr: []html.Attribute{{Key: "title", Val: title}}}
	}
	cases := []struct{ attr, text, want string }{
		{"关于印发某某办法的通知", "关于印发…", "关于印发某某办法的通知"},
		{"关于印发某某办法的通知", "关于印发某某办...", "关于印发某某办法的通知"},
		{"点击查看", "关于印发某某办法的通知", "关于印发某某办法的通知"},
		{"", "关于印发某某办法的通知", "关于印发某某办法的通知"},
		{"关于印发某某办法的通知", "", "关于印发某某办法的通知"},
	}
	for _, c := range cases {
		if got := pickTitle(a(c.attr), c.text); got != c.want {
			t.Errorf("pickTitle(%q, %q) = %q", c.attr, c.text, got)
		}
	}
}

func TestStripXMLComments(t *testing.T) {
	in := `<a><!-- <record>x</record> --><record><![CDATA[<li>1 <!-- kept for the HTML parser --></li>]]></record><!-- unterminated`
	want := `<a><record><li>1 <!-- kept for the HTML parser --></li></record>`
	if got := stripXMLComments(in); got != want {
		t.Errorf("stripXMLComments = %q, want %q", got, want)
	}
}

func TestSignatureDate(t *testing.T) {
	for text, want := range map[string]string{
		"正文\n某某局\n2023年12月29日":                       "2023年12月29日",
		"正文\n某某局\n二〇二三年十二月二十九日\n（此件公开发布）":            "二〇二三年十二月二十九日",
		"2023年12月29日\n" + strings.Repeat("正文\n", 10): "",
		"正文\n于2023年12月29日召开会议":                       "",
	} {
		if got := signatureDate(text); got != want {
			t.Errorf("signatureDate(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestGridHostile(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<table>
<tr><td rowspan="0">a</td><td colspan="-3">b</td><td colspan="999999">c</td></tr>
<tr><td rowspan="50">d</td></tr>
<tr><td>e</td><td colspan="x">f</td></tr></table>`))
	if err != nil {
		t.Fatal(err)
	}
	var tbl *html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "table" {
			tbl = n
		}
		return tbl == nil
	})
	g := Grid(tbl)
	if len(g.Rows) != 3 {
		t.Fatalf("rows = %d", len(g.Rows))
	}
	for _, r := range g.Rows {
		if len(r) != 2+maxSpan {
			t.Fatalf("row width %d, want %d", len(r), 2+maxSpan)
		}
	}
	wantEq(t, "rowspan 50 clipped to the table", g.Rows[2][0], facts.Cell{Text: "d", Copy: true})
	wantEq(t, "e after the spanning d", g.Rows[2][1], facts.Cell{Text: "e"})
}

// TestHostile: malformed, deep and huge pages end quickly, without panic, with the
// text capped.
func TestHostile(t *testing.T) {
	u := mustURL(t, "http://x.gov.cn/a/index.html")
	cases := map[string]string{
		"unclosed":       `<html><body><div class="TRS_Editor"><p>索引号：1<table><tr><td colspan=3>x<p><b><i>有效期`,
		"deep divs":      strings.Repeat("<div>", 100000) + "<p>本办法自2024年1月1日起施行，有效期5年，由某某局负责解释。</p>",
		"deep spans":     strings.Repeat("<span><font>", 30000) + "文本",
		"nested tables":  strings.Repeat("<table><tr><td>", 5000),
		"many anchors":   strings.Repeat(`<a href="/x">`, 50000),
		"huge text":      `<div class="TRS_Editor"><p>` + strings.Repeat("测试文本，", 500000) + "</p></div>",
		"huge spans":     "<table>" + strings.Repeat(`<tr><td rowspan=100000 colspan=100000>x</td></tr>`, 1000) + "</table>",
		"invalid utf8":   "<p>\xff\xfe索引号：\xc3</p><title>\xe4\xb8</title>",
		"script only":    "<script>createPageHTML(999999999999999999999, 0, 'index', 'html')</script>",
		"datastore junk": "<datastore><record><![CDATA[<a href=javascript:x>",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			r, err := HTML(u, []byte(body))
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if len(r.Page.Text) > MaxText {
				t.Errorf("Text is %d bytes, cap %d", len(r.Page.Text), MaxText)
			}
		})
	}
	r, _ := HTML(u, []byte(cases["deep divs"]))
	if r.Page.Validity == "" {
		t.Error("text past the parser's depth limit was lost")
	}
	r, _ = HTML(u, []byte(cases["huge text"]))
	if !utf8.ValidString(r.Page.Text) || len(r.Page.Text) < MaxText-4 {
		t.Errorf("huge text cut badly: %d bytes, valid %v", len(r.Page.Text), utf8.ValidString(r.Page.Text))
	}
}

// corpus is every fixture and sample, for the fuzzer's seeds and the benchmark.
func corpus(tb testing.TB) map[string][]byte {
	out := map[string][]byte{}
	add := func(glob string) {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				out[filepath.Base(f)] = b
			}
		}
	}
	add(filepath.Join("testdata", "*.html"))
	if s := os.Getenv("GONGKAI_SHARED"); s != "" {
		add(filepath.Join(s, "samples", "*"))
	} else if wd, err := os.Getwd(); err == nil {
		for dir := wd; filepath.Dir(dir) != dir; dir = filepath.Dir(dir) {
			if s := filepath.Join(dir, "shared", "samples"); isDir(s) {
				add(filepath.Join(s, "*.html"))
				add(filepath.Join(s, "*.xml"))
				break
			}
		}
	}
	return out
}

func FuzzHTML(f *testing.F) {
	for _, b := range corpus(f) {
		f.Add(b)
	}
	f.Add([]byte(`<table><tr><td rowspan=3 colspan=2>x<td>索 引 号：<td>1</table><!--`))
	f.Add([]byte(`<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?columnid=1">]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/2023/1/1/art_1_1.html">t</a><b>2023-01-01</b></li>]]></record></recordset></datastore></script>`))
	u, _ := url.Parse("http://www.example.gov.cn/xxgk/gfxwj/index.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := HTML(u, body)
		if err != nil {
			return
		}
		p := r.Page
		if len(p.Text) > MaxText {
			t.Fatalf("Text %d bytes", len(p.Text))
		}
		for _, tb := range p.Tables {
			for _, row := range tb.Rows {
				if len(row) != len(tb.Rows[0]) {
					t.Fatal("ragged table")
				}
			}
		}
		for _, l := range p.Links {
			if l.URL == "" || strings.HasPrefix(strings.ToLower(l.URL), "javascript:") {
				t.Fatalf("bad link %q", l.URL)
			}
		}
		if len(r.Pagination) > maxPages {
			t.Fatalf("%d pages", len(r.Pagination))
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	u, _ := url.Parse("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html")
	c := corpus(b)
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range c {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		body := c[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := HTML(u, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Example of the exported pagination helper.
func ExampleTRSPages() {
	base, _ := url.Parse("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html")
	pages := TRSPages(base, 56, 0, "index", "html")
	fmt.Println(len(pages), pages[0], pages[len(pages)-1])
	// Output: 55 http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html
}

// TestTableCaption: a table is named by its <caption>, else by the short line just before
// it (through wrappers, past a "单位：件" note), never by the previous table or by prose.
func TestTableCaption(t *testing.T) {
	u := mustURL(t, "http://x.gov.cn/xxgk/ndbg/202401/t20240126_1.html")
	const tbl = `<table border="1"><tr><td>自然人</td><td>总计</td></tr><tr><td>1</td><td>1</td></tr></table>`
	prose := strings.Repeat("本年度，我县认真贯彻落实政府信息公开条例，持续深化政务公开工作。", 4)
	for _, tc := range []struct{ name, body, want string }{
		{"caption element", `<p>三、收到和处理政府信息公开申请情况</p><table border="1"><caption>表3 申请情况</caption><tr><td>自然人</td><td>总计</td></tr><tr><td>1</td><td>1</td></tr></table>`, "表3 申请情况"},
		{"strong paragraph", `<p><strong>三、收到和处理政府信息公开申请情况</strong></p>` + tbl, "三、收到和处理政府信息公开申请情况"},
		{"text and br", `<div>三、收到和处理政府信息公开申请情况<br><br>` + tbl + `</div>`, "三、收到和处理政府信息公开申请情况"},
		{"wrapper div, empty p, unit note", `<p>三、收到和处理政府信息公开申请情况</p><p>&nbsp;</p><p>单位：件</p><div class="tbl">` + tbl + `</div>`, "三、收到和处理政府信息公开申请情况"},
		{"last paragraph of a long wrapper", `<div class="part"><p>` + strings.Repeat(prose, 50) + `</p><p><span>三、收到和处理</span><span>政府信息公开申请情况</span></p></div>` + tbl, "三、收到和处理政府信息公开申请情况"},
		{"previous table", `<p>二、主动公开政府信息情况</p>` + tbl + tbl, ""},
		{"prose before", `<p>` + prose + `</p>` + tbl, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><meta charset="utf-8"><title>某县2023年政府信息公开工作年度报告</title></head><body>` +
				`<div class="TRS_Editor"><p>本报告根据《中华人民共和国政府信息公开条例》要求编制。</p>` + tc.body + `</div></body></html>`
			r, err := HTML(u, []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Page.Tables) == 0 {
				t.Fatal("no table")
			}
			last := r.Page.Tables[len(r.Page.Tables)-1]
			wantEq(t, "Caption", last.Caption, tc.want)
		})
	}
}
