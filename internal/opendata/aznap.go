package opendata

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"ogpp/internal/plan"
)

// AzerbaijanNAPID is the external id ogpp gives Azerbaijan's National Action
// Plan on the Promotion of Open Government for 2016-2018. OGP's data set
// slice ogpp ships does not include the plan, so it has no OGP plan id here.
const AzerbaijanNAPID = "AZ-NAP-2016-2018"

// azArea1Commitment is the OGP commitment that corresponds to area 1 of the
// plan. The file lists the plan's 13 OGP commitments but says that only this
// correspondence is certain, so the other areas get none.
const azArea1Commitment = "AZ0038"

// azNAPNote tells readers what the demo holds of the plan. The source file's
// own completeness remark is addressed to whoever maintains the data; this is
// the same fact put for a reader, in the three interface languages.
var azNAPNote = plan.Text{
	"en": "Only part of this plan is public in the sources ogpp draws on: the full text of measures 1.1–1.4, the names of a few more, and the subjects of the clauses the platform's own work cites. Each measure names its source. The whole plan has 59 measures in 11 areas by the platform's report (58 by ogp.org.az, June 2017).",
	"az": "Bu planın yalnız bir hissəsi ogpp-nin istifadə etdiyi açıq mənbələrdə var: 1.1–1.4 tədbirlərinin tam mətni, daha bir neçə tədbirin adı və platformanın fəaliyyətlərində istinad edilən bəndlərin mövzusu. Hər tədbirin mənbəyi göstərilib. Platformanın hesabatına görə plan 11 sahədə 59 tədbirdən ibarətdir (ogp.org.az-a görə, 2017-ci ilin iyunu: 58 tədbir).",
	"ru": "В источниках, которыми пользуется ogpp, опубликована лишь часть этого плана: полный текст мер 1.1–1.4, названия ещё нескольких мер и темы пунктов, на которые ссылается работа платформы. У каждой меры указан источник. По отчёту платформы в плане 59 мер в 11 разделах (по данным ogp.org.az на июнь 2017 года — 58).",
}

// subjectOnlyNote marks a measure of which only the subject is known: its
// title starts with "(subject" and is a description of the clause by the
// platform, not the plan's wording.
var subjectOnlyNote = plan.Text{"en": "Only the subject of this clause is known, from the source named; the plan's own wording of it is not in the sources available."}

// azNAPFile is the shape of data/az-nap-2016-2018.json: what is publicly
// known of the plan, each measure with the key of its source.
type azNAPFile struct {
	Title        plan.Text `json:"title"`
	Country      string    `json:"country"`
	Approved     string    `json:"approved"`
	Period       struct{ Start, End string }
	SizeReported string            `json:"size_reported"`
	Completeness string            `json:"completeness"`
	Sources      map[string]string `json:"sources"`
	Areas        []struct {
		No     string    `json:"no"`
		Title  plan.Text `json:"title"`
		Source string    `json:"source"`
	} `json:"areas"`
	Measures []struct {
		No        string    `json:"no"`
		Area      string    `json:"area"`
		Source    string    `json:"source"`
		Title     plan.Text `json:"title"`
		Indicator plan.Text `json:"indicator"`
		Executors []string  `json:"executors"`
		Period    *string   `json:"period"`
	} `json:"measures"`
}

// Azerbaijan is the member the plan belongs to.
var Azerbaijan = plan.Member{
	Slug:   "azerbaijan",
	Name:   plan.Text{"en": "Azerbaijan", "az": "Azərbaycan", "ru": "Азербайджан"},
	Kind:   plan.MemberCountry,
	Region: "Europe",
	Code:   "AZE",
}

// AzerbaijanNAP returns Azerbaijan's NAP 2016-2018 as far as public sources
// give it (the embedded data/az-nap-2016-2018.json): the plan, its areas,
// the measures whose text or subject is known, each with its source, and
// their executors. Nothing is filled in that the sources do not say: areas
// known only by the number their measures cite have no title, and measures
// known only by their subject say so in their description.
func AzerbaijanNAP() (*plan.Bundle, error) {
	return readAzNAP(azNAPJSON)
}

func readAzNAP(data []byte) (*plan.Bundle, error) {
	// Unknown fields are notes for people (ogp_commitments_note,
	// monitoring) that a bundle has no place for.
	var f azNAPFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("az-nap-2016-2018.json: %w", err)
	}
	start, err := plan.ParseDate(f.Period.Start)
	if err != nil {
		return nil, fmt.Errorf("az-nap-2016-2018.json: period: %w", err)
	}
	end, err := plan.ParseDate(f.Period.End)
	if err != nil {
		return nil, fmt.Errorf("az-nap-2016-2018.json: period: %w", err)
	}
	p := plan.BundlePlan{
		ExternalID: AzerbaijanNAPID,
		Member:     Azerbaijan.Slug,
		Title:      f.Title,
		Period:     plan.Period{Text: fmt.Sprintf("%d-%d", start.Year, end.Year), Start: &start, End: &end},
		Approved:   f.Approved,
		Source:     "docsbay",
		SourceURL:  webURL(f.Sources["docsbay"]),
		Note:       azNAPNote,
		Measures:   []plan.BundleMeasure{},
	}

	areas := map[string]bool{}
	for _, a := range f.Areas {
		areas[a.No] = true
		p.Areas = append(p.Areas, plan.BundleArea{Key: a.No, Number: a.No, Title: a.Title, Source: a.Source})
	}
	for _, m := range f.Measures {
		if m.Area != "" && !areas[m.Area] {
			// Known only by the number the measure's clause cites.
			areas[m.Area] = true
			p.Areas = append(p.Areas, plan.BundleArea{Key: m.Area, Number: m.Area})
		}
	}
	slices.SortStableFunc(p.Areas, func(a, b plan.BundleArea) int { return plan.CompareClauses(a.Number, b.Number) })
	for i := range p.Areas {
		if p.Areas[i].Number == "1" {
			p.Areas[i].ExternalID = azArea1Commitment
		}
	}

	b := &plan.Bundle{Members: []plan.Member{Azerbaijan}, Organisations: []plan.BundleOrganisation{}}
	orgs := map[string]bool{}
	for _, m := range f.Measures {
		url, ok := f.Sources[firstSource(m.Source)]
		if !ok {
			return nil, fmt.Errorf("az-nap-2016-2018.json: measure %s: no source %q", m.No, m.Source)
		}
		bm := plan.BundleMeasure{Clause: m.No, Area: m.Area, Title: m.Title, Indicator: m.Indicator, Source: m.Source, SourceURL: webURL(url)}
		if strings.HasPrefix(m.Title.String(), "(subject") {
			bm.Description = subjectOnlyNote
		}
		if m.Period != nil {
			if bm.Period, err = plan.ParsePeriod(*m.Period); err != nil {
				return nil, fmt.Errorf("az-nap-2016-2018.json: measure %s: %w", m.No, err)
			}
		}
		for _, e := range m.Executors {
			bm.Executors = append(bm.Executors, plan.BundleExecutor{Name: plan.EN(e), Role: plan.RoleResponsible})
			if !orgs[e] {
				orgs[e] = true
				b.Organisations = append(b.Organisations, plan.BundleOrganisation{Member: Azerbaijan.Slug, Name: plan.EN(e), Kind: plan.OrgStateBody})
			}
		}
		p.Measures = append(p.Measures, bm)
	}
	b.Plans = []plan.BundlePlan{p}
	if ps := b.Validate(); len(ps) > 0 {
		return nil, fmt.Errorf("az-nap-2016-2018.json: %w", ps)
	}
	return b, nil
}

// firstSource returns the first key of a combined source such as
// "erc+seed", the one whose address a reader is sent to.
func firstSource(key string) string {
	first, _, _ := strings.Cut(key, "+")
	return first
}

// webURL returns u when it is a web address and "" otherwise: a source may
// be a document of the project's seed material, which has no address.
func webURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}
