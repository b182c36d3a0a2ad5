#!/usr/bin/env bash
# JMH microbenchmarks of the MCP hot path (issue #17): parse, id rewrite, serialise, session lookup, and one whole
# ServeMcp.serve of a tools/call (2025 and 2026-07-28) against an in-process echo server. See bench/jmh/README.md
# for what each one measures. Installs catwalk-core from this checkout (tests skipped), builds bench/jmh (a
# standalone Maven project, not part of the product's build), runs JMH with JMH's own output on stderr, and prints a
# markdown section for bench/RESULTS.md on stdout: the machine, the versions, the options and the results table
# (with the bytes allocated per operation, from JMH's gc profiler). About 3½ minutes with the defaults: 16
# benchmark runs of ~9 s each, after ~1 minute of Maven.
#
#   bench/jmh/run.sh [JMH arguments...]     e.g. bench/jmh/run.sh 'ServeBench|SessionLookup' -prof stack
#
# Environment: JMH_OPTS        the run's options, default "-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"; the arguments
#                              are added after them (a regex selects benchmarks)
#              JMH_MAVEN_ARGS  extra Maven arguments, e.g. "-o -Dmaven.repo.local=/some/repo"
#              JMH_SKIP_CORE_INSTALL=1  use the catwalk-core SNAPSHOT already installed instead of installing it
# These are timings on whatever machine runs them: on a shared or busy one (2 CPUs with a build beside it) they
# mean little; the allocation column is far steadier.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
java_home=$("$root/catwalk" java-home 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}")
java=$java_home/bin/java
read -r -a maven_args <<<"${JMH_MAVEN_ARGS:-}"
read -r -a jmh_opts <<<"${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}"
result=$here/target/jmh-result.json
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mvn_quiet() { JAVA_HOME=$java_home MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
  mvn -B -ntp -q ${maven_args[@]+"${maven_args[@]}"} "$@" >&2; }

if [[ ${JMH_SKIP_CORE_INSTALL:-} != 1 ]]; then
  echo "== installing catwalk-core from $root (tests skipped)" >&2
  mvn_quiet -f "$root/pom.xml" -pl core -am install -DskipTests -DskipITs
fi
echo "== building bench/jmh" >&2
mvn_quiet -f "$here/pom.xml" package
rm -f "$result"
echo "== running JMH ${jmh_opts[*]} $*" >&2
"$java" -jar "$here/target/benchmarks.jar" "${jmh_opts[@]}" "$@" -rf json -rff "$result" >&2

cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain -- core 2>/dev/null | head -1)
jdk=$("$java" -version 2>&1 | head -1)
echo
echo "### JMH: the MCP hot path (bench/jmh)"
echo
echo "$(date -u +%Y-%m-%d), commit \`$commit\`${dirty:+ (core modified)}, ${cpu:-unknown CPU} × $(nproc) CPUs," \
  "load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg) after, $jdk, JMH 1.37," \
  "\`bench/jmh/run.sh${*:+ $*}\` with \`${jmh_opts[*]}\` (one thread; scores are time per operation)."
echo
"$java" -cp "$here/target/benchmarks.jar" live.catwalk.bench.jmh.ResultsTable "$result"
