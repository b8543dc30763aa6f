package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"ogpp/internal/account"
	"ogpp/internal/app"
	"ogpp/internal/audit"
	"ogpp/internal/i18n"
)

const userUsage = `usage:
  ogpp user add --email E --name N --role R [--organisation ID] [--password-file F]
  ogpp user list
  ogpp user set-role --email E --role R [--organisation ID]
  ogpp user disable --email E
  ogpp user enable --email E
roles: admin, coordinator, monitor, member, focal_point (a state body's official: --organisation names the body)
Without --password-file the password is asked for (not echoed) or read as one line from standard input.
`

// userCommand runs "ogpp user …".
func userCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("ogpp user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", env("OGPP_DB", "ogpp.db"), "database: a SQLite file path or a postgres:// URL (env OGPP_DB)")
	email := fs.String("email", "", "the user's email address")
	name := fs.String("name", "", "the user's name")
	role := fs.String("role", "", "admin, coordinator, monitor, member or focal_point")
	org := fs.Int64("organisation", 0, "for a focal point: the id of the state body it answers for")
	passwordFile := fs.String("password-file", "", "read the password from this file's first line")
	if fs.Parse(args) != nil {
		return 2
	}
	// The audit log names the command as the actor of what it changes.
	ctx = audit.WithActor(ctx, audit.System("user "+sub))
	db, err := app.OpenStore(ctx, *dbFlag, nil)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	defer db.Close()
	svc, err := app.Accounts(db)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	err = nil
	switch sub {
	case "add":
		if *email == "" || *name == "" || *role == "" {
			fmt.Fprint(stderr, userUsage)
			return 2
		}
		var password string
		if password, err = readPassword(*passwordFile, stdin, stderr); err == nil {
			var u account.User
			u, err = svc.CreateUser(ctx, account.NewUser{Email: *email, Name: *name, Role: account.Role(*role), OrganisationID: *org, Password: password})
			if err == nil {
				fmt.Fprintf(stdout, "Created %s (%s) as %s.\n", u.Email, u.Name, u.Role)
			}
		}
	case "list":
		var users []account.User
		if users, err = svc.Users(ctx); err == nil {
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tORGANISATION\tSTATUS")
			sort.Slice(users, func(i, j int) bool { return users[i].Email < users[j].Email })
			for _, u := range users {
				status := "active"
				if u.Disabled {
					status = "disabled"
				}
				orgCol := ""
				if u.OrganisationID != 0 {
					orgCol = fmt.Sprint(u.OrganisationID)
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, orgCol, status)
			}
			tw.Flush()
		}
	case "set-role", "disable", "enable":
		var u account.User
		if *email == "" || (sub == "set-role" && *role == "") {
			fmt.Fprint(stderr, userUsage)
			return 2
		}
		if u, err = svc.UserByEmail(ctx, *email); err == nil {
			switch sub {
			case "set-role":
				err = svc.SetRole(ctx, u.ID, account.Role(*role), *org)
			case "disable":
				err = svc.Disable(ctx, u.ID)
			case "enable":
				err = svc.Enable(ctx, u.ID)
			}
			if err == nil {
				fmt.Fprintf(stdout, "%s: done.\n", u.Email)
			}
		}
	default:
		fmt.Fprintf(stderr, "ogpp user: unknown command %q\n%s", sub, userUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", describeAccountError(err))
		return 1
	}
	return 0
}

// describeAccountError turns the account service's message keys into
// English sentences for the command line.
func describeAccountError(err error) string {
	var fe account.FieldErrors
	if errors.As(err, &fe) {
		fields := make([]string, 0, len(fe))
		for f := range fe {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		var lines []string
		for _, f := range fields {
			lines = append(lines, fmt.Sprintf("--%s: %s", f, i18n.T("en", fe[f])))
		}
		return strings.Join(lines, "\n")
	}
	if key := account.ErrorKey(err); key != "" {
		return i18n.T("en", key)
	}
	return err.Error()
}

// readPassword reads a password from a file, from the terminal without
// echo, or as one line of standard input (for scripts).
func readPassword(file string, stdin io.Reader, stderr io.Writer) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(line, "\r"), nil
	}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password (at least 12 characters): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
