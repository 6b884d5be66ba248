package annualreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// Num is a table cell read as a count. A blank cell (empty, a dash, text) is not 0: an
// identity with a blank operand cannot be checked.
type Num struct {
	V     int
	Blank bool
	Raw   string // the cell as shown, for evidence
	Why   string // for a derived blank (a sum with a blank operand): which operand
}

func (n Num) String() string {
	if n.Why != "" {
		return n.Why
	}
	if !n.Blank {
		return strconv.Itoa(n.V)
	}
	if n.Raw == "" {
		return "(blank)"
	}
	return fmt.Sprintf("“%s”", n.Raw)
}

var countRe = regexp.MustCompile(`^([0-9]+)(?:件|个|次|人|条)?$`)

func parseNum(c facts.Cell) Num {
	raw := facts.NormalizeSpace(c.Text)
	t := normalizeTitle(facts.NormalizeLabel(c.Text))
	if c.Copy {
		// A number spanning several cells says nothing about the others.
		return Num{Blank: true, Raw: raw + "（合并单元格）"}
	}
	if m := countRe.FindStringSubmatch(t); m != nil {
		v, err := strconv.Atoi(m[1])
		if err == nil {
			return Num{V: v, Raw: raw}
		}
	}
	return Num{Blank: true, Raw: raw}
}

// The columns of table 三 as named in evidence.
const (
	ColNatural = "自然人"
	ColLegal   = "法人或其他组织" // when the table has no sub-columns for it
	ColTotal   = "总计"
)

// legalSubs are the sub-columns of 法人或其他组织 in template order.
var legalSubs = []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// RowKind is what a row of table 三 is.
type RowKind int

const (
	RowOther    RowKind = iota
	RowReceived         // 一、本年新收政府信息公开申请数量
	RowCarryIn          // 二、上年结转政府信息公开申请数量
	RowOutcome          // a row of 三、本年度办理结果: （一）…（六） (a group) or one of its items
	RowSubtotal         // a 小计 row of a group (not in the template; some reports add it)
	RowTotal            // （七）总计
	RowCarryOut         // 四、结转下年度继续办理
)

// Row is one row of table 三.
type Row struct {
	Kind  RowKind
	Group int // 1–6 for （一）…（六）, 0 elsewhere
	Item  int // the item number within its group (1.属于国家秘密 → 1), 0 for a group row
	Label string
	// Heading: a group row without figures of its own (its items follow).
	Heading bool
	Vals    []Num // index-aligned with ApplicationTable.Columns
}

// ApplicationTable is table 三、收到和处理政府信息公开申请情况, read by label text.
type ApplicationTable struct {
	// Format: "2021" (国办公开办函〔2021〕30号: （六）其他处理 has three items) or "2019"
	// (the trial format: （六）其他处理 is one row).
	Format  string
	Columns []string // ColNatural, 法人或其他组织·商业企业 …, ColTotal, as present, in table order
	Rows    []Row
}

var (
	itemRe    = regexp.MustCompile(`^(?:[（(]([0-9]{1,2})[）)]|([0-9]{1,2})\s*[.、])`)
	groupOrdR = regexp.MustCompile(`^[（(]([一二三四五六七])[）)]`)
)

// groupWords name the outcome groups; the ordinal alone is not trusted (reports renumber).
var groupWords = []struct {
	g  int
	re *regexp.Regexp
}{
	{1, regexp.MustCompile(`予以公开`)},
	{2, regexp.MustCompile(`部分公开`)},
	{3, regexp.MustCompile(`不予公开`)},
	{4, regexp.MustCompile(`无法提供`)},
	{5, regexp.MustCompile(`不予处理`)},
	{6, regexp.MustCompile(`其他处理|其它处理`)},
	{7, regexp.MustCompile(`^(?:[（(]七[）)])?(?:总计|合计)$`)},
}

// groupOf returns the outcome group a label names (7 for （七）总计), 0 for none.
func groupOf(label string) int {
	l := facts.NormalizeLabel(label)
	for _, w := range groupWords {
		if w.re.MatchString(l) {
			return w.g
		}
	}
	if m := groupOrdR.FindStringSubmatch(l); m != nil && strings.Contains(l, "总计") {
		return 7
	}
	return 0
}

func itemOf(label string) int {
	m := itemRe.FindStringSubmatch(normalizeTitle(label))
	if m == nil {
		return 0
	}
	s := m[1]
	if s == "" {
		s = m[2]
	}
	n, _ := strconv.Atoi(s)
	return n
}

// GroupNames are the template's outcome groups, for evidence.
var GroupNames = [8]string{"", "（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理", "（七）总计"}

// ParseApplicationTable reads table 三 from a grid, or says why the grid is not it.
func ParseApplicationTable(t facts.Table) (*ApplicationTable, error) {
	first := -1
	for r, row := range t.Rows {
		if rowHas(row, "本年新收") {
			first = r
			break
		}
	}
	if first < 1 {
		return nil, fmt.Errorf("no row 一、本年新收政府信息公开申请数量 under a header")
	}
	width := len(t.Rows[0])
	cols := make([]int, 0, 8)
	names := make([]string, 0, 8)
	seen := map[string]bool{}
	for j := 0; j < width; j++ {
		var path []string
		for r := 0; r < first; r++ {
			l := facts.NormalizeLabel(t.Rows[r][j].Text)
			if l != "" && (len(path) == 0 || path[len(path)-1] != l) {
				path = append(path, l)
			}
		}
		if len(path) == 0 {
			continue
		}
		name := columnName(path)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		cols = append(cols, j)
		names = append(names, name)
	}
	if !seen[ColNatural] {
		return nil, fmt.Errorf("no column 自然人 in the header")
	}
	labelEnd := cols[0]
	at := &ApplicationTable{Columns: names}
	group := 0
	inOutcomes, done := false, false
	itemsSeen := map[int]int{}
	for r := first; r < len(t.Rows) && !done; r++ {
		row := t.Rows[r]
		var parts []string
		for j := 0; j < labelEnd && j < len(row); j++ {
			l := facts.NormalizeSpace(row[j].Text)
			if l != "" && (len(parts) == 0 || parts[len(parts)-1] != l) {
				parts = append(parts, l)
			}
		}
		label := strings.Join(parts, "")
		x := Row{Label: displayLabel(parts)}
		switch {
		case strings.Contains(label, "本年新收"):
			x.Kind = RowReceived
		case strings.Contains(label, "上年结转"):
			x.Kind, inOutcomes = RowCarryIn, true
		case strings.Contains(label, "结转下年"):
			x.Kind, done = RowCarryOut, true // rows below (notes) are not data
		case inOutcomes:
			x.Kind, x.Group, x.Item = outcomeRow(parts, &group, itemsSeen)
			if x.Kind == RowTotal {
				inOutcomes = false
			}
		}
		if x.Kind == RowOther {
			continue
		}
		spanned := 0
		for _, j := range cols {
			var c facts.Cell
			if j < len(row) {
				c = row[j]
			}
			if c.Copy && label != "" && strings.Contains(label, facts.NormalizeSpace(c.Text)) {
				spanned++
			}
			x.Vals = append(x.Vals, parseNum(c))
		}
		if spanned == len(cols) {
			x.Heading = true // the label spans the whole row: a heading line
		}
		if why := misaligned(row, labelEnd, cols); why != "" {
			// A stray cell shifted the figures: reading them would compare the wrong
			// columns. Every figure of the row is left undetermined.
			for i := range x.Vals {
				x.Vals[i] = Num{Blank: true, Why: why}
			}
		}
		at.Rows = append(at.Rows, x)
	}
	for _, k := range []RowKind{RowReceived, RowCarryIn, RowTotal, RowCarryOut} {
		if at.row(k) == nil {
			return nil, fmt.Errorf("no row %s", kindName[k])
		}
	}
	// Group rows followed by their items carry no figures of their own unless they
	// have some (then they are the group's subtotal).
	for i := range at.Rows {
		x := &at.Rows[i]
		if x.Kind == RowOutcome && x.Item == 0 && len(at.items(x.Group)) > 0 {
			if allBlank(x.Vals) {
				x.Heading = true
			} else if !x.Heading {
				x.Kind = RowSubtotal
			}
		}
	}
	at.Format = "2019"
	if len(at.items(6)) > 0 {
		at.Format = "2021"
	}
	return at, nil
}

// outcomeRow classifies a row of 三、本年度办理结果 from its label parts: a group
// (（一）…（六）, by its words), an item of the current group (its own label, numbered
// "1." or not), a 小计, or （七）总计. group is the current group, carried from row to row
// for layouts that put the group's name on its own row above its items.
func outcomeRow(parts []string, group *int, itemsSeen map[int]int) (RowKind, int, int) {
	g, gi := 0, -1
	for i, p := range parts {
		if itemOf(p) == 0 {
			if k := groupOf(p); k > 0 {
				g, gi = k, i
			}
		}
	}
	if g == 7 {
		return RowTotal, 0, 0
	}
	var after []string
	if gi >= 0 {
		*group = g
		after = parts[gi+1:]
	} else {
		for _, p := range parts {
			if !strings.Contains(p, "办理结果") {
				after = append(after, p)
			}
		}
	}
	if *group == 0 {
		return RowOther, 0, 0
	}
	if len(after) == 0 {
		if gi < 0 {
			return RowOther, 0, 0
		}
		return RowOutcome, *group, 0
	}
	last := after[len(after)-1]
	if strings.Contains(last, "小计") || strings.Contains(last, "合计") {
		return RowSubtotal, *group, 0
	}
	// An item: numbered as in the template (1.属于国家秘密), or in order when the site
	// dropped the numbers.
	n := itemOf(last)
	if n == 0 {
		n = itemsSeen[*group] + 1
	}
	itemsSeen[*group] = max(itemsSeen[*group], n)
	return RowOutcome, *group, n
}

// misaligned says why a data row's figures cannot be trusted to sit under their
// columns: a number among the labels, or numbers beyond the last data column.
// A number among the labels is fine when a text label follows it (an item number in a
// column of its own).
func misaligned(row []facts.Cell, labelEnd int, cols []int) string {
	last := cols[len(cols)-1]
	textAfter := false
	for j := min(labelEnd, len(row)) - 1; j >= 0; j-- {
		c := row[j]
		n := parseNum(c)
		switch {
		case c.Copy:
		case !n.Blank && !textAfter:
			return fmt.Sprintf("not read: the row has a figure (%s) among its labels", n.Raw)
		case n.Blank && strings.TrimSpace(c.Text) != "":
			textAfter = true
		}
	}
	for j := last + 1; j < len(row); j++ {
		if n := parseNum(row[j]); !row[j].Copy && !n.Blank {
			return fmt.Sprintf("not read: the row has a figure (%s) beyond the table's columns", n.Raw)
		}
	}
	return ""
}

var kindName = map[RowKind]string{
	RowReceived: "一、本年新收政府信息公开申请数量",
	RowCarryIn:  "二、上年结转政府信息公开申请数量",
	RowTotal:    "三、本年度办理结果（七）总计",
	RowCarryOut: "四、结转下年度继续办理",
}

// columnName names a table 三 column from its header path (top to bottom).
func columnName(path []string) string {
	leaf := path[len(path)-1]
	legal := false
	for _, p := range path {
		if strings.Contains(p, "法人") {
			legal = true
		}
	}
	switch {
	case leaf == "自然人":
		return ColNatural
	case leaf == "总计" || leaf == "合计":
		return ColTotal
	}
	for _, s := range legalSubs {
		if leaf == s || (s != "其他" && strings.Contains(leaf, s)) || (s == "其他" && legal && (leaf == "其他组织" || leaf == "其它")) {
			return ColLegal + "·" + s
		}
	}
	if strings.Contains(leaf, "法人") {
		return ColLegal
	}
	return ""
}

func displayLabel(parts []string) string {
	var out []string
	for _, p := range parts {
		if strings.Contains(p, "办理结果") && len(parts) > 1 {
			continue // 三、本年度办理结果 heads every outcome row
		}
		out = append(out, p)
	}
	return strings.Join(out, "·")
}

func rowHas(row []facts.Cell, s string) bool {
	for _, c := range row {
		if strings.Contains(facts.NormalizeLabel(c.Text), s) {
			return true
		}
	}
	return false
}

func allBlank(v []Num) bool {
	for _, n := range v {
		if !n.Blank {
			return false
		}
	}
	return true
}

func (t *ApplicationTable) row(k RowKind) *Row {
	for i := range t.Rows {
		if t.Rows[i].Kind == k {
			return &t.Rows[i]
		}
	}
	return nil
}

func (t *ApplicationTable) items(g int) []*Row {
	var out []*Row
	for i := range t.Rows {
		if x := &t.Rows[i]; x.Kind == RowOutcome && x.Group == g && x.Item > 0 {
			out = append(out, x)
		}
	}
	return out
}

func (t *ApplicationTable) groupRow(g int, kind RowKind) *Row {
	for i := range t.Rows {
		if x := &t.Rows[i]; x.Kind == kind && x.Group == g && x.Item == 0 {
			return x
		}
	}
	return nil
}

// Col returns the index of a column by name, -1 when absent.
func (t *ApplicationTable) Col(name string) int {
	for i, n := range t.Columns {
		if n == name {
			return i
		}
	}
	return -1
}

// Outcome of checking one identity.
type Outcome int

const (
	Pass Outcome = iota
	Fail
	Undetermined
)

// Check is one identity checked: its stable key, the outcome and the numbers.
type Check struct {
	Key      string
	Outcome  Outcome
	Evidence string
}

// term is one operand of an identity, named for evidence.
type term struct {
	name string
	n    Num
}

func sum(ts []term) (int, *term) {
	s := 0
	for i := range ts {
		if ts[i].n.Blank {
			return 0, &ts[i]
		}
		s += ts[i].n.V
	}
	return s, nil
}

func show(ts []term) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(" + ")
		}
		fmt.Fprintf(&b, "%s %s", t.name, t.n)
	}
	return b.String()
}

// identity checks left = right; where says which table and column or row.
func identity(key, where string, left, right []term) Check {
	l, lb := sum(left)
	r, rb := sum(right)
	if lb != nil || rb != nil {
		b := lb
		if b == nil {
			b = rb
		}
		return Check{Key: key, Outcome: Undetermined, Evidence: fmt.Sprintf("%s: not checked, %s is %s", where, b.name, b.n)}
	}
	ev := fmt.Sprintf("%s: %s", where, side(left, l))
	if l == r {
		return Check{Key: key, Outcome: Pass, Evidence: ev + " = " + side(right, r)}
	}
	return Check{Key: key, Outcome: Fail, Evidence: ev + " ≠ " + side(right, r)}
}

func side(ts []term, v int) string {
	if len(ts) == 1 {
		return show(ts)
	}
	return fmt.Sprintf("%s = %d", show(ts), v)
}

// Checks checks every identity of table 三: per column 一 + 二 = 三(七) + 四 and
// 三(七) = （一）+…+（六） (a group being its items' sum, or its 小计, which must then equal
// its items); per row 总计 = the sum of the applicant columns.
func (t *ApplicationTable) Checks() []Check {
	var out []Check
	rec, in, tot, carry := t.row(RowReceived), t.row(RowCarryIn), t.row(RowTotal), t.row(RowCarryOut)
	for c, col := range t.Columns {
		where := "table 三, column " + col
		out = append(out, identity("三:一+二=三(七)+四:"+col, where,
			[]term{{"一 本年新收", rec.Vals[c]}, {"二 上年结转", in.Vals[c]}},
			[]term{{"三(七) 总计", tot.Vals[c]}, {"四 结转下年度", carry.Vals[c]}}))
		var groups []term
		missing := ""
		for g := 1; g <= 6; g++ {
			n, ok, chk := t.groupValue(g, c, col)
			if chk != nil {
				out = append(out, *chk)
			}
			if !ok {
				missing = GroupNames[g]
				break
			}
			groups = append(groups, term{strings.SplitN(GroupNames[g], "）", 2)[0] + "）", n})
		}
		key := "三:三(七)=（一）…（六）:" + col
		if missing != "" {
			out = append(out, Check{Key: key, Outcome: Undetermined, Evidence: fmt.Sprintf("%s: not checked, no row %s", where, missing)})
			continue
		}
		out = append(out, identity(key, where, []term{{"三(七) 总计", tot.Vals[c]}}, groups))
	}
	out = append(out, t.rowChecks()...)
	return out
}

// groupValue is the value of outcome group g in column c: its 小计 (or its own figures)
// when it has them, else the sum of its items. chk is the check of a 小计 against its
// items, when both are there.
func (t *ApplicationTable) groupValue(g, c int, col string) (n Num, ok bool, chk *Check) {
	items := t.items(g)
	sub := t.groupRow(g, RowSubtotal)
	own := t.groupRow(g, RowOutcome)
	if len(items) == 0 {
		switch {
		case own != nil && !own.Heading:
			return own.Vals[c], true, nil
		case sub != nil:
			return sub.Vals[c], true, nil
		}
		return Num{}, false, nil
	}
	ts := make([]term, len(items))
	for i, it := range items {
		ts[i] = term{fmt.Sprintf("%d.", it.Item), it.Vals[c]}
	}
	s, blank := sum(ts)
	if sub != nil {
		k := identity(fmt.Sprintf("三:小计%s:%s", GroupNames[g], col), fmt.Sprintf("table 三, column %s, %s", col, GroupNames[g]),
			[]term{{"小计", sub.Vals[c]}}, ts)
		if !sub.Vals[c].Blank {
			return sub.Vals[c], true, &k
		}
		chk = &k
	}
	if blank != nil {
		return Num{Blank: true, Why: fmt.Sprintf("not summable (item %s is %s)", blank.name, blank.n)}, true, chk
	}
	return Num{V: s}, true, chk
}

// rowChecks: 总计 = 自然人 + the 法人或其他组织 columns, for every row with figures.
func (t *ApplicationTable) rowChecks() []Check {
	tc := t.Col(ColTotal)
	if tc < 0 {
		return nil
	}
	var out []Check
	for _, x := range t.Rows {
		if x.Heading {
			continue
		}
		var parts []term
		for c, col := range t.Columns {
			if c != tc {
				parts = append(parts, term{strings.TrimPrefix(col, ColLegal+"·"), x.Vals[c]})
			}
		}
		label := x.Label
		if x.Kind == RowSubtotal && !strings.Contains(label, "小计") {
			label += "（小计）"
		}
		out = append(out, identity("三:row:"+label, "table 三, row "+label, []term{{"总计", x.Vals[tc]}}, parts))
	}
	return out
}

// CarryOver checks that the 上年结转 of a report equals the 结转下年度 of the previous
// year's report, per column.
func CarryOver(prev, cur *ApplicationTable, prevYear, curYear int) []Check {
	var out []Check
	pc, cc := prev.row(RowCarryOut), cur.row(RowCarryIn)
	for c, col := range cur.Columns {
		p := prev.Col(col)
		if p < 0 {
			continue
		}
		k := identity("cross-year:"+col, fmt.Sprintf("column %s", col),
			[]term{{fmt.Sprintf("%d 二 上年结转", curYear), cc.Vals[c]}},
			[]term{{fmt.Sprintf("%d 四 结转下年度", prevYear), pc.Vals[p]}})
		out = append(out, k)
	}
	return out
}

// FindApplicationTable returns table 三 among a report's tables. A table split in two
// (a page break in the exported document) is joined with the next one of the same width.
func FindApplicationTable(tables []facts.Table) (*ApplicationTable, error) {
	var firstErr error
	for i, t := range tables {
		if !tableHas(t, "自然人") {
			continue
		}
		at, err := ParseApplicationTable(t)
		for k := i + 1; err != nil && k < len(tables) && k <= i+2 && len(tables[k].Rows) > 0 && len(tables[k].Rows[0]) == len(t.Rows[0]); k++ {
			t = facts.Table{Caption: t.Caption, Rows: append(append([][]facts.Cell(nil), t.Rows...), tables[k].Rows...)}
			at, err = ParseApplicationTable(t)
		}
		if err == nil {
			return at, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, fmt.Errorf("table 三 (收到和处理政府信息公开申请情况) not readable: %w", firstErr)
	}
	return nil, fmt.Errorf("no HTML table 三 (收到和处理政府信息公开申请情况) with an 自然人 column")
}

func tableHas(t facts.Table, s string) bool {
	for _, r := range t.Rows {
		if rowHas(r, s) {
			return true
		}
	}
	return false
}

// ReviewGroup is one block of table 四: 行政复议, or 行政诉讼 未经复议直接起诉 / 复议后起诉.
type ReviewGroup struct {
	Name string
	Vals [5]Num  // 结果维持, 结果纠正, 其他结果, 尚未审结, 总计
	Has  [5]bool // which of them the table has
}

// ReviewLeaves name the columns of a ReviewGroup.
var ReviewLeaves = [5]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

// ReviewTable is table 四、政府信息公开行政复议、行政诉讼情况.
type ReviewTable struct {
	Groups []ReviewGroup
}

var reviewHeadRe = regexp.MustCompile(`维持|纠正|其他|尚未审结|未审结|总计|合计|复议|诉讼|起诉`)

// FindReviewTable reads table 四 from the report's tables (it may be split in two: 复议
// and 诉讼); nil when there is none.
func FindReviewTable(tables []facts.Table) *ReviewTable {
	rt := &ReviewTable{}
	for _, t := range tables {
		if !tableHas(t, "复议") && !tableHas(t, "诉讼") {
			continue
		}
		if tableHas(t, "自然人") {
			continue // table 三 mentions neither, but be safe
		}
		rt.Groups = append(rt.Groups, parseReview(t)...)
	}
	if len(rt.Groups) == 0 {
		return nil
	}
	return rt
}

func parseReview(t facts.Table) []ReviewGroup {
	lastHead := -1
	for r, row := range t.Rows {
		head := false
		for _, c := range row {
			if l := facts.NormalizeLabel(c.Text); l != "" && reviewHeadRe.MatchString(l) {
				head = true
			}
		}
		if !head {
			break
		}
		lastHead = r
	}
	if lastHead < 0 || lastHead+1 >= len(t.Rows) {
		return nil
	}
	data := t.Rows[lastHead+1]
	var groups []ReviewGroup
	idx := map[string]int{}
	for j := range t.Rows[0] {
		var path []string
		for r := 0; r <= lastHead; r++ {
			l := facts.NormalizeLabel(t.Rows[r][j].Text)
			if l != "" && (len(path) == 0 || path[len(path)-1] != l) {
				path = append(path, l)
			}
		}
		if len(path) == 0 {
			continue
		}
		all := strings.Join(path, "|")
		name := ""
		switch {
		case strings.Contains(all, "未经复议"):
			name = "行政诉讼·未经复议直接起诉"
		case strings.Contains(all, "复议后"):
			name = "行政诉讼·复议后起诉"
		case strings.Contains(all, "复议"):
			name = "行政复议"
		default:
			continue
		}
		leaf := path[len(path)-1]
		k := -1
		switch {
		case strings.Contains(leaf, "维持"):
			k = 0
		case strings.Contains(leaf, "纠正"):
			k = 1
		case strings.Contains(leaf, "其他") || strings.Contains(leaf, "其它"):
			k = 2
		case strings.Contains(leaf, "未审结"):
			k = 3
		case strings.Contains(leaf, "总计") || strings.Contains(leaf, "合计"):
			k = 4
		}
		if k < 0 || j >= len(data) {
			continue
		}
		gi, ok := idx[name]
		if !ok {
			gi = len(groups)
			idx[name] = gi
			groups = append(groups, ReviewGroup{Name: name})
		}
		if !groups[gi].Has[k] {
			groups[gi].Vals[k], groups[gi].Has[k] = parseNum(data[j]), true
		}
	}
	return groups
}

// Checks: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 for each block.
func (rt *ReviewTable) Checks() []Check {
	var out []Check
	for _, g := range rt.Groups {
		complete := true
		for _, h := range g.Has {
			complete = complete && h
		}
		if !complete {
			continue
		}
		var parts []term
		for k := 0; k < 4; k++ {
			parts = append(parts, term{ReviewLeaves[k], g.Vals[k]})
		}
		out = append(out, identity("四:"+g.Name, "table 四, "+g.Name, []term{{"总计", g.Vals[4]}}, parts))
	}
	return out
}
