package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ogpp/internal/app"
)

// auditCommand runs "ogpp audit verify": it walks the audit log's hash
// chain, naming the first entry that was changed, removed or inserted
// outside ogpp, then checks every registry row against the fingerprint
// ogpp stored when it last wrote it and every account against its last
// audit entry, naming each row changed outside ogpp. It exits 1 when
// either check finds anything.
func auditCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: ogpp audit verify [--db …]")
		return 2
	}
	fs := flag.NewFlagSet("ogpp audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", env("OGPP_DB", "ogpp.db"), "database: a SQLite file path or a postgres:// URL (env OGPP_DB)")
	if fs.Parse(args[1:]) != nil {
		return 2
	}
	db, err := app.OpenStore(ctx, *dbFlag, nil)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	defer db.Close()
	res, err := db.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	problems, err := db.VerifyContent(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	if !res.OK() {
		fmt.Fprintln(stderr, res.String())
	} else {
		fmt.Fprintln(stdout, res.String())
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p.String())
	}
	if !res.OK() || len(problems) > 0 {
		return 1
	}
	fmt.Fprintln(stdout, "The registry and the accounts hold what ogpp last wrote.")
	return 0
}
