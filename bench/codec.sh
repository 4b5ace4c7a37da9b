#!/usr/bin/env bash
# Row codec throughput (JMH): COPY text -> Connect struct -> COPY text, for a pgbench_accounts row and a 9-column
# row. Builds the benchmark jar, runs it, prints JMH's table. Extra arguments go to JMH (e.g. -f 3 -wi 5).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench -pl bench -am -DskipTests package >&2
java -jar bench/target/benchmarks.jar CodecBenchmark -rf text -rff bench/results/codec-latest.txt "$@"
