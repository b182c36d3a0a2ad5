#!/usr/bin/env bash
# Writes bench/run.sh's markdown report to stdout from the generator's results and the CPU others took:
#
#   bench/report.sh results.tsv others.tsv
#
# results.tsv: label, concurrency, requests, errors, req/s, p50, p90, p99, max (us), as McpLoad --tsv writes it.
# others.tsv:  label, CPU seconds other processes took during that target's run, CPU seconds available, percent.
# run.sh passes JAVA, NODE, SERVER, STDIO_COMMAND, LOAD_BEFORE, LOAD_AFTER, LOAD_OPTS, CATWALK_OPTS and CLIENTS
# (the HTTP clients measured) in the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
results=$1
others=$2
value() { awk -F'\t' -v l="$1" -v c="$2" -v f="$3" '$1==l && $2==c {print $f}' "$results"; }
busy=$(awk -F'\t' '$4 > 10 {print "yes"}' "$others" | head -1)

cat <<EOF
# Benchmark: \`tools/call echo\` direct over stdio, through Catwalk and through supergateway

Measured by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' || echo ' (with uncommitted changes)').
Re-run with \`bench/run.sh [report.md]\`; the load generator is \`bench/load/McpLoad.java\` (run it without arguments
for its usage).

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
- Node (server-everything and supergateway): $("$NODE" --version)
- Catwalk $("$JAVA" -jar bootstrap/target/catwalk.jar --version | sed 's/^catwalk //'), \`bootstrap/target/catwalk.jar\`, session mode \`shared\`$([[ -z ${CATWALK_OPTS:-} ]] || echo ", JVM options \`$CATWALK_OPTS\`")
- The stdio server: \`$SERVER\`
- @modelcontextprotocol/server-everything $(sed -n 's/^  "version": "\(.*\)",/\1/p' .test-tools/node_modules/@modelcontextprotocol/server-everything/package.json), supergateway $(sed -n 's/^  "version": "\(.*\)",/\1/p' .test-tools/node_modules/supergateway/package.json) (pinned in \`test-tools/package.json\`)

## Commands

One MCP session per target; workers send \`tools/call\` \`{"name":"echo","arguments":{"message":"hi"}}\` back to back.
McpLoad's defaults: warm-up 30 s split across the levels, then per level 2 s discarded and 10 s measured; latencies
in microseconds. direct multiplexes the workers by id over the server's one stdin/stdout pipe. Each HTTP target is
measured with each client (a fresh gateway process each time), one HTTP/1.1 connection per worker: \`jdk\` is
\`java.net.http.HttpClient\`, \`socket\` is McpLoad's minimal blocking-socket client, which needs far less CPU per
request.
$([[ -z ${LOAD_OPTS:-} ]] || echo "Generator options for this run: \`$LOAD_OPTS\`.")

\`\`\`sh
# direct
java bench/load/McpLoad.java --label direct stdio $STDIO_COMMAND
# catwalk, for each client c (deployments file: {"deployments":[{"id":"echo","command":[<node>,<server>,"stdio"],
#          "sessionMode":"shared","token":"bench-token-0123456789"}]})
CATWALK_PORT=<p> CATWALK_DEPLOYMENTS_FILE=target/bench/deployments.json CATWALK_LOG_LEVEL=warn \\
  java -jar bootstrap/target/catwalk.jar serve
java bench/load/McpLoad.java --client <c> --label catwalk/<c> http http://127.0.0.1:<p>/mcp/echo bench-token-0123456789
# supergateway, for each client c
$NODE .test-tools/node_modules/supergateway/dist/index.js --stdio "$STDIO_COMMAND" \\
  --outputTransport streamableHttp --stateful --port <q> --logLevel none
java bench/load/McpLoad.java --client <c> --label supergateway/<c> http http://127.0.0.1:<q>/mcp bench-token-0123456789
\`\`\`

## Results

| target | concurrency | requests | errors | req/s | p50 µs | p90 µs | p99 µs | max µs |
|---|--:|--:|--:|--:|--:|--:|--:|--:|
$(awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$results")

## Ratios and goals

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
echo
for client in $CLIENTS; do
  awk -v client="$client" -v cw="$(value "catwalk/$client" 64 5)" -v sg="$(value "supergateway/$client" 64 5)" \
    -v cp="$(value "catwalk/$client" 1 6)" -v dp="$(value direct 1 6)" -v sp="$(value "supergateway/$client" 1 6)" '
    BEGIN {
      if (sg > 0) printf "- %s client, goal at least 10× supergateway'"'"'s req/s at concurrency 64: **%.2f×** (%.0f vs %.0f req/s), %s.\n",
          client, cw / sg, cw, sg, cw >= 10 * sg ? "**met**" : "**not met**"
      if (dp != "" && cp != "") printf "- %s client, goal under 300 µs added p50 over direct stdio at concurrency 1: Catwalk p50 − direct p50 = %d − %d = **%d µs**, %s (supergateway adds %d µs).\n",
          client, cp, dp, cp - dp, cp - dp < 300 ? "**met**" : "**not met**", sp - dp
    }'
done
