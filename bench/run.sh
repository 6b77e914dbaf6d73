#!/usr/bin/env bash
# Benchmarks of the local stack, on loopback only, bounded, stopping everything they start.
#   bench/run.sh startup   cold start to all-healthy (full suite vs a 3-process subset) + RSS per process
#   bench/run.sh outbox    outbox write -> publish latency over 1,000 writes vs a bare producer's ack
#   bench/run.sh identity  login throughput/latency (bcrypt cost 10) and the gateway's token-validation cost
#   bench/run.sh scale     catalog list/search latency at 1k / 10k / 50k products (SCALE_SIZES=...)
#   bench/run.sh reservations  reserve+release per second on one hot SKU vs one SKU per client
#   bench/run.sh cart      add-to-cart p50/p99 through the gateway at 10/20/30/50 per s (open model) vs view-cart and a direct price quote
#   bench/run.sh gateway   wrk against a catalog GET: direct, through our gateway, through nginx (Debian) — and with JWT / rate limits
#   bench/run.sh saga      checkout -> PAID through the gateway at 10/30/50 checkouts per s (open model) vs view-cart at 10/s
#   bench/run.sh storefront  the storefront mix (browse 10 : detail 4 : search 2 : add 2 : view cart 3 : checkout 1), open model,
#                          stepping the rate up until p99 > 500 ms or errors > 0.1 % (identity, catalog, cart, order + gateway)
#   bench/run.sh resources cold start (full suite with class-data archives vs without), RSS / CPU / GC per process idle
#                          and under one step of the storefront mix (80 calls/s for 15 s)
#   bench/run.sh events    event pipelines end to end at two rates: outbox -> broker, checkout -> PAID, OrderPaid -> audit entry
#   bench/run.sh smoke     CI: the storefront mix at a low rate for a few seconds; fails on any error or a missing result file
#   bench/run.sh all       the performance issue's five: resources, storefront, events, gateway, scale (each <= 3, all <= 15 minutes)
#   bench/run.sh every     all of the above plus startup, outbox, identity, reservations, cart, saga
# Results: bench/results/<timestamp>-<scenario>.json, .md and .png plots (RESULTS_DIR=... elsewhere). SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-all}
ts=$(date -u +%Y%m%dT%H%M%SZ)
results=${RESULTS_DIR:-bench/results}
[ "$scenario" = smoke ] && results=${RESULTS_DIR:-bench/target/smoke-results}
mkdir -p "$results"
BENCH=(java -Xmx256m -jar bench/target/bench.jar)
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
  local seed=(--no-seed)
  [ "${SEED:-}" = 1 ] && seed=()
  java -Xms128m -Xmx"${LAUNCHER_HEAP:-512m}" -XX:+UseSerialGC -jar local-stack/target/local-stack-exec.jar --in-memory --quiet "${seed[@]}" "$@" >"$LOG" 2>&1 &
  LAUNCHER_PID=$!
  local waited=0
  until grep -q "all healthy in" "$LOG" && { [ "${SEED:-}" != 1 ] || grep -q "seeded sample data\|seeding failed" "$LOG"; }; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then echo "launcher died:"; tail -30 "$LOG"; exit 1; fi
    sleep 0.2; waited=$((waited + 1))
    if [ $waited -gt 1500 ]; then echo "not healthy after 300 s"; tail -30 "$LOG"; exit 1; fi
  done
  STARTUP_S=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
}

plot() { "${BENCH[@]}" plot "$1" "$2" >/dev/null; }

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
  plot cart "$results/$ts-cart.json"
  python3 bench/summarize.py cart "$results/$ts-cart.json" "$results/$ts-cart.md"
}

run_saga() {
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog,cart,order
  java -Xmx256m -jar bench/target/bench.jar saga "$results/$ts-saga.json" "${SAGA_SECONDS:-15}" "${SAGA_RATES:-10,30,50}" >/dev/null
  stop_stack
  plot saga "$results/$ts-saga.json"
  python3 bench/summarize.py saga "$results/$ts-saga.json" "$results/$ts-saga.md"
}

# wrk_json <label> <url> [header]: one closed-loop wrk run, its JSON line appended to $WRK_OUT
wrk_json() {
  local label=$1 url=$2 header=${3:-}
  local args=(-t2 -c"${GATEWAY_CONNECTIONS:-32}" -s bench/wrk-json.lua)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d"${WRK_WARMUP:-1}"s "$url" >/dev/null # warm-up, not recorded
  local line
  line=$(wrk "${args[@]}" -d"${GATEWAY_SECONDS:-6}"s "$url" | grep '^{')
  printf '  "%s": %s,\n' "$label" "$line" >>"$WRK_OUT"
}

run_gateway() {
  command -v wrk >/dev/null && command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk nginx >/dev/null; }
  WRK_OUT=$(mktemp)
  local ngx; ngx=$(mktemp -d)
  # A: rate limits off; the same catalog product page direct, through the gateway, through nginx; then with a token
  # production-like JIT for this scenario: full tiered compilation (the local stack's services are C1-only to
  # start fast in little memory), and a long warm-up before anything is recorded — C2 needs tens of seconds of load
  export GLOWGLITCH_SERVICE_JAVA_OPTS="-Xms48m -Xmx192m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog
  local admin slug
  admin=$(curl -s -X POST localhost:8080/api/auth/login -H 'Content-Type: application/json' \
    -d '{"email":"admin@glowglitch.local","password":"LocalDev-Admin-Pass-1!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  slug=$(curl -s -X POST localhost:8080/api/products -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"Gateway Bench Ring","category":"rings","status":"active","price":{"amountMinor":9900,"currency":"USD"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
  cat >"$ngx/nginx.conf" <<NGINX
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream catalog { server 127.0.0.1:8082; keepalive 64; }
  server {
    listen 127.0.0.1:${NGINX_PORT:-8099};
    location / { proxy_pass http://catalog; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
  nginx -p "$ngx" -c "$ngx/nginx.conf" -g 'daemon off;' &
  local nginx_pid=$!
  sleep 1
  local path="/api/products/$slug"
  wrk -t2 -c32 -d"${GATEWAY_WARMUP:-40}"s "http://127.0.0.1:8080$path" >/dev/null # JIT warm-up of gateway + catalog, not recorded
  wrk_json gateway "http://127.0.0.1:8080$path"
  wrk_json nginx "http://127.0.0.1:${NGINX_PORT:-8099}$path"
  wrk_json direct "http://127.0.0.1:8082$path"
  # one hop at a calm, fixed rate (open model): what the gateway adds when it is not saturated
  "${BENCH[@]}" hop "$WRK_OUT.hop" "${HOP_RATE:-200}" "${HOP_SECONDS:-5}" "direct=http://127.0.0.1:8082$path" \
    "gateway=http://127.0.0.1:8080$path" "nginx=http://127.0.0.1:${NGINX_PORT:-8099}$path" >/dev/null
  wrk_json gatewayWithJwt "http://127.0.0.1:8080$path" "Authorization: Bearer $admin"
  wrk_json directWithJwt "http://127.0.0.1:8082$path" "Authorization: Bearer $admin"
  kill -QUIT "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true
  # B: the limiter on (per-IP and per-user buckets checked on every request) with capacities no run reaches —
  # a second gateway process (same jar, same JVM options) on :8090 in front of the same catalog, so no second stack
  local gw_port=${LIMITED_GATEWAY_PORT:-8090}
  PORT=$gw_port MONGODB_URI=mongodb://127.0.0.1:27017 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
    IDENTITY_JWKS_URI=http://127.0.0.1:8081/.well-known/jwks.json GLOWGLITCH_PARENT_PID=$$ \
    GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=true GLOWGLITCH_GATEWAY_RATELIMITS_PERIP_CAPACITY=1000000000 \
    GLOWGLITCH_GATEWAY_RATELIMITS_PERUSER_CAPACITY=1000000000 \
    java $GLOWGLITCH_SERVICE_JAVA_OPTS -jar gateway/target/gateway.jar >"$ngx/gateway-limited.log" 2>&1 &
  local gw_pid=$!
  local waited=0
  until curl -sf "http://127.0.0.1:$gw_port/actuator/health/readiness" >/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ $waited -gt 180 ] || ! kill -0 "$gw_pid" 2>/dev/null; then
      echo "limited gateway did not start"; tail -30 "$ngx/gateway-limited.log"; kill "$gw_pid" 2>/dev/null; exit 1
    fi
  done
  wrk -t2 -c32 -d"${LIMITED_GATEWAY_WARMUP:-20}"s "http://127.0.0.1:$gw_port$path" >/dev/null
  wrk_json gatewayRateLimited "http://127.0.0.1:$gw_port$path"
  wrk_json gatewayRateLimitedWithJwt "http://127.0.0.1:$gw_port$path" "Authorization: Bearer $admin"
  kill -TERM "$gw_pid"; wait "$gw_pid" 2>/dev/null || true
  stop_stack
  unset GLOWGLITCH_SERVICE_JAVA_OPTS
  rm -rf "$ngx"
  { echo "{"; echo "  \"scenario\": \"gateway\", \"cores\": $(nproc), \"connections\": ${GATEWAY_CONNECTIONS:-32}, \"seconds\": ${GATEWAY_SECONDS:-6}, \"wrkWarmupSeconds\": ${WRK_WARMUP:-1}, \"warmupSeconds\": ${GATEWAY_WARMUP:-40}, \"limitedWarmupSeconds\": ${LIMITED_GATEWAY_WARMUP:-20}, \"jit\": \"full tiered (C2)\",";
    echo "  \"path\": \"GET /api/products/<slug>\", \"wrk\": \"$(wrk --version 2>&1 | head -1 | cut -c1-40)\", \"nginx\": \"$(nginx -v 2>&1 | cut -d/ -f2)\",";
    echo "  \"calmRate\": $(cat "$WRK_OUT.hop"),"
    echo "  \"runs\": {"; sed '$ s/,$//' "$WRK_OUT"; echo "  }"; echo "}"; } >"$results/$ts-gateway.json"
  rm -f "$WRK_OUT" "$WRK_OUT.hop"
  python3 bench/summarize.py gateway "$results/$ts-gateway.json" "$results/$ts-gateway.md"
  plot gateway "$results/$ts-gateway.json"
}

run_scale() {
  # the embedded store keeps every product as Java objects in the launcher's heap: 50k generated products need
  # ~400 MiB of it, and at the default 512 MiB the store spends its time in GC (a 50k list page took 6-80 s)
  LAUNCHER_HEAP=1536m start_stack --only=catalog
  java -Xmx256m -jar bench/target/bench.jar scale "$results/$ts-scale.json" "${SCALE_SIZES:-1000,10000,50000}" >/dev/null
  stop_stack
  plot scale "$results/$ts-scale.json"
  python3 bench/summarize.py scale "$results/$ts-scale.json" "$results/$ts-scale.md"
}

# storefront: the open-model mix stepped up to the break point, on the services the mix touches
# (identity, catalog, cart, order behind the gateway), seeded with the sample catalog
run_storefront() {
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false SEED=1 start_stack --only=catalog,cart,order
  "${BENCH[@]}" storefront "$results/$ts-storefront.json" "${STOREFRONT_SECONDS:-10}" "${STOREFRONT_RATES:-40,80,120,150,180}" 3 >/dev/null
  stop_stack
  plot storefront "$results/$ts-storefront.json"
  python3 bench/summarize.py storefront "$results/$ts-storefront.json" "$results/$ts-storefront.md"
}

# resources: cold start of the whole suite with the launcher's class-data archives; same-run baseline: a 3-process
# subset (identity, catalog, gateway) started without and with them; then RSS, CPU and GC per process at idle and
# under the storefront mix at a rate it sustains
run_resources() {
  if ! python3 bench/summarize.py cds-ready; then
    # the first start after a build records the archives as the services exit: not measured
    echo "resources: recording class-data archives first (the first start after a build)"
    start_stack; stop_stack
  fi
  # the launcher's own "all healthy in" figure (from its start to the last readiness) for each of the three
  healthy_s() { grep -o 'all healthy in [0-9.]*' "$LOG" | head -1 | awk '{print $4}'; }
  GLOWGLITCH_CDS=false start_stack --only=catalog
  local subset_plain_s; subset_plain_s=$(healthy_s)
  stop_stack
  start_stack --only=catalog
  local subset_s; subset_s=$(healthy_s)
  stop_stack
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false SEED=1 start_stack
  local full_s; full_s=$(healthy_s)
  local snaps; snaps=$(mktemp -d)
  printf '{"cores": %s, "fullSuiteSeconds": %s, "subsetSeconds": %s, "subsetWithoutClassDataSeconds": %s}' \
    "$(nproc)" "$full_s" "$subset_s" "$subset_plain_s" >"$snaps/startup.json"
  sleep 5
  python3 bench/summarize.py snapshot "$LOG" "$LAUNCHER_PID" "$snaps/idle0.json"
  sleep "${IDLE_SECONDS:-10}"
  python3 bench/summarize.py snapshot "$LOG" "$LAUNCHER_PID" "$snaps/idle1.json"
  # one step of the mix, no ramp (the stack has been up and idle), not stopped by its own errors
  "${BENCH[@]}" smoke "$snaps/load.json" "${RESOURCES_LOAD_SECONDS:-15}" "${RESOURCES_LOAD_RATE:-80}" >/dev/null \
    || echo "resources: the load had errors (counted in the summary)"
  python3 bench/summarize.py snapshot "$LOG" "$LAUNCHER_PID" "$snaps/load1.json"
  stop_stack
  python3 bench/summarize.py resources "$snaps/idle0.json" "$snaps/idle1.json" "$snaps/load1.json" "$snaps/startup.json" \
    "$snaps/load.json" "$results/$ts-resources.json" "$results/$ts-resources.md" >/dev/null
  plot resources "$results/$ts-resources.json"
  python3 bench/summarize.py resources "$snaps/idle0.json" "$snaps/idle1.json" "$snaps/load1.json" "$snaps/startup.json" \
    "$snaps/load.json" "$results/$ts-resources.json" "$results/$ts-resources.md"
  rm -rf "$snaps"
}

run_events() {
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog,cart,order,compliance
  "${BENCH[@]}" events "$results/$ts-events.json" "${EVENTS_SECONDS:-10}" "${EVENTS_RATES:-10,20}" >/dev/null
  stop_stack
  plot events "$results/$ts-events.json"
  python3 bench/summarize.py events "$results/$ts-events.json" "$results/$ts-events.md"
}

# smoke: CI's guard that the harness still runs — a low-rate storefront mix, 0 errors, every result file written
run_smoke() {
  local t0=$SECONDS
  GLOWGLITCH_GATEWAY_RATELIMITS_ENABLED=false start_stack --only=catalog,cart,order
  local code=0 t1=$SECONDS
  "${BENCH[@]}" smoke "$results/$ts-smoke.json" "${SMOKE_SECONDS:-8}" "${SMOKE_RATE:-8}" >"$results/$ts-smoke.log" 2>&1 || code=$?
  local load_s=$((SECONDS - t1))
  stop_stack
  if [ $code -ne 0 ]; then echo "smoke: the load failed (exit $code):"; tail -5 "$results/$ts-smoke.log"; exit 1; fi
  plot smoke "$results/$ts-smoke.json"
  python3 bench/summarize.py storefront "$results/$ts-smoke.json" "$results/$ts-smoke.md" >/dev/null
  for f in "$ts-smoke.json" "$ts-smoke.md" "$ts-smoke-latency.png" "$ts-smoke-throughput.png"; do
    [ -s "$results/$f" ] || { echo "smoke: $results/$f was not written"; exit 1; }
  done
  python3 - "$results/$ts-smoke.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
calls, errors = d["totalCalls"], d["totalErrors"]
print(f"smoke: {calls} calls through the gateway, {errors} errors, all p99 {d['steps'][0]['calls']['all']['p99Ms']} ms")
sys.exit(0 if calls >= 50 and errors == 0 else 1)
PY
  echo "smoke: passed in $((SECONDS - t0)) s (stack start $STARTUP_S s, load $load_s s); files in $results/$ts-smoke.*"
}

case "$scenario" in
  startup) run_startup ;;
  outbox) run_outbox ;;
  identity) run_identity ;;
  scale) run_scale ;;
  reservations) run_reservations ;;
  cart) run_cart ;;
  saga) run_saga ;;
  gateway) run_gateway ;;
  storefront) run_storefront ;;
  resources) run_resources ;;
  events) run_events ;;
  smoke) run_smoke ;;
  all) t0=$SECONDS; timings=""
       timed() { local t1=$SECONDS; "$@"; timings="$timings ${*#run_}: $((SECONDS - t1)) s;"; }
       timed run_resources; timed run_storefront; timed run_events; timed run_gateway; timed run_scale
       echo "all: $((SECONDS - t0)) s (${timings% ;}); $(pgrep -f 'local-stack-exec.jar|bench/target/bench.jar' | wc -l) bench/stack processes left" ;;
  every) run_startup; run_outbox; run_identity; run_scale; run_reservations; run_cart; run_saga; run_gateway
         run_resources; run_storefront; run_events ;;
  *) echo "usage: bench/run.sh [startup|outbox|identity|scale|reservations|cart|saga|gateway|storefront|resources|events|smoke|all|every]"; exit 2 ;;
esac
