package i18n

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"ŞƏFFAFLIQ", "şəffaflıq"},
		{"şəffaflıq", "şəffaflıq"},
		{"Şəffaflıq", "şəffaflıq"},
		{"İCTİMAİ", "ictimai"},
		{"ISTANBUL", "ıstanbul"},
		{"İstanbul", "istanbul"},
		{"ÇÖRƏK ĞÜL", "çörək ğül"},
		{"ПРОЗРАЧНОСТЬ", "прозрачность"},
		{"Açıq Hökumət Tərəfdaşlığı", "açıq hökumət tərəfdaşlığı"},
		// I followed by a combining dot above is İ written in two parts.
		{"I\u0307CTI\u0307MAI\u0307", "ictimai"},
		// Decomposed letters come out composed.
		{"e\u0301", "\u00e9"},
		{"s\u0327əffaf", "şəffaf"},
		{"C\u0327", "ç"},
		// White space.
		{"  açıq   hökumət\t\n planı  ", "açıq hökumət planı"},
		{"açıq\u00a0hökumət", "açıq hökumət"},
		{"", ""},
		{"   ", ""},
		// Letters stay distinct: no stripping of marks.
		{"Ş S Ə E Ü U", "ş s ə e ü u"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldSameWord(t *testing.T) {
	forms := []string{"ŞƏFFAFLIQ", "şəffaflıq", "Şəffaflıq", "S\u0327\u018fFFAFLIQ"}
	for _, f := range forms {
		if got, want := Fold(f), Fold(forms[0]); got != want {
			t.Errorf("Fold(%q) = %q, want %q like Fold(%q)", f, got, want, forms[0])
		}
	}
	if Fold("şəffaflıq") == Fold("seffafliq") {
		t.Errorf("Fold merged ş with s and ə with e")
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"ŞƏFFAFLIQ", "İCTİMAİ", "ISTANBUL", "ПРОЗРАЧНОСТЬ", "I\u0307 e\u0301"} {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, twice, once)
		}
	}
}

// TestFoldConcurrent runs Fold and SortKey from many goroutines; with -race
// it catches state shared between calls.
func TestFoldConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := Fold("ŞƏFFAFLIQ"); got != "şəffaflıq" {
					t.Errorf("Fold = %q", got)
					return
				}
				if SortKey("Əli") >= SortKey("Ilkin") {
					t.Errorf("SortKey(Əli) >= SortKey(Ilkin)")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestSortKeyAzerbaijaniOrder(t *testing.T) {
	want := []string{"Ağa", "Cəmil", "Çinar", "Əli", "Ilkin", "İlham", "Ömər", "Zəfər"}
	in := []string{"Zəfər", "Çinar", "Ağa", "Əli", "Cəmil", "Ömər", "Ilkin", "İlham"}
	got := slices.Clone(in)
	sort.SliceStable(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
	if !slices.Equal(got, want) {
		t.Fatalf("sorted by SortKey = %q, want %q", got, want)
	}
}

func TestSortKeyAlphabet(t *testing.T) {
	// One word per letter of the alphabet, in its order; x follows h and q
	// follows k, unlike English.
	want := []string{
		"ana", "bağ", "cəm", "çay", "dağ", "evə", "əl", "fənd", "gül", "ğal", "hava",
		"xalq", "ıldırım", "iş", "jurnal", "kənd", "qanun", "lalə", "məclis", "nazir",
		"orqan", "ölkə", "plan", "rəy", "sahə", "şəhər", "tədbir", "usta", "üzv", "vəkil",
		"yol", "zaman",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 10; round++ {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		sort.SliceStable(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
		if !slices.Equal(got, want) {
			t.Fatalf("sorted by SortKey = %q, want %q", got, want)
		}
	}
}

func TestSortKeyMixed(t *testing.T) {
	// Case only breaks ties; Cyrillic follows Latin; the order is the same
	// whatever order the names come in.
	want := []string{"abc", "Abc", "Abd", "ədalət", "zeytun", "Азербайджан", "Прозрачность"}
	rng := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 10; round++ {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		sort.SliceStable(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
		if !slices.Equal(got, want) {
			t.Fatalf("sorted by SortKey = %q, want %q", got, want)
		}
	}
}

func TestSortKeyASCII(t *testing.T) {
	for _, s := range []string{"", "Əli", "Прозрачность", "İlham", "漢字", "e\u0301"} {
		k := SortKey(s)
		if strings.Trim(k, "0123456789abcdef") != "" {
			t.Errorf("SortKey(%q) = %q, want lowercase hex only", s, k)
		}
	}
	if SortKey("e\u0301") != SortKey("\u00e9") {
		t.Errorf("SortKey differs for decomposed and composed é")
	}
}

func TestFoldIn(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"en", "Information", "information"},
		{"en", "INFORMATION", "information"},
		{"az", "İNFORMASİYA", "informasiya"},
		{"az", "ICTIMAI", "ıctımaı"},
		{"ru", "ПРОЗРАЧНОСТЬ", "прозрачность"},
		{"xx-bad-tag-!", "ABC", "abc"},
	}
	for _, tt := range tests {
		if got := FoldIn(tt.lang, tt.in); got != tt.want {
			t.Errorf("FoldIn(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}
