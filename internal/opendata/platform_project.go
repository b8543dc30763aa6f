package opendata

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// The seed project of Azerbaijan's OGP Platform, embedded so that the
// binary needs no file beside it: its structure and English text, and its
// Azerbaijani text as the report gives it.
var (
	//go:embed data/ogp-platform-project.json
	platformProjectJSON []byte
	//go:embed data/ogp-platform-project.az.json
	platformProjectAzJSON []byte
)

// PlatformProjectReport is the source the seed project's reported values
// cite.
const PlatformProjectReport = "the project's report"

// platformProjectFile is the shape of data/ogp-platform-project.json.
type platformProjectFile struct {
	Title         plan.Text `json:"title"`
	Source        string    `json:"source"`
	GeneralGoal   plan.Text `json:"general_goal"`
	SpecificGoals []struct {
		ID string `json:"id"`
		EN string `json:"en"`
	} `json:"specific_goals"`
	Activities []struct {
		No         string    `json:"no"`
		NAPClause  string    `json:"nap_clause"`
		Title      plan.Text `json:"title"`
		Tasks      []string  `json:"tasks"`
		RoundTable int       `json:"round_tables"`
		Regions    []string  `json:"regions"`
	} `json:"activities"`
	ReportedTotals map[string]json.RawMessage `json:"reported_totals"`
	WebSection     string                     `json:"web_section"`
}

// platformProjectAz is the shape of data/ogp-platform-project.az.json.
type platformProjectAz struct {
	GeneralGoal   string            `json:"general_goal"`
	SpecificGoals map[string]string `json:"specific_goals"`
	Activities    map[string]struct {
		Title string   `json:"title"`
		Tasks []string `json:"tasks"`
	} `json:"activities"`
	ReportedTotals map[string]string `json:"reported_totals"`
}

// reportedTotal is one of the report's totals as an indicator: its name
// and the computation that will count it once events are recorded.
type reportedTotal struct {
	Key         string
	Name        plan.Text
	Computation string
}

// reportedTotals are the report's totals in the order the report lists
// them. The report's non-numeric entries (the participant categories it
// names, the note on what it leaves out) are not indicators.
var reportedTotals = []reportedTotal{
	{"round_tables", plan.Text{"en": "Round tables held", "ru": "Проведённые круглые столы"}, platform.ComputeRoundTablesHeld},
	{"round_tables_in_regions", plan.Text{"en": "Round tables held in the regions", "ru": "Круглые столы, проведённые в регионах"},
		platform.ComputeRoundTablesInRegions},
	{"participants", plan.Text{"en": "Participants", "ru": "Участники"}, platform.ComputeParticipants},
	{"state_body_representatives", plan.Text{"en": "Representatives of state bodies among the participants",
		"ru": "Представители государственных органов среди участников"}, platform.ComputeParticipantsByCategory + ":state_body"},
	{"foreign_guests", plan.Text{"en": "Foreign guests among the participants", "ru": "Иностранные гости среди участников"},
		platform.ComputeParticipantsByCategory + ":foreign_guest"},
	{"internet_tv_discussions", plan.Text{"en": "Internet-TV discussions", "ru": "Обсуждения на интернет-ТВ"}, platform.ComputeInternetTV},
}

// platformProjectNote tells readers what the seed project's page holds, in
// the three interface languages, as azNAPNote does for the plan.
var platformProjectNote = plan.Text{
	"en": "As the project's report gives it. The report gives totals only: how many took part in each event is not known.",
	"az": "Layihənin hesabatına əsasən. Hesabat yalnız ümumi rəqəmləri verir: hər tədbirdə neçə nəfərin iştirak etdiyi məlum deyil.",
	"ru": "По отчёту проекта. Отчёт приводит только общие итоги: сколько человек участвовало в каждом мероприятии, неизвестно.",
}

// PlatformProject returns the seed project of Azerbaijan's OGP Platform
// (the embedded data/ogp-platform-project.json, with the Azerbaijani text
// of data/ogp-platform-project.az.json): its general goal, its two specific
// goals, its twelve activities with their clauses of the national action
// plan and their tasks, all done as the report says, and the report's
// totals as indicators' reported values. Nothing is added that the report
// does not give: no names, no dates, no per-event numbers, and no goal for
// an activity, since the report does not say which goal each serves.
func PlatformProject() (*platform.ProjectBundle, error) {
	return readPlatformProject(platformProjectJSON, platformProjectAzJSON)
}

func readPlatformProject(data, azData []byte) (*platform.ProjectBundle, error) {
	var f platformProjectFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("seed project: %w", err)
	}
	var az platformProjectAz
	if err := json.Unmarshal(azData, &az); err != nil {
		return nil, fmt.Errorf("seed project, Azerbaijani text: %w", err)
	}
	withAz := func(t plan.Text, s string) plan.Text {
		out := plan.Text{}
		for k, v := range t {
			out[k] = v
		}
		if s != "" {
			out["az"] = s
		}
		return out.Clean()
	}
	b := &platform.ProjectBundle{Project: platform.ProjectEdit{
		Title:       f.Title.Clean(),
		GeneralGoal: withAz(f.GeneralGoal, az.GeneralGoal),
		Description: platformProjectNote,
		Plan:        AzerbaijanNAPID,
		Source:      "the project's section on the EDF web site",
		SourceURL:   f.WebSection,
	}}
	for _, g := range f.SpecificGoals {
		b.Project.Goals = append(b.Project.Goals, platform.Goal{ID: g.ID, Text: withAz(plan.EN(g.EN), az.SpecificGoals[g.ID])})
	}
	for _, a := range f.Activities {
		aaz := az.Activities[a.No]
		if len(aaz.Tasks) != 0 && len(aaz.Tasks) != len(a.Tasks) {
			return nil, fmt.Errorf("seed project, activity %s: %d tasks in English, %d in Azerbaijani", a.No, len(a.Tasks), len(aaz.Tasks))
		}
		ba := platform.BundleActivity{Activity: platform.ActivityEdit{Number: a.No, Title: withAz(a.Title, aaz.Title), Clause: a.NAPClause,
			Status: platform.ActivityDone}}
		for i, t := range a.Tasks {
			text := plan.EN(t)
			if len(aaz.Tasks) > 0 {
				text = withAz(text, aaz.Tasks[i])
			}
			ba.Tasks = append(ba.Tasks, platform.TaskEdit{Title: text, Status: platform.TaskDone})
		}
		b.Activities = append(b.Activities, ba)
	}
	known := map[string]bool{"participant_categories_named": true, "note": true}
	for _, t := range reportedTotals {
		known[t.Key] = true
		raw, ok := f.ReportedTotals[t.Key]
		if !ok {
			continue
		}
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("seed project, reported total %s: %w", t.Key, err)
		}
		b.Indicators = append(b.Indicators, platform.IndicatorEdit{Name: withAz(t.Name, az.ReportedTotals[t.Key]), Reported: fmt.Sprint(n),
			ReportedSource: PlatformProjectReport, Computation: t.Computation})
	}
	for k := range f.ReportedTotals {
		if !known[k] {
			// A total the report gives and ogpp would silently drop.
			return nil, fmt.Errorf("seed project: reported total %q is not one ogpp knows", k)
		}
	}
	return b, nil
}

// decodeStrict decodes data into v, refusing fields v does not have, so that
// a change to an embedded file is not silently half read.
func decodeStrict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	return d.Decode(v)
}
