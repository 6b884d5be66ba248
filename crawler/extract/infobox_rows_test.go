package extract

import (
	"net/url"
	"testing"
)

func TestLabelRowInfoTable(t *testing.T) {
	u, _ := url.Parse("http://x.gov.cn/zwgk/gfxwj/t1.html")
	page := func(table string) string {
		return `<html><head><meta charset="utf-8"><title>关于印发《某县城市管理办法》的通知</title></head><body>` + table +
			`<h1>关于印发《某县城市管理办法》的通知</h1><div class="content"><p>各乡镇人民政府，县直各部门：现将《某县城市管理办法》印发给你们，请认真贯彻执行。</p></div></body></html>`
	}
	t.Run("labels over values", func(t *testing.T) {
		res, err := HTML(u, []byte(page(`<table class="info"><tr><th>索引号</th><th>发布机构</th><th>发文字号</th><th>成文日期</th><th>发布日期</th><th>有效性</th></tr>
<tr><td>11510000/2024-00012</td><td>某县人民政府</td><td>某府规〔2024〕2号</td><td>2024-03-01</td><td>2024-03-05</td><td>有效</td></tr></table>`)))
		if err != nil {
			t.Fatal(err)
		}
		p := res.Page
		if p.Written.String() != "2024-03-01" || p.Published.String() != "2024-03-05" || p.DocNumber != "某府规〔2024〕2号" ||
			p.Validity != "有效" || p.Issuer != "某县人民政府" || p.IndexNo != "11510000/2024-00012" {
			t.Errorf("got written=%s published=%s 文号=%q 有效性=%q 发布机构=%q 索引号=%q", p.Written, p.Published, p.DocNumber, p.Validity, p.Issuer, p.IndexNo)
		}
	})
	t.Run("two label rows", func(t *testing.T) {
		res, _ := HTML(u, []byte(page(`<table><tr><td>索引号</td><td>文号</td><td>发布机构</td></tr><tr><td>A-1</td><td>某府规〔2024〕2号</td><td>某县人民政府</td></tr>
<tr><td>成文日期</td><td>发布日期</td><td>时效</td></tr><tr><td>2024年3月1日</td><td>2024年3月5日</td><td>现行有效</td></tr></table>`)))
		p := res.Page
		if p.Written.String() != "2024-03-01" || p.Validity != "现行有效" || p.DocNumber != "某府规〔2024〕2号" {
			t.Errorf("got written=%s 有效性=%q 文号=%q", p.Written, p.Validity, p.DocNumber)
		}
	})
	t.Run("a listing is not an info box", func(t *testing.T) {
		res, _ := HTML(u, []byte(page(`<table><tr><td>标题</td><td>文号</td><td>发布日期</td></tr>
<tr><td><a href="/a.html">关于甲的通知</a></td><td>某府发〔2024〕1号</td><td>2024-03-01</td></tr>
<tr><td><a href="/b.html">关于乙的通知</a></td><td>某府发〔2024〕2号</td><td>2024-03-02</td></tr>
<tr><td><a href="/c.html">关于丙的通知</a></td><td>某府发〔2024〕3号</td><td>2024-03-03</td></tr></table>`)))
		if p := res.Page; p.DocNumber != "" || !p.Written.IsZero() {
			t.Errorf("a listing's first row was read as the info box: 文号=%q written=%s", p.DocNumber, p.Written)
		}
	})
}
