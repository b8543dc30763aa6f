// Package store keeps ogpp's data in SQLite (embedded, the default) or
// PostgreSQL, behind one set of plain-SQL queries that both dialects run.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect is the SQL database behind a DB.
type Dialect string

// The two dialects ogpp runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open ogpp database. SQLite allows one writer at a time, so writes
// go through a pool of exactly one connection whose transactions take the
// write lock up front (deferred read-then-write transactions would fail with
// SQLITE_BUSY under load), while reads use a pool of their own. On
// PostgreSQL both are the same pool.
type DB struct {
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	// Now is the clock that stamps created and updated times; tests set it.
	Now func() time.Time
	// Where is a human description of the database for logs: a file path or
	// a URL without its password.
	Where string
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database dsn names: a postgres:// URL, or else a SQLite file
// path (created when missing). It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("open database: no database given")
	}
	var db *DB
	var err error
	if IsPostgres(dsn) {
		db, err = openPostgres(dsn)
	} else {
		db, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", db.Where, err)
	}
	return db, nil
}

func openSQLite(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	// busy_timeout must come before journal_mode: switching to WAL itself
	// needs the lock another process may hold.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	name := "file:" + (&url.URL{Path: path}).EscapedPath()
	write, err := sql.Open("sqlite", name+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", name+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{dialect: SQLite, write: write, read: read, Now: time.Now, Where: path}, nil
}

func openPostgres(dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pool.SetMaxOpenConns(max(8, runtime.NumCPU()*4))
	pool.SetMaxIdleConns(max(8, runtime.NumCPU()*4))
	return &DB{dialect: Postgres, write: pool, read: pool, Now: time.Now, Where: redact(dsn)}, nil
}

// redact hides the password of a database URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Dialect returns which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers, for /healthz.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return err
	}
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Transact runs fn in a write transaction, committing when it returns nil
// and rolling back otherwise.
func (db *DB) Transact(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			return
		}
		if cerr := tx.Commit(); cerr != nil {
			err = fmt.Errorf("commit: %w", cerr)
		}
	}()
	return fn(tx)
}

// querier is what both *sql.DB and *sql.Tx offer, so that reads can run
// inside or outside a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// The store implements the capabilities' persistence interfaces.
var (
	_ plan.Registry         = (*DB)(nil)
	_ plan.Loader           = (*DB)(nil)
	_ plan.Editor           = (*DB)(nil)
	_ audit.Reader          = (*DB)(nil)
	_ monitor.Store         = (*DB)(nil)
	_ platform.MembersStore = (*DB)(nil)
)
