package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"ogpp/internal/account"
	"ogpp/internal/i18n"
)

// usersPage is the administrators' list of accounts.
type usersPage struct {
	Rows []userRow
	Sort string // the column and direction in force: "name", "-role", …
}

// Columns lists the sortable columns in the order the table shows them.
func (usersPage) Columns() []string { return userSortColumns }

// userRow is one account of the list.
type userRow struct {
	account.UserSummary
	Organisation string // a focal point's state body
	LastSignIn   string // formatted; "" when unknown
	StatusKey    string
	StatusClass  string
}

// userSortColumns are the columns the list can be sorted by; the first is
// the default.
var userSortColumns = []string{"name", "email", "role", "status", "signin"}

// SortLink returns the list sorted by col, reversed when it already is.
func (p usersPage) SortLink(col string) string {
	next := col
	if p.Sort == col {
		next = "-" + col
	}
	if next == "name" {
		return "/admin/users"
	}
	return "/admin/users?sort=" + next
}

// SortState says whether the list is sorted by col: "asc", "desc" or "".
func (p usersPage) SortState(col string) string {
	switch p.Sort {
	case col:
		return "asc"
	case "-" + col:
		return "desc"
	}
	return ""
}

// roleRank orders roles from the most to the least powerful.
func roleRank(r account.Role) int { return slices.Index(account.Roles, r) }

// statusRank orders active accounts first, then invited, then disabled.
func statusRank(u account.User) int {
	switch {
	case u.Disabled:
		return 2
	case u.Invited():
		return 1
	}
	return 0
}

// sortUsers orders rows by a column of userSortColumns, ties by name (in
// Azerbaijani alphabetical order) and then email.
func sortUsers(rows []userRow, sort string) {
	col, desc := strings.CutPrefix(sort, "-")
	keys := make(map[int64]string, len(rows))
	for _, r := range rows {
		keys[r.ID] = i18n.SortKey(r.Name)
	}
	byName := func(a, b userRow) int {
		return cmp.Or(strings.Compare(keys[a.ID], keys[b.ID]), strings.Compare(a.Email, b.Email))
	}
	slices.SortStableFunc(rows, func(a, b userRow) int {
		var c int
		switch col {
		case "email":
			c = strings.Compare(a.Email, b.Email)
		case "role":
			c = cmp.Compare(roleRank(a.Role), roleRank(b.Role))
		case "status":
			c = cmp.Compare(statusRank(a.User), statusRank(b.User))
		case "signin":
			// Most recent first reads best; never signed in goes last.
			c = -a.UserSummary.LastSignIn.Compare(b.UserSummary.LastSignIn)
		}
		if desc {
			c = -c
		}
		return cmp.Or(c, byName(a, b))
	})
}

// adminUsersPage lists every account with its role, state and last
// sign-in, sortable by each column; ordered by name by default.
func (s *Server) adminUsersPage(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	l := locale{Lang: langOf(r)}
	sort := r.URL.Query().Get("sort")
	if !slices.Contains(userSortColumns, strings.TrimPrefix(sort, "-")) {
		sort = userSortColumns[0]
	}
	list, err := s.accounts.Directory(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgNames := map[int64]string{}
	rows := make([]userRow, len(list))
	for i, u := range list {
		if _, ok := orgNames[u.OrganisationID]; !ok {
			orgNames[u.OrganisationID] = s.organisationName(r.Context(), l, u.OrganisationID)
		}
		rows[i] = userRow{UserSummary: u, Organisation: orgNames[u.OrganisationID], LastSignIn: l.Time(u.LastSignIn),
			StatusKey: userStatus(u.User), StatusClass: userStatusClass(u.User)}
	}
	sortUsers(rows, sort)
	s.render(w, r, http.StatusOK, "admin_users", page{Title: l.T("admin.users.title"),
		Data: usersPage{Rows: rows, Sort: sort}})
}
