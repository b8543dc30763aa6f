package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// auditPerPage is how many entries the log browser shows at once.
const auditPerPage = 50

// auditTypes and auditActions are what the log browser offers to filter
// by, in the order its lists show them.
var (
	auditTypes = []string{audit.EntityMeasure, audit.EntityOrganisation, audit.EntityPlan, audit.EntityArea,
		audit.EntityMilestone, audit.EntityUser, audit.EntityRegistry}
	auditActions = []audit.Action{audit.ActionCreate, audit.ActionUpdate, audit.ActionDelete, audit.ActionRestore,
		audit.ActionImport, audit.ActionLogin, audit.ActionLogout}
)

// auditVerifier is what a reader of the log may also do: walk the whole
// chain. The store does; the page offers the check only then.
type auditVerifier interface {
	VerifyAudit(ctx context.Context) (audit.Result, error)
}

// auditFilterForm holds the log browser's filters as typed, to fill the
// form in again.
type auditFilterForm struct {
	Type, Action, Actor, From, To, ID string
}

// auditOption is one choice of a filter's list.
type auditOption struct {
	Value, Label string
}

// auditVerifyView is the outcome of checking the chain, in words.
type auditVerifyView struct {
	OK      bool
	Message string
	// Detail is verification's own account of the problem, in English.
	Detail string
}

type auditLogData struct {
	Form     auditFilterForm
	Errors   []fieldError
	Filtered bool
	Types    []auditOption
	Actions  []auditOption
	// Actors lists the accounts to filter by; without accounts the form
	// takes a user's number instead.
	Actors  []auditOption
	Entries []auditEntryView
	Pager   pager
	// CanVerify says the server can check the chain; Verify is the
	// outcome when the reader asked for it.
	CanVerify bool
	VerifyURL string
	Verify    *auditVerifyView
	// Content lists the rows that no longer hold what ogpp last wrote,
	// found with the chain check when the store can tell.
	Content      []contentProblemView
	ContentCheck bool
}

// contentProblemView is a row changed outside ogpp, linked to its page
// when it has one.
type contentProblemView struct {
	Kind, Name, URL, Detail string
}

// ErrorFor returns the problem with a filter, or "".
func (d auditLogData) ErrorFor(field string) string { return fieldErrorFor(d.Errors, field) }

// fieldErrorFor returns the first message errs hold for field, or "".
func fieldErrorFor(errs []fieldError, field string) string {
	for _, e := range errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// auditLogPage is the admin's browser of the audit log: every entry,
// newest first, filtered by entity type, action, actor, dates (days in
// displayZone, both ends included) and entity id, each with its changes
// folded under it. Filters that cannot be read are named in an error
// summary and answered 400; nothing is listed until they are fixed. With
// ?verify=1 the page also walks the whole chain, on request only, since
// that reads every entry.
func (s *Server) auditLogPage(w http.ResponseWriter, r *http.Request) {
	if s.audit == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	q := r.URL.Query()
	f, form, errs := parseAuditFilter(l, q)
	d := auditLogData{Form: form, Errors: errs, Filtered: form != auditFilterForm{}}
	for _, t := range auditTypes {
		d.Types = append(d.Types, auditOption{t, auditTypeLabel(l, t)})
	}
	for _, a := range auditActions {
		d.Actions = append(d.Actions, auditOption{string(a), auditActionLabel(l, a)})
	}
	if s.accounts != nil {
		users, err := s.accounts.Users(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, u := range users {
			d.Actors = append(d.Actors, auditOption{strconv.FormatInt(u.ID, 10), u.Name + " (" + u.Email + ")"})
		}
		slices.SortFunc(d.Actors, func(a, b auditOption) int { return strings.Compare(a.Label, b.Label) })
	}
	base := auditLogURL(form)
	verifier, canVerify := s.audit.(auditVerifier)
	d.CanVerify = canVerify
	d.VerifyURL = setQuery(base, "verify", "1") + "#chain"
	title := l.T("auditlog.title")
	crumbs := []crumb{{l.T("nav.plans"), "/"}}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "audit", page{Title: l.T("form.error.prefix") + ": " + title, Crumbs: crumbs, Data: d})
		return
	}
	if canVerify && q.Get("verify") == "1" {
		res, err := verifier.VerifyAudit(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Verify = verifyView(l, res)
		if cv, ok := s.audit.(audit.ContentVerifier); ok {
			problems, err := cv.VerifyContent(ctx)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			d.ContentCheck = true
			for _, p := range problems {
				v := contentProblemView{Kind: l.T("audit.type." + p.EntityType), Name: p.Name, Detail: p.Detail}
				switch p.EntityType {
				case audit.EntityMeasure:
					v.URL = "/measures/" + strconv.FormatInt(p.ID, 10)
				case audit.EntityOrganisation:
					v.URL = "/organisations/" + strconv.FormatInt(p.ID, 10)
				case audit.EntityPlan:
					v.URL = "/plans/" + strconv.FormatInt(p.ID, 10)
				}
				d.Content = append(d.Content, v)
			}
		}
	}
	entries, total, n, err := s.listAuditPage(ctx, f, pageNumber(r), auditPerPage)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Pager = newPager(base, n, auditPerPage, total)
	d.Entries = s.newAuditViewer(ctx, l).views(entries)
	for i := range d.Entries {
		d.Entries[i].ShowEntity = true
	}
	s.render(w, r, http.StatusOK, "audit", page{Title: title, Crumbs: crumbs, Data: d})
}

// maxFilterLen bounds a filter's text; no valid value comes near it.
const maxFilterLen = 100

// parseAuditFilter reads the log browser's query into a filter, the form's
// values and a message per filter it cannot read.
func parseAuditFilter(l locale, q url.Values) (audit.Filter, auditFilterForm, []fieldError) {
	form := auditFilterForm{Type: strings.TrimSpace(q.Get("type")), Action: strings.TrimSpace(q.Get("action")),
		Actor: strings.TrimSpace(q.Get("actor")), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		ID: strings.TrimSpace(q.Get("id"))}
	var f audit.Filter
	var errs []fieldError
	bad := func(field, key string) { errs = append(errs, fieldError{Field: "filter-" + field, Message: l.T(key)}) }
	tooLong := func(s string) bool { return utf8.RuneCountInString(s) > maxFilterLen || !utf8.ValidString(s) }
	switch {
	case form.Type == "":
	case tooLong(form.Type) || !slices.Contains(auditTypes, form.Type):
		bad("type", "auditlog.type.invalid")
	default:
		f.EntityType = form.Type
	}
	switch {
	case form.Action == "":
	case tooLong(form.Action) || !slices.Contains(auditActions, audit.Action(form.Action)):
		bad("action", "auditlog.action.invalid")
	default:
		f.Action = audit.Action(form.Action)
	}
	if form.Actor != "" {
		if n, ok := positiveID(form.Actor); ok {
			f.ActorID = n
		} else {
			bad("actor", "auditlog.actor.invalid")
		}
	}
	var from, to time.Time
	var fromOK, toOK bool
	if form.From != "" {
		if from, fromOK = filterDay(form.From); fromOK {
			f.From = from
		} else {
			bad("from", "auditlog.date.invalid")
		}
	}
	if form.To != "" {
		if to, toOK = filterDay(form.To); toOK {
			// The last day is included: the filter ends where the next
			// day begins.
			f.To = to.AddDate(0, 0, 1)
		} else {
			bad("to", "auditlog.date.invalid")
		}
	}
	if fromOK && toOK && to.Before(from) {
		bad("to", "auditlog.date.order")
	}
	if form.ID != "" {
		if _, ok := positiveID(form.ID); ok {
			f.EntityID = strings.TrimLeft(form.ID, "0")
		} else {
			bad("id", "auditlog.id.invalid")
		}
	}
	return f, form, errs
}

// positiveID reads a database id: digits only, at least 1.
func positiveID(s string) (int64, bool) {
	if s == "" || len(s) > 19 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// filterDay reads a day as a date input sends it (YYYY-MM-DD) and returns
// its first instant in displayZone.
func filterDay(s string) (time.Time, bool) {
	d, err := plan.ParseDate(s)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, displayZone), true
}

// auditLogURL is the log browser's address with the filters in form.
func auditLogURL(form auditFilterForm) string {
	return setQuery("/admin/audit", "type", form.Type, "action", form.Action, "actor", form.Actor,
		"from", form.From, "to", form.To, "id", form.ID)
}

// verifyView says in the reader's language what checking the chain found.
func verifyView(l locale, res audit.Result) *auditVerifyView {
	if res.OK() {
		return &auditVerifyView{OK: true, Message: l.T("auditlog.chain.ok", l.Num(int(res.Checked)))}
	}
	return &auditVerifyView{Message: l.T("auditlog.chain.broken", l.Num(int(res.Seq)), l.T("auditlog.problem."+string(res.Problem))),
		Detail: res.Detail}
}
