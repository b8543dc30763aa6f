package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// userFormFields is the order of the invite and edit forms' fields, which
// the error summary follows.
var userFormFields = []string{"email", "name", "role", "organisation"}

// userForm is what the invite and role forms show: the typed values and
// their problems (formView), the roles to choose from and the state bodies
// a focal point may belong to.
type userForm struct {
	formView
	Roles  []roleChoice
	Bodies []bodyGroup
	// Target is the account being edited; nil on the invite form.
	Target *account.User
	// Self is true when the admin edits their own account.
	Self bool
}

// StatusKey is the message key of the edited account's state.
func (f userForm) StatusKey() string { return userStatus(*f.Target) }

// StatusClass is the colour class of the edited account's state tag.
func (f userForm) StatusClass() string { return userStatusClass(*f.Target) }

// roleChoice is one radio button of the role question.
type roleChoice struct {
	Value   string
	ID      string // the first is "role", so the error summary can link to it
	Checked bool
}

// Label is the message key of the role's name.
func (c roleChoice) Label() string { return "role." + c.Value }

// Hint is the message key of what the role may do.
func (c roleChoice) Hint() string { return "admin.users.role.hint." + c.Value }

// bodyGroup is the state bodies of one OGP member, an <optgroup>.
type bodyGroup struct {
	Label  string
	Bodies []bodyChoice
}

// bodyChoice is one state body of the organisation list.
type bodyChoice struct {
	ID       int64
	Name     string
	Selected bool
}

// roleChoices offers every role, checking the chosen one.
func roleChoices(chosen string) []roleChoice {
	out := make([]roleChoice, len(account.Roles))
	for i, r := range account.Roles {
		out[i] = roleChoice{Value: string(r), ID: "role-" + string(r), Checked: string(r) == chosen}
		if i == 0 {
			out[i].ID = "role"
		}
	}
	return out
}

// stateBodies lists the registry's state bodies grouped by the OGP member
// they belong to, groups and bodies in Azerbaijani alphabetical order, with
// the chosen one selected. A platform has hundreds, which a select with
// groups handles without script.
func (s *Server) stateBodies(ctx context.Context, l locale, chosen int64) ([]bodyGroup, error) {
	if s.reg == nil {
		return nil, nil
	}
	groups := map[string]*bodyGroup{}
	orgs, err := readAll(func(limit, offset int) (plan.Page[plan.Organisation], error) {
		return s.reg.ListOrganisations(ctx, plan.OrganisationFilter{Limit: limit, Offset: offset})
	})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if o.Kind != plan.OrgStateBody {
			continue
		}
		label := l.Plain(o.Member.Name)
		if label == "" {
			label = l.T("admin.users.organisation.no_member")
		}
		g := groups[label]
		if g == nil {
			g = &bodyGroup{Label: label}
			groups[label] = g
		}
		g.Bodies = append(g.Bodies, bodyChoice{ID: o.ID, Name: l.Plain(o.Name), Selected: o.ID == chosen})
	}
	out := make([]bodyGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b bodyGroup) int { return strings.Compare(i18n.SortKey(a.Label), i18n.SortKey(b.Label)) })
	return out, nil
}

// newUserForm builds a form with the given values and the choices they
// select.
func (s *Server) newUserForm(r *http.Request, values map[string]string) (userForm, error) {
	l := locale{Lang: langOf(r)}
	org, _ := strconv.ParseInt(values["organisation"], 10, 64)
	bodies, err := s.stateBodies(r.Context(), l, org)
	if err != nil {
		return userForm{}, err
	}
	return userForm{formView: formView{Values: values}, Roles: roleChoices(values["role"]), Bodies: bodies}, nil
}

// readRole reads the role and organisation questions: the organisation
// counts only for a focal point, since the list stays on the form whatever
// the role (no script hides it). A value that is not a number is reported
// as an unknown organisation.
func readRole(r *http.Request) (account.Role, int64, string) {
	role := account.Role(r.PostForm.Get("role"))
	if role != account.RoleFocalPoint {
		return role, 0, ""
	}
	raw := strings.TrimSpace(r.PostForm.Get("organisation"))
	if raw == "" {
		return role, 0, ""
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return role, 0, "account.organisation.unknown"
	}
	return role, id, ""
}

// addAccountErrors puts an account service's field errors on the form in
// field order, translated.
func addAccountErrors(l locale, v *formView, fe account.FieldErrors, fields []string) {
	for _, f := range fields {
		if k, ok := fe[f]; ok {
			v.add(f, l.T(k))
		}
	}
}

// adminContext is the request's context carrying the signed-in admin as
// the actor of the account changes it makes, for the audit log.
func (s *Server) adminContext(r *http.Request) context.Context {
	return audit.WithActor(r.Context(), s.actorOf(r))
}

// targetUser reads the {id} of an admin page and the account it names,
// answering 404 itself when there is none. It reports whether the handler
// may go on.
func (s *Server) targetUser(w http.ResponseWriter, r *http.Request) (account.User, bool) {
	if s.accounts == nil {
		s.notFound(w, r)
		return account.User{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return account.User{}, false
	}
	u, err := s.accounts.User(r.Context(), id)
	if errors.Is(err, account.ErrNotFound) {
		s.notFound(w, r)
		return account.User{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return account.User{}, false
	}
	return u, true
}

// readUserForm parses an account form's small body, answering 400 itself
// when it cannot. It reports whether the handler may go on.
func (s *Server) readUserForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return false
	}
	return true
}

// userStatus is the message key of an account's state, shown as a tag.
func userStatus(u account.User) string {
	switch {
	case u.Disabled:
		return "admin.users.status.disabled"
	case u.Invited():
		return "admin.users.status.invited"
	}
	return "admin.users.status.active"
}

// userStatusClass is the tag's colour class for the state; the text says
// the same, colour only helps.
func userStatusClass(u account.User) string {
	switch {
	case u.Disabled:
		return "tag-grey"
	case u.Invited():
		return "tag-yellow"
	}
	return "tag-green"
}

// utcDateTime formats a time for the admin pages: the day the locale's way
// and the UTC time, since readers may be in any time zone.
func utcDateTime(l locale, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return i18n.Date(l.Lang, t.Year(), t.Month(), t.Day()) + ", " + t.Format("15:04") + " UTC"
}

// organisationName returns the name of an organisation, or "" when it
// cannot be read.
func (s *Server) organisationName(ctx context.Context, l locale, id int64) string {
	if id == 0 || s.reg == nil {
		return ""
	}
	o, err := s.reg.GetOrganisation(ctx, id)
	if err != nil {
		return ""
	}
	return l.Plain(o.Name)
}
