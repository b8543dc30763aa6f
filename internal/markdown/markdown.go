// Package markdown renders what users write in markdown (narratives of
// assessments, drafts) as HTML that is safe to put in a page: goldmark
// never passes raw HTML through, and bluemonday's policy for user content
// removes whatever else could run script or load something from another
// site.
package markdown

import (
	"bytes"
	"html/template"
	"regexp"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkRel is what every link users write carries: search engines should
// not credit the pages monitors cite, and the pages opened should not
// reach back into ogpp's window.
const linkRel = "nofollow noopener"

// headingShift moves users' headings down by two levels: a narrative sits
// under a page's h1 and a section's h2, so its "# Findings" is an h3.
const headingShift = 2

// maxSource bounds what is rendered; longer text is cut rather than let one
// field cost unbounded time on every page view.
const maxSource = 200_000

var (
	md = goldmark.New(
		// Tables, ~~strikethrough~~ and bare web addresses as links: what
		// people type in reports. Raw HTML stays off (goldmark's default):
		// it is shown as a comment-free gap, never passed through.
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(tidy{}, 100))),
	)
	policy = newPolicy()
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + linkRel + `$`)).OnElements("a")
	p.RequireNoFollowOnLinks(true)
	// Only web and mail links: javascript:, data: and the like are dropped
	// with the href (UGCPolicy's own list, stated here so that it stays so).
	p.AllowURLSchemes("http", "https", "mailto")
	return p
}

// ToHTML renders markdown as sanitised HTML. Empty text renders as
// nothing.
func ToHTML(src string) template.HTML {
	if src == "" {
		return ""
	}
	if len(src) > maxSource {
		n := maxSource
		for n > 0 && !utf8.RuneStart(src[n]) {
			n--
		}
		src = src[:n]
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when writing fails, which a buffer does not;
		// show the text as text rather than nothing.
		return template.HTML(template.HTMLEscapeString(src))
	}
	// The sanitiser's output is what makes this conversion safe.
	return template.HTML(policy.SanitizeBytes(buf.Bytes())) //nolint:gosec
}

// tidy adjusts the parsed document before it is rendered: links get
// linkRel, headings move down headingShift levels, and images become
// links to them, since a page must make no request to another site (and
// the Content-Security-Policy would block the image anyway).
type tidy struct{}

// Transform is goldmark's hook into the parsed document.
func (tidy) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink:
			n.SetAttributeString("rel", []byte(linkRel))
		case *ast.Heading:
			n.Level = min(6, n.Level+headingShift)
		case *ast.Image:
			images = append(images, n)
		}
		return ast.WalkContinue, nil
	})
	// Replaced after the walk: changing the tree while walking it skips
	// nodes.
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		link.SetAttributeString("rel", []byte(linkRel))
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if link.ChildCount() == 0 {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}
