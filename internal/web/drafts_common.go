package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
)

// maxDraftFormBytes bounds what a draft's forms may send: a version's text
// at drafts.MaxBody characters, each up to four bytes and percent-encoded,
// fits with room to spare.
const maxDraftFormBytes = 4 << 20

// needDrafts answers 404 when the server keeps no drafts (a read-only
// mirror, or a test server built without them).
func (s *Server) needDrafts(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.drafts == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	})
}

// readDraftForm parses a drafting form's body, refusing one too large or
// malformed with a 400 page; it reports whether the handler may go on.
func (s *Server) readDraftForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxDraftFormBytes)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return false
	}
	return true
}

// pathDraft reads the draft the path's {id} names.
func (s *Server) pathDraft(r *http.Request) (drafts.Draft, error) {
	if s.drafts == nil {
		return drafts.Draft{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return drafts.Draft{}, plan.ErrNotFound
	}
	return s.drafts.GetDraft(r.Context(), id)
}

// draftAudience resolves what a request under /drafts/{id} acts on for the
// policy: a draft the public may not read yet is Unpublished.
func (s *Server) draftAudience(r *http.Request) (access.Resource, error) {
	d, err := s.pathDraft(r)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !d.Public()}, nil
}

// draftWriter resolves a draft for WriteDraft: whether the signed-in user
// belongs to the expert group drafting it, known by a person of the group
// having the account's email as contact.
func (s *Server) draftWriter(r *http.Request) (access.Resource, error) {
	d, err := s.pathDraft(r)
	if err != nil {
		return access.Resource{}, err
	}
	return s.draftResource(r, d)
}

// draftResource is what the policy needs to know of draft d for the
// request's sender.
func (s *Server) draftResource(r *http.Request, d drafts.Draft) (access.Resource, error) {
	res := access.Resource{Unpublished: !d.Public()}
	sub := s.subjectOf(r)
	if sub.Anonymous() || d.GroupID == 0 {
		return res, nil
	}
	member, err := s.drafts.GroupMember(r.Context(), d.GroupID, sub.User.Email)
	res.GroupMember = member
	return res, err
}

// draftOr404 reads the path's draft for a handler, answering 404 or 500
// itself; it reports whether the handler may go on.
func (s *Server) draftOr404(w http.ResponseWriter, r *http.Request) (drafts.Draft, bool) {
	d, err := s.pathDraft(r)
	return d, s.answerLoad(w, r, err)
}

// draftURL is a draft's page.
func draftURL(id int64) string { return "/drafts/" + strconv.FormatInt(id, 10) }

// meetingURL is a meeting's page.
func meetingURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

// draftProblem turns a refusal of the drafting rules into the sentence a
// page shows instead of the form's outcome; "" for other errors.
func draftProblem(l locale, err error) string {
	switch {
	case errors.Is(err, drafts.ErrLocked):
		return l.T("drafts.problem.locked")
	case errors.Is(err, drafts.ErrClosed):
		return l.T("drafts.problem.closed")
	case errors.Is(err, drafts.ErrBadTransition):
		return l.T("drafts.problem.transition")
	case errors.Is(err, drafts.ErrDecided):
		return l.T("drafts.problem.decided")
	case isConflict(err):
		return l.T("drafts.problem.conflict")
	}
	return ""
}

// DayOf formats a meeting's day (a value, where Date takes an optional
// one) the locale's way.
func (l locale) DayOf(d plan.Date) string { return l.Date(&d) }
