package web

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"ogpp/internal/plan"
)

// apiList is the envelope of every list the API returns.
type apiList[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*") // open data: any site may read it
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, plan.ErrNotFound) {
		writeJSON(w, http.StatusNotFound, apiError{"not found: " + r.URL.Path})
		return
	}
	s.log.Error("api request failed", "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusInternalServerError, apiError{"internal error"})
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, apiError{"no such endpoint: " + r.Method + " " + r.URL.Path + " (see /api/v1/openapi.json)"})
}

// defaultLimit and maxLimit bound API pages; CSV twins allow bigger pages
// because a spreadsheet user wants the whole list at once.
const (
	defaultLimit = 50
	maxLimit     = 1000
	maxCSVLimit  = 100000
)

// paging reads limit and offset, or says what is wrong with them.
func paging(q url.Values, csv bool) (limit, offset int, problem string) {
	most, def := maxLimit, defaultLimit
	if csv {
		most, def = maxCSVLimit, maxCSVLimit
	}
	limit, offset = def, 0
	if p := queryProblem(q); p != "" {
		return 0, 0, p
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > most {
			return 0, 0, fmt.Sprintf("limit must be a whole number from 1 to %d, not %q", most, v)
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 100000000 {
			return 0, 0, fmt.Sprintf("offset must be a whole number from 0, not %q", v)
		}
		offset = n
	}
	return limit, offset, ""
}

// maxQuery is the longest search the pages and the API accept, in characters.
const maxQuery = 200

// queryProblem says what is wrong with a search parameter, or "".
func queryProblem(q url.Values) string {
	if n := len([]rune(q.Get("q"))); n > maxQuery {
		return fmt.Sprintf("q must be at most %d characters, not %d", maxQuery, n)
	}
	return ""
}

func badParam(w http.ResponseWriter, problem string) {
	writeJSON(w, http.StatusBadRequest, apiError{problem})
}

// apiParamReasons are the API's (English) reasons for the filter problems
// that pages report in the reader's language.
var apiParamReasons = map[string]string{
	"error.param.area":     "area must be an area id or \"none\"",
	"error.param.executor": "executor must be an organisation id",
	"error.param.year":     "year must be a four-digit year",
	"error.param.sort":     "sort must be one of clause, -clause, end, -end",
	"error.param.q":        "q must be at most 200 characters",
}

type apiPeriod struct {
	Text  string  `json:"text"`
	Start *string `json:"start"`
	End   *string `json:"end"`
}

func toAPIPeriod(p plan.Period) apiPeriod {
	out := apiPeriod{Text: p.Text}
	if p.Start != nil {
		s := p.Start.String()
		out.Start = &s
	}
	if p.End != nil {
		s := p.End.String()
		out.End = &s
	}
	return out
}

type apiMemberRef struct {
	Slug string    `json:"slug"`
	Name plan.Text `json:"name"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// csvWriter starts a CSV answer. The byte-order mark makes Excel read the
// file as UTF-8, so Azerbaijani and Cyrillic letters survive a double-click.
func csvWriter(w http.ResponseWriter, name string, header []string) *csv.Writer {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write(header)
	return cw
}

// textColumns spreads a translatable field over one column per language.
func textColumns(t plan.Text) []string {
	return []string{t["az"], t["en"], t["ru"]}
}

func textHeader(name string) []string {
	return []string{name + "_az", name + "_en", name + "_ru"}
}

func dateString(d *plan.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// storePage is the most rows a store's list returns at once; a longer
// list (a CSV of every measure) is read in pages of it.
const storePage = 1000

// readAll reads a whole list through read, one store page at a time.
func readAll[T any](read func(limit, offset int) (plan.Page[T], error)) ([]T, error) {
	page, err := readPages(math.MaxInt32, 0, read)
	return page.Items, err
}

// readPages reads limit items from offset through read, one store page at
// a time, so that a CSV asking for more than a store page gets them all.
func readPages[T any](limit, offset int, read func(limit, offset int) (plan.Page[T], error)) (plan.Page[T], error) {
	var out plan.Page[T]
	for {
		n := min(limit-len(out.Items), storePage)
		page, err := read(n, offset+len(out.Items))
		if err != nil {
			return out, err
		}
		out.Total = page.Total
		out.Items = append(out.Items, page.Items...)
		if len(page.Items) < n || len(out.Items) >= limit {
			return out, nil
		}
	}
}
