#!/bin/bash
# Records what a rakeplan binary makes of a checkout, for comparing two binaries byte for
# byte before and after a refactor: build, publish, a fresh build into another store, check
# in two languages, diff as text and JSON, verify and the help; the sha256 of every output.
# Usage: scripts/snapshot-outputs.sh BINARY CHECKOUT RESULT_DIR
#        then: diff -r RESULT_BEFORE RESULT_AFTER
set -u
bin=$(realpath "$1"); checkout=$2; result=$(realpath -m "$3")
fresh=$(mktemp -d)
rm -rf "$result"; mkdir -p "$result"
cd "$checkout"
"$bin" build >"$result/build.out" 2>"$result/build.err"; echo $? >>"$result/build.out"
"$bin" publish >"$result/pub.out" 2>"$result/pub.err"; echo $? >>"$result/pub.out"
"$bin" build --out "$fresh" 2>"$result/fbuild.err" | sed "s#$fresh#FRESH#" | sort >"$result/fbuild.out"
for c in regions/*/; do
  c=$(basename "$c")
  "$bin" check "$c" >"$result/check-$c.out" 2>&1; echo $? >>"$result/check-$c.out"
  "$bin" --lang fi check "$c" >"$result/checkfi-$c.out" 2>&1
done
"$bin" diff kainuu 1.0 1.1 >"$result/diff-text.out" 2>&1; echo $? >>"$result/diff-text.out"
"$bin" diff kainuu 1.0 1.1 --format json >"$result/diff-json.out" 2>&1
"$bin" verify >"$result/verify.out" 2>&1; echo $? >>"$result/verify.out"
"$bin" --help >"$result/help.out" 2>&1
(cd output && find . -type f ! -name .rakeplan.lock -exec sha256sum {} \; | sort -k2) >"$result/output.sha"
(cd "$fresh" && find . -type f ! -name .rakeplan.lock -exec sha256sum {} \; | sort -k2) >"$result/fresh.sha"
rm -rf "$fresh"
