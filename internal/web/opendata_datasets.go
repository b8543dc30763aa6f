package web

import (
	"context"
	"strconv"

	"ogpp/internal/portal"
)

// fieldType is a Frictionless Table Schema type of a CSV column.
type fieldType string

// The column types the public CSVs use. Dates are YYYY-MM-DD, times RFC
// 3339 in UTC; an empty cell is a missing value of any type.
const (
	typeString   fieldType = "string"
	typeInteger  fieldType = "integer"
	typeNumber   fieldType = "number"
	typeDate     fieldType = "date"
	typeDateTime fieldType = "datetime"
	typeBoolean  fieldType = "boolean"
)

// dataField is one column of a data set's CSV. A boolean column written
// yes/no rather than true/false names its words.
type dataField struct {
	Name        string    `json:"name"`
	Type        fieldType `json:"type"`
	TrueValues  []string  `json:"trueValues,omitempty"`
	FalseValues []string  `json:"falseValues,omitempty"`
}

// dataSet is one public data set: its CSV endpoint (and JSON twin, when
// there is one), and the one declaration of its columns' names and types,
// which the bundle's datapackage.json publishes and a test holds the
// endpoint to.
type dataSet struct {
	Name portal.DataSet
	// CSV and JSON are the endpoints' paths; for a data set published as
	// one file per round or scorecard, files lists them instead.
	CSV, JSON  string
	Fields     []dataField
	PrimaryKey []string
	// available says whether the server has the store the data set
	// comes from.
	available func(*Server) bool
	// files lists the data set's files when it has one per item.
	files func(context.Context, *Server) ([]dataFile, error)
}

// dataFile is one file of a data set: its resource name in the data
// package, its path in the bundle and the endpoint it is read from.
type dataFile struct {
	Resource, Path, CSV string
}

// Files lists the data set's files.
func (d dataSet) Files(ctx context.Context, s *Server) ([]dataFile, error) {
	if d.files != nil {
		return d.files(ctx, s)
	}
	return []dataFile{{Resource: string(d.Name), Path: string(d.Name) + ".csv", CSV: d.CSV}}, nil
}

// TitleKey is the catalogue key of the data set's title.
func (d dataSet) TitleKey() string { return "opendata.set." + string(d.Name) + ".title" }

// DescriptionKey is the catalogue key of the data set's description.
func (d dataSet) DescriptionKey() string { return "opendata.set." + string(d.Name) + ".desc" }

// PerItem says whether the data set is one file per round or scorecard.
func (d dataSet) PerItem() bool { return d.files != nil }

// stringColumns are text columns.
func stringColumns(names ...string) []dataField {
	out := make([]dataField, len(names))
	for i, n := range names {
		out[i] = dataField{Name: n, Type: typeString}
	}
	return out
}

// typedColumns are columns of one type.
func typedColumns(t fieldType, names ...string) []dataField {
	out := stringColumns(names...)
	for i := range out {
		out[i].Type = t
	}
	return out
}

// yesNoColumn is a boolean column written yes or no.
func yesNoColumn(name string) dataField {
	return dataField{Name: name, Type: typeBoolean, TrueValues: []string{"yes"}, FalseValues: []string{"no"}}
}

// translatedColumns is a translatable column, one per interface language.
func translatedColumns(name string) []dataField { return stringColumns(textHeader(name)...) }

// dataColumns joins groups of columns in order.
func dataColumns(parts ...[]dataField) []dataField {
	var out []dataField
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// alwaysAvailable is the availability of the registry's data sets, which
// every server has.
func alwaysAvailable(*Server) bool { return true }

// dataSets is the registry of ogpp's public data sets, in the order the
// open-data page lists them. Each column's type is declared here and
// nowhere else.
var dataSets = []dataSet{
	{Name: portal.OGPMembers, CSV: "/api/v1/members.csv", JSON: "/api/v1/members", available: alwaysAvailable, PrimaryKey: []string{"slug"},
		Fields: dataColumns(stringColumns("slug"), translatedColumns("name"), stringColumns("kind", "region", "code", "plans"))},
	{Name: portal.Plans, CSV: "/api/v1/plans.csv", JSON: "/api/v1/plans", available: alwaysAvailable, PrimaryKey: []string{"id"},
		Fields: dataColumns(typedColumns(typeInteger, "id"), stringColumns("external_id", "member_slug"), translatedColumns("member_name"), typedColumns(typeInteger, "number"),
			translatedColumns("title"), stringColumns("period"), typedColumns(typeDate, "start", "end"), stringColumns("approved", "source", "source_url"),
			typedColumns(typeInteger, "measure_count"), typedColumns(typeDateTime, "updated_at"))},
	{Name: portal.Measures, CSV: "/api/v1/measures.csv", JSON: "/api/v1/measures", available: alwaysAvailable, PrimaryKey: []string{"id"},
		Fields: dataColumns(typedColumns(typeInteger, "id"), stringColumns("external_id"), typedColumns(typeInteger, "plan_id"), stringColumns("plan_external_id", "member_slug"),
			typedColumns(typeInteger, "area_id"), stringColumns("area_number", "clause"), translatedColumns("title"), translatedColumns("description"), translatedColumns("indicator"),
			stringColumns("period"), typedColumns(typeDate, "start", "end"), stringColumns("ogp_values", "tags", "responsible", "recommended", "supporting", "source", "source_url"),
			typedColumns(typeDateTime, "updated_at"))},
	{Name: portal.Organisations, CSV: "/api/v1/organisations.csv", JSON: "/api/v1/organisations", available: alwaysAvailable, PrimaryKey: []string{"id"},
		Fields: dataColumns(typedColumns(typeInteger, "id"), translatedColumns("name"), stringColumns("kind", "member_slug"), typedColumns(typeInteger, "measure_count"))},
	{Name: portal.Assessments, PrimaryKey: []string{"assessment_id"},
		available: func(s *Server) bool { return s.monitor != nil && s.catalogue != nil },
		files:     roundFiles,
		Fields: dataColumns(typedColumns(typeInteger, "round_id"), stringColumns("round_external_id"), typedColumns(typeInteger, "assessment_id", "measure_id"),
			stringColumns("measure_external_id", "clause"), translatedColumns("title"), stringColumns("completion"), []dataField{yesNoColumn("verifiable")},
			stringColumns("relevance", "potential_impact", "did_it_open_government", "early_results"), []dataField{yesNoColumn("starred")},
			stringColumns("narrative", "links"), typedColumns(typeInteger, "files", "version"), typedColumns(typeDateTime, "updated_at"), stringColumns("source"))},
	{Name: portal.PlatformMembers, CSV: "/members.csv", PrimaryKey: []string{"membership_id"},
		available: func(s *Server) bool { return s.members != nil },
		Fields: dataColumns(typedColumns(typeInteger, "membership_id", "organisation_id"), translatedColumns("organisation"), stringColumns("kind"), typedColumns(typeDate, "member_since"),
			stringColumns("status"), typedColumns(typeDate, "status_since"), stringColumns("representatives", "representative_positions"))},
	{Name: portal.Activities, CSV: "/activities.csv", PrimaryKey: []string{"id"},
		available: func(s *Server) bool { return s.projects != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id", "project_id"), translatedColumns("project"), stringColumns("number"),
			translatedColumns("title"), stringColumns("clause", "status"))},
	{Name: portal.Events, CSV: "/events.csv", JSON: "/api/v1/events", PrimaryKey: []string{"id"},
		available: func(s *Server) bool { return s.events != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id"), stringColumns("kind"), translatedColumns("title"), typedColumns(typeDateTime, "start", "end"),
			stringColumns("place", "region", "status", "online_url", "recording_url"), typedColumns(typeInteger, "activity_id"), stringColumns("measure_ids"),
			typedColumns(typeInteger, "capacity"), typedColumns(typeDateTime, "updated_at"))},
	{Name: portal.Scorecards, JSON: "/api/v1/scorecards", PrimaryKey: []string{"organisation_id", "criterion_id"},
		available: func(s *Server) bool { return s.scorecards != nil },
		files:     scorecardFiles,
		Fields: dataColumns(typedColumns(typeInteger, "rank", "organisation_id"), stringColumns("organisation"), typedColumns(typeNumber, "total_percent"),
			typedColumns(typeInteger, "scored_cells", "cells", "criterion_id"), stringColumns("criterion"), typedColumns(typeInteger, "weight", "min", "max", "score"),
			stringColumns("evidence", "note"))},
	{Name: portal.Library, CSV: "/library.csv", JSON: "/api/v1/library", PrimaryKey: []string{"type", "id"},
		available: func(s *Server) bool { return s.library != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id"), stringColumns("type", "kind"), typedColumns(typeDate, "date"), stringColumns("language", "title"),
			translatedColumns("draft_title"), typedColumns(typeInteger, "files"), stringColumns("url"))},
	{Name: portal.News, CSV: "/news.csv", PrimaryKey: []string{"id"},
		available: func(s *Server) bool { return s.news != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id"), typedColumns(typeDateTime, "published_at"), stringColumns("language", "title", "body"),
			typedColumns(typeInteger, "plan_id", "event_id"), stringColumns("url"))},
	{Name: portal.Media, CSV: "/media.csv", PrimaryKey: []string{"id"},
		available: func(s *Server) bool { return s.appeals.Store != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id"), typedColumns(typeDate, "published_on"), stringColumns("outlet", "kind", "title", "url"),
			typedColumns(typeInteger, "activity_id", "event_id", "measure_id"), stringColumns("measure_clause"))},
	{Name: portal.Appeals, CSV: "/appeals.csv", PrimaryKey: []string{"id"},
		available: func(s *Server) bool { return s.appeals.Store != nil },
		Fields: dataColumns(typedColumns(typeInteger, "id"), stringColumns("kind"), typedColumns(typeInteger, "reply_days", "addressee_id"), translatedColumns("addressee"),
			stringColumns("reference"), typedColumns(typeDate, "sent_on", "deadline"), stringColumns("status"), typedColumns(typeDate, "status_on"),
			[]dataField{{Name: "answered_late", Type: typeBoolean}}, typedColumns(typeDate, "first_reply_on"), typedColumns(typeInteger, "replies"),
			translatedColumns("subject"), typedColumns(typeInteger, "activity_id", "measure_id"), stringColumns("measure_clause"), typedColumns(typeDate, "closed_on"),
			[]dataField{{Name: "documents_public", Type: typeBoolean}})},
}

// roundFiles lists one file of assessments per published round.
func roundFiles(ctx context.Context, s *Server) ([]dataFile, error) {
	rounds, err := s.catalogue.PublishedRounds(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]dataFile, 0, len(rounds))
	for _, rd := range rounds {
		id := strconv.FormatInt(rd.ID, 10)
		out = append(out, dataFile{Resource: "round-" + id + "-assessments", Path: "assessments/round-" + id + ".csv",
			CSV: "/api/v1/rounds/" + id + "/assessments.csv"})
	}
	return out, nil
}

// scorecardFiles lists one file of scores per published scorecard.
func scorecardFiles(ctx context.Context, s *Server) ([]dataFile, error) {
	cards, err := s.scorecards.ListScorecards(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]dataFile, 0, len(cards))
	for _, c := range cards {
		id := strconv.FormatInt(c.ID, 10)
		out = append(out, dataFile{Resource: "scorecard-" + id, Path: "scorecards/scorecard-" + id + ".csv", CSV: "/scorecards/" + id + "/scores.csv"})
	}
	return out, nil
}

// availableDataSets are the data sets this server has the stores of.
func (s *Server) availableDataSets() []dataSet {
	var out []dataSet
	for _, d := range dataSets {
		if d.available(s) {
			out = append(out, d)
		}
	}
	return out
}
