#!/usr/bin/env bash
# Prints how long `rakeplan export` takes over a store of 22 counties' plans in force (the
# 4 examples' store and 18 approved copies of Keski-Suomi, each under its own name), with
# and without the drafts: median wall time and CPU time (user+sys) of N runs, in a scratch
# copy. Speed is measured here, never in tests. Goal (issue 25): within a second on two
# cores. Usage: scripts/bench-export.sh [RUNS] (default 5); BIN=path picks the binary
# (default: the debug build, which is slower than a release).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
if [ -z "${BIN:-}" ]; then
  cargo build --quiet --locked
  BIN="${CARGO_TARGET_DIR:-target}/debug/rakeplan"
fi
bin="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r regions plan-template "$work/"
cp -r output "$work/output"
rm -rf "$work/output/site"
cd "$work"
for i in $(seq -w 1 18); do
  cp -r regions/keski-suomi "regions/alue-$i"
  sed -i "s/^name: .*/name: {fi: Alue $i, sv: Område $i}/" "regions/alue-$i/region.yaml"
done
"$bin" build >/dev/null 2>&1
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
measure() { # "wall cpu" (s) medians of `export "$@"` over $runs runs
  local results
  results="$(for _ in $(seq "$runs"); do
    rm -rf vienti
    /usr/bin/time -f "%e %U %S" -o time.txt "$bin" export --dir vienti "$@" >/dev/null 2>&1
    awk '{ print $1, $2 + $3 }' time.txt
  done)"
  echo "$(cut -d' ' -f1 <<<"$results" | median) s wall, $(cut -d' ' -f2 <<<"$results" | median) s CPU"
}
echo "load before: $(uptime | sed 's/.*load average: //') (1, 5, 15 min; $(nproc) cores)"
echo "store: $(find output -name manifest.json | wc -l) stored versions of $(ls regions | wc -l) counties"
echo "export, plans in force:        $(measure)"
echo "export --drafts:               $(measure --drafts)"
echo "rows: $(cat vienti/*.csv | wc -l) CSV lines in $(ls vienti/*.csv | wc -l) tables"
