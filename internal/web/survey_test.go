package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
	"ogpp/internal/survey"
	"ogpp/internal/survey/surveytest"
)

// surveyIDs are the surveys surveySample made: an open one (results not
// published) and a closed one with published results.
type surveyIDs struct {
	Open, Closed string
}

var (
	surveySamplesMu sync.Mutex
	surveySamples   = map[*store.DB]surveyIDs{}
)

// surveySample gives s the survey store and records, once per database,
// the fixture's open survey and a closed one with published results.
func surveySample(t *testing.T, s *Server, db *store.DB) surveyIDs {
	t.Helper()
	surveySamplesMu.Lock()
	defer surveySamplesMu.Unlock()
	s.surveys = db
	if ids, ok := surveySamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
	open, err := db.CreateSurvey(ctx, actor, surveytest.Entrepreneurs())
	if err != nil {
		t.Fatal(err)
	}
	e := surveytest.Entrepreneurs()
	e.Status, e.ResultsPublic = survey.Closed, true
	closed, err := db.CreateSurvey(ctx, actor, e)
	if err != nil {
		t.Fatal(err)
	}
	ids := surveyIDs{Open: itoa(open), Closed: itoa(closed)}
	surveySamples[db] = ids
	return ids
}

// TestInterviewerEntersSurvey types in the fixture's 50 paper
// questionnaires through the interviewer's form as a monitor, and reads
// the results page, the cross-tab and the XLSX export back.
func TestInterviewerEntersSurvey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newAccountServer(t, db)
		monitor := access.Subject{User: &account.User{ID: 1, Role: account.RoleMonitor, Email: "monitor@example.org"}}
		current := monitor
		s.subject = func(*http.Request) access.Subject { return current }
		ids := surveySample(t, s, db)
		enter := "/surveys/" + ids.Open + "/enter"

		// A questionnaire without its required region comes back with a
		// message by the question and what was typed.
		rec := send(s, http.MethodPost, enter, url.Values{"q.sector": {"services"}, "q.note": {"Şəki"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `href="#q.region"`) ||
			!strings.Contains(rec.Body.String(), `value="services" checked`) || !strings.Contains(rec.Body.String(), ">Şəki</textarea>") {
			t.Fatalf("incomplete questionnaire: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		for _, a := range surveytest.FiftyResponses() {
			form := url.Values{}
			for k, v := range a {
				form["q."+k] = v
			}
			if rec := send(s, http.MethodPost, enter, form, nil); rec.Code != http.StatusSeeOther {
				t.Fatalf("enter: %d\n%.2000s", rec.Code, rec.Body.String())
			}
		}
		status, body, _ := get(t, s, "/surveys/"+ids.Open+"/results?row=region&col=sector", "Accept-Language", "az")
		if status != http.StatusOK {
			t.Fatalf("results: %d", status)
		}
		// 18 from Ganja of the 15 sought: 120%; 36% of the responses.
		for _, want := range []string{"<td class=\"num\">15</td><td class=\"num\">18</td><td class=\"num\">120%</td>", "Gəncə — 18 (36%)",
			"<td class=\"num\">10</td><td class=\"num\">8</td><td class=\"num\">18</td>", "<svg class=\"bar-chart\""} {
			if !strings.Contains(body, want) {
				t.Errorf("results lack %q", want)
			}
		}
		rec = send(s, http.MethodGet, "/surveys/"+ids.Open+"/responses.xlsx", nil, nil, "Accept-Language", "az")
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		rows, err := f.GetRows("Cavablar")
		if err != nil || len(rows) != 51 || rows[0][3] != "Daxil edən" || rows[1][3] != "monitor@example.org" || rows[50][5] != "Şəki" {
			t.Fatalf("xlsx rows: %v %v", err, rows[:2])
		}
		f.Close()

		// The public link refuses a closed survey's form, keeping the answers.
		current = access.Subject{}
		rec = send(s, http.MethodPost, "/s/"+ids.Closed, url.Values{"q.region": {"baku"}}, nil)
		if rec.Code != http.StatusConflict {
			t.Errorf("closed survey: %d", rec.Code)
		}
		// A robot filling the honeypot is thanked, and nothing is kept.
		rec = send(s, http.MethodPost, "/s/"+ids.Open, url.Values{"q.region": {"baku"}, "website": {"http://spam"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Errorf("honeypot: %d", rec.Code)
		}
		if sv, _ := db.GetSurvey(context.Background(), surveyIDOf(t, ids.Open)); sv.Responses != 50 {
			t.Errorf("%d responses after the honeypot", sv.Responses)
		}
		// The public reads published results only.
		if status, _, _ := get(t, s, "/surveys/"+ids.Open+"/results"); status == http.StatusOK {
			t.Error("unpublished results shown to the public")
		}
		if status, _, _ := get(t, s, "/surveys/"+ids.Closed+"/results"); status != http.StatusOK {
			t.Errorf("published results: %d", status)
		}
	})
}

func surveyIDOf(t *testing.T, s string) int64 {
	t.Helper()
	id, ok := positiveID(s)
	if !ok {
		t.Fatalf("id %q", s)
	}
	return id
}
