package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

func (a *app) inspectCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "inspect URL",
		Short: "Print the facts extracted from one page",
		Long: `Fetch one page through the crawler's fetch stack and print what gongkai extracts from it:
title, 发布日期, 成文日期, 文号, 发布机构, 索引号, 有效性, the info table, the national
metadata, list entries and pagination, links and attachments. The first thing to reach
for when a finding looks wrong.`,
		Example: `  gongkai inspect https://www.dachuan.gov.cn/xxgk/gfxwj/202305/t20230530_123.html
  gongkai inspect http://127.0.0.1:8731/zwgk/gfxwj/ --allow-private --format json`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("inspect takes exactly one URL (got %d)", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			u, err := audit.CheckURL(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			cfg, err := a.loadRules()
			if err != nil {
				return err
			}
			opts := a.crawlOptions()
			opts.Vocabulary = cfg.Columns
			p, res, err := crawler.New(opts).Fetch(c.Context(), u)
			if err != nil {
				return failedErr(fmt.Errorf("inspect %s: %w", u, err))
			}
			if a.format == "json" {
				return writeInspectJSON(a.stdout, p, res)
			}
			return writeInspectText(a.stdout, p, res)
		},
	}
	a.crawlFlags(c, 0)
	return c
}

func writeInspectJSON(w io.Writer, p *facts.Page, res *extract.Result) error {
	out := struct {
		*facts.Page
		Pagination []string `json:"pagination,omitempty"`
		Breadcrumb []string `json:"breadcrumb,omitempty"`
	}{Page: p}
	if res != nil {
		out.Pagination, out.Breadcrumb = res.Pagination, res.Breadcrumb
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeInspectText(w io.Writer, p *facts.Page, res *extract.Result) error {
	var b strings.Builder
	line := func(label, v string) {
		if v == "" {
			v = "—"
		}
		fmt.Fprintf(&b, "%-10s %s\n", label, v)
	}
	withSource := func(d facts.Date, src string) string {
		if d.IsZero() {
			return ""
		}
		if src == "" {
			return d.String()
		}
		return d.String() + "  (" + src + ")"
	}
	line("url", p.URL)
	line("status", fmt.Sprint(p.Status))
	line("kind", string(p.Kind))
	line("platform", p.Platform)
	line("charset", p.Charset)
	line("column", strings.TrimSpace(p.Column+" "+p.ColumnName))
	line("title", p.Title)
	line("发布日期", withSource(p.Published, p.PublishedSource))
	line("成文日期", withSource(p.Written, p.WrittenSource))
	line("文号", p.DocNumber)
	line("发布机构", p.Issuer)
	line("索引号", p.IndexNo)
	v := p.Validity
	if v != "" && p.ValiditySource != "" {
		v += "  (" + p.ValiditySource + ")"
	}
	line("有效性", v)
	if p.Truncated {
		line("note", "body truncated at the size limit")
	}
	if res != nil && len(res.Breadcrumb) > 0 {
		line("当前位置", strings.Join(res.Breadcrumb, " > "))
	}
	section := func(title string, kv map[string]string) {
		if len(kv) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		keys := make([]string, 0, len(kv))
		for k := range kv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %s: %s\n", k, kv[k])
		}
	}
	section("info table", p.Fields)
	section("metadata", p.Meta)
	if len(p.Items) > 0 {
		fmt.Fprintf(&b, "\nlist entries (%d)\n", len(p.Items))
		for i, it := range p.Items {
			if i == 30 {
				fmt.Fprintf(&b, "  … %d more\n", len(p.Items)-i)
				break
			}
			fmt.Fprintf(&b, "  %-10s %s  %s\n", it.Date, it.Title, it.URL)
		}
	}
	if res != nil && len(res.Pagination) > 0 {
		fmt.Fprintf(&b, "\npagination: %d other pages, %s … %s\n", len(res.Pagination), res.Pagination[0], res.Pagination[len(res.Pagination)-1])
	}
	if len(p.Attachments) > 0 {
		fmt.Fprintf(&b, "\nattachments (%d)\n", len(p.Attachments))
		for _, at := range p.Attachments {
			fmt.Fprintf(&b, "  [%s] %s  %s\n", at.Ext, at.Name, at.URL)
		}
	}
	fmt.Fprintf(&b, "\nlinks: %d\n", len(p.Links))
	if p.Text != "" {
		t := []rune(p.Text)
		if len(t) > 300 {
			t = append(t[:300], []rune(" …")...)
		}
		fmt.Fprintf(&b, "\ntext (%d chars)\n  %s\n", len([]rune(p.Text)), string(t))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
