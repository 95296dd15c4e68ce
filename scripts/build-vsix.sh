#!/usr/bin/env bash
# Builds the VS Code extension (editors/vscode/) into a .vsix: installs its locked npm
# dependencies, compiles the TypeScript and packages it with @vscode/vsce. Needs node 20+ and
# npm only. Usage: scripts/build-vsix.sh [OUT.vsix]   (default: editors/vscode/rakeplan.vsix)
# Install the result with `code --install-extension rakeplan.vsix`.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ext="$here/editors/vscode"
out="${1:-$ext/rakeplan.vsix}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$ext"
npm ci --no-audit --no-fund
npm run compile
npx --no-install vsce package --allow-missing-repository --out "$out"
# What a planner installs: the manifest, the compiled client and its runtime dependencies.
listing="$(npx --no-install vsce ls </dev/null)"
grep -q '^out/extension.js$' <<<"$listing"
grep -q '^node_modules/vscode-languageclient/' <<<"$listing"
echo "built $out"
