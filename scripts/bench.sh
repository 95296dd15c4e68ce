#!/usr/bin/env bash
# Prints how long the main commands take on the example counties (wall clock, best of N
# runs), in a scratch copy so the repository's store is not touched. Speed is measured
# here, never in tests. Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
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

# The live preview: edit → new HTML and edit → new PDF, medians over 20 edits, on the
# 20-page example and on a synthetic plan of about 200 pages (every text ten times over).
cp -r regions/kainuu regions/suuri
python3 - regions/suuri <<'PY'
import pathlib, sys
for path in pathlib.Path(sys.argv[1], "sections").glob("*.yaml"):
    lines, out, i = path.read_text(encoding="utf-8").split("\n"), [], 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i].rstrip().endswith(": |"):
            indent = len(lines[i + 1]) - len(lines[i + 1].lstrip())
            block = []
            i += 1
            while i < len(lines) and (lines[i].strip() == "" or len(lines[i]) - len(lines[i].lstrip()) >= indent):
                block.append(lines[i])
                i += 1
            out.extend((block + [""]) * 10)
            continue
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")
PY
python3 "$repo/scripts/bench-serve.py" "$bin" "$work" kainuu regions/kainuu/sections/introduction.yaml 20
python3 "$repo/scripts/bench-serve.py" "$bin" "$work" suuri regions/suuri/sections/introduction.yaml 20
"$bin" build suuri >/dev/null 2>&1 && echo "suuri: $(pdfinfo output/suuri/draft/plan.pdf | awk '/^Pages/ {print $2}') pages"
rm -rf regions/suuri output/suuri

# Many counties: all 22 wellbeing services counties' worth (the 3 examples and 19 copies),
# built from scratch; wall time and peak memory of the whole process.
examples=(kainuu keski-pohjanmaa keski-suomi)
for i in $(seq -w 1 19); do cp -r "regions/${examples[$((10#$i % 3))]}" "regions/alue-$i"; done
rm -rf output
/usr/bin/time -f "build of 22 counties from scratch: %e s, peak %M KB" "$bin" build >/dev/null
