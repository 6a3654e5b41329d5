#!/usr/bin/env bash
# Builds the desk (/desk) and the web chat (/chat) into src/Edge/Grid.Edge/wwwroot, which is committed: a fresh clone
# runs and tests without npm. Run it after changing anything under web/ and commit web/ and wwwroot/ together.
# The stamp wwwroot/.source-hash is the hash of web/'s files (lockfile included, node_modules excluded); the test
# Grid.Tests.Web.WebAssetsTests recomputes it and fails when the committed bundle is stale.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/Edge/Grid.Edge/wwwroot

npm ci --no-audit --no-fund
npx tsc --noEmit -p .
npx vite build

# One line per file, in byte order of its path: "path\nsha256\n"; the stamp is the sha256 of those lines.
source_hash() {
  find . -type f -not -path './node_modules/*' -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s\n%s\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)"
  done | sha256sum | cut -d' ' -f1
}
source_hash > "$out/.source-hash"

echo "bundle sizes (bytes, raw and gzip -9):"
(cd "$out" && find . -type f -not -name '.source-hash' -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do
  printf '  %-32s %7d %7d\n' "$f" "$(wc -c < "$f")" "$(gzip -9c < "$f" | wc -c)"
done)
