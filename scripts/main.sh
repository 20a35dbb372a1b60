#!/usr/bin/env bash
# The main job: set up, launch QEMU with the echo firmware on the remote core, bind over icmsg,
# exchange messages, print a summary. Extra arguments go to `icmsg-harness run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node dist/harness/tools/cli.js run "$@"
