package survey

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

// The builder writes a survey's questions as plain text, so that it works
// without JavaScript and a questionnaire can be pasted from a document:
//
//	## Section title
//	region* single: Which region?
//	- baku: Bakı
//	- ganja: Gəncə
//	trust scale: How much do you trust …?
//
// A question line is its key (a trailing * makes it required), its kind and
// its text; option lines follow a choice question. Quotas are lines of
// "question: option=count, option=count".

// ParseDefinition reads the builder's text in language lang. The error
// names the line that does not fit.
func ParseDefinition(questions, quotas, lang string) (Definition, error) {
	var d Definition
	section := func() *Section {
		if len(d.Sections) == 0 {
			d.Sections = append(d.Sections, Section{})
		}
		return &d.Sections[len(d.Sections)-1]
	}
	for i, line := range strings.Split(questions, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "##"):
			d.Sections = append(d.Sections, Section{Title: text(lang, strings.TrimSpace(strings.TrimLeft(line, "#")))})
		case strings.HasPrefix(line, "-"):
			s := section()
			if len(s.Questions) == 0 {
				return d, fmt.Errorf("line %d: an option before any question", i+1)
			}
			key, label, ok := strings.Cut(strings.TrimSpace(line[1:]), ":")
			if !ok {
				label = key
			}
			q := &s.Questions[len(s.Questions)-1]
			q.Options = append(q.Options, Option{Key: strings.TrimSpace(key), Label: text(lang, strings.TrimSpace(label))})
		default:
			head, body, ok := strings.Cut(line, ":")
			fields := strings.Fields(head)
			if !ok || len(fields) != 2 {
				return d, fmt.Errorf("line %d: expected \"key kind: text\"", i+1)
			}
			q := Question{Key: fields[0], Kind: Kind(fields[1]), Text: text(lang, strings.TrimSpace(body))}
			if k, found := strings.CutSuffix(q.Key, "*"); found {
				q.Key, q.Required = k, true
			}
			if !slices.Contains(Kinds, q.Kind) {
				return d, fmt.Errorf("line %d: unknown kind %q", i+1, fields[1])
			}
			s := section()
			s.Questions = append(s.Questions, q)
		}
	}
	for i, line := range strings.Split(quotas, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		key, rest, ok := strings.Cut(line, ":")
		if !ok {
			return d, fmt.Errorf("quota line %d: expected \"question: option=count, …\"", i+1)
		}
		qu := Quota{Question: strings.TrimSpace(key), Targets: map[string]int{}}
		for part := range strings.SplitSeq(rest, ",") {
			opt, n, ok := strings.Cut(part, "=")
			count, err := strconv.Atoi(strings.TrimSpace(n))
			if !ok || err != nil {
				return d, fmt.Errorf("quota line %d: %q is not option=count", i+1, strings.TrimSpace(part))
			}
			qu.Targets[strings.TrimSpace(opt)] = count
		}
		d.Quotas = append(d.Quotas, qu)
	}
	return d, nil
}

func text(lang, v string) plan.Text {
	if v == "" {
		return nil
	}
	return plan.Text{lang: v}
}

// FormatDefinition writes d as the builder's text in language lang, the
// inverse of ParseDefinition.
func FormatDefinition(d Definition, lang string) (questions, quotas string) {
	var b strings.Builder
	for i, s := range d.Sections {
		if title := s.Title.In(lang).Value; title != "" || i > 0 {
			fmt.Fprintf(&b, "## %s\n", title)
		}
		for _, q := range s.Questions {
			star := ""
			if q.Required {
				star = "*"
			}
			fmt.Fprintf(&b, "%s%s %s: %s\n", q.Key, star, q.Kind, q.Text.In(lang).Value)
			for _, o := range q.Options {
				fmt.Fprintf(&b, "- %s: %s\n", o.Key, o.Label.In(lang).Value)
			}
		}
	}
	var qb strings.Builder
	for _, qu := range d.Quotas {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(qu.Targets)) {
			parts = append(parts, fmt.Sprintf("%s=%d", k, qu.Targets[k]))
		}
		fmt.Fprintf(&qb, "%s: %s\n", qu.Question, strings.Join(parts, ", "))
	}
	return b.String(), qb.String()
}
