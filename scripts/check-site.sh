#!/usr/bin/env bash
# Checks every HTML page of a published site (default output/site) the way the EU Web
# Accessibility Directive asks: the Nu HTML Checker must report no errors and axe-core
# (WCAG 2.1 A and AA rules) in headless Chromium no violations. Installs what it needs:
# Debian's chromium and a JRE, and vnu-jar, axe-core and playwright-core from npm into
# $RAKEPLAN_TOOLS (default ~/.cache/rakeplan-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-output/site}"
tools="${RAKEPLAN_TOOLS:-$HOME/.cache/rakeplan-tools}"

. scripts/debian-packages.sh
need_packages chromium:chromium java:default-jre-headless
if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ] || [ ! -d "$tools/node_modules/playwright-core" ] \
   || [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  echo "installing vnu-jar, axe-core and playwright-core into $tools" >&2
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" vnu-jar@24 axe-core@4 playwright-core@1 >/dev/null
fi

echo "Nu HTML Checker on $site" >&2
java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html "$site"
echo "axe-core (WCAG 2.1 A, AA) on $site" >&2
NODE_PATH="$tools/node_modules" node scripts/axe-check.cjs "$site"
