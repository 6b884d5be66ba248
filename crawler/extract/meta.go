package extract

import (
	"strings"

	"github.com/gongkai/gongkai/facts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MetaNames are the national web-page metadata names (政府网站发展指引, 国办发〔2017〕47号)
// as the standard writes them; pages are matched case-insensitively.
var MetaNames = []string{
	"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription",
	"ColumnKeywords", "ColumnType", "ArticleTitle", "PubDate", "ContentSource",
	"Keywords", "Description", "Author", "Url", "Image",
}

var metaByLower = func() map[string]string {
	m := map[string]string{}
	for _, n := range MetaNames {
		m[strings.ToLower(n)] = n
	}
	return m
}()

// meta reads the national metadata; the first non-empty value of a name wins.
func (d *doc) meta() map[string]string {
	var out map[string]string
	walk(d.root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n.DataAtom != atom.Meta {
			return !isSkipped(n) || n.DataAtom == atom.Head
		}
		name, ok := metaByLower[strings.ToLower(strings.TrimSpace(attr(n, "name")))]
		if !ok {
			return false
		}
		v := facts.NormalizeSpace(attr(n, "content"))
		if v == "" {
			return false
		}
		if out == nil {
			out = map[string]string{}
		}
		if _, dup := out[name]; !dup {
			out[name] = v
		}
		return false
	})
	return out
}
