package library

import "testing"

// TestToUnicodeDecodesWholeCodes: a range's offset is added across the
// whole code, not to its last byte only, so that two-byte codes past
// U+00FF (ə, ş, ı, Cyrillic) come out as themselves; single characters,
// arrays of destinations and one-byte maps work alike.
func TestToUnicodeDecodesWholeCodes(t *testing.T) {
	tests := []struct {
		name, cmap, raw, want string
	}{
		{"fpdf's identity range",
			"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap",
			"\x01\x5f\x02\x59\x00f\x00f\x00a\x00f\x00l\x01\x31\x00q", "şəffaflıq"},
		{"a range of Cyrillic from a glyph id",
			"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <00F0> <0110> <0430> endbfrange",
			"\x00\xf0\x01\x00", "ар"},
		{"characters and an array",
			"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <0259> endbfchar 1 beginbfrange <42> <43> [<015F> <0131>] endbfrange",
			"ABC", "əşı"},
		{"no code space: the entries' length",
			"2 beginbfchar <01> <0041> <02> <0042> endbfchar",
			"\x01\x02\x07", "AB"},
	}
	for _, tt := range tests {
		m := parseToUnicode([]byte(tt.cmap))
		if m == nil {
			t.Errorf("%s: nothing parsed", tt.name)
			continue
		}
		if got := m.Decode(tt.raw); got != tt.want {
			t.Errorf("%s: Decode = %q, want %q", tt.name, got, tt.want)
		}
	}
	if parseToUnicode([]byte("begincmap endcmap")) != nil {
		t.Error("a map with no entry should be none")
	}
}
