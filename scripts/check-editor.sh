#!/usr/bin/env bash
# Drives the real yaml-language-server (what VS Code's YAML extension runs) over stdio on
# every example county's files and on fresh `rakeplan new` scaffolds, a Finnish one and a
# Swedish-first one (--languages sv,fi): no diagnostics on good files, one clean hover per
# key in the county's main language, pattern messages in it, completion in template order and
# snippets (scripts/editor-check.cjs). Installs yaml-language-server from npm into
# $RAKEPLAN_TOOLS (default ~/.cache/rakeplan-tools). Usage: scripts/check-editor.sh [RAKEPLAN]
set -euo pipefail
cd "$(dirname "$0")/.."
rakeplan="${1:-${CARGO_TARGET_DIR:-target}/debug/rakeplan}"
tools="${RAKEPLAN_TOOLS:-$HOME/.cache/rakeplan-tools}"
if [ ! -f "$tools/node_modules/yaml-language-server/bin/yaml-language-server" ]; then
  echo "installing yaml-language-server into $tools" >&2
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" yaml-language-server@1 >/dev/null
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/regions"
cp -r plan-template "$scratch/"
(cd "$scratch" && SOURCE_DATE_EPOCH=1767225600 "$rakeplan" new pohjois-savo --name "Pohjois-Savon hyvinvointialue" >/dev/null)
(cd "$scratch" && SOURCE_DATE_EPOCH=1767225600 "$rakeplan" new osterbotten --name "Österbottens välfärdsområde" --languages sv,fi >/dev/null)

echo "yaml-language-server on the example counties" >&2
NODE_PATH="$tools/node_modules" node scripts/editor-check.cjs regions/*/region.yaml regions/*/plan.yaml regions/*/sections/*.yaml
echo "yaml-language-server on a new scaffold" >&2
(cd "$scratch" && NODE_PATH="$tools/node_modules" node "$OLDPWD/scripts/editor-check.cjs" regions/pohjois-savo/*.yaml regions/pohjois-savo/sections/*.yaml)
echo "yaml-language-server on a new Swedish-first scaffold (Swedish hovers and messages)" >&2
(cd "$scratch" && NODE_PATH="$tools/node_modules" node "$OLDPWD/scripts/editor-check.cjs" --lang sv regions/osterbotten/*.yaml regions/osterbotten/sections/*.yaml)
