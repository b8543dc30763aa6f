package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/search"
)

// The store keeps the site-wide search index.
var _ search.Store = (*DB)(nil)

// searchBatch is how many documents one INSERT writes while the index is
// rebuilt: few round trips, far below SQLite's limit of parameters.
const searchBatch = 50

// ReplaceSearchIndex makes entries the whole content of the search index,
// in one transaction. A second entry with the kind and id of an earlier one
// is left out. The index is derived from public content, not a change of
// it, so no audit entry is written.
func (db *DB) ReplaceSearchIndex(ctx context.Context, entries []search.Entry, builtFrom int64) error {
	seen := make(map[string]bool, len(entries))
	unique := entries[:0:0]
	for _, e := range entries {
		key := string(e.Kind) + "/" + strconv.FormatInt(e.ID, 10)
		if !seen[key] {
			seen[key] = true
			unique = append(unique, e)
		}
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		// The state row first: on PostgreSQL its lock makes a second
		// instance's rebuild wait until this one has committed.
		if _, err := tx.ExecContext(ctx, `UPDATE search_state SET rebuilt_at = $1, documents = $2, built_from = $3 WHERE id = 1`,
			formatTime(db.Now()), len(unique), builtFrom); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_documents`); err != nil {
			return err
		}
		if db.dialect == SQLite {
			// A contentless FTS5 table is emptied with its own command.
			if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('delete-all')`); err != nil {
				return err
			}
		}
		for from := 0; from < len(unique); from += searchBatch {
			batch := unique[from:min(from+searchBatch, len(unique))]
			if err := db.insertSearchBatch(ctx, tx, from+1, batch); err != nil {
				return err
			}
		}
		if db.dialect == SQLite {
			// Merge the index's segments: queries then read one b-tree.
			if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('optimize')`); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("replace search index: %w", err)
	}
	return nil
}

// MarkSearchIndexChanged counts a change of public content, so that every
// process sharing the database rebuilds its index before its next search.
func (db *DB) MarkSearchIndexChanged(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `UPDATE search_state SET changes = changes + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("mark search index changed: %w", err)
	}
	return nil
}

// SearchIndexChanges returns how many changes were marked and how many of
// them the index was built after.
func (db *DB) SearchIndexChanges(ctx context.Context) (marked, built int64, err error) {
	if err := db.read.QueryRowContext(ctx, `SELECT changes, built_from FROM search_state WHERE id = 1`).Scan(&marked, &built); err != nil {
		return 0, 0, fmt.Errorf("search index changes: %w", err)
	}
	return marked, built, nil
}

// insertSearchBatch writes documents numbered from firstID on.
func (db *DB) insertSearchBatch(ctx context.Context, tx *sql.Tx, firstID int, batch []search.Entry) error {
	var rows []string
	var args []any
	arg := func(v any) string {
		if s, ok := v.(string); ok {
			v = cleanArg(s)
		}
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	tsv := func(v string, weight string) string {
		return `setweight(to_tsvector('simple', ` + arg(v) + `), '` + weight + `')`
	}
	for i, e := range batch {
		translations, err := json.Marshal(e.Translations)
		if err != nil {
			return err
		}
		if e.Translations == nil {
			translations = []byte("[]")
		}
		var date any
		if !e.Date.IsZero() {
			date = e.Date.Format(time.DateOnly) // the day where it happened, as its page says
		}
		cols := []string{arg(firstID + i), arg(string(e.Kind)), arg(e.ID), arg(e.Lang), arg(e.Title), arg(e.Body), arg(string(translations)), arg(e.URL), arg(e.Context), arg(date)}
		if db.dialect == Postgres {
			cols = append(cols, tsv(e.TitleAz, "A")+` || `+tsv(e.BodyAz, "B")+` || `+tsv(e.TitleIntl, "C")+` || `+tsv(e.BodyIntl, "D"))
		}
		rows = append(rows, "("+strings.Join(cols, ", ")+")")
	}
	columns := `id, kind, ref_id, lang, title, body, translations, url, context, date`
	if db.dialect == Postgres {
		columns += `, tsv`
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_documents (`+columns+`) VALUES `+strings.Join(rows, ", "), args...); err != nil {
		return err
	}
	if db.dialect != SQLite {
		return nil
	}
	rows, args = rows[:0], args[:0]
	for i, e := range batch {
		rows = append(rows, "("+strings.Join([]string{arg(firstID + i), arg(e.TitleAz), arg(e.BodyAz), arg(e.TitleIntl), arg(e.BodyIntl)}, ", ")+")")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, title_az, body_az, title_intl, body_intl) VALUES `+strings.Join(rows, ", "), args...)
	return err
}

// The weights of the parts of a document. SQLite's bm25 takes one per
// column; PostgreSQL's ts_rank_cd one per weight label, in the order D
// (other languages' body), C (their title), B (Azerbaijani body), A
// (Azerbaijani title). A title counts ten times a body in SQLite and five
// times in PostgreSQL, whose scale is not bm25's: a word in a title ranks
// above the same word in a body in both.
const (
	sqliteRank   = `-bm25(search_fts, 10.0, 1.0, 10.0, 1.0)`
	postgresRank = `ts_rank_cd(CAST('{0.2, 1.0, 0.2, 1.0}' AS real[]), d.tsv, to_tsquery('simple', $1), 1)`
)

// SearchIndex returns the documents that match every term, best first,
// with the counts per kind.
func (db *DB) SearchIndex(ctx context.Context, q search.StoreQuery) (search.Matches, error) {
	res := search.Matches{ByKind: map[search.Kind]int{}}
	if len(q.Terms) == 0 {
		return res, nil
	}
	limit, offset := pageLimits(q.Limit, q.Offset)
	from, rank, match := ` FROM search_documents d WHERE d.tsv @@ to_tsquery('simple', $1)`, postgresRank, tsQuery(q.Terms)
	if db.dialect == SQLite {
		from, rank, match = ` FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH $1`, sqliteRank, ftsQuery(q.Terms)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT d.kind, COUNT(*)`+from+` GROUP BY d.kind`, match)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		res.ByKind[search.Kind(kind)] = n
		if q.Kind == "" || q.Kind == search.Kind(kind) {
			res.Total += n
		}
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	rows.Close()
	args := []any{match}
	if q.Kind != "" {
		args = append(args, cleanArg(string(q.Kind)))
		from += ` AND d.kind = $2`
	}
	args = append(args, limit, offset)
	n := len(args)
	rows, err = db.read.QueryContext(ctx, `SELECT d.kind, d.ref_id, d.lang, d.title, d.body, d.translations, d.url, d.context, COALESCE(d.date, ''), `+rank+` AS score`+
		from+` ORDER BY score DESC, COALESCE(d.date, '') DESC, d.id LIMIT $`+strconv.Itoa(n-1)+` OFFSET $`+strconv.Itoa(n), args...)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m search.Match
		var kind, translations, date string
		if err := rows.Scan(&kind, &m.ID, &m.Lang, &m.Title, &m.Body, &translations, &m.URL, &m.Context, &date, &m.Rank); err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		m.Kind = search.Kind(kind)
		if err := json.Unmarshal([]byte(translations), &m.Translations); err != nil {
			return res, fmt.Errorf("search: stored translations of %s %d: %w", kind, m.ID, err)
		}
		if date != "" {
			if m.Date, err = time.Parse(time.DateOnly, date); err != nil {
				return res, fmt.Errorf("search: stored date %q: %w", date, err)
			}
		}
		res.Items = append(res.Items, m)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// ftsQuery writes terms as an FTS5 query: each term, quoted as a string
// (so that nothing in it is an operator), must occur in the Azerbaijani
// columns in its Azerbaijani folding or in the other columns in its
// English folding.
func ftsQuery(terms []search.Term) string {
	quote := func(w string, prefix bool) string {
		s := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if prefix {
			s += "*"
		}
		return s
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `({title_az body_az} : ` + quote(t.Az, t.Prefix) + ` OR {title_intl body_intl} : ` + quote(t.Intl, t.Prefix) + `)`
	}
	return strings.Join(parts, " AND ")
}

// tsQuery writes terms as a PostgreSQL tsquery: each term, quoted as a
// lexeme, must carry weight A or B (Azerbaijani text) in its Azerbaijani
// folding, or C or D (other languages) in its English folding.
func tsQuery(terms []search.Term) string {
	quote := func(w string, prefix bool, weights string) string {
		s := `'` + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(w) + `':`
		if prefix {
			s += "*"
		}
		return s + weights
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `(` + quote(t.Az, t.Prefix, "AB") + ` | ` + quote(t.Intl, t.Prefix, "CD") + `)`
	}
	return strings.Join(parts, " & ")
}
