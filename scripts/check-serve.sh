#!/usr/bin/env bash
# Browser test of the live preview: starts `rakeplan serve kainuu` on a copy of the example
# counties, opens it in Debian's headless Chromium (playwright-core) and checks that an
# edit shows up without a manual reload (the paragraph at the top of the window stays
# there), that a broken edit shows the errors with file and line, that the fix brings
# the plan back, and that the page opened at a YAML line (`?at=FILE:LINE`) shows the
# element written there with its editor link focused.
# Usage: scripts/check-serve.sh [path/to/rakeplan]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-target}/debug/rakeplan}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
tools="${RAKEPLAN_TOOLS:-$HOME/.cache/rakeplan-tools}"

. scripts/debian-packages.sh
need_packages chromium:chromium
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" playwright-core@1 >/dev/null
fi

work="$(mktemp -d)"
cp -r regions plan-template "$work/"
(cd "$work" && LANG=C exec "$bin" serve kainuu --port 0 >"$work/serve.out" 2>"$work/serve.err") &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q http "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' "$work/serve.out")"
NODE_PATH="$tools/node_modules" node scripts/serve-check.cjs "$url" "$work/regions/kainuu/sections/introduction.yaml"
