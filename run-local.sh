#!/usr/bin/env bash
# Builds every module (tests skipped) and starts the whole suite on this machine: a Kafka broker
# and the MongoDB-wire store inside the launcher, every service as its own JVM, the gateway on
# :8080, sample data seeded. Ctrl-C stops everything. Options go to the launcher:
#   --only=catalog,compliance   start a subset (identity and the gateway always start)
#   --in-memory                 keep data in memory instead of ./data
#   --wipe                      delete ./data first
#   --no-seed                   skip the sample data
#   --quiet                     do not echo the services' logs
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi
exec java -Xms128m -Xmx512m -XX:+UseSerialGC -jar local-stack/target/local-stack-exec.jar "$@"
