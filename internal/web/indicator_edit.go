package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// indicatorFieldOrder is the indicator form's field order, for the error
// summary.
var indicatorFieldOrder = []string{"name", "target", "reported", "reported_source", "computation"}

// indicatorForm is what the indicator form shows.
type indicatorForm struct {
	formView
	New          bool
	IndicatorID  int64
	Project      platform.Project
	Computations []computationOption
	Conflict     *conflictView
}

// computationOption is a computation the form offers.
type computationOption struct {
	Name, Label string
	// Computed says a source computes it now; the others are named ahead
	// of the capability that will.
	Computed bool
}

// Text describes a translatable field for the "textfield" partial.
func (f indicatorForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// indicatorFormValues turns a stored indicator into form values, its
// numbers written as plain digits.
func indicatorFormValues(ind platform.Indicator) map[string]string {
	v := map[string]string{"reported_source": ind.ReportedSource, "computation": ind.Computation, "version": strconv.Itoa(ind.Version)}
	if ind.Target != nil {
		v["target"] = strconv.FormatInt(*ind.Target, 10)
	}
	if ind.Reported != nil {
		v["reported"] = strconv.FormatInt(*ind.Reported, 10)
	}
	putText(v, "name", ind.Name)
	return v
}

// indicatorEdit reads a posted indicator form for a project.
func indicatorEdit(form url.Values, projectID int64) (platform.IndicatorEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "target", "reported", "reported_source", "computation", "version")
	keepText(form, v, "name")
	return platform.IndicatorEdit{ProjectID: projectID, Name: formText(form, "name"), Target: form.Get("target"), Reported: form.Get("reported"),
		ReportedSource: form.Get("reported_source"), Computation: form.Get("computation"), Version: postedFormVersion(form)}, v
}

// newIndicatorPage shows an empty indicator form for a project.
func (s *Server) newIndicatorPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return
	}
	s.renderIndicatorForm(w, r, http.StatusOK, indicatorForm{New: true, Project: p, formView: formView{Values: map[string]string{}}})
}

// createIndicator adds the posted indicator and goes back to the project.
func (s *Server) createIndicator(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := indicatorEdit(r.PostForm, p.ID)
	f := indicatorForm{New: true, Project: p, formView: formView{Values: v}}
	_, err := s.projects.CreateIndicator(r.Context(), s.actorOf(r), e)
	answerSave[platform.Indicator](s, w, r, err, "/projects/"+strconv.FormatInt(p.ID, 10)+"?done=created#indicators",
		func(fe plan.FieldErrors) { s.refuseIndicator(w, r, f, fe) }, nil)
}

// editIndicatorPage shows an indicator's form with its stored values.
func (s *Server) editIndicatorPage(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAndProject(w, r)
	if !ok {
		return
	}
	s.renderIndicatorForm(w, r, http.StatusOK, indicatorForm{IndicatorID: ind.ID, Project: p, formView: formView{Values: indicatorFormValues(ind)}})
}

// updateIndicator saves the posted form over the indicator unless someone
// saved it meanwhile.
func (s *Server) updateIndicator(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAndProject(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := indicatorEdit(r.PostForm, p.ID)
	f := indicatorForm{IndicatorID: ind.ID, Project: p, formView: formView{Values: v}}
	err := s.projects.UpdateIndicator(r.Context(), s.actorOf(r), ind.ID, e)
	answerSave(s, w, r, err, "/projects/"+strconv.FormatInt(p.ID, 10)+"?done=saved#indicators",
		func(fe plan.FieldErrors) { s.refuseIndicator(w, r, f, fe) },
		func(current platform.Indicator) {
			f.Conflict = s.indicatorConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderIndicatorForm(w, r, http.StatusConflict, f)
		})
}

// indicatorAndProject reads the indicator a path names and its project.
func (s *Server) indicatorAndProject(w http.ResponseWriter, r *http.Request) (platform.Indicator, platform.Project, bool) {
	ind, ok := s.indicatorFor(w, r)
	if !ok {
		return ind, platform.Project{}, false
	}
	p, err := s.projects.GetProject(r.Context(), ind.ProjectID)
	return ind, p, s.logframeFound(w, r, err)
}

// indicatorConflict compares the stored indicator with the form.
func (s *Server) indicatorConflict(ctx context.Context, l locale, current platform.Indicator, yours map[string]string) *conflictView {
	labels := map[string]string{"target": l.T("logframe.indicator.target"), "reported": l.T("logframe.indicator.reported"),
		"reported_source": l.T("logframe.indicator.reported_source"), "computation": l.T("logframe.indicator.computation")}
	textLabels(l, labels, map[string]string{"name": l.T("logframe.indicator.name")})
	order := append(textOrder("name"), "target", "reported", "reported_source", "computation")
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		out["computation"] = indicatorComputationLabel(l, v["computation"])
		return out
	}
	c := &conflictView{Changes: compareForms(order, labels, readable(indicatorFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityIndicator, current.ID)
	return c
}

func (s *Server) refuseIndicator(w http.ResponseWriter, r *http.Request, f indicatorForm, fe plan.FieldErrors) {
	f.Errors = logframeRefuse(locale{Lang: langOf(r)}, fe, indicatorFieldOrder, "name")
	s.renderIndicatorForm(w, r, http.StatusUnprocessableEntity, f)
}

// computationOptions lists what the form offers: the computations sources
// compute now, those named ahead of their capability, and the one the
// indicator has, whatever it is, so that saving never drops it unseen.
func (s *Server) computationOptions(l locale, current string) []computationOption {
	names := slices.Clone(platform.KnownComputations)
	for _, n := range s.indicators.Names() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if current != "" && !slices.Contains(names, current) {
		names = append(names, current)
	}
	var out []computationOption
	for _, n := range names {
		out = append(out, computationOption{Name: n, Label: indicatorComputationLabel(l, n), Computed: s.indicators.Computes(n)})
	}
	slices.SortStableFunc(out, func(a, b computationOption) int {
		return strings.Compare(i18n.SortKey(a.Label), i18n.SortKey(b.Label))
	})
	return out
}

func (s *Server) renderIndicatorForm(w http.ResponseWriter, r *http.Request, status int, f indicatorForm) {
	l := locale{Lang: langOf(r)}
	f.Computations = s.computationOptions(l, f.formView.Values["computation"])
	pid := strconv.FormatInt(f.Project.ID, 10)
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"}, {l.Plain(f.Project.Title), "/projects/" + pid}}
	title := l.T("logframe.indicator.new")
	f.Action = "/projects/" + pid + "/indicators/new"
	if !f.New {
		title = l.T("logframe.indicator.edit")
		f.Action = "/indicators/" + strconv.FormatInt(f.IndicatorID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "indicator_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteIndicatorPage asks whether to delete an indicator.
func (s *Server) deleteIndicatorPage(w http.ResponseWriter, r *http.Request) {
	ind, ok := s.indicatorFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, indicatorDeleteView(ind, locale{Lang: langOf(r)}))
}

// deleteIndicator soft-deletes an indicator and goes back to its project.
func (s *Server) deleteIndicator(w http.ResponseWriter, r *http.Request) {
	ind, ok := s.indicatorFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.projects.DeleteIndicator(r.Context(), s.actorOf(r), ind.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/projects/"+strconv.FormatInt(ind.ProjectID, 10)+"?done=deleted#indicators",
		func(x platform.Indicator) deleteView { return indicatorDeleteView(x, l) }, ind, "")
}

func indicatorDeleteView(ind platform.Indicator, l locale) deleteView {
	return deleteView{Action: "/indicators/" + strconv.FormatInt(ind.ID, 10) + "/delete", Kind: "indicator", Name: l.Plain(ind.Name),
		Version: ind.Version, Cancel: "/projects/" + strconv.FormatInt(ind.ProjectID, 10) + "#indicators"}
}
