package opendata

import (
	"strings"
	"testing"

	"ogpp/internal/plan"
)

func TestAzerbaijanNAP(t *testing.T) {
	b, err := AzerbaijanNAP()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Members) != 1 || b.Members[0].Slug != "azerbaijan" || b.Members[0].Name["az"] != "Azərbaycan" || b.Members[0].Code != "AZE" {
		t.Errorf("members = %+v, want Azerbaijan", b.Members)
	}
	if len(b.Plans) != 1 {
		t.Fatalf("plans = %d, want 1", len(b.Plans))
	}
	p := b.Plans[0]
	if p.ExternalID != AzerbaijanNAPID || p.Title["az"] == "" || p.Title["en"] == "" {
		t.Errorf("plan = %s %v, want %s with az and en titles", p.ExternalID, p.Title, AzerbaijanNAPID)
	}
	if got, want := p.Period.Text+" "+p.Period.Start.String()+" "+p.Period.End.String(), "2016-2018 2016-01-01 2018-12-31"; got != want {
		t.Errorf("period = %q, want %q", got, want)
	}
	if !strings.Contains(p.Note["en"], "59 measures in 11 areas") || p.Note["az"] == "" || p.Note["ru"] == "" || p.Approved != "Presidential Decree of 27 April 2016" {
		t.Errorf("note = %q, approved = %q", p.Note["en"], p.Approved)
	}

	var areas []string
	for _, a := range p.Areas {
		areas = append(areas, a.Key)
		switch {
		case a.Key == "1" && (a.ExternalID != "AZ0038" || a.Title.String() != "Improvement of electronic services"):
			t.Errorf("area 1 = %+v, want AZ0038 with its title", a)
		case a.Key != "1" && (!a.Title.IsEmpty() || a.ExternalID != ""):
			t.Errorf("area %s = %+v, want no title or commitment: the sources give neither", a.Key, a)
		}
	}
	if got, want := strings.Join(areas, ","), "1,2,4,5,6,7,8"; got != want {
		t.Errorf("areas = %s, want %s", got, want)
	}

	if got, want := len(p.Measures), 19; got != want {
		t.Errorf("measures = %d, want %d", got, want)
	}
	byClause := map[string]plan.BundleMeasure{}
	for _, m := range p.Measures {
		byClause[m.Clause] = m
	}
	m := byClause["1.1"]
	if m.Source != "docsbay" || !strings.HasPrefix(m.SourceURL, "https://docsbay.net/") || m.Indicator.IsEmpty() || len(m.Executors) != 4 || m.Period.Start == nil {
		t.Errorf("1.1 = %+v", m)
	}
	if m := byClause["1.4"]; m.Period.Text != "" || m.Period.Start != nil {
		t.Errorf("1.4 has a period %+v; the source gives none", m.Period)
	}
	if m := byClause["1.2"]; m.Period.Start.String() != "2016-01-01" || m.Period.End.String() != "2016-12-31" {
		t.Errorf("1.2 period = %+v, want the year 2016", m.Period)
	}
	if m := byClause["6.2"]; m.Source != "erc+seed" || m.SourceURL != "https://erc.az/detail.php?id=121" {
		t.Errorf("6.2 source = %q %q, want erc+seed with erc's address", m.Source, m.SourceURL)
	}
	m = byClause["5.2"]
	if !strings.HasPrefix(m.Title.String(), "(subject) ") || m.Description.IsEmpty() || m.Source != "seed" || m.SourceURL != "" {
		t.Errorf("5.2 = %+v, want the subject kept as title, marked, from seed without an address", m)
	}
	if m := byClause["1.1"]; !m.Description.IsEmpty() {
		t.Errorf("1.1 is marked as subject only")
	}
	for _, o := range b.Organisations {
		if o.Member != "azerbaijan" || o.Kind != plan.OrgStateBody {
			t.Errorf("organisation %+v, want a state body of azerbaijan", o)
		}
	}
}

func TestDemoBundles(t *testing.T) {
	bs, err := DemoBundles()
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Plans[0].ExternalID != AzerbaijanNAPID || len(bs[1].Plans) != 214 {
		t.Errorf("DemoBundles gave %d bundles, want the Azerbaijan NAP then OGP's 214 plans", len(bs))
	}
}
