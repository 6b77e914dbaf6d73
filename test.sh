#!/usr/bin/env bash
# Every test: the Maven build with unit, integration and end-to-end tests (`mvn -B verify`), then the
# benchmark harness's smoke run (bench/run.sh smoke: a low-rate storefront mix through the gateway,
# failing on any error or missing result file) so the harness never rots. Extra arguments go to Maven;
# SKIP_SMOKE=1 skips the smoke run (e.g. with -pl, when the other modules' jars are not fresh).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify "$@"
if [ "${SKIP_SMOKE:-}" != 1 ]; then
  SKIP_BUILD=1 bash bench/run.sh smoke
fi
