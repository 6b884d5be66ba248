package annualreport

import (
	"hash/fnv"
	"maps"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Similarity says how much of one report's own text another report already holds.
type Similarity struct {
	// Containment is the share of a's character n-grams found in b, counting only
	// n-grams that are not the template's (headings, table labels, preamble) nor in the
	// ignored texts (the unit's name): 1 means every own phrase of a is in b.
	Containment float64
	// Shingles is the number of distinct own n-grams of a; few means too little own
	// text to judge.
	Shingles int
	// Passage is the longest stretch of a found in b, as written in a (clipped), so a
	// reader can search both reports for it.
	Passage string
}

// Compare measures how much of text a is in text b, on character n-grams of the text
// with numbers, whitespace and punctuation removed: a report that repeats last year's
// with new figures and a new year scores near 1, two reports that share only the
// template's wording near 0. N-grams never span two lines or two table cells, so the
// joins between a heading and the table under it are not taken for shared wording.
func Compare(a, b string, n int, ignore ...string) Similarity {
	if n < 2 {
		n = 2
	}
	skip := maps.Clone(templateShingles(n))
	for _, t := range ignore {
		for _, seg := range segments(t) {
			for _, h := range shingles(seg.runes, n) {
				skip[h] = true
			}
		}
	}
	inB := map[uint64]bool{}
	for _, seg := range segments(b) {
		for _, h := range shingles(seg.runes, n) {
			if !skip[h] {
				inB[h] = true
			}
		}
	}
	own := map[uint64]bool{}
	shared := map[uint64]bool{}
	var best struct {
		seg          segment
		start, count int
	}
	for _, seg := range segments(a) {
		run := -1
		for i, h := range shingles(seg.runes, n) {
			if skip[h] {
				run = -1
				continue
			}
			own[h] = true
			if !inB[h] {
				run = -1
				continue
			}
			shared[h] = true
			if run < 0 {
				run = i
			}
			if l := i - run + 1; l > best.count {
				best.seg, best.start, best.count = seg, run, l
			}
		}
	}
	s := Similarity{Shingles: len(own)}
	if len(own) > 0 {
		s.Containment = float64(len(shared)) / float64(len(own))
	}
	if best.count > 0 {
		from := best.seg.offs[best.start]
		to := best.seg.end
		if end := best.start + best.count + n - 1; end < len(best.seg.offs) {
			to = best.seg.offs[end]
		}
		s.Passage = clip(strings.Join(strings.Fields(a[from:to]), ""), 60)
	}
	return s
}

var (
	templateMu   sync.Mutex
	templateSets = map[int]map[uint64]bool{}
)

// templateShingles are the n-grams of the template's wording, computed once per n.
func templateShingles(n int) map[uint64]bool {
	templateMu.Lock()
	defer templateMu.Unlock()
	if set, ok := templateSets[n]; ok {
		return set
	}
	set := map[uint64]bool{}
	for _, seg := range segments(Template) {
		for _, h := range shingles(seg.runes, n) {
			set[h] = true
		}
	}
	templateSets[n] = set
	return set
}

// segment is a run of text n-grams may span: a line, or a table cell on a line of cells.
type segment struct {
	runes []rune
	offs  []int // byte offset in the text of each rune
	end   int   // byte offset just past the segment
}

// segments cuts text into lines, and lines of table cells (tokens of two or more
// characters separated by spaces) into cells; a line spaced out character by character
// (as some PDF extractors write) stays whole. Each segment keeps only its letters.
func segments(text string) []segment {
	var out []segment
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		base := off
		off += len(line)
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		cells := len(fields) > 1 && utf8.RuneCountInString(strings.Join(fields, ""))/len(fields) >= 2
		start := 0
		for start < len(line) {
			end := len(line)
			if cells {
				// the next cell: skip leading spaces, stop at the next space
				for start < len(line) && isSpaceByte(line, start) {
					_, w := utf8.DecodeRuneInString(line[start:])
					start += w
				}
				end = start
				for end < len(line) && !isSpaceByte(line, end) {
					_, w := utf8.DecodeRuneInString(line[end:])
					end += w
				}
			}
			if start >= end {
				break
			}
			rs, offs := normRunes(line[start:end])
			for i := range offs {
				offs[i] += base + start
			}
			if len(rs) > 0 {
				out = append(out, segment{runes: rs, offs: offs, end: base + end})
			}
			start = end
		}
	}
	return out
}

func isSpaceByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0'
}

// normRunes keeps the letters of s (Han characters, Latin letters), dropping digits,
// whitespace and punctuation, and returns each kept rune's byte offset in s.
func normRunes(s string) ([]rune, []int) {
	var rs []rune
	var offs []int
	for i, r := range s {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) && r < 0x2000 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			rs = append(rs, r)
			offs = append(offs, i)
		}
	}
	return rs, offs
}

func shingles(rs []rune, n int) []uint64 {
	if len(rs) < n {
		return nil
	}
	out := make([]uint64, 0, len(rs)-n+1)
	h := fnv.New64a()
	var buf [4]byte
	for i := 0; i+n <= len(rs); i++ {
		h.Reset()
		for _, r := range rs[i : i+n] {
			buf[0], buf[1], buf[2], buf[3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
			h.Write(buf[:])
		}
		out = append(out, h.Sum64())
	}
	return out
}
