#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs them.
#   - Debian's chromium (the browser tests drive /usr/bin/chromium; Playwright's own download is not used)
#   - the gongkai package with its test extras, into the active virtualenv or ./.venv
# Extra arguments go to pytest, e.g. `bash tests/run.sh -k validation`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing Debian's chromium for the browser tests ..."
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
    echo "warning: could not install chromium; browser tests will be skipped (or fail where GONGKAI_REQUIRE_BROWSER=1)" >&2
  fi
fi

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -d .venv ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
exec python -m pytest "$@"
