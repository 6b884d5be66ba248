package demosite

import (
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Body markup: the text of an article, one paragraph per line (blank lines ignored).
// A line's prefix decides its shape:
//
//	"# "  centred bold line (the 办法's own title)
//	"章 " chapter heading, numbered 第一章, 第二章 … (centred bold)
//	"条 " article, numbered 第一条, 第二条 … (the doc's Closing becomes the last article)
//	"! "  paragraph without indent (主送机关 line)
//	"> "  right-aligned line (signature, date)
//	"| "  table row, cells separated by " | "; consecutive rows form one table whose
//	      first row is the header
//	"一、…" short lines (no full stop) are bold headings
//
// Anything else is an indented paragraph.

var headingRE = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

// renderBody turns body markup (plus the closing clause) into the inner HTML of the
// TRS_Editor div.
func renderBody(markup, closing string) template.HTML {
	lines := splitLines(markup)
	hasArticles := false
	for _, l := range lines {
		if strings.HasPrefix(l, "条 ") {
			hasArticles = true
			break
		}
	}
	if closing != "" {
		if hasArticles {
			lines = append(lines, "条 "+closing)
		} else {
			lines = append(lines, closing)
		}
	}
	var b strings.Builder
	chapter, article := 0, 0
	var table [][]string
	flush := func() {
		if table == nil {
			return
		}
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;margin:0 auto;">`)
		for i, row := range table {
			b.WriteString("<tr>")
			tag := "td"
			if i == 0 {
				tag = "th"
			}
			for _, c := range row {
				fmt.Fprintf(&b, "<%s>%s</%s>", tag, inline(c), tag)
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
		table = nil
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "| ") {
			cells := strings.Split(strings.TrimPrefix(l, "| "), " | ")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			table = append(table, cells)
			continue
		}
		flush()
		switch {
		case strings.HasPrefix(l, "# "):
			fmt.Fprintf(&b, `<p style="text-align: center;"><strong>%s</strong></p>`+"\n", esc(l[2:]))
		case strings.HasPrefix(l, "章 "):
			chapter++
			fmt.Fprintf(&b, `<p style="text-align: center;"><strong>第%s章　%s</strong></p>`+"\n", cnNum(chapter), esc(strings.TrimPrefix(l, "章 ")))
		case strings.HasPrefix(l, "条 "):
			article++
			fmt.Fprintf(&b, `<p style="text-indent: 2em;"><strong>第%s条</strong>　%s</p>`+"\n", cnNum(article), inline(strings.TrimPrefix(l, "条 ")))
		case strings.HasPrefix(l, "! "):
			fmt.Fprintf(&b, "<p>%s</p>\n", inline(l[2:]))
		case strings.HasPrefix(l, "> "):
			fmt.Fprintf(&b, `<p style="text-align: right;">%s</p>`+"\n", esc(l[2:]))
		case headingRE.MatchString(l) && !strings.Contains(l, "。") && utf8.RuneCountInString(l) <= 30:
			fmt.Fprintf(&b, `<p style="text-indent: 2em;"><strong>%s</strong></p>`+"\n", esc(l))
		default:
			fmt.Fprintf(&b, `<p style="text-indent: 2em;">%s</p>`+"\n", inline(l))
		}
	}
	flush()
	return template.HTML(b.String())
}

// splitLines returns the non-blank, trimmed lines of s.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// linkRE is the one inline form of the body markup: [text](/path) or [text](http://…).
var linkRE = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)

// inline escapes a line of body text and turns [text](href) into links.
func inline(s string) string {
	e := esc(s)
	return linkRE.ReplaceAllStringFunc(e, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		target := ""
		if strings.HasPrefix(sub[2], "http") {
			target = ` target="_blank"`
		}
		return fmt.Sprintf(`<a href="%s"%s>%s</a>`, sub[2], target, sub[1])
	})
}

// cnNum writes 1…99 in Chinese numerals as used for 章 and 条 (十, 十一, 二十一 …).
func cnNum(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n-10]
	default:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
}

// wrapperRE recognises a 印发 notice: its body is the issued document X.
var wrapperRE = regexp.MustCompile(`^(.+?)关于印发《(.+)》的通知$`)

// composeBody builds the full markup of a document: the 印发 wrapper or the 主送 line,
// the text, the closing clause, the signature block.
func composeBody(d *doc, u unit) (markup, closing string) {
	sign := []string{}
	if !d.NoSign {
		date := d.SignDate
		if date == "" {
			date = d.Written
		}
		if date == "" {
			date = d.Pub
		}
		sign = []string{"> " + u.Name, "> " + cnDate(date)}
	}
	recipients := d.Recipients
	if recipients == "" {
		recipients = u.Recipients
	}
	var b []string
	if m := wrapperRE.FindStringSubmatch(d.Title); m != nil {
		approval := u.Approval
		if approval == "" {
			approval = "已经研究同意"
		}
		if recipients != "" && recipients != "-" {
			b = append(b, "! "+recipients+"：")
		}
		b = append(b, fmt.Sprintf("《%s》%s，现印发给你们，请认真贯彻执行。", m[2], approval))
		b = append(b, sign...)
		b = append(b, "（此件公开发布）", "# "+m[2], d.Body)
		return strings.Join(b, "\n"), d.Closing
	}
	if recipients != "" && recipients != "-" && !d.NoSign {
		b = append(b, "! "+recipients+"：")
	}
	b = append(b, d.Body)
	if d.Closing != "" {
		// the closing clause comes before the signature
		b = append(b, closingMarker)
	}
	b = append(b, sign...)
	return strings.Join(b, "\n"), d.Closing
}

// closingMarker stands where a non-wrapper document's closing clause goes (before the
// signature); renderDoc replaces it.
const closingMarker = "\x00closing"

// renderDoc renders a document's whole body.
func renderDoc(d *doc, u unit) template.HTML {
	if d.Raw != "" {
		return d.Raw
	}
	markup, closing := composeBody(d, u)
	if strings.Contains(markup, closingMarker) {
		if strings.HasPrefix(d.Body, "条 ") || strings.Contains(d.Body, "\n条 ") {
			closing = "条 " + closing
		}
		markup = strings.Replace(markup, closingMarker, closing, 1)
		closing = ""
	}
	return renderBody(markup, closing)
}
