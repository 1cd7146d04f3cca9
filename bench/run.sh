#!/usr/bin/env bash
# Whole-process benchmarks of the passoff artifact (passoff.md §11): CLI start (warm and cold),
# MCP spawn to initialize, per-call latency over stdio at 10,000 handoffs, and the concurrency
# run. Prints a markdown table; raw figures go to bench/results/whole-process-<date>.json.
#
#   bench/run.sh [--quick]
#
# The machine should be otherwise idle. --quick runs fewer iterations (for trying the script).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ ! -f distribution/passoff/target/passoff.jar ] || [ ! -f bench/jmh/target/benchmarks.jar ]; then
  echo "bench: building the jar and the benchmark tools..." >&2
  ./mvnw -q -B -Pbench -DskipTests package >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/passoff-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
java -cp bench/jmh/target/benchmarks.jar dev.passoff.bench.BenchDatabase "$work/template.db" 10000 >&2

# Warm the launcher's class-data archive once, outside the measurements.
PASSOFF_DB_PATH="$work/warmup.db" "$root/bin/passoff" --version >/dev/null

mkdir -p bench/results
exec python3 bench/whole_process.py --launcher "$root/bin/passoff" --template "$work/template.db" \
  --work "$work" --out "bench/results/whole-process-$(date -u +%Y%m%dT%H%M%SZ).json" "$@"
