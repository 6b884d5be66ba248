package demosite

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

//go:embed templates/*.html
var templateFS embed.FS

var tmpl = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// page is what every template receives.
type page struct {
	Charset   string // "utf-8" or "gb2312"
	Title     string
	Metas     []meta
	HeadExtra template.HTML // e.g. the TRS createPageHTML definition
	Nav       []link
	Crumbs    []link
	Tree      []*treeNode // the disclosure column tree (pages of the 政府信息公开 section)

	SiteName, Office, IDCode, ICP string

	Home    *homeView
	Portal  *portalView
	List    *listView
	Landing *landingView
	Detail  *detailView
	Single  *singleView
	Sitemap []*treeNode
	Message *messageView
}

type meta struct{ Name, Content string }

type link struct {
	Href, Text string
	On         bool
}

type treeNode struct {
	Href, Text string
	On         bool
	Children   []*treeNode
}

// item is one entry of a list.
type item struct {
	Href, Title, Short, Date, IndexNo, Unit string
}

type homeView struct{ News, Notices, Policies []item }

type portalView struct {
	Latest  []item
	Columns []colBox
}

type colBox struct {
	Name, Href string
	Items      []item
}

type listView struct {
	Heading string
	Table   bool
	Items   []item
	Pager   template.HTML
}

type landingView struct {
	Heading string
	Columns []colBox
}

type detailView struct {
	Info    template.HTML
	Title   string
	Byline  string
	Body    template.HTML
	Attach  []link
	Origin  *link
	Related []link
}

type singleView struct {
	Heading string
	Body    template.HTML
	Attach  []link
}

type messageView struct {
	Heading string
	Lines   []string
}

// execute renders one template; GBK pages are encoded (every character must exist in GBK).
func execute(name string, p *page, gbk bool) ([]byte, error) {
	p.SiteName, p.Office, p.IDCode, p.ICP = Name, siteOffice, siteIDCode, siteICP
	p.Charset = "utf-8"
	if gbk {
		p.Charset = "gb2312"
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, p); err != nil {
		return nil, err
	}
	if !gbk {
		return buf.Bytes(), nil
	}
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: not encodable in GBK: %w", p.Title, err)
	}
	return out, nil
}

// --- info boxes -----------------------------------------------------------------

// infoRow is one label/value of an info box under its canonical label.
type infoRow struct {
	Label string // canonical: 索引号 主题分类 发布机构 成文日期 名称 文号 发布日期 有效性
	Show  string // the label as this style prints it
	Value string
	Mode  rowMode
	Wide  bool // spans the whole table (名称)
}

// infoRows lists a document's info box rows in the order TRS boxes show them.
func infoRows(b *builtDoc, style infoStyle) []infoRow {
	d := b.doc
	date := func(s string) string {
		switch style {
		case infoBox, infoGovCN:
			return cnDatePadded(s)
		case infoList:
			return cnDate(s)
		}
		return s
	}
	number := b.Number
	if number == "" {
		number = "无"
	}
	rows := []infoRow{
		{Label: "索引号", Value: b.IndexNo},
		{Label: "主题分类", Value: b.Topic},
		{Label: "发布机构", Value: b.Unit.Name},
	}
	if d.Written != "" {
		rows = append(rows, infoRow{Label: "成文日期", Value: date(d.Written), Mode: d.WrittenRow})
	}
	rows = append(rows,
		infoRow{Label: "名称", Value: d.Title, Wide: true},
		infoRow{Label: "文号", Value: number},
		infoRow{Label: "发布日期", Value: date(d.Pub)},
	)
	if d.Validity != "" || d.ValidityRow != rowShown {
		label := d.ValidityLabel
		if label == "" {
			label = "有效性"
		}
		v := d.Validity
		if d.ValidityRow == rowEmpty {
			v = ""
		}
		rows = append(rows, infoRow{Label: label, Value: v, Mode: d.ValidityRow})
	}
	if style == infoBox {
		// The Handan template keeps a retired 主题词 row, commented out.
		rows = append(rows, infoRow{Label: "主题词", Value: keywords(b), Mode: rowCommented})
	}
	for i := range rows {
		rows[i].Show = showLabel(rows[i].Label, style)
	}
	return rows
}

// showLabel prints a canonical label the way a style does (gov.cn: synonyms padded
// with U+3000; the list style: ASCII spaces).
func showLabel(label string, style infoStyle) string {
	switch style {
	case infoGovCN:
		switch label {
		case "索引号":
			return "索　引　号"
		case "发布机构":
			return "发文机关"
		case "名称":
			return "标　　题"
		case "文号":
			return "发文字号"
		case "有效性":
			return "时　　效"
		}
	case infoList:
		switch label {
		case "索引号":
			return "索 引 号"
		case "名称":
			return "名　　称"
		case "文号":
			return "文　　号"
		case "有效性":
			return "有 效 性"
		}
	case infoTable:
		if label == "文号" {
			return "文　　号"
		}
	}
	return label
}

// renderInfo renders the info box of a document in its style. Rows in rowCommented mode
// are written inside an HTML comment, as TRS templates do with retired fields.
func renderInfo(b *builtDoc, style infoStyle) template.HTML {
	if style == infoNone {
		return ""
	}
	rows := infoRows(b, style)
	var s strings.Builder
	comment := func(mode rowMode, html string) string {
		if mode == rowCommented {
			return "<!--" + html + "-->"
		}
		return html
	}
	switch style {
	case infoBox:
		// Handan: left half 索引号 发布机构 名称 文号 (主题词); right half the rest.
		left := map[string]bool{"索引号": true, "发布机构": true, "名称": true, "文号": true, "主题词": true}
		half := func(cls string, wantLeft bool) {
			fmt.Fprintf(&s, "<div class=\"%s\">\n", cls)
			for _, r := range rows {
				if left[r.Label] == wantLeft {
					s.WriteString(comment(r.Mode, fmt.Sprintf("<p><strong>%s</strong>：%s</p>", esc(r.Show), esc(r.Value))) + "\n")
				}
			}
			s.WriteString("</div>\n")
		}
		s.WriteString("<div class=\"top cf\">\n")
		half("top-l fl", true)
		half("top-r fr", false)
		s.WriteString("<div style=\"clear: both;\"></div>\n</div>\n")
	case infoList:
		s.WriteString("<div class=\"xxgk-head\"><ul>\n")
		for _, r := range rows {
			cls := ""
			if r.Wide {
				cls = ` class="wide"`
			}
			s.WriteString(comment(r.Mode, fmt.Sprintf("<li%s><em>%s：</em><span>%s</span></li>", cls, esc(r.Show), esc(r.Value))) + "\n")
		}
		s.WriteString("</ul></div>\n")
	case infoTable, infoGovCN:
		cell := func(r infoRow) string {
			if style == infoGovCN {
				return fmt.Sprintf("<td class=\"label\"><b>%s：</b></td><td>%s</td>", esc(r.Show), esc(r.Value))
			}
			return fmt.Sprintf("<th>%s：</th><td>%s</td>", esc(r.Show), esc(r.Value))
		}
		if style == infoGovCN {
			s.WriteString("<div class=\"govcn-info\"><table width=\"860\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" class=\"bd1\">\n<tbody>\n")
		} else {
			s.WriteString("<div class=\"xxgk-info\"><table class=\"xxgk-table\" cellspacing=\"0\">\n<tbody>\n")
		}
		var pending *infoRow
		flush := func() {
			if pending != nil {
				s.WriteString("<tr>" + cell(*pending) + "<td></td><td></td></tr>\n")
				pending = nil
			}
		}
		for i := range rows {
			r := rows[i]
			switch {
			case r.Mode == rowCommented:
				s.WriteString(comment(r.Mode, "<tr>"+cell(r)+"</tr>") + "\n")
			case r.Wide:
				flush()
				label := fmt.Sprintf("<th>%s：</th>", esc(r.Show))
				if style == infoGovCN {
					label = fmt.Sprintf("<td class=\"label\"><b>%s：</b></td>", esc(r.Show))
				}
				fmt.Fprintf(&s, "<tr>%s<td colspan=\"3\">%s</td></tr>\n", label, esc(r.Value))
			case pending == nil:
				pending = &rows[i]
			default:
				s.WriteString("<tr>" + cell(*pending) + cell(r) + "</tr>\n")
				pending = nil
			}
		}
		flush()
		s.WriteString("</tbody>\n</table></div>\n")
	}
	return template.HTML(s.String())
}

// --- pagers -----------------------------------------------------------------------

// trsPagerFunc is the createPageHTML definition TRS WCM templates carry in the page.
const trsPagerFunc = `<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0)
		document.write("<span class=\"bg\">首页</span>&nbsp;<span class=\"bg\">上一页</span>&nbsp;");
	else{
		document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">首页</a>&nbsp;");
		if(nCurrIndex == 1)
			document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">上一页</a>&nbsp;");
		else
			document.write("<a href=\""+_sPageName+"_"+(nCurrIndex-1)+"."+_sPageExt+"\">上一页</a>&nbsp;");
	}
	for(var i=0; i<_nPageCount; i++){
		if(i == nCurrIndex)
			document.write("<span class=\"now\">"+(i+1)+"</span>&nbsp;");
		else if(i == 0)
			document.write("<a href=\""+_sPageName+"."+_sPageExt+"\" class=\"pnum\">1</a>&nbsp;");
		else
			document.write("<a href=\""+_sPageName+"_"+i+"."+_sPageExt+"\" class=\"pnum\">"+(i+1)+"</a>&nbsp;");
	}
	if(nCurrIndex < _nPageCount-1){
		document.write("<a href=\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\">下一页</a>&nbsp;");
		document.write("<a href=\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\">尾页</a>");
	}else
		document.write("<span class=\"bg\">下一页</span>&nbsp;<span class=\"bg\">尾页</span>");
}
</script>
`

// pageFile is the file name of list page k (0-based): index.html, index_1.html …
func pageFile(k int) string {
	if k == 0 {
		return "index.html"
	}
	return fmt.Sprintf("index_%d.html", k)
}

// renderPager writes the pager of list page cur of n in the column's style.
func renderPager(style pagerStyle, n, cur, total int) template.HTML {
	if n <= 1 {
		return template.HTML(fmt.Sprintf("<span class=\"lefttotal\">共%d条</span>", total))
	}
	var s strings.Builder
	switch style {
	case pagerTRS:
		fmt.Fprintf(&s, "<script type=\"text/javascript\">\n\tcreatePageHTML(%d, %d, \"index\", \"html\");\n</script>", n, cur)
	case pagerNext:
		s.WriteString(`<a href="index.html">首页</a>&nbsp;&nbsp;`)
		if cur > 0 {
			fmt.Fprintf(&s, `<a href="%s">上一页</a>&nbsp;&nbsp;`, pageFile(cur-1))
		} else {
			s.WriteString(`<span class="bg">上一页</span>&nbsp;&nbsp;`)
		}
		if cur < n-1 {
			fmt.Fprintf(&s, `<a href="%s">下一页</a>`, pageFile(cur+1))
		} else {
			s.WriteString(`<span class="bg">下一页</span>`)
		}
		fmt.Fprintf(&s, `&nbsp;&nbsp;<span class="lefttotal">第%d页</span>`, cur+1)
	case pagerNumbered:
		fmt.Fprintf(&s, `<span class="lefttotal">共%d条 %d页</span>&nbsp;`, total, n)
		for k := 0; k < n; k++ {
			if k == cur {
				fmt.Fprintf(&s, `<span class="now">%d</span>&nbsp;`, k+1)
			} else {
				fmt.Fprintf(&s, `<a href="%s" class="pnum">%d</a>&nbsp;`, pageFile(k), k+1)
			}
		}
		if cur < n-1 {
			fmt.Fprintf(&s, `<a href="%s">下一页</a>&nbsp;<a href="%s">尾页</a>`, pageFile(cur+1), pageFile(n-1))
		}
	}
	return template.HTML(s.String())
}
