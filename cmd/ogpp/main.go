// Command ogpp is the workspace and public portal of an Open Government
// Partnership platform. Run it without arguments to serve the site from an
// embedded SQLite database with demo data.
//
//	ogpp [serve] [--addr :8080] [--db ogpp.db] [--demo=true] [--base-url https://…/]
//	ogpp migrate  [--db …]
//	ogpp import   [--db …] --format ogp|json|csv [--skip-invalid] FILE
//	ogpp export   [--db …] --format json|csv [--out FILE]
//	ogpp demo     [--db …]
//	ogpp user     add|list|set-role|disable|enable [--db …] …
//	ogpp audit    verify [--db …]
//	ogpp digest   --base-url … --smtp-addr … --smtp-from … [--db …]
//	ogpp version
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"ogpp/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `ogpp — the workspace and public portal of an Open Government Partnership platform.

Usage:
  ogpp [serve]   serve the site (default); loads demo data into an empty database
  ogpp migrate   bring the database schema up to date
  ogpp import    import plans: --format ogp (OGP's commitment data set, with the IRM's
                 ratings as monitoring rounds), json or csv
  ogpp export    export every plan: --format json or csv
  ogpp demo      load the demo data set into an empty database
  ogpp user      manage accounts: add, list, set-role, disable, enable
  ogpp audit verify   check the audit log and the data it records; exits 1 naming what was changed outside ogpp
  ogpp digest    mail the subscribers what is new (news, events, published rounds) since their last digest
  ogpp version   print the version

Every command takes --db (env OGPP_DB): a SQLite file path (default ogpp.db)
or a postgres:// URL. Run "ogpp COMMAND --help" for a command's flags.
`

// env returns the environment variable's value, or def when it is unset.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// run executes one command line and returns the process's exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "user":
		return userCommand(ctx, args, os.Stdin, stdout, stderr)
	case "audit":
		return auditCommand(ctx, args, stdout, stderr)
	case "digest":
		return digestCommand(ctx, args, stdout, stderr)
	}
	fs := flag.NewFlagSet("ogpp "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", env("OGPP_DB", "ogpp.db"), "database: a SQLite file path or a postgres:// URL (env OGPP_DB)")
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var err error
	switch cmd {
	case "serve":
		addr := fs.String("addr", env("OGPP_ADDR", ":8080"), "address to listen on (env OGPP_ADDR)")
		demo := fs.Bool("demo", env("OGPP_DEMO", "true") != "false", "load the demo data into an empty database (env OGPP_DEMO)")
		baseURL := fs.String("base-url", env("OGPP_BASE_URL", ""), "public URL behind a proxy, e.g. https://ogp.example.org/: links are made with it; https makes cookies Secure (env OGPP_BASE_URL)")
		holidays := fs.String("holidays", env("OGPP_HOLIDAYS", ""), "file of public holidays that appeals' reply deadlines skip, one YYYY-MM-DD per line (env OGPP_HOLIDAYS)")
		appealKinds := fs.String("appeal-kinds", env("OGPP_APPEAL_KINDS", ""), "kinds of appeal and the working days each gives for a reply, e.g. information_request=7,proposal=15,complaint=15 (env OGPP_APPEAL_KINDS)")
		dataLicence := fs.String("data-licence", env("OGPP_DATA_LICENCE", ""), "licence of the open data: a name, then the URL of its text unless it is well known, e.g. \"CC BY 4.0\" (the default) or \"Open Government Licence https://example.org/ogl\" (env OGPP_DATA_LICENCE)")
		smtp := smtpFlags(fs)
		digestEvery := fs.Duration("digest-every", 0, "send the subscribers' digests at this interval while serving, e.g. 24h; 0 (the default) leaves them to \"ogpp digest\"")
		if fs.Parse(args) != nil {
			return 2
		}
		err = app.Serve(ctx, app.Config{Addr: *addr, DB: *dbFlag, Demo: *demo, BaseURL: *baseURL, Holidays: *holidays, AppealKinds: *appealKinds,
			DataLicence: *dataLicence, Logger: logger, SMTP: *smtp, DigestEvery: *digestEvery}, stdout)
	case "migrate":
		if fs.Parse(args) != nil {
			return 2
		}
		err = migrate(ctx, *dbFlag, stdout)
	case "import":
		format := fs.String("format", "", "format of the file: ogp, json or csv")
		skip := fs.Bool("skip-invalid", false, "import the valid rows and report the others (format ogp)")
		if fs.Parse(args) != nil {
			return 2
		}
		if fs.NArg() != 1 || *format == "" {
			fmt.Fprintln(stderr, "usage: ogpp import --format ogp|json|csv [--skip-invalid] FILE   (FILE - reads standard input)")
			return 2
		}
		err = importFile(ctx, *dbFlag, fs.Arg(0), app.ImportOptions{Format: *format, SkipInvalid: *skip}, stdout, stderr)
	case "export":
		format := fs.String("format", "json", "format: json or csv")
		out := fs.String("out", "-", "file to write (- for standard output)")
		if fs.Parse(args) != nil {
			return 2
		}
		err = exportFile(ctx, *dbFlag, *format, *out, stdout)
	case "demo":
		if fs.Parse(args) != nil {
			return 2
		}
		err = demo(ctx, *dbFlag, stdout)
	case "version":
		fmt.Fprintln(stdout, "ogpp", app.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "ogpp: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	return 0
}

func migrate(ctx context.Context, dsn string, out io.Writer) error {
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	cur, latest, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: schema version %d (latest %d)\n", db.Where, cur, latest)
	return nil
}

func importFile(ctx context.Context, dsn, path string, opt app.ImportOptions, out, errOut io.Writer) error {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	report, err := app.Import(ctx, db, r, opt, errOut)
	if err != nil {
		return err
	}
	if report.Changed() {
		fmt.Fprintf(out, "Imported %s into %s:\n", path, db.Where)
	} else {
		fmt.Fprintf(out, "Nothing changed: %s is already in %s.\n", path, db.Where)
	}
	fmt.Fprint(out, app.FormatReport(report))
	return nil
}

func exportFile(ctx context.Context, dsn, format, path string, stdout io.Writer) (err error) {
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	var w io.Writer = stdout
	if path != "-" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		w = f
	}
	return app.Export(ctx, db, format, w)
}

func demo(ctx context.Context, dsn string, out io.Writer) error {
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, report, err := app.LoadDemo(ctx, db)
	if err != nil {
		return err
	}
	if !loaded {
		fmt.Fprintf(out, "%s already holds plans; the demo data is loaded only into an empty database.\n", db.Where)
		return nil
	}
	fmt.Fprintf(out, "Demo data loaded into %s:\n%s", db.Where, app.FormatReport(report))
	return nil
}
