package crawler

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// urlTx carries what handling one frontier entry produces to where it goes. With a
// Frontier that is an OutcomeRecorder (the store's), everything is collected into one
// Outcome and recorded at commit, in one transaction with the frontier step; otherwise
// each part goes to the Sink or the Frontier as it comes, and commit marks the entry Done
// last, so that even a frontier that is not transactional never has an entry done
// before its page and links are handed over.
type urlTx struct {
	cr  *crawl
	rec OutcomeRecorder
	out Outcome
}

func (cr *crawl) begin(e Entry) *urlTx {
	t := &urlTx{cr: cr, out: Outcome{URL: e.Key()}}
	t.rec, _ = cr.frontier.(OutcomeRecorder)
	return t
}

func (t *urlTx) page(ctx context.Context, p *facts.Page) error {
	if t.rec != nil {
		t.out.Page = p
		return nil
	}
	if err := t.cr.sink.Page(ctx, p); err != nil {
		return fmt.Errorf("sink: page %s: %w", p.URL, err)
	}
	return nil
}

func (t *urlTx) crawlError(ctx context.Context, e facts.CrawlError) error {
	if t.rec == nil {
		return t.cr.emitError(ctx, e)
	}
	t.cr.countError(&e)
	t.out.Errors = append(t.out.Errors, e)
	return nil
}

func (t *urlTx) linkCheck(ctx context.Context, c facts.LinkCheck) error {
	if t.rec != nil {
		t.out.LinkChecks = append(t.out.LinkChecks, c)
		return nil
	}
	if err := t.cr.sink.LinkCheck(ctx, c); err != nil {
		return fmt.Errorf("sink: link check %s: %w", c.URL, err)
	}
	return nil
}

// push queues discovered entries, through the trap guards.
func (t *urlTx) push(ctx context.Context, es []Entry) error {
	es = t.cr.traps.admit(es)
	if len(es) == 0 {
		return nil
	}
	if t.rec != nil {
		t.out.Discovered = append(t.out.Discovered, es...)
		return nil
	}
	if _, err := t.cr.frontier.Push(ctx, es); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	return nil
}

// commit ends the entry: recorded as a whole, or marked Done after its parts went out.
func (t *urlTx) commit(ctx context.Context) error {
	if t.rec != nil {
		if err := t.rec.Record(ctx, t.out); err != nil {
			return fmt.Errorf("frontier: record %s: %w", t.out.URL, err)
		}
		return nil
	}
	if err := t.cr.frontier.Done(ctx, t.out.URL); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	return nil
}

// countError stamps and counts a crawl error (Stats.Errors) wherever it goes.
func (cr *crawl) countError(e *facts.CrawlError) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	cr.stats.Errors++
	cr.log.Debug("crawl error", "url", e.URL, "stage", e.Stage, "status", e.Status, "err", e.Err)
}
