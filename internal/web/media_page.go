package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// mediaPerPage is how many items a page of the media list shows.
const mediaPerPage = 50

// mediaRow is a media item as the list shows it.
type mediaRow struct {
	Item     platform.MediaItem
	Activity *outreachActivity
}

// PublishedDate is the day published, for the date formatter.
func (m mediaRow) PublishedDate() *plan.Date { return &m.Item.PublishedOn }

// Links describes the item's activity and measure for the partials.
func (m mediaRow) Links(l locale) outreachLinks {
	return outreachLinks{L: l, A: m.Activity, M: m.Item.Measure}
}

// mediaView is the media list.
type mediaView struct {
	Rows     []mediaRow
	Pager    pager
	Kind     string
	Year     string
	Kinds    []platform.MediaKind
	Years    []int
	Filtered bool
	CSV      string
}

// mediaFilterOf reads the list's filters; ok is false (and a 400 page
// written) when one cannot be read.
func (s *Server) mediaFilterOf(w http.ResponseWriter, r *http.Request) (platform.MediaFilter, bool) {
	l := locale{Lang: langOf(r)}
	f := platform.MediaFilter{Kind: platform.MediaKind(r.URL.Query().Get("kind"))}
	year, ok := outreachYear(r)
	switch {
	case f.Kind != "" && !f.Kind.Valid():
		s.badRequest(w, r, l.T("media.filter.kind.invalid"))
		return f, false
	case !ok:
		s.badRequest(w, r, l.T("outreach.filter.year.invalid"))
		return f, false
	}
	f.Year = year
	return f, true
}

// mediaPage lists the media coverage of the platform's work, newest
// first, filtered by kind and year: public, like the work it covers.
func (s *Server) mediaPage(w http.ResponseWriter, r *http.Request) {
	f, ok := s.mediaFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	ctx := r.Context()
	pageNo := pageNumber(r)
	f.Limit, f.Offset = mediaPerPage, (pageNo-1)*mediaPerPage
	items, err := s.appeals.Store.ListMedia(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	years, err := s.appeals.Store.MediaYears(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	idx, err := s.outreachActivities(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := mediaView{Kind: string(f.Kind), Kinds: platform.MediaKinds, Years: years, Filtered: f.Kind != "" || f.Year != 0}
	query := url.Values{}
	if f.Kind != "" {
		query.Set("kind", string(f.Kind))
	}
	if f.Year != 0 {
		v.Year = strconv.Itoa(f.Year)
		query.Set("year", v.Year)
	}
	for _, it := range items.Items {
		v.Rows = append(v.Rows, mediaRow{Item: it, Activity: idx.view(it.ActivityID)})
	}
	base := "/media"
	v.CSV = "/media.csv"
	if enc := query.Encode(); enc != "" {
		base += "?" + enc
		v.CSV += "?" + enc
	}
	v.Pager = newPager(base, pageNo, mediaPerPage, items.Total)
	s.render(w, r, http.StatusOK, "media", page{Title: l.T("media.title"), Data: v})
}

// mediaCSV is the list as CSV: every item the filters select.
func (s *Server) mediaCSV(w http.ResponseWriter, r *http.Request) {
	f, ok := s.mediaFilterOf(w, r)
	if !ok {
		return
	}
	items, err := readAll(func(limit, offset int) (plan.Page[platform.MediaItem], error) {
		f.Limit, f.Offset = limit, offset
		return s.appeals.Store.ListMedia(r.Context(), f)
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvWriter(w, "media.csv", []string{"id", "published_on", "outlet", "kind", "title", "url", "activity_id", "event_id", "measure_id", "measure_clause"})
	for _, it := range items {
		clause := ""
		if it.Measure != nil {
			clause = it.Measure.Clause
		}
		cw.Write([]string{strconv.FormatInt(it.ID, 10), it.PublishedOn.String(), it.Outlet, string(it.Kind), it.Title, it.URL,
			outreachOptionalID(it.ActivityID), outreachOptionalID(it.EventID), outreachOptionalID(it.MeasureID), clause})
	}
	cw.Flush()
}

// mediaFieldOrder is the media form's field order, for the error summary.
var mediaFieldOrder = []string{"outlet", "kind", "published_on", "title", "url", "activity", "event", "measure"}

// mediaForm is what the media form shows.
type mediaForm struct {
	formView
	New        bool
	ItemID     int64
	Kinds      []platform.MediaKind
	Activities []outreachActivityOption
	Conflict   *conflictView
}

// ActivityField describes the activity input.
func (f mediaForm) ActivityField(l locale) outreachActivityField {
	return activityFieldOf(l, f.formView, f.Activities)
}

func mediaFormValues(it platform.MediaItem) map[string]string {
	return map[string]string{"outlet": it.Outlet, "kind": string(it.Kind), "published_on": it.PublishedOn.String(), "title": it.Title,
		"url": it.URL, "activity": outreachOptionalID(it.ActivityID), "event": outreachOptionalID(it.EventID),
		"measure": outreachOptionalID(it.MeasureID), "version": strconv.Itoa(it.Version)}
}

func (s *Server) mediaEditOf(form url.Values) (platform.MediaEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "outlet", "kind", "published_on", "title", "url", "activity", "event", "measure", "version")
	e := platform.MediaEdit{Outlet: form.Get("outlet"), Kind: platform.MediaKind(form.Get("kind")), PublishedOn: form.Get("published_on"),
		Title: form.Get("title"), URL: form.Get("url"), Today: s.outreachToday()}
	e.ActivityID = outreachFormID(form, "activity", "appeal.activity.invalid", bad)
	e.EventID = outreachFormID(form, "event", "media.event.invalid", bad)
	e.MeasureID = outreachFormID(form, "measure", "appeal.measure.invalid", bad)
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// mediaFor reads the live item the path names.
func (s *Server) mediaFor(w http.ResponseWriter, r *http.Request) (platform.MediaItem, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.MediaItem{}, false
	}
	it, err := s.appeals.Store.GetMedia(r.Context(), id)
	return it, s.answerLoad(w, r, err)
}

// newMediaPage shows an empty media form; ?activity=, ?event= and
// ?measure= fill in what the piece covered.
func (s *Server) newMediaPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"kind": string(platform.MediaArticle)}
	for _, k := range []string{"activity", "event", "measure"} {
		if id, ok := positiveID(r.URL.Query().Get(k)); ok {
			v[k] = strconv.FormatInt(id, 10)
		}
	}
	s.renderMediaForm(w, r, http.StatusOK, mediaForm{New: true, formView: formView{Values: v}})
}

// createMedia records the posted item and returns to the list.
func (s *Server) createMedia(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.mediaEditOf(r.PostForm)
	f := mediaForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseMedia(w, r, f, bad)
		return
	}
	_, err := s.appeals.Store.CreateMedia(r.Context(), s.actorOf(r), e)
	answerSave[platform.MediaItem](s, w, r, err, "/media?done=created", func(fe plan.FieldErrors) { s.refuseMedia(w, r, f, fe) }, nil)
}

// editMediaPage shows an item's form with its stored values.
func (s *Server) editMediaPage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.mediaFor(w, r)
	if !ok {
		return
	}
	s.renderMediaForm(w, r, http.StatusOK, mediaForm{ItemID: it.ID, formView: formView{Values: mediaFormValues(it)}})
}

// updateMedia saves the posted form over the item unless someone saved it
// meanwhile.
func (s *Server) updateMedia(w http.ResponseWriter, r *http.Request) {
	it, ok := s.mediaFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.mediaEditOf(r.PostForm)
	f := mediaForm{ItemID: it.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseMedia(w, r, f, bad)
		return
	}
	err := s.appeals.Store.UpdateMedia(r.Context(), s.actorOf(r), it.ID, e)
	answerSave(s, w, r, err, "/media?done=saved",
		func(fe plan.FieldErrors) { s.refuseMedia(w, r, f, fe) },
		func(current platform.MediaItem) {
			f.Conflict = s.mediaConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderMediaForm(w, r, http.StatusConflict, f)
		})
}

func (s *Server) mediaConflict(ctx context.Context, l locale, current platform.MediaItem, yours map[string]string) *conflictView {
	labels := map[string]string{"outlet": l.T("media.field.outlet"), "kind": l.T("media.field.kind"), "published_on": l.T("media.field.published_on"),
		"title": l.T("media.field.title"), "url": l.T("media.field.url"), "activity": l.T("outreach.field.activity"),
		"event": l.T("media.field.event"), "measure": l.T("outreach.field.measure")}
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if k := v["kind"]; platform.MediaKind(k).Valid() {
			out["kind"] = l.T("media.kind." + k)
		}
		return out
	}
	c := &conflictView{Changes: compareForms(mediaFieldOrder, labels, readable(mediaFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityMedia, current.ID)
	return c
}

func (s *Server) refuseMedia(w http.ResponseWriter, r *http.Request, f mediaForm, fe plan.FieldErrors) {
	f.Errors = editErrors(locale{Lang: langOf(r)}, fe, mediaFieldOrder, nil)
	s.renderMediaForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderMediaForm(w http.ResponseWriter, r *http.Request, status int, f mediaForm) {
	l := locale{Lang: langOf(r)}
	idx, err := s.outreachActivities(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if idx.list != nil {
		f.Activities = idx.options(l, f.Values["activity"])
	}
	f.Kinds = platform.MediaKinds
	title := l.T("media.new")
	f.Action = "/media/new"
	if !f.New {
		title = l.T("media.edit")
		f.Action = "/media/" + strconv.FormatInt(f.ItemID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "media_edit", page{Title: title, Crumbs: []crumb{{l.T("media.title"), "/media"}}, Data: f})
}

// deleteMediaPage asks whether to delete an item.
func (s *Server) deleteMediaPage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.mediaFor(w, r)
	if !ok {
		return
	}
	s.renderOutreachDelete(w, r, http.StatusOK, mediaDeleteView(it))
}

// deleteMedia soft-deletes an item.
func (s *Server) deleteMedia(w http.ResponseWriter, r *http.Request) {
	it, ok := s.mediaFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	err := s.appeals.Store.DeleteMedia(r.Context(), s.actorOf(r), it.ID, postedVersion(r))
	answerOutreachDelete(s, w, r, err, "/media?done=outreach_deleted", mediaDeleteView)
}

func mediaDeleteView(it platform.MediaItem) outreachDeleteView {
	id := strconv.FormatInt(it.ID, 10)
	return outreachDeleteView{Action: "/media/" + id + "/delete", Kind: "media", Name: it.Outlet + ": " + it.Title, Version: it.Version, Cancel: "/media"}
}
