package report

import (
	"embed"
	"html/template"
	"io"
	"time"

	"github.com/gongkai/gongkai/facts"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"statusName": func(s string) string {
		switch s {
		case "new":
			return "新发现"
		case "persisting":
			return "持续存在"
		case "fixed":
			return "已整改"
		}
		return s
	},
}).ParseFS(templateFS, "templates/*.html"))

// WriteSiteHTML writes the scorecard of one site audit. Everything crawled is escaped by
// html/template: titles, evidence and URLs from hostile pages render inert.
func WriteSiteHTML(w io.Writer, r *SiteReport, generated time.Time) error {
	name := r.Site.Name
	if name == "" {
		name = r.Site.URL
	}
	return templates.ExecuteTemplate(w, "site.html", map[string]any{
		"Name": name, "R": r, "Open": r.OpenFindings(),
		"Generated": generated.In(facts.Shanghai).Format("2006-01-02 15:04"),
	})
}
