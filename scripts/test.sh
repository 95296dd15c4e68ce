#!/usr/bin/env bash
# Runs rakeplan's tests. The PDF checks read files back with poppler-utils (pdftotext,
# pdfinfo, pdffonts); this script installs them with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/debian-packages.sh
need_packages pdftotext:poppler-utils qpdf:qpdf

cargo test --locked "$@"
