package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// documentFieldOrder is the document form's field order, for the error
// summary.
var documentFieldOrder = []string{"kind", "title", "language", "date", "description", "links", "activity", "event", "measure", "draft"}

// documentForm is what the document form shows.
type documentForm struct {
	formView
	New       bool
	DocID     int64
	Kinds     []library.Kind
	Languages []string
	Links     documentLinksView
	Conflict  *conflictView
}

// documentFormValues are a stored document's values as the form holds
// them.
func documentFormValues(d library.Document) map[string]string {
	v := map[string]string{"kind": string(d.Kind), "title": d.Title, "language": d.Language, "date": d.Date.String(),
		"description": d.Description, "links": library.FormatLinks(d.Links), "version": strconv.Itoa(d.Version)}
	for _, t := range library.Targets {
		v[string(t)] = library.FormatIDs(d.RelatedIDs(t))
	}
	return v
}

// documentEditOf reads a posted document form: the edit, the values to
// show again, and the problems found before the store sees it.
func documentEditOf(form url.Values) (library.Edit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, append([]string{"version", "plan"}, documentFieldOrder...)...)
	e := library.Edit{Kind: library.Kind(form.Get("kind")), Title: form.Get("title"), Language: form.Get("language"), Date: form.Get("date"),
		Description: form.Get("description"), Links: library.ParseLinks(form.Get("links")), Relations: map[library.Target][]int64{}}
	for _, t := range library.Targets {
		// Checkbox lists post one value per tie.
		v[string(t)] = postedIDs(form, string(t))
		ids, ok := library.ParseIDs(v[string(t)])
		if !ok {
			bad[string(t)] = "library." + string(t) + ".invalid"
			continue
		}
		e.Relations[t] = ids
	}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// newDocumentPage shows an empty document form; ?activity=, ?event=,
// ?measure= and ?draft= tie it to what it came from.
func (s *Server) newDocumentPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"kind": string(library.KindReport), "language": langOf(r), "date": s.outreachToday().String()}
	for _, t := range library.Targets {
		if id, ok := positiveID(r.URL.Query().Get(string(t))); ok {
			v[string(t)] = strconv.FormatInt(id, 10)
		}
	}
	s.renderDocumentForm(w, r, http.StatusOK, documentForm{New: true, formView: formView{Values: v}})
}

// createDocument records the posted document, unpublished, and goes to its
// page, where files are added.
func (s *Server) createDocument(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := documentEditOf(r.PostForm)
	f := documentForm{New: true, formView: formView{Values: v}}
	if r.PostForm.Has("show_measures") {
		s.renderDocumentForm(w, r, http.StatusOK, f)
		return
	}
	if len(bad) > 0 {
		s.refuseDocument(w, r, f, bad)
		return
	}
	id, err := s.library.CreateDocument(r.Context(), s.actorOf(r), e)
	answerSave[library.Document](s, w, r, err, documentURL(id)+"?done=created#files", func(fe plan.FieldErrors) { s.refuseDocument(w, r, f, fe) }, nil)
}

// editDocumentPage shows a document's form with its stored values.
func (s *Server) editDocumentPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok {
		return
	}
	s.renderDocumentForm(w, r, http.StatusOK, documentForm{DocID: d.ID, formView: formView{Values: documentFormValues(d)}})
}

// updateDocument saves the posted form over the document unless someone
// saved it meanwhile.
func (s *Server) updateDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := documentEditOf(r.PostForm)
	f := documentForm{DocID: d.ID, formView: formView{Values: v}}
	if r.PostForm.Has("show_measures") {
		s.renderDocumentForm(w, r, http.StatusOK, f)
		return
	}
	if len(bad) > 0 {
		s.refuseDocument(w, r, f, bad)
		return
	}
	err := s.library.UpdateDocument(r.Context(), s.actorOf(r), d.ID, e)
	answerSave(s, w, r, err, documentURL(d.ID)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseDocument(w, r, f, fe) },
		func(current library.Document) {
			f.Conflict = s.documentConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.Values["version"] = strconv.Itoa(current.Version)
			s.renderDocumentForm(w, r, http.StatusConflict, f)
		})
}

func (s *Server) documentConflict(ctx context.Context, l locale, current library.Document, yours map[string]string) *conflictView {
	labels := map[string]string{}
	for _, f := range documentFieldOrder {
		labels[f] = l.T("library.field." + f)
	}
	c := &conflictView{Changes: compareForms(documentFieldOrder, labels, documentFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, library.EntityDocument, current.ID)
	return c
}

func (s *Server) refuseDocument(w http.ResponseWriter, r *http.Request, f documentForm, fe plan.FieldErrors) {
	f.Errors = editErrors(locale{Lang: langOf(r)}, fe, documentFieldOrder, nil)
	s.renderDocumentForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderDocumentForm(w http.ResponseWriter, r *http.Request, status int, f documentForm) {
	l := locale{Lang: langOf(r)}
	f.Kinds, f.Languages = library.Kinds, library.Languages
	links, err := s.documentLinks(r.Context(), l, f.Values)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	links.Activities.Error, links.Events.Error, links.Drafts.Error = f.ErrorFor("activity"), f.ErrorFor("event"), f.ErrorFor("draft")
	f.Links = links
	title := l.T("library.new")
	f.Action = "/library/new"
	crumbs := []crumb{{l.T("library.title"), "/library"}}
	if !f.New {
		title = l.T("library.edit")
		f.Action = documentURL(f.DocID) + "/edit"
		crumbs = append(crumbs, crumb{f.Values["title"], documentURL(f.DocID)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "library_edit", page{Title: title, Crumbs: crumbs, Data: f})
}
