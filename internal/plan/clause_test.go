package plan

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestClauseKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"4", "000004"},
		{"4.1.3", "000004.000001.000003"},
		{"4.1.10", "000004.000001.000010"},
		{"04.01", "000004.000001"},
		{"4.1.3.", "000004.000001.000003"},
		{" 4.1 ", "000004.000001"},
		{"4.1.a", "000004.000001.:a"},
		{"4.1a", "000004.000001.:a"},
		{"4.1 (A)", "000004.000001.:a"},
		{"IV", ":iv"},
		{"IV.2", ":iv.000002"},
		{"4.1.ə", "000004.000001.:{000259"},
		{"0", "000000"},
		{"1234567", "999999~0071234567"},
		{"4.1.١٢", "000004.000001.:{000661{000662"},
		{"", "~"},
		{"  ", "~"},
		{"...", "~"},
	}
	for _, tt := range tests {
		if got := ClauseKey(tt.in); got != tt.want {
			t.Errorf("ClauseKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClauseKeyIsASCII(t *testing.T) {
	for _, c := range []string{"4.1.ə", "IV.ç", "Раздел 2", "§ 3", "4.1.١٢"} {
		k := ClauseKey(c)
		for i := 0; i < len(k); i++ {
			if k[i] < 0x21 || k[i] > 0x7e {
				t.Errorf("ClauseKey(%q) = %q has byte %#x outside printable ASCII", c, k, k[i])
			}
		}
	}
}

// clauseOrder is the order clause numbers should take, smallest first.
var clauseOrder = []string{
	"0",
	"1",
	"1.1",
	"1.2",
	"1.10",
	"2",
	"2.9",
	"2.10",
	"2.10.1",
	"3.1",
	"4",
	"4.1",
	"4.1.1",
	"4.1.2",
	"4.1.3",
	"4.1.9",
	"4.1.10",
	"4.1.11",
	"4.1.a",
	"4.1.b",
	"4.1.z",
	"4.1.ç",
	"4.1.ə",
	"4.2",
	"4.10",
	"9",
	"10",
	"11",
	"99",
	"100",
	"999999",
	"1000000",
	"12345678",
	"A",
	"A.1",
	"B",
	"I",
	"II",
	"III",
	"IV",
	"IV.1",
	"IX",
	"V",
	"",
}

func TestSortClauses(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 20; round++ {
		shuffled := slices.Clone(clauseOrder)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })

		byKey := slices.Clone(shuffled)
		sort.SliceStable(byKey, func(i, j int) bool { return ClauseKey(byKey[i]) < ClauseKey(byKey[j]) })
		if !slices.Equal(byKey, clauseOrder) {
			t.Fatalf("sorted by ClauseKey:\n%q\nwant\n%q", byKey, clauseOrder)
		}

		byCompare := slices.Clone(shuffled)
		slices.SortFunc(byCompare, CompareClauses)
		if !slices.Equal(byCompare, clauseOrder) {
			t.Fatalf("sorted by CompareClauses:\n%q\nwant\n%q", byCompare, clauseOrder)
		}
	}
}

func TestCompareClauses(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"4.1.3", "4.1.10", -1},
		{"4.1.10", "4.2", -1},
		{"4.2", "10", -1},
		{"10", "4.2", 1},
		{"4.1", "4.1", 0},
		{"4.1.a", "4.1.A", 1}, // same key; the text decides
		{"04.1", "4.1", -1},   // same key; the text decides
		{"", "IV", 1},
		{"", "", 0},
	}
	for _, tt := range tests {
		if got := CompareClauses(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareClauses(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestClauseKeyByteOrder checks that key order and CompareClauses agree for
// every pair, which is what lets SQL ORDER BY the stored key.
func TestClauseKeyByteOrder(t *testing.T) {
	for _, a := range clauseOrder {
		for _, b := range clauseOrder {
			kc := strings.Compare(ClauseKey(a), ClauseKey(b))
			if c := CompareClauses(a, b); kc != 0 && kc != c {
				t.Errorf("ClauseKey order of %q, %q is %d but CompareClauses says %d", a, b, kc, c)
			}
		}
	}
}
