#!/usr/bin/env bash
# The crash loop's long form (issue 19): CrashLoopIT with five SIGKILLs (the hubs in turn, so both are
# killed at least twice), its figures appended to bench/RESULTS.md. The README's test command runs the
# short form (two kills).
#   bench/crash-loop.sh [kills]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
./mvnw -B -pl local verify -Dtest=none -Dit.test=CrashLoopIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dcrash.kills="${1:-5}" -Dcrash.results="$PWD/bench/RESULTS.md"
grep 'CrashLoopIT:' local/target/failsafe-reports/io.omnihub.hub.CrashLoopIT-output.txt
