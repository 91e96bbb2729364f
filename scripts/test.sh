#!/usr/bin/env bash
# What CI runs: install what is missing, then lint, type-check and the whole test suite
# (SQLite and a real PostgreSQL server the tests start themselves; a real headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
echo "== ruff"; .venv/bin/ruff check src tests benchmarks tools
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 "$@"
