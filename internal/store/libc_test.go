package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLibcMatchesSQLite guards the pin in go.mod: modernc.org/libc must be
// exactly the version modernc.org/sqlite was built against, or SQLite
// crashes at run time. It reads the sqlite module's own go.mod from the
// module cache; the check needs the go command, which building needs too.
func TestLibcMatchesSQLite(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}} {{.Dir}}", "modernc.org/sqlite").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	version, dir, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatalf("sqlite %s go.mod: %v", version, err)
	}
	var wanted string
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "modernc.org/libc" {
			wanted = f[1]
		}
	}
	out, err = exec.Command("go", "list", "-m", "-f", "{{.Version}}", "modernc.org/libc").Output()
	if err != nil {
		t.Fatalf("go list libc: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != wanted {
		t.Fatalf("modernc.org/libc is %s; modernc.org/sqlite %s requires %s: pin that version in go.mod", got, version, wanted)
	}
}
