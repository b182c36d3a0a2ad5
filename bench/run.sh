#!/usr/bin/env bash
# Benchmarks tools/call echo (issue #3) against @modelcontextprotocol/server-everything over stdio directly, through
# Catwalk (shared session mode) and through supergateway 4.0.0 --stateful, one target after the other, with the load
# generator bench/load/McpLoad.java at concurrency 1, 8 and 64 (HTTP targets once per client: McpLoad's JDK HttpClient
# and plain-socket clients, and bench/load/mcp-load.mjs, the same generator on Node 22 with undici). The generator
# reads the gateway process's own CPU time (/proc/<pid>/stat utime+stime: Catwalk's JVM, supergateway's node, not
# their child server) when each measured window opens and closes. Prints the machine, the versions, a table of req/s,
# p50, p90, p99 and gateway CPU per call per target and level, and the goals; writes the same as markdown. Not part
# of CI. Takes about 10 minutes with the defaults.
#
#   bench/run.sh [report.md]          (default bench/RESULTS.md)
#
# Environment: MCPLOAD_OPTS  extra generator options, e.g. "--duration 20 --warmup 15" (see McpLoad without arguments)
#              CATWALK_BENCH_JAVA_OPTS  extra JVM options for Catwalk, e.g. -XX:StartFlightRecording=filename=x.jfr
#              BENCH_CLIENTS  the generator's HTTP clients, default "jdk socket node": each HTTP target is measured
#                            with each (a fresh gateway each time); jdk is java.net.http.HttpClient, which alone takes
#                            much of a small machine's CPU, socket McpLoad's minimal client, node undici on Node 22
#              BENCH_NOTE    a line put at the top of the report (e.g. which state of the code it measures)
#              BENCH_SERVER  another stdio server script for Node 22 instead of server-everything's, e.g.
#                            bench/servers/echo.mjs (a trivial one, to tell a gateway's cost from the server's)
# Builds the jar and bootstrap's test classes (Maven), installs the pinned Node tools (Node 22, server-everything,
# supergateway, undici) into .test-tools/ if needed (TestTools, through bench/load/BenchSetup.java), and stops every
# process it started, also on Ctrl-C. Catwalk runs with CATWALK_SANDBOX=off (like supergateway, no bubblewrap around
# the server, which would not see .test-tools either) and a fresh CATWALK_HOME under target/bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
report=$(realpath -m "${1:-bench/RESULTS.md}")
work=$root/target/bench
mkdir -p "$work"
rm -f "$work/results.tsv"
java_home=$(./catwalk java-home)
java=$java_home/bin/java
token=bench-token-0123456789
read -r -a load_opts <<<"${MCPLOAD_OPTS:-}"
read -r -a catwalk_opts <<<"${CATWALK_BENCH_JAVA_OPTS:-}"

say() { printf '\n== %s\n' "$*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "building the jar and bootstrap's test classes"
JAVA_HOME=$java_home MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
  mvn -B -ntp -q package -DskipTests -pl bootstrap -am dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath=$root/bootstrap/target/test-classes:$root/bootstrap/target/classes:$(cat bootstrap/target/bench.classpath)
eval "$("$java" -Dcatwalk.root="$root" -cp "$classpath" bench/load/BenchSetup.java)"
started_at=$SECONDS # the measurements' run time, without the build

# Stops a process and everything below it: SIGTERM, up to 15 s, then SIGKILL for whatever is left.
started=()
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
stop_tree() {
  local pid=$1 tree i
  tree=$(descendants "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" $tree 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { local pid; for pid in ${started[@]+"${started[@]}"}; do stop_tree "$pid"; done; started=(); }
trap cleanup EXIT
trap 'exit 130' INT TERM

await_http() { # url, pid, what: waits until anything answers HTTP at url
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited at start; see its log in $work" >&2; exit 1; }
    curl -s -o /dev/null -m 1 "$1" && return
    sleep 0.1
  done
  echo "$3 did not answer $1 within 30 s" >&2
  exit 1
}

# CPU seconds used by the whole machine (/proc/stat) and by what this script started: finished children (the
# builtin times, which must run in this shell, not in a subshell) and the live process trees (/proc/<pid>/stat,
# utime to cstime). The difference over a run is what other work on the machine took.
hz=$(getconf CLK_TCK)
machine_cpu() { awk -v hz="$hz" '/^cpu /{print ($2+$3+$4+$7+$8+$9)/hz}' /proc/stat; }
own_cpu() { # sets the variable own
  local p
  times >"$work/times.txt"
  own=$({ awk 'NR==2{for(i=1;i<=2;i++){split($i,t,/[ms]/);s+=t[1]*60+t[2]}} END{print s}' "$work/times.txt"
    for p in ${started[@]+"${started[@]}"} $(for p in ${started[@]+"${started[@]}"}; do descendants "$p"; done); do
      [[ -r /proc/$p/stat ]] && sed 's/^.*) //' "/proc/$p/stat" | awk -v hz="$hz" '{print ($12+$13+$14+$15)/hz}'
    done; } | awk '{s+=$1} END{printf "%.2f\n", s}')
}
others=$work/others.tsv
: >"$others"
measure() { # label, command...: runs the generator, then records the CPU time other processes took meanwhile
  local label=$1 m0 o0 t0 own
  shift
  m0=$(machine_cpu); own_cpu; o0=$own; t0=$(date +%s.%N)
  "$@"
  own_cpu
  awk -v l="$label" -v m="$(machine_cpu)" -v m0="$m0" -v o="$own" -v o0="$o0" -v t="$(date +%s.%N)" \
    -v t0="$t0" -v cores="$(nproc)" 'BEGIN{x=(m-m0)-(o-o0); cap=(t-t0)*cores;
    printf "%s\t%.1f\t%.1f\t%.0f\n", l, x, cap, 100*x/cap}' >>"$others"
}
mcpload() { "$java" bench/load/McpLoad.java "${load_opts[@]}" --tsv "$work/results.tsv" "$@"; }
nodeload() { TEST_TOOLS=${undici%/node_modules/undici} "$node" bench/load/mcp-load.mjs "${load_opts[@]}" \
  --tsv "$work/results.tsv" "$@"; }
load() { # client, generator arguments...: McpLoad with that client, or the Node generator
  local client=$1
  shift
  if [[ $client == node ]]; then nodeload "$@"; else mcpload --client "$client" "$@"; fi
}

server=$(realpath "${BENCH_SERVER:-$everything}")
clients=${BENCH_CLIENTS:-jdk socket node}
stdio_command="$node $server stdio"

say "direct: McpLoad speaks stdio to $server"
measure direct mcpload --label direct stdio "$node" "$server" stdio 2>"$work/direct.log"

start_catwalk() {
  printf '{"deployments":[{"id":"echo","command":["%s","%s","stdio"],"sessionMode":"shared","token":"%s"}]}\n' \
    "$node" "$server" "$token" >"$work/deployments.json"
  rm -rf "$work/catwalk-home"
  CATWALK_HOME=$work/catwalk-home CATWALK_SANDBOX=off CATWALK_PORT=$catwalk_port \
    CATWALK_DEPLOYMENTS_FILE=$work/deployments.json CATWALK_LOG_LEVEL=warn \
    "$java" "${catwalk_opts[@]}" -jar bootstrap/target/catwalk.jar serve >>"$work/catwalk.log" 2>&1 &
  started+=($!)
  gateway_pid=$!
  await_http "http://127.0.0.1:$catwalk_port/api/health" $! Catwalk
  url=http://127.0.0.1:$catwalk_port/mcp/echo
}
start_supergateway() {
  "$node" "$supergateway" --stdio "$stdio_command" --outputTransport streamableHttp --stateful \
    --port "$supergateway_port" --logLevel none >>"$work/supergateway.log" 2>&1 &
  started+=($!)
  gateway_pid=$!
  await_http "http://127.0.0.1:$supergateway_port/" $! supergateway
  url=http://127.0.0.1:$supergateway_port/mcp
}
: >"$work/catwalk.log"
: >"$work/supergateway.log"
for target in catwalk supergateway; do
  for client in $clients; do
    say "$target with the $client client: a fresh $target in front of the same server"
    "start_$target"
    measure "$target/$client" load "$client" --label "$target/$client" --gateway-pid "$gateway_pid" \
      http "$url" "$token"
    cleanup
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
run_time=$((SECONDS - started_at))

say "report: $report"
JAVA=$java NODE=$node SERVER=$server STDIO_COMMAND=$stdio_command LOAD_BEFORE=$load_before \
  LOAD_AFTER=$load_after RUN_TIME=$run_time NOTE=${BENCH_NOTE:-} UNDICI=$undici LOAD_OPTS="${MCPLOAD_OPTS:-}" CATWALK_OPTS="${CATWALK_BENCH_JAVA_OPTS:-}" CLIENTS=$clients \
  bench/report.sh "$work/results.tsv" "$others" | sed "s#$root/#./#g" >"$report"
cat "$report"
