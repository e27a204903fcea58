#!/usr/bin/env bash
# Runs the function set locally: builds function.zip, starts dynalite and S3Proxy with the table and buckets, and
# runs every handler under AWS's Runtime Interface Client against them. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f local/node_modules/dynalite/cli.js ]; then
  (cd local && npm ci --no-audit --no-fund)
fi
./mvnw -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/local-classpath.txt -Dmdep.includeScope=test
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/local-classpath.txt)" \
  io.jobsettings.local.LocalFunctionSet
