package web

import (
	"fmt"
	"net/url"
	"strings"
)

// Licence is the licence ogpp's open data is published under.
type Licence struct {
	// Name is how people write it: "CC BY 4.0".
	Name string
	// ID is its Open Definition identifier ("CC-BY-4.0") when it is a
	// well-known licence; datapackage.json carries it.
	ID string
	// URL is where its text is.
	URL string
}

// DefaultLicence is Creative Commons Attribution 4.0, under which OGP
// itself publishes its data.
var DefaultLicence = Licence{Name: "CC BY 4.0", ID: "CC-BY-4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}

// knownLicences are the open licences whose identifier and text ogpp knows
// from their name alone, keyed by the name folded to upper case.
var knownLicences = map[string]Licence{
	"CC BY 4.0":    DefaultLicence,
	"CC-BY-4.0":    DefaultLicence,
	"CC BY-SA 4.0": {Name: "CC BY-SA 4.0", ID: "CC-BY-SA-4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/"},
	"CC-BY-SA-4.0": {Name: "CC BY-SA 4.0", ID: "CC-BY-SA-4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/"},
	"CC0 1.0":      {Name: "CC0 1.0", ID: "CC0-1.0", URL: "https://creativecommons.org/publicdomain/zero/1.0/"},
	"CC0-1.0":      {Name: "CC0 1.0", ID: "CC0-1.0", URL: "https://creativecommons.org/publicdomain/zero/1.0/"},
	"ODBL-1.0":     {Name: "ODbL 1.0", ID: "ODbL-1.0", URL: "https://opendatacommons.org/licenses/odbl/1-0/"},
	"ODBL 1.0":     {Name: "ODbL 1.0", ID: "ODbL-1.0", URL: "https://opendatacommons.org/licenses/odbl/1-0/"},
}

// ParseLicence reads --data-licence: a licence's name, optionally followed
// by the http(s) URL of its text ("Open Government Licence
// https://example.org/ogl"). A well-known licence's URL may be left out;
// any other needs one, so that readers can find its terms. Empty means
// DefaultLicence.
func ParseLicence(raw string) (Licence, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return DefaultLicence, nil
	}
	name, link := raw, ""
	if i := strings.LastIndexAny(raw, " \t"); i >= 0 {
		if last := raw[i+1:]; strings.HasPrefix(last, "http://") || strings.HasPrefix(last, "https://") {
			name, link = strings.TrimSpace(raw[:i]), last
		}
	} else if strings.HasPrefix(raw, "http://") || strings.HasPrefix(raw, "https://") {
		return Licence{}, fmt.Errorf("data licence %q: want its name before its URL", raw)
	}
	l, known := knownLicences[strings.ToUpper(name)]
	if !known {
		l = Licence{Name: name}
	}
	if link != "" {
		u, err := url.Parse(link)
		if err != nil || u.Host == "" {
			return Licence{}, fmt.Errorf("data licence %q: %q is not a URL", raw, link)
		}
		l.URL = link
	}
	if l.URL == "" {
		return Licence{}, fmt.Errorf("data licence %q: give the URL of its text after its name", raw)
	}
	return l, nil
}
