package rules

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

func TestMetadataMissing(t *testing.T) {
	cfg := only(defaultConfig(t), "metadata-missing")
	site := map[string]string{"SiteName": "测试县人民政府", "SiteDomain": "www.x.gov.cn", "SiteIDCode": "5107220001"}
	col := map[string]string{"ColumnName": "通知公告", "ColumnDescription": "通知公告", "ColumnKeywords": "通知，公告", "ColumnType": "通知公告"}
	art := map[string]string{"ArticleTitle": "关于…的通知", "PubDate": "2026-06-01 09:30", "ContentSource": "测试县人民政府办公室"}
	metas := func(without string, sets ...map[string]string) func(*facts.Page) {
		return func(p *facts.Page) {
			p.Meta = map[string]string{}
			for _, s := range sets {
				for k, v := range s {
					p.Meta[k] = v
				}
			}
			for _, k := range strings.Split(without, ",") {
				delete(p.Meta, k)
			}
		}
	}
	set := func(k, v string) func(*facts.Page) { return func(p *facts.Page) { p.Meta[k] = v } }
	colURL := func(u string) func(*facts.Page) { return func(p *facts.Page) { p.ColumnURL = "http://x.gov.cn" + u } }
	for _, tc := range []struct {
		name     string
		page     *facts.Page
		want     bool
		evidence string
	}{
		{"home complete", hygPage("/", "home", metas("", site)), false, ""},
		{"home without SiteIDCode", hygPage("/", "home", metas("SiteIDCode", site)), true, "home page no <meta name> SiteIDCode"},
		{"home with a malformed SiteIDCode", hygPage("/", "home", metas("", site), set("SiteIDCode", "51072200")), true, `SiteIDCode "51072200" is not a 网站标识码`},
		{"部门 site code bm + 8 digits", hygPage("/", "home", metas("", site), set("SiteIDCode", "bm09000002")), false, ""},
		{"empty value counts as missing", hygPage("/", "home", metas("", site), set("SiteDomain", " ")), true, "no <meta name> SiteDomain"},
		{"list complete", hygPage("/tzgg/", "list", metas("", site, col)), false, ""},
		{"list without ColumnType", hygPage("/tzgg/", "list", metas("ColumnType", site, col)), true, "column page no <meta name> ColumnType"},
		{"portal without column set", hygPage("/zwgk/", "portal", metas("", site)), true, "ColumnName, ColumnDescription, ColumnKeywords, ColumnType"},
		{"list needs no article tags", hygPage("/tzgg/index_1.html", "list", metas("", site, col)), false, ""},
		{"article complete", hygPage("/tzgg/t1.html", "detail", metas("", site, col, art)), false, ""},
		{"article without PubDate, ContentSource", hygPage("/tzgg/t1.html", "detail", metas("PubDate,ContentSource", site, col, art)), true, "article page no <meta name> PubDate, ContentSource"},
		{"article with no metadata at all", hygPage("/tzgg/t2.html", "detail"), true, "SiteName, SiteDomain, SiteIDCode, ColumnName"},
		{"single-article column page", hygPage("/ysqgk/", "detail", metas("", site, col), colURL("/ysqgk/")), false, ""},
		{"single-article column page missing a column tag", hygPage("/ysqgk/", "detail", metas("ColumnKeywords", site, col), colURL("/ysqgk/")), true, "column page (a single-article column) no <meta name> ColumnKeywords"},
		{"other pages are not judged", hygPage("/wzdt/", "other"), false, ""},
		{"attachments are not judged", hygPage("/a.pdf", "attachment"), false, ""},
		{"a gkmlpt JSON listing is data", hygPage("/gkmlpt/api/all/123?page=1&sid=7", "list"), false, ""},
		{"a Hanweb dataproxy reply is data", hygPage("/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90", "list"), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := judge(t, cfg, tc.page)
			if (len(res.Findings) > 0) != tc.want {
				t.Fatalf("findings %v, want finding: %v", got(res), tc.want)
			}
			if tc.want && !strings.Contains(res.Findings[0].Evidence, tc.evidence) {
				t.Errorf("evidence %q lacks %q", res.Findings[0].Evidence, tc.evidence)
			}
		})
	}
}
