package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"ogpp/internal/audit"
)

// errNoAuditHead is what appending or verifying finds when the chain head
// row, which the migration creates and ogpp never deletes, is gone.
var errNoAuditHead = errors.New("the audit log's head row is missing")

// AppendAudit appends e to the audit log inside tx, the caller's
// transaction, so that the change and its record commit or roll back
// together: a rolled-back change leaves neither an entry nor a gap in the
// numbering. It numbers, links and hashes the entry (see audit.Chain) and
// returns it as stored. When e.At is zero it is stamped with db.Now.
//
// The entry follows the chain head, read within tx. On PostgreSQL the head
// row is locked first, so concurrent appenders, from this process or from
// other instances, wait for each other's transactions to end: the price of
// a gapless chain is that audited writes commit one at a time, so keep the
// append near the end of the transaction. On SQLite the single writer
// connection already serialises them.
func (db *DB) AppendAudit(ctx context.Context, tx *sql.Tx, e audit.Entry) (audit.Entry, error) {
	q := `SELECT seq, hash FROM audit_head WHERE id = 1`
	if db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var head audit.Head
	if err := tx.QueryRowContext(ctx, q).Scan(&head.Seq, &head.Hash); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = errNoAuditHead
		}
		return audit.Entry{}, fmt.Errorf("append audit entry: %w", err)
	}
	// Stamped after the head is locked, so that times follow the numbering
	// even when appenders queue for the lock.
	if e.At.IsZero() {
		e.At = db.Now()
	}
	e, err := audit.Chain(head, e)
	if err != nil {
		return audit.Entry{}, fmt.Errorf("append audit entry: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.Seq, audit.FormatTime(e.At), e.Actor.UserID, e.Actor.Name, string(e.Action), e.EntityType, e.EntityID,
		string(e.Before), string(e.After), e.PrevHash, e.Hash); err != nil {
		return audit.Entry{}, fmt.Errorf("append audit entry %d: %w", e.Seq, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return audit.Entry{}, fmt.Errorf("append audit entry %d: head: %w", e.Seq, err)
	}
	return e, nil
}

// VerifyAudit walks the whole audit log in order and returns the first
// entry that was changed, removed or inserted outside ogpp, or an intact
// result (see audit.VerifyHead). Entries are streamed from one read
// transaction, so the log is checked as of one moment whatever its length
// and whatever is appended meanwhile. An error means the log could not be
// read, not that it is wrong.
func (db *DB) VerifyAudit(ctx context.Context) (audit.Result, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == Postgres {
		// One snapshot for the head and every entry; SQLite's read
		// transaction is a snapshot from its first read already.
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return audit.Result{}, fmt.Errorf("verify audit log: %w", err)
	}
	defer tx.Rollback()
	var head audit.Head
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.Seq, &head.Hash); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = errNoAuditHead
		}
		return audit.Result{}, fmt.Errorf("verify audit log: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return audit.Result{}, fmt.Errorf("verify audit log: %w", err)
	}
	defer rows.Close()
	return audit.VerifyHead(auditEntries(rows), head)
}

// ListAudit returns a page of the entries f selects, newest first, and how
// many it selects in all: for the admin log browser and an entity's history.
// An entry whose stored time cannot be read is listed with a zero time;
// VerifyAudit is where such an entry is reported.
func (db *DB) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	if f.EntityType != "" {
		c.add(`entity_type = ?`, f.EntityType)
	}
	if f.EntityID != "" {
		c.add(`entity_id = ?`, f.EntityID)
	}
	if f.ActorID != 0 {
		c.add(`actor_id = ?`, f.ActorID)
	}
	if f.Action != "" {
		c.add(`action = ?`, string(f.Action))
	}
	// Stored times are fixed-width UTC text, so text order is time order.
	if !f.From.IsZero() {
		c.add(`at >= ?`, audit.FormatTime(f.From))
	}
	if !f.To.IsZero() {
		c.add(`at < ?`, audit.FormatTime(f.To))
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+c.where(), c.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list audit log: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log`+c.where()+
		` ORDER BY seq DESC LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for e, err := range auditEntries(rows) {
		var m *audit.MalformedError
		if err != nil && !errors.As(err, &m) {
			return nil, 0, fmt.Errorf("list audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, total, nil
}

const auditColumns = `seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash`

// auditEntries yields the entries rows holds, for audit.Verify; an entry
// that cannot be read back as ogpp writes it comes with an
// *audit.MalformedError.
func auditEntries(rows *sql.Rows) iter.Seq2[audit.Entry, error] {
	return func(yield func(audit.Entry, error) bool) {
		for rows.Next() {
			if !yield(scanAudit(rows)) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(audit.Entry{}, err)
		}
	}
}

func scanAudit(rows *sql.Rows) (audit.Entry, error) {
	var e audit.Entry
	// The actor id is read as text: SQLite would keep whatever text someone
	// wrote into the column, and that must show as a changed entry, not stop
	// the verification.
	var at, actorID, action, before, after string
	if err := rows.Scan(&e.Seq, &at, &actorID, &e.Actor.Name, &action, &e.EntityType, &e.EntityID,
		&before, &after, &e.PrevHash, &e.Hash); err != nil {
		return audit.Entry{}, err
	}
	e.Action = audit.Action(action)
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	var err error
	if e.Actor.UserID, err = strconv.ParseInt(actorID, 10, 64); err != nil || strconv.FormatInt(e.Actor.UserID, 10) != actorID {
		return e, &audit.MalformedError{Seq: e.Seq, Field: "actor id", Err: fmt.Errorf("%q is not a number", actorID)}
	}
	if e.At, err = audit.ParseTime(at); err != nil {
		return e, &audit.MalformedError{Seq: e.Seq, Field: "time", Err: err}
	}
	return e, nil
}
