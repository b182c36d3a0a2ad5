#!/usr/bin/env bash
# Benchmarks tools/call echo (issues #3, #11, #17) against @modelcontextprotocol/server-everything over stdio
# directly, through Catwalk and through supergateway 4.0.0 --stateful, one target after the other, with the load
# generator bench/load/McpLoad.java at concurrency 1, 8, 64 and 256 (HTTP targets once per client: McpLoad's JDK
# HttpClient and plain-socket clients, and bench/load/mcp-load.mjs, the same generator on Node 22 with undici).
# The targets (BENCH_TARGETS, in this order):
#   direct            McpLoad speaks stdio to the server itself (no gateway)
#   catwalk           Catwalk, the deployment in shared session mode, MCP 2025-06-18 (a session)
#   catwalk-isolated  the same deployment in isolated session mode (the session gets its own server process)
#   catwalk-2026      the shared deployment over the 2026-07-28 stateless path (--era 2026: no initialize, no
#                     session, MCP-Protocol-Version, Mcp-Method and Mcp-Name on every POST); supergateway 4.0.0 has
#                     no such target: it passes 2026 requests only to a child that speaks 2026 itself
#   catwalk-runner    Catwalk's Fly runtime on this host: the gateway (catwalk serve, configured for Fly against a
#                     stub of the Machines API, BenchFlyStub in bootstrap's tests) forwards each request over HTTP to
#                     a real `catwalk runner` that serves the deployment, as on a Fly Machine; the CPU per call is
#                     the gateway's plus the runner's
#   supergateway      supergateway --stateful
# The generator reads the gateway process's own CPU time (/proc/<pid>/stat utime+stime: Catwalk's JVM (and the
# runner's), supergateway's node, not their child server) when each measured window opens and closes. Then runs
# every bench/extra/*.sh (other measurements: each prints a markdown section on stdout, appended to the report; see
# "Extra measurements" below). Prints the machine, the versions, a table of req/s, p50, p90, p99 and gateway CPU per
# call per target and level, the ratios and the goals; writes the same as markdown. Not part of CI. Takes about
# 19 minutes with the defaults, without the build and the extras.
#
#   bench/run.sh [report.md]          (default bench/RESULTS.md)
#
# Environment: MCPLOAD_OPTS  extra generator options, e.g. "--duration 20 --warmup 15" (see McpLoad without arguments)
#              CATWALK_BENCH_JAVA_OPTS  extra JVM options for Catwalk, e.g. -XX:StartFlightRecording=filename=x.jfr
#              BENCH_TARGETS  the targets to measure, default all: "direct catwalk catwalk-isolated catwalk-2026
#                            catwalk-runner supergateway"
#              BENCH_CLIENTS  the HTTP clients for catwalk and supergateway, default "jdk socket node": each HTTP
#                            target is measured with each (a fresh gateway each time); jdk is java.net.http.HttpClient,
#                            which alone takes much of a small machine's CPU, socket McpLoad's minimal client, node
#                            undici on Node 22
#              BENCH_NEW_CLIENTS  the clients for catwalk-isolated, catwalk-2026 and catwalk-runner, default
#                            "socket node"
#              BENCH_LEVELS  the concurrency levels, default 1,8,64,256
#              BENCH_RUNNER_LEVELS  catwalk-runner's, default BENCH_LEVELS (the gateway passes its
#                            CATWALK_MAX_INFLIGHT_PER_SESSION on to the machine's runner)
#              BENCH_EXTRA   the bench/extra/*.sh scripts to run (names without .sh), default all; "none" for none
#              BENCH_MAVEN_ARGS  extra Maven arguments for the build, e.g. "-o -Dmaven.repo.local=/some/repo"
#              BENCH_NOTE    a line put at the top of the report (e.g. which state of the code it measures)
#              BENCH_SERVER  another stdio server script for Node 22 instead of server-everything's, e.g.
#                            bench/servers/echo.mjs (a trivial one, to tell a gateway's cost from the server's)
# Builds the jar and bootstrap's test classes (Maven), installs the pinned Node tools (Node 22, server-everything,
# supergateway, undici) into .test-tools/ if needed (TestTools, through bench/load/BenchSetup.java), and stops every
# process it started, also on Ctrl-C. Catwalk runs with CATWALK_SANDBOX=off (like supergateway, no bubblewrap around
# the server, which would not see .test-tools either), CATWALK_MAX_INFLIGHT_PER_SESSION=1024 (the default 100 would
# refuse most of 256 concurrent calls in the generator's one session) and a fresh CATWALK_HOME under target/bench.
#
# Extra measurements: each bench/extra/NAME.sh is run (with bash) after the targets above, in name order, with its
# stdout appended to the report (a markdown section starting with "## ") and its stderr shown and kept in
# target/bench/extra/NAME.log. It gets BENCH_ROOT (the repository), BENCH_WORK (an empty folder of its own),
# BENCH_JAVA, BENCH_NODE, BENCH_SERVER (the stdio server script), BENCH_EVERYTHING, BENCH_SUPERGATEWAY, BENCH_UNDICI,
# BENCH_CLASSPATH (bootstrap's test class path), BENCH_JAR (bootstrap/target/catwalk.jar) and MCPLOAD_OPTS, must stop
# whatever it starts, and should print its own goal rows as "| goal | measured | **met** |" lines under its heading.
# A failing script (exit status not 0) gets a line saying so in the report; the run goes on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
report=$(realpath -m "${1:-bench/RESULTS.md}")
work=$root/target/bench
mkdir -p "$work"
: >"$work/results.tsv"
java_home=$(./catwalk java-home)
java=$java_home/bin/java
token=bench-token-0123456789
read -r -a load_opts <<<"${MCPLOAD_OPTS:-}"
read -r -a catwalk_opts <<<"${CATWALK_BENCH_JAVA_OPTS:-}"
read -r -a maven_args <<<"${BENCH_MAVEN_ARGS:-}"
targets=${BENCH_TARGETS:-direct catwalk catwalk-isolated catwalk-2026 catwalk-runner supergateway}
levels=${BENCH_LEVELS:-1,8,64,256}
runner_levels=${BENCH_RUNNER_LEVELS:-$levels}

say() { printf '\n== %s\n' "$*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "building the jar and bootstrap's test classes"
JAVA_HOME=$java_home MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
  mvn -B -ntp -q ${maven_args[@]+"${maven_args[@]}"} package -DskipTests -pl bootstrap -am dependency:build-classpath \
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

await_http() { # url, pid, what: waits until anything answers HTTP at url; fails when it does not
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited at start; see its log in $work" >&2; return 1; }
    curl -s -o /dev/null -m 1 "$1" && return
    sleep 0.1
  done
  echo "$3 did not answer $1 within 30 s" >&2
  return 1
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
  local label=$1 m0 o0 t0 own status=0
  shift
  m0=$(machine_cpu); own_cpu; o0=$own; t0=$(date +%s.%N)
  "$@" || status=$?
  own_cpu
  awk -v l="$label" -v m="$(machine_cpu)" -v m0="$m0" -v o="$own" -v o0="$o0" -v t="$(date +%s.%N)" \
    -v t0="$t0" -v cores="$(nproc)" 'BEGIN{x=(m-m0)-(o-o0); cap=(t-t0)*cores;
    printf "%s\t%.1f\t%.1f\t%.0f\n", l, x, cap, 100*x/cap}' >>"$others"
  return $status
}
failed=$work/failed.tsv
: >"$failed"
not_measured() { # label, why: the run goes on without that target, and the report says so
  say "$1: $2; skipped (the logs are in $work)"
  printf '%s\t%s\n' "$1" "$2" >>"$failed"
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
new_clients=${BENCH_NEW_CLIENTS:-socket node}
stdio_command="$node $server stdio"
has_target() { [[ " $targets " == *" $1 "* ]]; }

if has_target direct; then
  say "direct: McpLoad speaks stdio to $server"
  measure direct mcpload --levels "$levels" --label direct stdio "$node" "$server" stdio 2>"$work/direct.log" ||
    not_measured direct "the generator failed (exit status $?)"
fi

catwalk_env=(CATWALK_SANDBOX=off CATWALK_PORT="$catwalk_port" CATWALK_LOG_LEVEL=warn
  CATWALK_MAX_INFLIGHT_PER_SESSION=1024 CATWALK_ADMIN_TOKEN_FILE="$work/admin-token")
start_catwalk() { # session mode: a fresh Catwalk serving the server as deployment echo from a deployments file
  printf '{"deployments":[{"id":"echo","command":["%s","%s","stdio"],"sessionMode":"%s","token":"%s"}]}\n' \
    "$node" "$server" "$1" "$token" >"$work/deployments.json"
  rm -rf "$work/catwalk-home" "$work/admin-token"
  env "${catwalk_env[@]}" CATWALK_HOME="$work/catwalk-home" CATWALK_DEPLOYMENTS_FILE="$work/deployments.json" \
    "$java" ${catwalk_opts[@]+"${catwalk_opts[@]}"} -jar bootstrap/target/catwalk.jar serve >>"$work/catwalk.log" 2>&1 &
  started+=($!)
  gateway_pid=$!
  await_http "http://127.0.0.1:$catwalk_port/api/health" $! Catwalk || return 1
  url=http://127.0.0.1:$catwalk_port/mcp/echo
  url_token=$token
}
start_catwalk_shared() { start_catwalk shared; }
start_catwalk_isolated() { start_catwalk isolated; }
# The Fly runtime on this host: the Machines API stub, the gateway configured for it, a deployment created through
# the API, and the machine's runner started with the env the gateway gave the machine (as FlyEndToEndIT does).
start_catwalk_runner() {
  local i fly_api created id runner_pid status
  rm -rf "$work/catwalk-home" "$work/admin-token" "$work/machine.env"
  "$java" -cp "$classpath" live.catwalk.bootstrap.BenchFlyStub "$work/machine.env" "$runner_port" \
    >"$work/fly.out" 2>>"$work/fly.log" &
  started+=($!)
  for ((i = 0; i < 300; i++)); do
    fly_api=$(sed -n 's/^fly_api=//p' "$work/fly.out")
    [[ -z $fly_api ]] || break
    sleep 0.1
  done
  [[ -n $fly_api ]] || { echo "the Machines API stub did not start; see $work/fly.log" >&2; return 1; }
  env "${catwalk_env[@]}" CATWALK_HOME="$work/catwalk-home" FLY_API_TOKEN=bench-fly-token \
    CATWALK_FLY_APP=catwalk-runners CATWALK_FLY_IMAGE=registry.fly.io/catwalk-runners:bench \
    CATWALK_RUNNER_KEY=bench-runner-key-0123456789abcdefghijklmnop CATWALK_FLY_API_URL="$fly_api" \
    CATWALK_FLY_RUNNER_URL="http://127.0.0.1:$runner_port?machine={machine}" \
    "$java" ${catwalk_opts[@]+"${catwalk_opts[@]}"} -jar bootstrap/target/catwalk.jar serve >>"$work/catwalk.log" 2>&1 &
  started+=($!)
  gateway_pid=$!
  await_http "http://127.0.0.1:$catwalk_port/api/health" $! Catwalk || return 1
  for ((i = 0; i < 300; i++)); do [[ -s $work/admin-token ]] && break; sleep 0.1; done # written once it is ready
  created=$(curl -sf -X POST "http://127.0.0.1:$catwalk_port/api/deployments" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $(cat "$work/admin-token")" \
    -d "{\"name\":\"echo\",\"command\":[\"$node\",\"$server\",\"stdio\"],\"sessionMode\":\"shared\"}") || {
    echo "creating the deployment failed" >&2
    return 1
  }
  id=$(json_field id <<<"$created")
  url_token=$(json_field token <<<"$created")
  for ((i = 0; i < 600; i++)); do [[ -s $work/machine.env ]] && break; sleep 0.1; done
  [[ -s $work/machine.env ]] || { echo "the gateway started no machine; see $work/fly.log" >&2; return 1; }
  (set -a && . "$work/machine.env" && exec "$java" ${catwalk_opts[@]+"${catwalk_opts[@]}"} \
    -jar bootstrap/target/catwalk.jar runner) >>"$work/runner.log" 2>&1 &
  started+=($!)
  runner_pid=$!
  await_http "http://127.0.0.1:$runner_port/status" $! "catwalk runner" || return 1
  for ((i = 0; i < 600; i++)); do
    status=$(curl -s "http://127.0.0.1:$catwalk_port/api/deployments/$id" \
      -H "Authorization: Bearer $(cat "$work/admin-token")" | json_field status)
    [[ $status == running ]] && break
    sleep 0.1
  done
  [[ $status == running ]] || { echo "the deployment on the runner is '$status', not running" >&2; return 1; }
  gateway_pid=$gateway_pid,$runner_pid
  url=http://127.0.0.1:$catwalk_port/mcp/$id
}
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | sed 's/.*:"\(.*\)"/\1/'; } # a string member (the first)
start_supergateway() {
  "$node" "$supergateway" --stdio "$stdio_command" --outputTransport streamableHttp --stateful \
    --port "$supergateway_port" --logLevel none >>"$work/supergateway.log" 2>&1 &
  started+=($!)
  gateway_pid=$!
  await_http "http://127.0.0.1:$supergateway_port/" $! supergateway || return 1
  url=http://127.0.0.1:$supergateway_port/mcp
  url_token=$token
}
: >"$work/catwalk.log"
: >"$work/runner.log"
: >"$work/fly.log"
: >"$work/supergateway.log"
for target in catwalk catwalk-isolated catwalk-2026 catwalk-runner supergateway; do
  has_target "$target" || continue
  start=start_catwalk_shared era=2025 target_levels=$levels target_clients=$new_clients
  case $target in
    catwalk) target_clients=$clients ;;
    catwalk-isolated) start=start_catwalk_isolated ;;
    catwalk-2026) era=2026 ;;
    catwalk-runner) start=start_catwalk_runner target_levels=$runner_levels ;;
    supergateway) start=start_supergateway target_clients=$clients ;;
  esac
  for client in $target_clients; do
    say "$target with the $client client: a fresh gateway in front of the same server"
    if ! "$start"; then
      not_measured "$target/$client" "the gateway did not start"
    elif ! measure "$target/$client" load "$client" --levels "$target_levels" --era "$era" \
      --label "$target/$client" --gateway-pid "$gateway_pid" http "$url" "$url_token"; then
      not_measured "$target/$client" "the generator failed"
    fi
    cleanup
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
run_time=$((SECONDS - started_at))

# The extra measurements (bench/extra/*.sh, see above): each one's markdown in target/bench/extra/NAME.md.
rm -rf "$work/extra"
mkdir -p "$work/extra"
: >"$work/extra/times.tsv"
for extra in bench/extra/*.sh; do
  [[ -e $extra ]] || continue
  name=$(basename "$extra" .sh)
  [[ -z ${BENCH_EXTRA:-} || " $BENCH_EXTRA " == *" $name "* ]] || continue
  say "extra: $extra"
  mkdir -p "$work/extra/$name"
  extra_start=$SECONDS
  extra_status=0
  BENCH_ROOT=$root BENCH_WORK=$work/extra/$name BENCH_JAVA=$java BENCH_NODE=$node BENCH_SERVER=$server \
    BENCH_EVERYTHING=$everything BENCH_SUPERGATEWAY=$supergateway BENCH_UNDICI=$undici BENCH_CLASSPATH=$classpath \
    BENCH_JAR=$root/bootstrap/target/catwalk.jar MCPLOAD_OPTS=${MCPLOAD_OPTS:-} \
    bash "$extra" >"$work/extra/$name.md" 2> >(tee "$work/extra/$name.log" >&2) || extra_status=$?
  if ((extra_status != 0)); then
    printf '\n> **bench/extra/%s.sh failed** (exit status %s): its log is target/bench/extra/%s.log.\n' \
      "$name" "$extra_status" "$name" >>"$work/extra/$name.md"
  fi
  printf '%s\t%s\t%s\n' "$name" $((SECONDS - extra_start)) "$extra_status" >>"$work/extra/times.tsv"
done

say "report: $report"
JAVA=$java NODE=$node SERVER=$server STDIO_COMMAND=$stdio_command LOAD_BEFORE=$load_before \
  LOAD_AFTER=$load_after RUN_TIME=$run_time NOTE=${BENCH_NOTE:-} UNDICI=$undici LOAD_OPTS="${MCPLOAD_OPTS:-}" \
  CATWALK_OPTS="${CATWALK_BENCH_JAVA_OPTS:-}" CLIENTS=$clients NEW_CLIENTS=$new_clients LEVELS=$levels \
  RUNNER_LEVELS=$runner_levels EXTRA_DIR=$work/extra FAILED=$failed \
  bench/report.sh "$work/results.tsv" "$others" | sed "s#$root/#./#g" >"$report"
cat "$report"
