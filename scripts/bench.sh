#!/usr/bin/env bash
# Prints how long the main commands take on the example counties (wall clock, median of N
# runs), in a scratch copy so the repository's store is not touched. Speed is measured
# here, never in tests. The machine's load is printed with the figures: on a busy machine
# wall times grow, so the 22-county build also prints its CPU time (user + sys).
# Usage: scripts/bench.sh [RUNS] [RUNS_22] (defaults 5 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
runs="${1:-5}"
. scripts/debian-packages.sh
need_packages pdfinfo:poppler-utils
cargo build --quiet --locked
bin="${CARGO_TARGET_DIR:-target}/debug/rakeplan"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r regions plan-template "$work/"
cp -r output "$work/output"
rm -rf "$work/output/site" "$work/output"/*/draft
cd "$work"

median() { # the median of the numbers on standard input
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

timed() { # median wall time in milliseconds of the command "$@" over $runs runs
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}

echo "load before: $(uptime | sed 's/.*load average: //') (1, 5, 15 min; $(nproc) cores)"
printf '%-48s %8s\n' "command (4 counties, 60 YAML files)" "median ms"
printf '%-48s %8s\n' "check (all counties)" "$(timed "$bin" check)"
printf '%-48s %8s\n' "build, drafts rebuilt from scratch" "$(timed sh -c "rm -rf output/*/draft; '$bin' build")"
printf '%-48s %8s\n' "build, nothing changed" "$(timed "$bin" build)"
printf '%-48s %8s\n' "build kainuu + approval packet (redline)" "$(timed "$bin" build kainuu --redline-against 1.1)"
printf '%-48s %8s\n' "diff kainuu 1.0 1.1 (text)" "$(timed "$bin" diff kainuu 1.0 1.1)"
printf '%-48s %8s\n' "diff kainuu 1.0 1.1 --format pdf" "$(timed "$bin" diff kainuu 1.0 1.1 --format pdf -o r.pdf)"
printf '%-48s %8s\n' "publish (site of every stored version)" "$(timed "$bin" publish)"
echo "pages: $(find output -name plan.pdf -path '*draft*' -exec pdfinfo {} \; 2>/dev/null | awk '/^Pages/ {print $2}' | paste -sd' ' -) (draft PDFs)"

# The live preview: edit → new HTML and edit → new PDF, medians over 20 edits, on the
# 20-page example and on a synthetic plan of about 200 pages (every text fifteen times over).
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
            out.extend((block + [""]) * 15)
            continue
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")
PY
python3 "$repo/scripts/bench-serve.py" "$bin" "$work" kainuu regions/kainuu/sections/introduction.yaml 20
python3 "$repo/scripts/bench-serve.py" "$bin" "$work" suuri regions/suuri/sections/introduction.yaml 20
"$bin" build suuri >/dev/null 2>&1 && echo "suuri: $(pdfinfo output/suuri/draft/plan.pdf 2>/dev/null | awk '/^Pages/ {print $2}') pages"
rm -rf regions/suuri output/suuri

# Many counties: all 22 wellbeing services counties' worth (the 4 examples and 18 copies),
# built from scratch, $runs22 times: median wall time, median CPU time and the highest peak
# memory of the whole process. Copies share their text with their example, and typst's
# cache would lay out a copy's unchanged paragraphs only once, which real counties, each
# with its own text, never allow. So every copy first gets text of its own (its name added
# to every line of prose, every table cell and every list item), as 22 real plans would.
runs22="${2:-3}"
examples=(kainuu keski-pohjanmaa keski-suomi pohjanmaa)
for i in $(seq -w 1 18); do cp -r "regions/${examples[$((10#$i % 4))]}" "regions/alue-$i"; done
build22() { # prints "wall user+sys peak" (s, s, KB) of a build from scratch
  rm -rf output
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$bin" build >/dev/null 2>&1
  awk '{ print $1, $2 + $3, $4 }' time.txt
}
report22() {
  local results
  results="$(for _ in $(seq "$runs22"); do build22; done)"
  printf '%s: %s s wall, %s s CPU (user+sys), peak %s MB (median, median, max of %s)\n' "$1" \
    "$(cut -d' ' -f1 <<<"$results" | median)" "$(cut -d' ' -f2 <<<"$results" | median)" \
    "$(cut -d' ' -f3 <<<"$results" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')" "$runs22"
}
report22 "22 counties, copies as they are"
for i in $(seq -w 1 18); do
  python3 - "regions/alue-$i" "alue-$i" <<'PY'
import pathlib, re, sys
root, tag = pathlib.Path(sys.argv[1]), sys.argv[2]
# key: plain text of three words or more (not quoted, not a flow collection or block)
plain = re.compile(r'^(\s*(?:- )?[a-z_]+: )([^"\'{\[|>&*!#%@`\s][^#]*\S)\s*$')
for path in sorted(root.rglob("*.yaml")):
    out, block = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        indent = len(line) - len(line.lstrip())
        if block is not None and line.strip() and indent < block:
            block = None
        if block is not None and line.strip() and not line.lstrip().startswith("|"):
            line += f" {tag}"  # a line of a block of text (not a Markdown table row)
        elif block is None and (m := plain.match(line)) and len(m.group(2).split()) >= 3:
            line += f" {tag}"
        if block is None and re.search(r":\s*[|>][-+]?\s*$", line):
            block = indent + 1
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")
PY
done
"$bin" check >/dev/null 2>&1 || { echo "the copies with text of their own do not check"; exit 1; }
report22 "22 counties, each with text of its own"
echo "load after: $(uptime | sed 's/.*load average: //')"
echo "goals (issue 12): edit → HTML ≤ 50 ms and edit → PDF ≤ 100 ms on the 20-page plan;"
echo "  22 counties ≤ 3 s wall and ≤ 300 MB peak. Wall times need a quiet machine: compare"
echo "  the CPU time (about twice the wall time on 2 cores) when the load is high."
