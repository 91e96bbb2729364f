#!/usr/bin/env bash
# The main job: install what is missing, then serve the web app on a fresh eight-week demo diary
# (English and Chinese meals) and print its URL. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/zonula serve --demo --host "${ZONULA_HOST:-127.0.0.1}" --port "${ZONULA_PORT:-8000}"
