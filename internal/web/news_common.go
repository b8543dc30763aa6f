package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// needNews answers 404 when the server keeps no news.
func (s *Server) needNews(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.news == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// newsAudience tells the policy whether the item the path names is
// published: the public reads only those.
func (s *Server) newsAudience(r *http.Request) (access.Resource, error) {
	if s.news == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	it, err := s.news.GetNews(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !it.Published}, nil
}

// managesNews reports whether the request's sender may write news, so
// that lists show them the drafts too.
func (s *Server) managesNews(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.ManageNews, access.Resource{})
}

// newsFor reads the live item the path names, answering 404 when there
// is none.
func (s *Server) newsFor(w http.ResponseWriter, r *http.Request) (news.Item, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return news.Item{}, false
	}
	it, err := s.news.GetNews(r.Context(), id)
	return it, s.answerLoad(w, r, err)
}

// newsURL is an item's page.
func newsURL(id int64) string { return "/news/" + strconv.FormatInt(id, 10) }
