#!/usr/bin/env bash
# Writes bench/run.sh's markdown report to stdout from the generator's results and the CPU others took:
#
#   bench/report.sh results.tsv others.tsv
#
# results.tsv: label, concurrency, requests, errors, req/s, p50, p90, p99, max (us), gateway CPU per call (us, '-' for
#              none), as McpLoad --tsv and mcp-load.mjs --tsv write it.
# others.tsv:  label, CPU seconds other processes took during that target's run, CPU seconds available, percent.
# run.sh passes JAVA, NODE, SERVER, STDIO_COMMAND, LOAD_BEFORE, LOAD_AFTER, RUN_TIME (seconds), NOTE, UNDICI (its
# package folder), LOAD_OPTS, CATWALK_OPTS and CLIENTS (the HTTP clients measured) in the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
results=$1
others=$2
value() { awk -F'\t' -v l="$1" -v c="$2" -v f="$3" '$1==l && $2==c {print $f}' "$results"; }
note_block=
[[ -z ${NOTE:-} ]] || printf -v note_block '> **%s**\n\n' "$NOTE"
busy=$(awk -F'\t' '$4 > 10 {print "yes"}' "$others" | head -1)

cat <<EOF
# Benchmark: \`tools/call echo\` direct over stdio, through Catwalk and through supergateway

${note_block}Measured by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' || echo ' (with uncommitted changes)');
the measurements took $((RUN_TIME / 60)) min $((RUN_TIME % 60)) s (without the build).
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
- Catwalk $("$JAVA" -jar bootstrap/target/catwalk.jar --version | sed 's/^catwalk //'), \`bootstrap/target/catwalk.jar\`, session mode \`shared\`$([[ -z ${CATWALK_OPTS:-} ]] || echo ", JVM options \`$CATWALK_OPTS\`")
- The stdio server: \`$SERVER\`
- @modelcontextprotocol/server-everything $(sed -n 's/^  "version": "\(.*\)",/\1/p' .test-tools/node_modules/@modelcontextprotocol/server-everything/package.json), supergateway $(sed -n 's/^  "version": "\(.*\)",/\1/p' .test-tools/node_modules/supergateway/package.json), undici $(sed -n 's/^  "version": "\(.*\)",/\1/p' "$UNDICI/package.json") (pinned in \`test-tools/package.json\`)

## Commands

One MCP session per target; workers send \`tools/call\` \`{"name":"echo","arguments":{"message":"hi"}}\` back to back.
The generators' defaults: warm-up 30 s split across the levels, then per level 2 s discarded and 10 s measured;
latencies in microseconds. direct multiplexes the workers by id over the server's one stdin/stdout pipe. Each HTTP
target is measured with each client (a fresh gateway process each time), one HTTP/1.1 connection per worker: \`jdk\`
is \`java.net.http.HttpClient\`, \`socket\` is McpLoad's minimal blocking-socket client, which needs far less CPU per
request, \`node\` is \`bench/load/mcp-load.mjs\` on Node 22 with undici (the HTTP stack behind Node's \`fetch\`, which
the TypeScript MCP SDK uses), the same protocol steps as McpLoad on one event loop.

*gateway CPU µs/call*: the gateway process's own utime + stime (\`/proc/<pid>/stat\`, clock ticks of
$(getconf CLK_TCK) Hz; Catwalk's JVM, supergateway's node process, not the server below them, not the generator),
read by the generator when the measured window opens and when it closes (not during warm-up or the discarded 2 s),
divided by the calls in the window. Direct stdio has no gateway (—).
$([[ -z ${LOAD_OPTS:-} ]] || echo "Generator options for this run: \`$LOAD_OPTS\`.")

\`\`\`sh
# direct
java bench/load/McpLoad.java --label direct stdio $STDIO_COMMAND
# catwalk, for each client c (deployments file: {"deployments":[{"id":"echo","command":[<node>,<server>,"stdio"],
#          "sessionMode":"shared","token":"bench-token-0123456789"}]})
CATWALK_HOME=target/bench/catwalk-home CATWALK_SANDBOX=off CATWALK_PORT=<p> \\
  CATWALK_DEPLOYMENTS_FILE=target/bench/deployments.json CATWALK_LOG_LEVEL=warn java -jar bootstrap/target/catwalk.jar serve
java bench/load/McpLoad.java --client <c> --label catwalk/<c> --gateway-pid <Catwalk's pid> \\
  http http://127.0.0.1:<p>/mcp/echo bench-token-0123456789      # c = jdk, socket
$NODE bench/load/mcp-load.mjs --label catwalk/node --gateway-pid <Catwalk's pid> \\
  http http://127.0.0.1:<p>/mcp/echo bench-token-0123456789      # c = node
# supergateway, for each client c
$NODE .test-tools/node_modules/supergateway/dist/index.js --stdio "$STDIO_COMMAND" \\
  --outputTransport streamableHttp --stateful --port <q> --logLevel none
java bench/load/McpLoad.java --client <c> --label supergateway/<c> --gateway-pid <supergateway's pid> \\
  http http://127.0.0.1:<q>/mcp bench-token-0123456789           # and mcp-load.mjs as above for node
\`\`\`

## Results

| target | concurrency | requests | errors | req/s | p50 µs | p90 µs | p99 µs | max µs | gateway CPU µs/call |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
$(awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9,
  ($10 == "" || $10 == "-") ? "—" : $10}' "$results")

## Ratios

| client | concurrency | Catwalk ÷ supergateway req/s | Catwalk ÷ direct req/s | supergateway ÷ direct req/s |
|---|--:|--:|--:|--:|
EOF
for client in $CLIENTS; do
  for c in $(awk -F'\t' -v l="catwalk/$client" '$1==l {print $2}' "$results"); do
    awk -v client="$client" -v c="$c" -v cw="$(value "catwalk/$client" "$c" 5)" \
      -v sg="$(value "supergateway/$client" "$c" 5)" -v d="$(value direct "$c" 5)" \
      'function r(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
       BEGIN { printf "| %s | %s | %s | %s | %s |\n", client, c, r(cw, sg), r(cw, d), r(sg, d) }'
  done
done
cat <<EOF

## Goals (issue #11)

| goal | measured | |
|---|---|---|
EOF
goal() { # text, measured value (empty: not measured), limit, le|ge, what to show as measured
  awk -v text="$1" -v v="$2" -v limit="$3" -v op="$4" -v how="$5" 'BEGIN {
    if (v == "" || v == "-" || v == "n/a") { printf "| %s | not measured | — |\n", text; exit }
    met = op == "le" ? v + 0 <= limit + 0 : v + 0 >= limit + 0
    printf "| %s | %s | **%s** |\n", text, how, met ? "met" : "not met" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }'; }
cpu_goal() { # concurrency, limit
  local v sg
  v=$(value catwalk/node "$1" 10)
  sg=$(value supergateway/node "$1" 10)
  goal "Catwalk's CPU per call at concurrency $1 ≤ $2 µs (Node client)" "$v" "$2" le \
    "**$v µs** (supergateway: ${sg:-?} µs)"
}
speed_goal() { # client, factor
  local r
  r=$(ratio "$(value "catwalk/$1" 64 5)" "$(value "supergateway/$1" 64 5)")
  goal "req/s at concurrency 64 ≥ $2× supergateway's ($1 client)" "$r" "$2" ge \
    "**$r×** ($(value "catwalk/$1" 64 5) vs $(value "supergateway/$1" 64 5) req/s)"
}
cpu_goal 1 150
cpu_goal 64 50
speed_goal socket 10
speed_goal node 5
for client in $CLIENTS; do
  cp=$(value "catwalk/$client" 1 6)
  dp=$(value direct 1 6)
  sp=$(value "supergateway/$client" 1 6)
  added=$([[ -n $cp && -n $dp ]] && echo $((cp - dp)) || true)
  goal "added p50 over direct stdio at concurrency 1 ≤ 150 µs ($client client)" "$added" 150 le \
    "**${added:-?} µs** (Catwalk $cp − direct $dp; supergateway adds $([[ -n $sp && -n $dp ]] && echo $((sp - dp)) || echo ?) µs)"
done
