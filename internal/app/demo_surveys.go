package app

import (
	"context"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/survey"
)

// demoSurveys are the seed's two surveys as the project describes them:
// who was asked and, for the entrepreneurs, how many. The seed gives no
// questionnaire and no answers, so the surveys are drafts without
// questions, for a coordinator to complete.
var demoSurveys = []survey.Edit{
	{
		Title: plan.Text{
			"en": "Survey of small entrepreneurs on the Appeal Councils",
			"az": "Appelyasiya Şuraları barədə kiçik sahibkarlar arasında sorğu",
			"ru": "Опрос малых предпринимателей об апелляционных советах",
		},
		Description: plan.Text{
			"en": "Activity 11 (NAP 8.7): 50 small entrepreneurs asked about their use of the Appeal Councils. The project's report gives no questionnaire and no answers; add the questions before opening it.",
			"az": "11-ci fəaliyyət (MFP 8.7): 50 kiçik sahibkardan Appelyasiya Şuralarından istifadələri barədə soruşulur. Layihənin hesabatında sorğu vərəqi və cavablar yoxdur; açmazdan əvvəl sualları əlavə edin.",
			"ru": "Мероприятие 11 (НПД 8.7): 50 малых предпринимателей об использовании апелляционных советов. В отчёте проекта нет ни анкеты, ни ответов; добавьте вопросы, прежде чем открыть опрос.",
		},
		Status:     survey.Draft,
		SampleSize: 50,
	},
	{
		Title: plan.Text{
			"en": "Survey of parliament committees and civil-society organisations",
			"az": "Milli Məclis komitələri və vətəndaş cəmiyyəti qurumları arasında sorğu",
			"ru": "Опрос комитетов парламента и организаций гражданского общества",
		},
		Description: plan.Text{
			"en": "Activity 4 (NAP 5.2): civil society's part in the parliament's budget debates. The project's report gives no questionnaire, sample or answers; add them before opening it.",
			"az": "4-cü fəaliyyət (MFP 5.2): vətəndaş cəmiyyətinin Milli Məclisdə büdcə müzakirələrində iştirakı. Layihənin hesabatında sorğu vərəqi, seçmə və cavablar yoxdur; açmazdan əvvəl onları əlavə edin.",
			"ru": "Мероприятие 4 (НПД 5.2): участие гражданского общества в бюджетных обсуждениях в парламенте. В отчёте проекта нет ни анкеты, ни выборки, ни ответов; добавьте их, прежде чем открыть опрос.",
		},
		Status: survey.Draft,
	},
}

// loadDemoSurveys records the seed's surveys when the database holds no
// survey yet.
func loadDemoSurveys(ctx context.Context, db *store.DB) (bool, error) {
	have, err := db.ListSurveys(ctx)
	if err != nil || len(have) > 0 {
		return false, err
	}
	for _, e := range demoSurveys {
		if _, err := db.CreateSurvey(ctx, audit.System("demo"), e); err != nil {
			return false, fmt.Errorf("demo surveys: %w", err)
		}
	}
	return true, nil
}
