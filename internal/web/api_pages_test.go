package web

import (
	"testing"

	"ogpp/internal/plan"
)

// TestReadPagesGetsTheWholeList checks that a CSV asking for more rows
// than a store returns at once gets them all, in order, and no more than
// it asked for.
func TestReadPagesGetsTheWholeList(t *testing.T) {
	const total = 2500
	store := func(limit, offset int) (plan.Page[int], error) {
		limit = min(limit, storePage) // as the stores cap a page
		p := plan.Page[int]{Total: total}
		for i := offset; i < total && i < offset+limit; i++ {
			p.Items = append(p.Items, i)
		}
		return p, nil
	}
	cases := []struct {
		limit, offset, want int
	}{
		{100000, 0, total},
		{100000, 1200, total - 1200},
		{1500, 10, 1500},
		{50, 0, 50},
		{100000, total, 0},
	}
	if all, err := readAll(store); err != nil || len(all) != total || all[total-1] != total-1 {
		t.Fatalf("readAll: %d items, %v", len(all), err)
	}
	for _, c := range cases {
		got, err := readPages(c.limit, c.offset, store)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Items) != c.want || got.Total != total {
			t.Fatalf("limit %d offset %d: %d items of %d, want %d", c.limit, c.offset, len(got.Items), got.Total, c.want)
		}
		for i, v := range got.Items {
			if v != c.offset+i {
				t.Fatalf("limit %d offset %d: item %d is %d", c.limit, c.offset, i, v)
			}
		}
	}
}
