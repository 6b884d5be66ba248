package annualreport

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

var (
	townshipRe = regexp.MustCompile(`(?:街道办事处|街道办|街道|[乡镇](?:人民)?政府|[乡镇])$`)
	govRe      = regexp.MustCompile(`(?:人民政府|政府)$`)
	deptRe     = regexp.MustCompile(`(?:办公室|办公厅|办|局|委员会|委|中心|院|所|站|队|厅|部|署|处|会|馆|社|团|公司|集团|银行|法院|检察院)$`)
	regionRe   = regexp.MustCompile(`(?:省|市|县|区|州|旗|盟|自治县|自治州|自治区|特区|新区)$`)
	// siteSuffix is what a site adds to its unit's name (青岚县人民政府门户网站); 政府网 keeps
	// its 政府 (青岚县政府网 → 青岚县政府).
	siteSuffix = regexp.MustCompile(`(?:门户网站|官方网站|政务网站|网站|官网|政务服务网|政务网|信息公开网|信息公开平台|信息公开专栏|政府信息公开|信息公开|(?:政府)?(网))$`)
)

// LevelOf reads a unit's level from its name: …乡/镇(人民政府), …街道(办事处) are 乡镇;
// …人民政府 and bare regions (青岚县) are 政府; …局/委/办/中心 … are 部门. "" when the
// name says nothing (a host name, a brand).
func LevelOf(name string) facts.Level {
	n := canon(name)
	switch {
	case n == "":
		return ""
	case townshipRe.MatchString(n):
		return facts.LevelTownship
	case deptRe.MatchString(n):
		return facts.LevelDepartment
	case govRe.MatchString(n), regionRe.MatchString(n):
		return facts.LevelGovernment
	}
	return ""
}

// canon normalises a unit name for comparison: no whitespace or punctuation, 人民政府
// written 政府, a website's suffix dropped.
func canon(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || r == '\u3000' || r == '\u00a0' {
			continue
		}
		b.WriteRune(r)
	}
	n := trimSite(b.String())
	return strings.ReplaceAll(n, "人民政府", "政府")
}

// govCore is a government's name without 政府 ("青岚县政府" → "青岚县"); a bare region is
// its own core.
func govCore(n string) string {
	return strings.TrimSuffix(n, "政府")
}

// SameUnit reports whether two names denote the same unit, as a report's title and a
// site's name write it: 青岚县 and 青岚县人民政府 (the county's report), 达川区 and
// 达州市达川区人民政府, 县教育局 and 青岚县教育局. A township or department of the
// county (青岚县城关镇人民政府, 青岚县教育局) is not the county.
func SameUnit(a, b string) bool {
	ca, cb := canon(a), canon(b)
	if ca == "" || cb == "" {
		return false
	}
	if ca == cb {
		return true
	}
	la, lb := LevelOf(ca), LevelOf(cb)
	if la == facts.LevelGovernment && lb == facts.LevelGovernment {
		ga, gb := govCore(ca), govCore(cb)
		if ga == gb {
			return true
		}
		short, long := ga, gb
		if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
			short, long = long, short
		}
		// 达川区 within 达州市达川区: the shorter names the same region when it is a whole
		// region name at the end of the longer, after the name of a higher region.
		if utf8.RuneCountInString(short) < 2 || !regionRe.MatchString(short) || !strings.HasSuffix(long, short) {
			return false
		}
		return regionRe.MatchString(strings.TrimSuffix(long, short))
	}
	if la != lb && la != "" && lb != "" {
		return false
	}
	if la == facts.LevelTownship || lb == facts.LevelTownship {
		// 青石镇 and 桐川县青石镇人民政府; 青云街道 and 青云街道办事处
		ca, cb = townCore(ca), townCore(cb)
		if ca == cb {
			return true
		}
	}
	short, long := ca, cb
	if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
		short, long = long, short
	}
	// 县教育局 within 青岚县教育局: the longer adds only the region in front.
	if utf8.RuneCountInString(short) < 3 || !strings.HasSuffix(long, short) {
		return false
	}
	prefix := strings.TrimSuffix(long, short)
	return prefix == "" || regionRe.MatchString(prefix) || regionRe.MatchString(prefix+string([]rune(short)[0]))
}

// MaybeSameUnit reports whether two names that SameUnit tells apart could still be one
// unit written two ways: an abbreviation (青岚县教体局 for 青岚县教育和体育局) keeps the kind
// of unit (the last character) and the other's characters in order.
func MaybeSameUnit(a, b string) bool {
	ra, rb := []rune(canon(a)), []rune(canon(b))
	if len(ra) == 0 || len(rb) == 0 || ra[len(ra)-1] != rb[len(rb)-1] || LevelOf(a) != LevelOf(b) {
		return false
	}
	// Drop a shared region prefix (青岚县), then the kind of unit.
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	for i > 0 && !regionRe.MatchString(string(ra[:i])) {
		i--
	}
	ca, cb := ra[i:len(ra)-1], rb[i:len(rb)-1]
	if len(ca) > len(cb) {
		ca, cb = cb, ca
	}
	if len(ca) < 2 {
		return false
	}
	k := 0
	for _, r := range cb {
		if k < len(ca) && r == ca[k] {
			k++
		}
	}
	return k == len(ca)
}

func townCore(n string) string {
	for _, suf := range []string{"政府", "办事处", "办"} {
		if c, ok := strings.CutSuffix(n, suf); ok && townshipRe.MatchString(c) {
			return c
		}
	}
	return n
}

// IsOfficeOf reports whether unit is the general office of government gov (青岚县人民政府
// 办公室 of 青岚县人民政府), which publishes the government's report as 发布机构.
func IsOfficeOf(unit, gov string) bool {
	u := canon(unit)
	for _, suf := range []string{"政府办公室", "政府办公厅", "政府办"} {
		if core, ok := strings.CutSuffix(u, suf); ok {
			return core != "" && SameUnit(core, gov)
		}
	}
	return false
}

// UnitFromSiteName turns a site's name ("青岚县人民政府门户网站", "首页 - 青岚县教育局")
// into the unit's name; "" when it names no unit (a host name, "首页").
func UnitFromSiteName(s string) string {
	best := ""
	for _, part := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("-_|｜—–·>»", r) || unicode.IsSpace(r) || r == '\u3000'
	}) {
		p := trimSite(strings.TrimSpace(part))
		if !hasHan(p) || LevelOf(p) == "" {
			continue
		}
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best
}

// trimSite drops a website's suffix from a name: 青岚县人民政府门户网站 → 青岚县人民政府,
// 青岚县政府网 → 青岚县政府.
func trimSite(s string) string {
	if m := siteSuffix.FindStringSubmatchIndex(s); m != nil {
		if m[2] >= 0 { // …政府网: keep 政府
			return s[:m[2]]
		}
		return s[:m[0]]
	}
	return s
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
