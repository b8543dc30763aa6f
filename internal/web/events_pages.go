package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// needEvents answers 404 on a server built without an events store.
func (s *Server) needEvents(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.events == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// eventsView is the public list of events.
type eventsView struct {
	Upcoming, Past []events.Event
	Kind, Region   string
	Year           string
	Kinds          []events.Kind
	Filtered       bool
}

// eventTable is a table of events with the locale, for the partial.
type eventTable struct {
	L      locale
	Events []events.Event
}

// Table pairs events with the locale for the "event-table" partial.
func (eventsView) Table(l locale, evs []events.Event) eventTable {
	return eventTable{L: l, Events: evs}
}

// eventsFilterOf reads the list's filters; ok is false (and a 400 page
// written) when one cannot be read.
func (s *Server) eventsFilterOf(w http.ResponseWriter, r *http.Request) (events.Filter, bool) {
	l := locale{Lang: langOf(r)}
	q := r.URL.Query()
	f := events.Filter{Kind: events.Kind(q.Get("kind")), Region: strings.TrimSpace(q.Get("region"))}
	if f.Kind != "" && !f.Kind.Valid() {
		s.badRequest(w, r, l.T("events.kind.invalid"))
		return f, false
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			s.badRequest(w, r, l.T("events.filter.year.invalid"))
			return f, false
		}
		f.Year = n
	}
	if len(f.Region) > 300 {
		s.badRequest(w, r, l.T("events.too_long"))
		return f, false
	}
	return f, true
}

// eventsPage lists upcoming events (soonest first) and past ones (latest
// first), filtered by kind, region and year: public.
func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	f, ok := s.eventsFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	evs, err := s.events.ListEvents(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.now()
	v := eventsView{Kind: string(f.Kind), Region: f.Region, Kinds: events.Kinds, Filtered: f.Kind != "" || f.Region != "" || f.Year != 0}
	if f.Year != 0 {
		v.Year = strconv.Itoa(f.Year)
	}
	for _, ev := range evs {
		if ev.Status == events.Planned && !ev.End.Before(now) {
			v.Upcoming = append(v.Upcoming, ev)
		} else {
			v.Past = append([]events.Event{ev}, v.Past...)
		}
	}
	s.render(w, r, http.StatusOK, "events", page{Title: l.T("events.title"), Data: v})
}

// eventView is an event's public page.
type eventView struct {
	Event events.Event
	Open  bool
	Form  formView
	// Categories are the categories the registration form offers.
	Categories events.CategoryList
	// Measures name the linked measures by clause and title; one since
	// deleted is left out.
	Measures []choiceOption
	// Cancel is the one-time cancellation link, shown once after
	// registering.
	Cancel     string
	Registered *events.Registration
	// Materials are the library's documents of the event.
	Materials materialsView
}

// Err returns the message shown beside a registration field.
func (v eventView) Err(field string) string { return errorFor(v.Form.Errors, field) }

// Errors lists the registration form's errors, for the error summary.
func (v eventView) Errors() []fieldError { return v.Form.Errors }

// eventOf reads the event the path names, writing a 404 when there is
// none.
func (s *Server) eventOf(w http.ResponseWriter, r *http.Request) (events.Event, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return events.Event{}, false
	}
	ev, err := s.events.GetEvent(r.Context(), id)
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return ev, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return ev, false
	}
	return ev, true
}

// eventPage shows an event with the registration form while it is open:
// public. Participants' names are never on it, only how many places are
// taken.
func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok {
		return
	}
	s.renderEvent(w, r, http.StatusOK, eventView{Event: ev, Form: formView{Values: map[string]string{}}})
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, v eventView) {
	l := locale{Lang: langOf(r)}
	v.Open = v.Event.Upcoming(s.now())
	cats, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Categories = cats.Active()
	if s.reg != nil {
		for _, id := range v.Event.MeasureIDs {
			m, err := s.reg.GetMeasure(r.Context(), strconv.FormatInt(id, 10))
			if errors.Is(err, plan.ErrNotFound) {
				continue
			}
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			v.Measures = append(v.Measures, choiceOption{ID: strconv.FormatInt(id, 10), Label: eventMeasureLabel(l, m)})
		}
	}
	v.Materials = s.eventMaterials(r, v.Event.ID)
	s.render(w, r, status, "event", page{Title: l.Plain(v.Event.Title), Data: v,
		Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}}})
}

// clientKey identifies the sender for the registration rate limit: a hash
// of the address, so that the database keeps no address.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	sum := sha256.Sum256([]byte("ogpp-events:" + host))
	return hex.EncodeToString(sum[:16])
}

// registerForEvent records a public registration, without an account.
func (s *Server) registerForEvent(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	in := events.Registrant{Name: r.PostForm.Get("name"), Organisation: r.PostForm.Get("organisation"),
		Category: events.Category(r.PostForm.Get("category")), Consent: r.PostForm.Get("consent") == "yes",
		Honeypot: r.PostForm.Get("website"), Client: clientKey(r)}
	v := eventView{Event: ev, Form: formView{Values: map[string]string{}}}
	keep(r.PostForm, v.Form.Values, "name", "organisation", "category")
	reg, token, err := s.events.Register(r.Context(), ev.ID, in)
	var fe plan.FieldErrors
	switch {
	case err == nil:
		ev, _ = s.events.GetEvent(r.Context(), ev.ID)
		s.renderEvent(w, r, http.StatusOK, eventView{Event: ev, Registered: &reg, Cancel: "/event-cancel/" + token})
	case errors.As(err, &fe):
		v.Form.Errors = editErrors(l, fe, []string{"name", "organisation", "category", "consent"}, nil)
		s.renderEvent(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, events.ErrSpam):
		s.badRequest(w, r, l.T("events.reg.refused"))
	case errors.Is(err, events.ErrRateLimited):
		v.Form.Errors = []fieldError{{Field: "name", Message: l.T("events.reg.rate_limited")}}
		s.renderEvent(w, r, http.StatusTooManyRequests, v)
	case errors.Is(err, events.ErrClosed):
		v.Form.Errors = []fieldError{{Field: "name", Message: l.T("events.reg.closed")}}
		s.renderEvent(w, r, http.StatusConflict, v)
	default:
		s.serverError(w, r, err)
	}
}

// cancelView is the page of a cancellation link.
type cancelView struct {
	Event        events.Event
	Registration events.Registration
	Token        string
	Done         bool
}

// cancelRegistrationPage asks to confirm a cancellation: following the
// link changes nothing.
func (s *Server) cancelRegistrationPage(w http.ResponseWriter, r *http.Request) {
	s.cancelRegistration(w, r, false)
}

// cancelRegistrationPost cancels, promoting the first waiting.
func (s *Server) cancelRegistrationPost(w http.ResponseWriter, r *http.Request) {
	s.cancelRegistration(w, r, true)
}

func (s *Server) cancelRegistration(w http.ResponseWriter, r *http.Request, do bool) {
	l := locale{Lang: langOf(r)}
	token := r.PathValue("token")
	reg, err := s.events.RegistrationByToken(r.Context(), token)
	if err == nil && reg.Status == events.Withdrawn {
		err = plan.ErrNotFound
	}
	if err == nil && do {
		reg, err = s.events.CancelRegistration(r.Context(), token)
	}
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ev, err := s.events.GetEvent(r.Context(), reg.EventID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The token is a secret: keep it out of caches and referrers.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, http.StatusOK, "event_cancel", page{Title: l.T("events.cancel.title"), Data: cancelView{Event: ev, Registration: reg, Token: token, Done: do}})
}

// eventsICal is the iCal feed of upcoming events: public.
func (s *Server) eventsICal(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	evs, err := s.events.ListEvents(r.Context(), events.Filter{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.now()
	base := s.publicURL(r, "")
	var out []events.ICalEvent
	for _, ev := range evs {
		if ev.Status == events.Planned && !ev.End.Before(now) {
			out = append(out, events.ICalEvent{Event: ev, Title: l.Plain(ev.Title), URL: base + "/events/" + strconv.FormatInt(ev.ID, 10)})
		}
	}
	host := r.Host
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="events.ics"`)
	w.Write([]byte(events.ICal(host, now, out)))
}

// statisticsView is the statistics page.
type statisticsView struct {
	Stats      events.Statistics
	Kinds      []events.Kind
	Categories []categoryCount
	Indicators []indicatorRow
}

// categoryCount is one row of participants by category.
type categoryCount struct {
	Code  events.Category
	Label plan.Text
	Count int
}

// categoryCounts lists the participants by category in the categories'
// order: every active category, and an inactive one only when something
// was counted under it.
func categoryCounts(cats events.CategoryList, by map[events.Category]int) []categoryCount {
	var out []categoryCount
	for _, c := range cats {
		if n := by[c.Code]; c.Active || n > 0 {
			out = append(out, categoryCount{Code: c.Code, Label: c.Label, Count: n})
		}
	}
	return out
}

// indicatorRow is a project indicator that events compute: the figure the
// project reported beside the one ogpp recorded.
type indicatorRow struct {
	Name                     plan.Text
	Reported, Recorded       int
	HasReported, HasRecorded bool
}

// eventComputation reports whether events compute an indicator.
func eventComputation(c string) bool {
	name, _ := platform.SplitComputation(c)
	switch name {
	case platform.ComputeRoundTablesHeld, platform.ComputeRoundTablesInRegions, platform.ComputeParticipants,
		platform.ComputeParticipantsByCategory, platform.ComputeInternetTV:
		return true
	}
	return false
}

// eventsStatistics shows events by kind, region and year, participants
// by category, and the projects' reported figures beside the recorded
// ones: public.
func (s *Server) eventsStatistics(w http.ResponseWriter, r *http.Request) {
	f, ok := s.eventsFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	ts, err := s.events.Tallies(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cats, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	stats := events.Summarise(ts)
	v := statisticsView{Stats: stats, Kinds: events.Kinds, Categories: categoryCounts(cats, stats.ByCategory)}
	if s.projects != nil {
		ps, err := s.projects.ListProjects(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, sum := range ps {
			p, err := s.projects.GetProject(r.Context(), sum.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if err := s.indicators.Record(r.Context(), &p); err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, ind := range p.Indicators {
				if eventComputation(ind.Computation) {
					row := indicatorRow{Name: ind.Name}
					if ind.Reported != nil {
						row.Reported, row.HasReported = int(*ind.Reported), true
					}
					if ind.Recorded != nil {
						row.Recorded, row.HasRecorded = int(*ind.Recorded), true
					}
					v.Indicators = append(v.Indicators, row)
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "events_statistics", page{Title: l.T("events.stats.title"), Data: v,
		Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}}})
}
