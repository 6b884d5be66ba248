package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Response headers the transport stack adds for the layers above it. colly's backend
// gives no per-request channel from the transport to the callbacks, and a response
// header is per response by construction.
const (
	// hdrContentType keeps the Content-Type as sent. The stack strips its parameters from
	// Content-Type itself, because colly converts a body whose header names a charset (and
	// the raw bytes we hash are lost) and drops the response on a label it does not know.
	hdrContentType = "X-Gongkai-Content-Type"
	hdrTruncated   = "X-Gongkai-Truncated"    // "1": the body was cut at MaxBodySize
	hdrBodySkipped = "X-Gongkai-Body-Skipped" // "1": not a text type, body not read
	hdrGaveUp      = "X-Gongkai-Gave-Up"      // why a retryable status was not retried
	// hdrAttachmentLimit, on a request, asks bodyCap to read the body whatever its type,
	// up to the given number of bytes (attachments); it is removed before sending.
	hdrAttachmentLimit = "X-Gongkai-Attachment-Limit"
	hdrDeclaredLength  = "X-Gongkai-Declared-Length" // Content-Length of a file too large to read
)

// retrier retries a request on timeouts, connection errors, 5xx and 429, with
// exponential backoff and full jitter, honouring Retry-After up to a cap. Each attempt
// gets its own timeout covering headers and body, so a slow body is a retryable timeout
// too. It also reports every attempt to observe (the metrics hook).
type retrier struct {
	next          http.RoundTripper
	retries       int
	timeout       time.Duration
	backoff       time.Duration // first backoff; doubled per attempt
	maxBackoff    time.Duration
	maxRetryAfter time.Duration
	observe       func(status int, err error)
}

func (r *retrier) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, r.timeout)
		resp, err := r.next.RoundTrip(req.WithContext(actx))
		cancel() // safe: bodyCap below has already read the body into memory
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err() // the crawl is over; not the server's fault
		}
		var addrErr *AddressError
		if !errors.As(err, &addrErr) { // a refused dial is no request made
			status := 0
			if resp != nil {
				status = resp.StatusCode
			}
			r.observe(status, err)
		}
		wait, retry, gaveUp := r.decide(attempt, resp, err)
		if !retry {
			if gaveUp != "" && resp != nil {
				resp.Header.Set(hdrGaveUp, gaveUp)
			}
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		if req.Body != nil && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(ctx)
			req.Body = body
		}
	}
}

// decide says whether and after how long to retry; gaveUp explains a retryable status
// that is not retried because its Retry-After exceeds the cap.
func (r *retrier) decide(attempt int, resp *http.Response, err error) (wait time.Duration, retry bool, gaveUp string) {
	if err != nil {
		if attempt >= r.retries || !retryableError(err) {
			return 0, false, ""
		}
		return r.backoffFor(attempt), true, ""
	}
	s := resp.StatusCode
	if s != http.StatusTooManyRequests && (s < 500 || s == http.StatusNotImplemented || s == http.StatusHTTPVersionNotSupported) {
		return 0, false, ""
	}
	wait = r.backoffFor(attempt)
	if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		if ra > r.maxRetryAfter {
			return 0, false, fmt.Sprintf("Retry-After %s exceeds the %s cap", ra, r.maxRetryAfter)
		}
		wait = max(ra, 0)
	}
	if attempt >= r.retries {
		return 0, false, ""
	}
	return wait, true, ""
}

func (r *retrier) backoffFor(attempt int) time.Duration {
	d := r.backoff << attempt
	if d <= 0 || d > r.maxBackoff {
		d = r.maxBackoff
	}
	// Full jitter in [d/2, d): spreads retries of parallel workers over time.
	return d/2 + rand.N(d/2+1)
}

// retryableError: timeouts and connection failures are worth another attempt; refusals
// of our own (address, redirect policy) and certificate errors are not.
func retryableError(err error) bool {
	var addrErr *AddressError
	var redirErr *RedirectError
	var certErr x509.CertificateInvalidError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &addrErr), errors.As(err, &redirErr),
		errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr):
		return false
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return false // NXDOMAIN does not heal in a second
	case errors.Is(err, context.Canceled):
		return false
	}
	return true
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > 1<<31 {
			n = 1 << 31
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now), true
	}
	return 0, false
}

// bodyCap reads the response body into memory within the attempt, at most limit bytes,
// and marks a body cut at the limit (colly's own cap truncates silently). Bodies of types
// that are not text (pdf, images, archives) are not read at all: pages are what the walk
// fetches, and attachments are a later, separately capped fetch. Reading here, below the
// retrier, makes a stalled body a retryable timeout and bounds a gzip bomb by the
// decompressed size.
type bodyCap struct {
	next  http.RoundTripper
	limit int64
	read  *atomic.Int64 // body bytes read, for Stats.Bytes; may be nil
}

func (b *bodyCap) RoundTrip(req *http.Request) (*http.Response, error) {
	limit, binary := b.limit, false
	if v := req.Header.Get(hdrAttachmentLimit); v != "" {
		// An attachment fetch (attachments.go): read the file whatever its type, up to
		// its own limit. The marker is ours, not the server's business.
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			limit, binary = n, true
		}
		req = req.Clone(req.Context())
		req.Header.Del(hdrAttachmentLimit)
	}
	resp, err := b.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	if ct != "" {
		resp.Header.Set(hdrContentType, ct)
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			resp.Header.Set("Content-Type", mt)
		} else {
			resp.Header.Del("Content-Type")
		}
	}
	var body []byte
	switch {
	case req.Method == http.MethodHead, resp.StatusCode/100 == 3 || resp.StatusCode == http.StatusNoContent:
		// Nothing to read: redirect bodies are discarded by the client anyway.
	case !binary && !isTextual(ct, req.URL.Path):
		resp.Header.Set(hdrBodySkipped, "1")
	case binary && resp.ContentLength > limit:
		// Announced as too large: not downloaded only to be cut.
		resp.Header.Set(hdrTruncated, "1")
		resp.Header.Set(hdrDeclaredLength, strconv.FormatInt(resp.ContentLength, 10))
	default:
		var r io.Reader = resp.Body
		// The Go transport decodes gzip it asked for; a server that gzips anyway (or says
		// x-gzip) is decoded here, under the same cap, so colly never gunzips unbounded.
		if enc := strings.ToLower(resp.Header.Get("Content-Encoding")); !resp.Uncompressed && strings.Contains(enc, "gzip") {
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				return nil, fmt.Errorf("reading gzip body of %s: %w", req.URL, err)
			}
			defer zr.Close()
			r = zr
			resp.Header.Del("Content-Encoding")
		}
		body, err = io.ReadAll(io.LimitReader(r, limit+1))
		if b.read != nil {
			b.read.Add(int64(len(body)))
		}
		if err != nil {
			return nil, fmt.Errorf("reading body of %s: %w", req.URL, err)
		}
		if int64(len(body)) > limit {
			body = body[:limit]
			resp.Header.Set(hdrTruncated, "1")
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	resp.Uncompressed = true // stops colly from gunzipping a body already decoded
	return resp, nil
}

// isTextual reports whether a response of this Content-Type is a page worth reading. An
// absent or generic type counts as a page when the URL does not name a file.
func isTextual(contentType, urlPath string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	mt = strings.ToLower(mt)
	switch {
	case mt == "":
		return true
	case strings.HasPrefix(mt, "text/"), strings.Contains(mt, "html"), strings.Contains(mt, "xml"),
		strings.Contains(mt, "json"), strings.Contains(mt, "javascript"):
		return true
	case mt == "application/octet-stream":
		dot := strings.LastIndexByte(urlPath, '.')
		if dot < 0 || dot < strings.LastIndexByte(urlPath, '/') {
			return true
		}
		ext := strings.ToLower(urlPath[dot+1:])
		return !attachmentExts[ext]
	}
	return false
}

// isHTML reports whether a body of this Content-Type goes to the HTML extractor.
func isHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	mt = strings.ToLower(mt)
	switch {
	case strings.Contains(mt, "html"):
		return true
	case mt == "" || mt == "text/plain" || mt == "application/octet-stream":
		// Servers that send no type (or the wrong one) for HTML: sniff.
		head := body[:min(len(body), 512)]
		return strings.Contains(strings.ToLower(string(head)), "<html") ||
			strings.Contains(strings.ToLower(string(head)), "<!doctype html")
	}
	return false
}
