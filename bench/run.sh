#!/usr/bin/env bash
# Builds the hub and runs the benchmarks; each prints its figures and appends them to bench/RESULTS.md.
#   bench/run.sh            all of them
#   bench/run.sh Tracer     one (TracerBench, WebhookBench, PosDropBench, IdentityBench, IdentityLabelledBench,
#                           IdentityHotPathBench, IdentityStreamBench, StockSyncBench, PriceSyncBench)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
for bench in ${1:-Tracer Webhook PosDrop IdentityHotPath Identity IdentityLabelled IdentityStream StockSync PriceSync}; do
  ./mvnw -q -B -pl bench exec:java -Dexec.mainClass=io.omnihub.bench.${bench%Bench}Bench
done
