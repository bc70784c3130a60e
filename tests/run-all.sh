#!/usr/bin/env bash
# `npm test`: every check the project has, in one run, on a fresh machine.
#  1. type-check (tsc for main/preload/core/tests against Electron's own types; svelte-check)
#  2. unit and integration tests (vitest; the core against the simulator over real HTTPS)
#  3. the Electron build (electron-vite; needs no Electron binary)
#  4. the package check: electron-builder for the unpacked directory, app.asar inspected (with a
#     stand-in Electron distribution where the binary is missing; see scripts/package-check.ts)
#  5. end-to-end tests (Playwright): the renderer in Chromium against the real handlers, and the
#     Electron app where its binary is installed (reported as skipped, with the reason, where not)
# It ends with one line "N passed, N failed, N skipped" summing every test run.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json test-results/package-check.json
status=0
step() {
  local name=$1
  shift
  echo
  echo "== $name"
  if ! "$@"; then
    echo "!! $name failed"
    status=1
  fi
}

# Playwright drives Debian's Chromium here (browsers cannot be downloaded); install it if we can.
ensure_chromium() {
  local browser=${CHROMIUM_PATH:-/usr/bin/chromium}
  [ -x "$browser" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium from Debian's packages (once)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
  [ -x "$browser" ] && return 0
  echo "No Chromium at $browser: install it (apt-get install chromium) or set CHROMIUM_PATH." >&2
  return 1
}

step "Type-check" npm run -s typecheck
step "Unit and integration tests" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step "Build (electron-vite)" npx electron-vite build
step "Package check (electron-builder --dir, app.asar inspected)" npm run -s package:check
if ensure_chromium; then
  step "End-to-end tests" npx playwright test
else
  status=1
fi
echo
node tests/summary.mjs || status=1
exit $status
