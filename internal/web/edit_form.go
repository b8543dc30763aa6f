package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// maxEditFormBytes bounds what a registry form may send: a measure's
// description in three languages fits many times over.
const maxEditFormBytes = 1 << 20

// readEditForm parses a registry form's body, refusing one too large or
// malformed with a 400 page. It reports whether the handler may go on.
func (s *Server) readEditForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxEditFormBytes)
	if err := r.ParseForm(); err != nil {
		l := locale{Lang: langOf(r)}
		s.badRequest(w, r, l.T("form.invalid"))
		return false
	}
	return true
}

// textKey is the form key of one language of a translatable field:
// "title.az".
func textKey(field, lang string) string { return field + "." + lang }

// putText writes a translatable field's languages into form values.
func putText(v map[string]string, field string, t plan.Text) {
	for _, lang := range i18n.Supported {
		if s, ok := t[lang]; ok {
			v[textKey(field, lang)] = s
		}
	}
}

// formText reads a translatable field from a posted form; Validate drops
// the empty languages.
func formText(form url.Values, field string) plan.Text {
	t := plan.Text{}
	for _, lang := range i18n.Supported {
		if s := form.Get(textKey(field, lang)); s != "" {
			t[lang] = s
		}
	}
	return t
}

// keep copies the posted values of the named fields, so that a refused
// form shows exactly what the user typed.
func keep(form url.Values, v map[string]string, fields ...string) {
	for _, f := range fields {
		if x := form.Get(f); x != "" {
			v[f] = x
		}
	}
}

// keepText copies the posted languages of translatable fields.
func keepText(form url.Values, v map[string]string, fields ...string) {
	for _, f := range fields {
		for _, lang := range i18n.Supported {
			keep(form, v, textKey(f, lang))
		}
	}
}

// formInt reads a posted integer; what is not one reads as bad, so that
// the caller can say so beside the field.
func formInt(form url.Values, key string) (int64, bool) {
	s := strings.TrimSpace(form.Get(key))
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}

// fieldMessage translates a validation key such as "edit.title.required".
// Keys without a message of their own fall back to a general one by their
// last part, so that a new rule never shows a raw key.
func fieldMessage(l locale, key string) string {
	if i18n.Has(l.Lang, key) {
		return l.T(key)
	}
	switch {
	case strings.HasSuffix(key, ".too_long"):
		return l.T("edit.field.too_long")
	case strings.HasSuffix(key, ".invalid"), strings.HasSuffix(key, ".unknown"):
		return l.T("edit.field.invalid")
	case strings.HasSuffix(key, ".required"):
		return l.T("edit.field.required")
	}
	return l.T("edit.field.problem")
}

// editErrors turns a store's field errors into the form's error list, in
// the form's field order; anchor names the input each field's message links
// to (a translatable field's first language).
func editErrors(l locale, fe plan.FieldErrors, order []string, anchor map[string]string) []fieldError {
	var out []fieldError
	seen := map[string]bool{}
	add := func(field string) {
		key, ok := fe[field]
		if !ok || seen[field] {
			return
		}
		seen[field] = true
		id := field
		if a, ok := anchor[field]; ok {
			id = a
		}
		out = append(out, fieldError{Field: id, Message: fieldMessage(l, key)})
	}
	for _, f := range order {
		add(f)
	}
	rest := make([]string, 0, len(fe))
	for f := range fe {
		rest = append(rest, f)
	}
	slices.Sort(rest)
	for _, f := range rest {
		add(f)
	}
	return out
}

// errorFor returns the message of the first error anchored at id.
func errorFor(errs []fieldError, id string) string {
	for _, e := range errs {
		if e.Field == id {
			return e.Message
		}
	}
	return ""
}

// conflictView tells a user whose save was refused because someone else
// saved first: who did, when, and where the stored version now differs
// from what the user typed. The form keeps the user's input and the
// stored version's number, so saving again is a deliberate choice.
type conflictView struct {
	By      string
	At      time.Time
	Changes []conflictChange
}

// conflictChange is one field whose stored value differs from the user's.
type conflictChange struct {
	Label         string
	Theirs, Yours string
}

// lastChange finds who last wrote an entity and when, from the audit log;
// zero values when the log cannot say.
func (s *Server) lastChange(ctx context.Context, entityType string, id int64) (string, time.Time) {
	if s.audit == nil {
		return "", time.Time{}
	}
	entries, _, err := s.audit.ListAudit(ctx, audit.Filter{EntityType: entityType, EntityID: strconv.FormatInt(id, 10), Limit: 1})
	if err != nil || len(entries) == 0 {
		return "", time.Time{}
	}
	return entries[0].Actor.Name, entries[0].At
}

// compareForms lists the fields, in order, whose stored value (theirs)
// differs from the user's (yours), with their labels.
func compareForms(order []string, labels map[string]string, theirs, yours map[string]string) []conflictChange {
	var out []conflictChange
	for _, k := range order {
		a, b := strings.TrimSpace(theirs[k]), strings.TrimSpace(yours[k])
		if a != b {
			out = append(out, conflictChange{Label: labels[k], Theirs: a, Yours: b})
		}
	}
	return out
}

// textLabels labels each language of translatable fields: "Title
// (English)".
func textLabels(l locale, labels map[string]string, fields map[string]string) {
	for field, label := range fields {
		for _, lang := range i18n.Supported {
			labels[textKey(field, lang)] = label + " (" + l.T("lang."+lang) + ")"
		}
	}
}

// textOrder lists the language keys of translatable fields in form order.
func textOrder(fields ...string) []string {
	var out []string
	for _, f := range fields {
		for _, lang := range i18n.Supported {
			out = append(out, textKey(f, lang))
		}
	}
	return out
}

// isConflict reports whether err refuses a stale save.
func isConflict(err error) bool { return errors.Is(err, plan.ErrConflict) }

// langInput is one language's input of a translatable field, for the
// "textfield" partial.
type langInput struct {
	ID, Name, Lang, Label, Value string
}

// textFieldView is a translatable field: a fieldset with an input (or a
// text area) per language.
type textFieldView struct {
	L        locale
	Field    string
	Legend   string
	Hint     string
	Error    string
	Area     bool
	Required bool
	Inputs   []langInput
}

// textField builds the view of a translatable field from form values and
// errors. The inputs' ids are "title-az", …; errors anchor on the first.
func textField(l locale, v map[string]string, errs []fieldError, field, legend, hint string, area, required bool) textFieldView {
	tf := textFieldView{L: l, Field: field, Legend: legend, Hint: hint, Area: area, Required: required,
		Error: errorFor(errs, field+"-"+i18n.Supported[0])}
	for _, lang := range i18n.Supported {
		tf.Inputs = append(tf.Inputs, langInput{ID: field + "-" + lang, Name: textKey(field, lang), Lang: lang,
			Label: l.T("lang." + lang), Value: v[textKey(field, lang)]})
	}
	return tf
}

// textAnchors anchors each translatable field's errors on its first
// language's input.
func textAnchors(anchor map[string]string, fields ...string) {
	for _, f := range fields {
		anchor[f] = f + "-" + i18n.Supported[0]
	}
}

// valuesForm turns form values back into a url.Values, to read them with
// the same helpers as a posted form.
func valuesForm(v map[string]string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out.Set(k, x)
	}
	return out
}

// answerSave finishes a create or an update of the registry: a stale save
// goes to conflict (nil where none can be stale, as for a create), refused
// input back to its form, an unknown row to 404, and a success on to done.
func answerSave[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, done string,
	refuse func(plan.FieldErrors), conflict func(current T)) {
	var fe plan.FieldErrors
	var stale *plan.ConflictError[T]
	switch {
	case conflict != nil && errors.As(err, &stale):
		conflict(stale.Current)
	case errors.As(err, &fe):
		refuse(fe)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, done, http.StatusSeeOther)
	}
}

// answerDelete finishes a delete: a row saved since the confirmation was
// shown is shown again as it now is, to confirm anew; one still in use
// (inUse says why; "" where nothing can hold it) is explained; a success
// goes on to done. view builds the confirmation of a row.
func answerDelete[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, done string,
	view func(T) deleteView, stored T, inUse string) {
	var stale *plan.ConflictError[T]
	switch {
	case errors.As(err, &stale):
		v := view(stale.Current)
		v.Conflict = true
		s.renderDelete(w, r, http.StatusConflict, v)
	case inUse != "" && errors.Is(err, plan.ErrInUse):
		v := view(stored)
		v.Problem = inUse
		s.renderDelete(w, r, http.StatusConflict, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, done, http.StatusSeeOther)
	}
}

// postedVersion is the version a posted form was filled in from; what is
// not a number reads as 0, which no row has, so the write is refused as
// stale rather than applied.
func postedVersion(r *http.Request) int {
	v, _ := formInt(r.PostForm, "version")
	return int(v)
}
