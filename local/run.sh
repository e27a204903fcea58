#!/usr/bin/env bash
# Runs the function set locally: builds function.zip, starts dynalite and S3Proxy with the table and buckets, and
# runs every handler under AWS's Runtime Interface Client against them. Stop with Ctrl-C or kill -TERM.
set -euo pipefail
cd "$(dirname "$0")/.."
# The same rules LocalFunctionSet applies, checked here so a typo fails at once instead of after the build.
local_port="${LOCAL_PORT:-9001}"
if ! [[ "$local_port" =~ ^[0-9]{4,5}$ ]] || ((10#$local_port < 1024 || 10#$local_port > 65400)); then
  echo "local run failed: LOCAL_PORT must be a port from 1024 to 65400, not '$local_port'" >&2
  exit 1
fi
case "${ALLOW_INSECURE_TARGETS:-true}" in
  true | false) ;;
  *) echo "local run failed: ALLOW_INSECURE_TARGETS must be true or false, not '$ALLOW_INSECURE_TARGETS'" >&2
     exit 1 ;;
esac
if [ ! -f local/node_modules/dynalite/cli.js ]; then
  (cd local && npm ci --no-audit --no-fund)
fi
./mvnw -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/local-classpath.txt -Dmdep.includeScope=test
# S3Proxy brings Logback; without it SLF4J has one provider (JBoss Logging's) and prints no warning about two.
local_classpath() {
  tr ':' '\n' <target/local-classpath.txt | grep -v '/ch/qos/logback/logback-classic/' | paste -sd: -
}
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(local_classpath)" \
  io.jobsettings.local.LocalFunctionSet
