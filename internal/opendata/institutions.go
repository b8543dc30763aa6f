package opendata

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"ogpp/internal/i18n"
)

// cut marks a place where one institution's name ends and the next begins
// while a cell is being taken apart. It is a control character, so it never
// occurs in the data itself.
const cut = "\x1f"

// SplitInstitutions splits a cell of OGP's "Lead Institution" or
// "Supporting Institution(s)" column into the names of the organisations it
// lists, in order and without repeats. An absent value (empty, NA, ND, NR,
// N/A, None, Unclear) gives none.
//
// The cells were typed by hand or pasted from PDFs and word processors, so
// no rule reads all of them right; this one is tuned to keep names whole
// first and to split lists second, because a name cut in two creates two
// organisations that do not exist, while an unsplit list merely shows as a
// long name. Its judgement, in order:
//
//   - Bullets (●, •, ▪ and the private-use bullets Word pastes), enumerators
//     at the start of a line or inline ("(a)", "1.", "- "), semicolons and
//     colons end a name. So do the headings of OGP's commitment template
//     ("State actors involved", "CSOs, private sector, multilaterals, working
//     groups", "Other actors involved (Public)"), which are dropped.
//   - A line break is a wrap inside a name, not a list break, when the line
//     before ends with a word that cannot end a name ("of", "and", "de", "y",
//     …), a hyphen or an open parenthesis, or when the next line starts with a
//     small letter, a digit or a parenthesis. A hyphen between letters at a
//     wrap is a hyphenation and is removed ("Go-\nvernment").
//   - When a cell marks its items at the start of lines, a line without a
//     mark continues the item before it.
//   - Otherwise a line break ends a name when either line has white space at
//     the break (lists typed line by line indent or pad their lines; PDF text
//     wrapped at a fixed width does not), and is a wrap when the line before
//     it lists names separated by commas (the PDF case).
//   - A full stop followed by a capital letter ends a name (a sentence
//     listing bodies), except after an initial or "Mr", "Dr", "No" and
//     similar abbreviations.
//   - Commas outside parentheses separate names, except the commas of a
//     ministry's compound name: pieces after "Ministry of …" that start with
//     a capital, are not an acronym, not another body ("Ministry", "Office",
//     "Agency", …) and lead to a piece joined by "and", "y", "e" or "&" are
//     part of the ministry ("Ministry of Local Government, Decentralisation,
//     and Rural Development").
//   - "X and Ministry of Y" names two bodies.
//   - A parenthetical of more than five words is a remark, not part of a
//     name, and is dropped ("(editorial note: …)").
//   - Leading "and", "&", dashes and trailing punctuation are trimmed; "etc."
//     and bare labels ("Government", "Civil Society") are dropped; names
//     that fold to the same text (i18n.Fold) are kept once.
func SplitInstitutions(cell string) []string {
	s := html.UnescapeString(cell)
	if isAbsent(s) {
		return nil
	}
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ", "\u00a0", " ").Replace(s)
	for _, re := range templateHeadings {
		s = re.ReplaceAllString(s, cut)
	}
	s = bulletRE.ReplaceAllString(s, cut)
	s = lineMarkerRE.ReplaceAllString("\n"+s, "\n"+cut)
	s = joinLines(s)
	s = inlineEnumRE.ReplaceAllString(s, cut+"$1")
	s = andMinistryRE.ReplaceAllString(s, cut+"$1")

	var out []string
	seen := map[string]bool{}
	for _, seg := range splitTop(s, strongBreak) {
		for _, name := range splitCommas(seg) {
			name = cleanName(name)
			key := i18n.FoldIn("en", name)
			if name == "" || seen[key] || labels[key] {
				continue
			}
			seen[key] = true
			out = append(out, name)
		}
	}
	return out
}

// absentCodes are the values OGP's data set and its typists use for "no
// value", folded.
var absentCodes = map[string]bool{"": true, "na": true, "nd": true, "nr": true, "n/a": true, "none": true, "unclear": true, "-": true}

// isAbsent reports whether a cell holds no value.
func isAbsent(s string) bool {
	return absentCodes[strings.ToLower(strings.TrimSpace(s))]
}

var (
	templateHeadings = []*regexp.Regexp{
		regexp.MustCompile(`(?i)other\s+actors\s+involved(\s+in\s+the\s+implementation\s+of\s+the\s+commitment)?(\s*\((public|civil\s+society)\))?\s*[-–:]?`),
		regexp.MustCompile(`(?i)state\s+actors\s+involved\s*[-–:]?`),
		regexp.MustCompile(`(?i)csos?,?\s+private\s+sector,?\s+(multilaterals?,?\s+(and\s+)?working\s+groups|working\s+groups,?\s+multilaterals?)(\s+etc\.?)?\b`),
		regexp.MustCompile(`(?i)civil\s+sector\s+organisations,?\s+private\s+sector,?\s+working\s+groups\b`),
		regexp.MustCompile(`(?i)osc,?\s+sector\s+privado,?\s+organizaciones\s+multilaterales,?\s+grupos\s+de\s+trabajo\b`),
		regexp.MustCompile(`(?i)actores\s+de\s+gobierno\b`),
	}
	bulletRE = regexp.MustCompile(`[●•▪◦■\x{f06c}\x{f0b7}\x{f0a7}\x{f0d8}]`)
	// lineMarkerRE finds an enumerator or dash opening a line.
	lineMarkerRE = regexp.MustCompile(`(?m)\n[ ]*(?:[-–—*]|\(?[a-z]\)|\d{1,2}[.)])[ ]+`)
	// inlineEnumRE finds "(b) Name" and "2. Name" inside a line.
	inlineEnumRE = regexp.MustCompile(`(?:^|\s)(?:\([a-z]\)|\d{1,2}\.)\s+(\p{Lu})`)
	// andMinistryRE finds the "and" that joins two ministries.
	andMinistryRE = regexp.MustCompile(`\s+(?:and|&)\s+((?:the\s+)?(?:Ministry|Ministerio|Ministère)\b)`)
	// wrapWords cannot end a name: a line ending with one continues.
	wrapWords = map[string]bool{
		"of": true, "and": true, "for": true, "the": true, "in": true, "on": true, "to": true, "at": true, "with": true, "by": true, "a": true, "an": true,
		"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "y": true, "e": true, "et": true, "du": true, "des": true, "le": true,
		"und": true, "der": true, "van": true, "och": true, "og": true, "&": true,
	}
	// labels are the headings that precede a list rather than name a body.
	labels = map[string]bool{
		"government": true, "civil society": true, "csos": true, "cso": true, "administration": true, "others": true, "other": true,
		"technical partners": true, "employer organizations": true, "employers' organizations": true, "labor organizations": true,
		"trade union organizations": true, "coordinador": true, "state actors": true, "active partners could include": true,
		"government actors": true, "civil society organisations and others": true, "etc": true,
	}
	// bodyWords start the name of a body of its own; a piece starting with
	// one is never the tail of a ministry's name.
	bodyWords = map[string]bool{
		"ministry": true, "ministries": true, "ministerio": true, "ministère": true, "minister": true, "department": true, "office": true,
		"agency": true, "commission": true, "commissioner": true, "council": true, "secretariat": true, "secretaría": true, "secretary": true,
		"authority": true, "service": true, "committee": true, "institute": true, "centre": true, "center": true, "bureau": true,
		"directorate": true, "dirección": true, "unit": true, "parliament": true, "assembly": true, "national": true, "state": true,
		"the": true, "all": true, "other": true, "presidency": true, "government": true, "court": true, "chamber": true, "senate": true,
		"house": true, "municipality": true, "municipal": true, "foundation": true, "fundación": true, "association": true, "agencia": true,
	}
	abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true, "nr": true, "co": true, "jr": true, "sr": true, "gen": true, "dept": true, "art": true, "inc": true, "ph": true,
		"hon": true, "lic": true, "lcdo": true, "lcda": true, "ing": true, "arq": true, "sra": true, "prof": true}
)

// joinLines decides for each line break of s whether it wraps a name or
// separates two, replacing it by a space or a cut.
func joinLines(s string) string {
	lines := strings.Split(s, "\n")
	list := strings.Contains(s, ",")
	marked := strings.Count(s, "\n"+cut) >= 2
	var b strings.Builder
	b.WriteString(lines[0])
	for i := 1; i < len(lines); i++ {
		prev, next := lines[i-1], lines[i]
		p, n := strings.TrimSpace(prev), strings.TrimSpace(next)
		switch {
		case p == "" || n == "" || strings.HasPrefix(n, cut) || strings.HasSuffix(p, cut):
			b.WriteString(cut)
		case hyphenated(p, n):
			// "Go-" + "vernment": drop the hyphen and the break.
			trimmed := strings.TrimRight(b.String(), " ")
			trimmed = strings.TrimSuffix(trimmed, "-")
			b.Reset()
			b.WriteString(trimmed)
			next = strings.TrimLeft(next, " ")
		case marked || wraps(b.String(), p, n):
			b.WriteString(" ")
		case strings.HasSuffix(prev, " ") || strings.HasPrefix(next, " "):
			b.WriteString(cut)
		case list && strings.Contains(p, ","):
			b.WriteString(" ")
		default:
			b.WriteString(cut)
		}
		b.WriteString(next)
	}
	return b.String()
}

// hyphenated reports whether a line ending in a letter and a hyphen is
// continued by a word in small letters, the shape of a hyphenated wrap.
func hyphenated(p, n string) bool {
	if !strings.HasSuffix(p, "-") || len(p) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(p[:len(p)-1])
	first, _ := utf8.DecodeRuneInString(n)
	return unicode.IsLetter(before) && unicode.IsLower(first)
}

// wraps reports whether the break between lines p and n falls inside a
// name; done is the text joined so far.
func wraps(done, p, n string) bool {
	if open := done[strings.LastIndex(done, cut)+1:]; strings.Count(open, "(") > strings.Count(open, ")") {
		return true
	}
	last := p[strings.LastIndexAny(p, " ")+1:]
	if wrapWords[strings.ToLower(last)] || strings.HasSuffix(p, "-") || strings.HasSuffix(p, "(") {
		return true
	}
	first, _ := utf8.DecodeRuneInString(n)
	return unicode.IsLower(first) || unicode.IsDigit(first) || first == '('
}

// splitTop cuts s wherever at reports a break of the given width outside
// parentheses. Parentheses that are never closed (or opened) are ignored,
// so one typing slip does not glue the rest of a cell together.
func splitTop(s string, at func(s string, i int) int) []string {
	depth := parenDepths(s)
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		if depth[i] == 0 {
			if w := at(s, i); w > 0 {
				parts = append(parts, s[start:i])
				i += w
				start = i
				continue
			}
		}
		i++
	}
	return append(parts, s[start:])
}

// parenDepths returns the nesting depth of matched parentheses at each byte
// of s; the parentheses themselves count as inside.
func parenDepths(s string) []int {
	match := make([]int, len(s)) // +1 for a matched "(", -1 for its ")"
	var stack []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			stack = append(stack, i)
		case ')':
			if len(stack) > 0 {
				match[stack[len(stack)-1]] = 1
				match[i] = -1
				stack = stack[:len(stack)-1]
			}
		}
	}
	depth := make([]int, len(s))
	d := 0
	for i := range s {
		if match[i] == 1 {
			d++
		}
		depth[i] = d
		if match[i] == -1 {
			d--
		}
	}
	return depth
}

// strongBreak reports the width of a break that always ends a name: a cut,
// a semicolon, a colon before a space, or a full stop ending a sentence.
func strongBreak(s string, i int) int {
	switch s[i] {
	case cut[0], ';':
		return 1
	case ':':
		if i+1 == len(s) || s[i+1] == ' ' {
			return 1
		}
	case '.':
		if sentenceEnd(s, i) {
			return 1
		}
	}
	return 0
}

// sentenceEnd reports whether the full stop at i ends a sentence: it follows
// a word that is not an initial or an abbreviation and precedes a capital.
func sentenceEnd(s string, i int) bool {
	rest := strings.TrimLeft(s[i+1:], " ")
	if len(rest) == len(s[i+1:]) || rest == "" {
		return false // no space after it: "6.1." or "gov.scot"
	}
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(next) {
		return false
	}
	word := s[:i]
	word = word[strings.LastIndexAny(word, " .("+cut)+1:]
	if utf8.RuneCountInString(word) < 2 || abbreviations[strings.ToLower(word)] {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(word)
	return unicode.IsLetter(last) || last == ')'
}

// splitCommas splits a segment at its commas outside parentheses, keeping
// together the pieces of a ministry's compound name.
func splitCommas(seg string) []string {
	pieces := splitTop(seg, func(s string, i int) int {
		if s[i] == ',' {
			return 1
		}
		return 0
	})
	var out []string
	for i := 0; i < len(pieces); i++ {
		p := pieces[i]
		if isMinistry(p) {
			if j := ministryTail(pieces, i+1); j > i {
				p = strings.Join(pieces[i:j+1], ",")
				i = j
			}
		}
		out = append(out, p)
	}
	return out
}

// ministryTail returns the index of the last piece from i on that belongs to
// the ministry named just before it, or -1 when none does.
func ministryTail(pieces []string, i int) int {
	for j := i; j < len(pieces) && j < i+3; j++ {
		p := strings.TrimSpace(pieces[j])
		words := strings.Fields(p)
		if len(words) == 0 || len(words) > 6 {
			return -1
		}
		first := strings.ToLower(words[0])
		if first == "and" || first == "&" {
			return j
		}
		r, _ := utf8.DecodeRuneInString(words[0])
		if !unicode.IsUpper(r) || bodyWords[first] || isAcronym(words[0]) {
			return -1
		}
		for _, w := range words[1:] {
			if w == "and" || w == "y" || w == "e" || w == "&" {
				return j
			}
		}
	}
	return -1
}

func isMinistry(p string) bool {
	w := strings.Fields(p)
	if len(w) > 0 && strings.EqualFold(w[0], "the") {
		w = w[1:]
	}
	if len(w) == 0 {
		return false
	}
	switch strings.ToLower(w[0]) {
	case "ministry", "ministerio", "ministère":
		return true
	}
	return false
}

// isAcronym reports whether a word is written in capitals, like "GHEITI" or
// "NGO".
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

var (
	remarkRE = regexp.MustCompile(`\s*\([^()]*(?:\([^()]*\)[^()]*)*\)`)
	spacesRE = regexp.MustCompile(`\s+`)
)

// cleanName trims what surrounds a name and drops long parenthetical
// remarks.
func cleanName(s string) string {
	s = remarkRE.ReplaceAllStringFunc(s, func(p string) string {
		if len(strings.Fields(p)) > 5 {
			return ""
		}
		return p
	})
	s = strings.TrimSpace(spacesRE.ReplaceAllString(s, " "))
	for {
		before := s
		s = strings.TrimLeft(s, "-–—*,.;: ")
		s = strings.TrimRight(s, "-–—*,;: ")
		s = strings.TrimSuffix(s, ".")
		for _, p := range []string{"and ", "& ", "y ", "et "} {
			if strings.HasPrefix(s, p) {
				s = s[len(p):]
			}
		}
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), " etc"))
		if s == before {
			break
		}
	}
	if isAbsent(s) {
		return ""
	}
	return s
}
