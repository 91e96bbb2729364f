#!/usr/bin/env bash
# Install everything zonula needs on a fresh Debian machine: system packages (when missing and
# when we may install them), a virtual env in .venv, the package with its test extras, and the
# compiled translation catalogs. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto 2>/dev/null | grep -qi cjk \
  || need_pkgs+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need_pkgs+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v msgfmt >/dev/null 2>&1 || need_pkgs+=(gettext)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=""; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "zonula: installing Debian packages: ${need_pkgs[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    echo "zonula: please install these Debian packages: ${need_pkgs[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.zonula-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
# Compile the gettext catalogs (.po in git, .mo built).
for po in src/zonula/translations/*/LC_MESSAGES/messages.po; do
  [ -f "$po" ] && .venv/bin/pybabel compile -q -i "$po" -o "${po%.po}.mo" 2>/dev/null || true
done
