package web

import (
	"errors"
	"mime"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// appealView is an appeal's page.
type appealView struct {
	appealRow
	Activity *outreachActivity
	// Holidays are the configured holidays the deadline skipped besides
	// weekends, to explain it.
	Holidays []platform.Holiday
	// CanManage offers the forms; CanReadDocuments the files (published,
	// or the reader records appeals).
	CanManage, CanReadDocuments bool
	// FileError is why an upload was refused; FileFor says whose: 0 for
	// the letter, a reply's id for its file.
	FileError string
	FileFor   int64
	Errors    []fieldError
	MaxUpload string
	Today     plan.Date
}

// TodayDate is the day of the status, for the date formatter.
func (v appealView) TodayDate() *plan.Date { return &v.Today }

// HolidayDate formats a holiday's day.
func (v appealView) HolidayDate(h platform.Holiday) *plan.Date { return &h.Date }

// ReplyDate formats a reply's day.
func (v appealView) ReplyDate(r platform.Reply) *plan.Date { return &r.ReceivedOn }

// appealFor reads the live appeal the path's {id} names, answering 404
// when there is none.
func (s *Server) appealFor(w http.ResponseWriter, r *http.Request) (platform.Appeal, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.Appeal{}, false
	}
	a, err := s.appeals.Store.GetAppeal(r.Context(), id)
	return a, s.answerLoad(w, r, err)
}

// appealPage shows an appeal: to whom and when it was sent, its deadline
// and status on the day, its replies, and its documents to who may read
// them.
func (s *Server) appealPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return
	}
	v, err := s.appealViewOf(r, a)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderAppeal(w, r, http.StatusOK, v)
}

func (s *Server) appealViewOf(r *http.Request, a platform.Appeal) (appealView, error) {
	l := locale{Lang: langOf(r)}
	today := s.outreachToday()
	idx, err := s.outreachActivities(r.Context())
	if err != nil {
		return appealView{}, err
	}
	manage := access.Can(s.subjectOf(r), access.ManageAppeals, access.Resource{})
	v := appealView{appealRow: appealRowOf(l, s.appeals.Calendar, today, a), Activity: idx.view(a.ActivityID), CanManage: manage,
		CanReadDocuments: manage || a.DocumentsPublic, MaxUpload: humanSize(l, monitor.MaxEvidenceBytes), Today: today}
	v.Holidays = s.appeals.Calendar.HolidaysBetween(a.SentOn, v.Deadline)
	return v, nil
}

func (s *Server) renderAppeal(w http.ResponseWriter, r *http.Request, status int, v appealView) {
	l := locale{Lang: langOf(r)}
	title := l.Plain(v.A.Subject)
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "appeal", page{Title: title, Crumbs: []crumb{{l.T("appeals.title"), "/appeals"}}, Data: v})
}

// uploadAppealDocument keeps the appeal's letter. Like monitoring's
// evidence, the file's type is judged by its content; a refused file is
// explained beside the upload form.
func (s *Server) uploadAppealDocument(w http.ResponseWriter, r *http.Request) {
	s.uploadOutreachDocument(w, r, 0)
}

// uploadReplyDocument keeps a reply's file.
func (s *Server) uploadReplyDocument(w http.ResponseWriter, r *http.Request) {
	rid, ok := pathInt(r, "rid")
	if !ok {
		s.notFound(w, r)
		return
	}
	s.uploadOutreachDocument(w, r, rid)
}

// uploadOutreachDocument keeps a file for the appeal of the path, or for
// its reply replyID.
func (s *Server) uploadOutreachDocument(w http.ResponseWriter, r *http.Request, replyID int64) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return
	}
	if replyID != 0 && !appealHasReply(a, replyID) {
		s.notFound(w, r)
		return
	}
	l := locale{Lang: langOf(r)}
	refuse := func(status int, key string) {
		v, err := s.appealViewOf(r, a)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.FileError, v.FileFor = fieldMessage(l, key), replyID
		v.Errors = []fieldError{{Field: appealUploadFieldID(replyID), Message: v.FileError}}
		s.renderAppeal(w, r, status, v)
	}
	f, problem, status, ok := s.readOutreachUpload(w, r)
	if !ok {
		return
	}
	if problem != "" {
		refuse(status, problem)
		return
	}
	var err error
	if replyID == 0 {
		_, err = s.appeals.Store.SetAppealDocument(r.Context(), s.actorOf(r), a.ID, f)
	} else {
		_, err = s.appeals.Store.SetReplyDocument(r.Context(), s.actorOf(r), replyID, f)
	}
	var fe plan.FieldErrors
	switch {
	case errors.As(err, &fe):
		key, status := outreachUploadProblem(fe)
		refuse(status, key)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, "/appeals/"+strconv.FormatInt(a.ID, 10)+"?done=document_added#"+appealUploadFieldID(replyID), http.StatusSeeOther)
	}
}

// appealUploadFieldID is the id of a file input on the appeal's page: "file" for
// the letter, "file-<reply id>" for a reply's.
func appealUploadFieldID(replyID int64) string {
	if replyID == 0 {
		return "file"
	}
	return "file-" + strconv.FormatInt(replyID, 10)
}

func appealHasReply(a platform.Appeal, replyID int64) bool {
	for _, r := range a.Replies {
		if r.ID == replyID {
			return true
		}
	}
	return false
}

// appealDocumentAudience tells the policy whether the file in the path is
// published: an appeal's documents are the coordinators' until they
// publish them, since letters carry signatures and phone numbers and
// replies may need checking first.
func (s *Server) appealDocumentAudience(r *http.Request) (access.Resource, error) {
	if s.appeals.Store == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	_, a, err := s.appeals.Store.AppealDocument(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !a.DocumentsPublic}, nil
}

// appealDocumentDownload sends a kept file as an attachment with the type
// judged from its content, as evidence files are sent: a browser never
// renders an uploaded file in ogpp's origin.
func (s *Server) appealDocumentDownload(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	d, _, err := s.appeals.Store.AppealDocument(r.Context(), id)
	if !s.answerLoad(w, r, err) {
		return
	}
	data, err := s.appeals.Store.AppealDocumentContent(r.Context(), id)
	if !s.answerLoad(w, r, err) {
		return
	}
	h := w.Header()
	ct := d.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	name := d.FileName
	if name == "" {
		name = "document"
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Checksum-SHA256", d.SHA256)
	// Documents may be withdrawn from the public: no shared cache keeps
	// them.
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// Links describes the appeal's activity, measure and letter for the
// partials.
func (v appealView) Links(l locale) outreachLinks {
	return outreachLinks{L: l, A: v.Activity, M: v.A.Measure, D: v.A.Document}
}

// ReplyDoc describes a reply's file for the "outreach-document" partial.
func (v appealView) ReplyDoc(l locale, r platform.Reply) outreachLinks {
	return outreachLinks{L: l, D: r.Document}
}

// FileErrorFor returns why the upload for the letter (0) or a reply was
// refused, or "".
func (v appealView) FileErrorFor(replyID int64) string {
	if v.FileError != "" && v.FileFor == replyID {
		return v.FileError
	}
	return ""
}
