#!/usr/bin/env bash
# Builds the function set and a minimal Quarkus Lambda function, then runs the benchmarks and prints one table:
# each figure beside a baseline measured in the same run. Never part of ./mvnw verify.
#
#   ./bench/run.sh                              everything (about 10 minutes on 2 cores)
#   BENCH_SECTIONS=cold-start,warm-read ./bench/run.sh    only some: cold-start, warm-read, snapshot, fan-out
#   BENCH_RUNS=7 BENCH_SNAPSHOT_MIB=256 ./bench/run.sh    more cold-start rounds, a smaller snapshot
#   BENCH_PROFILE=true ./bench/run.sh           also record a Flight Recorder profile of each path, summarized
#                                               in target/bench/profiles/*.txt (profiled runs are not counted)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f local/node_modules/dynalite/cli.js ]; then
  (cd local && npm ci --no-audit --no-fund)
fi

quarkus_version=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml | head -1)
echo "[bench] building function.zip and the test classpath"
./mvnw -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "[bench] building the minimal Quarkus $quarkus_version Lambda function (bench/minimal)"
./mvnw -q -B -f bench/minimal/pom.xml -DskipTests -Dquarkus.platform.version="$quarkus_version" package

free_mib=$(df -Pm target | awk 'NR == 2 {print $4}')
needed_mib=$(( ${BENCH_SNAPSHOT_MIB:-1024} * 3 + 512 ))
if [ "$free_mib" -lt "$needed_mib" ]; then
  echo "[bench] only $free_mib MiB free under target/; the snapshot benchmark needs $needed_mib MiB" >&2
  exit 1
fi

exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dbench.root="$PWD" \
  -Dbench.sections="${BENCH_SECTIONS:-all}" \
  -Dbench.runs="${BENCH_RUNS:-5}" \
  -Dbench.snapshot-mib="${BENCH_SNAPSHOT_MIB:-1024}" \
  -Dbench.profile="${BENCH_PROFILE:-false}" \
  -Dbench.function-flags="${BENCH_FUNCTION_FLAGS:-}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.jobsettings.bench.BenchmarkRun
