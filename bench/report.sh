#!/usr/bin/env bash
# Writes bench/run.sh's markdown report to stdout from the generator's results and the CPU others took:
#
#   bench/report.sh results.tsv others.tsv
#
# results.tsv: label, concurrency, requests, errors, req/s, p50, p90, p99, max (us), gateway CPU per call (us, '-' for
#              none) and, for a gateway with a runner, each process's CPU per call joined by '+', as McpLoad --tsv and
#              mcp-load.mjs --tsv write it.
# others.tsv:  label, CPU seconds other processes took during that target's run, CPU seconds available, percent.
# run.sh passes JAVA, NODE, SERVER, STDIO_COMMAND, LOAD_BEFORE, LOAD_AFTER, RUN_TIME (seconds), NOTE, UNDICI (its
# package folder), LOAD_OPTS, CATWALK_OPTS, CLIENTS and NEW_CLIENTS (the HTTP clients measured), LEVELS,
# RUNNER_LEVELS, EXTRA_DIR (the extra measurements' markdown, NAME.md, and times.tsv: name, seconds, exit status)
# and FAILED (label, why: the targets not measured) in the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
results=$1
others=$2
value() { awk -F'\t' -v l="$1" -v c="$2" -v f="$3" '$1==l && $2==c {print $f}' "$results"; }
note_block=
[[ -z ${NOTE:-} ]] || printf -v note_block '> **%s**\n\n' "$NOTE"
busy=$(awk -F'\t' '$4 > 10 {print "yes"}' "$others" | head -1)
extra_dir=${EXTRA_DIR:-}
extra_time=0
[[ -z $extra_dir || ! -s $extra_dir/times.tsv ]] ||
  extra_time=$(awk -F'\t' '{s+=$2} END{print s+0}' "$extra_dir/times.tsv")
direct_at_256() { # what direct stdio did at 256 against 64, from the results
  local r64 r256 p64 p256
  r64=$(value direct 64 5) r256=$(value direct 256 5) p64=$(value direct 64 6) p256=$(value direct 256 6)
  if [[ -n $r64 && -n $r256 ]]; then
    echo "here $r256 req/s at 256 against $r64 at 64, p50 $p256 µs against $p64 µs."
  else
    echo "not measured at both 64 and 256 in this run."
  fi
}
version() { sed -n 's/^  "version": "\(.*\)",/\1/p' "$1/package.json"; }

cat <<EOF
# Benchmark: \`tools/call echo\` direct over stdio, through Catwalk and through supergateway

${note_block}Measured by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' || echo ' (with uncommitted changes)');
the load measurements took $((RUN_TIME / 60)) min $((RUN_TIME % 60)) s (without the build)$( ((extra_time == 0)) || echo ", the extra measurements $((extra_time / 60)) min $((extra_time % 60)) s").
Re-run with \`bench/run.sh [report.md]\`; the load generators are \`bench/load/McpLoad.java\` and
\`bench/load/mcp-load.mjs\` (run either without arguments for its usage).

## Machine

- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores available ($(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core)
- RAM: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
- Kernel: $(uname -srm)
- Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $LOAD_AFTER (it counts runnable threads, the
  generator's workers included)
- CPU time that processes other than the run's took while each target ran (the machine's busy time from
  /proc/stat minus the CPU time of the generator, the gateway and the server, out of what the cores offered;
  the two accountings differ by a few percent, so values within ±5 % mean a quiet machine):
$(awk -F'\t' '{printf "  %s %s s of %s s (%s %%);", $1, $2, $3, $4}' "$others" | sed 's/;$//')
EOF
if [[ -n $busy ]]; then
  cat <<EOF

> **Preliminary numbers: the machine was busy**: other processes took more than 10 % of the CPU while a target ran.
> Every target shares the cores with that work, so the absolute numbers and the ratios are noisy; re-run
> \`bench/run.sh\` on a quiet machine for the final ones.
EOF
fi

cat <<EOF

## Versions

- JDK (Catwalk and the load generator): $("$JAVA" -version 2>&1 | sed -n 2p)
- Node (server-everything, supergateway and the Node load generator): $("$NODE" --version)
- Catwalk $("$JAVA" -jar bootstrap/target/catwalk.jar --version | sed 's/^catwalk //'), \`bootstrap/target/catwalk.jar\`$([[ -z ${CATWALK_OPTS:-} ]] || echo ", JVM options \`$CATWALK_OPTS\`")
- The stdio server: \`$SERVER\`
- @modelcontextprotocol/server-everything $(version .test-tools/node_modules/@modelcontextprotocol/server-everything), supergateway $(version .test-tools/node_modules/supergateway), undici $(version "$UNDICI") (pinned in \`test-tools/package.json\`)

## Targets

Workers send \`tools/call\` \`{"name":"echo","arguments":{"message":"hi"}}\` back to back, at concurrency
${LEVELS//,/, } (catwalk-runner: ${RUNNER_LEVELS//,/, }). The generators' defaults: warm-up 30 s split across the levels, then per
level 2 s discarded and 10 s measured; latencies in microseconds.

- **direct**: the generator speaks stdio to the server itself, the workers multiplexed by id over its one
  stdin/stdout pipe (no gateway). Past 64 more workers only queue longer on the one pipe, which the server
  reads one line at a time: $(direct_at_256)
- **catwalk**: \`catwalk serve\`, the deployment in **shared** session mode (one server process for all sessions),
  MCP 2025-06-18: one session (\`initialize\`, then \`Mcp-Session-Id\` on every request).
- **catwalk-isolated**: the same in **isolated** session mode (each session its own server process; here one).
- **catwalk-2026**: the shared deployment over the **2026-07-28 stateless path**: no \`initialize\` and no session,
  every request a POST with \`MCP-Protocol-Version: 2026-07-28\`, \`Mcp-Method: tools/call\`, \`Mcp-Name: echo\` and
  \`params._meta\` holding the protocol version and the client capabilities; a call counts when its
  \`result.resultType\` is \`complete\`. supergateway 4.0.0 has no such target: it passes 2026-07-28 requests only
  to a child that speaks 2026-07-28 itself, which server-everything does not, so its ratio is against
  supergateway's 2025 path.
- **catwalk-runner**: Catwalk's Fly runtime on this host, the path a request takes on Fly: the gateway
  (\`catwalk serve\` configured for Fly against a stub of the Machines API, \`BenchFlyStub\` in bootstrap's tests)
  forwards each request over HTTP/1.1 to a real \`catwalk runner\` (started with the environment the gateway gave
  the machine), which serves the deployment (shared mode) to the server. Its CPU per call is the gateway's plus the
  runner's (each shown in brackets). The gateway passes its limits (\`CATWALK_MAX_INFLIGHT_PER_SESSION\` among them)
  on to the machine's runner.
- **supergateway**: supergateway 4.0.0 \`--stateful\`, MCP 2025-06-18, one session.

Each HTTP target is measured with each client (a fresh gateway each time; catwalk and supergateway with
\`${CLIENTS}\`, the other Catwalk targets with \`${NEW_CLIENTS}\`), one HTTP/1.1 connection per worker: \`jdk\` is
\`java.net.http.HttpClient\`, \`socket\` is McpLoad's minimal blocking-socket client, which needs far less CPU per
request, \`node\` is \`bench/load/mcp-load.mjs\` on Node 22 with undici (the HTTP stack behind Node's \`fetch\`, which
the TypeScript MCP SDK uses), the same protocol steps as McpLoad on one event loop. Catwalk runs with
\`CATWALK_MAX_INFLIGHT_PER_SESSION=1024\` (the default, 100, would refuse most of 256 concurrent calls in one session).

*gateway CPU µs/call*: the gateway process's own utime + stime (\`/proc/<pid>/stat\`, clock ticks of
$(getconf CLK_TCK) Hz; Catwalk's JVM, supergateway's node process, not the server below them, not the generator),
read by the generator when the measured window opens and when it closes (not during warm-up or the discarded 2 s),
divided by the calls in the window. Direct stdio has no gateway (—).
$([[ -z ${LOAD_OPTS:-} ]] || echo "Generator options for this run: \`$LOAD_OPTS\`.")

\`\`\`sh
# direct
java bench/load/McpLoad.java --levels $LEVELS --label direct stdio $STDIO_COMMAND
# catwalk and catwalk-2026, for each client c (deployments file: {"deployments":[{"id":"echo","command":[<node>,
#          <server>,"stdio"],"sessionMode":"shared","token":"bench-token-0123456789"}]}); catwalk-isolated the same
#          with "sessionMode":"isolated"
CATWALK_HOME=target/bench/catwalk-home CATWALK_SANDBOX=off CATWALK_PORT=<p> CATWALK_MAX_INFLIGHT_PER_SESSION=1024 \\
  CATWALK_DEPLOYMENTS_FILE=target/bench/deployments.json CATWALK_LOG_LEVEL=warn java -jar bootstrap/target/catwalk.jar serve
java bench/load/McpLoad.java --client <c> --levels $LEVELS --era 2025 --label catwalk/<c> --gateway-pid <Catwalk's pid> \\
  http http://127.0.0.1:<p>/mcp/echo bench-token-0123456789      # c = jdk, socket; --era 2026 for catwalk-2026
$NODE bench/load/mcp-load.mjs --levels $LEVELS --era 2025 --label catwalk/node --gateway-pid <Catwalk's pid> \\
  http http://127.0.0.1:<p>/mcp/echo bench-token-0123456789      # c = node
# catwalk-runner: the Machines API stub, the gateway for Fly, a deployment through the API, the machine's runner
java -cp <bootstrap's test class path> live.catwalk.bootstrap.BenchFlyStub target/bench/machine.env <r>  # fly_api=<u>
FLY_API_TOKEN=bench-fly-token CATWALK_FLY_APP=catwalk-runners CATWALK_FLY_IMAGE=registry.fly.io/catwalk-runners:bench \\
  CATWALK_RUNNER_KEY=<32+ characters> CATWALK_FLY_API_URL=<u> CATWALK_FLY_RUNNER_URL='http://127.0.0.1:<r>?machine={machine}' \\
  CATWALK_ADMIN_TOKEN_FILE=target/bench/admin-token <the catwalk variables above> java -jar bootstrap/target/catwalk.jar serve
curl -X POST http://127.0.0.1:<p>/api/deployments -H "Authorization: Bearer <admin token>" \\
  -d '{"name":"echo","command":[<node>,<server>,"stdio"],"sessionMode":"shared"}'      # -> <id>, <token>
(set -a; . target/bench/machine.env; java -jar bootstrap/target/catwalk.jar runner)    # once the stub wrote it
java bench/load/McpLoad.java --client <c> --levels $RUNNER_LEVELS --gateway-pid <Catwalk's pid>,<the runner's pid> \\
  http http://127.0.0.1:<p>/mcp/<id> <token>
# supergateway, for each client c
$NODE .test-tools/node_modules/supergateway/dist/index.js --stdio "$STDIO_COMMAND" \\
  --outputTransport streamableHttp --stateful --port <q> --logLevel none
java bench/load/McpLoad.java --client <c> --levels $LEVELS --label supergateway/<c> --gateway-pid <supergateway's pid> \\
  http http://127.0.0.1:<q>/mcp bench-token-0123456789           # and mcp-load.mjs as above for node
\`\`\`

## Results
$([[ -z ${FAILED:-} || ! -s $FAILED ]] || awk -F'\t' 'BEGIN { printf "\n**Not measured:**" }
  { printf "%s %s (%s)", (NR > 1 ? ";" : ""), $1, $2 } END { print "; see their logs in target/bench." }' "$FAILED")

| target | concurrency | requests | errors | req/s | p50 µs | p90 µs | p99 µs | max µs | gateway CPU µs/call |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
$(awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9,
  ($10 == "" || $10 == "-") ? "—" : $10 ($11 == "" || $11 == "n/a" ? "" : " (" $11 ")")}' "$results")

## Ratios

Req/s against supergateway's with the same client at the same concurrency (its 2025 path for catwalk-2026) and
against direct stdio's; *added p50* is the target's p50 minus direct stdio's at the same concurrency.

| target | concurrency | ÷ supergateway req/s | ÷ direct req/s | added p50 over direct µs |
|---|--:|--:|--:|--:|
$(awk -F'\t' 'NR == FNR { if ($1 == "direct") { dr[$2] = $5; dp[$2] = $6 }
                          if ($1 ~ /^supergateway\//) { split($1, l, "/"); sg[l[2] SUBSEP $2] = $5 }; next }
  function r(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "—" }
  $1 != "direct" { split($1, l, "/"); s = $1 ~ /^supergateway\// ? "—" : r($5, sg[l[2] SUBSEP $2])
    printf "| %s | %s | %s | %s | %s |\n", $1, $2, s, r($5, dr[$2]), ($2 in dp) && $4 < $3 ? $6 - dp[$2] : "—" }' \
  "$results" "$results")

## Goals (issue #17)

Each Catwalk target against the goals (the runner's CPU is the gateway's and the runner's together). The other
goals of issue #17 (10,000 idle sessions ≤ 256 MiB heap, cold start ≤ the child's own start + 150 ms) are the
extra measurements' below, when they ran.

EOF
catwalks=$(awk -F'\t' '$1 ~ /^catwalk/ { split($1, l, "/"); if (!(l[1] in seen)) { seen[l[1]]; print l[1] } }' "$results")
cell() { # measured value (empty: not measured), limit, le|ge, what to show as measured
  awk -v v="$1" -v limit="$2" -v op="$3" -v how="$4" 'BEGIN {
    if (v == "" || v == "-" || v == "n/a") { printf " — |"; exit }
    met = op == "le" ? v + 0 <= limit + 0 : v + 0 >= limit + 0
    printf " %s **%s** |", how, met ? "met" : "not met" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }'; }
row() { # goal text, then a function printing one target's cell
  local t
  printf '| %s |' "$1"
  for t in $catwalks; do "$2" "$t"; done
  echo
}
printf '| goal |'; for t in $catwalks; do printf ' %s |' "$t"; done; echo
printf '|---|'; for t in $catwalks; do printf -- '---|'; done; echo
cpu_at() { local v; v=$(value "$1/node" "$level" 10); cell "$v" "$limit" le "$v µs"; }
speed_at() {
  local r
  r=$(ratio "$(value "$1/$client" 64 5)" "$(value "supergateway/$client" 64 5)")
  cell "$r" "$limit" ge "$r×"
}
added_at() {
  local p d
  p=$(value "$1/$client" 1 6)
  d=$(value direct 1 6)
  cell "$([[ -n $p && -n $d ]] && echo $((p - d)))" 150 le "$([[ -n $p && -n $d ]] && echo $((p - d))) µs"
}
level=1 limit=150 row "gateway CPU per call at concurrency 1 ≤ 150 µs (node client)" cpu_at
level=64 limit=50 row "gateway CPU per call at concurrency 64 ≤ 50 µs (node client)" cpu_at
client=socket limit=10 row "req/s at concurrency 64 ≥ 10× supergateway's (socket client)" speed_at
client=node limit=5 row "req/s at concurrency 64 ≥ 5× supergateway's (node client)" speed_at
for client in $CLIENTS; do
  row "added p50 over direct stdio at concurrency 1 ≤ 150 µs ($client client)" added_at
done
sg_cpu1=$(value supergateway/node 1 10)
sg_cpu64=$(value supergateway/node 64 10)
sg_p50=$(value supergateway/socket 1 6)
direct_p50=$(value direct 1 6)
cat <<EOF

For comparison, supergateway's CPU per call with the node client: ${sg_cpu1:-?} µs at 1, ${sg_cpu64:-?} µs at 64;
its added p50 at 1 with the socket client: $([[ -n $sg_p50 && -n $direct_p50 ]] && echo $((sg_p50 - direct_p50)) || echo ?) µs.
EOF

echo
echo "## Extra measurements"
echo
if [[ -z $extra_dir || ! -s $extra_dir/times.tsv ]]; then
  echo "None ran (no \`bench/extra/*.sh\`, or \`BENCH_EXTRA\` named none of them)."
else
  awk -F'\t' 'BEGIN { printf "Run after the load targets:" }
    { printf "%s `bench/extra/%s.sh` (%d min %d s%s)", (NR > 1 ? ";" : ""), $1, $2 / 60, $2 % 60,
      $3 == 0 ? "" : ", failed: exit status " $3 } END { print "." }' "$extra_dir/times.tsv"
  while IFS=$'\t' read -r name _ _; do
    echo
    cat "$extra_dir/$name.md"
  done <"$extra_dir/times.tsv"
fi
