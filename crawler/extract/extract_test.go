package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sharedSamples finds ../shared/samples (the real pages, which are not copied into the
// repository): $GONGKAI_SHARED/samples, else a shared/samples directory found walking
// up from the package directory.
func sharedSamples(t testing.TB) string {
	t.Helper()
	if s := os.Getenv("GONGKAI_SHARED"); s != "" {
		if dir := filepath.Join(s, "samples"); isDir(dir) {
			return dir
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("no working directory")
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if s := filepath.Join(dir, "shared", "samples"); isDir(s) {
			return s
		}
		if filepath.Dir(dir) == dir {
			t.Skip("shared/samples not found (set GONGKAI_SHARED)")
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func extractFile(t testing.TB, path, pageURL string) *Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := HTML(mustURL(t, pageURL), b)
	if err != nil {
		t.Fatalf("HTML(%s): %v", path, err)
	}
	return r
}

// checkGolden compares the whole Result with testdata/golden/name.json; -update
// rewrites it. The explicit checks of each case say what matters; the golden file
// catches everything else that changes.
func checkGolden(t *testing.T, name string, r *Result) {
	t.Helper()
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("result differs from %s (go test -update rewrites it after review):\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}

// --- assertion helpers ------------------------------------------------------------

func wantField(t *testing.T, p *facts.Page, label, want string) {
	t.Helper()
	got, ok := p.Fields[label]
	if !ok {
		t.Errorf("Fields[%q] absent, want %q (fields: %v)", label, want, p.Fields)
	} else if got != want {
		t.Errorf("Fields[%q] = %q, want %q", label, got, want)
	}
}

func noField(t *testing.T, p *facts.Page, label string) {
	t.Helper()
	if v, ok := p.Fields[label]; ok {
		t.Errorf("Fields[%q] = %q, want absent", label, v)
	}
}

func wantDate(t *testing.T, what string, got facts.Date, gotSrc, want, wantSrc string) {
	t.Helper()
	if got.String() != want || gotSrc != wantSrc {
		t.Errorf("%s = %q (%s), want %q (%s)", what, got, gotSrc, want, wantSrc)
	}
}

func wantEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func hasItem(p *facts.Page, u string) *facts.ListItem {
	for i := range p.Items {
		if p.Items[i].URL == u {
			return &p.Items[i]
		}
	}
	return nil
}

func linkTo(p *facts.Page, u string) *facts.Link {
	for i := range p.Links {
		if p.Links[i].URL == u {
			return &p.Links[i]
		}
	}
	return nil
}

// --- real pages ---------------------------------------------------------------------

func TestSamples(t *testing.T) {
	dir := sharedSamples(t)
	cases := []struct {
		file, url string
		check     func(t *testing.T, r *Result)
	}{{
		file: "handan_trs_detail_t20200802_1352104.html",
		url:  "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantDate(t, "Published", p.Published, p.PublishedSource, "2020-08-02", "info")
			wantDate(t, "Written", p.Written, p.WrittenSource, "", "") // commented out
			noField(t, p, LabelWritten)
			noField(t, p, LabelValidity) // <!--<p><strong>有效期</strong>：</p>-->
			noField(t, p, "有效期")
			noField(t, p, LabelKeywords) // 主题词 commented out too
			wantEq(t, "Validity", p.Validity, "")
			wantField(t, p, LabelDocNumber, "无")
			wantEq(t, "DocNumber", p.DocNumber, "")
			wantEq(t, "Issuer", p.Issuer, "邯郸市教育局")
			wantEq(t, "IndexNo", p.IndexNo, "000014348/2020-35147")
			wantField(t, p, LabelTopic, "教育")
			wantEq(t, "Meta PubDate", p.Meta["PubDate"], "2020年08月02日")
			wantEq(t, "Meta SiteIDCode", p.Meta["SiteIDCode"], "1304000009")
			wantEq(t, "Title", p.Title, "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知")
			wantEq(t, "Platform", p.Platform, PlatformTRS)
			wantEq(t, "Detail", r.Detail, true)
			wantEq(t, "List", r.List, false)
			for k := range p.Fields { // the footer's 网站标识码 / 主办单位 are chrome
				if strings.Contains(k, "主办") || strings.Contains(k, "标识码") {
					t.Errorf("chrome field %q in Fields", k)
				}
			}
		},
	}, {
		file: "handan_trs_list_jinqixxgk.html",
		url:  "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html",
		check: func(t *testing.T, r *Result) {
			wantEq(t, "len(Pagination)", len(r.Pagination), 55)
			if len(r.Pagination) > 0 {
				wantEq(t, "Pagination[0]", r.Pagination[0], "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html")
				wantEq(t, "last page", r.Pagination[len(r.Pagination)-1], "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html")
			}
			p := r.Page
			it := hasItem(p, "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html")
			if it == nil {
				t.Fatalf("list item missing; items: %+v", p.Items)
			}
			wantEq(t, "item date", it.Date.String(), "2020-08-05")
			wantEq(t, "item 索引号", it.Fields[LabelIndexNo], "000014348/2020-35428")
			wantEq(t, "item 发布机构", it.Fields[LabelIssuer], "邯郸市教育局")
			wantEq(t, "item title", it.Title, "邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知")
			wantEq(t, "List", r.List, true)
			wantEq(t, "Detail", r.Detail, false)
			if !slices.Equal(r.Breadcrumb, []string{"首页", "政府文件", "近期信息公开"}) {
				t.Errorf("Breadcrumb = %q", r.Breadcrumb)
			}
			if len(p.Fields) > 0 { // the column header 名称|索引号|发布机构|发布日期 is no info box
				t.Errorf("Fields = %v, want none", p.Fields)
			}
		},
	}, {
		file: "govcn_policy_detail_infotable_2019.html",
		url:  "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantDate(t, "Written", p.Written, p.WrittenSource, "2019-01-27", "info")
			wantDate(t, "Published", p.Published, p.PublishedSource, "2019-02-15", "info")
			wantEq(t, "DocNumber", p.DocNumber, "国发〔2019〕5号")
			wantEq(t, "Issuer", p.Issuer, "国务院")
			wantEq(t, "IndexNo", p.IndexNo, "000014349/2019-00007")
			wantField(t, p, LabelTitle, "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见")
			wantField(t, p, LabelKeywords, "") // shown, empty
			wantField(t, p, LabelSignature, "2019年1月27日")
			wantEq(t, "Title", p.Title, "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见")
			if !strings.HasPrefix(p.Text, "国务院关于在市场监管领域全面推行") || !strings.HasSuffix(p.Text, "（此件公开发布）") {
				t.Errorf("Text = %.80q … %.40q", p.Text, p.Text[max(0, len(p.Text)-60):])
			}
			if strings.Contains(p.Text, "索引号") || strings.Contains(p.Text, "扫一扫") {
				t.Error("Text holds the info table or page chrome")
			}
			wantEq(t, "Validity", p.Validity, "")
			wantEq(t, "Detail", r.Detail, true)
			if len(p.Tables) != 0 { // layout and info tables only
				t.Errorf("Tables = %d, want 0", len(p.Tables))
			}
		},
	}, {
		file: "handan_trs_xxgk_index.html",
		url:  "http://hdzfxxgk.hd.gov.cn/",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			if it := hasItem(p, "http://hdzfxxgk.hd.gov.cn/gszbm/auto23692/202007/t20200731_1351817.html"); it == nil || it.Date.String() != "2020-07-29" {
				t.Errorf("portal list item: %+v", it)
			}
			if len(p.Fields) > 0 {
				t.Errorf("Fields = %v, want none", p.Fields)
			}
		},
	}, {
		file: "handan_trs_gkzn_column_tree.html",
		url:  "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "Title", p.Title, "政府信息公开指南")
			if linkTo(p, "http://hdzfxxgk.hd.gov.cn/fdgknr/") == nil {
				t.Error("column tree link 法定主动公开内容 missing")
			}
			// "<!--<li>…<!--<li>…tjsj…</li>-->": comments do not nest, the first "-->"
			// ends the comment, the links after it are live until the next comment.
			for _, gone := range []string{"http://tj.hd.gov.cn/html/tjsj/", "http://smw.hd.gov.cn/fzjd/web/index"} {
				if linkTo(p, gone) != nil {
					t.Errorf("link %s from a comment", gone)
				}
			}
			if linkTo(p, "http://czt.hebei.gov.cn/root17/?from=singlemessage") == nil {
				t.Error("live link after a nested comment opener missing")
			}
		},
	}}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".html"), func(t *testing.T) {
			r := extractFile(t, filepath.Join(dir, c.file), c.url)
			c.check(t, r)
			checkGolden(t, "sample_"+strings.TrimSuffix(c.file, filepath.Ext(c.file)), r)
		})
	}
}

// hanwebPage wraps the datastore excerpt as it sits on a real column page.
func hanwebPage(t testing.TB) []byte {
	t.Helper()
	x, err := os.ReadFile(filepath.Join(sharedSamples(t), "hanweb_jpage_datastore_dingxi_excerpt.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`<html><head><title>通知公告_定西市政府信息公开平台</title></head><body>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col12377/index.html">通知公告</a></div>
<div id="38486"><script type="text/xml">` + string(x) + `</script></div>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>$(document).ready(function(){ $('#38486').jpage({ dataStore: dataStore, totalRecord: 330, perPage: 15, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp' }); });</script>
</body></html>`)
}

func TestHanwebSample(t *testing.T) {
	body := hanwebPage(t)
	r, err := HTML(mustURL(t, "http://zwgk.dingxi.gov.cn/col/col12377/index.html"), body)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Page
	wantEq(t, "Platform", p.Platform, PlatformHanweb)
	wantEq(t, "List", r.List, true)
	wantEq(t, "items", len(p.Items), 10)
	for _, it := range p.Items {
		if !strings.HasPrefix(it.URL, "http://zwgk.dingxi.gov.cn/art/") || it.Date.IsZero() || it.Title == "" {
			t.Errorf("item %+v", it)
		}
		if strings.Contains(it.URL, "art_12480_1461862") {
			t.Errorf("item from an XML comment: %+v", it)
		}
		if l := linkTo(p, it.URL); l == nil || l.Area != "content" {
			t.Errorf("record link %s missing from Links or not content: %+v", it.URL, l)
		}
	}
	// The link text is cut short ("…整改完成情..."); the title attribute is whole.
	it := hasItem(p, "http://zwgk.dingxi.gov.cn/art/2022/1/19/art_12377_1486583.html")
	if it == nil || it.Title != "定西市工信局关于对省级第二轮环保督察反馈第四项第十三项问题整改完成情况的公示" {
		t.Errorf("truncated title not replaced: %+v", it)
	}
	h := r.Hanweb
	if h == nil {
		t.Fatal("Hanweb = nil")
	}
	wantEq(t, "Records", h.Records, 10)
	wantEq(t, "Proxy", h.Proxy, "http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp")
	wantEq(t, "columnid", h.Params["columnid"], "12377")
	wantEq(t, "unitid", h.Params["unitid"], "38486")
	wantEq(t, "webid", h.Params["webid"], "110")
	wantEq(t, "TotalRecord", h.TotalRecord, 330)
	wantEq(t, "PerPage", h.PerPage, 15)
	urls := h.ProxyURLs()
	if len(urls) != 8 || urls[0] != "http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=55&perpage=15" ||
		urls[7] != "http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=326&endrecord=330&perpage=15" {
		t.Errorf("ProxyURLs = %q", urls)
	}
	if !slices.Equal(r.Breadcrumb, []string{"首页", "通知公告"}) {
		t.Errorf("Breadcrumb = %q", r.Breadcrumb)
	}
	checkGolden(t, "sample_hanweb_in_page", r)

	// The proxy's own reply is the bare XML.
	x, _ := os.ReadFile(filepath.Join(sharedSamples(t), "hanweb_jpage_datastore_dingxi_excerpt.xml"))
	rx, err := HTML(mustURL(t, "http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"), x)
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "bare XML items", len(rx.Page.Items), 10)
	wantEq(t, "bare XML List", rx.List, true)
}

// --- fixtures in the styles of real CMSs ------------------------------------------

func TestFixtures(t *testing.T) {
	cases := []struct {
		file, url string
		check     func(t *testing.T, r *Result)
	}{{
		// TRS detail: info table with label-only cells padded with U+3000 and spaces,
		// 有效性 and 有效期 rows, a content table, a TRS P0… attachment, a download.jsp one.
		file: "trs_detail_regdoc.html",
		url:  "http://www.xx.gov.cn/xxgk/gfxwj/202401/t20240105_123456.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "IndexNo", p.IndexNo, "11510703MB1234567X/2024-00012")
			wantEq(t, "Issuer", p.Issuer, "某某县人民政府办公室") // 发文机关
			wantEq(t, "DocNumber", p.DocNumber, "某府办规〔2023〕8号")
			wantDate(t, "Written", p.Written, p.WrittenSource, "2023-12-29", "info")
			wantDate(t, "Published", p.Published, p.PublishedSource, "2024-01-05", "info")
			wantEq(t, "Validity", p.Validity+"/"+p.ValiditySource, "有效/info")
			wantField(t, p, "有效期", "2024年1月5日至2029年1月4日")
			wantField(t, p, LabelTitle, "某某县人民政府办公室关于印发《某某县农村集体资产管理办法》的通知")
			wantEq(t, "Meta SiteName (lower-case name attr)", p.Meta["SiteName"], "某某县人民政府")
			if !slices.Equal(r.Breadcrumb, []string{"首页", "政府信息公开", "规范性文件"}) {
				t.Errorf("Breadcrumb = %q", r.Breadcrumb)
			}
			if len(p.Tables) != 1 {
				t.Fatalf("Tables = %d, want 1 (the info table is not content)", len(p.Tables))
			}
			tb := p.Tables[0]
			wantEq(t, "grid", len(tb.Rows)*10+len(tb.Rows[0]), 44)
			wantEq(t, "rowspan copy", tb.Rows[1][0], facts.Cell{Text: "乡镇", Header: true, Copy: true})
			wantEq(t, "colspan copy", tb.Rows[0][2], facts.Cell{Text: "资产（万元）", Header: true, Copy: true})
			wantEq(t, "zero", tb.Rows[2][2], facts.Cell{Text: "0"})
			wantEq(t, "blank", tb.Rows[3][1], facts.Cell{Text: ""})
			if len(p.Attachments) != 2 {
				t.Fatalf("Attachments = %+v", p.Attachments)
			}
			wantEq(t, "TRS attachment", p.Attachments[0], facts.Attachment{URL: "http://www.xx.gov.cn/xxgk/gfxwj/202401/P020240105312345678901.pdf", Name: "1.某某县农村集体资产清查表", Ext: "pdf"})
			wantEq(t, "download attachment ext", p.Attachments[1].Ext, "docx")
			for _, l := range p.Links {
				if strings.HasPrefix(l.URL, "javascript") || strings.HasPrefix(l.URL, "mailto") || strings.Contains(l.URL, "#") {
					t.Errorf("link %q kept", l.URL)
				}
			}
			if l := linkTo(p, "http://www.xx.gov.cn/xxgk/zcjd/"); l == nil || l.Area != "nav" {
				t.Errorf("menu link: %+v", l)
			}
			noField(t, p, LabelInterpretation) // the menu item 政策解读 is not a label
			if strings.Contains(p.Text, "2099") {
				t.Error("text from a comment inside <style>")
			}
		},
	}, {
		// Hand-made page: the 有效性 row and a validity sentence are commented out; a
		// conditional comment and a script string hold 有效期 too. None of it exists.
		file: "plain_commented_validity.html",
		url:  "http://www.xxz.gov.cn/zwgk/tzgg/88.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			noField(t, p, LabelValidity)
			wantEq(t, "Validity", p.Validity, "")
			wantEq(t, "IndexNo", p.IndexNo, "MB1C12345/2024-0003")
			wantEq(t, "DocNumber", p.DocNumber, "某镇发〔2024〕3号") // 文　　号 with U+3000
			wantDate(t, "Written", p.Written, p.WrittenSource, "2024-02-20", "info")
			wantDate(t, "Published", p.Published, p.PublishedSource, "2024-02-26", "info")
			if strings.Contains(p.Text, "有效期") {
				t.Errorf("Text holds commented-out text: %q", p.Text)
			}
			wantEq(t, "Title", p.Title, "关于做好2024年春季森林防火工作的通知")
		},
	}, {
		// A document about licences: 有效期 of licences, ID cards, certificates is not
		// the document's validity.
		file: "licence_lookalike.html",
		url:  "http://www.xxs.gov.cn/zwgk/zcwj/content/post_1234567.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "Validity", p.Validity, "")
			wantEq(t, "DocNumber", p.DocNumber, "某市监规〔2023〕4号") // dl/dt/dd
			wantDate(t, "Published", p.Published, p.PublishedSource, "2023-06-08", "info")
			wantEq(t, "Title", p.Title, "某某市市场监督管理局关于规范食品经营许可管理的通知")
		},
	}, {
		// No 有效性 row; the text states the term (after a licence look-alike).
		file: "validity_text.html",
		url:  "http://www.xxq.gov.cn/zjj/gfxwj/202312/t20231228_5566.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "Validity", p.Validity, "本规范性文件自2024年1月1日起施行，有效期至2028年12月31日")
			wantEq(t, "ValiditySource", p.ValiditySource, "text")
			wantDate(t, "Written", p.Written, p.WrittenSource, "2023-12-25", "info")
			wantDate(t, "Published", p.Published, p.PublishedSource, "2023-12-28", "info")
			wantField(t, p, LabelSignature, "二〇二三年十二月二十五日")
		},
	}, {
		// 有效性： shown with nothing; 文号 "-".
		file: "empty_validity.html",
		url:  "http://www.xxx.gov.cn/jyj/xxgk/2022/0902/1001.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantField(t, p, LabelValidity, "")
			wantEq(t, "Validity", p.Validity, "")
			wantField(t, p, LabelDocNumber, "-")
			wantEq(t, "DocNumber", p.DocNumber, "")
			// The info box wins over the PubDate meta (2022-09-02).
			wantDate(t, "Published", p.Published, p.PublishedSource, "2022-09-01", "info")
		},
	}, {
		file: "annual_report.html",
		url:  "http://www.xx.gov.cn/xxgk/ndbg/202401/t20240126_1.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			if len(p.Tables) != 2 {
				t.Fatalf("Tables = %d, want 2", len(p.Tables))
			}
			small := p.Tables[0]
			wantEq(t, "caption of table 二", small.Caption, "二、主动公开政府信息情况")
			wantEq(t, "caption of table 三", p.Tables[1].Caption, "三、收到和处理政府信息公开申请情况")
			wantEq(t, "blank is not 0", small.Rows[3][2], facts.Cell{Text: ""})
			wantEq(t, "0 stays 0", small.Rows[2][2], facts.Cell{Text: "0"})
			tb := p.Tables[1]
			wantEq(t, "rows", len(tb.Rows), 28)
			for i, row := range tb.Rows {
				if len(row) != 10 {
					t.Fatalf("row %d has %d cells, want 10", i, len(row))
				}
			}
			cols := []string{}
			for _, c := range tb.Rows[2][3:] {
				cols = append(cols, c.Text)
			}
			if !slices.Equal(cols, []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}) {
				t.Errorf("applicant columns = %q", cols)
			}
			wantEq(t, "自然人 spans two header rows", tb.Rows[2][3].Copy, true)
			wantEq(t, "申请人情况 spans 7 columns", tb.Rows[0][9], facts.Cell{Text: "申请人情况", Copy: true})
			wantEq(t, "本年新收 总计", tb.Rows[3][9].Text, "9")
			wantEq(t, "三、本年度办理结果 spans 22 rows", tb.Rows[26][0], facts.Cell{Text: "三、本年度办理结果", Copy: true})
			wantEq(t, "（三）不予公开 label", tb.Rows[7][1].Text, "（三）不予公开")
			wantEq(t, "（三）不予公开 1.", tb.Rows[7][2].Text, "1.属于国家秘密")
			wantEq(t, "（四）无法提供 copy", tb.Rows[16][1], facts.Cell{Text: "（四）无法提供", Copy: true})
			row := tb.Rows[15] // 1.本机关不掌握相关政府信息: 2 1 ∅ ∅ ∅ ∅ 3
			wantEq(t, "row label", row[2].Text, "1.本机关不掌握相关政府信息")
			got := []string{}
			for _, c := range row[3:] {
				got = append(got, c.Text)
			}
			if !slices.Equal(got, []string{"2", "1", "", "", "", "", "3"}) {
				t.Errorf("blank cells: %q", got)
			}
			wantEq(t, "last row", tb.Rows[27][0].Text, "四、结转下年度继续办理")
			wantEq(t, "Validity (现行有效件数 is a column)", p.Validity, "")
			wantDate(t, "Published", p.Published, p.PublishedSource, "2024-01-26", "meta")
			if !slices.Equal(r.Breadcrumb, []string{"首页", "政府信息公开", "政府信息公开年报"}) {
				t.Errorf("Breadcrumb = %q", r.Breadcrumb)
			}
		},
	}, {
		file: "gkmlpt_detail.html",
		url:  "http://zfcj.gz.gov.cn/gkmlpt/content/7/7339/post_7339781.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "Platform", p.Platform, PlatformGkmlpt)
			wantDate(t, "Written", p.Written, p.WrittenSource, "2021-06-28", "info")
			wantEq(t, "Validity", p.Validity+"/"+p.ValiditySource, "有效/info") // 效力状态
			wantField(t, p, "统一编号", "GZ0320210112")                           // unknown label in a real info table
			wantField(t, p, LabelTopic, "城乡建设、环境保护")                          // 分类
			if len(p.Attachments) != 1 || p.Attachments[0].Ext != "pdf" {
				t.Errorf("Attachments = %+v", p.Attachments)
			}
			if l := linkTo(p, "http://zfcj.gz.gov.cn/attachment/6/6813/6813543/7339781.pdf"); l == nil || l.Area != "content" {
				t.Errorf("附件 link: %+v", l)
			}
			wantEq(t, "GkmlptSID", r.GkmlptSID, "755576")
		},
	}, {
		file: "gkmlpt_index.html",
		url:  "http://www.gz.gov.cn/gkmlpt/index",
		check: func(t *testing.T, r *Result) {
			wantEq(t, "GkmlptSID", r.GkmlptSID, "755576")
			wantEq(t, "Platform", r.Page.Platform, PlatformGkmlpt)
		},
	}, {
		// TRS list with truncated titles and createPageHTML('page_div', 12, 3, 'index', 'shtml', …).
		file: "trs_list_createpage.html",
		url:  "http://www.xxs.gov.cn/zwgk/xzgfxwj/index_3.shtml",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "List", r.List, true)
			wantEq(t, "items", len(p.Items), 3) // the 4th is in a comment
			wantEq(t, "truncated …", p.Items[0].Title, "某某市人民政府办公室关于印发某某市城市更新专项资金管理办法的通知")
			wantEq(t, "truncated ...", p.Items[2].Title, "关于印发《某某市公共租赁住房管理办法》的通知")
			wantEq(t, "pages", len(r.Pagination), 11)
			wantEq(t, "page 1", r.Pagination[0], "http://www.xxs.gov.cn/zwgk/xzgfxwj/index.shtml")
			if slices.Contains(r.Pagination, "http://www.xxs.gov.cn/zwgk/xzgfxwj/index_3.shtml") {
				t.Error("current page listed")
			}
			wantEq(t, "last", r.Pagination[10], "http://www.xxs.gov.cn/zwgk/xzgfxwj/index_11.shtml")
			if !slices.Equal(r.Breadcrumb, []string{"首页", "政府信息公开", "行政规范性文件"}) {
				t.Errorf("Breadcrumb = %q", r.Breadcrumb)
			}
		},
	}, {
		// Plain list: <base href>, [2024年6月3日] dates, "下一页>" after a javascript 上一页.
		file: "plain_list_nextpage.html",
		url:  "http://www.example-xian.gov.cn/zwgk/tzgg/index.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "items", len(p.Items), 3)
			wantEq(t, "base href", p.Items[0].URL, "http://www.example-xian.gov.cn/zwgk/tzgg/content_1201.html")
			wantEq(t, "date", p.Items[0].Date.String(), "2024-06-03")
			wantEq(t, "date text", p.Items[0].DateText, "2024年6月3日")
			if !slices.Equal(r.Pagination, []string{"http://www.example-xian.gov.cn/zwgk/tzgg/list_2.html"}) {
				t.Errorf("Pagination = %q", r.Pagination)
			}
			if !slices.Equal(r.Breadcrumb, []string{"首页", "政务公开", "通知公告"}) {
				t.Errorf("Breadcrumb = %q", r.Breadcrumb)
			}
		},
	}, {
		// Last page: "下一页" is javascript:, or disabled.
		file: "plain_list_lastpage.html",
		url:  "http://www.example-xian.gov.cn/zwgk/tzgg/list_3.html",
		check: func(t *testing.T, r *Result) {
			if len(r.Pagination) != 0 {
				t.Errorf("Pagination = %q, want none", r.Pagination)
			}
			wantEq(t, "items (table rows without header)", len(r.Page.Items), 2)
		},
	}, {
		file: "trs_countpage_htm.html",
		url:  "http://www.xxq.gov.cn/zwgk/zcwj/index_2.htm",
		check: func(t *testing.T, r *Result) {
			want := []string{"http://www.xxq.gov.cn/zwgk/zcwj/index.htm", "http://www.xxq.gov.cn/zwgk/zcwj/index_1.htm"}
			for k := 3; k < 8; k++ {
				want = append(want, "http://www.xxq.gov.cn/zwgk/zcwj/index_"+strconv.Itoa(k)+".htm")
			}
			if !slices.Equal(r.Pagination, want) {
				t.Errorf("Pagination = %q", r.Pagination)
			}
		},
	}, {
		// Hanweb detail: labels wrapped in <p> inside cells, 信息来源 as the only organ,
		// an empty 时效 row, and "（有效期：…）" under the title.
		file: "hanweb_detail.html",
		url:  "http://www.xxs.gov.cn/art/2023/5/30/art_1234_56789.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantEq(t, "Platform", p.Platform, PlatformHanweb)
			wantEq(t, "IndexNo", p.IndexNo, "014052651/2023-00045")
			wantEq(t, "DocNumber", p.DocNumber, "某政规〔2023〕3号") // 文件编号
			wantEq(t, "Issuer (信息来源 in a 索引号 header)", p.Issuer, "市住建局")
			wantField(t, p, LabelValidity, "") // 时效 shown empty
			wantEq(t, "Validity", p.Validity+"/"+p.ValiditySource, "2023年6月1日至2028年5月31日/info")
			wantEq(t, "Title (heading confirmed by <title>)", p.Title, "某某市人民政府关于进一步加强城市供水管理的通知")
			if len(p.Attachments) != 1 || p.Attachments[0].Ext != "pdf" || p.Attachments[0].Name != "供水管理细则" {
				t.Errorf("Attachments = %+v", p.Attachments)
			}
			if strings.Contains(p.Text, "索引号") || !strings.HasPrefix(p.Text, "各县区人民政府") {
				t.Errorf("Text = %.60q", p.Text)
			}
		},
	}, {
		// A news page: byline, no info box; a footer with 主办单位 / 网站标识码 / 分类.
		file: "news_byline.html",
		url:  "http://www.xxx.gov.cn/xwzx/bmdt/202403/t20240312_9999.html",
		check: func(t *testing.T, r *Result) {
			p := r.Page
			wantDate(t, "Published", p.Published, p.PublishedSource, "2024-03-12", "text")
			wantField(t, p, LabelSource, "某某县融媒体中心")
			wantEq(t, "Issuer (来源 is not 发布机构)", p.Issuer, "")
			noField(t, p, LabelTopic)
			noField(t, p, LabelInterpretation)
			if strings.Contains(p.Text, "浏览次数") || strings.Contains(p.Text, "网站标识码") {
				t.Errorf("Text holds chrome: %q", p.Text)
			}
			wantEq(t, "Title", p.Title, "我县召开2024年安全生产工作会议")
		},
	}}
	for _, c := range cases {
		name := strings.TrimSuffix(c.file, ".html")
		t.Run(name, func(t *testing.T) {
			r := extractFile(t, filepath.Join("testdata", c.file), c.url)
			c.check(t, r)
			checkGolden(t, name, r)
		})
	}
}
