package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// AppealsStore keeps the platform's outreach: appeals to state bodies,
// media coverage and the resources register.
type AppealsStore interface {
	platform.AppealStore
	platform.MediaStore
	platform.ResourceStore
}

// ActivityLister lists the platform's activities, for forms to offer and
// pages to name.
type ActivityLister interface {
	ListActivities(ctx context.Context) ([]platform.ActivityRef, error)
}

// AppealsConfig is what the pages of the platform's outreach need.
type AppealsConfig struct {
	// Store keeps appeals, media coverage and resources; without it their
	// pages answer 404.
	Store AppealsStore
	// Calendar counts reply deadlines in working days: weekends and the
	// configured public holidays (--holidays) are skipped.
	Calendar platform.Calendar
	// Kinds are the kinds of appeal and the working days each gives for a
	// reply (--appeal-kinds); platform.DefaultAppealKinds when empty.
	Kinds platform.AppealKinds
	// Activities, when set, lists the platform's activities, so that forms
	// offer them by name; without it an activity is given by number.
	Activities ActivityLister
}

// appealKinds returns the configured kinds.
func (s *Server) appealKinds() platform.AppealKinds {
	if len(s.appeals.Kinds) == 0 {
		return platform.DefaultAppealKinds()
	}
	return s.appeals.Kinds
}

// needAppeals answers 404 on a server without an outreach store.
func (s *Server) needAppeals(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.appeals.Store == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// outreachToday is the day it now is where the platform works (displayZone):
// deadlines fall due by its calendar, not the server's.
func (s *Server) outreachToday() plan.Date {
	return platform.CalendarDay(s.now().In(displayZone))
}

// appealKindLabel names a kind of appeal in the reader's language; a kind
// configured without a translation shows its key, words apart.
func appealKindLabel(l locale, kind string) string {
	if key := "appeal.kind." + kind; i18n.Has(l.Lang, key) {
		return l.T(key)
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// outreachActivityIndex names the platform's activities by id.
type outreachActivityIndex struct {
	list []platform.ActivityRef
	byID map[int64]platform.ActivityRef
}

// outreachActivities reads the activities when the server can list them; an
// empty index otherwise (pages then show activities by number).
func (s *Server) outreachActivities(ctx context.Context) (outreachActivityIndex, error) {
	idx := outreachActivityIndex{byID: map[int64]platform.ActivityRef{}}
	if s.appeals.Activities == nil {
		return idx, nil
	}
	list, err := s.appeals.Activities.ListActivities(ctx)
	if err != nil {
		return idx, err
	}
	idx.list = list
	for _, a := range list {
		idx.byID[a.ID] = a
	}
	return idx, nil
}

// outreachActivity is an activity as a page names it: its number and title
// when known, its id otherwise.
type outreachActivity struct {
	ID     int64
	Known  bool
	Number string
	Title  plan.Text
}

func (idx outreachActivityIndex) view(id int64) *outreachActivity {
	if id <= 0 {
		return nil
	}
	a, ok := idx.byID[id]
	return &outreachActivity{ID: id, Known: ok, Number: a.Number, Title: a.Title}
}

// outreachActivityOption is an activity offered by a form's select.
type outreachActivityOption struct {
	ID    string
	Label string
}

// options lists the activities for a select, keeping an id the form holds
// that is not among them (an activity since deleted, or one given by
// number) so that saving does not silently drop it.
func (idx outreachActivityIndex) options(l locale, current string) []outreachActivityOption {
	var out []outreachActivityOption
	found := current == ""
	for _, a := range idx.list {
		id := strconv.FormatInt(a.ID, 10)
		label := a.Number + " " + l.Plain(a.Title)
		if t := l.Plain(a.ProjectTitle); t != "" {
			label = t + ": " + label
		}
		out = append(out, outreachActivityOption{ID: id, Label: strings.TrimSpace(label)})
		found = found || id == current
	}
	if !found {
		out = append(out, outreachActivityOption{ID: current, Label: l.T("outreach.activity.number", current)})
	}
	return out
}

// outreachFormID reads an optional id field of a posted form: empty is 0, and
// what is not a whole number records problem for the field.
func outreachFormID(form url.Values, field, problem string, bad plan.FieldErrors) int64 {
	n, ok := formInt(form, field)
	if !ok {
		bad[field] = problem
		return 0
	}
	return n
}

// readOutreachUpload reads the file a multipart form sends as "file", bounded like
// monitoring's evidence. A problem comes as a message key and the status to
// answer it with; ok is false when the request itself was malformed (a 400
// page has then been written).
func (s *Server) readOutreachUpload(w http.ResponseWriter, r *http.Request) (f monitor.FileUpload, problem string, status int, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, monitor.MaxEvidenceBytes+uploadMargin)
	file, header, err := r.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return f, "monitor.file.too_large", http.StatusRequestEntityTooLarge, true
	case errors.Is(err, http.ErrMissingFile), errors.Is(err, http.ErrNotMultipart):
		return f, "monitor.file.required", http.StatusUnprocessableEntity, true
	case err != nil:
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return f, "", 0, false
	}
	defer file.Close()
	// One byte past the limit tells a file too large from one that fits.
	data, err := io.ReadAll(io.LimitReader(file, monitor.MaxEvidenceBytes+1))
	if err != nil {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return f, "", 0, false
	}
	if len(data) > monitor.MaxEvidenceBytes {
		return f, "monitor.file.too_large", http.StatusRequestEntityTooLarge, true
	}
	return monitor.FileUpload{Name: header.Filename, Data: data}, "", 0, true
}

// outreachUploadProblem turns a refused file into its message key and status.
func outreachUploadProblem(fe plan.FieldErrors) (string, int) {
	key := fe["file"]
	if key == "" {
		key = "monitor.file.type"
	}
	if key == "monitor.file.too_large" {
		return key, http.StatusRequestEntityTooLarge
	}
	return key, http.StatusUnprocessableEntity
}

// outreachDeleteView is the confirmation before deleting an appeal, a
// reply, a media item or a register entry.
type outreachDeleteView struct {
	Action   string
	Kind     string // appeal, reply, media, resource: picks the messages
	Name     string
	Version  int
	Cancel   string
	Conflict bool
}

// renderOutreachDelete asks whether to delete. Unlike the registry's,
// these deletes have no restore page yet, and the page does not promise
// one.
func (s *Server) renderOutreachDelete(w http.ResponseWriter, r *http.Request, status int, v outreachDeleteView) {
	l := locale{Lang: langOf(r)}
	noStore(w)
	s.render(w, r, status, "outreach_delete", page{Title: l.T("outreach.delete." + v.Kind + ".title"), Data: v})
}

// answerOutreachDelete finishes a delete as answerDelete does.
func answerOutreachDelete[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, done string, view func(T) outreachDeleteView) {
	var stale *plan.ConflictError[T]
	switch {
	case errors.As(err, &stale):
		v := view(stale.Current)
		v.Conflict = true
		s.renderOutreachDelete(w, r, http.StatusConflict, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, done, http.StatusSeeOther)
	}
}

// outreachCost formats a cost the locale's way: "1.250,50 AZN" in
// Azerbaijani, "1,250.50 AZN" in English, "1 250,50 AZN" in Russian.
func outreachCost(l locale, c platform.Cost) string {
	mark := ","
	if l.Lang == "en" {
		mark = "."
	}
	whole, cents := int(c.Minor/100), c.Minor%100
	frac := strconv.FormatInt(cents, 10)
	if cents < 10 {
		frac = "0" + frac
	}
	return i18n.Number(l.Lang, whole) + mark + frac + "\u00a0" + c.Currency
}

// outreachYear reads ?year=: empty is 0, anything but a plausible year is
// refused.
func outreachYear(r *http.Request) (int, bool) {
	s := r.URL.Query().Get("year")
	if s == "" {
		return 0, true
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1900 && y <= 9999
}

// outreachID reads an optional numeric id of the query.
func outreachID(r *http.Request, name string) (int64, bool) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, true
	}
	return positiveID(s)
}

// outreachLinks is what the partials naming an activity, a measure or a
// document need: the locale beside the thing.
type outreachLinks struct {
	L locale
	A *outreachActivity
	M *platform.MeasureRef
	D *platform.AppealDocument
}

// Size is the document's size, readably.
func (o outreachLinks) Size() string {
	if o.D == nil {
		return ""
	}
	return humanSize(o.L, o.D.Size)
}

// appealStatusTag is what the "appeal-status" partial shows.
type appealStatusTag struct {
	L   locale
	Row appealRow
}

// StatusTag describes the row's status for the "appeal-status" partial.
func (r appealRow) StatusTag(l locale) appealStatusTag { return appealStatusTag{L: l, Row: r} }

// outreachActivityField is the activity input of a form: a select of the
// platform's activities when the server can list them, a number otherwise.
type outreachActivityField struct {
	L       locale
	Options []outreachActivityOption
	Value   string
	Error   string
}

func activityFieldOf(l locale, f formView, options []outreachActivityOption) outreachActivityField {
	return outreachActivityField{L: l, Options: options, Value: f.Values["activity"], Error: f.ErrorFor("activity")}
}

// The log browser filters by the outreach's entity types too, so that an
// appeal's History tab (the log filtered by its type and id) works.
func init() {
	auditTypes = append(auditTypes, platform.EntityAppeal, platform.EntityAppealReply, platform.EntityAppealDocument,
		platform.EntityMedia, platform.EntityResource)
}
