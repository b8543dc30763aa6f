package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/events"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// The participant categories page: coordinators add categories, rename
// them in each language, put them in order and deactivate the ones no
// longer offered. A category something was recorded under is never
// deleted, only deactivated, so that past statistics keep their rows.

// categoriesView is the list of categories.
type categoriesView struct {
	Categories events.CategoryList
}

// eventCategoriesPage lists the categories with their actions.
func (s *Server) eventCategoriesPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	cats, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "event_categories", page{Title: l.T("events.categories.title"), Data: categoriesView{Categories: cats},
		Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}}})
}

// categoryForm is the form adding or renaming a category.
type categoryForm struct {
	formView
	// Code is the category edited; "" on the form adding one.
	Code     events.Category
	Label    textFieldView
	Conflict *conflictView
}

// Err returns the message shown beside a field.
func (f categoryForm) Err(field string) string { return errorFor(f.Errors, field) }

var categoryFormOrder = []string{"code", "label-az", "label-en", "label-ru", "active"}

func (s *Server) renderCategoryForm(w http.ResponseWriter, r *http.Request, status int, f categoryForm) {
	l := locale{Lang: langOf(r)}
	f.Label = textField(l, f.Values, f.Errors, "label", l.T("events.categories.label"), l.T("events.categories.label.hint"), false, true)
	// Every language is required here: beside the field, the message of
	// the first one missing.
	for _, in := range f.Label.Inputs {
		if msg := errorFor(f.Errors, in.ID); msg != "" && f.Label.Error == "" {
			f.Label.Error = msg
		}
	}
	title := l.T("events.categories.new")
	if f.Code != "" {
		title = l.T("events.categories.edit")
	}
	s.render(w, r, status, "event_category_edit", page{Title: title, Data: f,
		Crumbs: []crumb{{Label: l.T("events.title"), URL: "/events"}, {Label: l.T("events.categories.title"), URL: "/events/categories"}}})
}

// categoryOf reads the category the path names, answering 404 itself.
func (s *Server) categoryOf(w http.ResponseWriter, r *http.Request) (events.CategoryInfo, bool) {
	code := events.Category(r.PathValue("code"))
	cats, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return events.CategoryInfo{}, false
	}
	for _, c := range cats {
		if c.Code == code {
			return c, true
		}
	}
	s.notFound(w, r)
	return events.CategoryInfo{}, false
}

func categoryValues(c events.CategoryInfo) map[string]string {
	v := map[string]string{"code": string(c.Code), "version": strconv.Itoa(c.Version)}
	if c.Active {
		v["active"] = "yes"
	}
	putText(v, "label", c.Label)
	return v
}

// newCategoryPage is the form adding a category.
func (s *Server) newCategoryPage(w http.ResponseWriter, r *http.Request) {
	s.renderCategoryForm(w, r, http.StatusOK, categoryForm{formView: formView{Action: "/events/categories/new", Values: map[string]string{}}})
}

// editCategoryPage is the form renaming or (de)activating a category.
func (s *Server) editCategoryPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.categoryOf(w, r)
	if !ok {
		return
	}
	s.renderCategoryForm(w, r, http.StatusOK, categoryForm{Code: c.Code,
		formView: formView{Action: "/events/categories/" + string(c.Code) + "/edit", Values: categoryValues(c)}})
}

// createCategory adds a category.
func (s *Server) createCategory(w http.ResponseWriter, r *http.Request) {
	s.saveCategory(w, r, events.CategoryInfo{})
}

// updateCategory saves a category's form.
func (s *Server) updateCategory(w http.ResponseWriter, r *http.Request) {
	c, ok := s.categoryOf(w, r)
	if !ok {
		return
	}
	s.saveCategory(w, r, c)
}

func (s *Server) saveCategory(w http.ResponseWriter, r *http.Request, current events.CategoryInfo) {
	if !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	f := r.PostForm
	values := map[string]string{}
	keepText(f, values, "label")
	keep(f, values, "code", "active", "version")
	e := events.CategoryEdit{Code: events.Category(f.Get("code")), Label: formText(f, "label"), Active: f.Get("active") == "yes", Version: postedVersion(r)}
	form := categoryForm{Code: current.Code, formView: formView{Action: "/events/categories/new", Values: values}}
	var err error
	if current.Code == "" {
		err = s.events.CreateCategory(r.Context(), s.actorOf(r), e)
	} else {
		form.Action = "/events/categories/" + string(current.Code) + "/edit"
		err = s.events.UpdateCategory(r.Context(), s.actorOf(r), current.Code, e)
	}
	var fe plan.FieldErrors
	var conflict *plan.ConflictError[events.CategoryInfo]
	switch {
	case err == nil:
		http.Redirect(w, r, "/events/categories?done=saved", http.StatusSeeOther)
	case errors.As(err, &fe):
		form.Errors = editErrors(l, fe, categoryFormOrder, nil)
		s.renderCategoryForm(w, r, http.StatusUnprocessableEntity, form)
	case errors.As(err, &conflict):
		theirs := categoryValues(conflict.Current)
		labels := map[string]string{"active": l.T("events.categories.active")}
		textLabels(l, labels, map[string]string{"label": l.T("events.categories.label")})
		var order []string
		for _, lang := range i18n.Supported {
			order = append(order, textKey("label", lang))
		}
		order = append(order, "active")
		by, at := s.lastChange(r.Context(), events.EntityCategory, current.ID)
		form.Conflict = &conflictView{By: by, At: at, Changes: compareForms(order, labels, theirs, values)}
		form.Values["version"] = strconv.Itoa(conflict.Current.Version)
		s.renderCategoryForm(w, r, http.StatusConflict, form)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// moveCategory moves a category one place up or down.
func (s *Server) moveCategory(w http.ResponseWriter, r *http.Request) {
	c, ok := s.categoryOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	dir := r.PostForm.Get("direction")
	if dir != "up" && dir != "down" {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return
	}
	err := s.events.MoveCategory(r.Context(), s.actorOf(r), c.Code, dir == "up")
	switch {
	case err == nil:
		http.Redirect(w, r, "/events/categories?done=saved#category-"+string(c.Code), http.StatusSeeOther)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

// categoryDeleteView describes the confirmation of deleting c; a used
// category cannot be deleted, and the page says to deactivate it.
func categoryDeleteView(l locale, c events.CategoryInfo) workDeleteView {
	v := workDeleteView{Name: l.Plain(c.Label) + " (" + string(c.Code) + ")", Warning: l.T("events.categories.delete.warning"),
		Submit: l.T("events.categories.delete.submit"), Action: "/events/categories/" + string(c.Code) + "/delete",
		Cancel: "/events/categories", Version: c.Version}
	if c.Used > 0 {
		v.Problem = l.T("events.categories.in_use")
	}
	return v
}

// deleteCategoryPage asks to confirm deleting an unused category.
func (s *Server) deleteCategoryPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.categoryOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	status := http.StatusOK
	if c.Used > 0 {
		status = http.StatusConflict
	}
	s.renderWorkDelete(w, r, status, l.T("events.categories.delete.title"), categoryDeleteView(l, c))
}

// deleteCategory deletes an unused category; a used one is refused with
// the confirmation page saying why.
func (s *Server) deleteCategory(w http.ResponseWriter, r *http.Request) {
	c, ok := s.categoryOf(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.events.DeleteCategory(r.Context(), s.actorOf(r), c.Code)
	var fe plan.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, "/events/categories?done=category_deleted", http.StatusSeeOther)
	case errors.As(err, &fe):
		v := categoryDeleteView(l, c)
		v.Problem = l.T("events.categories.in_use")
		s.renderWorkDelete(w, r, http.StatusConflict, l.T("events.categories.delete.title"), v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}
