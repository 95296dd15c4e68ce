#!/usr/bin/env bash
# Checks every HTML page of a published site (default output/site; more folders may follow)
# the way the EU Web Accessibility Directive asks: the current Nu HTML Checker must report no
# errors, and axe-core (WCAG 2.1 A and AA rules) in headless Chromium no violations at
# 390 px and at 1280 px, where no table may be cut off (see axe-check.cjs). With
# SCREENSHOTS=DIR it also saves full-page screenshots at both widths. Installs what it needs:
# Debian's chromium and a JRE, and vnu-jar (the newest release, checked on every run),
# axe-core and playwright-core from npm into $RAKEPLAN_TOOLS (default ~/.cache/rakeplan-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-output/site}"
tools="${RAKEPLAN_TOOLS:-$HOME/.cache/rakeplan-tools}"

. scripts/debian-packages.sh
need_packages chromium:chromium java:default-jre-headless
# The checker's rules change with HTML itself: use the newest vnu-jar, never a pinned one.
installed=$(node -p "require('$tools/node_modules/vnu-jar/package.json').version" 2>/dev/null || echo none)
latest=$(npm view vnu-jar version 2>/dev/null || echo "$installed")
if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ] || [ ! -d "$tools/node_modules/playwright-core" ] \
   || [ "$installed" != "$latest" ]; then
  echo "installing vnu-jar@$latest, axe-core and playwright-core into $tools" >&2
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" "vnu-jar@$latest" axe-core@4 playwright-core@1 >/dev/null
fi

shift || true
echo "Nu HTML Checker $(java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --version) on $site $*" >&2
java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html "$site" "$@"
echo "axe-core (WCAG 2.1 A, AA) at 390 and 1280 px on $site" >&2
NODE_PATH="$tools/node_modules" node scripts/axe-check.cjs "$site"
