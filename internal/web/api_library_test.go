package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestLibraryJSON reads the library through the API: the published
// document with its file's SHA-256, never the unpublished one, and bad
// parameters answered 400 in JSON.
func TestLibraryJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServerWith(t, db, nil)
		ids := librarySample(t, s, db)

		status, body, h := get(t, s, "/api/v1/library")
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Fatalf("library list: %d %q", status, h.Get("Content-Type"))
		}
		var list struct {
			Items []apiLibraryEntry `json:"items"`
			Total int               `json:"total"`
		}
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatal(err)
		}
		if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Title != "Annual report 2017" || list.Items[0].URL != "/api/v1/library/"+ids.Published {
			t.Fatalf("library list: %s", body)
		}
		if strings.Contains(body, "Unpublished notes") {
			t.Errorf("the list shows an unpublished document")
		}

		status, body, _ = get(t, s, "/api/v1/library/"+ids.Published)
		var doc apiDocument
		if err := json.Unmarshal([]byte(body), &doc); status != http.StatusOK || err != nil {
			t.Fatalf("document: %d %v", status, err)
		}
		sum := sha256.Sum256([]byte("Notes of Annual report 2017"))
		if len(doc.Files) != 1 || doc.Files[0].SHA256 != hex.EncodeToString(sum[:]) || doc.Files[0].URL != "/library/"+ids.Published+"/files/"+ids.PublishedFile {
			t.Errorf("document's files: %+v", doc.Files)
		}

		for target, want := range map[string]int{
			"/api/v1/library/" + ids.Draft:    http.StatusNotFound,
			"/api/v1/library/abc":             http.StatusNotFound,
			"/api/v1/library?kind=poem":       http.StatusBadRequest,
			"/api/v1/library?language=fr":     http.StatusBadRequest,
			"/api/v1/library?year=20x7":       http.StatusBadRequest,
			"/api/v1/library?activity=-1":     http.StatusBadRequest,
			"/api/v1/library?kind=report":     http.StatusOK,
			"/api/v1/library?year=2017&lang=": http.StatusOK,
		} {
			status, body, h := get(t, s, target)
			if status != want || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Errorf("%s: %d %q, want %d\n%s", target, status, h.Get("Content-Type"), want, body)
			}
		}
	})
}
