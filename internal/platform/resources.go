package platform

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// DefaultCurrency is the currency a cost is in unless the form says
// otherwise: the Azerbaijani manat.
const DefaultCurrency = "AZN"

// maxCostMinor bounds a cost, in hundredths: ten billion is no
// equipment's price, and keeps sums far from overflowing.
const maxCostMinor = 1_000_000_000_000

// Cost is an amount of money in a currency, kept in hundredths (qəpik for
// the manat) so that sums are exact.
type Cost struct {
	Minor    int64
	Currency string // ISO 4217, e.g. AZN, USD, EUR
}

// Decimal writes the amount with a decimal point and two decimals:
// "1250.50", the form CSV files and inputs carry.
func (c Cost) Decimal() string {
	return strconv.FormatInt(c.Minor/100, 10) + "." + pad2(c.Minor%100)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// ParseAmount reads an amount as people type it, in hundredths: "1250",
// "1250.5", "1 250,50", "1.250,50", "1,250.50". Where both a comma and a
// point appear, the last one is the decimal mark; a lone one followed by
// one or two digits is the decimal mark, by three a thousands separator.
// Negative amounts, more than two decimals and anything else are refused.
func ParseAmount(s string) (int64, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	lastComma, lastPoint := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	decimal := -1
	switch {
	case lastComma >= 0 && lastPoint >= 0:
		decimal = max(lastComma, lastPoint)
	case lastComma >= 0 || lastPoint >= 0:
		i := max(lastComma, lastPoint)
		sep := s[i]
		if strings.Count(s, string(sep)) == 1 && len(s)-i-1 != 3 {
			decimal = i
		}
	}
	whole, frac := s, ""
	if decimal >= 0 {
		whole, frac = s[:decimal], s[decimal+1:]
	}
	// Thousands separators must separate thousands: "1,2,3" is a typo,
	// not 123.
	parts := strings.Split(strings.ReplaceAll(whole, ".", ","), ",")
	if len(parts) > 1 {
		if len(parts[0]) == 0 || len(parts[0]) > 3 {
			return 0, false
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return 0, false
			}
		}
	}
	whole = strings.Join(parts, "")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 || !pwDigits(whole) || (frac != "" && !pwDigits(frac)) || len(whole) > 13 {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w*100+f > maxCostMinor {
		return 0, false
	}
	return w*100 + f, true
}

func pwDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validCurrency reports whether c is written as ISO 4217 codes are: three
// capital Latin letters.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// ResourceItem is an entry of the resources register: equipment or
// material the platform bought.
type ResourceItem struct {
	ID       int64
	Item     string
	BoughtOn plan.Date
	Cost     Cost
	// ActivityID names the platform's activity that paid for it (0 for
	// none), kept as given: activities live apart.
	ActivityID int64
	Note       string
	Version    int
	UpdatedAt  time.Time
}

// ResourceEdit is what a coordinator's form sets on a register entry:
// Amount as typed (see ParseAmount), Currency empty for DefaultCurrency.
// Today and Version are as for AppealEdit.
type ResourceEdit struct {
	Item       string
	BoughtOn   string // YYYY-MM-DD
	Amount     string
	Currency   string
	ActivityID int64
	Note       string
	Today      plan.Date
	Version    int
}

// Validate tidies e and checks it, and returns the cost it sets.
func (e *ResourceEdit) Validate() (Cost, plan.FieldErrors) {
	fe := plan.FieldErrors{}
	e.Item = strings.TrimSpace(e.Item)
	e.Note = strings.TrimSpace(e.Note)
	e.BoughtOn = strings.TrimSpace(e.BoughtOn)
	e.Currency = strings.ToUpper(strings.TrimSpace(e.Currency))
	if e.Currency == "" {
		e.Currency = DefaultCurrency
	}
	if e.Item == "" {
		fe["item"] = "resource.item.required"
	}
	pwCheckString(fe, "item", e.Item, pwMaxShort)
	pwParseDay(fe, "resource", "bought_on", e.BoughtOn, e.Today, true)
	cost := Cost{Currency: e.Currency}
	if strings.TrimSpace(e.Amount) == "" {
		fe["amount"] = "resource.amount.required"
	} else if n, ok := ParseAmount(e.Amount); !ok {
		fe["amount"] = "resource.amount.invalid"
	} else {
		cost.Minor = n
	}
	if !validCurrency(e.Currency) {
		fe["currency"] = "resource.currency.invalid"
	}
	if e.ActivityID < 0 {
		fe["activity"] = "appeal.activity.invalid"
	}
	pwCheckString(fe, "note", e.Note, pwMaxLong)
	return cost, fe
}

// ResourceFilter selects register entries. Zero fields do not filter.
type ResourceFilter struct {
	Year          int
	ActivityID    int64
	Limit, Offset int
}

// ResourceList is a page of the register, newest purchase first, with the
// totals of every entry the filter selects.
type ResourceList struct {
	Items []ResourceItem
	Total int
	// Sums totals the costs by currency, in hundredths; currencies are
	// never added together.
	Sums map[string]int64
}

// ResourceStore keeps the resources register, as AppealStore keeps
// appeals.
type ResourceStore interface {
	ListResources(ctx context.Context, f ResourceFilter) (ResourceList, error)
	// ResourceYears lists the years of purchase of the live entries,
	// newest first.
	ResourceYears(ctx context.Context) ([]int, error)
	GetResource(ctx context.Context, id int64) (ResourceItem, error)
	CreateResource(ctx context.Context, actor audit.Actor, e ResourceEdit) (int64, error)
	UpdateResource(ctx context.Context, actor audit.Actor, id int64, e ResourceEdit) error
	DeleteResource(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreResource(ctx context.Context, actor audit.Actor, id int64) error
}
