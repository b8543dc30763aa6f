package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/events"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// eventFormRows is how many empty partner and agenda rows the form adds
// below the filled ones: pages work without JavaScript, so rows cannot be
// added in the browser.
const eventFormRows = 3

// eventFormOrder is the form's field order, for the error summary and the
// conflict table.
var eventFormOrder = []string{"kind", "title", "start", "end", "place", "region", "online_url", "recording_url", "activity", "measures", "partners", "agenda", "status", "capacity"}

// eventEditView is the event form.
type eventEditView struct {
	Action   string
	ID       int64
	Values   map[string]string
	Errors   []fieldError
	Title    textFieldView
	Kinds    []events.Kind
	Statuses []events.Status
	Roles    []events.PartnerRole
	Partners []events.Partner
	Agenda   []events.AgendaItem
	Links    eventLinksView
	Conflict *conflictView
}

// Err returns the message shown beside a field.
func (v eventEditView) Err(field string) string { return errorFor(v.Errors, field) }

// Fields splits a list of field names, for a template's range.
func (eventEditView) Fields(names string) []string { return strings.Fields(names) }

// eventValues is an event as form values.
func eventValues(ev events.Event) map[string]string {
	v := map[string]string{"kind": string(ev.Kind), "start": events.FormatLocal(ev.Start), "end": events.FormatLocal(ev.End), "place": ev.Place,
		"region": ev.Region, "online_url": ev.OnlineURL, "recording_url": ev.RecordingURL, "status": string(ev.Status),
		"capacity": strconv.Itoa(ev.Capacity), "version": strconv.Itoa(ev.Version)}
	if ev.ActivityID > 0 {
		v["activity"] = strconv.FormatInt(ev.ActivityID, 10)
	}
	var ids []string
	for _, id := range ev.MeasureIDs {
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	v["measures"] = strings.Join(ids, ",")
	putText(v, "title", ev.Title)
	return v
}

func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, v eventEditView) {
	l := locale{Lang: langOf(r)}
	v.Kinds, v.Statuses, v.Roles = events.Kinds, events.Statuses, events.PartnerRoles
	v.Title = textField(l, v.Values, v.Errors, "title", l.T("events.field.title"), "", false, true)
	links, err := s.eventLinks(r.Context(), l, v.Values, v.Errors)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Links = links
	for range eventFormRows {
		v.Partners = append(v.Partners, events.Partner{})
		v.Agenda = append(v.Agenda, events.AgendaItem{})
	}
	title := l.T("events.new")
	if v.ID != 0 {
		title = l.T("events.edit")
	}
	s.render(w, r, status, "event_edit", page{Title: title, Data: v, Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}}})
}

// newEventPage is the form for a new event.
func (s *Server) newEventPage(w http.ResponseWriter, r *http.Request) {
	s.renderEventForm(w, r, http.StatusOK, eventEditView{Action: "/events/new",
		Values: map[string]string{"kind": string(events.RoundTable), "status": string(events.Planned), "capacity": "0"}})
}

// editEventPage is the form for an existing event.
func (s *Server) editEventPage(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok {
		return
	}
	s.renderEventForm(w, r, http.StatusOK, eventEditView{Action: fmt.Sprintf("/events/%d/edit", ev.ID), ID: ev.ID, Values: eventValues(ev),
		Partners: ev.Partners, Agenda: ev.Agenda})
}

// readEventForm reads the posted event; bad numbers come back as field
// errors so that the form can say so.
func readEventForm(r *http.Request) (events.Edit, map[string]string, plan.FieldErrors) {
	f := r.PostForm
	fe := plan.FieldErrors{}
	e := events.Edit{Kind: events.Kind(f.Get("kind")), Title: formText(f, "title"), Start: f.Get("start"), End: f.Get("end"),
		Place: f.Get("place"), Region: f.Get("region"), OnlineURL: f.Get("online_url"), RecordingURL: f.Get("recording_url"),
		Status: events.Status(f.Get("status"))}
	values := map[string]string{}
	keepText(f, values, "title")
	keep(f, values, "kind", "start", "end", "place", "region", "online_url", "recording_url", "activity", "plan", "status", "capacity", "version")
	if n, ok := formInt(f, "activity"); ok {
		e.ActivityID = n
	} else {
		fe["activity"] = "events.activity.unknown"
	}
	if n, ok := formInt(f, "capacity"); ok && n <= 100000 {
		e.Capacity = int(n)
	} else {
		fe["capacity"] = "events.capacity.invalid"
	}
	version, _ := strconv.Atoi(f.Get("version"))
	e.Version = version
	for _, part := range f["measures"] {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			fe["measures"] = "events.measures.invalid"
			continue
		}
		e.MeasureIDs = append(e.MeasureIDs, id)
	}
	// The stored event keeps its measures by id: so does the form's
	// value, so that a conflict compares like with like.
	ids := slices.Clone(e.MeasureIDs)
	slices.Sort(ids)
	var kept []string
	for _, id := range slices.Compact(ids) {
		kept = append(kept, strconv.FormatInt(id, 10))
	}
	values["measures"] = strings.Join(kept, ",")
	for i := 0; i < 100; i++ {
		k := strconv.Itoa(i)
		if !f.Has("partner_name."+k) && !f.Has("agenda_title."+k) {
			break
		}
		e.Partners = append(e.Partners, events.Partner{Name: f.Get("partner_name." + k), Role: events.PartnerRole(f.Get("partner_role." + k))})
		e.Agenda = append(e.Agenda, events.AgendaItem{Time: f.Get("agenda_time." + k), Title: f.Get("agenda_title." + k), Speaker: f.Get("agenda_speaker." + k)})
	}
	return e, values, fe
}

// createEvent records a new event.
func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) {
	s.saveEvent(w, r, 0)
}

// updateEvent saves an event's form.
func (s *Server) updateEvent(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok {
		return
	}
	s.saveEvent(w, r, ev.ID)
}

func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request, id int64) {
	if !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	e, values, fe := readEventForm(r)
	v := eventEditView{Action: "/events/new", ID: id, Values: values, Partners: e.Partners, Agenda: e.Agenda}
	if id != 0 {
		v.Action = fmt.Sprintf("/events/%d/edit", id)
	}
	if r.PostForm.Has("show_measures") {
		// Another plan's measures were asked for: show the form again
		// with everything kept, saving nothing.
		v.Partners, v.Agenda = nonEmptyRows(e)
		s.renderEventForm(w, r, http.StatusOK, v)
		return
	}
	var err error
	if len(fe) > 0 {
		err = fe
	} else if id == 0 {
		id, err = s.events.CreateEvent(r.Context(), s.actorOf(r), e)
	} else {
		err = s.events.UpdateEvent(r.Context(), s.actorOf(r), id, e)
	}
	var conflict *plan.ConflictError[events.Event]
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/events/%d?done=saved", id), http.StatusSeeOther)
		return
	case errors.As(err, &fe):
		v.Partners, v.Agenda = nonEmptyRows(e)
		v.Errors = editErrors(l, fe, eventFormOrder, map[string]string{"title": "title-" + i18n.Supported[0]})
		s.renderEventForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.As(err, &conflict):
		theirs := eventValues(conflict.Current)
		labels := map[string]string{}
		for _, k := range eventFormOrder {
			labels[k] = l.T("events.field." + k)
		}
		textLabels(l, labels, map[string]string{"title": l.T("events.field.title")})
		order := []string{}
		for _, k := range eventFormOrder {
			if k == "title" {
				for _, lang := range i18n.Supported {
					order = append(order, textKey("title", lang))
				}
				continue
			}
			order = append(order, k)
		}
		by, at := s.lastChange(r.Context(), events.EntityEvent, id)
		v.Conflict = &conflictView{By: by, At: at, Changes: compareForms(order, labels, theirs, values)}
		v.Values["version"] = strconv.Itoa(conflict.Current.Version)
		v.Partners, v.Agenda = nonEmptyRows(e)
		s.renderEventForm(w, r, http.StatusConflict, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// nonEmptyRows keeps the partner and agenda rows the user filled in.
func nonEmptyRows(e events.Edit) ([]events.Partner, []events.AgendaItem) {
	var ps []events.Partner
	for _, p := range e.Partners {
		if strings.TrimSpace(p.Name) != "" {
			ps = append(ps, p)
		}
	}
	var as []events.AgendaItem
	for _, a := range e.Agenda {
		if strings.TrimSpace(a.Title+a.Time+a.Speaker) != "" {
			as = append(as, a)
		}
	}
	return ps, as
}

// participantsView is the coordinators' page of an event's participants.
type participantsView struct {
	Event         events.Event
	Registrations []events.Registration
	Heads         map[events.Category]int
	// Categories are the active categories and the inactive ones this
	// event has names or a head count under.
	Categories events.CategoryList
	// All are every kept category, to name a registration's.
	All    events.CategoryList
	Tally  events.Tally
	Count  map[events.Category]int
	Errors []fieldError
}

// HeadValue is the head count of a category as the form shows it: empty
// when none is entered.
func (v participantsView) HeadValue(c events.Category) string {
	if n, ok := v.Heads[c]; ok {
		return strconv.Itoa(n)
	}
	return ""
}

// CategoryLabel names category c; its code when it is not kept.
func (v participantsView) CategoryLabel(c events.Category) plan.Text {
	if t := v.All.Label(c); t != nil {
		return t
	}
	return plan.Text{"en": string(c)}
}

// CheckedIn is the number of checked-in names of a category.
func (v participantsView) CheckedIn(c events.Category) int { return v.Tally.CheckedIn[c] }

// eventParticipantsPage lists the named registrations with check-in
// buttons, and the head counts: coordinators only.
func (s *Server) eventParticipantsPage(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok {
		return
	}
	s.renderParticipants(w, r, http.StatusOK, ev, nil)
}

func (s *Server) renderParticipants(w http.ResponseWriter, r *http.Request, status int, ev events.Event, errs []fieldError) {
	l := locale{Lang: langOf(r)}
	regs, err := s.events.Registrations(r.Context(), ev.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	heads, err := s.events.HeadCounts(r.Context(), ev.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	t := events.Tally{Event: ev, CheckedIn: map[events.Category]int{}, Heads: heads}
	for _, reg := range regs {
		if reg.Status == events.Registered && reg.CheckedIn {
			t.CheckedIn[reg.Category]++
		}
	}
	all, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := participantsView{Event: ev, Registrations: regs, Heads: heads, Categories: headCountCategories(all, t), All: all, Tally: t, Count: t.Count(), Errors: errs}
	s.render(w, r, status, "event_participants", page{Title: l.T("events.participants.title"), Data: v,
		Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}, {Label: l.Plain(ev.Title), URL: fmt.Sprintf("/events/%d", ev.ID)}}})
}

// checkInParticipant records or withdraws a participant's attendance.
func (s *Server) checkInParticipant(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	err = s.events.CheckIn(r.Context(), s.actorOf(r), ev.ID, rid, r.PostForm.Get("in") != "no")
	var fe plan.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/events/%d/participants?done=saved#reg-%d", ev.ID, rid), http.StatusSeeOther)
	case errors.As(err, &fe):
		l := locale{Lang: langOf(r)}
		s.renderParticipants(w, r, http.StatusUnprocessableEntity, ev, editErrors(l, fe, nil, nil))
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// saveHeadCounts sets the head counts by category; an empty field removes
// that category's head count, so its checked-in names count again.
func (s *Server) saveHeadCounts(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	all, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	heads, err := s.events.HeadCounts(r.Context(), ev.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts := map[events.Category]*int{}
	fe := plan.FieldErrors{}
	for _, cat := range all {
		c := cat.Code
		// The form shows the active categories, those with a head count
		// and those with names checked in: a field of any of them counts,
		// an absent one only clears an active or counted category.
		if _, headed := heads[c]; !cat.Active && !headed && !r.PostForm.Has("count."+string(c)) {
			continue
		}
		n, ok := formInt(r.PostForm, "count."+string(c))
		switch {
		case !ok || n > events.MaxHeadCount:
			fe["count."+string(c)] = "events.count.invalid"
		case strings.TrimSpace(r.PostForm.Get("count."+string(c))) == "":
			counts[c] = nil
		default:
			v := int(n)
			counts[c] = &v
		}
	}
	if len(fe) > 0 {
		err = fe
	} else {
		err = s.events.SetHeadCounts(r.Context(), s.actorOf(r), ev.ID, counts)
	}
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/events/%d/participants?done=saved", ev.ID), http.StatusSeeOther)
	case errors.As(err, &fe):
		s.renderParticipants(w, r, http.StatusUnprocessableEntity, ev, editErrors(l, fe, nil, nil))
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// headCountCategories are the categories the head-count form shows: the
// active ones, and an inactive one only while the event has names checked
// in or a head count under it, so that what was recorded stays in view.
func headCountCategories(all events.CategoryList, t events.Tally) events.CategoryList {
	var out events.CategoryList
	for _, c := range all {
		_, headed := t.Heads[c.Code]
		if c.Active || headed || t.CheckedIn[c.Code] > 0 {
			out = append(out, c)
		}
	}
	return out
}
