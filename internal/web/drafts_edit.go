package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/drafts"
	"ogpp/internal/plan"
)

// draftFieldOrder is the new draft form's field order, for the summary.
var draftFieldOrder = []string{"kind", "title", "group", "activity", "body", "note"}

// draftNewForm is the form starting a draft.
type draftNewForm struct {
	formView
	Groups []drafts.GroupRef
}

// Text describes the translatable title for the "textfield" partial.
func (f draftNewForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.Values, f.Errors, field, legend, hint, area, required)
}

// Kinds are the kind radios.
func (f draftNewForm) Kinds(l locale) radiosView {
	v := radiosView{L: l, Name: "kind", Legend: l.T("drafts.kind"), Error: f.ErrorFor("kind-" + string(drafts.Kinds[0]))}
	for _, k := range drafts.Kinds {
		v.add(string(k), l.T("drafts.kind."+string(k)), f.Values["kind"])
	}
	return v
}

// newDraftPage shows the empty form, the group chosen when ?group= names
// one.
func (s *Server) newDraftPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"kind": string(drafts.KindProposals)}
	if g := r.URL.Query().Get("group"); g != "" {
		v["group"] = g
	}
	s.renderDraftNew(w, r, http.StatusOK, draftNewForm{formView: formView{Values: v}})
}

// createDraft starts the posted draft and goes to its page.
func (s *Server) createDraft(w http.ResponseWriter, r *http.Request) {
	if !s.readDraftForm(w, r) {
		return
	}
	form := r.PostForm
	v := map[string]string{}
	keep(form, v, "kind", "group", "activity", "body", "note")
	keepText(form, v, "title")
	e := drafts.DraftEdit{Kind: drafts.Kind(form.Get("kind")), Title: formText(form, "title"), Body: form.Get("body"), Note: form.Get("note")}
	fe := plan.FieldErrors{}
	var ok bool
	if e.GroupID, ok = formInt(form, "group"); !ok {
		fe["group"] = "drafts.group.unknown"
	}
	if e.ActivityID, ok = formInt(form, "activity"); !ok {
		fe["activity"] = "drafts.activity.invalid"
	}
	f := draftNewForm{formView: formView{Values: v}}
	if len(fe) > 0 {
		s.refuseDraftNew(w, r, f, fe)
		return
	}
	id, err := s.drafts.CreateDraft(r.Context(), s.actorOf(r), e)
	answerSave[drafts.Draft](s, w, r, err, draftURL(id)+"?done=draft_created",
		func(fe plan.FieldErrors) { s.refuseDraftNew(w, r, f, fe) }, nil)
}

func (s *Server) refuseDraftNew(w http.ResponseWriter, r *http.Request, f draftNewForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{"kind": "kind-" + string(drafts.Kinds[0])}
	textAnchors(anchor, "title")
	f.Errors = editErrors(l, fe, draftFieldOrder, anchor)
	s.renderDraftNew(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderDraftNew(w http.ResponseWriter, r *http.Request, status int, f draftNewForm) {
	l := locale{Lang: langOf(r)}
	groups, err := s.drafts.ExpertGroups(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f.Groups, f.Action = groups, "/drafts/new"
	title := l.T("drafts.new.title")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "draft_new", page{Title: title, Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}}, Data: f})
}

// GroupSelected reports whether the group is the form's choice.
func (f draftNewForm) GroupSelected(id int64) bool {
	return f.Values["group"] == strconv.FormatInt(id, 10)
}

// draftVersionForm is the form saving a new version of a draft's text.
type draftVersionForm struct {
	formView
	D drafts.Draft
	// Conflict is the version someone saved while the user was writing,
	// compared with the user's text.
	Conflict *draftVersionConflict
	Problem  string
}

// draftVersionConflict shows a newer version than the one the user
// started from, and how the user's text differs from it.
type draftVersionConflict struct {
	Theirs   drafts.Revision
	Sections []draftSectionDiff
}

// newVersionPage shows the form filled in with the latest version's text.
func (s *Server) newVersionPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := map[string]string{"base": strconv.Itoa(d.Current)}
	if d.Current > 0 {
		rev, err := s.drafts.GetRevision(r.Context(), d.ID, d.Current)
		if !s.answerLoad(w, r, err) {
			return
		}
		v["body"] = rev.Body
	}
	f := draftVersionForm{D: d, formView: formView{Values: v}}
	status := http.StatusOK
	if !d.Status.Writable() {
		f.Problem, status = l.T("drafts.problem.locked"), http.StatusConflict
	}
	s.renderVersionForm(w, r, status, f)
}

// saveVersion saves the posted text as a new version, unless someone saved
// one meanwhile: then the form comes back with the user's text and how it
// differs from theirs, and saving again replaces it knowingly.
func (s *Server) saveVersion(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	form := r.PostForm
	v := map[string]string{}
	keep(form, v, "body", "note", "base")
	base, _ := formInt(form, "base")
	f := draftVersionForm{D: d, formView: formView{Values: v}}
	_, err := s.drafts.SaveRevision(r.Context(), s.actorOf(r), drafts.RevisionEdit{DraftID: d.ID, Body: form.Get("body"), Note: form.Get("note"), Base: int(base)})
	var fe plan.FieldErrors
	var stale *plan.ConflictError[drafts.Revision]
	switch {
	case err == nil:
		http.Redirect(w, r, draftURL(d.ID)+"?done=version_saved", http.StatusSeeOther)
	case errors.As(err, &stale):
		c := &draftVersionConflict{Theirs: stale.Current}
		for _, sd := range drafts.Diff(stale.Current.Body, strings.TrimSpace(strings.ReplaceAll(form.Get("body"), "\r\n", "\n"))) {
			if sd.Change == drafts.Unchanged {
				continue
			}
			row := draftSectionDiff{SectionDiff: sd, Label: sd.Heading}
			if sd.Level == 0 {
				row.Label = l.T("drafts.section.preamble")
			}
			row.OldParts, row.NewParts = wordDiff(sd.Old, sd.New)
			c.Sections = append(c.Sections, row)
		}
		f.Conflict = c
		f.Values["base"] = strconv.Itoa(stale.Current.Number)
		s.renderVersionForm(w, r, http.StatusConflict, f)
	case errors.As(err, &fe):
		f.Errors = editErrors(l, fe, []string{"body", "note"}, nil)
		s.renderVersionForm(w, r, http.StatusUnprocessableEntity, f)
	case errors.Is(err, drafts.ErrLocked):
		f.Problem = draftProblem(l, err)
		s.renderVersionForm(w, r, http.StatusConflict, f)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

func (s *Server) renderVersionForm(w http.ResponseWriter, r *http.Request, status int, f draftVersionForm) {
	l := locale{Lang: langOf(r)}
	f.Action = draftURL(f.D.ID) + "/versions/new"
	title := l.T("drafts.version.new")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "draft_version", page{Title: title + " · " + l.Plain(f.D.Title),
		Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}, {l.Plain(f.D.Title), draftURL(f.D.ID)}}, Data: f})
}

// addComment adds the posted comment on a section (or paragraph) of a
// version, or the posted reply in a thread, and goes back to the draft at
// that version. A refused comment comes back in its form, unfolded.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	form := r.PostForm
	parent, _ := formInt(form, "parent")
	version, _ := formInt(form, "version")
	para, _ := formInt(form, "paragraph")
	e := drafts.CommentEdit{DraftID: d.ID, Revision: int(version), Section: form.Get("section"), Paragraph: int(para), ParentID: parent, Body: form.Get("comment")}
	id, err := s.drafts.AddComment(r.Context(), s.actorOf(r), e)
	var fe plan.FieldErrors
	switch {
	case err == nil:
		target := draftURL(d.ID) + "?done=comment_added"
		if version > 0 {
			target = draftURL(d.ID) + "?version=" + strconv.FormatInt(version, 10) + "&done=comment_added"
		}
		http.Redirect(w, r, target+"#thread-"+strconv.FormatInt(parentOr(parent, id), 10), http.StatusSeeOther)
	case errors.As(err, &fe):
		cs := &draftCommentState{Section: e.Section, Parent: parent, Para: int(para), Value: form.Get("comment")}
		// One message fits beside the form: the text's problem first, as
		// the one the user can fix there.
		for _, field := range []string{"comment", "section"} {
			if key, ok := fe[field]; ok && cs.Error == "" {
				cs.Error = fieldMessage(l, key)
			}
		}
		if cs.Error == "" {
			cs.Error = l.T("edit.field.problem")
		}
		s.renderDraftPage(w, r, http.StatusUnprocessableEntity, d, int(version), cs, "")
	case errors.Is(err, drafts.ErrClosed):
		s.renderDraftPage(w, r, http.StatusConflict, d, int(version), nil, draftProblem(l, err))
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// parentOr is the thread a comment went into: its parent's, or its own.
func parentOr(parent, id int64) int64 {
	if parent != 0 {
		return parent
	}
	return id
}

// resolveComment resolves a thread, or reopens it.
func (s *Server) resolveComment(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	cid, ok := pathInt(r, "cid")
	if !ok {
		s.notFound(w, r)
		return
	}
	resolved := r.PostForm.Get("resolved") == "true"
	err := s.drafts.ResolveComment(r.Context(), s.actorOf(r), d.ID, cid, resolved, postedVersion(r))
	s.answerDraftAction(w, r, d, err, draftURL(d.ID)+"?done="+map[bool]string{true: "thread_resolved", false: "thread_reopened"}[resolved]+
		"#thread-"+strconv.FormatInt(cid, 10))
}

// publishDraft publishes an adopted draft.
func (s *Server) publishDraft(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok || !s.readDraftForm(w, r) {
		return
	}
	err := s.drafts.PublishDraft(r.Context(), s.actorOf(r), d.ID, postedVersion(r))
	s.answerDraftAction(w, r, d, err, draftURL(d.ID)+"?done=draft_published")
}

// answerDraftAction finishes an action on a draft's page: on success to
// done; a refusal (a stale form, a move the draft cannot make) shows the
// draft as it now is with the reason.
func (s *Server) answerDraftAction(w http.ResponseWriter, r *http.Request, d drafts.Draft, err error, done string) {
	l := locale{Lang: langOf(r)}
	switch {
	case err == nil:
		http.Redirect(w, r, done, http.StatusSeeOther)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case draftProblem(l, err) != "":
		if fresh, gerr := s.drafts.GetDraft(r.Context(), d.ID); gerr == nil {
			d = fresh
		}
		s.renderDraftPage(w, r, http.StatusConflict, d, 0, nil, draftProblem(l, err))
	default:
		s.serverError(w, r, err)
	}
}
