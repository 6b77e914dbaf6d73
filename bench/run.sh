#!/usr/bin/env bash
# Benchmarks of the local stack, on loopback only, bounded, stopping everything they start.
#   bench/run.sh startup   cold start to all-healthy (full suite vs a 3-process subset) + RSS per process
#   bench/run.sh outbox    outbox write -> publish latency over 1,000 writes vs a bare producer's ack
#   bench/run.sh identity  login throughput/latency (bcrypt cost 10) and the gateway's token-validation cost
#   bench/run.sh scale     catalog list/search latency at 1k / 10k / 50k products (SCALE_SIZES=...)
#   bench/run.sh reservations  reserve+release per second on one hot SKU vs one SKU per client
#   bench/run.sh cart      add-to-cart p50/p99 through the gateway at 10/20/30/50 per s (open model) vs view-cart and a direct price quote
#   bench/run.sh saga      checkout -> PAID through the gateway at 10/30/50 checkouts per s (open model) vs view-cart at 10/s
#   bench/run.sh all       all of them
# Results: bench/results/<timestamp>-<scenario>.json and .md. SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-all}
ts=$(date -u +%Y%m%dT%H%M%SZ)
results=bench/results
mkdir -p "$results"
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi

LAUNCHER_PID=""
LOG=""
stop_stack() {
  if [ -n "$LAUNCHER_PID" ] && kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    kill -TERM "$LAUNCHER_PID"
    wait "$LAUNCHER_PID" 2>/dev/null || true
  fi
  LAUNCHER_PID=""
}
trap stop_stack EXIT

# start_stack <launcher options...>: sets LAUNCHER_PID, LOG, STARTUP_S
start_stack() {
  LOG=$(mktemp)
  local t0; t0=$(date +%s%N)
  java -Xms128m -Xmx512m -XX:+UseSerialGC -jar local-stack/target/local-stack-exec.jar --in-memory --quiet --no-seed "$@" >"$LOG" 2>&1 &
  LAUNCHER_PID=$!
  local waited=0
  until grep -q "all healthy in" "$LOG"; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then echo "launcher died:"; tail -30 "$LOG"; exit 1; fi
    sleep 0.2; waited=$((waited + 1))
    if [ $waited -gt 1500 ]; then echo "not healthy after 300 s"; tail -30 "$LOG"; exit 1; fi
  done
  STARTUP_S=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
}

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

run_startup() {
  start_stack --only=catalog
  local subset_s=$STARTUP_S
  stop_stack
  start_stack
  local full_s=$STARTUP_S
  sleep 10 # let start-up work settle before reading resident memory
  local json="$results/$ts-startup.json" md="$results/$ts-startup.md"
  {
    echo "{"
    echo "  \"scenario\": \"startup\", \"cores\": $(nproc), \"machineMemoryGiB\": $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo),"
    echo "  \"baselineSubsetSeconds\": $subset_s, \"baselineSubset\": \"identity-service + catalog-service + gateway\","
    echo "  \"fullSuiteSeconds\": $full_s, \"ratioFullToSubset\": $(awk -v a="$full_s" -v b="$subset_s" 'BEGIN { printf "%.2f", a / b }'),"
    echo "  \"rssMiB\": {"
    local first=1
    while read -r name port pid status _; do
      [ "$first" = 1 ] || echo ","
      first=0
      printf '    "%s": %s' "$name" "$(rss_mib "$pid")"
    done < <(grep -E '^  [a-z-]+ +[0-9]+ +[0-9]+ +UP' "$LOG" | grep -v "in launcher")
    printf ',\n    "launcher (kafka + mongodb-wire store)": %s\n' "$(rss_mib "$LAUNCHER_PID")"
    echo "  }"
    echo "}"
  } >"$json"
  stop_stack
  python3 - "$json" "$md" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rss = d["rssMiB"]
services = {k: v for k, v in rss.items() if not k.startswith("launcher")}
lines = [f"# Startup ({d['cores']} cores)", "",
         f"- Full suite (9 JVMs + launcher) cold start to all-healthy: **{d['fullSuiteSeconds']} s** (target ≤ 90 s)",
         f"- Same-run baseline, {d['baselineSubset']}: {d['baselineSubsetSeconds']} s → ratio {d['ratioFullToSubset']}×",
         f"- Largest service RSS: **{max(services.values())} MiB** (target ≤ 350 MiB); all services: {sum(services.values())} MiB", "",
         "| process | RSS MiB |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rss.items()]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
}

run_outbox() {
  # one admin writing ~60/s would trip the per-user limit (20/s); this scenario measures the event pipeline
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack
  java -Xmx256m -jar bench/target/bench.jar outbox "$results/$ts-outbox.json" 1000 >/dev/null
  stop_stack
  python3 - "$results/$ts-outbox.json" "$results/$ts-outbox.md" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
w, b, h = d["writeToPublishMs"], d["baselineProducerAckMs"], d["httpCreateMs"]
lines = [f"# Outbox write → publish ({d['cores']} cores, {d['writes']} writes, {d['eventsMatched']} events seen)", "",
         f"- write → publish: p50 **{w['p50']} ms**, p99 **{w['p99']} ms**, max {w['max']} ms (target p99 ≤ 50 ms)",
         f"- same-run baseline, bare producer send → ack: p50 {b['p50']} ms, p99 {b['p99']} ms → p99 ratio {d['ratioP99WriteToPublishVsProducerAck']}×",
         f"- relay's own timer (write → broker ack): {d['relayTimerFromPrometheus']}",
         f"- HTTP create through the gateway (for context): p50 {h['p50']} ms, p99 {h['p99']} ms at {d['writeRatePerSecond']} writes/s (closed loop)",
         "", d["note"]]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
}

run_identity() {
  # limits off: one client logging in as fast as it can is exactly what the login limit stops
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog
  java -Xmx256m -jar bench/target/bench.jar login "$results/$ts-login.json" 20 >/dev/null
  java -Xmx256m -jar bench/target/bench.jar tokens "$results/$ts-tokens.json" 2000 >/dev/null
  stop_stack
  python3 bench/summarize.py identity "$results/$ts-login.json" "$results/$ts-tokens.json" "$results/$ts-identity.md"
}

run_reservations() {
  start_stack --only=catalog
  java -Xmx256m -jar bench/target/bench.jar reservations "$results/$ts-reservations.json" 15 >/dev/null
  stop_stack
  python3 bench/summarize.py reservations "$results/$ts-reservations.json" "$results/$ts-reservations.md"
}

run_cart() {
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog,cart
  java -Xmx256m -jar bench/target/bench.jar cart "$results/$ts-cart.json" "${CART_SECONDS:-15}" "${CART_RATES:-10,20,30,50}" >/dev/null
  stop_stack
  python3 bench/summarize.py cart "$results/$ts-cart.json" "$results/$ts-cart.md"
}

run_saga() {
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog,cart,order
  java -Xmx256m -jar bench/target/bench.jar saga "$results/$ts-saga.json" "${SAGA_SECONDS:-15}" "${SAGA_RATES:-10,30,50}" >/dev/null
  stop_stack
  python3 bench/summarize.py saga "$results/$ts-saga.json" "$results/$ts-saga.md"
}

run_scale() {
  start_stack --only=catalog
  java -Xmx256m -jar bench/target/bench.jar scale "$results/$ts-scale.json" "${SCALE_SIZES:-1000,10000,50000}" >/dev/null
  stop_stack
  python3 bench/summarize.py scale "$results/$ts-scale.json" "$results/$ts-scale.md"
}

case "$scenario" in
  startup) run_startup ;;
  outbox) run_outbox ;;
  identity) run_identity ;;
  scale) run_scale ;;
  reservations) run_reservations ;;
  cart) run_cart ;;
  saga) run_saga ;;
  all) run_startup; run_outbox; run_identity; run_scale; run_reservations; run_cart; run_saga ;;
  *) echo "usage: bench/run.sh [startup|outbox|identity|scale|reservations|cart|saga|all]"; exit 2 ;;
esac
