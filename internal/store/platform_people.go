package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// personContent is what a person's fingerprint covers, contacts included:
// contacts changed in the database directly are named like any other
// field.
type personContent struct {
	Name           plan.Text         `json:"name"`
	OrganisationID int64             `json:"organisation_id"`
	Position       plan.Text         `json:"position"`
	Representative bool              `json:"representative"`
	Expertise      []string          `json:"expertise"`
	Contacts       platform.Contacts `json:"contacts"`
}

func (c personContent) hash() string {
	c.Name, c.Position = c.Name.Clean(), c.Position.Clean()
	if len(c.Expertise) == 0 {
		c.Expertise = nil
	}
	return contentHash(c)
}

// personRecord is a person as the audit log records it. The log is
// append-only and outlives the person, so it holds a fingerprint of the
// contacts, which shows that they changed, never the contacts themselves.
type personRecord struct {
	Name           plan.Text `json:"name"`
	OrganisationID int64     `json:"organisation_id,omitempty"`
	Organisation   string    `json:"organisation,omitempty"`
	Position       plan.Text `json:"position,omitempty"`
	Representative bool      `json:"representative,omitempty"`
	Expertise      []string  `json:"expertise,omitempty"`
	Contacts       string    `json:"contacts,omitempty"`
}

// contactsPrint fingerprints contacts for the audit log; "" for none.
func contactsPrint(c platform.Contacts) string {
	if c.IsEmpty() {
		return ""
	}
	b, _ := json.Marshal(c) // three strings always marshal
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// personState is a stored person as writes and verification need it.
type personState struct {
	content personContent
	org     string // the organisation's name, for the log
	version int
	deleted bool
	hash    string // as stored
}

func (s personState) record() personRecord {
	c := s.content
	return personRecord{Name: c.Name, OrganisationID: c.OrganisationID, Organisation: s.org, Position: c.Position,
		Representative: c.Representative, Expertise: c.Expertise, Contacts: contactsPrint(c.Contacts)}
}

const personStateSelect = `SELECT p.id, p.name, COALESCE(p.organisation_id, 0), p.position, p.representative, p.expertise, p.email, p.phone, p.address,
	p.version, p.deleted_at IS NOT NULL, p.content_hash, COALESCE(o.name, '{}')
	FROM platform_people p LEFT JOIN organisations o ON o.id = p.organisation_id`

func scanPersonState(row scanner) (int64, personState, error) {
	var id int64
	var s personState
	var name, position, expertise, org string
	var rep int
	err := row.Scan(&id, &name, &s.content.OrganisationID, &position, &rep, &expertise, &s.content.Contacts.Email, &s.content.Contacts.Phone,
		&s.content.Contacts.Address, &s.version, &s.deleted, &s.hash, &org)
	if err != nil {
		return id, s, err
	}
	s.content.Representative = rep != 0
	if s.content.Name, err = parseText(name); err != nil {
		return id, s, err
	}
	if s.content.Position, err = parseText(position); err != nil {
		return id, s, err
	}
	if s.content.Expertise, err = parsePersonTags(expertise); err != nil {
		return id, s, err
	}
	orgName, err := parseText(org)
	s.org = orgName.String()
	return id, s, err
}

// readPersonState reads person id, live or deleted; plan.ErrNotFound when
// there is none.
func readPersonState(ctx context.Context, q querier, id int64) (personState, error) {
	_, s, err := scanPersonState(q.QueryRowContext(ctx, personStateSelect+` WHERE p.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

// parsePersonTags reads a JSON array of strings as stored.
func parsePersonTags(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("stored tags %q: %w", s, err)
	}
	return out, nil
}

// personColumns are what public reads of people select: never contacts.
// A deleted organisation is no one's organisation any more.
const personColumns = `p.id, p.name, COALESCE(o.id, 0), COALESCE(o.name, '{}'), COALESCE(o.kind, ''), p.position, p.representative, p.expertise,
	p.updated_at, p.version`

const personFrom = ` FROM platform_people p LEFT JOIN organisations o ON o.id = p.organisation_id AND o.deleted_at IS NULL`

func scanPerson(row scanner) (platform.Person, error) {
	var p platform.Person
	var name, org, kind, position, expertise, updated string
	var rep int
	if err := row.Scan(&p.ID, &name, &p.OrganisationID, &org, &kind, &position, &rep, &expertise, &updated, &p.Version); err != nil {
		return p, err
	}
	p.Representative = rep != 0
	p.Organisation.ID, p.Organisation.Kind = p.OrganisationID, plan.OrganisationKind(kind)
	var err error
	if p.Name, err = parseText(name); err != nil {
		return p, err
	}
	if p.Organisation.Name, err = parseText(org); err != nil {
		return p, err
	}
	if p.Position, err = parseText(position); err != nil {
		return p, err
	}
	if p.Expertise, err = parsePersonTags(expertise); err != nil {
		return p, err
	}
	p.UpdatedAt, err = parseTime(updated)
	return p, err
}

func queryPeople(ctx context.Context, q querier, where, tail string, args ...any) ([]platform.Person, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+personColumns+personFrom+andWhere(where, `p.deleted_at IS NULL`)+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []platform.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ListPeople returns a page of live people in alphabetical order. The
// search matches names, positions and expertise, never contacts.
func (db *DB) ListPeople(ctx context.Context, f platform.PeopleFilter) (plan.Page[platform.Person], error) {
	var page plan.Page[platform.Person]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	c.add(`p.deleted_at IS NULL`)
	if f.OrganisationID != 0 {
		c.add(`p.organisation_id = ?`, f.OrganisationID)
	}
	c.matchWords(f.Q, "p")
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_people p`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list people: %w", err)
	}
	items, err := queryPeople(ctx, db.read, c.where(), ` ORDER BY p.representative DESC, p.sort_key, p.id LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return page, fmt.Errorf("list people: %w", err)
	}
	page.Items = items
	return page, nil
}

// GetPerson returns a live person without contacts.
func (db *DB) GetPerson(ctx context.Context, id int64) (platform.Person, error) {
	out, err := queryPeople(ctx, db.read, ` WHERE p.id = $1`, "", id)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Person{}, fmt.Errorf("get person %d: %w", id, err)
	}
	return out[0], nil
}

// PersonContacts returns a live person's private contacts. Call it only
// for someone the access policy lets see them.
func (db *DB) PersonContacts(ctx context.Context, id int64) (platform.Contacts, error) {
	var c platform.Contacts
	err := db.read.QueryRowContext(ctx, `SELECT email, phone, address FROM platform_people WHERE id = $1 AND deleted_at IS NULL`, id).Scan(
		&c.Email, &c.Phone, &c.Address)
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("contacts of person %d: %w", id, err)
	}
	return c, nil
}

// CreatePerson adds a person and records it in the audit log, in one
// transaction, and returns its id. Invalid input or an unknown
// organisation is refused with plan.FieldErrors.
func (db *DB) CreatePerson(ctx context.Context, actor audit.Actor, e platform.PersonEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create person: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkPersonOrganisation(ctx, tx, e.OrganisationID); err != nil {
			return err
		}
		now := formatTime(db.Now())
		args := personArgs(&e)
		if err := tx.QueryRowContext(ctx, `INSERT INTO platform_people (name, organisation_id, position, representative, expertise, email, phone, address,
			search, search_intl, sort_key, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`, append(args, now)...).Scan(&id); err != nil {
			return err
		}
		after, err := readPersonState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityPerson, id, nil, after.record())
	})
	if err != nil {
		return 0, fmt.Errorf("create person: %w", err)
	}
	return id, nil
}

// UpdatePerson replaces person id's fields when its stored version is
// e.Version; a stale version is refused with a
// *plan.ConflictError[platform.Person].
func (db *DB) UpdatePerson(ctx context.Context, actor audit.Actor, id int64, e platform.PersonEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update person %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readPersonState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		if e.OrganisationID != before.content.OrganisationID {
			if err := checkPersonOrganisation(ctx, tx, e.OrganisationID); err != nil {
				return err
			}
		}
		args := append(personArgs(&e), formatTime(db.Now()), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE platform_people SET name = $1, organisation_id = $2, position = $3, representative = $4, expertise = $5,
			email = $6, phone = $7, address = $8, search = $9, search_intl = $10, sort_key = $11, content_hash = $12, updated_at = $13,
			version = version + 1 WHERE id = $14 AND version = $15 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readPersonState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityPerson, id, before.record(), after.record())
	})
	return db.personWriteError(ctx, "update", id, err)
}

// DeletePerson soft-deletes person id when its stored version is version.
// Someone who leads a live expert group is refused with plan.ErrInUse: the
// group needs another lead first. The person leaves the groups they were
// a member of with the delete, as the groups' pages show.
func (db *DB) DeletePerson(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readPersonState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_groups WHERE lead_id = $1 AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("leads %d expert group(s): %w", n, plan.ErrInUse)
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE platform_people SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityPerson, id, before.record())
	})
	return db.personWriteError(ctx, "delete", id, err)
}

// RestorePerson brings back a soft-deleted person; one that is not
// deleted is plan.ErrNotFound.
func (db *DB) RestorePerson(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platform_people SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, err := readPersonState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityPerson, id, nil, after.record())
	})
	if err != nil {
		return fmt.Errorf("restore person %d: %w", id, err)
	}
	return nil
}

// personWriteError wraps the error of a write to person id, turning a
// stale version into a conflict that carries the person as it is now.
func (db *DB) personWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetPerson(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s person %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Person]{Current: current}
	}
	return fmt.Errorf("%s person %d: %w", op, id, err)
}

// checkPersonOrganisation refuses an organisation that does not exist or
// is deleted; 0 is none and always fine.
func checkPersonOrganisation(ctx context.Context, tx *sql.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM organisations WHERE id = $1 AND deleted_at IS NULL`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"organisation": "members.organisation.unknown"}
	}
	return err
}

// personArgs are the columns a write sets, from name to content_hash. The
// search index holds the name, position and expertise, never contacts.
func personArgs(e *platform.PersonEdit) []any {
	name, position := e.Name.Clean(), e.Position.Clean()
	search := searchText(name, position, strings.Join(e.Expertise, " "))
	var org any
	if e.OrganisationID != 0 {
		org = e.OrganisationID
	}
	rep := 0
	if e.Representative {
		rep = 1
	}
	hash := personContent{Name: name, OrganisationID: e.OrganisationID, Position: position, Representative: e.Representative,
		Expertise: e.Expertise, Contacts: e.Contacts}.hash()
	return []any{textJSON(name), org, textJSON(position), rep, tagsJSON(e.Expertise), e.Contacts.Email, e.Contacts.Phone, e.Contacts.Address,
		search.az, search.intl, i18n.SortKey(name.String()), hash}
}

// verifyPeople compares each person's stored fingerprint with one of
// what the row now holds.
func verifyPeople(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, personStateSelect+` ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, s, err := scanPersonState(rows)
		if err != nil {
			return nil, fmt.Errorf("person %d: %w", id, err)
		}
		if s.content.hash() != s.hash {
			out = append(out, audit.ContentProblem{EntityType: platform.EntityPerson, ID: id, Name: s.content.Name.String(), Detail: changedOutside})
		}
	}
	return out, rows.Err()
}
