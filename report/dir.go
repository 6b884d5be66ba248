package report

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// The output folder (`--out DIR`, and what `gongkai serve` serves):
//
//	index.html          the overview: every unit ranked
//	sites/<slug>.html   one page per unit
//	runs/<id>.html      one page per run
//	result.json         the JSON contract, one object per unit
//	findings.csv        every finding, UTF-8 with BOM
//	gongkai.xlsx        排名, 问题清单, 分项
//	.gongkai-report     marks the folder as ours, so it may be replaced
//
// WriteDir renders everything into a fresh folder beside DIR and then swaps it in, so
// a reader (a browser, `serve`) never sees half a report.

// markerFile marks a folder written by WriteDir.
const markerFile = ".gongkai-report"

// ownNames are the entries WriteDir writes; a folder holding nothing else (an output
// of an earlier gongkai) may be replaced even without the marker.
var ownNames = map[string]bool{
	"index.html": true, "sites": true, "runs": true, "result.json": true, "findings.csv": true,
	"gongkai.xlsx": true, markerFile: true,
}

// ErrNotReportDir is returned when --out names a folder that holds other files: it
// is never replaced.
var ErrNotReportDir = errors.New("folder holds files gongkai did not write; choose an empty or new folder")

// WriteDir renders the scorecards and exports of the latest completed audit of every
// unit in the store (opts.Sites limits them) into dir, replacing what an earlier
// WriteDir wrote there. dir is created if needed; a folder holding files gongkai did
// not write is refused (ErrNotReportDir). It is safe to call while dir is being
// served: the new folder is swapped in at once (on Linux) or file by file with
// index.html last (elsewhere, or when dir is a mount point).
func WriteDir(ctx context.Context, st *store.Store, cfg *rules.Config, dir string, opts DirOptions) error {
	if cfg == nil {
		var err error
		if cfg, err = rules.Default(); err != nil {
			return err
		}
	}
	opts.defaults()
	dir = resolveDir(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	staging, inside, err := makeStaging(dir)
	if err != nil {
		return fmt.Errorf("write report to %s: %w", dir, err)
	}
	defer os.RemoveAll(staging)
	if err := render(ctx, st, cfg, staging, opts); err != nil {
		return fmt.Errorf("write report to %s: %w", dir, err)
	}
	if err := publish(staging, dir, inside); err != nil {
		return fmt.Errorf("write report to %s: %w", dir, err)
	}
	opts.Logger.Info("report written", "dir", dir)
	return nil
}

// CheckOutDir tells early (before an audit of an hour) whether WriteDir may write to
// dir: it must not exist, be empty, or hold an earlier report.
func CheckOutDir(dir string) error {
	return checkReplaceable(resolveDir(dir))
}

func resolveDir(dir string) string {
	dir = filepath.Clean(dir)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real // replace the folder a symlink points to, not the link
	}
	return dir
}

// checkReplaceable refuses a folder that holds anything but an earlier report.
func checkReplaceable(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write report to %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err == nil {
		return nil
	}
	for _, e := range ents {
		if !ownNames[e.Name()] && !strings.HasPrefix(e.Name(), ".gongkai-staging-") {
			return fmt.Errorf("write report to %s: %q: %w", dir, e.Name(), ErrNotReportDir)
		}
	}
	return nil
}

// makeStaging creates the folder to render into: beside dir (same file system, so it
// can be renamed into place), or inside dir when its parent is not writable.
func makeStaging(dir string) (staging string, inside bool, err error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", false, err
	}
	staging, err = os.MkdirTemp(parent, "."+filepath.Base(dir)+".gongkai-staging-*")
	if err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", false, err
		}
		staging, err = os.MkdirTemp(dir, ".gongkai-staging-*")
		if err != nil {
			return "", false, err
		}
		inside = true
	}
	// MkdirTemp makes 0700; a web server reading the folder needs 0755.
	return staging, inside, os.Chmod(staging, 0o755)
}

// publish puts the rendered folder in dir's place.
func publish(staging, dir string, inside bool) error {
	if !inside {
		if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
			if err := os.Rename(staging, dir); err == nil {
				return nil
			}
		} else if err := exchange(staging, dir); err == nil {
			return nil // staging now holds the old report; the deferred RemoveAll drops it
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return mergeInto(staging, dir)
}

// mergeInto moves the rendered files into dir one by one (each rename is atomic):
// unit and run pages and exports first, index.html last, so every link of the new
// overview resolves; then it removes the pages of units and runs no longer shown.
func mergeInto(staging, dir string) error {
	var files []string
	err := filepath.WalkDir(staging, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(staging, p)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(files, func(i, j int) bool {
		return files[i] != "index.html" && files[j] == "index.html"
	})
	keep := map[string]bool{}
	for _, rel := range files {
		keep[rel] = true
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(staging, rel), dst); err != nil {
			return err
		}
	}
	for _, sub := range []string{"sites", "runs"} {
		ents, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue
		}
		for _, e := range ents {
			rel := filepath.Join(sub, e.Name())
			if !e.IsDir() && !keep[rel] {
				os.Remove(filepath.Join(dir, rel))
			}
		}
	}
	return nil
}

// render writes the whole report into out.
func render(ctx context.Context, st *store.Store, cfg *rules.Config, out string, opts DirOptions) error {
	ov, err := LoadOverview(ctx, st, cfg, opts)
	if err != nil {
		return err
	}
	for _, sub := range []string{"sites", "runs"} {
		if err := os.Mkdir(filepath.Join(out, sub), 0o755); err != nil {
			return err
		}
	}
	// The runs that get a page: the recent ones and those of every audit shown.
	rendered := map[int64]bool{}
	for _, r := range ov.Runs {
		rendered[r.ID] = true
	}
	for _, u := range ov.Units {
		if u.RunID != 0 {
			rendered[u.RunID] = true
		}
		if u.LastAttempt != nil {
			rendered[u.LastAttempt.RunID] = true
		}
	}
	slugs := map[int64]string{}
	for _, u := range ov.Units {
		if u.SiteID != 0 {
			slugs[u.SiteID] = u.Slug
		}
	}

	jsonFile, err := create(out, "result.json")
	if err != nil {
		return err
	}
	defer jsonFile.Close()
	csvFile, err := create(out, "findings.csv")
	if err != nil {
		return err
	}
	defer csvFile.Close()
	ja := &jsonArray{w: jsonFile.w}
	cw, err := newCSVWriter(csvFile.w)
	if err != nil {
		return err
	}
	xw, err := newXLSXWriter()
	if err != nil {
		return err
	}
	defer xw.f.Close()

	// Unit by unit, in ranking order: load its findings, write its page and its rows of
	// the exports, drop them.
	for _, u := range ov.Units {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := LoadDetail(ctx, st, u); err != nil {
			return err
		}
		if err := writeFile(out, filepath.Join("sites", u.Slug+".html"), func(w io.Writer) error {
			return writeSite(w, u, ov, cfg, rendered)
		}); err != nil {
			return err
		}
		ja.add(u)
		cw.add(u)
		if err := xw.add(u); err != nil {
			return err
		}
		u.Unload()
	}
	if err := ja.close(); err != nil {
		return fmt.Errorf("result.json: %w", err)
	}
	if err := cw.close(); err != nil {
		return fmt.Errorf("findings.csv: %w", err)
	}
	for _, f := range []*outFile{jsonFile, csvFile} {
		if err := f.close(); err != nil {
			return err
		}
	}
	if err := writeFile(out, "gongkai.xlsx", func(w io.Writer) error { return xw.finish(w, ov.Units) }); err != nil {
		return err
	}

	ids := make([]int64, 0, len(rendered))
	for id := range rendered {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := renderRun(ctx, st, out, id, slugs, opts); err != nil {
			return err
		}
	}
	if err := writeFile(out, "index.html", func(w io.Writer) error { return writeIndex(w, ov, cfg, rendered) }); err != nil {
		return err
	}
	return writeFile(out, markerFile, func(w io.Writer) error {
		_, err := io.WriteString(w, "Written by gongkai (report.WriteDir). This folder is replaced whenever the report is rendered again.\n")
		return err
	})
}

func renderRun(ctx context.Context, st *store.Store, out string, id int64, slugs map[int64]string, opts DirOptions) error {
	run, err := st.Run(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil // pruned meanwhile
	}
	if err != nil {
		return err
	}
	srs, err := st.SiteRunsOfRun(ctx, id)
	if err != nil {
		return err
	}
	sites := make([]runSite, 0, len(srs))
	for _, sr := range srs {
		errs, err := st.CrawlErrors(ctx, sr.ID)
		if err != nil {
			return err
		}
		kinds, err := st.PageKinds(ctx, sr.ID)
		if err != nil {
			return err
		}
		s := runSite{SR: sr, Duration: duration(sr.StartedAt, sr.FinishedAt), ErrorTotal: len(errs), Kinds: kinds}
		if slug, ok := slugs[sr.SiteID]; ok {
			s.Href = "../sites/" + slug + ".html"
		}
		s.Stages, s.Errors, s.ErrorsMore = errorSummary(errs)
		sites = append(sites, s)
	}
	return writeFile(out, filepath.Join("runs", fmt.Sprintf("%d.html", id)), func(w io.Writer) error {
		return writeRun(w, run, sites, opts.Now)
	})
}

// outFile is a buffered file being written.
type outFile struct {
	f    *os.File
	w    *bufio.Writer
	name string
	done bool
}

func create(dir, name string) (*outFile, error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &outFile{f: f, w: bufio.NewWriterSize(f, 64<<10), name: name}, nil
}

func (o *outFile) close() error {
	if o.done {
		return nil
	}
	o.done = true
	if err := o.w.Flush(); err != nil {
		o.f.Close()
		return fmt.Errorf("%s: %w", o.name, err)
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("%s: %w", o.name, err)
	}
	return nil
}

// Close releases the file after an error (close reports the error of a good path).
func (o *outFile) Close() error {
	if o.done {
		return nil
	}
	o.done = true
	return o.f.Close()
}

func writeFile(dir, name string, fn func(io.Writer) error) error {
	o, err := create(dir, name)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := fn(o.w); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return o.close()
}
