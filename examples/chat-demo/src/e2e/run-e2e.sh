#!/usr/bin/env bash
# Browser end-to-end tests of the demo (examples/nextjs-demo/e2e) against the packaged demo server.
# Usage: run-e2e.sh [test files of e2e/, e.g. chat.test.mjs]
#
# Kafka, MongoDB and MySQL run in a separate process (chat-testkit's DevServicesMain, from the demo
# jar) so the tests can restart the chat server against the same data, as a node restart would in
# production. Needs Debian's chromium (/usr/bin/chromium or CHROMIUM_PATH); without it the suite is
# skipped with a message, unless CHATSTACK_E2E_REQUIRED=1 (CI), where that is an error.
set -euo pipefail
demo=$(cd "$(dirname "$0")/../.." && pwd)
ui="$demo/../nextjs-demo"
jar="$demo/target/chat-demo.jar"
port=${CHATSTACK_E2E_PORT:-18080}
work="$demo/target/e2e"
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}

if [ ! -x "$chromium" ]; then
  if [ "${CHATSTACK_E2E_REQUIRED:-0}" = 1 ]; then
    echo "[e2e] no chromium at $chromium (apt-get install chromium)" >&2
    exit 1
  fi
  echo "[e2e] SKIPPED: no chromium at $chromium; install Debian's chromium to run the browser tests"
  exit 0
fi

mkdir -p "$work"
rm -f "$work/settings.env"
java -cp "$jar" -Dloader.main=io.chatstack.testkit.DevServicesMain \
  org.springframework.boot.loader.launch.PropertiesLauncher "$work/settings.env" \
  >"$work/dev-services.log" 2>&1 &
infra=$!
trap 'kill "$infra" 2>/dev/null || true; wait "$infra" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  [ -f "$work/settings.env" ] && break
  if ! kill -0 "$infra" 2>/dev/null; then
    cat "$work/dev-services.log" >&2
    exit 1
  fi
  sleep 1
done
[ -f "$work/settings.env" ] || { echo "[e2e] dev services did not start" >&2; exit 1; }
# KEY=value lines; values may hold '&' and the like, so they are read, not sourced.
while IFS='=' read -r key value; do
  export "$key=$value"
done <"$work/settings.env"

export BASE_URL="http://localhost:$port"
# A short presence grace: the browser tests see a closed page go offline after 1 s, not 5 s.
export CHAT_SERVER_CMD="exec java -jar '$jar' --server.port=$port --chatstack.presence.grace=1s"
export NEXT_TELEMETRY_DISABLED=1
cd "$ui"
# Arguments pick test files of e2e/ (e.g. chat.test.mjs); without any, every file runs.
if [ "$#" -gt 0 ]; then
  run() { node --test --test-concurrency=1 "${@/#/e2e/}"; }
else
  run() { npm run e2e; }
fi
if ! run "$@"; then
  # CI keeps only the console: show what the server warned about (refusals, timeouts, failures).
  echo "[e2e] FAILED; the server's warnings and errors (e2e-artifacts/server.log):" >&2
  grep -E " (WARN|ERROR) " e2e-artifacts/server.log | grep -v "SpringDoc\|authentication=dev" | tail -n 60 >&2 || true
  exit 1
fi
