package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// replyFieldOrder is the reply form's field order, for the error summary.
var replyFieldOrder = []string{"received_on", "summary"}

// replyForm is what the reply form shows.
type replyForm struct {
	formView
	New      bool
	Appeal   platform.Appeal
	ReplyID  int64
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f replyForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// SentDate formats the day the appeal was sent.
func (f replyForm) SentDate() *plan.Date { return &f.Appeal.SentOn }

func replyFormValues(r platform.Reply) map[string]string {
	v := map[string]string{"received_on": r.ReceivedOn.String(), "version": strconv.Itoa(r.Version)}
	putText(v, "summary", r.Summary)
	return v
}

func (s *Server) replyEditOf(form url.Values) (platform.ReplyEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "received_on", "version")
	keepText(form, v, "summary")
	version, _ := formInt(form, "version")
	return platform.ReplyEdit{ReceivedOn: form.Get("received_on"), Summary: formText(form, "summary"), Today: s.outreachToday(),
		Version: int(version)}, v
}

// replyFor reads the appeal of the path and its reply {rid}, answering 404
// unless the reply is the appeal's.
func (s *Server) replyFor(w http.ResponseWriter, r *http.Request) (platform.Appeal, platform.Reply, bool) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return a, platform.Reply{}, false
	}
	rid, ok := pathInt(r, "rid")
	if !ok {
		s.notFound(w, r)
		return a, platform.Reply{}, false
	}
	for _, rep := range a.Replies {
		if rep.ID == rid {
			return a, rep, true
		}
	}
	s.notFound(w, r)
	return a, platform.Reply{}, false
}

// newReplyPage shows an empty reply form for an appeal.
func (s *Server) newReplyPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return
	}
	v := map[string]string{"received_on": s.outreachToday().String()}
	s.renderReplyForm(w, r, http.StatusOK, replyForm{New: true, Appeal: a, formView: formView{Values: v}})
}

// createReply records the posted reply and returns to the appeal.
func (s *Server) createReply(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := s.replyEditOf(r.PostForm)
	f := replyForm{New: true, Appeal: a, formView: formView{Values: v}}
	_, err := s.appeals.Store.AddReply(r.Context(), s.actorOf(r), a.ID, e)
	answerSave[platform.Reply](s, w, r, err, "/appeals/"+strconv.FormatInt(a.ID, 10)+"?done=reply_added#replies",
		func(fe plan.FieldErrors) { s.refuseReply(w, r, f, fe) }, nil)
}

// editReplyPage shows a reply's form with its stored values.
func (s *Server) editReplyPage(w http.ResponseWriter, r *http.Request) {
	a, rep, ok := s.replyFor(w, r)
	if !ok {
		return
	}
	s.renderReplyForm(w, r, http.StatusOK, replyForm{Appeal: a, ReplyID: rep.ID, formView: formView{Values: replyFormValues(rep)}})
}

// updateReply saves the posted form over the reply unless someone saved it
// meanwhile.
func (s *Server) updateReply(w http.ResponseWriter, r *http.Request) {
	a, rep, ok := s.replyFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := s.replyEditOf(r.PostForm)
	f := replyForm{Appeal: a, ReplyID: rep.ID, formView: formView{Values: v}}
	err := s.appeals.Store.UpdateReply(r.Context(), s.actorOf(r), rep.ID, e)
	answerSave(s, w, r, err, "/appeals/"+strconv.FormatInt(a.ID, 10)+"?done=saved#replies",
		func(fe plan.FieldErrors) { s.refuseReply(w, r, f, fe) },
		func(current platform.Reply) {
			f.Conflict = s.replyConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderReplyForm(w, r, http.StatusConflict, f)
		})
}

func (s *Server) replyConflict(ctx context.Context, l locale, current platform.Reply, yours map[string]string) *conflictView {
	labels := map[string]string{"received_on": l.T("appeal.reply.received_on")}
	textLabels(l, labels, map[string]string{"summary": l.T("appeal.reply.summary")})
	order := append([]string{"received_on"}, textOrder("summary")...)
	c := &conflictView{Changes: compareForms(order, labels, replyFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, platform.EntityAppealReply, current.ID)
	return c
}

func (s *Server) refuseReply(w http.ResponseWriter, r *http.Request, f replyForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "summary")
	f.Errors = editErrors(l, fe, replyFieldOrder, anchor)
	s.renderReplyForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderReplyForm(w http.ResponseWriter, r *http.Request, status int, f replyForm) {
	l := locale{Lang: langOf(r)}
	id := strconv.FormatInt(f.Appeal.ID, 10)
	crumbs := []crumb{{l.T("appeals.title"), "/appeals"}, {l.Plain(f.Appeal.Subject), "/appeals/" + id}}
	title := l.T("appeal.reply.new")
	f.Action = "/appeals/" + id + "/replies/new"
	if !f.New {
		title = l.T("appeal.reply.edit")
		f.Action = "/appeals/" + id + "/replies/" + strconv.FormatInt(f.ReplyID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "appeal_reply", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteReplyPage asks whether to delete a reply.
func (s *Server) deleteReplyPage(w http.ResponseWriter, r *http.Request) {
	a, rep, ok := s.replyFor(w, r)
	if !ok {
		return
	}
	s.renderOutreachDelete(w, r, http.StatusOK, replyDeleteView(a, rep, locale{Lang: langOf(r)}))
}

// deleteReply soft-deletes a reply; the appeal is then awaiting, overdue
// or closed again, as its dates say.
func (s *Server) deleteReply(w http.ResponseWriter, r *http.Request) {
	a, rep, ok := s.replyFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.appeals.Store.DeleteReply(r.Context(), s.actorOf(r), rep.ID, postedVersion(r))
	answerOutreachDelete(s, w, r, err, "/appeals/"+strconv.FormatInt(a.ID, 10)+"?done=outreach_deleted#replies",
		func(x platform.Reply) outreachDeleteView { return replyDeleteView(a, x, l) })
}

func replyDeleteView(a platform.Appeal, rep platform.Reply, l locale) outreachDeleteView {
	id := strconv.FormatInt(a.ID, 10)
	return outreachDeleteView{Action: "/appeals/" + id + "/replies/" + strconv.FormatInt(rep.ID, 10) + "/delete", Kind: "reply",
		Name: l.T("appeal.reply.of", l.Date(&rep.ReceivedOn), l.Plain(a.Addressee)), Version: rep.Version, Cancel: "/appeals/" + id + "#replies"}
}
