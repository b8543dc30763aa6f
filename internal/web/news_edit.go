package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/i18n"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// newsFieldOrder is the news form's field order, for the error summary.
var newsFieldOrder = []string{"title", "lang", "body", "plan", "event"}

// newsForm is what the news form shows.
type newsForm struct {
	formView
	New      bool
	ItemID   int64
	Langs    []string
	Conflict *conflictView
}

func newsFormValues(it news.Item) map[string]string {
	return map[string]string{"title": it.Title, "body": it.Body, "lang": it.Lang, "plan": outreachOptionalID(it.PlanID),
		"event": outreachOptionalID(it.EventID), "version": strconv.Itoa(it.Version)}
}

// newsEditOf reads the posted form: the edit, the values to show back and
// the problems found before the store is asked.
func newsEditOf(form url.Values) (news.Edit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "title", "body", "lang", "plan", "event", "version")
	e := news.Edit{Title: form.Get("title"), Body: form.Get("body"), Lang: form.Get("lang")}
	e.PlanID = outreachFormID(form, "plan", "news.plan.unknown", bad)
	e.EventID = outreachFormID(form, "event", "news.event.unknown", bad)
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// newNewsPage shows an empty news form in the reader's language.
func (s *Server) newNewsPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"lang": langOf(r)}
	if id, ok := positiveID(r.URL.Query().Get("plan")); ok {
		v["plan"] = strconv.FormatInt(id, 10)
	}
	if id, ok := positiveID(r.URL.Query().Get("event")); ok {
		v["event"] = strconv.FormatInt(id, 10)
	}
	s.renderNewsForm(w, r, http.StatusOK, newsForm{New: true, formView: formView{Values: v}})
}

// createNews records the posted item as a draft and shows it.
func (s *Server) createNews(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := newsEditOf(r.PostForm)
	f := newsForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseNews(w, r, f, bad)
		return
	}
	id, err := s.news.CreateNews(r.Context(), s.actorOf(r), e)
	answerSave[news.Item](s, w, r, err, newsURL(id)+"?done=news_created", func(fe plan.FieldErrors) { s.refuseNews(w, r, f, fe) }, nil)
}

// editNewsPage shows an item's form with its stored values.
func (s *Server) editNewsPage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok {
		return
	}
	s.renderNewsForm(w, r, http.StatusOK, newsForm{ItemID: it.ID, formView: formView{Values: newsFormValues(it)}})
}

// updateNews saves the posted form over the item unless someone saved it
// meanwhile.
func (s *Server) updateNews(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := newsEditOf(r.PostForm)
	f := newsForm{ItemID: it.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseNews(w, r, f, bad)
		return
	}
	err := s.news.UpdateNews(r.Context(), s.actorOf(r), it.ID, e)
	answerSave(s, w, r, err, newsURL(it.ID)+"?done=news_saved",
		func(fe plan.FieldErrors) { s.refuseNews(w, r, f, fe) },
		func(current news.Item) {
			f.Conflict = s.newsConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.Values["version"] = strconv.Itoa(current.Version)
			s.renderNewsForm(w, r, http.StatusConflict, f)
		})
}

func (s *Server) newsConflict(ctx context.Context, l locale, current news.Item, yours map[string]string) *conflictView {
	labels := map[string]string{"title": l.T("news.field.title"), "body": l.T("news.field.body"), "lang": l.T("news.field.lang"),
		"plan": l.T("news.field.plan"), "event": l.T("news.field.event")}
	c := &conflictView{Changes: compareForms(newsFieldOrder, labels, newsFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, news.EntityNews, current.ID)
	return c
}

func (s *Server) refuseNews(w http.ResponseWriter, r *http.Request, f newsForm, fe plan.FieldErrors) {
	f.Errors = editErrors(locale{Lang: langOf(r)}, fe, newsFieldOrder, nil)
	s.renderNewsForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderNewsForm(w http.ResponseWriter, r *http.Request, status int, f newsForm) {
	l := locale{Lang: langOf(r)}
	f.Langs = i18n.Supported
	title := l.T("news.new")
	f.Action = "/news/new"
	if !f.New {
		title = l.T("news.edit")
		f.Action = newsURL(f.ItemID) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "news_edit", page{Title: title, Crumbs: []crumb{{l.T("news.title"), "/news"}}, Data: f})
}
