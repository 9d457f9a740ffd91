#!/usr/bin/env bash
# Runs chatstack and two baselines under the same open-loop load on this machine and prints one
# Markdown table (also written to examples/load-test/target/benchmarks.md).
#
#   examples/load-test/run-benchmarks.sh [--quick] [--signals] [extra load-test flags...]
#
# --signals runs only the presence/typing scenario, against chatstack only (the baselines have no
# presence): see docs/benchmarks.md, "Presence and typing".
#
# BENCH_SKIP_BUILD=1 uses the jars already built. BENCH_TARGETS picks columns (default
# "chatstack baseline1 baseline2"); a baseline whose jar is missing is reported as n/a. The target
# chatstack-jetty is the same demo on Jetty instead of Tomcat (chat-demo's jetty profile); it is
# built and measured only when BENCH_TARGETS names it.
# BENCH_B1_JAR / BENCH_B2_JAR point at baseline jars built elsewhere.
# BENCH_SERVER_OPTS overrides the flags every server JVM gets (default below).
# BENCH_LOADGEN_OPTS replaces the load generator JVM's flags (default below; repeat them when adding
# one), e.g. -XX:StartFlightRecording=filename=/tmp/loadgen-jfr/ (an existing directory: one
# recording per loadtest call).
# BENCH_WS_BUFFER sets chatstack's per-connection WebSocket buffers (bytes; default 1024): both
# chatstack.websocket.buffer-size and Tomcat's org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE.
# The targets run twice in a balanced order (A B C C B A) after an unmeasured warm-up of the
# backing services; BENCH_PASSES=1 runs them once, BENCH_SERVICES_WARMUP=0 skips the warm-up.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/target"
LOADTEST_JAR="$OUT/load-test.jar"
CHATSTACK_JAR="$ROOT/examples/chat-demo/target/chat-demo.jar"
JETTY_JAR="$ROOT/examples/chat-demo/target/chat-demo-jetty.jar"
B1_JAR="${BENCH_B1_JAR:-$ROOT/examples/baseline-simple-broker/target/baseline-simple-broker.jar}"
B2_JAR="${BENCH_B2_JAR:-$ROOT/examples/baseline-spring-kafka/target/baseline-spring-kafka.jar}"
COMMAND="$0 $*"
QUICK=""
SIGNALS=""
ARGS=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK="--quick" ;;
    --signals) SIGNALS=1 ;;
    *) ARGS+=("$a") ;;
  esac
done
set -- "${ARGS[@]+"${ARGS[@]}"}"
if [[ -n "$SIGNALS" ]]; then
  BENCH_TARGETS=chatstack
  set -- --scenarios warmup,signals "$@"
fi

# Same flags for every server JVM: fixed 2 GiB heap (no resizing noise; 10,000 connections take
# close to 1 GiB in some servers), G1 (the JDK default, stated so it does not change with the
# machine's size class), no pre-touch.
SERVER_OPTS="${BENCH_SERVER_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}"
WS_BUFFER="${BENCH_WS_BUFFER:-1024}"
LOADGEN_OPTS="${BENCH_LOADGEN_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
LOG_OPTS="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
TARGETS="${BENCH_TARGETS:-chatstack baseline1 baseline2}"
DB=chatstack_bench

START=$(date +%s)
mkdir -p "$OUT"
PIDS=()
# Stops a JVM we started: TERM, then KILL if it is still there after 15 s.
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
LOADGEN_PID=""
cleanup() {
  [[ -n "$LOADGEN_PID" ]] && stop_pid "$LOADGEN_PID"
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && stop_pid "$pid"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building chat-demo and load-test"
  rm -f "$CHATSTACK_JAR" "$LOADTEST_JAR"
  (cd "$ROOT" && ./mvnw -q -pl examples/chat-demo,examples/load-test -am package -DskipTests \
    -Dchatstack.ui.skip=true)
  if [[ " ${BENCH_TARGETS:-} " == *" chatstack-jetty "* ]]; then
    rm -f "$JETTY_JAR"
    (cd "$ROOT" && ./mvnw -q -pl examples/chat-demo -am -Pjetty package -DskipTests \
      -Dchatstack.ui.skip=true)
  fi
  for module in baseline-simple-broker baseline-spring-kafka; do
    if [[ -f "$ROOT/examples/$module/pom.xml" ]]; then
      rm -f "$ROOT/examples/$module/target/$module.jar"
      (cd "$ROOT" && ./mvnw -q -pl "examples/$module" -am package -DskipTests)
    fi
  done
fi

RESULTS="$OUT/benchmark-results.properties"
: > "$RESULTS"
LOGS="$OUT/bench-logs"
mkdir -p "$LOGS"

echo "== starting bench services (Kafka broker, MongoDB wire server; MySQL database $DB)"
SETTINGS="$OUT/bench-services.env"
rm -f "$SETTINGS"
java -Xmx4g -cp "$LOADTEST_JAR" io.chatstack.loadtest.LoadTestMain services "$SETTINGS" "$DB" \
  > "$LOGS/services.log" 2>&1 &
SERVICES_PID=$!
PIDS+=($SERVICES_PID)
for _ in $(seq 1 120); do [[ -f "$SETTINGS" ]] && break; sleep 0.5; done
[[ -f "$SETTINGS" ]] || { echo "bench services did not start, see $LOGS/services.log"; exit 1; }
# shellcheck disable=SC1090
source "$SETTINGS"
echo "   kafka=$BENCH_KAFKA mongo=$BENCH_MONGO"

# In the background and waited for, so an INT/TERM stops the run at once (see cleanup).
loadtest() {
  java $LOADGEN_OPTS $LOG_OPTS -jar "$LOADTEST_JAR" "$@" &
  LOADGEN_PID=$!
  wait "$LOADGEN_PID"
}


answers() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/" || true)" != "000" ]]
}

# A port nobody listens on (other people's servers may share this machine).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 30000 ))
    answers "$port" || { echo "$port"; return; }
  done
  echo "no free port found" >&2
  return 1
}

wait_http() {
  local pid=$1 port=$2
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || return 1
    if answers "$port"; then
      kill -0 "$pid" 2>/dev/null && return 0 || return 1
    fi
    sleep 0.5
  done
  return 1
}

run_target() {
  local column=$1 flavour=$2 jar=$3; shift 3
  if [[ ! -f "$jar" ]]; then
    echo "== $column: $jar missing, skipped"
    return
  fi
  local PORT
  PORT=$(free_port)
  # A private copy: the machine may be shared, and nobody else's cleanup should match our server.
  mkdir -p "$OUT/bench-jars"
  cp "$jar" "$OUT/bench-jars/bench-$column.jar"
  jar="$OUT/bench-jars/bench-$column.jar"
  echo "== $column: starting $(basename "$jar") on port $PORT (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  LOADAVG="$LOADAVG $column $(cut -d' ' -f1 /proc/loadavg);"
  # Tomcat accepts at most 8,192 connections by default; the memory scenario opens 10,000.
  java $SERVER_OPTS $TARGET_JVM_OPTS -jar "$jar" --server.port="$PORT" \
    --server.tomcat.max-connections=20000 "$@" \
    > "$LOGS/$column.log" 2>&1 &
  local pid=$!
  PIDS+=($pid)
  local t0=$(date +%s)
  if ! wait_http "$pid" "$PORT"; then
    echo "   $column did not answer on port $PORT (or exited), see $LOGS/$column.log:"
    tail -20 "$LOGS/$column.log"
    stop_pid "$pid"
    return
  fi
  echo "   up in $(( $(date +%s) - t0 )) s (pid $pid)"
  loadtest run --target "$flavour" --column "$column" --url "http://127.0.0.1:$PORT" \
    --server-pid "$pid" --services-pid="$TARGET_SERVICES_PID" --mongo-uri "$BENCH_MONGO" \
    --kafka "$BENCH_KAFKA" --results "$RESULTS" $QUICK \
    "${EXTRA_FLAGS[@]}" || echo "   $column run failed"
  kill -0 "$pid" 2>/dev/null || { echo "   $column exited during the run, see $LOGS/$column.log"; \
    echo "$column.server.exited=yes" >> "$RESULTS"; }
  stop_pid "$pid"
}

EXTRA_FLAGS=("$@")
LOADAVG=""
TARGET_JVM_OPTS=""
# The backing services (Kafka and MongoDB, one process) count for the servers that use them; the
# machine's MariaDB serves others too and is not counted.
TARGET_SERVICES_PID=""
# One target under a column key: chatstack, baseline1 or baseline2 (first pass), or the same with
# a "2" appended (second pass of the balanced order).
measure() {
  local target=$1 column=$2; shift 2
  case "$target" in
    chatstack|chatstack-jetty)
      EXTRA_FLAGS=(--jdbc-url "$BENCH_JDBC" "$@")
      # chatstack's small per-connection buffers for raw WebSocket clients (README, "Many idle
      # connections"): Tomcat's frame buffers (JVM-wide) and chatstack.websocket.buffer-size.
      # Jetty pools its buffers and ignores the Tomcat property.
      TARGET_JVM_OPTS="-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=$WS_BUFFER"
      TARGET_SERVICES_PID="$SERVICES_PID"
      local jar="$CHATSTACK_JAR"
      [[ "$target" = chatstack-jetty ]] && jar="$JETTY_JAR"
      run_target "$column" chatstack "$jar" \
        --chatstack.websocket.buffer-size="$WS_BUFFER" \
        --chatstack.dev-services.enabled=false \
        --chatstack.kafka.bootstrap-servers="$BENCH_KAFKA" \
        --chatstack.mongo.uri="$BENCH_MONGO" \
        --chatstack.jdbc.url="$BENCH_JDBC" \
        --chatstack.jdbc.initialize-schema=always \
        --chatstack.websocket.sends-per-second=100000 \
        --chatstack.rest.requests-per-second=100000 ;;
    baseline1)
      TARGET_JVM_OPTS=""
      TARGET_SERVICES_PID=""
      EXTRA_FLAGS=("$@")
      run_target "$column" baseline "$B1_JAR" ;;
    baseline2)
      TARGET_JVM_OPTS=""
      TARGET_SERVICES_PID="$SERVICES_PID"
      EXTRA_FLAGS=("$@")
      run_target "$column" baseline "$B2_JAR" \
        --spring.kafka.bootstrap-servers="$BENCH_KAFKA" \
        --spring.mongodb.uri="$BENCH_MONGO/baseline" ;;
  esac
}

# The rule of issue 20: nobody pays for the backing services' warm-up, and nobody profits from
# running last. First an unmeasured chatstack run (warm-up and light load, results thrown away)
# warms the broker and the Mongo wire server (BENCH_SERVICES_WARMUP=0 skips it); then the Kafka
# floor is measured on the warm broker, and the targets run in a balanced order, A B C then
# C B A (BENCH_PASSES=1: A B C only), and the table shows both passes side by side; with two
# passes the floor is measured again at the end.
PASSES=${BENCH_PASSES:-2}
[[ -n "$SIGNALS" ]] && PASSES=1
if [[ -z "$SIGNALS" && "${BENCH_SERVICES_WARMUP:-1}" = 1 ]]; then
  echo "== backing services warm-up (unmeasured)"
  REAL_RESULTS="$RESULTS"
  RESULTS="$OUT/services-warmup.properties"
  : > "$RESULTS"
  measure chatstack warmup --scenarios warmup,light --server-warmup-seconds 20
  RESULTS="$REAL_RESULTS"
fi
# The Kafka floor under a results column: kafka, or kafka2 for the second measurement.
kafka_floor() {
  local column=$1; shift
  loadtest kafka --bootstrap "$BENCH_KAFKA" --results "$RESULTS" --column "$column" $QUICK "$@" \
    || echo "kafka floor failed"
}
echo "== Kafka floor (warm broker)"
[[ -n "$SIGNALS" ]] || kafka_floor kafka "$@"
ORDER=""
for target in $TARGETS; do ORDER="$ORDER $target:$target"; done
if [[ "$PASSES" = 2 ]]; then
  for target in $(echo "$TARGETS" | tr ' ' '\n' | tac); do ORDER="$ORDER $target:${target}2"; done
fi
echo "== order:$ORDER"
for entry in $ORDER; do
  measure "${entry%%:*}" "${entry#*:}" "$@"
done
# The floor again, next to the second pass's chatstack, as the first is next to the first pass's:
# a target-2 comparison (light-load p50 against the floor) pairs each pass with its own floor.
if [[ -z "$SIGNALS" && "$PASSES" = 2 ]]; then
  echo "== Kafka floor again (after the second pass)"
  kafka_floor kafka2 "$@"
fi

ELAPSED=$(( $(date +%s) - START ))
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
JDK=$(java -version 2>&1 | head -1)
FOOTER="Machine: $(nproc) cores, $CPU; $JDK; $(date -u '+%Y-%m-%d %H:%M UTC').\\nServer JVMs: $SERVER_OPTS, --server.tomcat.max-connections=20000 (chatstack also -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=$WS_BUFFER --chatstack.websocket.buffer-size=$WS_BUFFER); load generator: one JVM ($LOADGEN_OPTS) on the same machine.\\n1-minute load average when each server started:$LOADAVG at the end $(cut -d' ' -f1 /proc/loadavg) (the machine may be shared).\\nCommand: $COMMAND (wall time ${ELAPSED} s)."
echo
loadtest table --results "$RESULTS" --out "$OUT/benchmarks.md" --footer "$FOOTER"
