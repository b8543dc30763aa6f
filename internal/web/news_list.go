package web

import (
	"net/http"

	"ogpp/internal/news"
)

// newsPerPage is how many items a page of the news list shows.
const newsPerPage = 20

// newsListView is the news list.
type newsListView struct {
	Items []news.Item
	Pager pager
	// Drafts marks a list that includes the unpublished items, for who
	// may write news.
	Drafts bool
}

// newsPage lists the published news, newest first; who may write news
// sees the drafts too.
func (s *Server) newsPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	pageNo := pageNumber(r)
	drafts := s.managesNews(r)
	res, err := s.news.ListNews(r.Context(), news.Filter{PublishedOnly: !drafts, Limit: newsPerPage, Offset: (pageNo - 1) * newsPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := newsListView{Items: res.Items, Drafts: drafts, Pager: newsPager(pageNo, res.Total)}
	s.render(w, r, http.StatusOK, "news", page{Title: l.T("news.title"), Data: v})
}

func newsPager(pageNo, total int) pager { return newPager("/news", pageNo, newsPerPage, total) }
