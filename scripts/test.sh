#!/usr/bin/env bash
# Runs rakeplan's tests. The PDF checks read files back with poppler-utils (pdftotext,
# pdfinfo, pdffonts); this script installs them with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} for the PDF checks" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
fi

cargo test --locked "$@"
