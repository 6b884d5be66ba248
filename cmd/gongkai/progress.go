package main

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/gongkai/gongkai/audit"
)

// progress shows an audit's progress on a terminal: sites done of all, requests made,
// sites failed. It exists only when stderr is a terminal; a nil *progress does nothing,
// so callers need not check (logs are the record when stderr is a file or journald).
type progress struct {
	mu       sync.Mutex // the bar's Clear is not locked by the library
	bar      *progressbar.ProgressBar
	w        io.Writer // the real stderr
	total    int
	done     int
	failed   int
	requests atomic.Int64
	stop     chan struct{}
	stopped  sync.WaitGroup
}

// startProgress starts the display for an audit of n sites when stderr is a terminal,
// and routes the app's stderr (hence its logs) through it, so a log line clears the
// bar instead of being drawn into it. finish restores stderr.
func (a *app) startProgress(n int) *progress {
	if !a.stderrTTY || n == 0 {
		return nil
	}
	p := &progress{w: a.stderr, total: n, stop: make(chan struct{})}
	p.bar = progressbar.NewOptions(n,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.describe()),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	a.stderr = &progressWriter{p: p}
	// The request count changes far more often than a terminal needs: redraw 5×/s.
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.bar.Describe(p.describe())
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// describe is the text before the bar; p.mu held (or p not yet shared).
func (p *progress) describe() string {
	s := fmt.Sprintf("auditing sites · %d requests", p.requests.Load())
	if p.failed > 0 {
		s += fmt.Sprintf(" · %d failed", p.failed)
	}
	return s
}

// request counts one crawler request (chained into crawler.Options.Observe).
func (p *progress) request(int, error) {
	if p != nil {
		p.requests.Add(1)
	}
}

// siteDone advances the bar (audit.Auditor.OnSite; called from several goroutines).
func (p *progress) siteDone(r audit.SiteResult) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if r.Err != nil {
		p.failed++
	}
	p.bar.Describe(p.describe())
	p.bar.Add(1)
}

// finish removes the bar and gives the app its stderr back.
func (p *progress) finish(a *app) {
	if p == nil {
		return
	}
	close(p.stop)
	p.stopped.Wait()
	p.mu.Lock()
	p.bar.Finish()
	p.bar.Clear()
	p.mu.Unlock()
	a.stderr = p.w
}

// progressWriter writes log lines above the bar: it clears the bar's line first; the
// bar is drawn again at its next update.
type progressWriter struct{ p *progress }

func (w *progressWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	w.p.bar.Clear()
	return w.p.w.Write(b)
}

// observeBoth calls f then g (either may be nil): crawler.Options has one Observe hook.
func observeBoth(f, g func(int, error)) func(int, error) {
	switch {
	case f == nil:
		return g
	case g == nil:
		return f
	}
	return func(status int, err error) { f(status, err); g(status, err) }
}
