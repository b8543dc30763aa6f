package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
)

// meetingsListPage lists the platform's meetings.
type meetingsListPage struct {
	Meetings  []drafts.Meeting
	CanManage bool
}

// meetingsPage lists the platform's meetings, the latest first, each with
// its agenda and outcomes.
func (s *Server) meetingsPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	ms, err := s.drafts.ListMeetings(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meetings", page{Title: l.T("meetings.title"), Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}},
		Data: meetingsListPage{Meetings: ms, CanManage: s.can(r, access.ManageMeetings, access.Resource{})}})
}

// meetingFieldOrder is the meeting form's field order, for the summary.
var meetingFieldOrder = []string{"date", "place", "quorum", "agenda"}

// meetingNewForm is the form recording a meeting and its agenda.
type meetingNewForm struct {
	formView
	Drafts []drafts.Draft // the drafts that may go on the agenda
}

// Checked reports whether a draft is ticked for the agenda.
func (f meetingNewForm) Checked(id int64) bool {
	return f.Values["agenda:"+strconv.FormatInt(id, 10)] != ""
}

// newMeetingPage shows the form, with the quorum the platform usually
// has and the draft of ?draft= ticked.
func (s *Server) newMeetingPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"quorum_num": strconv.Itoa(drafts.DefaultQuorum.Num), "quorum_den": strconv.Itoa(drafts.DefaultQuorum.Den), "quorum_rule": "more"}
	if id, ok := formInt(r.URL.Query(), "draft"); ok && id > 0 {
		v["agenda:"+strconv.FormatInt(id, 10)] = "on"
	}
	s.renderMeetingNew(w, r, http.StatusOK, meetingNewForm{formView: formView{Values: v}})
}

// createMeeting records the posted meeting and goes to its page, where
// attendance and votes are recorded.
func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) {
	if !s.readDraftForm(w, r) {
		return
	}
	form := r.PostForm
	v := map[string]string{}
	keep(form, v, "date", "place", "quorum_num", "quorum_den", "quorum_rule")
	e := drafts.MeetingEdit{Date: form.Get("date"), Place: form.Get("place"), Quorum: drafts.Quorum{AtLeast: form.Get("quorum_rule") == "atleast"}}
	fe := plan.FieldErrors{}
	num, okNum := formInt(form, "quorum_num")
	den, okDen := formInt(form, "quorum_den")
	if !okNum || !okDen {
		fe["quorum"] = "drafts.quorum.invalid"
	}
	e.Quorum.Num, e.Quorum.Den = int(num), int(den)
	for _, x := range form["agenda"] {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			fe["agenda"] = "drafts.agenda.unknown"
			continue
		}
		e.Agenda = append(e.Agenda, id)
		v["agenda:"+x] = "on"
	}
	f := meetingNewForm{formView: formView{Values: v}}
	if len(fe) > 0 {
		s.refuseMeetingNew(w, r, f, fe)
		return
	}
	id, err := s.drafts.CreateMeeting(r.Context(), s.actorOf(r), e)
	answerSave[drafts.Meeting](s, w, r, err, meetingURL(id)+"?done=meeting_created",
		func(fe plan.FieldErrors) { s.refuseMeetingNew(w, r, f, fe) }, nil)
}

func (s *Server) refuseMeetingNew(w http.ResponseWriter, r *http.Request, f meetingNewForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	f.Errors = editErrors(l, fe, meetingFieldOrder, map[string]string{"quorum": "quorum_num", "agenda": "agenda"})
	s.renderMeetingNew(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderMeetingNew(w http.ResponseWriter, r *http.Request, status int, f meetingNewForm) {
	l := locale{Lang: langOf(r)}
	ds, err := s.drafts.ListDrafts(r.Context(), drafts.DraftFilter{Agenda: true})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f.Drafts, f.Action = ds, "/meetings/new"
	title := l.T("meetings.new.title")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "meeting_new", page{Title: title, Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}, {l.T("meetings.title"), "/meetings"}}, Data: f})
}

// meetingPage is a meeting's page: its quorum, the attendance form, and
// each agenda item with its vote form or outcome.
type meetingPage struct {
	M drafts.Meeting
	// Members are the organisations that were active members on the
	// meeting's day: who may attend, and whom the quorum counts.
	Members    []drafts.Attendee
	Needed     int // fewest present for the quorum
	Items      []meetingItem
	Candidates []drafts.Draft
	CanManage  bool
	Errors     []fieldError
	Problem    string
	// Checked are the organisations ticked present (as recorded, or as
	// posted by a refused form).
	Checked map[int64]bool
	// Outcomes are the vote form's choices.
	Outcomes []drafts.Outcome
}

// meetingItem is an agenda item with its vote form's values and problems.
type meetingItem struct {
	drafts.AgendaItem
	Values map[string]string
	Errors []fieldError
}

// ErrorFor returns the item form's problem anchored at id.
func (it meetingItem) ErrorFor(id string) string { return errorFor(it.Errors, id) }

// IsChecked reports whether an organisation is ticked present.
func (v meetingPage) IsChecked(id int64) bool { return v.Checked[id] }

// MembersEligible is how many members the quorum counts: as recorded with
// the attendance, or as the members are before it is.
func (v meetingPage) MembersEligible() int {
	if v.M.Attendance {
		return v.M.Eligible
	}
	return len(v.Members)
}

// meetingPageGet shows a meeting.
func (s *Server) meetingPageGet(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingOr404(w, r)
	if !ok {
		return
	}
	s.renderMeetingPage(w, r, http.StatusOK, m, nil, "", nil)
}

// meetingOr404 reads the path's meeting, answering 404 or 500 itself.
func (s *Server) meetingOr404(w http.ResponseWriter, r *http.Request) (drafts.Meeting, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return drafts.Meeting{}, false
	}
	m, err := s.drafts.GetMeeting(r.Context(), id)
	return m, s.answerLoad(w, r, err)
}

// renderMeetingPage renders meeting m; refused carries a refused form back:
// the attendance (item 0) or an item's vote, with its values and problems.
func (s *Server) renderMeetingPage(w http.ResponseWriter, r *http.Request, status int, m drafts.Meeting, refused *meetingItem, problem string, checked map[int64]bool) {
	l := locale{Lang: langOf(r)}
	ctx := r.Context()
	members, err := s.drafts.ActiveMembers(ctx, m.Date)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := meetingPage{M: m, Members: members, CanManage: s.can(r, access.ManageMeetings, access.Resource{}), Problem: problem, Checked: checked,
		Outcomes: drafts.Outcomes}
	v.Needed = m.Quorum.Needed(v.MembersEligible())
	if v.Checked == nil {
		v.Checked = map[int64]bool{}
		for _, a := range m.Present {
			v.Checked[a.OrganisationID] = true
		}
	}
	for _, it := range m.Agenda {
		mi := meetingItem{AgendaItem: it, Values: map[string]string{}}
		if refused != nil && refused.ID == it.ID {
			mi.Values, mi.Errors = refused.Values, refused.Errors
			v.Errors = append(v.Errors, refused.Errors...)
		}
		v.Items = append(v.Items, mi)
	}
	if refused != nil && refused.ID == 0 {
		v.Errors = append(v.Errors, refused.Errors...)
	}
	if v.CanManage {
		if v.Candidates, err = s.drafts.ListDrafts(ctx, drafts.DraftFilter{Agenda: true}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	title := l.T("meetings.meeting.title", l.DayOf(m.Date))
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	if refused != nil || problem != "" {
		noStore(w)
	}
	s.render(w, r, status, "meeting", page{Title: title, Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}, {l.T("meetings.title"), "/meetings"}}, Data: v})
}

// recordAttendance records the organisations ticked present.
func (s *Server) recordAttendance(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	e := drafts.AttendanceEdit{MeetingID: m.ID, Version: postedVersion(r)}
	checked := map[int64]bool{}
	for _, x := range r.PostForm["present"] {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			id = -1 // refused by Validate, beside the field
		}
		e.Present = append(e.Present, id)
		checked[id] = true
	}
	err := s.drafts.RecordAttendance(r.Context(), s.actorOf(r), e)
	var fe plan.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, meetingURL(m.ID)+"?done=attendance_recorded", http.StatusSeeOther)
	case errors.As(err, &fe):
		refused := &meetingItem{Errors: editErrors(l, fe, []string{"present"}, map[string]string{"present": "present"})}
		s.renderMeetingPage(w, r, http.StatusUnprocessableEntity, m, refused, "", checked)
	default:
		s.answerMeetingAction(w, r, m, err)
	}
}

// recordDecision records the vote and outcome on an agenda item.
func (s *Server) recordDecision(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	itemID, ok := pathInt(r, "item")
	if !ok {
		s.notFound(w, r)
		return
	}
	l := locale{Lang: langOf(r)}
	form := r.PostForm
	values := map[string]string{}
	keep(form, values, "for", "against", "abstain", "outcome", "revision")
	fe := plan.FieldErrors{}
	count := func(key string) int {
		n, ok := formInt(form, key)
		if !ok {
			fe["votes"] = "drafts.votes.invalid"
		}
		return int(n)
	}
	e := drafts.DecisionEdit{MeetingID: m.ID, ItemID: itemID, Outcome: drafts.Outcome(form.Get("outcome")), Version: postedVersion(r),
		Votes: drafts.Votes{For: count("for"), Against: count("against"), Abstain: count("abstain")}}
	revision, _ := formInt(form, "revision")
	e.Revision = int(revision)
	var err error
	if len(fe) == 0 {
		err = s.drafts.RecordDecision(r.Context(), s.actorOf(r), e)
	} else {
		err = fe
	}
	id := strconv.FormatInt(itemID, 10)
	switch {
	case err == nil:
		http.Redirect(w, r, meetingURL(m.ID)+"?done=decision_recorded#item-"+id, http.StatusSeeOther)
	case errors.As(err, &fe):
		refused := &meetingItem{AgendaItem: drafts.AgendaItem{ID: itemID}, Values: values,
			Errors: editErrors(l, fe, []string{"votes", "outcome"}, map[string]string{"votes": "for-" + id, "outcome": "outcome-" + id + "-adopted"})}
		s.renderMeetingPage(w, r, http.StatusUnprocessableEntity, m, refused, "", nil)
	default:
		s.answerMeetingAction(w, r, m, err)
	}
}

// addAgendaItem puts the chosen draft on the meeting's agenda.
func (s *Server) addAgendaItem(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	draftID, _ := formInt(r.PostForm, "draft")
	err := s.drafts.AddAgendaItem(r.Context(), s.actorOf(r), m.ID, draftID, postedVersion(r))
	var fe plan.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, meetingURL(m.ID)+"?done=agenda_added", http.StatusSeeOther)
	case errors.As(err, &fe):
		refused := &meetingItem{Errors: editErrors(l, fe, []string{"agenda"}, map[string]string{"agenda": "agenda-draft"})}
		s.renderMeetingPage(w, r, http.StatusUnprocessableEntity, m, refused, "", nil)
	default:
		s.answerMeetingAction(w, r, m, err)
	}
}

// answerMeetingAction finishes a refused action on a meeting: a stale form
// or a decided meeting shows the meeting as it now is, with the reason.
func (s *Server) answerMeetingAction(w http.ResponseWriter, r *http.Request, m drafts.Meeting, err error) {
	l := locale{Lang: langOf(r)}
	switch {
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case draftProblem(l, err) != "":
		if fresh, gerr := s.drafts.GetMeeting(r.Context(), m.ID); gerr == nil {
			m = fresh
		}
		s.renderMeetingPage(w, r, http.StatusConflict, m, nil, draftProblem(l, err), nil)
	default:
		s.serverError(w, r, err)
	}
}

// ErrorFor returns the page's problem anchored at id.
func (v meetingPage) ErrorFor(id string) string { return errorFor(v.Errors, id) }
