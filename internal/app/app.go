// Package app wires ogpp together: it opens the store, brings the schema up
// to date, loads the demo data on a first start, and runs the web server and
// the command-line operations over them.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/store"
	"ogpp/internal/web"
)

// Version is the build's version, set with -ldflags "-X ogpp/internal/app.Version=…".
var Version = "dev"

// Config is what serve needs; every field has a flag and an environment variable.
type Config struct {
	Addr string // OGPP_ADDR, ":8080"
	DB   string // OGPP_DB, "ogpp.db" or a postgres:// URL
	// Demo loads the demo data set when the database holds no plan yet.
	Demo bool
	// BaseURL is the public address (OGPP_BASE_URL), e.g.
	// https://ogp.example.org/, when ogpp sits behind a proxy: the setup
	// and invitation links are made with it, and an https one makes
	// cookies Secure. Empty: the address serve listens on.
	BaseURL string
	// Holidays is the path of the public holidays file (OGPP_HOLIDAYS)
	// that appeals' reply deadlines skip; empty: weekends only.
	Holidays string
	// AppealKinds lists the kinds of appeal and the working days each
	// gives for a reply (OGPP_APPEAL_KINDS), "information_request=7,…";
	// empty: platform.DefaultAppealKinds.
	AppealKinds string
	// DataLicence is the licence of the open data (OGPP_DATA_LICENCE):
	// a name, optionally followed by the URL of its text; empty: CC BY 4.0.
	DataLicence string
	Logger      *slog.Logger
	// Ready, when set, receives the address the server listens on once it
	// accepts connections (tests start servers on port 0).
	Ready func(addr string)
	// SMTP is how mail is sent (--smtp-…); without its address nothing is
	// sent and subscribing is unavailable.
	SMTP SMTPConfig
	// DigestEvery, when positive, sends the subscribers' digests at that
	// interval while serving (--digest-every); 0 leaves them to "ogpp
	// digest".
	DigestEvery time.Duration
}

// OpenStore opens and migrates the database dsn names.
func OpenStore(ctx context.Context, dsn string, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if n > 0 && log != nil {
		log.Info("database migrated", "database", db.Where, "migrations", n)
	}
	return db, nil
}

// LoadDemo imports the demo data set when the database has no plan yet:
// Azerbaijan's NAP 2016-2018 with an open round of the platform's
// monitoring, and OGP's commitment data set with the IRM's rounds, each
// source's plans and monitoring in one transaction. It reports whether it
// loaded anything.
func LoadDemo(ctx context.Context, db *store.DB) (bool, Report, error) {
	counts, err := db.Counts(ctx)
	if err != nil {
		return false, Report{}, err
	}
	if counts.Plans > 0 {
		// A database made before the platform's projects existed gets the
		// seed project all the same.
		loaded, err := loadDemoProject(ctx, db)
		if err == nil {
			// Likewise the seed's scorecards.
			var cards bool
			cards, err = loadDemoScorecards(ctx, db)
			loaded = loaded || cards
		}
		if err == nil && loaded {
			err = db.MarkSearchIndexChanged(ctx)
		}
		return loaded, Report{}, err
	}
	sets, err := opendata.DemoSets()
	if err != nil {
		return false, Report{}, fmt.Errorf("demo data: %w", err)
	}
	var total Report
	for _, s := range sets {
		var r Report
		r.Registry, r.Monitoring, err = db.ImportAll(ctx, audit.System("import"), s.Registry, s.Monitoring)
		if err != nil {
			return false, total, fmt.Errorf("demo data: %w", err)
		}
		total = total.Add(r)
	}
	if _, err := loadDemoProject(ctx, db); err != nil {
		return false, total, err
	}
	if _, err := loadDemoScorecards(ctx, db); err != nil {
		return false, total, err
	}
	if _, err := loadDemoSurveys(ctx, db); err != nil {
		return false, total, err
	}
	if err := db.MarkSearchIndexChanged(ctx); err != nil {
		return false, total, err
	}
	return true, total, nil
}

// Serve runs the web server until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish.
func Serve(ctx context.Context, cfg Config, out io.Writer) error {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	start := time.Now()
	var base string
	if cfg.BaseURL != "" {
		// Refuse a mistyped address before touching the database.
		u, err := web.ParseBaseURL(cfg.BaseURL)
		if err != nil {
			return err
		}
		base = u.String()
	}
	licence, err := web.ParseLicence(cfg.DataLicence)
	if err != nil {
		return err
	}
	outreach, err := outreachConfig(cfg)
	if err != nil {
		return err
	}
	db, err := OpenStore(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if cfg.Demo {
		loaded, report, err := LoadDemo(ctx, db)
		if err != nil {
			return err
		}
		if loaded {
			log.Info("demo data loaded", "plans", report.Registry.Plans.Created, "measures", report.Registry.Measures.Created,
				"rounds", report.Monitoring.Rounds.Created, "assessments", report.Monitoring.Assessments.Created, "elapsed", time.Since(start).Round(time.Millisecond))
		}
	}
	accounts, err := Accounts(db)
	if err != nil {
		return err
	}
	subs, err := subscriptions(cfg.SMTP, db)
	if err != nil {
		return err
	}
	// The search index is built now, so that the first search is quick;
	// should that fail, the first search tries again.
	index := SearchIndex(db)
	if err := index.Rebuild(ctx); err != nil {
		log.Warn("search index not built", "err", err)
	}
	srv, err := web.New(web.Options{Search: index, Registry: db, Health: db.Ping, Logger: log, Version: Version, Accounts: accounts,
		Editor: db, Audit: db, Monitor: db, BaseURL: base,
		Catalogue: db, DataLicence: licence, FeaturedPlan: opendata.AzerbaijanNAPID,
		Projects: db, IndicatorSources: append(append(db.ProjectIndicatorSources(), outreachIndicatorSources(db)...), db.EventIndicatorSources()...),
		Events:  db,
		Members: db,
		Drafts:  db, GroupWork: db,
		Appeals:    withOutreachStore(outreach, db),
		Scorecards: db,
		Library:    db,
		News:       db, Subscriptions: subs,
		Surveys: db})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	httpServer := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := PublicURL(ln.Addr().String(), cfg.Addr)
	fmt.Fprintf(out, "ogpp is serving %s (database: %s)\n", url, db.Where)
	if base == "" {
		base = url
	}
	if err := printSetupLink(ctx, db, base, out); err != nil {
		ln.Close()
		return err
	}
	go pruneSessions(ctx, db, log)
	if cfg.DigestEvery > 0 && subs.Enabled() {
		go digestLoop(ctx, subs, db, base, cfg.DigestEvery, log)
	}
	log.Info("serving", "url", url, "database", db.Where, "dialect", db.Dialect(), "startup", time.Since(start).Round(time.Millisecond))
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// PublicURL turns a listening address into the URL to print: a wildcard
// host becomes localhost, so a newcomer can click it.
func PublicURL(listening, configured string) string {
	host, port, err := net.SplitHostPort(listening)
	if err != nil {
		return "http://" + listening + "/"
	}
	if h, _, err := net.SplitHostPort(configured); err == nil && h != "" {
		host = h
	}
	if host == "" || host == "::" || host == "0.0.0.0" || strings.HasPrefix(host, "[::") {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
