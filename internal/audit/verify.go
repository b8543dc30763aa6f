package audit

import (
	"errors"
	"fmt"
	"iter"
)

// Problem is what Verify found wrong with a log.
type Problem string

// The problems Verify names. An intact log has none ("").
const (
	// Changed: an entry's content no longer matches its own hash, or it
	// could not even be read back as ogpp wrote it, or (at the end of the
	// log) it is not the entry the chain head recorded.
	Changed Problem = "changed"
	// Removed: an entry is missing, seen as a gap in the numbering where the
	// next entry links to a predecessor that is not there, or as a log that
	// ends before the entry the chain head recorded.
	Removed Problem = "removed"
	// Inserted: an entry whose own hash is consistent but which does not
	// belong in the chain: it does not link to the entry before it, or it
	// links to it under a number that leaves a gap, or it lies beyond the
	// entry the chain head recorded.
	Inserted Problem = "inserted"
)

// Result is the outcome of a verification: an intact log, or the first
// problem in it.
type Result struct {
	// Problem is "" for an intact log.
	Problem Problem
	// Seq names the entry: the changed or inserted one, or the first
	// missing one.
	Seq int64
	// Detail says in English how the problem shows.
	Detail string
	// Checked counts the entries read: all of them for an intact log.
	Checked int64
	// Last is the last sound entry before the problem; for an intact log,
	// its head.
	Last Head
}

// OK reports whether the log is intact.
func (r Result) OK() bool { return r.Problem == "" }

// String is one English sentence for the command line, naming the entry.
func (r Result) String() string {
	if r.OK() {
		if r.Checked == 0 {
			return "audit log intact: no entries"
		}
		return fmt.Sprintf("audit log intact: %d entries, the last is %d with hash %s", r.Checked, r.Last.Seq, r.Last.Hash)
	}
	return fmt.Sprintf("audit log entry %d was %s: %s", r.Seq, r.Problem, r.Detail)
}

// MalformedError is what a reader of stored entries yields for an entry it
// cannot read back, such as a time not in TimeLayout. ogpp only writes
// well-formed entries, so Verify reports such an entry as changed.
type MalformedError struct {
	Seq   int64
	Field string
	Err   error
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("audit log entry %d: %s: %v", e.Seq, e.Field, e.Err)
}

func (e *MalformedError) Unwrap() error { return e.Err }

// Verify walks entries in Seq order and returns the first problem, or an
// intact Result. It reads each entry once and keeps none, so a log of any
// length can be streamed through it. An error from entries ends the walk
// and is returned, except a *MalformedError, which is reported as a changed
// entry.
//
// A chain without a secret cannot tell every forgery: someone who rewrites
// an entry and recomputes the hashes of all the entries after it leaves a
// consistent chain. VerifyHead closes part of that gap by checking the end
// of the chain against a head recorded separately.
//
// Where a link is broken between two entries with consecutive numbers and
// consistent hashes, the later one is named as inserted; the same evidence
// would also be left by rewriting the earlier one and recomputing its hash.
func Verify(entries iter.Seq2[Entry, error]) (Result, error) {
	return verify(entries, nil)
}

// VerifyHead is Verify that also checks that the log ends at head, the
// chain head the store keeps apart from the entries: it finds entries
// removed from the end of the log, entries added beyond it, and a last
// entry replaced by a consistent forgery.
func VerifyHead(entries iter.Seq2[Entry, error], head Head) (Result, error) {
	return verify(entries, &head)
}

func verify(entries iter.Seq2[Entry, error], head *Head) (Result, error) {
	r := Result{Last: Empty}
	for e, err := range entries {
		if err != nil {
			var m *MalformedError
			if errors.As(err, &m) {
				r.Checked++
				return r.fail(Changed, m.Seq, fmt.Sprintf("its %s cannot be read back as ogpp writes it (%v)", m.Field, m.Err)), nil
			}
			return Result{}, fmt.Errorf("verify audit log: %w", err)
		}
		r.Checked++
		prev := r.Last
		switch {
		case e.Seq <= prev.Seq:
			return Result{}, fmt.Errorf("verify audit log: entry %d comes after entry %d: entries are not in order", e.Seq, prev.Seq)
		case e.ComputeHash() != e.Hash:
			return r.fail(Changed, e.Seq, "its content no longer matches its hash"), nil
		case e.Seq > prev.Seq+1 && e.PrevHash == prev.Hash:
			return r.fail(Inserted, e.Seq, fmt.Sprintf("it links to %s but is numbered %d", describe(prev.Seq), e.Seq)), nil
		case e.Seq > prev.Seq+1:
			jump := fmt.Sprintf("the log jumps from entry %d to entry %d", prev.Seq, e.Seq)
			if prev.Seq == 0 {
				jump = fmt.Sprintf("the log starts at entry %d", e.Seq)
			}
			return r.fail(Removed, prev.Seq+1, jump+", which links to an entry that is not there"), nil
		case e.PrevHash != prev.Hash:
			return r.fail(Inserted, e.Seq, fmt.Sprintf("it does not link to %s before it, though its own hash is consistent", describe(prev.Seq))), nil
		}
		r.Last = Head{Seq: e.Seq, Hash: e.Hash}
	}
	if head == nil {
		return r, nil
	}
	switch last := r.Last; {
	case head.Seq > last.Seq && last.Seq == 0:
		return r.fail(Removed, 1, fmt.Sprintf("the log is empty but its head records entry %d", head.Seq)), nil
	case head.Seq > last.Seq:
		return r.fail(Removed, last.Seq+1, fmt.Sprintf("the log ends at entry %d but its head records entry %d", last.Seq, head.Seq)), nil
	case head.Seq < last.Seq && head.Seq == 0:
		return r.fail(Inserted, 1, "the log's head records no entries"), nil
	case head.Seq < last.Seq:
		return r.fail(Inserted, head.Seq+1, fmt.Sprintf("the log's head records entry %d as the last", head.Seq)), nil
	case head.Hash != last.Hash && last.Seq == 0:
		return r.fail(Removed, 1, "the log is empty but its head records a hash"), nil
	case head.Hash != last.Hash:
		return r.fail(Changed, last.Seq, "it is not the entry the log's head recorded, though its own hash is consistent"), nil
	}
	return r, nil
}

func (r Result) fail(p Problem, seq int64, detail string) Result {
	r.Problem, r.Seq, r.Detail = p, seq, detail
	return r
}

// describe names an entry in a sentence, seq 0 being the start of the log.
func describe(seq int64) string {
	if seq == 0 {
		return "the start of the log"
	}
	return fmt.Sprintf("entry %d", seq)
}
