#!/usr/bin/env bash
# Sets up, then runs every test: the C selftest and the mocha suite (wire, session, engines on
# real QEMU and native peers, CLI, Renode monitor path; live Renode when it is installed).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
make -s -C firmware-stubs selftest || status=1
if [ "$#" -eq 0 ]; then set -- "dist/tests/**/*.test.js"; fi
npx mocha "$@" 2>&1 | tee "$log"
mocha_status=${PIPESTATUS[0]}
[ "$mocha_status" -eq 0 ] || status=1

# One plain closing line that any CI can read: N passed, N failed, N skipped.
count() { grep -Eo "^ +[0-9]+ $1" "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0; }
passed=$(count passing); failed=$(count failing); skipped=$(count pending)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
