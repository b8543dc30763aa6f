package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/access"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// appealsPerPage is how many appeals a page of the list shows.
const appealsPerPage = 50

// appealRow is an appeal as lists show it, with what is derived on the
// day: its deadline, status, and the working days left or missed by.
type appealRow struct {
	A         platform.Appeal
	KindLabel string
	Deadline  plan.Date
	Status    platform.AppealStatus
	Late      bool // answered after the deadline
	// Days is the working days left before the deadline while awaiting,
	// and the working days it was missed by when overdue.
	Days int
}

// appealRowOf derives a row on the day today.
func appealRowOf(l locale, cal platform.Calendar, today plan.Date, a platform.Appeal) appealRow {
	row := appealRow{A: a, KindLabel: appealKindLabel(l, a.Kind), Deadline: a.Deadline(cal), Status: a.Status(cal, today), Late: a.AnsweredLate(cal)}
	switch row.Status {
	case platform.AppealAwaiting:
		row.Days = cal.WorkingDaysBetween(today, row.Deadline)
	case platform.AppealOverdue:
		row.Days = cal.WorkingDaysBetween(row.Deadline, today)
	}
	return row
}

// SentDate is the day sent, for the date formatter.
func (r appealRow) SentDate() *plan.Date { return &r.A.SentOn }

// DeadlineDate is the deadline for the date formatter.
func (r appealRow) DeadlineDate() *plan.Date { return &r.Deadline }

// appealStatusOption is a status the filter offers, with how many appeals have it.
type appealStatusOption struct {
	Value platform.AppealStatus
	Count int
}

// appealKindOption is a kind of appeal a form or filter offers.
type appealKindOption struct {
	Key, Label string
}

// appealsView is the list of appeals.
type appealsView struct {
	Rows       []appealRow
	Pager      pager
	Status     string
	Addressee  string
	Kind       string
	Q          string
	Statuses   []appealStatusOption
	Addressees []platform.Addressee
	Kinds      []appealKindOption
	Filtered   bool
	Overdue    int
	CSV        string
	// NoHolidays warns who records appeals that deadlines skip weekends
	// only: no public holiday is configured.
	NoHolidays bool
	Today      plan.Date
}

// TodayDate is the day of the statuses, for the date formatter.
func (v appealsView) TodayDate() *plan.Date { return &v.Today }

// appealFilterOf reads the list's filters from the query; ok is false
// (and a 400 page written) when one cannot be read.
func (s *Server) appealFilterOf(w http.ResponseWriter, r *http.Request) (platform.AppealFilter, bool) {
	q := r.URL.Query()
	f := platform.AppealFilter{Status: platform.AppealStatus(q.Get("status")), Kind: q.Get("kind"), Q: strings.TrimSpace(q.Get("q")),
		Today: s.outreachToday(), Calendar: s.appeals.Calendar}
	addressee, ok := outreachID(r, "addressee")
	l := locale{Lang: langOf(r)}
	switch {
	case f.Status != "" && !f.Status.Valid():
		s.badRequest(w, r, l.T("appeals.filter.status.invalid"))
		return f, false
	case !ok:
		s.badRequest(w, r, l.T("appeals.filter.addressee.invalid"))
		return f, false
	case len(f.Q) > 200 || len(f.Kind) > 40:
		s.badRequest(w, r, l.T("appeals.filter.invalid"))
		return f, false
	}
	f.AddresseeID = addressee
	return f, true
}

// appealsPage lists the appeals the platform sent, newest first, with
// each one's deadline and status on the day; ?status=overdue is the
// overdue list, longest overdue first. It is public: journalists and
// citizens follow which bodies answer and which do not.
func (s *Server) appealsPage(w http.ResponseWriter, r *http.Request) {
	f, ok := s.appealFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	pageNo := pageNumber(r)
	f.Limit, f.Offset = appealsPerPage, (pageNo-1)*appealsPerPage
	list, err := s.appeals.Store.ListAppeals(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	used, err := s.appeals.Store.UsedAddressees(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := appealsView{Status: string(f.Status), Kind: f.Kind, Q: f.Q, Addressees: used, Overdue: list.ByStatus[platform.AppealOverdue],
		Filtered: f.Status != "" || f.Kind != "" || f.Q != "" || f.AddresseeID != 0, Today: f.Today,
		NoHolidays: !s.appeals.Calendar.HasHolidays() && access.Can(s.subjectOf(r), access.ManageAppeals, access.Resource{})}
	if f.AddresseeID != 0 {
		v.Addressee = strconv.FormatInt(f.AddresseeID, 10)
	}
	for _, st := range platform.AppealStatuses {
		v.Statuses = append(v.Statuses, appealStatusOption{Value: st, Count: list.ByStatus[st]})
	}
	for _, k := range s.appealKinds() {
		v.Kinds = append(v.Kinds, appealKindOption{Key: k.Key, Label: appealKindLabel(l, k.Key)})
	}
	for _, a := range list.Items {
		v.Rows = append(v.Rows, appealRowOf(l, s.appeals.Calendar, f.Today, a))
	}
	query := url.Values{}
	for k, x := range map[string]string{"status": v.Status, "addressee": v.Addressee, "kind": v.Kind, "q": v.Q} {
		if x != "" {
			query.Set(k, x)
		}
	}
	base := "/appeals"
	v.CSV = "/appeals.csv"
	if enc := query.Encode(); enc != "" {
		base += "?" + enc
		v.CSV += "?" + enc
	}
	v.Pager = newPager(base, pageNo, appealsPerPage, list.Total)
	title := l.T("appeals.title")
	if f.Status == platform.AppealOverdue {
		title = l.T("appeals.overdue.title")
	}
	s.render(w, r, http.StatusOK, "appeals", page{Title: title, Query: "", Data: v})
}

// appealsCSV is the list as CSV, every appeal the filters select, with
// the same derived deadline and status.
func (s *Server) appealsCSV(w http.ResponseWriter, r *http.Request) {
	f, ok := s.appealFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: "en"}
	appeals, err := readAll(func(limit, offset int) (plan.Page[platform.Appeal], error) {
		f.Limit, f.Offset = limit, offset
		list, err := s.appeals.Store.ListAppeals(r.Context(), f)
		return plan.Page[platform.Appeal]{Items: list.Items, Total: list.Total}, err
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows := make([]appealRow, 0, len(appeals))
	for _, a := range appeals {
		rows = append(rows, appealRowOf(l, s.appeals.Calendar, f.Today, a))
	}
	header := []string{"id", "kind", "reply_days", "addressee_id"}
	header = append(header, textHeader("addressee")...)
	header = append(header, "reference", "sent_on", "deadline", "status", "status_on", "answered_late", "first_reply_on", "replies")
	header = append(header, textHeader("subject")...)
	header = append(header, "activity_id", "measure_id", "measure_clause", "closed_on", "documents_public")
	cw := csvWriter(w, "appeals.csv", header)
	for _, row := range rows {
		a := row.A
		first := ""
		if fr := a.FirstReply(); fr != nil {
			first = fr.ReceivedOn.String()
		}
		clause := ""
		if a.Measure != nil {
			clause = a.Measure.Clause
		}
		rec := []string{strconv.FormatInt(a.ID, 10), a.Kind, strconv.Itoa(a.ReplyDays), strconv.FormatInt(a.AddresseeID, 10)}
		rec = append(rec, textColumns(a.Addressee)...)
		rec = append(rec, a.Reference, a.SentOn.String(), row.Deadline.String(), string(row.Status), f.Today.String(),
			strconv.FormatBool(row.Late), first, strconv.Itoa(len(a.Replies)))
		rec = append(rec, textColumns(a.Subject)...)
		rec = append(rec, outreachOptionalID(a.ActivityID), outreachOptionalID(a.MeasureID), clause, dateString(a.ClosedOn), strconv.FormatBool(a.DocumentsPublic))
		cw.Write(rec)
	}
	cw.Flush()
}

// outreachOptionalID writes an id, or nothing for none: an empty cell, not a 0
// that could be taken for one.
func outreachOptionalID(id int64) string {
	if id <= 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
