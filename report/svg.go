package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/gongkai/gongkai/rules"
)

// Charts are inline SVG computed here and drawn by the templates: numbers only, so
// nothing crawled reaches them, and the pages need no script or library to show them.

// trendChart is a unit's score over its past completed audits.
type trendChart struct {
	W, H          int
	Left, Right   float64 // plot area, x
	Top, Bottom   float64 // plot area, y
	Path          string  // the polyline's points
	Points        []chartPoint
	YTicks        []chartTick
	XTicks        []chartTick
	Bands         []chartBand
	Desc          string // the data in words, for screen readers
	First, Last   string // dates of the first and last audit shown
	Min, Max, Avg float64
	PlotW         float64 // Right - Left
	AxisX         float64 // where the y labels end
	BandX         float64 // where the grade names begin
	LabelY        float64 // the baseline of the x labels
}

type chartPoint struct {
	X, Y  float64
	Score float64
	Grade string
	Veto  bool
	Label string // the as-of date
	Href  string // the run page, when rendered
	Last  bool
}

type chartTick struct {
	Pos   float64
	Label string
}

type chartBand struct {
	Y1, Y2 float64
	Height float64
	Class  string
	Name   string
	LabelY float64
}

// newTrendChart lays out the history (oldest first) in a w×h box. runHref returns the
// link of a run's page ("" when not rendered).
func newTrendChart(hist []Past, grades []rules.Grade, runHref func(int64) string) *trendChart {
	if len(hist) == 0 {
		return nil
	}
	c := &trendChart{W: 760, H: 240, Left: 44, Right: 684, Top: 16, Bottom: 204}
	c.PlotW, c.AxisX, c.BandX, c.LabelY = c.Right-c.Left, c.Left-6, c.Right+8, c.Bottom+20
	lo := 100.0
	sum := 0.0
	c.Min, c.Max = 100, 0
	for _, p := range hist {
		lo = math.Min(lo, p.Score)
		c.Min, c.Max = math.Min(c.Min, p.Score), math.Max(c.Max, p.Score)
		sum += p.Score
	}
	c.Avg = round1(sum / float64(len(hist)))
	// The y axis starts at 50 (so the bands of the usual grades all show, 不合格 below
	// 60 included), or at a multiple of 10 under the lowest score when that is lower.
	yMin := math.Min(50, math.Max(0, math.Floor((lo-5)/10)*10))
	y := func(s float64) float64 {
		return round1(c.Bottom - (s-yMin)/(100-yMin)*(c.Bottom-c.Top))
	}
	for v := yMin; v <= 100; v += 10 {
		c.YTicks = append(c.YTicks, chartTick{Pos: y(v), Label: fmtNum(v)})
	}
	// Grade bands: from each grade's minimum up to the next better grade's.
	upper := 100.0
	for i, g := range grades {
		lower := math.Max(g.Min, yMin)
		if lower >= upper && i > 0 {
			continue
		}
		b := chartBand{Y1: y(upper), Y2: y(lower), Class: gradeClassAt(i, len(grades)), Name: g.Name}
		b.Height = round1(b.Y2 - b.Y1)
		b.LabelY = round1((b.Y1+b.Y2)/2 + 4)
		if b.Y2-b.Y1 >= 8 {
			c.Bands = append(c.Bands, b)
		}
		upper = lower
		if lower <= yMin {
			break
		}
	}
	n := len(hist)
	var pts []string
	for i, p := range hist {
		x := (c.Left + c.Right) / 2
		if n > 1 {
			x = c.Left + 12 + float64(i)*(c.Right-c.Left-24)/float64(n-1)
		}
		x = round1(x)
		pt := chartPoint{X: x, Y: y(p.Score), Score: p.Score, Grade: p.Grade, Veto: p.Veto, Label: p.AsOf.String(), Last: i == n-1}
		if runHref != nil {
			pt.Href = runHref(p.RunID)
		}
		c.Points = append(c.Points, pt)
		pts = append(pts, fmt.Sprintf("%g,%g", pt.X, pt.Y))
	}
	c.Path = strings.Join(pts, " ")
	// At most 8 date labels along the x axis, always the first and the last.
	step := int(math.Ceil(float64(n) / 8))
	for i := 0; i < n; i += step {
		if n-1-i < step && i != n-1 && i != 0 {
			continue // too close to the last one
		}
		c.XTicks = append(c.XTicks, chartTick{Pos: c.Points[i].X, Label: shortDate(hist[i])})
	}
	if n > 1 && (len(c.XTicks) == 0 || c.XTicks[len(c.XTicks)-1].Pos != c.Points[n-1].X) {
		c.XTicks = append(c.XTicks, chartTick{Pos: c.Points[n-1].X, Label: shortDate(hist[n-1])})
	}
	c.First, c.Last = hist[0].AsOf.String(), hist[n-1].AsOf.String()
	var words []string
	for _, p := range hist {
		words = append(words, fmt.Sprintf("%s %.1f 分 %s", p.AsOf, p.Score, p.Grade))
	}
	c.Desc = "历次检查得分：" + strings.Join(words, "；")
	return c
}

func shortDate(p Past) string {
	if p.AsOf.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d", int(p.AsOf.Month), p.AsOf.Day)
}

// sparkline is the small trend beside a unit in the ranking.
type sparkline struct {
	W, H         int
	Points       string
	LastX, LastY float64
	Class        string // up | down | flat
	Title        string
}

func newSparkline(hist []Past) *sparkline {
	if len(hist) < 2 {
		return nil
	}
	if len(hist) > 12 {
		hist = hist[len(hist)-12:]
	}
	s := &sparkline{W: 84, H: 24}
	lo, hi := 100.0, 0.0
	for _, p := range hist {
		lo, hi = math.Min(lo, p.Score), math.Max(hi, p.Score)
	}
	if hi-lo < 10 { // a 0.5-point wobble should not look like a cliff
		mid := (hi + lo) / 2
		lo, hi = mid-5, mid+5
	}
	var pts, words []string
	for i, p := range hist {
		x := round1(2 + float64(i)*float64(s.W-6)/float64(len(hist)-1))
		y := round1(float64(s.H-3) - (p.Score-lo)/(hi-lo)*float64(s.H-6))
		pts = append(pts, fmt.Sprintf("%g,%g", x, y))
		s.LastX, s.LastY = x, y
		words = append(words, fmt.Sprintf("%.1f", p.Score))
	}
	s.Points = strings.Join(pts, " ")
	d := hist[len(hist)-1].Score - hist[len(hist)-2].Score
	switch {
	case d > 0.05:
		s.Class = "up"
	case d < -0.05:
		s.Class = "down"
	default:
		s.Class = "flat"
	}
	s.Title = "最近 " + fmt.Sprint(len(hist)) + " 次得分：" + strings.Join(words, " → ")
	return s
}

// gradeClassAt names the colour class of the i-th of n grades (best first): the best
// is g0, the lowest is gfail, those between g1, g2 ….
func gradeClassAt(i, n int) string {
	switch {
	case i < 0 || i >= n:
		return "gnone"
	case i == n-1 && n > 1:
		return "gfail"
	case i > 2:
		return "g2"
	}
	return fmt.Sprintf("g%d", i)
}

// fmtNum formats a number without a needless ".0".
func fmtNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
