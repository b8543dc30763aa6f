// Package surveytest holds a survey and responses for the tests of the
// survey, store and web packages: one fixture, so that their hand-computed
// expectations agree.
package surveytest

import (
	"ogpp/internal/plan"
	"ogpp/internal/survey"
)

// Entrepreneurs is a survey of small entrepreneurs with a quota by region,
// for the tests of this package and the store's.
func Entrepreneurs() survey.Edit {
	opts := func(kv ...string) []survey.Option {
		var out []survey.Option
		for i := 0; i < len(kv); i += 2 {
			out = append(out, survey.Option{Key: kv[i], Label: plan.Text{"az": kv[i+1], "en": kv[i]}})
		}
		return out
	}
	return survey.Edit{
		Title:      plan.Text{"az": "Kiçik sahibkarlar sorğusu", "en": "Small entrepreneurs"},
		Status:     survey.Open,
		SampleSize: 50,
		Definition: survey.Definition{
			Sections: []survey.Section{{Title: plan.Text{"az": "Ümumi"}, Questions: []survey.Question{
				{Key: "region", Kind: survey.SingleChoice, Required: true, Text: plan.Text{"az": "Region", "en": "Region"},
					Options: opts("baku", "Bakı", "ganja", "Gəncə", "shaki", "Şəki")},
				{Key: "sector", Kind: survey.SingleChoice, Text: plan.Text{"az": "Sahə", "en": "Sector"},
					Options: opts("trade", "Ticarət", "services", "Xidmət")},
				{Key: "trust", Kind: survey.Scale, Text: plan.Text{"az": "Etimad", "en": "Trust"}},
				{Key: "note", Kind: survey.LongText, Text: plan.Text{"az": "Qeyd", "en": "Note"}},
			}}},
			Quotas: []survey.Quota{{Question: "region", Targets: map[string]int{"baku": 25, "ganja": 15, "shaki": 10}}},
		},
	}
}

// FiftyResponses are 50 responses: 20 from Baku, 18 from Ganja, 12 from
// Shaki; the first 30 in trade, the rest in services.
func FiftyResponses() []survey.Answers {
	var out []survey.Answers
	for i := range 50 {
		region := "baku"
		switch {
		case i >= 38:
			region = "shaki"
		case i >= 20:
			region = "ganja"
		}
		sector := "trade"
		if i >= 30 {
			sector = "services"
		}
		out = append(out, survey.Answers{"region": {region}, "sector": {sector}, "note": {"şəffaflıq ğ ı İ ö ü ç"}})
	}
	return out
}
