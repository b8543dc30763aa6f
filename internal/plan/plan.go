// Package plan holds the registry of National Action Plans: members (a
// country or a locality), their action plans, areas, measures (commitments)
// and milestones, and the organisations that execute measures. It has no SQL
// and no HTTP; the store implements Registry for both databases.
package plan

import "time"

// MemberKind says whether an OGP member is a national government or a local one.
type MemberKind string

// Member kinds, as OGP's data set's "National Or Local" column distinguishes them.
const (
	MemberCountry  MemberKind = "country"
	MemberLocality MemberKind = "locality"
)

// Member is an OGP member: a country or a locality with its own action plans.
type Member struct {
	ID     int64      `json:"-"`
	Slug   string     `json:"slug"` // stable identifier, e.g. "azerbaijan", "buenos-aires-argentina"
	Name   Text       `json:"name"`
	Kind   MemberKind `json:"kind"`
	Region string     `json:"region,omitempty"` // OGP's region, e.g. "Europe"
	Code   string     `json:"code,omitempty"`   // OGP's code, e.g. "AZE"
}

// Plan is one action plan of a member.
type Plan struct {
	ID         int64
	ExternalID string // OGP's "Action Plan ID" (AP_ALB01) or ogpp's own
	MemberID   int64
	Member     Member // filled when read with its member
	Number     int    // the member's nth plan; 0 when unknown
	Title      Text
	Period     Period
	Approved   string // how and when it was adopted, as written
	Source     string // where its content comes from
	SourceURL  string
	Note       Text // what a reader must know about its completeness
	UpdatedAt  time.Time
	// Version counts the writes to the plan (see PlanEdit).
	Version int
}

// Area is a section of a plan that groups measures (OGP's "Theme").
type Area struct {
	ID         int64
	PlanID     int64
	Number     string // "1", as the plan numbers it; may be empty
	ExternalID string // the OGP commitment it corresponds to, when known
	Title      Text
	Source     string
	Position   int
	// MeasureCount is filled by reads that count the area's measures.
	MeasureCount int
	// Version counts the writes to the area (see AreaEdit).
	Version int
}

// OGPValue is one of the four values OGP asks every commitment to serve.
type OGPValue string

// The four OGP values.
const (
	ValueAccessToInformation  OGPValue = "access_to_information"
	ValueCivicParticipation   OGPValue = "civic_participation"
	ValuePublicAccountability OGPValue = "public_accountability"
	ValueTechnology           OGPValue = "technology"
)

// OGPValues lists the values in OGP's order.
var OGPValues = []OGPValue{ValueAccessToInformation, ValueCivicParticipation, ValuePublicAccountability, ValueTechnology}

// Valid reports whether v is one of OGP's four values.
func (v OGPValue) Valid() bool {
	for _, x := range OGPValues {
		if v == x {
			return true
		}
	}
	return false
}

// Measure is a commitment of a plan: what a state body promised to do.
type Measure struct {
	ID          int64
	PlanID      int64
	AreaID      int64 // 0 when the measure belongs to no area
	Clause      string
	ExternalID  string // OGP's commitment id (AL0002) when it has one
	Title       Text
	Description Text
	Indicator   Text // the evaluation indicator
	Period      Period
	Values      []OGPValue
	Tags        []string // policy areas, e.g. "Open Parliaments"
	Source      string
	SourceURL   string
	Executors   []Executor
	Milestones  []Milestone
	UpdatedAt   time.Time
	// Version counts the writes to the measure; an edit names the version
	// it started from (see MeasureEdit).
	Version int

	// Filled by reads that join them.
	Plan Plan
	Area Area
}

// ExecutorRole says how an organisation takes part in a measure.
type ExecutorRole string

// Executor roles, in the order pages list them.
const (
	RoleResponsible ExecutorRole = "responsible"
	RoleRecommended ExecutorRole = "recommended"
	RoleSupporting  ExecutorRole = "supporting"
)

// ExecutorRoles lists the roles in display order.
var ExecutorRoles = []ExecutorRole{RoleResponsible, RoleRecommended, RoleSupporting}

// Valid reports whether r is a known role.
func (r ExecutorRole) Valid() bool {
	return r == RoleResponsible || r == RoleRecommended || r == RoleSupporting
}

// Executor links an organisation to a measure in a role.
type Executor struct {
	OrganisationID int64
	Organisation   Organisation
	Role           ExecutorRole
}

// Milestone is a step of a measure.
type Milestone struct {
	ID        int64
	MeasureID int64
	Position  int
	Title     Text
	Period    Period
	// Version counts the writes to the milestone (see MilestoneEdit).
	Version int
}

// OrganisationKind classifies organisations.
type OrganisationKind string

// Organisation kinds.
const (
	OrgStateBody     OrganisationKind = "state_body"
	OrgNGO           OrganisationKind = "ngo"
	OrgInternational OrganisationKind = "international"
	OrgMedia         OrganisationKind = "media"
	OrgBusiness      OrganisationKind = "business"
	OrgOther         OrganisationKind = "other"
	// OrgBusinessAssociation is an association of businesses, which a
	// civil-society platform counts among its members and consults (the
	// seed's activity 11 heard four); a company is OrgBusiness.
	OrgBusinessAssociation OrganisationKind = "business_association"
)

// OrganisationKinds lists the kinds in display order.
var OrganisationKinds = []OrganisationKind{OrgStateBody, OrgNGO, OrgInternational, OrgMedia, OrgBusiness, OrgBusinessAssociation, OrgOther}

// Valid reports whether k is a known kind.
func (k OrganisationKind) Valid() bool {
	for _, x := range OrganisationKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Organisation is a state body, NGO or other organisation. State bodies
// belong to a member: "Ministry of Justice" of one country is not another's.
type Organisation struct {
	ID       int64
	MemberID int64 // 0 for organisations of no one member
	Member   Member
	Name     Text
	Kind     OrganisationKind
	// MeasureCount is filled by list reads.
	MeasureCount int
	// Version counts the writes to the organisation (see OrganisationEdit).
	Version int
}
