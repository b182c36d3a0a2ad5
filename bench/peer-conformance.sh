#!/usr/bin/env bash
# Runs the MCP conformance suite (0.1.16 with --suite all; 0.2.0-alpha.12 with --suite all --spec-version 2025-11-25)
# against supergateway 4.0.0 --stateful in front of Catwalk's conformance fixture (a stdio MCP server written with
# the Java MCP SDK, in bootstrap's test sources). It checks the fixture without Catwalk's gateway: the expected
# outcome is every scenario passing but dns-rebinding-protection (supergateway does not check Host/Origin) and
# server-sse-polling, which has warnings only (no priming event, no retry field; with --expected-failures the suite
# counts a warning as a failure). Both are listed in bench/peer-expected-failures.yml. Not part of CI.
#
#   bench/peer-conformance.sh [stable|alpha|both] [output folder]     (default: both target/peer-conformance)
#
# Compiles bootstrap's test classes, installs the pinned Node tools into .test-tools/ if needed (TestTools), then
# runs live.catwalk.bootstrap.bench.PeerConformance. Exit 0 when every run ended as expected.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
java_home=$(./catwalk java-home)
classpath_file=$root/bootstrap/target/peer-conformance.classpath

JAVA_HOME=$java_home MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
  mvn -B -ntp -q test-compile dependency:build-classpath -pl bootstrap -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

classpath=$root/bootstrap/target/test-classes:$root/bootstrap/target/classes:$(cat "$classpath_file")
exec "$java_home/bin/java" -Dcatwalk.root="$root" -cp "$classpath" \
  live.catwalk.bootstrap.bench.PeerConformance "${1:-both}" "${2:-$root/target/peer-conformance}"
