package annualreport

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SectionNames are the six headings of the template, in order.
var SectionNames = [6]string{
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}

// sectionWords recognise a heading's text (after its ordinal) as one of the six, in the
// current and older wordings (一、概述; 五、政府信息公开工作存在的主要问题及改进情况;
// 四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况). within: how far into the
// heading the words may start.
var sectionWords = [6]struct {
	re     *regexp.Regexp
	within int
}{
	{regexp.MustCompile(`总体情况|概述|基本情况|总体工作情况|工作概况|概况`), 12},
	{regexp.MustCompile(`主动公开`), 10},
	{regexp.MustCompile(`收到和处理|依申请|公开申请|申请情况|申请办理|申请公开`), 14},
	{regexp.MustCompile(`行政复议|行政诉讼|复议|诉讼`), 16},
	{regexp.MustCompile(`问题|改进|不足`), 16},
	{regexp.MustCompile(`其他需要报告|其他需报告|其他事项|其它需要报告|其他需要说明`), 10},
}

const ordinals = "一二三四五六七八九十"

var (
	// headingLineRe is a line that starts with a section ordinal: 一、 / 一. / 一．
	headingLineRe = regexp.MustCompile(`^\s*([一二三四五六七八九十]{1,2})\s*[、.．，]\s*(.*)$`)
	// headingAnyRe finds ordinals anywhere in text whose lines are unreliable (PDF text).
	headingAnyRe = regexp.MustCompile(`([一二三四五六七八九十]{1,2})[、．]`)
	// tableRowRe: lines of table 三 start with 一、 … 四、 too; they are not headings.
	tableRowRe = regexp.MustCompile(`本年新收|上年结转|本年度办理结果|结转下年度|新收政府信息公开申请`)
	// noneRe is a section that says only that there is nothing to say.
	noneRe     = regexp.MustCompile(`^(?:本年度|本年|今年|本单位|本机关|我局|我单位)?(?:暂)?(?:无|没有)(?:其他|其它|相关|此类|需要|需)?(?:需要)?(?:报告|说明)?(?:的)?(?:事项|情况|问题)?$`)
	dateLineRe = regexp.MustCompile(`^(?:(?:19|20)\d{2}|[〇○零Ｏ一二][〇○零Ｏ一二三四五六七八九]{3})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$`)
)

// Section is one template section as found in a report.
type Section struct {
	Heading string // the heading as written, ordinal included ("五、政府信息公开工作存在的…")
	Ordinal string // its ordinal ("五"); may differ from the template's when sections are renumbered
	Body    string // the text up to the next section heading, heading line excluded
	// OnlyNone: the body says only that there is nothing (无, 暂无, 本年度无相关情况 …).
	OnlyNone bool
}

// Sections is what FindSections found: Found[i] is template section i+1, nil when absent.
type Sections struct {
	Found [6]*Section
}

// Missing lists the template headings the report lacks.
func (s Sections) Missing() []string {
	var out []string
	for i, f := range s.Found {
		if f == nil {
			out = append(out, SectionNames[i])
		}
	}
	return out
}

// Count is the number of template sections found.
func (s Sections) Count() int {
	n := 0
	for _, f := range s.Found {
		if f != nil {
			n++
		}
	}
	return n
}

// FindSections finds the template's sections in a report's text. Headings are lines that
// start with an ordinal (一、) and whose words name a section; for text whose lines are
// broken (extracted from PDF) headings are also looked for in the text with all
// whitespace removed. Enumerations inside a section (一、…二、… under 五) are told from
// headings by order: a heading numbered as in the template wins, and a section found
// under another number must stand between its neighbours.
func FindSections(text string) Sections {
	var out Sections
	lines := strings.Split(text, "\n")
	var hits []hit
	for i, l := range lines {
		m := headingLineRe.FindStringSubmatch(l)
		if m == nil || tableRowRe.MatchString(l) {
			continue
		}
		if sec := classify(m[2]); sec >= 0 {
			hits = append(hits, hit{sec: sec, pos: i, heading: strings.TrimSpace(l), ordinal: m[1], rest: headingRest(sec, m[2])})
		}
	}
	for _, h := range accept(hits) {
		end := len(lines)
		if h.next >= 0 {
			end = h.next
		}
		body := strings.TrimSpace(strings.Join(append([]string{h.rest}, lines[h.pos+1:end]...), "\n"))
		out.Found[h.sec] = &Section{Heading: clip(h.heading, 40), Ordinal: h.ordinal, Body: body, OnlyNone: onlyNone(body)}
	}
	if out.Count() == 6 {
		return out
	}
	// Broken lines: look again in the text without whitespace, for what is still missing.
	flat := compact(text)
	hits = hits[:0]
	for _, m := range headingAnyRe.FindAllStringSubmatchIndex(flat, -1) {
		rest := flat[m[1]:]
		sec := classify(rest)
		if sec < 0 || tableRowRe.MatchString(firstRunes(rest, 16)) {
			continue
		}
		bodyAt := m[1]
		if loc := headingPhrase[sec].FindStringIndex(rest); loc != nil {
			bodyAt += loc[1]
		}
		heading := firstRunes(flat[m[0]:], 24)
		if bodyAt > m[1] {
			heading = flat[m[0]:bodyAt]
		}
		hits = append(hits, hit{sec: sec, pos: m[0], heading: clip(heading, 40), ordinal: flat[m[2]:m[3]], bodyAt: bodyAt})
	}
	for _, h := range accept(hits) {
		if out.Found[h.sec] != nil {
			continue
		}
		end := len(flat)
		if h.next >= 0 {
			end = h.next
		}
		body := ""
		if h.bodyAt < end {
			body = flat[h.bodyAt:end]
		}
		out.Found[h.sec] = &Section{Heading: h.heading, Ordinal: h.ordinal, Body: body, OnlyNone: onlyNone(body)}
	}
	return out
}

// hit is a candidate heading: the section its words name, where it stands (line index or
// byte offset), and, once accepted, where the next accepted heading stands (-1: none).
type hit struct {
	sec, pos int
	heading  string
	ordinal  string
	rest     string // line mode: the heading line's text after the heading words
	bodyAt   int    // flat mode: where the body starts
	next     int
}

// accept chooses one heading per section among the hits (in text order): first those
// numbered as in the template, in increasing order; then, for a section still missing,
// the first hit naming it that stands between the accepted headings around it.
func accept(hits []hit) []hit {
	var chosen [6]*hit
	last := -1
	for i := range hits {
		h := &hits[i]
		if h.ordinal == string([]rune(ordinals)[h.sec]) && chosen[h.sec] == nil && h.sec > last {
			chosen[h.sec] = h
			last = h.sec
		}
	}
	for sec := range chosen {
		if chosen[sec] != nil {
			continue
		}
		lo, hi := -1, 1<<62
		for k := sec - 1; k >= 0; k-- {
			if chosen[k] != nil {
				lo = chosen[k].pos
				break
			}
		}
		for k := sec + 1; k < 6; k++ {
			if chosen[k] != nil {
				hi = chosen[k].pos
				break
			}
		}
		for i := range hits {
			if h := &hits[i]; h.sec == sec && h.pos > lo && h.pos < hi {
				chosen[sec] = h
				break
			}
		}
	}
	var out []hit
	for _, h := range chosen {
		if h != nil {
			out = append(out, *h)
		}
	}
	slices.SortFunc(out, func(a, b hit) int { return a.pos - b.pos })
	for i := range out {
		out[i].next = -1
		if i+1 < len(out) {
			out[i].next = out[i+1].pos
		}
	}
	return out
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return firstRunes(s, n) + "…"
}

// classify returns the section a heading's text names (0–5), or -1.
func classify(s string) int {
	head := firstRunes(s, 24)
	best, at := -1, 1<<30
	for i, w := range sectionWords {
		loc := w.re.FindStringIndex(head)
		if loc == nil {
			continue
		}
		pos := utf8.RuneCountInString(head[:loc[0]])
		if pos <= w.within && pos < at {
			best, at = i, pos
		}
	}
	return best
}

// headingPhrase matches a section's heading words at the start of the text after the
// ordinal, in the wordings reports use, so that what runs on after them (五、存在的主要问题
// 及改进情况：无) is told from the heading.
var headingPhrase = [6]*regexp.Regexp{
	regexp.MustCompile(`^(?:政府信息公开(?:工作)?)?(?:总体情况|总体工作情况|基本情况|工作概况|概述|概况)`),
	regexp.MustCompile(`^(?:政府信息)?主动公开(?:政府信息)?(?:的)?(?:工作)?(?:情况)?`),
	regexp.MustCompile(`^[^，。；：:]{0,16}?申请(?:办理)?(?:的)?(?:情况)?`),
	regexp.MustCompile(`^[^，。；：:]{0,30}?诉讼(?:的)?(?:情况)?`),
	regexp.MustCompile(`^[^，。；：:]{0,24}?(?:改进情况|改进措施|改进方向|整改情况|整改措施|工作打算|工作计划|工作措施|改进)`),
	regexp.MustCompile(`^[^，。；：:]{0,6}?(?:其他|其它)[^，。；：:]{0,8}?(?:事项|情况)`),
}

// headingRest is what follows the heading words of section sec in s (the text after the
// ordinal): "无" in 五、存在的主要问题及改进情况：无.
func headingRest(sec int, s string) string {
	loc := headingPhrase[sec].FindStringIndex(s)
	if loc == nil {
		return ""
	}
	return strings.TrimLeft(s[loc[1]:], "：:。.，, \t")
}

// onlyNone: the body, without punctuation and the closing signature and date, says
// only "无" in one of its forms.
func onlyNone(body string) bool {
	lines := strings.Split(body, "\n")
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[len(lines)-1])
		if l == "" || dateLineRe.MatchString(l) || (utf8.RuneCountInString(l) <= 25 && LevelOf(l) != "" && !strings.ContainsAny(l, "，。；")) {
			lines = lines[:len(lines)-1]
			continue
		}
		break
	}
	b := compact(strings.Join(lines, ""))
	b = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, b)
	if b == "" {
		return true // an empty section is as good as 无
	}
	return noneRe.MatchString(b)
}

// compact removes all whitespace.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

func firstRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
