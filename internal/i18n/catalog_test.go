package i18n

import (
	"strings"
	"testing"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for _, lang := range Supported {
		for key := range catalog["en"] {
			if strings.HasPrefix(key, "count.") {
				continue // plural forms differ per language; checked below
			}
			if catalog[lang][key] == "" {
				t.Errorf("%s lacks %q", lang, key)
			}
		}
		for key := range catalog[lang] {
			if _, ok := catalog["en"][key]; !ok && !strings.HasPrefix(key, "count.") {
				t.Errorf("%s has %q, which English lacks", lang, key)
			}
		}
	}
	for key := range catalog["en"] {
		base, ok := strings.CutSuffix(key, ".other")
		if !ok || !strings.HasPrefix(key, "count.") {
			continue
		}
		for _, form := range []string{"one", "other"} {
			for _, lang := range Supported {
				if catalog[lang][base+"."+form] == "" {
					t.Errorf("%s lacks %s.%s", lang, base, form)
				}
			}
		}
		for _, form := range []string{"few", "many"} {
			if catalog["ru"][base+"."+form] == "" {
				t.Errorf("ru lacks %s.%s", base, form)
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 measure"},
		{"en", 2, "2 measures"},
		{"en", 1234, "1,234 measures"},
		{"az", 1, "1 tədbir"},
		{"az", 1234, "1.234 tədbir"},
		{"ru", 1, "1 мера"},
		{"ru", 3, "3 меры"},
		{"ru", 5, "5 мер"},
		{"ru", 11, "11 мер"},
		{"ru", 21, "21 мера"},
		{"ru", 1234, "1\u00a0234 меры"},
	}
	for _, tt := range tests {
		if got := N(tt.lang, "count.measures", tt.n); got != tt.want {
			t.Errorf("N(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := map[string]string{
		"":                        "az",
		"ru-RU,ru;q=0.9,en;q=0.8": "ru",
		"de-DE, en-GB;q=0.7":      "en",
		"fr":                      "az",
		"AZ":                      "az",
	}
	for header, want := range tests {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestMissingKeyShowsItself(t *testing.T) {
	if got := T("az", "no.such.key"); got != "no.such.key" {
		t.Errorf("T(missing) = %q", got)
	}
	if got := T("ru", "home.empty.search", "ŞƏ"); !strings.Contains(got, "«ŞƏ»") {
		t.Errorf("T with argument = %q", got)
	}
}
