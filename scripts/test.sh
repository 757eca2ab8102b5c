#!/usr/bin/env bash
# The test command: lint, type-check, then the test suite (offline, well under a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] && export PATH="$PWD/.venv/bin:$PATH"
ruff check .
mypy
python3 -m pytest "$@"
