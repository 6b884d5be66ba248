package rules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/facts"
)

// This file finds unmasked personal numbers in a text (a page's text, a table, an
// attachment's text). It is deliberately conservative: a number is reported only when
// its own structure proves what it is (a resident ID's checksum, birth date and province
// code) or when its structure and its context together do (a card number passing Luhn
// in a column or line labelled 账号/卡号/一卡通 of a list of people; mobiles in a list of
// people). Masked numbers (510722********1234, 138****5678) never match: '*' splits them.

// piiKind is the kind of personal number found.
type piiKind int

const (
	piiID     piiKind = iota // 18-digit resident ID (GB 11643)
	piiID15                  // legacy 15-digit resident ID
	piiCard                  // bank card / 一卡通 account passing Luhn
	piiMobile                // personal mobile number
)

func (k piiKind) String() string {
	switch k {
	case piiID:
		return "身份证号"
	case piiID15:
		return "15位身份证号"
	case piiCard:
		return "银行卡/一卡通账号"
	case piiMobile:
		return "手机号码"
	}
	return "?"
}

// piiHit is one unmasked number, masked for display.
type piiHit struct {
	Kind   piiKind
	Digits string // the number itself: used only to count distinct numbers, never shown
	Masked string
	Where  string // "line 5", "table 2 row 3"
	Near   string // the text just before the number, numbers masked
}

// piiScan holds what a scan of one document found.
type piiScan struct {
	ref  facts.Date // birth dates after this day are impossible (the page's date)
	hits []piiHit
	seen map[string]bool
}

func newPIIScan(ref facts.Date) *piiScan { return &piiScan{ref: ref, seen: map[string]bool{}} }

func (s *piiScan) add(h piiHit) {
	if s.seen[h.Digits] {
		return
	}
	s.seen[h.Digits] = true
	s.hits = append(s.hits, h)
}

// Column and label vocabularies. A header line/row holds at least two of these labels.
var (
	piiPersonLabel   = regexp.MustCompile(`姓\s*名|户\s*主|户\s*名|持卡人|收款人|领款人|领取人|申请人|补贴对象|救助对象|保障对象|供养对象|享受对象|受助人|受益人|农户|承包户|被征收人|家庭成员|监护人|学生|参保人|权利人|困难群众|人员名单`)
	piiOfficialLabel = regexp.MustCompile(`职\s*务|职\s*位|联系人|负责人|责任人|联络员|网格员|信息员|窗\s*口|科\s*室|处\s*室|股\s*室|办事机构|部门名称|单位名称|机构名称`)
	piiIDLabel       = regexp.MustCompile(`身份证|证件号|身份号码|公民身份|证件编号`)
	piiCardLabel     = regexp.MustCompile(`账\s*号|帐\s*号|卡\s*号|账\s*户|帐\s*户|一卡通|社保卡|银行卡|存\s*折|折\s*号|开户行|开户银行`)
	piiMobileLabel   = regexp.MustCompile(`电\s*话|手\s*机|联系方式`)
	piiOtherLabel    = regexp.MustCompile(`序\s*号|村\s*组|村|组别|乡\s*镇|街道|金\s*额|补贴|补助|面\s*积|性\s*别|年\s*龄|出生|住\s*址|地\s*址|备\s*注|人\s*数|人\s*口|标\s*准|类\s*别|民\s*族|关\s*系|与户主`)
	// Labels whose 18-character codes are not resident IDs even when all digits.
	piiNotIDLabel = regexp.MustCompile(`统一社会信用代码|信用代码|组织机构代码|纳税人识别号|税\s*号|注册号|索\s*引\s*号`)
	// Account-holder labels on one line ("户名：青岚县财政局 账号：…") and what makes the
	// holder an organisation rather than a person.
	piiHolderRe = regexp.MustCompile(`(?:户\s*名|姓\s*名|持卡人|收款人|领款人|账户名称|帐户名称|开户名称|收款单位|单位名称)\s*[:：]?\s*([^\s,，;；:：]{1,30})`)
	piiOrgWord  = regexp.MustCompile(`局|政府|委员会|办公室|办事处|中心|公司|银行|财政|学校|医院|协会|基金|合作社|村民委员会|居委会|管委会|所$|站$|队$|院$|厂|集团|专户|账户|帐户`)
)

// piiHeader is the context a header line gives the lines under it.
type piiHeader struct {
	person   bool // names private persons (姓名, 户主 …)
	official bool // a contact list of officials or offices (职务, 联系人, 窗口 …)
	card     bool // has an account / card column
	id       bool // has an ID-number column
	notID    bool // has a 统一社会信用代码 / 索引号 column
}

// piiHeaderOf: a short line of column labels (at least two) with hardly a digit in it.
func piiHeaderOf(line string) (piiHeader, bool) {
	if utf8.RuneCountInString(line) > 100 || strings.Contains(line, "。") || piiDigitCount(line) > 4 {
		return piiHeader{}, false
	}
	n := 0
	h := piiHeader{}
	for _, re := range []*regexp.Regexp{piiPersonLabel, piiIDLabel, piiCardLabel, piiMobileLabel, piiOtherLabel, piiNotIDLabel, piiOfficialLabel} {
		n += len(re.FindAllStringIndex(line, -1))
	}
	if n < 2 {
		return piiHeader{}, false
	}
	h.person = piiPersonLabel.MatchString(line)
	h.official = piiOfficialLabel.MatchString(line)
	h.card = piiCardLabel.MatchString(line)
	h.id = piiIDLabel.MatchString(line)
	h.notID = piiNotIDLabel.MatchString(line)
	return h, true
}

// piiDigitCount counts ASCII digits: a header holds none but a year or two.
func piiDigitCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// piiNormalize maps full-width digits, X and spaces to ASCII so "１１０１…" is read too.
func piiNormalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == 'Ｘ' || r == 'ｘ':
			return 'X'
		case r == '\u3000' || r == '\u00a0':
			return ' '
		}
		return r
	}, s)
}

// piiToken is a run of ASCII letters and digits in a line.
type piiToken struct {
	text       string
	start, end int // byte offsets in the line
}

// piiAlnumRuns splits a line into maximal runs of ASCII letters and digits.
func piiAlnumRuns(line string) []piiToken {
	var out []piiToken
	start := -1
	for i := 0; i <= len(line); i++ {
		alnum := i < len(line) && piiIsAlnum(line[i])
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			out = append(out, piiToken{line[start:i], start, i})
			start = -1
		}
	}
	return out
}

func piiIsAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// piiGroupedCardRe matches card numbers written in groups (6222 0212 3456 7890 123).
var piiGroupedCardRe = regexp.MustCompile(`(?:^|[^0-9A-Za-z*])(\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{6}[ -]\d{10,13})(?:$|[^0-9A-Za-z*])`)

// scanLines scans a text line by line; header lines give the lines under them their
// context until the next header. src names the lines in Where ("line", "table 2 row").
func (s *piiScan) scanLines(lines []string, src string) {
	var hdr piiHeader
	haveHdr := false
	var mobiles []piiHit
	flushMobiles := func() {
		// A list of people: at least two distinct personal mobiles under one person header.
		distinct := map[string]bool{}
		for _, m := range mobiles {
			distinct[m.Digits] = true
		}
		if len(distinct) >= 2 {
			for _, m := range mobiles {
				s.add(m)
			}
		}
		mobiles = nil
	}
	for i, raw := range lines {
		line := piiNormalize(raw)
		if h, ok := piiHeaderOf(line); ok {
			flushMobiles()
			hdr, haveHdr = h, true
			continue
		}
		if haveHdr && strings.Contains(line, "。") {
			// A sentence ends the table the header belonged to.
			flushMobiles()
			hdr, haveHdr = piiHeader{}, false
		}
		where := fmt.Sprintf("%s %d", src, i+1)
		rowLike := haveHdr && len(strings.Fields(line)) >= 3
		for _, t := range piiAlnumRuns(line) {
			s.token(line, t, where, hdr, haveHdr, rowLike, &mobiles)
		}
		for _, m := range piiGroupedCardRe.FindAllStringSubmatchIndex(line, -1) {
			digits := strings.NewReplacer(" ", "", "-", "").Replace(line[m[2]:m[3]])
			if len(digits) >= 16 && len(digits) <= 19 && s.cardContext(line, m[2], hdr, haveHdr) && piiLuhn(digits) && piiCardPrefixOK(digits) {
				s.add(piiHit{Kind: piiCard, Digits: digits, Masked: piiMaskCard(digits), Where: where, Near: piiNear(line, m[2])})
			}
		}
	}
	flushMobiles()
}

// token judges one alphanumeric run of a line.
func (s *piiScan) token(line string, t piiToken, where string, hdr piiHeader, haveHdr, rowLike bool, mobiles *[]piiHit) {
	txt := t.text
	if !piiDigitsX(txt) || piiInURL(line, t) {
		return
	}
	before := line[:t.start]
	switch n := len(txt); {
	case n == 18:
		if !piiNotIDContext(before, hdr) && validID18(txt, s.ref) {
			s.add(piiHit{Kind: piiID, Digits: txt, Masked: piiMask(txt, 4, 4), Where: where, Near: piiNear(line, t.start)})
			return
		}
		if piiIsDigits(txt) && s.cardContext(line, t.start, hdr, haveHdr) && piiLuhn(txt) && piiCardPrefixOK(txt) {
			s.add(piiHit{Kind: piiCard, Digits: txt, Masked: piiMaskCard(txt), Where: where, Near: piiNear(line, t.start)})
		}
	case n == 15:
		// Legacy IDs: 15-digit numbers are common (order, account and serial numbers), so
		// only under an ID label on the line or an ID column, and only with a real area
		// and birth date.
		if piiIsDigits(txt) && (piiIDLabel.MatchString(piiLastRunes(before, 16)) || haveHdr && hdr.id && !hdr.card) && validID15(txt, s.ref) {
			s.add(piiHit{Kind: piiID15, Digits: txt, Masked: piiMask(txt, 4, 4), Where: where, Near: piiNear(line, t.start)})
		}
	case n >= 16 && n <= 19:
		if piiIsDigits(txt) && s.cardContext(line, t.start, hdr, haveHdr) && piiLuhn(txt) && piiCardPrefixOK(txt) {
			s.add(piiHit{Kind: piiCard, Digits: txt, Masked: piiMaskCard(txt), Where: where, Near: piiNear(line, t.start)})
		}
	case n == 11:
		if piiMobileRe.MatchString(txt) && haveHdr && hdr.person && !hdr.official && rowLike && !piiContactLine.MatchString(line) {
			*mobiles = append(*mobiles, piiHit{Kind: piiMobile, Digits: txt, Masked: txt[:3] + "****" + txt[7:], Where: where, Near: piiNear(line, t.start)})
		}
	}
}

var (
	piiMobileRe = regexp.MustCompile(`^1[3-9]\d{9}$`)
	// piiContactLine: a line that gives someone to contact (a label and a number), not a
	// row of a list, even under a list's header.
	piiContactLine = regexp.MustCompile(`联系人|咨询|监督|举报|投诉|电\s*话\s*[:：]|手\s*机\s*[:：]`)
)

// cardContext: a card/account label just before the number on the line, or a card
// column in the header; and the account belongs to a person (a person header, or a
// holder on the line who is not an organisation).
func (s *piiScan) cardContext(line string, at int, hdr piiHeader, haveHdr bool) bool {
	labelled := piiCardLabel.MatchString(piiLastRunes(line[:at], 12))
	if !labelled && !(haveHdr && hdr.card) {
		return false
	}
	if m := piiHolderRe.FindStringSubmatch(line); m != nil {
		return !piiOrgWord.MatchString(m[1])
	}
	return haveHdr && hdr.person
}

// piiNotIDContext: the number is labelled as a 统一社会信用代码, 索引号 … on its line, or
// sits under such a column without an ID column beside it.
func piiNotIDContext(before string, hdr piiHeader) bool {
	lb := piiLastRunes(before, 16)
	if piiNotIDLabel.MatchString(lb) && !piiIDLabel.MatchString(lb) {
		return true
	}
	return hdr.notID && !hdr.id
}

// piiInURL: the run is part of a URL or a query (…/art/…, ?id=…, /2023-00123 索引号 tails).
func piiInURL(line string, t piiToken) bool {
	if t.start > 0 {
		switch line[t.start-1] {
		case '/', '=', '&', '?', '_', '\\', '.', '-', '#', '%':
			return true
		}
	}
	if t.end < len(line) {
		switch line[t.end] {
		case '/', '_', '\\', '=', '%':
			return true
		case '-':
			// 11510722…/2023-00123 is handled by '/'; a number followed by -digits is a
			// compound code (a serial), not an ID.
			return t.end+1 < len(line) && piiIsAlnum(line[t.end+1])
		}
	}
	// The whitespace-separated word holding the run names a URL.
	ws := strings.LastIndexAny(line[:t.start], " \t") + 1
	we := strings.IndexAny(line[t.end:], " \t")
	if we < 0 {
		we = len(line)
	} else {
		we += t.end
	}
	word := line[ws:we]
	return strings.Contains(word, "://") || strings.HasPrefix(word, "www.")
}

func piiDigitsX(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !(i == len(s)-1 && (c == 'X' || c == 'x')) {
			return false
		}
	}
	return s != ""
}

func piiIsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Province codes of GB/T 2260 (first two digits of a resident ID).
var piiProvinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

var (
	piiIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	piiIDChecks  = "10X98765432"
)

// piiMaxAge is the oldest plausible age of a living person named in a 公示.
const piiMaxAge = 120

// validID18 checks a resident ID number (GB 11643-1999): province code, a real birth
// date not after ref and at most piiMaxAge years before it, and the check character.
func validID18(s string, ref facts.Date) bool {
	if len(s) != 18 || !piiIsDigits(s[:17]) || !piiProvinces[s[:2]] {
		return false
	}
	if !piiPlausibleBirth(s[6:10], s[10:12], s[12:14], ref) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * piiIDWeights[i]
	}
	return piiIDChecks[sum%11] == piiUpper(s[17])
}

// validID15 checks a legacy 15-digit ID: province code and a real birth date 19YYMMDD
// (15-digit numbers were issued until 1999, to people born in the 1900s).
func validID15(s string, ref facts.Date) bool {
	if len(s) != 15 || !piiIsDigits(s) || !piiProvinces[s[:2]] {
		return false
	}
	return piiPlausibleBirth("19"+s[6:8], s[8:10], s[10:12], ref)
}

func piiPlausibleBirth(y, m, d string, ref facts.Date) bool {
	dt, ok := facts.ParseDate(y + "-" + m + "-" + d)
	if !ok || dt.String() != y+"-"+m+"-"+d { // ParseDate must not normalise 02-30
		return false
	}
	if ref.IsZero() {
		ref = facts.Today()
	}
	return !dt.After(ref) && dt.Year > ref.Year-piiMaxAge
}

func piiUpper(b byte) byte {
	if b == 'x' {
		return 'X'
	}
	return b
}

// piiLuhn reports whether a digit string passes the Luhn check (ISO/IEC 7812).
func piiLuhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// piiCardPrefixOK: issuer prefixes of cards issued in China (UnionPay 62, Visa 4, Mastercard
// 5, JCB 35, some rural credit co-operative cards 9); dates and serials starting 1, 2 … are not cards.
func piiCardPrefixOK(s string) bool {
	switch s[0] {
	case '3', '4', '5', '6', '9':
		return true
	}
	return false
}

// piiMask shows the first and last characters of a number, stars between.
func piiMask(s string, head, tail int) string {
	if len(s) <= head+tail {
		return strings.Repeat("*", len(s))
	}
	return s[:head] + strings.Repeat("*", len(s)-head-tail) + s[len(s)-tail:]
}

func piiMaskCard(s string) string { return s[:4] + " **** **** " + s[len(s)-4:] }

// piiLastRunes returns the last n runes of s.
func piiLastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// piiNear is up to 24 runes before a number, long numbers (6+ digits) replaced by ***,
// so the evidence locates the number without repeating anyone's data.
func piiNear(line string, at int) string {
	s := piiLongNumRe.ReplaceAllString(line[:at], "***")
	return strings.Join(strings.Fields(piiLastRunes(s, 24)), " ")
}

var piiLongNumRe = regexp.MustCompile(`\d{6,}[Xx]?`)

// piiTableLines turns a table into lines of cells joined by spaces, as Page.Text shows them.
func piiTableLines(t facts.Table) []string {
	out := make([]string, 0, len(t.Rows))
	for _, row := range t.Rows {
		cells := make([]string, 0, len(row))
		for _, c := range row {
			if c.Copy {
				continue
			}
			cells = append(cells, strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return ' '
				}
				return r
			}, c.Text))
		}
		out = append(out, strings.Join(cells, " "))
	}
	return out
}
