package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
)

func TestGuardRefusesWhatThePolicyRefuses(t *testing.T) {
	var current access.Subject
	s, err := New(Options{Subject: func(*http.Request) access.Subject { return current }})
	if err != nil {
		t.Fatal(err)
	}
	reached := false
	h := s.guard(access.EditRegistry, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached = true
		w.WriteHeader(http.StatusNoContent)
	}))
	coordinator := access.Subject{User: &account.User{ID: 2, Role: account.RoleCoordinator}}
	monitor := access.Subject{User: &account.User{ID: 3, Role: account.RoleMonitor}}
	tests := []struct {
		name     string
		subject  access.Subject
		method   string
		status   int
		location string
		reached  bool
	}{
		{"anonymous page is sent to sign in", access.Subject{}, http.MethodGet, http.StatusSeeOther, "/login?next=%2Fplans%2F1%2Fedit%3Fx%3D1", false},
		{"anonymous post is refused", access.Subject{}, http.MethodPost, http.StatusForbidden, "", false},
		{"monitor is refused", monitor, http.MethodPost, http.StatusForbidden, "", false},
		{"coordinator passes", coordinator, http.MethodPost, http.StatusNoContent, "", true},
	}
	for _, tt := range tests {
		current, reached = tt.subject, false
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/plans/1/edit?x=1", nil))
		if rec.Code != tt.status || rec.Header().Get("Location") != tt.location || reached != tt.reached {
			t.Errorf("%s: status %d, location %q, reached %v; want %d, %q, %v",
				tt.name, rec.Code, rec.Header().Get("Location"), reached, tt.status, tt.location, tt.reached)
		}
	}
}
