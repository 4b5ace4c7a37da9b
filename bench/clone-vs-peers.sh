#!/usr/bin/env bash
# Clone the anchor dataset (pgbench scale 50 + 2 million rows of jsonb/uuid/bytea/numeric/timestamptz with an index
# and a foreign key) with pgcopydb, pg_dump -Fd -j2 | pg_restore -j2, and pgclone-connect, alternating, and print the
# wall times and the ratio ours/pgcopydb. PostgreSQL 15 servers: Debian's pg_dump 15 and pgcopydb refuse newer ones.
#   bench/clone-vs-peers.sh [rounds] [pgbench scale] [extra rows]
# BENCH_JAVA_OPTS=-Dtools=pgcopydb,copy runs only those tools.
# Installs pgcopydb and the PostgreSQL 15 client with apt-get when missing. Raw output: bench/results/peers-latest.txt
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pgcopydb >/dev/null || apt-get install -y -q pgcopydb >&2
[ -x /usr/lib/postgresql/15/bin/pg_dump ] || apt-get install -y -q postgresql-client-15 >&2
./mvnw -q -B -DskipTests install >&2
./mvnw -q -B -Pbench -pl bench -DskipTests package >&2
java -jar cli/target/pgclone.jar --version >/dev/null
mkdir -p bench/results
java ${BENCH_JAVA_OPTS:-} -cp "bench/target/benchmarks.jar" io.pgclone.bench.ClonePeersBenchmark "$PWD" "${1:-2}" "${2:-50}" "${3:-2000000}" \
  | tee bench/results/peers-latest.txt
