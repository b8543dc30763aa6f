package survey

import (
	"slices"
	"strconv"
)

// Count is how many responses gave one answer, and their share.
type Count struct {
	Key   string
	Label string
	N     int
	// Percent is N over the responses that answered the question, in
	// percent; for a multiple choice the shares add up to more than 100.
	Percent float64
}

// QuestionResult is the tally of one question.
type QuestionResult struct {
	Question Question
	// Answered is the number of responses that answered the question.
	Answered int
	// Counts are per option (choice), per point 1–5 (scale); empty for
	// number and text questions.
	Counts []Count
	// Mean is the average of a number or scale question's answers.
	Mean float64
	// Texts are the answers to a text question, in response order.
	Texts []string
}

// QuotaProgress is one option's progress toward its quota.
type QuotaProgress struct {
	Key, Label string
	Target, N  int
	// Percent is N over Target, in percent (0 when there is no target).
	Percent float64
}

// QuotaResult is a quota's progress per option.
type QuotaResult struct {
	Question Question
	Options  []QuotaProgress
}

// Results are what a survey's responses add up to.
type Results struct {
	Responses  int
	SampleSize int
	// SamplePercent is Responses over SampleSize, in percent.
	SamplePercent float64
	Questions     []QuestionResult
	Quotas        []QuotaResult
}

// percent is n over of in percent, rounded to one decimal; 0 over nothing.
func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(int(float64(n)*1000/float64(of)+0.5)) / 10
}

// Tally computes the results of responses to s, labels in lang.
func Tally(s Survey, responses []Response, lang string) Results {
	res := Results{Responses: len(responses), SampleSize: s.SampleSize, SamplePercent: percent(len(responses), s.SampleSize)}
	for _, q := range s.Questions() {
		qr := QuestionResult{Question: q}
		counts := map[string]int{}
		var sum float64
		for _, r := range responses {
			vals := r.Answers[q.Key]
			if len(vals) == 0 {
				continue
			}
			qr.Answered++
			switch q.Kind {
			case SingleChoice, MultipleChoice, Scale:
				for _, v := range vals {
					counts[v]++
				}
			case ShortText, LongText:
				qr.Texts = append(qr.Texts, vals[0])
			}
			if q.Kind == Scale || q.Kind == Number {
				f, _ := strconv.ParseFloat(vals[0], 64)
				sum += f
			}
		}
		switch q.Kind {
		case SingleChoice, MultipleChoice:
			for _, o := range q.Options {
				qr.Counts = append(qr.Counts, Count{Key: o.Key, Label: o.Label.In(lang).Value, N: counts[o.Key], Percent: percent(counts[o.Key], qr.Answered)})
			}
		case Scale:
			for i := 1; i <= 5; i++ {
				k := strconv.Itoa(i)
				qr.Counts = append(qr.Counts, Count{Key: k, Label: k, N: counts[k], Percent: percent(counts[k], qr.Answered)})
			}
		}
		if (q.Kind == Scale || q.Kind == Number) && qr.Answered > 0 {
			qr.Mean = sum / float64(qr.Answered)
		}
		res.Questions = append(res.Questions, qr)
	}
	for _, qu := range s.Definition.Quotas {
		q, ok := s.Question(qu.Question)
		if !ok {
			continue
		}
		qr := QuotaResult{Question: q}
		for _, o := range q.Options {
			target, ok := qu.Targets[o.Key]
			if !ok {
				continue
			}
			n := 0
			for _, r := range responses {
				if r.Answers.Value(q.Key) == o.Key {
					n++
				}
			}
			qr.Options = append(qr.Options, QuotaProgress{Key: o.Key, Label: o.Label.In(lang).Value, Target: target, N: n, Percent: percent(n, target)})
		}
		res.Quotas = append(res.Quotas, qr)
	}
	return res
}

// CrossTab counts the responses by the answers to two single-choice
// questions: Cells[i][j] is the number of responses that chose Rows[i] and
// Cols[j].
type CrossTab struct {
	Row, Col   Question
	Rows, Cols []Count
	Cells      [][]int
	Total      int
}

// Cross tabulates question row by question col; ok is false unless both
// are single-choice questions of s.
func Cross(s Survey, responses []Response, row, col, lang string) (CrossTab, bool) {
	rq, ok1 := s.Question(row)
	cq, ok2 := s.Question(col)
	if !ok1 || !ok2 || rq.Kind != SingleChoice || cq.Kind != SingleChoice || row == col {
		return CrossTab{}, false
	}
	ct := CrossTab{Row: rq, Col: cq, Cells: make([][]int, len(rq.Options))}
	for i := range ct.Cells {
		ct.Cells[i] = make([]int, len(cq.Options))
	}
	for _, r := range responses {
		i := slices.IndexFunc(rq.Options, func(o Option) bool { return o.Key == r.Answers.Value(row) })
		j := slices.IndexFunc(cq.Options, func(o Option) bool { return o.Key == r.Answers.Value(col) })
		if i < 0 || j < 0 {
			continue
		}
		ct.Cells[i][j]++
		ct.Total++
	}
	for i, o := range rq.Options {
		n := 0
		for _, c := range ct.Cells[i] {
			n += c
		}
		ct.Rows = append(ct.Rows, Count{Key: o.Key, Label: o.Label.In(lang).Value, N: n, Percent: percent(n, ct.Total)})
	}
	for j, o := range cq.Options {
		n := 0
		for i := range ct.Cells {
			n += ct.Cells[i][j]
		}
		ct.Cols = append(ct.Cols, Count{Key: o.Key, Label: o.Label.In(lang).Value, N: n, Percent: percent(n, ct.Total)})
	}
	return ct, true
}
