#!/usr/bin/env bash
# The main job: install what is missing, fill a demo diary for the person "demo", show its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export ZONULA_DATA_DIR="${ZONULA_DATA_DIR:-$PWD/.zonula-demo}"
.venv/bin/zonula --user demo demo --replace
.venv/bin/zonula --user demo summary
