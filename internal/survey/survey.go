// Package survey holds the platform's surveys: a questionnaire of sections
// and questions, the responses given to it by its public link or typed in
// from paper by an interviewer, and the results computed from them —
// counts and percentages, progress toward the sample size and the quotas,
// and cross-tabulations. It imports neither SQL nor HTTP.
package survey

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// EntitySurvey and EntityResponse name surveys and responses in the audit
// log.
const (
	EntitySurvey   = "survey"
	EntityResponse = "survey_response"
)

// Status is where a survey is in its life.
type Status string

// A survey is drafted, opened for answers and closed; a closed survey is
// read-only, so that its results stay what was reported from them.
const (
	Draft  Status = "draft"
	Open   Status = "open"
	Closed Status = "closed"
)

// Statuses lists the statuses in their order.
var Statuses = []Status{Draft, Open, Closed}

// Kind is the kind of a question.
type Kind string

// The kinds of question the builder offers.
const (
	SingleChoice   Kind = "single"
	MultipleChoice Kind = "multiple"
	Scale          Kind = "scale" // 1 to 5
	Number         Kind = "number"
	ShortText      Kind = "short"
	LongText       Kind = "long"
)

// Kinds lists the kinds of question in the builder's order.
var Kinds = []Kind{SingleChoice, MultipleChoice, Scale, Number, ShortText, LongText}

// Channels a response comes by.
const (
	ChannelLink        = "link"
	ChannelInterviewer = "interviewer"
)

// ErrClosed refuses a response to a survey that is not open.
var ErrClosed = errors.New("the survey is not open for responses")

// Option is one answer a choice question offers. Key is what responses
// store, so that rewording an option keeps the answers given to it.
type Option struct {
	Key   string    `json:"key"`
	Label plan.Text `json:"label"`
}

// Question is one question of a section.
type Question struct {
	Key      string    `json:"key"`
	Kind     Kind      `json:"kind"`
	Text     plan.Text `json:"text"`
	Required bool      `json:"required,omitempty"`
	Options  []Option  `json:"options,omitempty"`
}

// Choice reports whether q's answers are options.
func (q Question) Choice() bool { return q.Kind == SingleChoice || q.Kind == MultipleChoice }

// Option returns q's option of key.
func (q Question) Option(key string) (Option, bool) {
	for _, o := range q.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// Section is a titled group of questions.
type Section struct {
	Title     plan.Text  `json:"title"`
	Questions []Question `json:"questions"`
}

// Quota is the number of responses sought per option of a single-choice
// question (by region, by sector), so that the sample is balanced.
type Quota struct {
	Question string         `json:"question"`
	Targets  map[string]int `json:"targets"`
}

// Definition is a survey's structure.
type Definition struct {
	Sections []Section `json:"sections"`
	Quotas   []Quota   `json:"quotas,omitempty"`
}

// Survey is a questionnaire as stored.
type Survey struct {
	ID          int64
	Title       plan.Text
	Description plan.Text
	Status      Status
	// Named surveys ask the respondent's name on the public form;
	// anonymous ones do not.
	Named bool
	// ResultsPublic lets the public read the results.
	ResultsPublic bool
	// SampleSize is the number of responses sought; 0 for none.
	SampleSize int
	Definition Definition
	Version    int
	UpdatedAt  time.Time
	// Responses is the number of responses recorded.
	Responses int
}

// Question returns the survey's question of key.
func (s Survey) Question(key string) (Question, bool) {
	for _, sec := range s.Definition.Sections {
		for _, q := range sec.Questions {
			if q.Key == key {
				return q, true
			}
		}
	}
	return Question{}, false
}

// Questions lists every question in order.
func (s Survey) Questions() []Question {
	var out []Question
	for _, sec := range s.Definition.Sections {
		out = append(out, sec.Questions...)
	}
	return out
}

// Edit is what the builder sets on a survey.
type Edit struct {
	Title         plan.Text
	Description   plan.Text
	Status        Status
	Named         bool
	ResultsPublic bool
	SampleSize    int
	Definition    Definition
	// Version is the version the form was filled in from (updates only).
	Version int
}

// Validate checks an edit; the keys of the answer are message keys of the
// catalog, per field.
func (e Edit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	if e.Title.Clean() == nil {
		fe["title"] = "survey.title.required"
	}
	switch e.Status {
	case Draft, Open, Closed:
	default:
		fe["status"] = "survey.status.invalid"
	}
	if e.SampleSize < 0 {
		fe["sample_size"] = "survey.sample_size.invalid"
	}
	seen := map[string]bool{}
	for _, sec := range e.Definition.Sections {
		for _, q := range sec.Questions {
			if q.Key == "" || seen[q.Key] {
				fe["definition"] = "survey.question.key"
				continue
			}
			seen[q.Key] = true
			if q.Text.Clean() == nil {
				fe["definition"] = "survey.question.text"
			}
			valid := false
			for _, k := range Kinds {
				valid = valid || k == q.Kind
			}
			if !valid {
				fe["definition"] = "survey.question.kind"
			}
			if q.Choice() && len(q.Options) < 2 {
				fe["definition"] = "survey.question.options"
			}
			keys := map[string]bool{}
			for _, o := range q.Options {
				if o.Key == "" || keys[o.Key] {
					fe["definition"] = "survey.question.options"
				}
				keys[o.Key] = true
			}
		}
	}
	s := Survey{Definition: e.Definition}
	for _, qu := range e.Definition.Quotas {
		q, ok := s.Question(qu.Question)
		if !ok || q.Kind != SingleChoice {
			fe["quotas"] = "survey.quota.question"
			continue
		}
		for opt, n := range qu.Targets {
			if _, ok := q.Option(opt); !ok || n < 0 {
				fe["quotas"] = "survey.quota.target"
			}
		}
	}
	return fe
}

// Answers are one response's answers by question key: one value for most
// kinds, the option keys chosen for a multiple choice.
type Answers map[string][]string

// Response is one recorded response.
type Response struct {
	ID       int64
	SurveyID int64
	Channel  string
	// Respondent is the name given on a named survey's form.
	Respondent string
	// EnteredBy is who typed in a paper questionnaire; 0 for the link.
	EnteredBy   int64
	EnteredName string
	Answers     Answers
	CreatedAt   time.Time
}

// Value is the single answer to q ("" for none).
func (a Answers) Value(q string) string {
	if v := a[q]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Check tests answers against survey s: every required question answered,
// each answer of its question's kind. The field keys are "q."+question key.
// What comes back is cleaned: blank answers dropped, text trimmed.
func (s Survey) Check(a Answers) (Answers, plan.FieldErrors) {
	fe := plan.FieldErrors{}
	out := Answers{}
	for _, q := range s.Questions() {
		var vals []string
		for _, v := range a[q.Key] {
			if v = strings.TrimSpace(v); v != "" {
				vals = append(vals, v)
			}
		}
		field := "q." + q.Key
		if len(vals) == 0 {
			if q.Required {
				fe[field] = "survey.answer.required"
			}
			continue
		}
		switch q.Kind {
		case SingleChoice, MultipleChoice:
			if q.Kind == SingleChoice && len(vals) > 1 {
				fe[field] = "survey.answer.one"
			}
			for _, v := range vals {
				if _, ok := q.Option(v); !ok {
					fe[field] = "survey.answer.option"
				}
			}
		case Scale:
			n, err := strconv.Atoi(vals[0])
			if err != nil || n < 1 || n > 5 || len(vals) > 1 {
				fe[field] = "survey.answer.scale"
			}
		case Number:
			if _, err := strconv.ParseFloat(strings.ReplaceAll(vals[0], ",", "."), 64); err != nil || len(vals) > 1 {
				fe[field] = "survey.answer.number"
			}
		case ShortText, LongText:
			if len(vals) > 1 {
				vals = vals[:1]
			}
			if len(vals[0]) > 10000 {
				fe[field] = "survey.answer.long"
			}
		}
		out[q.Key] = vals
	}
	return out, fe
}

// NewResponse is a response about to be recorded.
type NewResponse struct {
	Channel    string
	Respondent string
	Answers    Answers
}

// Store keeps surveys and their responses.
type Store interface {
	CreateSurvey(ctx context.Context, actor audit.Actor, e Edit) (int64, error)
	// UpdateSurvey refuses a stale version with *plan.ConflictError[Survey]
	// and any change to a closed survey but reopening it.
	UpdateSurvey(ctx context.Context, actor audit.Actor, id int64, e Edit) error
	GetSurvey(ctx context.Context, id int64) (Survey, error)
	ListSurveys(ctx context.Context) ([]Survey, error)
	// AddResponse records a response to an open survey: ErrClosed when it
	// is not open, plan.FieldErrors when required answers are missing.
	AddResponse(ctx context.Context, actor audit.Actor, surveyID int64, r NewResponse) (int64, error)
	ListResponses(ctx context.Context, surveyID int64) ([]Response, error)
	// DeleteSurvey soft-deletes survey id when its stored version is
	// version, hiding its public link, results and responses with it.
	DeleteSurvey(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreSurvey brings back a soft-deleted survey; one that is not
	// deleted is plan.ErrNotFound.
	RestoreSurvey(ctx context.Context, actor audit.Actor, id int64) error
	// ListDeletedSurveys lists the soft-deleted surveys, latest deletion
	// first.
	ListDeletedSurveys(ctx context.Context) ([]plan.Deleted, error)
}
