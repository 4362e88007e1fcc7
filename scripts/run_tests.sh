#!/usr/bin/env bash
# Runs the whole test suite offscreen. pytest's exit 5 ("no tests ran") counts as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" = "5" ]; then echo "no tests were collected: failing"; exit 1; fi
exit "$status"
