#!/usr/bin/env bash
# Browser tests (tests/browser/): Debian's headless Chromium driven by playwright-core, axe-core
# for accessibility. Installs what they need on a bare machine (never a downloaded browser),
# builds the debug binary (`cargo test` has already built it in CI: no second, optimised
# compile) and runs `node --test` with DATELINE_BIN pointing at it; CI=true makes a missing
# browser a failure. Arguments name test files to run, e.g. `.ci/browser.sh search.test.js`.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
cargo build --quiet
export DATELINE_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/dateline"
cd tests/browser
CI="${CI-}" node --test "$@"
