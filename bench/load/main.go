// Command load sends a bounded burst of GET requests to an ogpp server on
// this machine and reports throughput and latency percentiles per path.
//
//	go run ./bench/load -base http://127.0.0.1:8080 -c 8 -n 2000 /plans/1 /api/v1/plans/1/measures
//
// It only talks to loopback addresses: it is for measuring an instance you
// started yourself, not for loading someone else's server.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "server to measure (loopback only)")
	concurrency := flag.Int("c", 4, "concurrent clients")
	requests := flag.Int("n", 1000, "requests per path")
	timeout := flag.Duration("timeout", 2*time.Minute, "stop after this long whatever is left")
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{"/", "/api/v1/plans"}
	}
	u, err := url.Parse(*base)
	if err != nil {
		fail("bad -base: %v", err)
	}
	ip := net.ParseIP(u.Hostname())
	if u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fail("-base must be a loopback address (127.0.0.1, ::1 or localhost), not %q", u.Hostname())
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency}}
	fmt.Printf("%-45s %8s %9s %9s %9s %9s %7s\n", "path", "req/s", "p50", "p95", "p99", "max", "errors")
	for _, p := range paths {
		measure(ctx, client, *base+p, p, *concurrency, *requests)
	}
}

func measure(ctx context.Context, client *http.Client, target, label string, concurrency, n int) {
	jobs := make(chan struct{}, n)
	for range n {
		jobs <- struct{}{}
	}
	close(jobs)
	var mu sync.Mutex
	var latencies []time.Duration
	errors := 0
	start := time.Now()
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				if ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				ok := get(ctx, client, target)
				d := time.Since(t0)
				mu.Lock()
				latencies = append(latencies, d)
				if !ok {
					errors++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(latencies) == 0 {
		fmt.Printf("%-45s no request completed\n", label)
		return
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))] }
	fmt.Printf("%-45s %8.0f %9s %9s %9s %9s %7d\n", label, float64(len(latencies))/elapsed.Seconds(),
		pct(.50).Round(10*time.Microsecond), pct(.95).Round(10*time.Microsecond), pct(.99).Round(10*time.Microsecond),
		latencies[len(latencies)-1].Round(10*time.Microsecond), errors)
}

func get(ctx context.Context, client *http.Client, target string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusOK
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
	os.Exit(2)
}
