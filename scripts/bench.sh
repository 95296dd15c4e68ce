#!/usr/bin/env bash
# Prints how long the main commands take on the example counties (wall clock, best of N
# runs), in a scratch copy so the repository's store is not touched. Speed is measured
# here, never in tests. Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cargo build --quiet --locked
bin="${CARGO_TARGET_DIR:-target}/debug/rakeplan"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r regions plan-template "$work/"
cp -r output "$work/output"
rm -rf "$work/output/site" "$work/output"/*/draft
cd "$work"

best() { # best-of-N wall time in milliseconds of the command "$@"
  local best=""
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

printf '%-48s %8s\n' "command (3 counties, 45 YAML files)" "best ms"
printf '%-48s %8s\n' "check (all counties)" "$(best "$bin" check)"
printf '%-48s %8s\n' "build, drafts rebuilt from scratch" "$(best sh -c "rm -rf output/*/draft; '$bin' build")"
printf '%-48s %8s\n' "build, nothing changed" "$(best "$bin" build)"
printf '%-48s %8s\n' "build kainuu + approval packet (redline)" "$(best "$bin" build kainuu --redline-against 1.1)"
printf '%-48s %8s\n' "diff kainuu 1.0 1.1 (text)" "$(best "$bin" diff kainuu 1.0 1.1)"
printf '%-48s %8s\n' "diff kainuu 1.0 1.1 --format pdf" "$(best "$bin" diff kainuu 1.0 1.1 --format pdf -o r.pdf)"
printf '%-48s %8s\n' "publish (site of every stored version)" "$(best "$bin" publish)"
echo "pages: $(find output -name plan.pdf -path '*draft*' -exec pdfinfo {} \; 2>/dev/null | awk '/^Pages/ {print $2}' | paste -sd' ' -) (draft PDFs)"
