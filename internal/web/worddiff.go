package web

import (
	"strings"
	"unicode"
)

// wordPart is a run of a text in a word diff: unchanged, or removed from
// the old text (on the old side) or added to the new one (on the new side).
type wordPart struct {
	Text    string
	Changed bool
}

// maxWordDiffCells bounds the table the word diff fills (old words × new
// words left once the common start and end are set aside): about 4 MB.
// Two long texts rewritten throughout show as wholly removed and wholly
// added instead, which is what they are to a reader anyway.
const maxWordDiffCells = 1 << 20

// wordDiff compares two texts word by word and returns each marked up: the
// old text with the words the new one lacks marked changed, and the new
// text with the words the old one lacks. Both texts come back whole, white
// space included, so that each side reads as it was written.
func wordDiff(oldText, newText string) (oldParts, newParts []wordPart) {
	a, b := splitWords(oldText), splitWords(newText)
	// The common start and end cost nothing to find and are most of a
	// typical edit, which keeps the table small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	aChanged, bChanged := make([]bool, len(a)), make([]bool, len(b))
	keepA, keepB := commonWords(am, bm)
	for i := range am {
		aChanged[pre+i] = !keepA[i]
	}
	for j := range bm {
		bChanged[pre+j] = !keepB[j]
	}
	return joinParts(a, aChanged), joinParts(b, bChanged)
}

// commonWords marks the words of a and b that belong to a longest common
// subsequence of the two; past maxWordDiffCells it marks none.
func commonWords(a, b []string) (keepA, keepB []bool) {
	keepA, keepB = make([]bool, len(a)), make([]bool, len(b))
	if len(a) == 0 || len(b) == 0 || len(a)*len(b) > maxWordDiffCells {
		return keepA, keepB
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:], in one flat slice.
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	// A lone common word between changes ("of" in a rewritten sentence)
	// is a coincidence, not text the reader kept: marking it unchanged
	// splits one rewrite into fragments. Runs of such matches with at most
	// one word are left out. The common start and end were set aside
	// before, so every run here has changes on both sides.
	for start := 0; start < len(pairs); {
		end := start + 1
		for end < len(pairs) && pairs[end][0] == pairs[end-1][0]+1 && pairs[end][1] == pairs[end-1][1]+1 {
			end++
		}
		words := 0
		for _, p := range pairs[start:end] {
			if !isSpace(a[p[0]]) {
				words++
			}
		}
		if words > 1 {
			for _, p := range pairs[start:end] {
				keepA[p[0]], keepB[p[1]] = true, true
			}
		}
		start = end
	}
	return keepA, keepB
}

// splitWords cuts s into words and the runs of white space between them,
// so that joining the pieces gives s back.
func splitWords(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if i > start && space != inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// joinParts merges neighbouring pieces of the same kind. White space
// between two changed words counts as changed, so that a rewritten phrase
// is marked as one run rather than word by word.
func joinParts(words []string, changed []bool) []wordPart {
	for i := 1; i+1 < len(words); i++ {
		if !changed[i] && changed[i-1] && changed[i+1] && isSpace(words[i]) {
			changed[i] = true
		}
	}
	var out []wordPart
	var run strings.Builder
	for i, w := range words {
		run.WriteString(w)
		if i+1 == len(words) || changed[i+1] != changed[i] {
			out = append(out, wordPart{Text: run.String(), Changed: changed[i]})
			run.Reset()
		}
	}
	return out
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return s != ""
}
