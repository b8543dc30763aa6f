package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeBehindAProxy serves with an https base URL over plain HTTP, as
// behind a proxy that ends TLS: the setup link is printed with the public
// address and cookies are Secure.
func TestServeBehindAProxy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	cfg := Config{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "ogpp.db"), BaseURL: "https://ogp.example.org",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Ready: func(addr string) { ready <- addr }}
	go func() { done <- Serve(ctx, cfg, &out) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended before it was ready: %v", err)
	}
	if !strings.Contains(out.String(), "  https://ogp.example.org/setup/") {
		t.Errorf("the setup link does not use the base URL: %q", out.String())
	}
	resp, err := http.Get("http://" + addr + "/login?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) == 0 {
		t.Fatal("choosing a language set no cookie")
	}
	for _, c := range cookies {
		if !c.Secure {
			t.Errorf("cookie %s is not Secure behind an https base URL", c.Name)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("graceful shutdown: %v", err)
	}
}

func TestServeRefusesABadBaseURL(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "ogpp.db")
	err := Serve(context.Background(), Config{Addr: "127.0.0.1:0", DB: dsn, BaseURL: "ogp.example.org/ogp",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "base URL") {
		t.Fatalf("serve with a base URL without a scheme: %v", err)
	}
	if _, err := os.Stat(dsn); !os.IsNotExist(err) {
		t.Errorf("the database was created before the base URL was checked: %v", err)
	}
}
