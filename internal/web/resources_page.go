package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// resourcesPerPage is how many entries a page of the register shows.
const resourcesPerPage = 100

// resourceRow is a register entry as the list shows it.
type resourceRow struct {
	Item     platform.ResourceItem
	Cost     string
	Activity *outreachActivity
}

// BoughtDate is the day of purchase, for the date formatter.
func (r resourceRow) BoughtDate() *plan.Date { return &r.Item.BoughtOn }

// Links describes the entry's activity for the partials.
func (r resourceRow) Links(l locale) outreachLinks { return outreachLinks{L: l, A: r.Activity} }

// resourcesView is the register.
type resourcesView struct {
	Rows     []resourceRow
	Sums     []string // the totals, one per currency
	Pager    pager
	Year     string
	Years    []int
	Filtered bool
	CSV      string
}

// resourcesPage is the register of equipment and material the platform
// bought, newest first, with the totals of what the filter selects by
// currency. Coordinators only: it is the grants' business.
func (s *Server) resourcesPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	year, ok := outreachYear(r)
	if !ok {
		s.badRequest(w, r, l.T("outreach.filter.year.invalid"))
		return
	}
	ctx := r.Context()
	pageNo := pageNumber(r)
	list, err := s.appeals.Store.ListResources(ctx, platform.ResourceFilter{Year: year, Limit: resourcesPerPage, Offset: (pageNo - 1) * resourcesPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	years, err := s.appeals.Store.ResourceYears(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	idx, err := s.outreachActivities(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := resourcesView{Years: years, Filtered: year != 0}
	for _, it := range list.Items {
		v.Rows = append(v.Rows, resourceRow{Item: it, Cost: outreachCost(l, it.Cost), Activity: idx.view(it.ActivityID)})
	}
	currencies := make([]string, 0, len(list.Sums))
	for c := range list.Sums {
		currencies = append(currencies, c)
	}
	slices.Sort(currencies)
	for _, c := range currencies {
		v.Sums = append(v.Sums, outreachCost(l, platform.Cost{Minor: list.Sums[c], Currency: c}))
	}
	base := "/resources"
	v.CSV = "/resources.csv"
	if year != 0 {
		v.Year = strconv.Itoa(year)
		q := "?" + url.Values{"year": {v.Year}}.Encode()
		base += q
		v.CSV += q
	}
	v.Pager = newPager(base, pageNo, resourcesPerPage, list.Total)
	noStore(w)
	s.render(w, r, http.StatusOK, "resources", page{Title: l.T("resources.title"), Data: v})
}

// resourcesCSV is the register as CSV, amounts with a decimal point.
func (s *Server) resourcesCSV(w http.ResponseWriter, r *http.Request) {
	year, ok := outreachYear(r)
	if !ok {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("outreach.filter.year.invalid"))
		return
	}
	f := platform.ResourceFilter{Year: year}
	items, err := readAll(func(limit, offset int) (plan.Page[platform.ResourceItem], error) {
		f.Limit, f.Offset = limit, offset
		list, err := s.appeals.Store.ListResources(r.Context(), f)
		return plan.Page[platform.ResourceItem]{Items: list.Items, Total: list.Total}, err
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Not csvWriter: the register is not open data, and no other site is
	// invited to read it.
	noStore(w)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="resources.csv"`)
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "bought_on", "item", "amount", "currency", "activity_id", "note"})
	for _, it := range items {
		cw.Write([]string{strconv.FormatInt(it.ID, 10), it.BoughtOn.String(), it.Item, it.Cost.Decimal(), it.Cost.Currency,
			outreachOptionalID(it.ActivityID), it.Note})
	}
	cw.Flush()
}

// resourceFieldOrder is the register form's field order.
var resourceFieldOrder = []string{"item", "bought_on", "amount", "currency", "activity", "note"}

// resourceForm is what the register form shows.
type resourceForm struct {
	formView
	New        bool
	ItemID     int64
	Activities []outreachActivityOption
	Conflict   *conflictView
}

// ActivityField describes the activity input.
func (f resourceForm) ActivityField(l locale) outreachActivityField {
	return activityFieldOf(l, f.formView, f.Activities)
}

func resourceFormValues(it platform.ResourceItem) map[string]string {
	return map[string]string{"item": it.Item, "bought_on": it.BoughtOn.String(), "amount": it.Cost.Decimal(), "currency": it.Cost.Currency,
		"activity": outreachOptionalID(it.ActivityID), "note": it.Note, "version": strconv.Itoa(it.Version)}
}

func (s *Server) resourceEditOf(form url.Values) (platform.ResourceEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "item", "bought_on", "amount", "currency", "activity", "note", "version")
	e := platform.ResourceEdit{Item: form.Get("item"), BoughtOn: form.Get("bought_on"), Amount: form.Get("amount"), Currency: form.Get("currency"),
		Note: form.Get("note"), Today: s.outreachToday()}
	e.ActivityID = outreachFormID(form, "activity", "appeal.activity.invalid", bad)
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, func() plan.FieldErrors { _, fe := e.Validate(); return fe })
	return e, v, bad
}

func (s *Server) resourceFor(w http.ResponseWriter, r *http.Request) (platform.ResourceItem, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.ResourceItem{}, false
	}
	it, err := s.appeals.Store.GetResource(r.Context(), id)
	return it, s.answerLoad(w, r, err)
}

// newResourcePage shows an empty register form.
func (s *Server) newResourcePage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"currency": platform.DefaultCurrency}
	if id, ok := positiveID(r.URL.Query().Get("activity")); ok {
		v["activity"] = strconv.FormatInt(id, 10)
	}
	s.renderResourceForm(w, r, http.StatusOK, resourceForm{New: true, formView: formView{Values: v}})
}

// createResource adds the posted entry and returns to the register.
func (s *Server) createResource(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.resourceEditOf(r.PostForm)
	f := resourceForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseResource(w, r, f, bad)
		return
	}
	_, err := s.appeals.Store.CreateResource(r.Context(), s.actorOf(r), e)
	answerSave[platform.ResourceItem](s, w, r, err, "/resources?done=created", func(fe plan.FieldErrors) { s.refuseResource(w, r, f, fe) }, nil)
}

// editResourcePage shows an entry's form.
func (s *Server) editResourcePage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.resourceFor(w, r)
	if !ok {
		return
	}
	s.renderResourceForm(w, r, http.StatusOK, resourceForm{ItemID: it.ID, formView: formView{Values: resourceFormValues(it)}})
}

// updateResource saves the posted form over the entry unless someone saved
// it meanwhile.
func (s *Server) updateResource(w http.ResponseWriter, r *http.Request) {
	it, ok := s.resourceFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.resourceEditOf(r.PostForm)
	f := resourceForm{ItemID: it.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseResource(w, r, f, bad)
		return
	}
	err := s.appeals.Store.UpdateResource(r.Context(), s.actorOf(r), it.ID, e)
	answerSave(s, w, r, err, "/resources?done=saved",
		func(fe plan.FieldErrors) { s.refuseResource(w, r, f, fe) },
		func(current platform.ResourceItem) {
			f.Conflict = s.resourceConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderResourceForm(w, r, http.StatusConflict, f)
		})
}

func (s *Server) resourceConflict(ctx context.Context, l locale, current platform.ResourceItem, yours map[string]string) *conflictView {
	labels := map[string]string{"item": l.T("resource.field.item"), "bought_on": l.T("resource.field.bought_on"), "amount": l.T("resource.field.amount"),
		"currency": l.T("resource.field.currency"), "activity": l.T("outreach.field.activity"), "note": l.T("resource.field.note")}
	c := &conflictView{Changes: compareForms(resourceFieldOrder, labels, resourceFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, platform.EntityResource, current.ID)
	return c
}

func (s *Server) refuseResource(w http.ResponseWriter, r *http.Request, f resourceForm, fe plan.FieldErrors) {
	f.Errors = editErrors(locale{Lang: langOf(r)}, fe, resourceFieldOrder, nil)
	s.renderResourceForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderResourceForm(w http.ResponseWriter, r *http.Request, status int, f resourceForm) {
	l := locale{Lang: langOf(r)}
	idx, err := s.outreachActivities(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if idx.list != nil {
		f.Activities = idx.options(l, f.Values["activity"])
	}
	title := l.T("resource.new")
	f.Action = "/resources/new"
	if !f.New {
		title = l.T("resource.edit")
		f.Action = "/resources/" + strconv.FormatInt(f.ItemID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "resource_edit", page{Title: title, Crumbs: []crumb{{l.T("resources.title"), "/resources"}}, Data: f})
}

// deleteResourcePage asks whether to delete an entry.
func (s *Server) deleteResourcePage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.resourceFor(w, r)
	if !ok {
		return
	}
	s.renderOutreachDelete(w, r, http.StatusOK, resourceDeleteView(it, locale{Lang: langOf(r)}))
}

// deleteResource soft-deletes an entry.
func (s *Server) deleteResource(w http.ResponseWriter, r *http.Request) {
	it, ok := s.resourceFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.appeals.Store.DeleteResource(r.Context(), s.actorOf(r), it.ID, postedVersion(r))
	answerOutreachDelete(s, w, r, err, "/resources?done=outreach_deleted", func(x platform.ResourceItem) outreachDeleteView { return resourceDeleteView(x, l) })
}

func resourceDeleteView(it platform.ResourceItem, l locale) outreachDeleteView {
	id := strconv.FormatInt(it.ID, 10)
	return outreachDeleteView{Action: "/resources/" + id + "/delete", Kind: "resource", Name: it.Item + " — " + outreachCost(l, it.Cost),
		Version: it.Version, Cancel: "/resources"}
}
