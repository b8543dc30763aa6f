// Package events holds the platform's events — round tables, meetings,
// internet-TV discussions, trainings, conferences — with their participants
// (named registrations with a waitlist, and head counts by category), the
// rule that counts them without counting anyone twice, the statistics and
// the iCal feed. It knows neither SQL nor HTTP.
package events

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// Entity names of the audit log.
const (
	EntityEvent        = "event"
	EntityRegistration = "event_registration"
	EntityHeadCount    = "event_head_count"
)

// Kind is what sort of event it is.
type Kind string

// The kinds of event.
const (
	RoundTable      Kind = "round_table"
	Meeting         Kind = "meeting"
	InternetTV      Kind = "internet_tv"
	Training        Kind = "training"
	Conference      Kind = "conference"
	PressConference Kind = "press_conference"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{RoundTable, Meeting, InternetTV, Training, Conference, PressConference}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Status is where an event stands.
type Status string

// The statuses of an event.
const (
	Planned   Status = "planned"
	Held      Status = "held"
	Cancelled Status = "cancelled"
)

// Statuses lists the statuses in the order forms offer them.
var Statuses = []Status{Planned, Held, Cancelled}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Category is who a participant is, for counting by category.
type Category string

// The default participant categories' codes (see DefaultCategories).
const (
	MemberNGO     Category = "member_ngo"
	NonMemberNGO  Category = "non_member_ngo"
	StateBody     Category = "state_body"
	ForeignGuest  Category = "foreign_guest"
	Media         Category = "media"
	International Category = "international"
	Business      Category = "business"
	OtherCategory Category = "other"
)

// PartnerRole is what a partner organisation did for an event.
type PartnerRole string

// The partner roles.
const (
	CoOrganiser  PartnerRole = "co_organiser"
	AgendaAgreed PartnerRole = "agenda_agreed"
)

// PartnerRoles lists the roles in the order forms offer them.
var PartnerRoles = []PartnerRole{CoOrganiser, AgendaAgreed}

// Partner is an organisation named with its role.
type Partner struct {
	Name string      `json:"name"`
	Role PartnerRole `json:"role"`
}

// AgendaItem is one line of an event's agenda; Time is "HH:MM" in the
// display zone, as printed on the agenda.
type AgendaItem struct {
	Time    string `json:"time,omitempty"`
	Title   string `json:"title"`
	Speaker string `json:"speaker,omitempty"`
}

// Zone is the time zone events are entered and shown in: Azerbaijan's,
// UTC+4 without daylight saving since 2016.
var Zone = time.FixedZone("+04", 4*3600)

// Event is a recorded event.
type Event struct {
	ID           int64
	Kind         Kind
	Title        plan.Text
	Start, End   time.Time // UTC
	Place        string
	Region       string
	OnlineURL    string
	RecordingURL string
	ActivityID   int64
	MeasureIDs   []int64
	Partners     []Partner
	Agenda       []AgendaItem
	Status       Status
	// Capacity is how many may register before the waitlist; 0 for no
	// limit.
	Capacity  int
	Version   int
	UpdatedAt time.Time
	// Registered and Waiting are the named registrations holding a place
	// and waiting for one, filled by reads.
	Registered, Waiting int
}

// InRegions reports whether the event took place outside the capital: a
// region is given and it is not Baku, in any of the UI languages. Online
// events without a region count as the capital's.
func (e Event) InRegions() bool { return IsRegional(e.Region) }

// IsRegional is InRegions for a region's name.
func IsRegional(region string) bool {
	r := strings.ToLower(strings.TrimSpace(region))
	switch r {
	case "", "bakı", "baki", "baku", "баку", "bakı şəhəri", "г. баку":
		return false
	}
	return true
}

// Upcoming reports whether the event is planned and has not started at now.
func (e Event) Upcoming(now time.Time) bool { return e.Status == Planned && e.Start.After(now) }

// Full reports whether every place is taken.
func (e Event) Full() bool { return e.Capacity > 0 && e.Registered >= e.Capacity }

// Limits of what a form may hold.
const (
	maxShort    = 300
	maxURL      = 2000
	maxItems    = 60
	maxCapacity = 100000
	// MaxHeadCount bounds one category's head count.
	MaxHeadCount = 1000000
)

// Edit is what a coordinator's form sets on an event. Start and End are
// as typed, "2017-05-10T10:00" in Zone, so that a refused form shows them
// back; Validate parses them into StartAt and EndAt (UTC).
type Edit struct {
	Kind         Kind
	Title        plan.Text
	Start, End   string
	StartAt      time.Time
	EndAt        time.Time
	Place        string
	Region       string
	OnlineURL    string
	RecordingURL string
	ActivityID   int64
	MeasureIDs   []int64
	Partners     []Partner
	Agenda       []AgendaItem
	Status       Status
	Capacity     int
	Version      int
}

// InputLayout is how forms enter a time of day (the HTML datetime-local
// value), in Zone.
const InputLayout = "2006-01-02T15:04"

// ParseLocal reads a datetime-local value in Zone and returns it in UTC.
func ParseLocal(s string) (time.Time, error) {
	t, err := time.ParseInLocation(InputLayout, strings.TrimSpace(s), Zone)
	return t.UTC(), err
}

// FormatLocal writes t as a datetime-local value in Zone.
func FormatLocal(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format(InputLayout)
}

// Validate tidies e and checks it; the store checks the activity and the
// measures exist.
func (e *Edit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title = e.Title.Clean()
	e.Place, e.Region = strings.TrimSpace(e.Place), strings.TrimSpace(e.Region)
	e.OnlineURL, e.RecordingURL = strings.TrimSpace(e.OnlineURL), strings.TrimSpace(e.RecordingURL)
	if !e.Kind.Valid() {
		fe["kind"] = "events.kind.invalid"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	for _, v := range e.Title {
		if utf8.RuneCountInString(v) > maxShort {
			fe["title"] = "events.too_long"
		}
	}
	var err error
	if e.StartAt, err = ParseLocal(e.Start); err != nil {
		fe["start"] = "events.time.invalid"
	}
	if strings.TrimSpace(e.End) == "" {
		e.EndAt = e.StartAt
	} else if e.EndAt, err = ParseLocal(e.End); err != nil {
		fe["end"] = "events.time.invalid"
	} else if _, bad := fe["start"]; !bad && e.EndAt.Before(e.StartAt) {
		fe["end"] = "events.end.before_start"
	}
	for field, v := range map[string]string{"place": e.Place, "region": e.Region} {
		if utf8.RuneCountInString(v) > maxShort {
			fe[field] = "events.too_long"
		}
	}
	for field, v := range map[string]string{"online_url": e.OnlineURL, "recording_url": e.RecordingURL} {
		if v != "" && !webURL(v) {
			fe[field] = "events.url.invalid"
		}
	}
	if !e.Status.Valid() {
		fe["status"] = "events.status.invalid"
	}
	if e.Capacity < 0 || e.Capacity > maxCapacity {
		fe["capacity"] = "events.capacity.invalid"
	}
	if e.ActivityID < 0 {
		fe["activity"] = "events.activity.unknown"
	}
	slices.Sort(e.MeasureIDs)
	e.MeasureIDs = slices.Compact(e.MeasureIDs)
	if len(e.MeasureIDs) > maxItems || slices.ContainsFunc(e.MeasureIDs, func(id int64) bool { return id <= 0 }) {
		fe["measures"] = "events.measures.invalid"
	}
	partners := e.Partners[:0:0]
	for _, p := range e.Partners {
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" {
			continue
		}
		if !slices.Contains(PartnerRoles, p.Role) || utf8.RuneCountInString(p.Name) > maxShort {
			fe["partners"] = "events.partners.invalid"
		}
		partners = append(partners, p)
	}
	e.Partners = partners
	agenda := e.Agenda[:0:0]
	for _, a := range e.Agenda {
		a.Time, a.Title, a.Speaker = strings.TrimSpace(a.Time), strings.TrimSpace(a.Title), strings.TrimSpace(a.Speaker)
		if a.Title == "" && a.Time == "" && a.Speaker == "" {
			continue
		}
		if a.Title == "" || utf8.RuneCountInString(a.Title) > maxShort || utf8.RuneCountInString(a.Speaker) > maxShort {
			fe["agenda"] = "events.agenda.invalid"
		}
		if a.Time != "" {
			if _, err := time.Parse("15:04", a.Time); err != nil {
				fe["agenda"] = "events.agenda.invalid"
			}
		}
		agenda = append(agenda, a)
	}
	e.Agenda = agenda
	if len(e.Partners) > maxItems || len(e.Agenda) > maxItems {
		fe["agenda"] = "events.agenda.invalid"
	}
	return fe
}

// webURL reports whether s is an absolute http or https address.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && utf8.RuneCountInString(s) <= maxURL
}

// RegStatus is where a named registration stands.
type RegStatus string

// The statuses of a registration.
const (
	Registered RegStatus = "registered"
	Waitlisted RegStatus = "waitlisted"
	Withdrawn  RegStatus = "cancelled"
)

// Registration is a named participant of an event. Names are private:
// only coordinators read them.
type Registration struct {
	ID           int64
	EventID      int64
	Name         string
	Organisation string
	Category     Category
	Status       RegStatus
	CheckedIn    bool
	CheckedInAt  time.Time
	CreatedAt    time.Time
	Version      int
}

// Registrant is what the public registration form sends.
type Registrant struct {
	Name         string
	Organisation string
	Category     Category
	Consent      bool
	// Honeypot is a field people do not see and robots fill in.
	Honeypot string
	// Client identifies the sender for the rate limit (a hash of the
	// address); never shown.
	Client string
}

// ErrSpam refuses a registration whose honeypot is filled in.
var ErrSpam = spamError("events: refused as spam")

// ErrRateLimited refuses a registration from an address that sent too
// many lately.
var ErrRateLimited = spamError("events: too many registrations from this address")

// ErrClosed refuses a registration for an event that is not open to it:
// held, cancelled, or already started.
var ErrClosed = spamError("events: registration is closed")

type spamError string

func (e spamError) Error() string { return string(e) }

// Validate tidies r and checks it.
func (r *Registrant) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	r.Name, r.Organisation = strings.TrimSpace(r.Name), strings.TrimSpace(r.Organisation)
	if r.Name == "" {
		fe["name"] = "events.reg.name.required"
	} else if utf8.RuneCountInString(r.Name) > maxShort {
		fe["name"] = "events.too_long"
	}
	if utf8.RuneCountInString(r.Organisation) > maxShort {
		fe["organisation"] = "events.too_long"
	}
	if r.Category == "" {
		fe["category"] = "events.category.invalid"
	} else if !r.Category.Valid() {
		fe["category"] = "events.category.unknown"
	}
	if !r.Consent {
		fe["consent"] = "events.reg.consent.required"
	}
	return fe
}

// RateLimit is how many registrations one address may send within
// RateWindow; past it, the form refuses until the window moves on.
const (
	RateLimit  = 5
	RateWindow = time.Hour
)

// Filter selects events for the lists and statistics.
type Filter struct {
	Kind   Kind
	Region string
	Year   int
}

// Store keeps events and their participants.
type Store interface {
	CategoryStore
	// DeleteEvent soft-deletes event id when its stored version is
	// version, hiding its registrations and head counts with it.
	DeleteEvent(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreEvent brings back a soft-deleted event; one that is not
	// deleted is plan.ErrNotFound.
	RestoreEvent(ctx context.Context, actor audit.Actor, id int64) error
	// ListDeletedEvents lists the soft-deleted events, latest deletion
	// first.
	ListDeletedEvents(ctx context.Context) ([]plan.Deleted, error)
	CreateEvent(ctx context.Context, actor audit.Actor, e Edit) (int64, error)
	UpdateEvent(ctx context.Context, actor audit.Actor, id int64, e Edit) error
	GetEvent(ctx context.Context, id int64) (Event, error)
	ListEvents(ctx context.Context, f Filter) ([]Event, error)
	// Register records a registration, on the waitlist when the event is
	// full, and returns it with the one-time token that cancels it.
	Register(ctx context.Context, eventID int64, r Registrant) (Registration, string, error)
	// RegistrationByToken finds the registration a cancellation token
	// names; plan.ErrNotFound when none does.
	RegistrationByToken(ctx context.Context, token string) (Registration, error)
	// CancelRegistration cancels the registration the token names and
	// promotes the first waiting when it held a place.
	CancelRegistration(ctx context.Context, token string) (Registration, error)
	Registrations(ctx context.Context, eventID int64) ([]Registration, error)
	CheckIn(ctx context.Context, actor audit.Actor, eventID, regID int64, in bool) error
	HeadCounts(ctx context.Context, eventID int64) (map[Category]int, error)
	SetHeadCounts(ctx context.Context, actor audit.Actor, eventID int64, counts map[Category]*int) error
	// Tallies returns per held event its participants by category, by
	// the counting rule (see Count).
	Tallies(ctx context.Context, f Filter) ([]Tally, error)
}
