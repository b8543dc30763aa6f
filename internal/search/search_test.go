package search

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// marked renders fragments with matches in brackets.
func marked(fs []Fragment) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Match {
			b.WriteString("[" + f.Text + "]")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

func TestTerms(t *testing.T) {
	tests := []struct {
		q    string
		want []Term
	}{
		{"ŞƏFFAFLIQ", []Term{{Az: "şəffaflıq", Intl: "şəffafliq", Prefix: true}}},
		{`"İnformasiya" AND (x*)`, []Term{{Az: "informasiya", Intl: "informasiya"}, {Az: "and", Intl: "and"}, {Az: "x", Intl: "x", Prefix: true}}},
		{"4.1.3", []Term{{Az: "4", Intl: "4"}, {Az: "1", Intl: "1"}, {Az: "3", Intl: "3", Prefix: true}}},
		{`" * : ^ -`, nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := Terms(tt.q)
		if len(got) != len(tt.want) {
			t.Errorf("Terms(%q) = %+v, want %+v", tt.q, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Terms(%q)[%d] = %+v, want %+v", tt.q, i, got[i], tt.want[i])
			}
		}
	}
	if n := len(Terms(strings.Repeat("söz ", 40))); n != MaxTerms {
		t.Errorf("%d terms of 40 words, want %d", n, MaxTerms)
	}
}

func TestSnippetMarksEveryMatchTheAzerbaijaniWay(t *testing.T) {
	long := strings.Repeat("başqa söz ", 30)
	tests := []struct {
		name, lang, text, q, want string
		found                     bool
	}{
		{"capitals", "az", "Şəffaflıq və ŞƏFFAFLIQ: şəffaflıqda, şəffaflığın", "ŞƏFFAFLIQ", "[Şəffaflıq] və [ŞƏFFAFLIQ]: [şəffaflıqda], şəffaflığın", true},
		{"dotless stays apart", "az", "İctimai ıctımaı", "ICTIMAI", "İctimai [ıctımaı]", true},
		{"dotted", "az", "İnformasiya azadlığı", "informasiya", "[İnformasiya] azadlığı", true},
		{"english capitals", "en", "Access to Information", "INFORMATION", "Access to [Information]", true},
		{"prefix last word only", "az", "şəffaf şəffaflıq büdcə", "şəff büd", "şəffaf şəffaflıq [büdcə]", true},
		{"no match", "az", "heç nə", "xyz", "heç nə", false},
		{"cut around", "az", long + "AXTARILAN söz " + long, "axtarılan",
			"… başqa söz başqa söz başqa söz başqa söz [AXTARILAN] söz başqa söz başqa söz başqa söz başqa söz başqa söz başqa söz başqa söz başqa söz başqa söz başqa söz …", true},
		{"line breaks", "az", "bir\n\n  iki   üç", "iki", "bir [iki] üç", true},
	}
	for _, tt := range tests {
		got, found := Snippet(tt.lang, tt.text, Terms(tt.q))
		if marked(got) != tt.want || found != tt.found {
			t.Errorf("%s: Snippet = %q, %v; want %q, %v", tt.name, marked(got), found, tt.want, tt.found)
		}
	}
}

func TestNewHitShowsTheReadersLanguageAndFindsTheMatch(t *testing.T) {
	d := Document{Kind: KindEvent, ID: 1, Lang: "en", Title: "Round table", Body: "On budgets",
		Translations: []Translation{{Lang: "az", Title: "Dəyirmi masa", Body: "Büdcə şəffaflığı"}}}
	h := NewHit(d, 1, Terms("şəffaflığı"), "en")
	if h.Heading != "Round table" || h.Lang != "en" || marked(h.Snippet) != "Büdcə [şəffaflığı]" {
		t.Errorf("English reader: %q (%s) %q", h.Heading, h.Lang, marked(h.Snippet))
	}
	h = NewHit(d, 1, Terms("budgets"), "az")
	if h.Heading != "Dəyirmi masa" || h.Lang != "az" || marked(h.Snippet) != "On [budgets]" {
		t.Errorf("Azerbaijani reader: %q (%s) %q", h.Heading, h.Lang, marked(h.Snippet))
	}
}

// memoryStore is a Store that counts rebuilds.
type memoryStore struct {
	mu              sync.Mutex
	entries         []Entry
	rebuilds        int
	marked, builtAt int64
}

func (m *memoryStore) ReplaceSearchIndex(_ context.Context, entries []Entry, builtFrom int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries, m.rebuilds, m.builtAt = entries, m.rebuilds+1, builtFrom
	return nil
}

func (m *memoryStore) MarkSearchIndexChanged(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.marked++
	return nil
}

func (m *memoryStore) SearchIndexChanges(context.Context) (int64, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.marked, m.builtAt, nil
}

func (m *memoryStore) SearchIndex(_ context.Context, q StoreQuery) (Matches, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := Matches{ByKind: map[Kind]int{}}
	for _, e := range m.entries {
		if strings.Contains(e.BodyAz, q.Terms[0].Az) {
			res.Items = append(res.Items, Match{Document: e.Document})
			res.ByKind[e.Kind]++
			res.Total++
		}
	}
	return res, nil
}

func TestIndexRebuildsOnlyWhenInvalidated(t *testing.T) {
	st := &memoryStore{}
	body := "şəffaflıq"
	x := NewIndex(st, func(context.Context) ([]Document, error) {
		return []Document{{Kind: KindDocument, ID: 1, Lang: "az", Title: "Sənəd", Body: body}}, nil
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := x.Search(context.Background(), Query{Text: "ŞƏFFAFLIQ"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if st.rebuilds != 1 {
		t.Errorf("%d rebuilds by concurrent first searches, want 1", st.rebuilds)
	}
	res, _ := x.Search(context.Background(), Query{Text: "ŞƏFFAFLIQ"})
	if st.rebuilds != 1 || res.Total != 1 || marked(res.Hits[0].Snippet) != "[şəffaflıq]" {
		t.Errorf("second search: %d rebuilds, %+v", st.rebuilds, res)
	}
	body = "başqa"
	x.Invalidate()
	res, _ = x.Search(context.Background(), Query{Text: "ŞƏFFAFLIQ"})
	if st.rebuilds != 2 || res.Total != 0 {
		t.Errorf("after invalidation: %d rebuilds, %d hits", st.rebuilds, res.Total)
	}
	// Another process sharing the store marks a change.
	other := NewIndex(st)
	body = "şəffaflıq yenə"
	if err := other.Changed(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, _ = x.Search(context.Background(), Query{Text: "ŞƏFFAFLIQ"})
	if st.rebuilds != 3 || res.Total != 1 {
		t.Errorf("after another process's change: %d rebuilds, %d hits", st.rebuilds, res.Total)
	}
}

func TestFoldASCIIAgreesWithFold(t *testing.T) {
	for _, w := range []string{"INFORMATION", "Information", "information", "ICT2016", "abcXYZ", "I", "i", "42"} {
		for _, lang := range []string{"az", "en", "ru"} {
			fast, ok := foldASCII(lang, w)
			want := foldWord(lang, w+"ş")
			want = strings.TrimSuffix(want, "ş")
			if !ok || fast != want {
				t.Errorf("foldASCII(%s, %q) = %q, %v; the general folding gives %q", lang, w, fast, ok, want)
			}
		}
	}
}
