package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"ogpp/internal/i18n"
)

// TestEveryUsedStringIsTranslated finds the message keys the templates and
// handlers use and checks each exists in every language.
func TestEveryUsedStringIsTranslated(t *testing.T) {
	keyUse := regexp.MustCompile(`(?:\.T|\bT)\(?\s*"([a-z]+(?:\.[a-z]+)+)"`)
	plural := regexp.MustCompile(`\.N "([a-z.]+)"`)
	have := map[string]map[string]bool{}
	for _, l := range i18n.Supported {
		have[l] = map[string]bool{}
		for _, k := range i18n.Keys(l) {
			have[l][k] = true
		}
	}
	check := func(file string, data []byte) {
		for _, m := range keyUse.FindAllSubmatch(data, -1) {
			for _, l := range i18n.Supported {
				if !have[l][string(m[1])] {
					t.Errorf("%s uses %q, missing in %s", file, m[1], l)
				}
			}
		}
		for _, m := range plural.FindAllSubmatch(data, -1) {
			for _, l := range i18n.Supported {
				if !have[l][string(m[1])+".other"] {
					t.Errorf("%s uses plural %q, missing in %s", file, m[1], l)
				}
			}
		}
	}
	fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := templateFS.ReadFile(path)
			check(path, data)
		}
		return nil
	})
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		check(f, data)
	}
	// Keys built at run time from enumerations.
	for _, k := range []string{"value.access_to_information", "value.civic_participation", "value.public_accountability", "value.technology",
		"role.responsible", "role.recommended", "role.supporting", "memberkind.country", "memberkind.locality",
		"orgkind.state_body", "orgkind.ngo", "orgkind.international", "orgkind.media", "orgkind.business", "orgkind.other",
		"lang.az", "lang.en", "lang.ru", "sort.asc", "sort.desc"} {
		for _, l := range i18n.Supported {
			if !have[l][k] {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
}
