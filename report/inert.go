package report

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Crawled text (titles, evidence, URLs, error messages) is hostile input. html/template
// escapes markup; what it leaves alone are characters that change how text *looks*:
// bidirectional overrides (U+202E turns "exe.pdf" into "fdp.exe"), zero-width and other
// invisible characters that hide a difference between two URLs, and control
// characters. visible makes each of them show as [U+XXXX], so a supervisor sees what
// the page holds and no text can disguise the text around it.

// invisible reports whether r is a character visible makes explicit.
func invisible(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || (r >= 0x7f && r <= 0x9f): // C0, DEL, C1 controls
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, // bidi marks
		r >= 0x202a && r <= 0x202e, // bidi embeddings and overrides
		r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r >= 0x200b && r <= 0x200d, // zero-width space, (non-)joiner
		r >= 0x2060 && r <= 0x2064,                         // word joiner, invisible operators
		r == 0xfeff, r == 0x00ad, r == 0x180e, r == 0x034f, // BOM, soft hyphen …
		r == 0x2028 || r == 0x2029, // line and paragraph separators
		r >= 0xfff9 && r <= 0xfffb: // interlinear annotation
		return true
	case unicode.Is(unicode.Co, r): // private use: renders as nothing or a box
		return true
	}
	return false
}

// visible returns s with every invisible or direction-changing character written as
// [U+XXXX], and carriage returns dropped.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if r == '\r' || invisible(r) || r == unicode.ReplacementChar {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case r == '\r':
		case invisible(r):
			fmt.Fprintf(&b, "[U+%04X]", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeHref returns u when it is an absolute http or https URL, for use as a link
// target; anything else (javascript:, data:, relative or broken URLs) gets no link
// and is shown as text only.
func safeHref(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
	default:
		return ""
	}
	for _, r := range u {
		if invisible(r) || r == ' ' {
			return "" // a link whose text hides part of its target is not worth the risk
		}
	}
	return p.String()
}

// slugify makes a file name from a site URL: host (and path), lower-case, with
// everything but a-z 0-9 turned into '-'. Empty when nothing is left.
func slugify(siteURL string) string {
	s := siteURL
	if p, err := url.Parse(strings.TrimSpace(siteURL)); err == nil && p.Host != "" {
		s = p.Host + p.Path
	}
	s = strings.ToLower(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 80 {
		out = strings.TrimRight(out[:80], "-")
	}
	return out
}

// Segment is a piece of evidence text; Kind is "" for plain text, "date" for a date
// and "days" for a day count, which scorecards emphasise.
type Segment struct {
	Text string
	Kind string
	Date string // the date as YYYY-MM-DD when Kind is "date"
}

var markRe = regexp.MustCompile(
	`(\d{4})-(\d{1,2})-(\d{1,2})` + // 2023-05-30
		`|(\d{4})年(\d{1,2})月(\d{1,2})日` + // 2023年5月30日
		`|\d+\s*(?:个)?(?:working days?|工作日|calendar days?|自然日|个月|days?|天)`)

// markEvidence splits evidence into segments so that the dates and working-day counts
// a timing finding rests on stand out: "成文 2023-09-27, 发布 2023-10-09: 4 working
// days > 3" has two dates and one count.
func markEvidence(s string) []Segment {
	var out []Segment
	last := 0
	for _, m := range markRe.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, Segment{Text: s[last:m[0]]})
		}
		text := s[m[0]:m[1]]
		seg := Segment{Text: text, Kind: "days"}
		for _, g := range []int{2, 8} {
			if m[g] >= 0 {
				y, _ := strconv.Atoi(s[m[g]:m[g+1]])
				mo, _ := strconv.Atoi(s[m[g+2]:m[g+3]])
				d, _ := strconv.Atoi(s[m[g+4]:m[g+5]])
				seg.Kind = "date"
				if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
					seg.Date = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
				}
			}
		}
		out = append(out, seg)
		last = m[1]
	}
	if last < len(s) {
		out = append(out, Segment{Text: s[last:]})
	}
	return out
}

// timing reports whether evidence counts days (a deadline finding).
func timing(s string) bool {
	for _, seg := range markEvidence(s) {
		if seg.Kind == "days" {
			return true
		}
	}
	return false
}
