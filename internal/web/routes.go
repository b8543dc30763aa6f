package web

import (
	"io/fs"
	"net/http"

	"ogpp/internal/access"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes registers every page, API endpoint and operational endpoint. Every
// GET is free of side effects.
//
// Each route names the action it performs; the guard asks the access policy
// before the handler runs, so no handler checks roles itself.
func (s *Server) routes() {
	handle := func(pattern string, action access.Action, h http.Handler) {
		s.routeList = append(s.routeList, Route{Pattern: pattern, Action: action})
		s.mux.Handle(pattern, s.guard(action, nil, h))
	}
	// handleFor registers a route whose permission depends on what it acts
	// on: the guard asks resolve before the policy.
	handleFor := func(pattern string, action access.Action, resolve resolver, h http.Handler) {
		s.routeList = append(s.routeList, Route{Pattern: pattern, Action: action, Resolve: resolve})
		s.mux.Handle(pattern, s.guard(action, resolve, h))
	}
	_ = handleFor
	public := func(pattern string, h http.HandlerFunc) { handle(pattern, access.Public, h) }
	static, _ := fs.Sub(staticFS, "static")
	handle("GET /static/", access.Public, http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))

	// Public pages.
	public("GET /{$}", s.homePage)
	public("GET /plans/{id}", s.planPage)
	public("GET /measures/{id}", s.measurePage)
	public("GET /organisations", s.organisationsPage)
	public("GET /organisations/{id}", s.organisationPage)
	public("GET /search", s.searchPage)

	// Editing the registry. A server built without an editor (a read-only
	// mirror) answers these with 404.
	edit := func(pattern string, h http.HandlerFunc) {
		handle(pattern, access.EditRegistry, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if s.editor == nil {
				s.notFound(w, r)
				return
			}
			h(w, r)
		}))
	}
	edit("GET /plans/{id}/measures/new", s.newMeasurePage)
	edit("POST /plans/{id}/measures/new", s.createMeasure)
	edit("GET /measures/{id}/edit", s.editMeasurePage)
	edit("POST /measures/{id}/edit", s.updateMeasure)
	edit("GET /measures/{id}/delete", s.deleteMeasurePage)
	edit("POST /measures/{id}/delete", s.deleteMeasure)
	edit("GET /organisations/new", s.newOrganisationPage)
	edit("POST /organisations/new", s.createOrganisation)
	edit("GET /organisations/{id}/edit", s.editOrganisationPage)
	edit("POST /organisations/{id}/edit", s.updateOrganisation)
	edit("GET /organisations/{id}/delete", s.deleteOrganisationPage)
	edit("POST /organisations/{id}/delete", s.deleteOrganisation)
	// Plans, their areas and measures' milestones. /plans/new is more
	// specific than the public /plans/{id}, and no plan's id may be "new".
	edit("GET /plans/new", s.newPlanPage)
	edit("POST /plans/new", s.createPlan)
	edit("GET /plans/{id}/edit", s.editPlanPage)
	edit("POST /plans/{id}/edit", s.updatePlan)
	edit("GET /plans/{id}/delete", s.deletePlanPage)
	edit("POST /plans/{id}/delete", s.deletePlan)
	edit("GET /plans/{id}/areas/new", s.newAreaPage)
	edit("POST /plans/{id}/areas/new", s.createArea)
	edit("GET /areas/{id}/edit", s.editAreaPage)
	edit("POST /areas/{id}/edit", s.updateArea)
	edit("GET /areas/{id}/delete", s.deleteAreaPage)
	edit("POST /areas/{id}/delete", s.deleteArea)
	edit("GET /measures/{id}/milestones/new", s.newMilestonePage)
	edit("POST /measures/{id}/milestones/new", s.createMilestone)
	edit("GET /milestones/{id}/edit", s.editMilestonePage)
	edit("POST /milestones/{id}/edit", s.updateMilestone)
	edit("GET /milestones/{id}/delete", s.deleteMilestonePage)
	edit("POST /milestones/{id}/delete", s.deleteMilestone)

	// The audit log seen from an entity (its history tab) and whole (the
	// log browser), and the deleted items an administrator restores. The
	// history is guarded like the log: it names who made each change.
	handle("GET /measures/{id}/history", access.ReadAudit, http.HandlerFunc(s.measureHistoryPage))
	handle("GET /organisations/{id}/history", access.ReadAudit, http.HandlerFunc(s.organisationHistoryPage))
	handle("GET /library/{id}/history", access.ReadAudit, http.HandlerFunc(s.documentHistoryPage))
	handle("GET /news/{id}/history", access.ReadAudit, http.HandlerFunc(s.newsHistoryPage))
	handle("GET /admin/audit", access.ReadAudit, http.HandlerFunc(s.auditLogPage))
	handle("GET /admin/deleted", access.RestoreDeleted, http.HandlerFunc(s.deletedPage))
	handle("POST /admin/deleted/{type}/{id}/restore", access.RestoreDeleted, http.HandlerFunc(s.restoreDeleted))

	// Signing in and out, and the one-time link that creates the first
	// administrator.
	handle("GET /login", access.SignIn, http.HandlerFunc(s.loginPage))
	handle("POST /login", access.SignIn, http.HandlerFunc(s.login))
	handle("POST /logout", access.Account, http.HandlerFunc(s.logout))
	handle("GET /setup/{token}", access.SignIn, http.HandlerFunc(s.setupPage))
	handle("POST /setup/{token}", access.SignIn, http.HandlerFunc(s.setup))

	// Accounts: administrators invite users, change roles and disable
	// accounts; an invitee chooses a password with a one-time link; every
	// user manages their own password and sessions.
	handle("GET /admin/users", access.ManageUsers, http.HandlerFunc(s.adminUsersPage))
	handle("GET /admin/users/new", access.ManageUsers, http.HandlerFunc(s.adminUserNewPage))
	handle("POST /admin/users/new", access.ManageUsers, http.HandlerFunc(s.adminUserInvite))
	handle("GET /admin/users/{id}/edit", access.ManageUsers, http.HandlerFunc(s.adminUserEditPage))
	handle("POST /admin/users/{id}/edit", access.ManageUsers, http.HandlerFunc(s.adminUserEdit))
	handle("GET /admin/users/{id}/disable", access.ManageUsers, http.HandlerFunc(s.adminUserDisablePage))
	handle("POST /admin/users/{id}/disable", access.ManageUsers, http.HandlerFunc(s.adminUserDisable))
	handle("POST /admin/users/{id}/enable", access.ManageUsers, http.HandlerFunc(s.adminUserEnable))
	handle("POST /admin/users/{id}/invitation", access.ManageUsers, http.HandlerFunc(s.adminUserReinvite))
	handle("GET /invite/{token}", access.SignIn, http.HandlerFunc(s.invitePage))
	handle("POST /invite/{token}", access.SignIn, http.HandlerFunc(s.invite))
	handle("GET /account", access.Account, http.HandlerFunc(s.accountPageGet))
	handle("POST /account/password", access.Account, http.HandlerFunc(s.accountPassword))
	handle("POST /account/signout-everywhere", access.Account, http.HandlerFunc(s.accountSignOutEverywhere))

	// The monitors' workflow: coordinators open, close and publish rounds;
	// monitors assess every measure with evidence and review one another's
	// work (never their own: the review's resolver names the author); a
	// focal point answers for its own body's measures. A server without a
	// monitoring store answers 404.
	monitoring := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needMonitor(h))
	}
	monitoring("GET /plans/{id}/rounds", access.ReadRound, nil, s.roundsPage)
	monitoring("GET /plans/{id}/rounds/new", access.ManageRounds, nil, s.newRoundPage)
	monitoring("POST /plans/{id}/rounds/new", access.ManageRounds, nil, s.createRound)
	monitoring("GET /rounds/{id}/edit", access.ManageRounds, nil, s.editRoundPage)
	monitoring("POST /rounds/{id}/edit", access.ManageRounds, nil, s.updateRound)
	monitoring("GET /rounds/{id}/status", access.ManageRounds, nil, s.roundStatusPage)
	monitoring("POST /rounds/{id}/status", access.ManageRounds, nil, s.setRoundStatus)
	monitoring("GET /rounds/{id}/work", access.ReadMonitoring, nil, s.roundWorkPage)
	monitoring("GET /rounds/{rid}/measures/{mid}/assessment", access.Assess, nil, s.assessmentPage)
	monitoring("POST /rounds/{rid}/measures/{mid}/assessment", access.Assess, nil, s.saveAssessment)
	monitoring("POST /rounds/{rid}/measures/{mid}/evidence", access.Assess, nil, s.addEvidence)
	monitoring("POST /rounds/{rid}/measures/{mid}/evidence/{eid}/remove", access.Assess, nil, s.removeEvidence)
	monitoring("GET /evidence/{id}", access.ReadRound, s.evidenceResolver, s.evidenceDownload)
	monitoring("GET /assessments/{id}/versions", access.ReadMonitoring, nil, s.assessmentVersionsPage)
	monitoring("POST /assessments/{id}/submit", access.Assess, nil, s.submitAssessment)
	monitoring("GET /assessments/{id}/review", access.Review, s.reviewResolver, s.reviewPage)
	monitoring("POST /assessments/{id}/review", access.Review, s.reviewResolver, s.reviewAssessment)
	monitoring("GET /rounds/{rid}/measures/{mid}/self-assessment", access.AnswerForMeasure, s.executorsResolver, s.selfAssessmentPage)
	monitoring("POST /rounds/{rid}/measures/{mid}/self-assessment", access.AnswerForMeasure, s.executorsResolver, s.saveSelfAssessment)

	// The public side of monitoring: a round's dashboard and the figures
	// behind its charts, a plan's latest progress and the feed of its
	// published assessments, and the same as open data. The public reads
	// published rounds only: the resolver marks the others, which only
	// those who may read monitoring see; the API answers 404 for them.
	handleFor("GET /rounds/{id}", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundDashboard))
	handleFor("GET /rounds/{id}/areas.csv", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundAreasCSV))
	handleFor("GET /rounds/{id}/executors.csv", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundExecutorsCSV))
	public("GET /plans/{id}/progress", s.planProgress)
	public("GET /plans/{id}/assessments.atom", s.planAssessmentsFeed)
	public("GET /api/v1/plans/{id}/rounds", s.apiPlanRounds)
	public("GET /api/v1/plans/{id}/progress", s.apiPlanProgress)
	public("GET /api/v1/rounds/{id}/assessments", s.apiRoundAssessments)
	public("GET /api/v1/rounds/{id}/assessments.csv", s.apiRoundAssessmentsCSV)

	// JSON API (read-only) and its CSV twins.
	public("GET /api/v1/openapi.json", s.apiOpenAPI)
	public("GET /api/v1/members", s.apiMembers)
	public("GET /api/v1/members.csv", s.apiMembersCSV)
	public("GET /api/v1/plans", s.apiPlans)
	public("GET /api/v1/plans.csv", s.apiPlansCSV)
	public("GET /api/v1/plans/{id}", s.apiPlan)
	public("GET /api/v1/plans/{id}/measures", s.apiPlanMeasures)
	public("GET /api/v1/plans/{id}/measures.csv", s.apiPlanMeasuresCSV)
	public("GET /api/v1/measures", s.apiMeasures)
	public("GET /api/v1/measures.csv", s.apiMeasuresCSV)
	public("GET /api/v1/measures/{id}", s.apiMeasure)
	public("GET /api/v1/organisations", s.apiOrganisations)
	public("GET /api/v1/organisations.csv", s.apiOrganisationsCSV)
	public("GET /api/v1/organisations/{id}", s.apiOrganisation)
	// The site-wide search as JSON; the page is GET /search above.
	public("GET /api/v1/search", s.apiSearch)
	public("/api/", s.apiNotFound)

	// The platform's members, people and expert groups. The public reads
	// the member list (and its CSV), an organisation's membership, people
	// and groups, never contacts: a person's page shows them only to who
	// may see them (access.SeeContacts). Coordinators add, edit, end and
	// delete. A server without a members store answers 404.
	members := func(pattern string, action access.Action, h http.HandlerFunc) {
		handle(pattern, action, s.needMembers(h))
	}
	members("GET /members", access.Public, s.membersPage)
	members("GET /members.csv", access.Public, s.membersCSV)
	members("GET /members/{id}", access.Public, s.memberPage)
	members("GET /members/new", access.ManageMembers, s.newMemberPage)
	members("POST /members/new", access.ManageMembers, s.createMember)
	members("GET /members/{id}/edit", access.ManageMembers, s.editMemberPage)
	members("POST /members/{id}/edit", access.ManageMembers, s.updateMember)
	members("GET /members/{id}/end", access.ManageMembers, s.endMemberPage)
	members("POST /members/{id}/end", access.ManageMembers, s.endMember)
	members("GET /members/{id}/delete", access.ManageMembers, s.deleteMemberPage)
	members("POST /members/{id}/delete", access.ManageMembers, s.deleteMember)
	members("GET /people/{id}", access.Public, s.personPage)
	members("GET /people/new", access.ManageMembers, s.newPersonPage)
	members("POST /people/new", access.ManageMembers, s.createPerson)
	members("GET /people/{id}/edit", access.ManageMembers, s.editPersonPage)
	members("POST /people/{id}/edit", access.ManageMembers, s.updatePerson)
	members("GET /people/{id}/delete", access.ManageMembers, s.deletePersonPage)
	members("POST /people/{id}/delete", access.ManageMembers, s.deletePerson)
	members("GET /groups", access.Public, s.groupsPage)
	members("GET /groups/{id}", access.Public, s.groupPage)
	members("GET /groups/new", access.ManageMembers, s.newGroupPage)
	members("POST /groups/new", access.ManageMembers, s.createGroup)
	members("GET /groups/{id}/edit", access.ManageMembers, s.editGroupPage)
	members("POST /groups/{id}/edit", access.ManageMembers, s.updateGroup)
	members("GET /groups/{id}/delete", access.ManageMembers, s.deleteGroupPage)
	members("POST /groups/{id}/delete", access.ManageMembers, s.deleteGroup)

	// The platform's projects as logframes: the public reads each project's
	// goals, activities (with the clause each serves, what was done and its
	// materials) and indicators; coordinators edit them; an assignee who is
	// a monitor or a member marks their own task done (the resolver names
	// the assignee). A server without a projects store answers 404.
	projects := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needProjects(h))
	}
	projects("GET /projects", access.Public, nil, s.projectsPage)
	projects("GET /projects/{id}", access.Public, nil, s.projectPage)
	projects("GET /activities/{id}", access.Public, nil, s.activityPage)
	projects("GET /projects/new", access.ManagePlatform, nil, s.newProjectPage)
	projects("POST /projects/new", access.ManagePlatform, nil, s.createProject)
	projects("GET /projects/{id}/edit", access.ManagePlatform, nil, s.editProjectPage)
	projects("POST /projects/{id}/edit", access.ManagePlatform, nil, s.updateProject)
	projects("GET /projects/{id}/delete", access.ManagePlatform, nil, s.deleteProjectPage)
	projects("POST /projects/{id}/delete", access.ManagePlatform, nil, s.deleteProject)
	projects("GET /projects/{id}/activities/new", access.ManagePlatform, nil, s.newActivityPage)
	projects("POST /projects/{id}/activities/new", access.ManagePlatform, nil, s.createActivity)
	projects("GET /activities/{id}/edit", access.ManagePlatform, nil, s.editActivityPage)
	projects("POST /activities/{id}/edit", access.ManagePlatform, nil, s.updateActivity)
	projects("GET /activities/{id}/delete", access.ManagePlatform, nil, s.deleteActivityPage)
	projects("POST /activities/{id}/delete", access.ManagePlatform, nil, s.deleteActivity)
	projects("GET /activities/{id}/tasks/new", access.ManagePlatform, nil, s.newTaskPage)
	projects("POST /activities/{id}/tasks/new", access.ManagePlatform, nil, s.createTask)
	projects("GET /tasks/{id}/edit", access.ManagePlatform, nil, s.editTaskPage)
	projects("POST /tasks/{id}/edit", access.ManagePlatform, nil, s.updateTask)
	projects("GET /tasks/{id}/delete", access.ManagePlatform, nil, s.deleteTaskPage)
	projects("POST /tasks/{id}/delete", access.ManagePlatform, nil, s.deleteTask)
	projects("POST /tasks/{id}/done", access.CompleteTask, s.taskAssignee, s.completeTask)
	projects("GET /projects/{id}/indicators/new", access.ManagePlatform, nil, s.newIndicatorPage)
	projects("POST /projects/{id}/indicators/new", access.ManagePlatform, nil, s.createIndicator)
	projects("GET /indicators/{id}/edit", access.ManagePlatform, nil, s.editIndicatorPage)
	projects("POST /indicators/{id}/edit", access.ManagePlatform, nil, s.updateIndicator)
	projects("GET /indicators/{id}/delete", access.ManagePlatform, nil, s.deleteIndicatorPage)
	projects("POST /indicators/{id}/delete", access.ManagePlatform, nil, s.deleteIndicator)

	// Generated reports. A round's monitoring report (PDF, XLSX, a page for
	// printing) is read as the round's dashboard is: the public reads
	// published rounds, monitors the others. A project's activity report is
	// read as its page is.
	handleFor("GET /rounds/{id}/report", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundReportPage))
	handleFor("GET /rounds/{id}/report.pdf", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundReportPDF))
	handleFor("GET /rounds/{id}/report.xlsx", access.ReadRound, s.roundAudience, http.HandlerFunc(s.roundReportXLSX))
	projects("GET /projects/{id}/report", access.Public, nil, s.projectReportPage)
	projects("GET /projects/{id}/report.pdf", access.Public, nil, s.projectReportPDF)

	// Drafts and the meetings that decide on them. The public reads the
	// published drafts (their adopted text), the resolver marking the
	// others; members and monitors read every draft and comment; an
	// expert group's members write its drafts (the resolver says whether
	// the user is one); coordinators record meetings, their attendance and
	// votes, and publish. A server without a drafts store answers 404.
	draft := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needDrafts(h))
	}
	draft("GET /drafts", access.Public, nil, s.draftsPage)
	draft("GET /drafts/new", access.StartDraft, nil, s.newDraftPage)
	draft("POST /drafts/new", access.StartDraft, nil, s.createDraft)
	draft("GET /drafts/{id}", access.ReadDraft, s.draftAudience, s.draftPageGet)
	draft("GET /drafts/{id}/diff", access.ReadDrafts, nil, s.draftDiffGet)
	draft("GET /drafts/{id}/versions/new", access.WriteDraft, s.draftWriter, s.newVersionPage)
	draft("POST /drafts/{id}/versions/new", access.WriteDraft, s.draftWriter, s.saveVersion)
	draft("POST /drafts/{id}/comments", access.CommentDraft, nil, s.addComment)
	draft("POST /drafts/{id}/comments/{cid}/resolve", access.WriteDraft, s.draftWriter, s.resolveComment)
	draft("POST /drafts/{id}/publish", access.PublishDraft, nil, s.publishDraft)
	draft("GET /meetings", access.ReadDrafts, nil, s.meetingsPage)
	draft("GET /meetings/new", access.ManageMeetings, nil, s.newMeetingPage)
	draft("POST /meetings/new", access.ManageMeetings, nil, s.createMeeting)
	draft("GET /meetings/{id}", access.ReadDrafts, nil, s.meetingPageGet)
	draft("POST /meetings/{id}/agenda", access.ManageMeetings, nil, s.addAgendaItem)
	draft("POST /meetings/{id}/attendance", access.ManageMeetings, nil, s.recordAttendance)
	draft("POST /meetings/{id}/items/{item}/decision", access.ManageMeetings, nil, s.recordDecision)

	// The platform's outreach. The public reads the appeals sent to state
	// bodies with their deadlines, status and replies (the overdue list is
	// ?status=overdue), and the media coverage; an appeal's documents only
	// once coordinators publish them (the resolver says whether). The
	// resources register is the coordinators'. A server without an
	// outreach store answers 404.
	outreach := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needAppeals(h))
	}
	outreach("GET /appeals", access.Public, nil, s.appealsPage)
	outreach("GET /appeals.csv", access.Public, nil, s.appealsCSV)
	outreach("GET /appeals/{id}", access.Public, nil, s.appealPage)
	outreach("GET /appeals/new", access.ManageAppeals, nil, s.newAppealPage)
	outreach("POST /appeals/new", access.ManageAppeals, nil, s.createAppeal)
	outreach("GET /appeals/{id}/edit", access.ManageAppeals, nil, s.editAppealPage)
	outreach("POST /appeals/{id}/edit", access.ManageAppeals, nil, s.updateAppeal)
	outreach("GET /appeals/{id}/delete", access.ManageAppeals, nil, s.deleteAppealPage)
	outreach("POST /appeals/{id}/delete", access.ManageAppeals, nil, s.deleteAppeal)
	outreach("POST /appeals/{id}/document", access.ManageAppeals, nil, s.uploadAppealDocument)
	outreach("GET /appeals/{id}/replies/new", access.ManageAppeals, nil, s.newReplyPage)
	outreach("POST /appeals/{id}/replies/new", access.ManageAppeals, nil, s.createReply)
	outreach("GET /appeals/{id}/replies/{rid}/edit", access.ManageAppeals, nil, s.editReplyPage)
	outreach("POST /appeals/{id}/replies/{rid}/edit", access.ManageAppeals, nil, s.updateReply)
	outreach("GET /appeals/{id}/replies/{rid}/delete", access.ManageAppeals, nil, s.deleteReplyPage)
	outreach("POST /appeals/{id}/replies/{rid}/delete", access.ManageAppeals, nil, s.deleteReply)
	outreach("POST /appeals/{id}/replies/{rid}/document", access.ManageAppeals, nil, s.uploadReplyDocument)
	outreach("GET /appeal-documents/{id}", access.ReadAppealDocument, s.appealDocumentAudience, s.appealDocumentDownload)
	outreach("GET /media", access.Public, nil, s.mediaPage)
	outreach("GET /media.csv", access.Public, nil, s.mediaCSV)
	outreach("GET /media/new", access.ManageMedia, nil, s.newMediaPage)
	outreach("POST /media/new", access.ManageMedia, nil, s.createMedia)
	outreach("GET /media/{id}/edit", access.ManageMedia, nil, s.editMediaPage)
	outreach("POST /media/{id}/edit", access.ManageMedia, nil, s.updateMedia)
	outreach("GET /media/{id}/delete", access.ManageMedia, nil, s.deleteMediaPage)
	outreach("POST /media/{id}/delete", access.ManageMedia, nil, s.deleteMedia)
	outreach("GET /resources", access.ManageResources, nil, s.resourcesPage)
	outreach("GET /resources.csv", access.ManageResources, nil, s.resourcesCSV)
	outreach("GET /resources/new", access.ManageResources, nil, s.newResourcePage)
	outreach("POST /resources/new", access.ManageResources, nil, s.createResource)
	outreach("GET /resources/{id}/edit", access.ManageResources, nil, s.editResourcePage)
	outreach("POST /resources/{id}/edit", access.ManageResources, nil, s.updateResource)
	outreach("GET /resources/{id}/delete", access.ManageResources, nil, s.deleteResourcePage)
	outreach("POST /resources/{id}/delete", access.ManageResources, nil, s.deleteResource)

	// Surveys. Coordinators and monitors build them and read their
	// responses; interviewers type in paper questionnaires; the public
	// answers an open survey by its link (/s/{id}) and reads results a
	// survey publishes. A server without a survey store answers 404.
	surveys := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needSurveys(h))
	}
	surveys("GET /surveys", access.ManageSurveys, nil, s.surveysPage)
	surveys("GET /surveys/new", access.ManageSurveys, nil, s.newSurveyPage)
	surveys("POST /surveys/new", access.ManageSurveys, nil, s.createSurvey)
	surveys("GET /surveys/{id}", access.ManageSurveys, nil, s.surveyPage)
	surveys("GET /surveys/{id}/edit", access.ManageSurveys, nil, s.editSurveyPage)
	surveys("POST /surveys/{id}/edit", access.ManageSurveys, nil, s.updateSurvey)
	surveys("GET /surveys/{id}/enter", access.EnterResponses, nil, s.enterResponsePage)
	surveys("POST /surveys/{id}/enter", access.EnterResponses, nil, s.submitInterviewerResponse)
	surveys("GET /surveys/{id}/results", access.ReadSurveyResults, s.surveyResultsAudience, s.surveyResultsPage)
	surveys("GET /surveys/{id}/responses.csv", access.ManageSurveys, nil, s.surveyExport(false))
	surveys("GET /surveys/{id}/responses.xlsx", access.ManageSurveys, nil, s.surveyExport(true))
	surveys("GET /s/{id}", access.Public, nil, s.publicSurveyPage)
	surveys("POST /s/{id}", access.Public, nil, s.submitPublicResponse)
	surveys("GET /s/{id}/thanks", access.Public, nil, s.surveyThanksPage)

	// Scorecards. The public reads the published ones (the resolver says
	// whether one is); coordinators and monitors build them and enter the
	// scores. A server without a scorecard store answers 404.
	card := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needScorecards(h))
	}
	card("GET /scorecards", access.Public, nil, s.scorecardsPage)
	card("GET /scorecards/new", access.ManageScorecards, nil, s.newScorecardPage)
	card("POST /scorecards/new", access.ManageScorecards, nil, s.createScorecard)
	card("GET /scorecards/{id}", access.ReadScorecard, s.scorecardAudience, s.scorecardPage)
	card("GET /scorecards/{id}/scores.csv", access.ReadScorecard, s.scorecardAudience, s.scorecardCSV)
	card("GET /scorecards/{id}/edit", access.ManageScorecards, nil, s.editScorecardPage)
	card("POST /scorecards/{id}/edit", access.ManageScorecards, nil, s.updateScorecard)
	card("GET /scorecards/{id}/scores", access.ManageScorecards, nil, s.scoresPage)
	card("POST /scorecards/{id}/scores", access.ManageScorecards, nil, s.saveScores)
	card("GET /scorecards/{id}/subjects", access.ManageScorecards, nil, s.subjectsPage)
	card("POST /scorecards/{id}/subjects", access.ManageScorecards, nil, s.addSubject)
	card("GET /scorecards/{id}/criteria/new", access.ManageScorecards, nil, s.newCriterionPage)
	card("POST /scorecards/{id}/criteria/new", access.ManageScorecards, nil, s.createCriterion)

	// Events. The public reads events, their statistics and the iCal
	// feed, registers without an account and cancels with the one-time
	// link it was given; coordinators record events and read, check in and
	// count their participants, whose names are never public. A server
	// without an events store answers 404.
	event := func(pattern string, action access.Action, h http.HandlerFunc) {
		handle(pattern, action, s.needEvents(h))
	}
	event("GET /events", access.Public, s.eventsPage)
	event("GET /events.ics", access.Public, s.eventsICal)
	event("GET /events/statistics", access.Public, s.eventsStatistics)
	event("GET /events/{id}", access.Public, s.eventPage)
	event("POST /events/{id}/register", access.Public, s.registerForEvent)
	event("GET /event-cancel/{token}", access.Public, s.cancelRegistrationPage)
	event("POST /event-cancel/{token}", access.Public, s.cancelRegistrationPost)
	event("GET /events/new", access.ManageEvents, s.newEventPage)
	event("POST /events/new", access.ManageEvents, s.createEvent)
	event("GET /events/{id}/edit", access.ManageEvents, s.editEventPage)
	event("POST /events/{id}/edit", access.ManageEvents, s.updateEvent)
	event("GET /events/{id}/participants", access.ManageEvents, s.eventParticipantsPage)
	event("POST /events/{id}/participants/{rid}/checkin", access.ManageEvents, s.checkInParticipant)
	event("POST /events/{id}/headcounts", access.ManageEvents, s.saveHeadCounts)

	// The library of materials. The public reads the list (published
	// documents and adopted drafts the platform published) and each
	// published document with its files; the resolver marks the others,
	// which only who keeps the library reads. Coordinators add, edit,
	// publish and delete documents and their files. A server without a
	// library answers 404.
	lib := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needLibrary(h))
	}
	lib("GET /library", access.Public, nil, s.libraryPage)
	lib("GET /library.csv", access.Public, nil, s.libraryCSV)
	handle("GET /api/v1/library", access.Public, http.HandlerFunc(s.apiLibrary))
	handle("GET /api/v1/library/{id}", access.Public, http.HandlerFunc(s.apiDocumentOne))
	lib("GET /library/new", access.ManageLibrary, nil, s.newDocumentPage)
	lib("POST /library/new", access.ManageLibrary, nil, s.createDocument)
	lib("GET /library/{id}", access.ReadDocument, s.documentAudience, s.documentPage)
	lib("GET /library/{id}/files/{fid}", access.ReadDocument, s.documentAudience, s.documentFileDownload)
	lib("GET /library/{id}/edit", access.ManageLibrary, nil, s.editDocumentPage)
	lib("POST /library/{id}/edit", access.ManageLibrary, nil, s.updateDocument)
	lib("POST /library/{id}/publish", access.ManageLibrary, nil, s.publishDocument)
	lib("GET /library/{id}/delete", access.ManageLibrary, nil, s.deleteDocumentPage)
	lib("POST /library/{id}/delete", access.ManageLibrary, nil, s.deleteDocument)
	lib("POST /library/{id}/files", access.ManageLibrary, nil, s.uploadDocumentFile)
	lib("GET /library/{id}/files/{fid}/remove", access.ManageLibrary, nil, s.removeFilePage)
	lib("POST /library/{id}/files/{fid}/remove", access.ManageLibrary, nil, s.removeFile)

	// Events, surveys and scorecards: coordinators keep the participant
	// categories (add, rename, reorder, deactivate; delete only when
	// unused); deleting an event, a survey or a scorecard asks first and
	// only hides it (an administrator restores it from /admin/deleted);
	// the public reads events, their statistics and the published
	// scorecards as JSON, never a participant's name.
	event("GET /events/categories", access.ManageEvents, s.eventCategoriesPage)
	event("GET /events/categories/new", access.ManageEvents, s.newCategoryPage)
	event("POST /events/categories/new", access.ManageEvents, s.createCategory)
	event("GET /events/categories/{code}/edit", access.ManageEvents, s.editCategoryPage)
	event("POST /events/categories/{code}/edit", access.ManageEvents, s.updateCategory)
	event("POST /events/categories/{code}/move", access.ManageEvents, s.moveCategory)
	event("GET /events/categories/{code}/delete", access.ManageEvents, s.deleteCategoryPage)
	event("POST /events/categories/{code}/delete", access.ManageEvents, s.deleteCategory)
	event("GET /events/{id}/delete", access.ManageEvents, s.deleteEventPage)
	event("POST /events/{id}/delete", access.ManageEvents, s.deleteEvent)
	surveys("GET /surveys/{id}/delete", access.ManageSurveys, nil, s.deleteSurveyPage)
	surveys("POST /surveys/{id}/delete", access.ManageSurveys, nil, s.deleteSurvey)
	card("GET /scorecards/{id}/delete", access.ManageScorecards, nil, s.deleteScorecardPage)
	card("POST /scorecards/{id}/delete", access.ManageScorecards, nil, s.deleteScorecard)
	event("GET /api/v1/events", access.Public, s.apiEvents)
	event("GET /api/v1/events/statistics", access.Public, s.apiEventsStatistics)
	event("GET /api/v1/events/{id}", access.Public, s.apiEvent)
	card("GET /api/v1/scorecards", access.Public, nil, s.apiScorecards)
	card("GET /api/v1/scorecards/{id}", access.Public, nil, s.apiScorecardOne)

	// News and subscriptions by email. The public reads the published
	// news (the resolver marks the others) and its Atom feed; coordinators
	// write, publish, withdraw and delete news. A visitor subscribes
	// without an account, confirms with the one-time link mailed to them
	// and unsubscribes with the link every mail carries (also one-click,
	// RFC 8058). A server without a news store or subscriptions answers
	// 404 for their routes.
	newsRoute := func(pattern string, action access.Action, resolve resolver, h http.HandlerFunc) {
		handleFor(pattern, action, resolve, s.needNews(h))
	}
	newsRoute("GET /news", access.Public, nil, s.newsPage)
	newsRoute("GET /news.atom", access.Public, nil, s.newsFeed)
	newsRoute("GET /news.csv", access.Public, nil, s.newsCSV)
	newsRoute("GET /news/{id}", access.ReadNews, s.newsAudience, s.newsItemPage)
	newsRoute("GET /news/new", access.ManageNews, nil, s.newNewsPage)
	newsRoute("POST /news/new", access.ManageNews, nil, s.createNews)
	newsRoute("GET /news/{id}/edit", access.ManageNews, nil, s.editNewsPage)
	newsRoute("POST /news/{id}/edit", access.ManageNews, nil, s.updateNews)
	newsRoute("POST /news/{id}/publish", access.ManageNews, nil, s.publishNews)
	newsRoute("GET /news/{id}/delete", access.ManageNews, nil, s.deleteNewsPage)
	newsRoute("POST /news/{id}/delete", access.ManageNews, nil, s.deleteNews)
	subscription := func(pattern string, h http.HandlerFunc) {
		handle(pattern, access.Public, s.needSubscriptions(h))
	}
	subscription("GET /subscribe", s.subscribePage)
	subscription("POST /subscribe", s.subscribe)
	subscription("GET /subscribe/confirm/{token}", s.confirmSubscriptionPage)
	subscription("POST /subscribe/confirm/{token}", s.confirmSubscriptionPost)
	subscription("GET /unsubscribe/{token}", s.unsubscribePage)
	subscription("POST /unsubscribe/{token}", s.unsubscribePost)

	// The monitors' overview of work in hand across plans.
	handle("GET /monitoring", access.ReadMonitoring, http.HandlerFunc(s.monitoringPage))

	// The public portal's shell: what the platform is, the catalogue of
	// open data and the bundle of every public CSV (built as the anonymous
	// public through the routes above), the events' and activities' CSV,
	// and what crawlers read.
	public("GET /about", s.aboutPage)
	public("GET /open-data", s.openDataPage)
	public("GET /open-data/"+bundleName, s.openDataBundle)
	event("GET /events.csv", access.Public, s.eventsCSV)
	projects("GET /activities.csv", access.Public, nil, s.activitiesCSV)
	public("GET /robots.txt", s.robotsTxt)
	public("GET /sitemap.xml", s.sitemapXML)

	// Operations.
	public("GET /healthz", s.healthz)
	handle("GET /metrics", access.Public, promhttp.HandlerFor(s.promReg, promhttp.HandlerOpts{}))

	public("/", s.notFound)
}

// cacheStatic lets browsers keep the embedded assets for a day; they change
// only with a new binary.
func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}
