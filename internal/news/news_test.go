package news

import (
	"strings"
	"testing"
)

func TestEditValidate(t *testing.T) {
	tests := []struct {
		name string
		edit Edit
		want map[string]string
	}{
		{"complete", Edit{Title: " Şəffaflıq ", Body: "Mətn", Lang: "az"}, map[string]string{}},
		{"empty", Edit{Lang: "fr"}, map[string]string{"title": "news.title.required", "body": "news.body.required", "lang": "news.lang.invalid"}},
		{"too long", Edit{Title: strings.Repeat("ə", MaxTitle+1), Body: strings.Repeat("x", MaxBody+1), Lang: "en"},
			map[string]string{"title": "news.too_long", "body": "news.too_long"}},
		{"bad links", Edit{Title: "t", Body: "b", Lang: "ru", PlanID: -1, EventID: -2}, map[string]string{"plan": "news.plan.unknown", "event": "news.event.unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := tt.edit.Validate()
			if len(fe) != len(tt.want) {
				t.Fatalf("got %v, want %v", fe, tt.want)
			}
			for k, v := range tt.want {
				if fe[k] != v {
					t.Errorf("%s: %q, want %q", k, fe[k], v)
				}
			}
		})
	}
	e := Edit{Title: "  Başlıq ", Body: "a\r\nb", Lang: "az"}
	e.Validate()
	if e.Title != "Başlıq" || e.Body != "a\nb" {
		t.Errorf("tidied: %q %q", e.Title, e.Body)
	}
}

func TestSummaryIsTheFirstParagraphAsText(t *testing.T) {
	it := Item{Body: "## Dəyirmi masa\n\nİkinci abzas."}
	if got := it.Summary(100); got != "Dəyirmi masa" {
		t.Errorf("summary %q", got)
	}
	it.Body = "**Şura** toplandı və çox uzun danışdı"
	if got := it.Summary(10); got != "Şura topla…" {
		t.Errorf("cut summary %q", got)
	}
}
