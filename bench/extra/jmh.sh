#!/usr/bin/env bash
# bench/run.sh's hook for the JMH microbenchmarks of the MCP hot path: JMH's output on stderr, a markdown section
# (machine, versions, results table) on stdout. Arguments and JMH_OPTS / JMH_MAVEN_ARGS go to bench/jmh/run.sh.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../jmh/run.sh" "$@"
