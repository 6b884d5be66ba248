package store

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Stored page facts are JSON behind a one-byte codec tag, so a later version can
// change the encoding without rewriting old rows.
const (
	codecDeflate byte = 1
	flateLevel        = 4 // see BenchmarkSavePage; on ~7 KB pages: level 1 ratio 2.5 at 127 µs, 4: 2.9 at 200 µs, 6 and 9: 2.9, slower
)

var flateWriters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(io.Discard, flateLevel)
	if err != nil {
		panic(err) // only for an invalid level
	}
	return w
}}

func compress(src []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(src)/3 + 64)
	buf.WriteByte(codecDeflate)
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	_, _ = w.Write(src) // writes to a bytes.Buffer do not fail
	_ = w.Close()
	flateWriters.Put(w)
	return buf.Bytes()
}

// heavyFacts are the bulky parts of a page, stored apart so that summaries need not
// read them.
type heavyFacts struct {
	Text           string        `json:"text,omitempty"`
	Tables         []facts.Table `json:"tables,omitempty"`
	AttachmentText []string      `json:"attachment_text,omitempty"` // index-aligned with Page.Attachments
}

// encodedPage is a page ready to store: its fetch metadata, the digest of its facts
// and, unless a row with that digest already existed when checked, the compressed parts.
type encodedPage struct {
	url                      string
	status                   int
	kind                     string
	fetchedAt                time.Time
	hash, etag, lastModified string

	digest               []byte
	size                 int
	lightRaw, heavyRaw   []byte
	lightComp, heavyComp []byte
}

// encodePage splits p into its fetch metadata and its light and heavy JSON (without
// the fetch metadata, so that a page refetched with unchanged facts has the same
// digest) and compresses them unless known already. It runs outside any transaction,
// keeping the writer's critical section short.
func (s *Store) encodePage(ctx context.Context, p *facts.Page) (*encodedPage, error) {
	light := *p
	light.Text, light.Tables = "", nil
	light.Status, light.FetchedAt, light.Hash, light.ETag, light.LastModified = 0, time.Time{}, "", "", ""
	heavy := heavyFacts{Text: p.Text, Tables: p.Tables}
	for i, a := range p.Attachments {
		if a.Text == "" {
			continue
		}
		if heavy.AttachmentText == nil {
			heavy.AttachmentText = make([]string, len(p.Attachments))
			light.Attachments = append([]facts.Attachment(nil), p.Attachments...)
		}
		heavy.AttachmentText[i] = a.Text
		light.Attachments[i].Text = ""
	}
	e := &encodedPage{url: p.URL, status: p.Status, kind: string(p.Kind), fetchedAt: p.FetchedAt,
		hash: p.Hash, etag: p.ETag, lastModified: p.LastModified}
	var err error
	if e.lightRaw, err = json.Marshal(&light); err != nil {
		return nil, err
	}
	if e.heavyRaw, err = json.Marshal(&heavy); err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(e.lightRaw)
	h.Write([]byte{0})
	h.Write(e.heavyRaw)
	e.digest = h.Sum(nil)
	e.size = len(e.lightRaw) + len(e.heavyRaw)

	var one int
	err = s.rdb.QueryRowContext(ctx, `SELECT 1 FROM page_facts WHERE digest = ?`, e.digest).Scan(&one)
	switch {
	case err == nil: // known: nothing to compress
	case errors.Is(err, sql.ErrNoRows):
		e.compress()
	default:
		return nil, err
	}
	return e, nil
}

func (e *encodedPage) compress() {
	if e.lightComp == nil {
		e.lightComp, e.heavyComp = compress(e.lightRaw), compress(e.heavyRaw)
	}
}

// putFacts returns the id of the page_facts row for e, inserting it if needed.
func putFacts(ctx context.Context, tx *sql.Tx, e *encodedPage) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM page_facts WHERE digest = ?`, e.digest).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	e.compress() // it existed when encoded, but has been pruned since
	res, err := tx.ExecContext(ctx, `INSERT INTO page_facts (digest, size, light, heavy) VALUES (?, ?, ?, ?)`,
		e.digest, e.size, e.lightComp, e.heavyComp)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// putPage stores an encoded page for a site run within tx.
func putPage(ctx context.Context, tx *sql.Tx, siteRunID, siteID int64, e *encodedPage) error {
	factsID, err := putFacts(ctx, tx, e)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO pages
		(site_run_id, url, site_id, facts_id, status, kind, fetched_at, hash, etag, last_modified)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (site_run_id, url) DO UPDATE SET facts_id = excluded.facts_id, status = excluded.status,
			kind = excluded.kind, fetched_at = excluded.fetched_at, hash = excluded.hash, etag = excluded.etag,
			last_modified = excluded.last_modified`,
		siteRunID, e.url, siteID, factsID, e.status, e.kind, nullTime(e.fetchedAt), e.hash, e.etag, e.lastModified)
	return err
}

// runningSiteRun returns the site of a site run that is running.
func runningSiteRun(ctx context.Context, tx *sql.Tx, siteRunID int64) (int64, error) {
	var siteID int64
	var status string
	err := tx.QueryRowContext(ctx, `SELECT site_id, status FROM site_runs WHERE id = ?`, siteRunID).Scan(&siteID, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("site run %d: %w", siteRunID, ErrNotFound)
	case err != nil:
		return 0, err
	case status != StatusRunning:
		return 0, fmt.Errorf("site run %d is %s: %w", siteRunID, status, ErrNotRunning)
	}
	return siteID, nil
}

// SavePage stores a page's facts for a running site run, in one transaction. Saving
// a URL again in the same site run replaces it. Empty and nil collections of the page
// are not told apart.
func (s *Store) SavePage(ctx context.Context, siteRunID int64, p *facts.Page) error {
	if p == nil || p.URL == "" {
		return errors.New("save page: no URL")
	}
	e, err := s.encodePage(ctx, p)
	if err != nil {
		return fmt.Errorf("save page %s: %w", p.URL, err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		siteID, err := runningSiteRun(ctx, tx, siteRunID)
		if err != nil {
			return err
		}
		return putPage(ctx, tx, siteRunID, siteID, e)
	})
	if err != nil {
		return fmt.Errorf("save page %s: %w", p.URL, err)
	}
	return nil
}

// pageDecoder decodes stored pages, reusing its buffers and inflater (whose
// allocation costs more than inflating a page).
type pageDecoder struct {
	buf bytes.Buffer
	src bytes.Reader
	fr  io.ReadCloser
}

var pageDecoders = sync.Pool{New: func() any { return new(pageDecoder) }}

// decodePage decodes one page with a pooled decoder.
func decodePage(light, heavy []byte, m fetchMeta) (*facts.Page, error) {
	d := pageDecoders.Get().(*pageDecoder)
	defer pageDecoders.Put(d)
	return d.decode(light, heavy, m)
}

func (d *pageDecoder) unpack(b []byte, v any) error {
	if len(b) == 0 {
		return errors.New("empty stored facts")
	}
	if b[0] != codecDeflate {
		return fmt.Errorf("stored facts: unknown codec %d", b[0])
	}
	d.src.Reset(b[1:])
	if d.fr == nil {
		d.fr = flate.NewReader(&d.src)
	} else if err := d.fr.(flate.Resetter).Reset(&d.src, nil); err != nil {
		return err
	}
	d.buf.Reset()
	if _, err := d.buf.ReadFrom(d.fr); err != nil {
		return fmt.Errorf("stored facts: %w", err)
	}
	return json.Unmarshal(d.buf.Bytes(), v)
}

// fetchMeta is the part of a page kept in its pages row.
type fetchMeta struct {
	status                   int
	fetchedAt                time.Time
	hash, etag, lastModified string
}

// fetchMetaColumns are the pages columns scanned by fetchMeta.dest.
const fetchMetaColumns = `p.status, p.fetched_at, p.hash, p.etag, p.last_modified`

func (m *fetchMeta) dest() []any {
	return []any{&m.status, timeCol{&m.fetchedAt}, &m.hash, &m.etag, &m.lastModified}
}

// decode rebuilds a page from its stored parts; heavy nil gives the light page.
func (d *pageDecoder) decode(light, heavy []byte, m fetchMeta) (*facts.Page, error) {
	p := new(facts.Page)
	if err := d.unpack(light, p); err != nil {
		return nil, err
	}
	p.Status, p.FetchedAt = m.status, m.fetchedAt
	// Facts stored under schema 1 carry these in their JSON and '' in the columns.
	if m.hash != "" || m.etag != "" || m.lastModified != "" {
		p.Hash, p.ETag, p.LastModified = m.hash, m.etag, m.lastModified
	}
	if heavy == nil {
		return p, nil
	}
	var h heavyFacts
	if err := d.unpack(heavy, &h); err != nil {
		return nil, err
	}
	p.Text, p.Tables = h.Text, h.Tables
	if h.AttachmentText != nil {
		if len(h.AttachmentText) != len(p.Attachments) {
			return nil, fmt.Errorf("stored facts: %d attachment texts for %d attachments", len(h.AttachmentText), len(p.Attachments))
		}
		for i, t := range h.AttachmentText {
			p.Attachments[i].Text = t
		}
	}
	return p, nil
}

// PreviousPage returns the latest stored facts of url from any run of the site (for
// incremental fetching: ETag, Last-Modified, Hash). It looks at every site run,
// whatever its status: each stored page is complete.
func (s *Store) PreviousPage(ctx context.Context, siteID int64, url string) (*facts.Page, bool, error) {
	var light, heavy []byte
	var m fetchMeta
	err := s.rdb.QueryRowContext(ctx, `SELECT `+fetchMetaColumns+`, f.light, f.heavy
		FROM pages p JOIN page_facts f ON f.id = p.facts_id
		WHERE p.site_id = ? AND p.url = ? ORDER BY p.site_run_id DESC LIMIT 1`, siteID, url).
		Scan(append(m.dest(), &light, &heavy)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("previous page %s: %w", url, err)
	}
	p, err := decodePage(light, heavy, m)
	if err != nil {
		return nil, false, fmt.Errorf("previous page %s: %w", url, err)
	}
	return p, true, nil
}

// Page returns one page of a site run, or ErrNotFound.
func (s *Store) Page(ctx context.Context, siteRunID int64, url string) (*facts.Page, error) {
	var light, heavy []byte
	var m fetchMeta
	err := s.rdb.QueryRowContext(ctx, `SELECT `+fetchMetaColumns+`, f.light, f.heavy
		FROM pages p JOIN page_facts f ON f.id = p.facts_id WHERE p.site_run_id = ? AND p.url = ?`, siteRunID, url).
		Scan(append(m.dest(), &light, &heavy)...)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get page %s of site run %d: %w", url, siteRunID, err)
	}
	p, err := decodePage(light, heavy, m)
	if err != nil {
		return nil, fmt.Errorf("get page %s of site run %d: %w", url, siteRunID, err)
	}
	return p, nil
}

// Pages streams the pages of a site run in URL order, one at a time: fn may keep the
// page it is given, and may call other methods of the Store. An error from fn stops
// the stream and is returned as is.
func (s *Store) Pages(ctx context.Context, siteRunID int64, fn func(*facts.Page) error) error {
	return s.streamPages(ctx, siteRunID, true, fn)
}

// PageSummaries returns every page of a site run, in URL order, without Text, Tables
// and attachment Text.
func (s *Store) PageSummaries(ctx context.Context, siteRunID int64) ([]*facts.Page, error) {
	var out []*facts.Page
	err := s.streamPages(ctx, siteRunID, false, func(p *facts.Page) error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// errStop wraps a callback's error so that streamPages returns it unwrapped.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

func (s *Store) streamPages(ctx context.Context, siteRunID int64, withHeavy bool, fn func(*facts.Page) error) error {
	err := func() error {
		if _, err := s.SiteID(ctx, siteRunID); err != nil {
			return err
		}
		heavyCol := "NULL"
		if withHeavy {
			heavyCol = "f.heavy"
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT p.url, `+fetchMetaColumns+`, f.light, `+heavyCol+`
			FROM pages p JOIN page_facts f ON f.id = p.facts_id WHERE p.site_run_id = ? ORDER BY p.url`, siteRunID)
		if err != nil {
			return err
		}
		defer rows.Close()
		d := pageDecoders.Get().(*pageDecoder)
		defer pageDecoders.Put(d)
		for rows.Next() {
			var url string
			var m fetchMeta
			// RawBytes: the blobs are decompressed before the next Scan, no copy needed.
			var light, heavy sql.RawBytes
			dest := append([]any{&url}, m.dest()...)
			if err := rows.Scan(append(dest, &light, &heavy)...); err != nil {
				return err
			}
			if !withHeavy {
				heavy = nil
			} else if heavy == nil {
				heavy = sql.RawBytes{} // a NULL heavy would be a corrupt row
			}
			p, err := d.decode(light, heavy, m)
			if err != nil {
				return fmt.Errorf("page %s: %w", url, err)
			}
			if err := fn(p); err != nil {
				return errStop{err}
			}
		}
		return rows.Err()
	}()
	var stop errStop
	switch {
	case err == nil:
		return nil
	case errors.As(err, &stop):
		return stop.err
	case withHeavy:
		return fmt.Errorf("stream pages of site run %d: %w", siteRunID, err)
	default:
		return fmt.Errorf("page summaries of site run %d: %w", siteRunID, err)
	}
}

// PageCount returns how many pages a site run stored.
func (s *Store) PageCount(ctx context.Context, siteRunID int64) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM pages WHERE site_run_id = ?`, siteRunID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pages of site run %d: %w", siteRunID, err)
	}
	return n, nil
}

func putLinkCheck(ctx context.Context, tx *sql.Tx, siteRunID int64, c facts.LinkCheck) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO link_checks (site_run_id, url, from_url, text, status, err, broken, blocked)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (site_run_id, url) DO UPDATE SET from_url = excluded.from_url, text = excluded.text,
			status = excluded.status, err = excluded.err, broken = excluded.broken, blocked = excluded.blocked`,
		siteRunID, c.URL, c.From, c.Text, c.Status, c.Err, boolInt(c.Broken), boolInt(c.Blocked))
	return err
}

// SaveLinkCheck stores the outcome of checking a link target (one per target and site
// run: saving it again replaces it).
func (s *Store) SaveLinkCheck(ctx context.Context, siteRunID int64, c facts.LinkCheck) error {
	if c.URL == "" {
		return errors.New("save link check: no URL")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := runningSiteRun(ctx, tx, siteRunID); err != nil {
			return err
		}
		return putLinkCheck(ctx, tx, siteRunID, c)
	})
	if err != nil {
		return fmt.Errorf("save link check %s: %w", c.URL, err)
	}
	return nil
}

// LinkChecks returns the link checks of a site run in URL order.
func (s *Store) LinkChecks(ctx context.Context, siteRunID int64) ([]facts.LinkCheck, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT url, from_url, text, status, err, broken, blocked
		FROM link_checks WHERE site_run_id = ? ORDER BY url`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("link checks of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []facts.LinkCheck
	for rows.Next() {
		var c facts.LinkCheck
		var broken, blocked int
		if err := rows.Scan(&c.URL, &c.From, &c.Text, &c.Status, &c.Err, &broken, &blocked); err != nil {
			return nil, fmt.Errorf("link checks of site run %d: %w", siteRunID, err)
		}
		c.Broken, c.Blocked = broken != 0, blocked != 0
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("link checks of site run %d: %w", siteRunID, err)
	}
	return out, nil
}

func putCrawlError(ctx context.Context, tx *sql.Tx, siteRunID int64, e facts.CrawlError) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO crawl_errors (site_run_id, url, stage, status, err, at)
		VALUES (?, ?, ?, ?, ?, ?)`, siteRunID, e.URL, e.Stage, e.Status, e.Err, nullTime(e.Time))
	return err
}

// SaveCrawlError records a problem the crawl ran into.
func (s *Store) SaveCrawlError(ctx context.Context, siteRunID int64, e facts.CrawlError) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := runningSiteRun(ctx, tx, siteRunID); err != nil {
			return err
		}
		return putCrawlError(ctx, tx, siteRunID, e)
	})
	if err != nil {
		return fmt.Errorf("save crawl error %s %s: %w", e.Stage, e.URL, err)
	}
	return nil
}

// CrawlErrors returns the crawl errors of a site run in the order recorded.
func (s *Store) CrawlErrors(ctx context.Context, siteRunID int64) ([]facts.CrawlError, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT url, stage, status, err, at
		FROM crawl_errors WHERE site_run_id = ? ORDER BY id`, siteRunID)
	if err != nil {
		return nil, fmt.Errorf("crawl errors of site run %d: %w", siteRunID, err)
	}
	defer rows.Close()
	var out []facts.CrawlError
	for rows.Next() {
		var e facts.CrawlError
		if err := rows.Scan(&e.URL, &e.Stage, &e.Status, &e.Err, timeCol{&e.Time}); err != nil {
			return nil, fmt.Errorf("crawl errors of site run %d: %w", siteRunID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("crawl errors of site run %d: %w", siteRunID, err)
	}
	return out, nil
}
