#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium for the browser tests, DejaVu for the fonts embedded in the PDFs.
if ! dpkg -s chromium fonts-dejavu-core >/dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
python3 -m pip install --quiet -c constraints.txt -e '.[test]'
if [ -f package.json ]; then
  npm ci --no-audit --no-fund --silent
fi
