package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// The store keeps events.
var _ events.Store = (*DB)(nil)

// eventRecord is an event as the audit log records it and as its
// fingerprint covers it. The title is "title", the key the audit pages
// name an entity by.
type eventRecord struct {
	Kind         events.Kind         `json:"kind"`
	Title        plan.Text           `json:"title"`
	Start        string              `json:"start"`
	End          string              `json:"end"`
	Place        string              `json:"place,omitempty"`
	Region       string              `json:"region,omitempty"`
	OnlineURL    string              `json:"online_url,omitempty"`
	RecordingURL string              `json:"recording_url,omitempty"`
	ActivityID   int64               `json:"activity_id,omitempty"`
	MeasureIDs   []int64             `json:"measure_ids"`
	Partners     []events.Partner    `json:"partners"`
	Agenda       []events.AgendaItem `json:"agenda"`
	Status       events.Status       `json:"status"`
	Capacity     int                 `json:"capacity"`
}

func (r eventRecord) hash() string { return contentHash(r) }

func recordOfEventEdit(e *events.Edit) eventRecord {
	r := eventRecord{Kind: e.Kind, Title: e.Title.Clean(), Start: formatTime(e.StartAt), End: formatTime(e.EndAt), Place: e.Place, Region: e.Region,
		OnlineURL: e.OnlineURL, RecordingURL: e.RecordingURL, ActivityID: max(e.ActivityID, 0), MeasureIDs: e.MeasureIDs,
		Partners: e.Partners, Agenda: e.Agenda, Status: e.Status, Capacity: e.Capacity}
	r.normalise()
	return r
}

// normalise makes empty lists empty rather than nil, so that a record
// read back hashes as the one written.
func (r *eventRecord) normalise() {
	if r.MeasureIDs == nil {
		r.MeasureIDs = []int64{}
	}
	if r.Partners == nil {
		r.Partners = []events.Partner{}
	}
	if r.Agenda == nil {
		r.Agenda = []events.AgendaItem{}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data is marshalled
	}
	return string(b)
}

// eventColumns are the columns an eventRecord is read from, in order.
const eventColumns = `kind, title, starts_at, ends_at, place, region, online_url, recording_url, activity_id, measure_ids, partners, agenda, status, capacity`

// scanEventRecord reads eventColumns (after any leading destinations).
func scanEventRecord(scan func(...any) error, lead ...any) (eventRecord, error) {
	var r eventRecord
	var title, measures, partners, agenda string
	var activity sql.NullInt64
	dest := append(lead, &r.Kind, &title, &r.Start, &r.End, &r.Place, &r.Region, &r.OnlineURL, &r.RecordingURL, &activity, &measures, &partners, &agenda, &r.Status, &r.Capacity)
	if err := scan(dest...); err != nil {
		return r, err
	}
	r.ActivityID = activity.Int64
	var err error
	if r.Title, err = parseText(title); err != nil {
		return r, err
	}
	for _, p := range []struct {
		s string
		v any
	}{{measures, &r.MeasureIDs}, {partners, &r.Partners}, {agenda, &r.Agenda}} {
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			return r, fmt.Errorf("stored list %q: %w", p.s, err)
		}
	}
	r.normalise()
	return r, nil
}

func eventArgs(r eventRecord, now string) []any {
	return []any{string(r.Kind), textJSON(r.Title), r.Start, r.End, r.Place, r.Region, r.OnlineURL, r.RecordingURL, pwNullID(r.ActivityID),
		mustJSON(r.MeasureIDs), mustJSON(r.Partners), mustJSON(r.Agenda), string(r.Status), r.Capacity, r.hash(), now}
}

// checkEventEdit checks what only the database knows: the activity and
// the measures exist.
func checkEventEdit(ctx context.Context, tx *sql.Tx, before *eventRecord, e *events.Edit) error {
	fe := plan.FieldErrors{}
	if e.ActivityID > 0 && (before == nil || before.ActivityID != e.ActivityID) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM project_activities WHERE id = $1 AND deleted_at IS NULL`, e.ActivityID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			fe["activity"] = "events.activity.unknown"
		}
	}
	for _, id := range e.MeasureIDs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measures WHERE id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			fe["measures"] = "events.measures.invalid"
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// CreateEvent records an event and returns its id. Invalid input is
// refused with plan.FieldErrors and changes nothing.
func (db *DB) CreateEvent(ctx context.Context, actor audit.Actor, e events.Edit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create event: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkEventEdit(ctx, tx, nil, &e); err != nil {
			return err
		}
		r := recordOfEventEdit(&e)
		if err := tx.QueryRowContext(ctx, `INSERT INTO events (kind, title, starts_at, ends_at, place, region, online_url, recording_url, activity_id,
			measure_ids, partners, agenda, status, capacity, content_hash, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id`, eventArgs(r, formatTime(db.Now()))...).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, events.EntityEvent, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create event: %w", err)
	}
	return id, nil
}

// readEventRecord reads a live event for a write.
func readEventRecord(ctx context.Context, q querier, id int64) (eventRecord, int, error) {
	var version int
	row := q.QueryRowContext(ctx, `SELECT version, `+eventColumns+` FROM events WHERE id = $1 AND deleted_at IS NULL`, id)
	r, err := scanEventRecord(row.Scan, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, plan.ErrNotFound
	}
	return r, version, err
}

// UpdateEvent replaces what the form sets on event id when its stored
// version is e.Version; a stale version is refused with a
// *plan.ConflictError[events.Event]. Raising the capacity promotes as many
// waiting registrations as the new places allow.
func (db *DB) UpdateEvent(ctx context.Context, actor audit.Actor, id int64, e events.Edit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update event %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := db.lockEvent(ctx, tx, id); err != nil {
			return err
		}
		before, version, err := readEventRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		if err := checkEventEdit(ctx, tx, &before, &e); err != nil {
			return err
		}
		r := recordOfEventEdit(&e)
		args := append(eventArgs(r, formatTime(db.Now())), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE events SET kind = $1, title = $2, starts_at = $3, ends_at = $4, place = $5, region = $6, online_url = $7,
			recording_url = $8, activity_id = $9, measure_ids = $10, partners = $11, agenda = $12, status = $13, capacity = $14, content_hash = $15,
			updated_at = $16, version = version + 1 WHERE id = $17 AND version = $18 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.auditChange(ctx, tx, actor, audit.ActionUpdate, events.EntityEvent, id, before, r); err != nil {
			return err
		}
		return db.promoteWaiting(ctx, tx, id, r.Capacity)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.GetEvent(ctx, id)
		if gerr != nil {
			return fmt.Errorf("update event %d: %w", id, gerr)
		}
		err = &plan.ConflictError[events.Event]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("update event %d: %w", id, err)
	}
	return nil
}

// lockEvent serialises the writers of one event's registrations on
// PostgreSQL; SQLite's single writer already does.
func (db *DB) lockEvent(ctx context.Context, tx *sql.Tx, id int64) error {
	if db.dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT id FROM events WHERE id = $1 FOR UPDATE`, id)
	return err
}

const eventSelect = `SELECT e.id, e.version, e.updated_at,
	(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'),
	(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted'),
	e.kind, e.title, e.starts_at, e.ends_at, e.place, e.region, e.online_url, e.recording_url, e.activity_id, e.measure_ids, e.partners, e.agenda, e.status, e.capacity
	FROM events e`

func scanEvent(scan func(...any) error) (events.Event, error) {
	var ev events.Event
	var updated string
	r, err := scanEventRecord(scan, &ev.ID, &ev.Version, &updated, &ev.Registered, &ev.Waiting)
	if err != nil {
		return ev, err
	}
	if ev.UpdatedAt, err = parseTime(updated); err != nil {
		return ev, err
	}
	if ev.Start, err = parseTime(r.Start); err != nil {
		return ev, err
	}
	if ev.End, err = parseTime(r.End); err != nil {
		return ev, err
	}
	ev.Kind, ev.Title, ev.Place, ev.Region, ev.OnlineURL, ev.RecordingURL = r.Kind, r.Title, r.Place, r.Region, r.OnlineURL, r.RecordingURL
	ev.ActivityID, ev.MeasureIDs, ev.Partners, ev.Agenda, ev.Status, ev.Capacity = r.ActivityID, r.MeasureIDs, r.Partners, r.Agenda, r.Status, r.Capacity
	return ev, nil
}

// GetEvent reads event id; plan.ErrNotFound when there is none.
func (db *DB) GetEvent(ctx context.Context, id int64) (events.Event, error) {
	ev, err := scanEvent(db.read.QueryRowContext(ctx, eventSelect+` WHERE e.id = $1 AND e.deleted_at IS NULL`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return ev, plan.ErrNotFound
	}
	if err != nil {
		return ev, fmt.Errorf("get event %d: %w", id, err)
	}
	return ev, nil
}

// ListEvents lists the events the filter selects, by start time.
func (db *DB) ListEvents(ctx context.Context, f events.Filter) ([]events.Event, error) {
	var c conds
	c.add("e.deleted_at IS NULL")
	if f.Kind != "" {
		c.add("e.kind = ?", string(f.Kind))
	}
	if f.Region != "" {
		c.add("e.region = ?", f.Region)
	}
	if f.Year != 0 {
		// The year is the display zone's: an event starting at 01:00 on
		// 1 January in Baku is still the previous year in UTC.
		from := formatTime(timeInZone(f.Year))
		to := formatTime(timeInZone(f.Year + 1))
		c.add("e.starts_at >= ? AND e.starts_at < ?", from, to)
	}
	rows, err := db.read.QueryContext(ctx, eventSelect+c.where()+` ORDER BY e.starts_at, e.id`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []events.Event
	for rows.Next() {
		ev, err := scanEvent(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// EventIndicatorSources are the indicator sources events compute, for a
// project: its events are those linked to its activities.
func (db *DB) EventIndicatorSources() []platform.IndicatorSource {
	count := func(pred func(events.Tally) int) func(ctx context.Context, projectID int64, arg string) (int64, error) {
		return func(ctx context.Context, projectID int64, arg string) (int64, error) {
			ts, err := db.tallies(ctx, events.Filter{}, projectID)
			if err != nil {
				return 0, err
			}
			var n int64
			for _, t := range ts {
				if t.Event.Status == events.Held {
					n += int64(pred(t))
				}
			}
			return n, nil
		}
	}
	src := func(name string, f func(events.Tally, string) int) platform.IndicatorSource {
		return platform.SourceFunc{Computation: name, Func: func(ctx context.Context, projectID int64, arg string) (int64, error) {
			return count(func(t events.Tally) int { return f(t, arg) })(ctx, projectID, arg)
		}}
	}
	one := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	return []platform.IndicatorSource{
		src(platform.ComputeRoundTablesHeld, func(t events.Tally, _ string) int { return one(t.Event.Kind == events.RoundTable) }),
		src(platform.ComputeRoundTablesInRegions, func(t events.Tally, _ string) int {
			return one(t.Event.Kind == events.RoundTable && t.Event.InRegions())
		}),
		src(platform.ComputeInternetTV, func(t events.Tally, _ string) int { return one(t.Event.Kind == events.InternetTV) }),
		src(platform.ComputeParticipants, func(t events.Tally, _ string) int { return t.Total() }),
		src(platform.ComputeParticipantsByCategory, func(t events.Tally, arg string) int { return t.Count()[events.Category(arg)] }),
	}
}

// timeInZone is the first instant of a year in the events' zone.
func timeInZone(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, events.Zone) }
