#!/usr/bin/env bash
# Memory per idle session (issue #17): Catwalk's heap after a full GC and its RSS with 0 and with 10,000 idle MCP
# sessions (initialize + notifications/initialized each, then nothing) on one shared deployment of server-everything,
# per session, against the goal of 10,000 idle sessions in 256 MiB of heap; and supergateway 4.0.0 --stateful, which
# starts a server process per session, measured with a few sessions and extrapolated. Sessions are opened and pinged
# by bench/load/McpProbe.java. Prints a markdown section to stdout (progress to stderr).
#
#   bench/extra/idle-sessions.sh
#
# Environment: IDLE_SESSIONS     Catwalk's sessions (default 10000; CATWALK_MAX_SESSIONS is raised to fit)
#              IDLE_SG_SESSIONS  supergateway's sessions (default 20: one Node process each)
#              IDLE_CONCURRENCY  client threads opening sessions (default 16)
# Takes about 2 minutes with the defaults.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
sessions=${IDLE_SESSIONS:-10000}
sg_sessions=${IDLE_SG_SESSIONS:-20}
concurrency=${IDLE_CONCURRENCY:-16}
warm=200 # sessions opened and closed before the baseline, so that their classes are loaded and compiled
machine=$(machine_line)
started_at=$SECONDS
deployments_file "$work/deployments.json"
probe() { "$java" bench/load/McpProbe.java sessions --concurrency "$concurrency" "$@"; }
kib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; } # KiB to MiB
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
pss_kib() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
heap() { # pid: "used committed live" in KiB after full GCs (live: the class histogram's total, itself a full GC)
  local used committed
  "$java_home/bin/jcmd" "$1" GC.run >/dev/null
  sleep 1
  "$java_home/bin/jcmd" "$1" GC.class_histogram >"$work/histogram-$2.txt"
  read -r used committed <<<"$("$java_home/bin/jcmd" "$1" GC.heap_info | awk '/heap/ && /used/ {
    for (i = 1; i <= NF; i++) { if ($i == "used") u = $(i + 1); if ($i == "committed") c = $(i + 1) }
    gsub(/[K,]/, "", u); gsub(/[K,]/, "", c); print u, c; exit }')"
  echo "$used $committed $(awk '/^Total/ {printf "%d", $3 / 1024}' "$work/histogram-$2.txt")"
}

say "Catwalk: one shared deployment, CATWALK_MAX_SESSIONS=$((sessions + warm + 100))"
CATWALK_HOME=$work/home CATWALK_SANDBOX=off CATWALK_PORT=$catwalk_port CATWALK_LOG_LEVEL=warn \
  CATWALK_DEPLOYMENTS_FILE=$work/deployments.json CATWALK_MAX_SESSIONS=$((sessions + warm + 100)) \
  "$java" ${jvm_base[@]+"${jvm_base[@]}"} -jar "$jar" serve >"$work/catwalk.log" 2>&1 &
cw=$!
started+=("$cw")
await_http "http://127.0.0.1:$catwalk_port/api/health" "$cw" Catwalk
url=http://127.0.0.1:$catwalk_port/mcp/echo
say "Catwalk: $warm sessions opened and closed (warm-up), then the baseline"
probe open "$url" "$token" "$warm" "$work/warm.ids" >&2
probe close "$url" "$token" "$work/warm.ids" >&2
read -r base_used base_committed base_live <<<"$(heap "$cw" 0)"
base_rss=$(rss_kib "$cw")
child=$(pgrep -P "$cw" | head -1)
base_child=$(rss_kib "$child")
say "Catwalk: opening $sessions sessions"
read -r _ opened open_s <<<"$(probe open "$url" "$token" "$sessions" "$work/idle.ids")"
read -r used committed live <<<"$(heap "$cw" "$sessions")"
rss=$(rss_kib "$cw")
child_rss=$(rss_kib "$child")
say "Catwalk: pinging the sessions (still there?)"
read -r _ alive _ <<<"$(probe check "$url" "$token" "$work/idle.ids")"
health=$(curl -s "http://127.0.0.1:$catwalk_port/api/health" | sed -n 's/.*"detail":"\([^"]*sessions\)".*/\1/p')
cleanup

say "supergateway --stateful: baseline, then $sg_sessions sessions"
"$node" "$supergateway" --stdio "$node $everything stdio" --outputTransport streamableHttp --stateful \
  --port "$supergateway_port" --logLevel none >"$work/supergateway.log" 2>&1 &
sg=$!
started+=("$sg")
await_http "http://127.0.0.1:$supergateway_port/" "$sg" supergateway
sg_url=http://127.0.0.1:$supergateway_port/mcp
tree_sum() { # kind (rss or pss): KiB over supergateway and every process below it; and their count
  local p total=0 n=0
  for p in $sg $(descendants "$sg"); do total=$((total + $("${1}_kib" "$p"))); n=$((n + 1)); done
  echo "$total $n"
}
probe open "$sg_url" x 2 "$work/sg-warm.ids" >&2
probe close "$sg_url" x "$work/sg-warm.ids" >&2
sleep 1
read -r sg_base_rss sg_base_n <<<"$(tree_sum rss)"
read -r sg_base_pss _ <<<"$(tree_sum pss)"
read -r _ sg_opened _ <<<"$(probe open "$sg_url" x "$sg_sessions" "$work/sg.ids")"
sleep 2
read -r sg_rss sg_n <<<"$(tree_sum rss)"
read -r sg_pss _ <<<"$(tree_sum pss)"
read -r _ sg_alive _ <<<"$(probe check "$sg_url" x "$work/sg.ids")"
cleanup
run_time=$((SECONDS - started_at))

per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (n > 0 ? (a - b) * 1024 / n : 0) }'; } # bytes
at10k=$(awk -v b="$base_used" -v u="$used" -v n="$opened" 'BEGIN { printf "%.1f", (b + (u - b) * 10000 / n) / 1024 }')
cat <<EOF
## Memory per idle session

Measured by \`bench/extra/idle-sessions.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`,
$((run_time / 60)) min $((run_time % 60)) s. Machine: $machine.

Catwalk (\`CATWALK_SANDBOX=off\`, deployments file, one shared deployment of server-everything,
\`CATWALK_MAX_SESSIONS=$((sessions + warm + 100))\`, default heap settings): $warm sessions opened and closed first
(warm-up), then the baseline; then $sessions sessions opened from $concurrency threads (\`initialize\` +
\`notifications/initialized\`, then idle; $opened opened in $open_s s), measured, then each pinged: **$alive of
$opened answered** (health: ${health:-?}). Heap: \`jcmd <pid> GC.run\`, then \`GC.class_histogram\` (live objects,
itself after a full GC) and \`GC.heap_info\` (used and committed); RSS: \`VmRSS\` of \`/proc/<pid>/status\`.

\`\`\`sh
CATWALK_SANDBOX=off CATWALK_DEPLOYMENTS_FILE=<file> CATWALK_MAX_SESSIONS=$((sessions + warm + 100)) java -jar bootstrap/target/catwalk.jar serve
java bench/load/McpProbe.java sessions --concurrency $concurrency open http://127.0.0.1:<p>/mcp/echo <token> $sessions ids.txt
jcmd <pid> GC.run; jcmd <pid> GC.class_histogram; jcmd <pid> GC.heap_info; grep VmRSS /proc/<pid>/status
java bench/load/McpProbe.java sessions check http://127.0.0.1:<p>/mcp/echo <token> ids.txt
\`\`\`

| Catwalk | sessions | heap used after GC MiB | live objects MiB | heap committed MiB | JVM RSS MiB | server's RSS MiB |
|---|--:|--:|--:|--:|--:|--:|
| baseline | 0 | $(kib "$base_used") | $(kib "$base_live") | $(kib "$base_committed") | $(kib "$base_rss") | $(kib "$base_child") |
| idle sessions | $opened | $(kib "$used") | $(kib "$live") | $(kib "$committed") | $(kib "$rss") | $(kib "$child_rss") |
| **per session, bytes** | | **$(per "$used" "$base_used" "$opened")** | $(per "$live" "$base_live" "$opened") | | $(per "$rss" "$base_rss" "$opened") | |

Largest growth by class (live objects, $opened sessions against the baseline; G1's filler arrays left out):

| class | instances | bytes | bytes per session |
|---|--:|--:|--:|
EOF
awk -v n="$opened" 'FNR == 1 {f++} $1 ~ /^[0-9]+:$/ && $4 !~ /FillerElement/ {
    if (f == 1) { bi[$4] = $2; bb[$4] = $3 } else { i[$4] = $2 - bi[$4]; b[$4] = $3 - bb[$4] } }
  END { for (c in b) printf "%d\t%s\t%d\t%.0f\n", b[c], c, i[c], b[c] / n }' \
  "$work/histogram-0.txt" "$work/histogram-$sessions.txt" | sort -rn |
  awk -F'\t' 'NR <= 10 {printf "| `%s` | %s | %s | %s |\n", $2, $3, $1, $4}'
# supergateway: per session (MiB) and extrapolated to 10,000 sessions (GiB, processes)
sg_per() { awk -v a="$1" -v b="$2" -v n="$sg_opened" 'BEGIN { printf "%.1f", (a - b) / 1024 / n }'; }
sg_10k() { awk -v a="$1" -v b="$2" -v n="$sg_opened" -v d="$3" 'BEGIN { printf "%.0f", (b + (a - b) * 10000 / n) / d }'; }
if [[ $opened -ge 10000 ]]; then
  goal_text="**$(kib "$used") MiB** heap used after GC with $opened sessions"
else
  goal_text="**$at10k MiB**, *extrapolated* from $opened sessions"
fi
cat <<EOF

| supergateway --stateful | sessions | processes | RSS sum MiB | PSS sum MiB |
|---|--:|--:|--:|--:|
| baseline | 0 | $sg_base_n | $(kib "$sg_base_rss") | $(kib "$sg_base_pss") |
| idle sessions ($sg_alive of $sg_opened answered a ping) | $sg_opened | $sg_n | $(kib "$sg_rss") | $(kib "$sg_pss") |
| **per session** | | | **$(sg_per "$sg_rss" "$sg_base_rss") MiB** | $(sg_per "$sg_pss" "$sg_base_pss") MiB |
| *10,000 sessions, extrapolated (not measured)* | *10,000* | *$(sg_10k "$sg_n" "$sg_base_n" 1)* | \
*$(sg_10k "$sg_rss" "$sg_base_rss" 1048576) GiB* | *$(sg_10k "$sg_pss" "$sg_base_pss" 1048576) GiB* |

supergateway starts each session's server through a shell (two processes per session). RSS counts pages shared
between processes (the Node binary) in each; PSS splits them.

| goal | measured | |
|---|---|---|
| 10,000 idle sessions ≤ 256 MiB heap | $goal_text | **$(awk -v v="$at10k" 'BEGIN { print v <= 256 ? "met" : "not met" }')** |

Conclusion: Catwalk's heap grows by about $(per "$used" "$base_used" "$opened") bytes per idle session \
($(kib "$used") MiB with $opened), against about $(sg_per "$sg_pss" "$sg_base_pss") MiB (PSS) per session for \
supergateway --stateful.
EOF
