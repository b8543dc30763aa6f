package drafts

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"ogpp/internal/i18n"
)

// Preamble is the slug of the text before a draft's first heading. Slugs
// of headings never contain "_" (see Slug), so it names nothing else.
const Preamble = "_"

// maxSlug bounds a slug, in characters: it goes into links and forms.
const maxSlug = 80

// Section is a part of a draft's text that starts at a heading: the unit
// comments attach to, and the unit of the diff between versions. Sections
// are flat: a subheading starts a section of its own, so that a comment on
// a subsection stays with it.
type Section struct {
	// Slug identifies the section within a version, from its heading (see
	// Slug); Preamble for the text before the first heading.
	Slug    string
	Heading string // the heading's text, "" for the preamble
	Level   int    // 1-6 for "#" to "######", 0 for the preamble
	// Source is the section as written: its heading line and its body.
	Source string
	// Paragraphs are the body's blocks (paragraphs, lists, quotes, code,
	// tables) in markdown, numbered from 1 by comments.
	Paragraphs []string
}

// Split cuts a draft's markdown into sections at its ATX headings ("# …"
// to "###### …", the form people type), skipping lines inside fenced code.
// A preamble with nothing in it is left out. Slugs are unique within the
// text: a repeated heading gets "-2", "-3".
func Split(src string) []Section {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.Split(src, "\n")
	var out []Section
	cur := Section{Slug: Preamble}
	var body []string
	flush := func() {
		text := strings.Join(body, "\n")
		if cur.Level > 0 || strings.TrimSpace(text) != "" {
			if cur.Level > 0 {
				cur.Source = strings.TrimRight(headingLine(cur)+"\n"+text, "\n")
			} else {
				cur.Source = strings.Trim(text, "\n")
			}
			cur.Paragraphs = blocks(body)
			out = append(out, cur)
		}
		body = nil
	}
	fence := ""
	for _, line := range lines {
		if fence != "" {
			if isFenceClose(line, fence) {
				fence = ""
			}
			body = append(body, line)
			continue
		}
		if f := fenceOpen(line); f != "" {
			fence = f
			body = append(body, line)
			continue
		}
		if level, text, ok := atxHeading(line); ok {
			flush()
			cur = Section{Heading: text, Level: level}
			continue
		}
		body = append(body, line)
	}
	flush()
	seen := map[string]int{}
	for i := range out {
		if out[i].Level == 0 {
			continue
		}
		s := Slug(out[i].Heading)
		seen[s]++
		if n := seen[s]; n > 1 {
			s += "-" + strconv.Itoa(n)
			seen[s]++
		}
		out[i].Slug = s
	}
	return out
}

// headingLine writes a section's heading back as markdown.
func headingLine(s Section) string {
	return strings.Repeat("#", s.Level) + " " + s.Heading
}

// HeadingMarkdown is the section's heading as a line of markdown, for
// rendering it apart from the body; "" for the preamble.
func (s Section) HeadingMarkdown() string {
	if s.Level == 0 {
		return ""
	}
	return headingLine(s)
}

// Slug turns a heading into the identifier of its section: lowercased the
// Azerbaijani way (so "İctimai" and "ictimai" agree), letters and digits of
// any alphabet kept, every other run of characters one "-". A heading with
// no letter or digit is "section".
func Slug(heading string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range i18n.Fold(heading) {
		if n >= maxSlug {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// atxHeading reads an ATX heading: up to three spaces, one to six "#", a
// space (or nothing), the text, and an optional closing run of "#".
func atxHeading(line string) (int, string, bool) {
	trimmed := strings.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return 0, "", false
	}
	level := 0
	for level < len(trimmed) && trimmed[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, "", false
	}
	rest := trimmed[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, "", false
	}
	rest = strings.TrimSpace(rest)
	// A closing sequence is "#"s preceded by a space (or the whole rest).
	if t := strings.TrimRight(rest, "#"); t != rest && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		rest = strings.TrimSpace(t)
	}
	return level, rest, true
}

// fenceOpen returns the fence a line opens (``` or ~~~, three or more),
// or "".
func fenceOpen(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return ""
	}
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(t) && t[n] == c {
			n++
		}
		if n >= 3 && (c == '~' || !strings.Contains(t[n:], "`")) {
			return t[:n]
		}
	}
	return ""
}

// isFenceClose reports whether a line closes the fence.
func isFenceClose(line, fence string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// blocks cuts a section's body into its blocks at blank lines. A blank line
// inside fenced code does not end a block, nor does one between items of a
// list or before a list item's indented continuation: a loose list is one
// block, as a reader sees it.
func blocks(lines []string) []string {
	var out []string
	var cur []string
	pendingBlank := 0
	fence := ""
	list := false
	emit := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
		}
		cur, pendingBlank, list = nil, 0, false
	}
	for _, line := range lines {
		if fence != "" {
			for ; pendingBlank > 0; pendingBlank-- {
				cur = append(cur, "")
			}
			cur = append(cur, line)
			if isFenceClose(line, fence) {
				fence = ""
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				pendingBlank++
			}
			continue
		}
		if pendingBlank > 0 {
			if list && (listItem(line) || indented(line)) {
				for ; pendingBlank > 0; pendingBlank-- {
					cur = append(cur, "")
				}
			} else {
				emit()
			}
		}
		if len(cur) == 0 {
			list = listItem(line)
		}
		if f := fenceOpen(line); f != "" {
			fence = f
		}
		cur = append(cur, line)
	}
	emit()
	return out
}

// listItem reports whether a line starts a list item: "-", "*" or "+", or
// a number and "." or ")", then a space.
func listItem(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" {
		return false
	}
	if (t[0] == '-' || t[0] == '*' || t[0] == '+') && len(t) > 1 && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

// indented reports whether a line continues a list item.
func indented(line string) bool {
	return strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
}

// Change says how a section differs between two versions.
type Change string

// Changes of a section between versions.
const (
	Unchanged Change = "unchanged"
	Changed   Change = "changed"
	Added     Change = "added"
	Removed   Change = "removed"
)

// SectionDiff is one section of the comparison of two versions: the
// section as it was (Old) and as it is (New), "" on the side that lacks it.
type SectionDiff struct {
	Change Change
	// Slug and Heading are the newer version's, or the older one's for a
	// removed section; OldHeading is the older version's heading.
	Slug       string
	Heading    string
	OldHeading string
	Level      int
	Old, New   string
}

// maxDiffCells bounds the table aligning the sections of two versions;
// past it sections are paired by slug alone, in order.
const maxDiffCells = 1 << 20

// Diff compares two versions section by section, in the newer version's
// order with removed sections where they stood. Sections are paired by
// slug; between two paired sections, an unpaired section of the older
// version is paired with one of the newer whose body is mostly the same
// words (a renamed heading is a changed section, not one removed and one
// added), and what is left is removed or added. A word-level comparison of
// each changed section is the web layer's.
func Diff(older, newer string) []SectionDiff {
	a, b := Split(older), Split(newer)
	var pairs [][2]int
	i, j := 0, 0
	for _, p := range append(alignSections(a, b), [2]int{len(a), len(b)}) {
		pairs = append(pairs, similarPairs(a[i:p[0]], b[j:p[1]], i, j)...)
		if p[0] < len(a) {
			pairs = append(pairs, p)
		}
		i, j = p[0]+1, p[1]+1
	}
	var out []SectionDiff
	i, j = 0, 0
	for _, p := range append(pairs, [2]int{len(a), len(b)}) {
		for ; i < p[0]; i++ {
			out = append(out, SectionDiff{Change: Removed, Slug: a[i].Slug, Heading: a[i].Heading, OldHeading: a[i].Heading, Level: a[i].Level, Old: a[i].Source})
		}
		for ; j < p[1]; j++ {
			out = append(out, SectionDiff{Change: Added, Slug: b[j].Slug, Heading: b[j].Heading, Level: b[j].Level, New: b[j].Source})
		}
		if p[0] < len(a) && p[1] < len(b) {
			out = append(out, pairDiff(a[i], b[j]))
		}
		i, j = p[0]+1, p[1]+1
	}
	return out
}

// similarPairs pairs, in order, the sections of a gap whose bodies share
// at least half their words; offA and offB place the gap in the texts.
func similarPairs(a, b []Section, offA, offB int) [][2]int {
	var out [][2]int
	from := 0
	for i := range a {
		for j := from; j < len(b); j++ {
			if similar(a[i], b[j]) {
				out = append(out, [2]int{offA + i, offB + j})
				from = j + 1
				break
			}
		}
	}
	return out
}

// similar reports whether two sections' bodies share at least half of the
// words either has (a Jaccard index of ½ or more); two empty bodies are
// similar.
func similar(a, b Section) bool {
	wa, wb := wordSet(a.Paragraphs), wordSet(b.Paragraphs)
	if len(wa) == 0 && len(wb) == 0 {
		return true
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2*common >= len(wa)+len(wb)-common
}

func wordSet(paragraphs []string) map[string]bool {
	out := map[string]bool{}
	for _, p := range paragraphs {
		for _, w := range strings.Fields(i18n.Fold(p)) {
			out[w] = true
		}
	}
	return out
}

func pairDiff(a, b Section) SectionDiff {
	d := SectionDiff{Change: Changed, Slug: b.Slug, Heading: b.Heading, OldHeading: a.Heading, Level: b.Level, Old: a.Source, New: b.Source}
	if a.Source == b.Source {
		d.Change = Unchanged
	}
	return d
}

// alignSections returns the index pairs of the sections of a and b with the
// same slug, in order: a longest common subsequence of the two slug lists.
func alignSections(a, b []Section) [][2]int {
	if len(a)*len(b) > maxDiffCells {
		return greedyAlign(a, b)
	}
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i].Slug == b[j].Slug:
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
		case a[i].Slug == b[j].Slug:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// greedyAlign pairs sections of the same slug in order, without looking
// back: good enough for texts too large to align properly.
func greedyAlign(a, b []Section) [][2]int {
	var pairs [][2]int
	i := 0
	for j := range b {
		for k := i; k < len(a); k++ {
			if a[k].Slug == b[j].Slug {
				pairs = append(pairs, [2]int{k, j})
				i = k + 1
				break
			}
		}
	}
	return pairs
}

// SectionOf returns the section of src with the slug, and whether there is
// one.
func SectionOf(src, slug string) (Section, bool) {
	for _, s := range Split(src) {
		if s.Slug == slug {
			return s, true
		}
	}
	return Section{}, false
}

// Excerpt shortens text to about n characters at a word boundary, for
// quoting the paragraph a comment is about.
func Excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	runes := []rune(text)[:n]
	cut := string(runes)
	if k := strings.LastIndexByte(cut, ' '); k > n/2 {
		cut = cut[:k]
	}
	return cut + "…"
}
