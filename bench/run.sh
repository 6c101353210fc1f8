#!/usr/bin/env bash
# Builds the hub and runs the benchmarks; each prints its figures and appends them to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl bench exec:java -Dexec.mainClass=io.omnihub.bench.TracerBench
