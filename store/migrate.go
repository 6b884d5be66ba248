package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// embeddedMigrations are the migrations of this build; a malformed set is a
// programming error caught by the package's tests, so it panics at init.
var embeddedMigrations = func() []migration {
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	return ms
}()

// applicationID marks a SQLite file as a gongkai database ("gk" + 1).
const applicationID = 0x676b0001

// SchemaVersion is the schema version this build creates and understands.
func SchemaVersion() int { return len(embeddedMigrations) }

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads dir/NNNN_name.sql from fsys; versions must run 1, 2, … n.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		base := strings.TrimSuffix(e.Name(), ".sql")
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || name == "" {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %04d_%s: expected version %d (versions must be 1, 2, … without gaps or repeats)", m.version, m.name, i+1)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migrations in %s", dir)
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own transaction
// that re-reads the version first, so concurrent openers (other processes) apply each
// migration once.
func migrate(ctx context.Context, db *sql.DB, ms []migration) error {
	for {
		done, err := migrateStep(ctx, db, ms)
		if err != nil || done {
			return err
		}
	}
}

func migrateStep(ctx context.Context, db *sql.DB, ms []migration) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (writer DSN)
	if err != nil {
		return false, fmt.Errorf("migrate: begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var version, appID int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("migrate: read schema version: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return false, fmt.Errorf("migrate: read application id: %w", err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return false, fmt.Errorf("application id %#x: %w", appID, ErrNotGongkai)
	case appID == 0:
		var tables int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`).Scan(&tables); err != nil {
			return false, fmt.Errorf("migrate: inspect schema: %w", err)
		}
		if version != 0 || tables != 0 {
			return false, fmt.Errorf("%d tables, schema version %d, no gongkai application id: %w", tables, version, ErrNotGongkai)
		}
	}
	if version > len(ms) {
		return false, fmt.Errorf("schema version %d, this gongkai knows versions up to %d; upgrade gongkai or use another --db: %w",
			version, len(ms), ErrSchemaTooNew)
	}
	if version == len(ms) {
		return true, tx.Commit()
	}
	m := ms[version]
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return false, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return false, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, fmtTime(time.Now())); err != nil {
		return false, fmt.Errorf("migration %04d_%s: record: %w", m.version, m.name, err)
	}
	// PRAGMAs take no parameters; both values are integers we control. The header
	// fields they set are part of the transaction.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", m.version, applicationID)); err != nil {
		return false, fmt.Errorf("migration %04d_%s: set version: %w", m.version, m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %04d_%s: commit: %w", m.version, m.name, err)
	}
	return false, nil
}

// foreignKeyCheck fails when any row violates a foreign key (a migration that
// rebuilds a table must leave references intact).
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		return fmt.Errorf("foreign key check: row %d of %s references a missing %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}

func randomToken() string { return rand.Text() }
