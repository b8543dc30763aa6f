package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"ogpp/internal/audit"
)

// maxContentProblems bounds the report: past a few dozen, the database
// was rewritten wholesale and the list helps no one.
const maxContentProblems = 50

// VerifyContent checks that the registry and the accounts hold what ogpp
// last wrote, the complement of VerifyAudit's check of the log itself.
// Every registry row carries the fingerprint (content hash) ogpp computed
// from its content when it last wrote it, in the transaction that also
// appended its audit entry; a row edited in the database directly no
// longer matches it. Accounts have no fingerprint, and are compared with
// the state their last audit entry recorded instead. Problems are listed
// in a stable order, at most maxContentProblems of them.
func (db *DB) VerifyContent(ctx context.Context) ([]audit.ContentProblem, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("verify content: %w", err)
	}
	defer tx.Rollback()
	var out []audit.ContentProblem
	checks := []func(context.Context, *sql.Tx) ([]audit.ContentProblem, error){
		verifyMembers, verifyOrganisations, verifyPlans, verifyAreas, verifyMeasures,
		verifyRounds, verifyAssessments, verifyAssessmentVersions, verifyUsers,
		verifyMemberships, verifyPeople, verifyGroups,
		verifyLogframe,
		verifyDrafts,
		verifyOutreach,
		verifyEvents,
		verifyEventCategories,
		verifySurveys,
		verifyScorecards,
		verifyNews,
		verifyLibrary,
	}
	for _, check := range checks {
		ps, err := check(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("verify content: %w", err)
		}
		out = append(out, ps...)
		if len(out) >= maxContentProblems {
			return out[:maxContentProblems], nil
		}
	}
	return out, nil
}

// storedHashes reads id → content_hash of a table.
func storedHashes(ctx context.Context, tx *sql.Tx, table string) (map[int64]string, []int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, content_hash FROM `+table+` ORDER BY id`)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", table, err)
	}
	defer rows.Close()
	hashes := map[int64]string{}
	var ids []int64
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", table, err)
		}
		hashes[id] = h
		ids = append(ids, id)
	}
	return hashes, ids, rows.Err()
}

const changedOutside = "its content does not match the fingerprint ogpp stored when it last wrote it: it was changed outside ogpp"

// verifyRows compares each row's stored fingerprint with one computed from
// what the row now holds.
func verifyRows(ctx context.Context, tx *sql.Tx, table, entity string, current func(id int64) (hash, name string, err error)) ([]audit.ContentProblem, error) {
	stored, ids, err := storedHashes(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	var out []audit.ContentProblem
	for _, id := range ids {
		h, name, err := current(id)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", entity, id, err)
		}
		if h != stored[id] {
			out = append(out, audit.ContentProblem{EntityType: entity, ID: id, Name: name, Detail: changedOutside})
			if len(out) >= maxContentProblems {
				break
			}
		}
	}
	return out, nil
}

func verifyMembers(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "members", "member", func(id int64) (string, string, error) {
		rows, err := tx.QueryContext(ctx, `SELECT id, slug, name, kind, region, code FROM members WHERE id = $1`, id)
		if err != nil {
			return "", "", err
		}
		defer rows.Close()
		if !rows.Next() {
			return "", "", sql.ErrNoRows
		}
		m, err := scanMember(rows)
		if err != nil {
			return "", "", err
		}
		m.ID = 0
		m.Name = m.Name.Clean()
		return contentHash(m), m.Slug, nil
	})
}

func verifyOrganisations(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "organisations", audit.EntityOrganisation, func(id int64) (string, string, error) {
		o, _, _, err := readOrganisationRecord(ctx, tx, id)
		if err != nil {
			return "", "", err
		}
		o.Name = o.Name.Clean()
		return contentHash(o), o.Name.String(), nil
	})
}

func verifyPlans(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "plans", audit.EntityPlan, func(id int64) (string, string, error) {
		r, _, _, err := readPlanRecord(ctx, tx, id)
		return r.hash(), r.ExternalID, err
	})
}

func verifyAreas(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "areas", audit.EntityArea, func(id int64) (string, string, error) {
		r, err := readAreaRow(ctx, tx, id)
		return r.hash(), r.Plan + " area " + r.Number, err
	})
}

func verifyMeasures(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "measures", audit.EntityMeasure, func(id int64) (string, string, error) {
		r, _, _, err := readMeasureRecord(ctx, tx, id)
		name := r.Plan + " " + r.Clause
		if r.ExternalID != "" {
			name += " " + r.ExternalID
		}
		return contentHash(r.BundleMeasure), name, err
	})
}

// verifyUsers compares each account with what its last audit entry
// recorded, and finds accounts the log never saw created and accounts it
// saw that are gone.
func verifyUsers(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	logged := map[int64]userRecord{}
	rows, err := tx.QueryContext(ctx, `SELECT entity_id, after FROM audit_log WHERE entity_type = $1 ORDER BY seq`, audit.EntityUser)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	for rows.Next() {
		var idText string
		var after sql.NullString
		if err := rows.Scan(&idText, &after); err != nil {
			rows.Close()
			return nil, fmt.Errorf("users: %w", err)
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || !after.Valid {
			continue
		}
		// Entries that say only that a password changed hold no email and
		// leave the recorded state as it was.
		var r userRecord
		if json.Unmarshal([]byte(after.String), &r) == nil && r.Email != "" {
			logged[id] = r
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	var ids []int64
	idRows, err := tx.QueryContext(ctx, `SELECT id FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	for idRows.Next() {
		var id int64
		if err := idRows.Scan(&id); err != nil {
			idRows.Close()
			return nil, fmt.Errorf("users: %w", err)
		}
		ids = append(ids, id)
	}
	idRows.Close()
	var out []audit.ContentProblem
	seen := map[int64]bool{}
	for _, id := range ids {
		seen[id] = true
		now, err := readUserRecord(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("user %d: %w", id, err)
		}
		was, ok := logged[id]
		switch {
		case !ok:
			out = append(out, audit.ContentProblem{EntityType: audit.EntityUser, ID: id, Name: now.Email,
				Detail: "the audit log never recorded this account: it was inserted outside ogpp"})
		case was != *now:
			out = append(out, audit.ContentProblem{EntityType: audit.EntityUser, ID: id, Name: now.Email,
				Detail: "it differs from what the audit log last recorded (" + userDifference(was, *now) + "): it was changed outside ogpp"})
		}
	}
	var gone []int64
	for id := range logged {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
	for _, id := range gone {
		out = append(out, audit.ContentProblem{EntityType: audit.EntityUser, ID: id, Name: logged[id].Email,
			Detail: "the audit log recorded this account, which is gone: it was removed outside ogpp"})
	}
	return out, nil
}

// userDifference names the fields of an account that differ.
func userDifference(was, now userRecord) string {
	var diffs []string
	add := func(field string, a, b any) {
		if a != b {
			diffs = append(diffs, fmt.Sprintf("%s %v, recorded %v", field, b, a))
		}
	}
	add("email", was.Email, now.Email)
	add("name", was.Name, now.Name)
	add("role", was.Role, now.Role)
	add("organisation", was.OrganisationID, now.OrganisationID)
	add("disabled", was.Disabled, now.Disabled)
	out := ""
	for i, d := range diffs {
		if i > 0 {
			out += "; "
		}
		out += d
	}
	return out
}
