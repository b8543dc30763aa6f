package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
)

// sessionCookie carries the token of a signed-in browser's session.
const sessionCookie = "ogpp_session"

const subjectKey ctxKey = 100

// who is the sender of a request, found once per request by withSubject.
type who struct {
	Subject access.Subject
	// Token is the session cookie's token when it names a live session.
	Token string
}

// withSubject finds who sends each request, once, and keeps it in the
// request's context for the guard, the handlers and the templates: from
// Options.Subject when set (tests), else from the session cookie when the
// server has accounts, else the anonymous public. A cookie naming no live
// session is cleared.
func (s *Server) withSubject(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sender who
		switch {
		case s.subject != nil:
			sender.Subject = s.subject(r)
		case s.accounts != nil:
			sender = s.authenticate(w, r)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), subjectKey, sender)))
	})
}

// authenticate reads the session cookie and asks the account service whose
// session it names.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) who {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return who{}
	}
	_, u, err := s.accounts.Authenticate(r.Context(), c.Value)
	switch {
	case err == nil:
		return who{Subject: access.Subject{User: &u}, Token: c.Value}
	case errors.Is(err, account.ErrNoSession), errors.Is(err, account.ErrSessionExpired):
		clearSessionCookie(w, r)
	default:
		// The database failed: serve the request as the public, and keep
		// the cookie for when it is back.
		s.log.Error("authenticate", "err", err)
	}
	return who{}
}

// senderOf returns who sends r as withSubject found it; a request that did
// not pass through it (a handler tested alone) is asked of Options.Subject.
func (s *Server) senderOf(r *http.Request) who {
	if v, ok := r.Context().Value(subjectKey).(who); ok {
		return v
	}
	if s.subject != nil {
		return who{Subject: s.subject(r)}
	}
	return who{}
}

// subjectOf returns who sends r, for the access policy.
func (s *Server) subjectOf(r *http.Request) access.Subject { return s.senderOf(r).Subject }

// setSessionCookie gives the browser its session token: never readable by
// script, not sent along cross-site subrequests, Secure over TLS or behind
// an https base URL. It lasts the browser's session only; the server ends
// the session on its timeouts.
func setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: secureCookies(r)})
}

// clearSessionCookie tells the browser to forget its session cookie.
func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secureCookies(r)})
}

// actorOf names who sends r for the audit log: the signed-in user by id and
// email. Routes that write are guarded, so the anonymous never get here;
// should one, the entry says so rather than naming no one.
func (s *Server) actorOf(r *http.Request) audit.Actor {
	sub := s.subjectOf(r)
	if sub.Anonymous() {
		return audit.System("anonymous")
	}
	name := sub.User.Email
	if name == "" {
		// Every account has an email; a subject made up without one is
		// still named, so that its writes are not refused for want of it.
		name = "user:" + strconv.FormatInt(sub.User.ID, 10)
	}
	return audit.Actor{UserID: sub.User.ID, Name: name}
}
