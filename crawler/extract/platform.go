package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Platforms, as stored in Page.Platform.
const (
	PlatformTRS     = "trs"
	PlatformHanweb  = "hanweb"
	PlatformGkmlpt  = "gkmlpt"
	PlatformGeneric = "generic"
)

var (
	trsURL    = regexp.MustCompile(`/t(?:19|20)\d{6}_\d+\.s?html?$`)
	hanwebURL = regexp.MustCompile(`/art/(?:19|20)\d{2}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$|/col/col\d+/`)
)

// platform names the CMS behind the page from its URL, then from its markup (class
// names, script code). Comments are not looked at: a CMS name in a comment says
// nothing about what renders the page now.
func (d *doc) platform() string {
	path := strings.ToLower(d.page.Path)
	switch {
	case strings.Contains(path, "/gkmlpt/"):
		return PlatformGkmlpt
	case hanwebURL.MatchString(path):
		return PlatformHanweb
	case trsURL.MatchString(path):
		return PlatformTRS
	}
	for _, s := range d.scripts {
		t := scriptText(s)
		switch {
		case strings.Contains(t, "gkmlpt"):
			return PlatformGkmlpt
		case strings.Contains(t, "<datastore>") || strings.Contains(t, "jpage") || strings.Contains(t, "/module/web/"):
			return PlatformHanweb
		case strings.Contains(t, "createPageHTML") || strings.Contains(t, "_nPageCount") || strings.Contains(t, "countPage"):
			return PlatformTRS
		}
	}
	found := ""
	walk(d.root, func(n *html.Node) bool {
		if found != "" || n.Type != html.ElementNode {
			return found == "" && n.Type == html.DocumentNode
		}
		src := strings.ToLower(attr(n, "src") + " " + attr(n, "href"))
		switch {
		case strings.Contains(src, "/gkmlpt/"):
			found = PlatformGkmlpt
		case strings.Contains(src, "jpage") || strings.Contains(src, "/module/web/") || strings.Contains(src, "hanweb"):
			found = PlatformHanweb
		case hasClass(n, "TRS_Editor") || hasClass(n, "CurrChnlCls") || hasClass(n, "TRS_UEDITOR"):
			found = PlatformTRS
		}
		return found == ""
	})
	if found != "" {
		return found
	}
	return PlatformGeneric
}

// scriptText is the raw text of a <script> element.
func scriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

var gkmlptSIDRe = regexp.MustCompile(`\bSID\s*:\s*['"]([^'"]{1,64})['"]`)

// gkmlptSID reads window._CONFIG = {SID: '…'} on gkmlpt portal pages.
func (d *doc) gkmlptSID() string {
	for _, s := range d.scripts {
		t := scriptText(s)
		if !strings.Contains(t, "_CONFIG") {
			continue
		}
		if m := gkmlptSIDRe.FindStringSubmatch(t); m != nil {
			return m[1]
		}
	}
	return ""
}
