package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// encodingVersion is the first field of every encoding, so that a future
// change of the encoding cannot produce the bytes of this one.
const encodingVersion = "ogpp-audit-1"

// Encode returns the bytes an entry's hash is computed over. They are
// eleven fields in this order, each written as its length in bytes (an
// unsigned 64-bit big-endian integer) followed by the bytes themselves:
//
//  1. the text "ogpp-audit-1"
//  2. PrevHash, as its 64 lowercase hex digits
//  3. Seq, in decimal
//  4. At, in TimeLayout (2006-01-02T15:04:05.000Z), as stored
//  5. Actor.UserID, in decimal
//  6. Actor.Name, UTF-8
//  7. Action
//  8. EntityType
//  9. EntityID
//  10. Before, its canonical JSON; no bytes when absent
//  11. After, likewise
//
// Because every field carries its length, no two different entries encode
// alike (moving a byte from one field to the next changes both lengths),
// and the encoding holds only text as stored, so a hash does not depend on
// how a database driver returns times or numbers. Hash is the lowercase hex
// SHA-256 of these bytes.
func Encode(e Entry) []byte {
	fields := [...]string{
		encodingVersion,
		e.PrevHash,
		strconv.FormatInt(e.Seq, 10),
		FormatTime(e.At),
		strconv.FormatInt(e.Actor.UserID, 10),
		e.Actor.Name,
		string(e.Action),
		e.EntityType,
		e.EntityID,
		string(e.Before),
		string(e.After),
	}
	n := 0
	for _, f := range fields {
		n += 8 + len(f)
	}
	b := make([]byte, 0, n)
	for _, f := range fields {
		b = binary.BigEndian.AppendUint64(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// ComputeHash returns the hash e's content calls for, which equals e.Hash
// unless the entry was changed after it was chained.
func (e Entry) ComputeHash() string {
	sum := sha256.Sum256(Encode(e))
	return hex.EncodeToString(sum[:])
}
