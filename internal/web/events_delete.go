package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/events"
)

// eventDeleteView describes the confirmation of deleting ev, saying how
// many registrations and head counts it hides.
func eventDeleteView(l locale, ev events.Event, registrations, headCounts int) workDeleteView {
	id := strconv.FormatInt(ev.ID, 10)
	v := workDeleteView{Name: l.Plain(ev.Title) + " — " + l.Time(ev.Start), Warning: l.T("events.delete.warning"), Submit: l.T("events.delete.submit"),
		Action: "/events/" + id + "/delete", Cancel: "/events/" + id, Version: ev.Version, Restorable: true}
	if registrations > 0 {
		v.Hidden = append(v.Hidden, l.N("count.event_hidden_registrations", registrations))
	}
	if headCounts > 0 {
		v.Hidden = append(v.Hidden, l.N("count.event_hidden_heads", headCounts))
	}
	return v
}

// eventDeleteFacts counts what deleting ev hides.
func (s *Server) eventDeleteFacts(r *http.Request, ev events.Event) (registrations, headCounts int, err error) {
	regs, err := s.events.Registrations(r.Context(), ev.ID)
	if err != nil {
		return 0, 0, err
	}
	heads, err := s.events.HeadCounts(r.Context(), ev.ID)
	if err != nil {
		return 0, 0, err
	}
	for _, reg := range regs {
		if reg.Status != events.Withdrawn {
			registrations++
		}
	}
	for _, n := range heads {
		headCounts += n
	}
	return registrations, headCounts, nil
}

// deleteEventPage asks to confirm deleting an event.
func (s *Server) deleteEventPage(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok {
		return
	}
	regs, heads, err := s.eventDeleteFacts(r, ev)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.renderWorkDelete(w, r, http.StatusOK, l.T("events.delete.title"), eventDeleteView(l, ev, regs, heads))
}

// deleteEvent soft-deletes an event; an administrator restores it from
// the deleted items.
func (s *Server) deleteEvent(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.eventOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.events.DeleteEvent(r.Context(), s.actorOf(r), ev.ID, postedVersion(r))
	answerWorkDelete(s, w, r, err, "/events?done=event_deleted", l.T("events.delete.title"), func(cur events.Event) workDeleteView {
		regs, heads, _ := s.eventDeleteFacts(r, cur)
		return eventDeleteView(l, cur, regs, heads)
	})
}
