#!/usr/bin/env bash
# Where Catwalk's CPU goes under load (issue #17): starts Catwalk (deployments file, one shared deployment of
# server-everything, CATWALK_SANDBOX=off), loads it with McpLoad's socket client at one concurrency, and reads every
# JVM thread's user and kernel CPU time (/proc/<pid>/task/*/stat) and context switches (/proc/<pid>/task/*/status)
# at the start and the end of a window inside the measured load. Prints, per thread group (the thread name without
# its number), CPU µs per call split into user and kernel, and voluntary / involuntary switches per call. Needs what
# bench/extra/lib/common.sh sets up (the jar, .test-tools, a free port). Not part of CI.
#
#   bench/profile-threads.sh [concurrency] [era]      (default 64 and 2025; era 2026 uses the stateless path)
#
# Environment: PROFILE_WARMUP (s, default 40), PROFILE_WINDOW (s, default 10)
source "$(dirname "${BASH_SOURCE[0]}")/extra/lib/common.sh"
concurrency=${1:-64}
era=${2:-2025}
warmup=${PROFILE_WARMUP:-40}
window=${PROFILE_WINDOW:-10}
deployments_file "$work/deployments.json"
CATWALK_HOME=$work/home CATWALK_SANDBOX=off CATWALK_PORT=$catwalk_port CATWALK_LOG_LEVEL=warn \
  CATWALK_MAX_INFLIGHT_PER_SESSION=1024 CATWALK_DEPLOYMENTS_FILE=$work/deployments.json \
  "$java" ${jvm_base[@]+"${jvm_base[@]}"} -jar "$jar" serve >"$work/catwalk.log" 2>&1 &
pid=$!
started+=("$pid")
await_http "http://127.0.0.1:$catwalk_port/api/health" "$pid" Catwalk

# thread group, user ticks, system ticks, voluntary and involuntary switches, one line per thread
snapshot() {
  local t
  for t in /proc/"$pid"/task/*; do
    [[ -r $t/stat ]] || continue
    printf '%s\t%s\t%s\t%s\n' "$(sed -E 's/\([0-9]+\)$//; s/[-#]?[0-9]+$//' "$t/comm" | tr ' ' '_')" \
      "$(sed 's/^.*) //' "$t/stat" | awk '{print $12 "\t" $13}')" \
      "$(awk '/^voluntary_ctxt_switches/ {v=$2} /^nonvoluntary_ctxt_switches/ {n=$2} END {print v}' "$t/status")" \
      "$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$t/status")"
  done
}
"$java" bench/load/McpLoad.java --client socket --era "$era" --levels "$concurrency" --warmup "$warmup" \
  --duration $((window + 6)) http "http://127.0.0.1:$catwalk_port/mcp/echo" "$token" >"$work/load.txt" 2>"$work/load.log" &
load=$!
sleep $((warmup + 4))
snapshot >"$work/before.tsv"
start=$(date +%s%N)
sleep "$window"
snapshot >"$work/after.tsv"
end=$(date +%s%N)
wait "$load"
rate=$(awk -v c="$concurrency" '$2 == c {print $5}' "$work/load.txt" | tail -1)
echo "Catwalk at concurrency $concurrency, era $era, socket client: $rate req/s (McpLoad, $((window + 6)) s measured);"
echo "window of $(((end - start) / 1000000)) ms; CPU µs per call (100 Hz ticks) and switches per call by thread group:"
echo
awk -F'\t' -v rate="$rate" -v ms="$(((end - start) / 1000000))" '
  NR == FNR { u[$1] -= $2; s[$1] -= $3; v[$1] -= $4; n[$1] -= $5; next }
  { u[$1] += $2; s[$1] += $3; v[$1] += $4; n[$1] += $5 }
  END {
    calls = rate * ms / 1000
    printf "| thread group | user µs/call | kernel µs/call | voluntary switches/call | involuntary/call |\n"
    printf "|---|--:|--:|--:|--:|\n"
    for (g in u) if (u[g] + s[g] > 0 || v[g] > calls / 100) {
      printf "| %s | %.1f | %.1f | %.2f | %.2f |\n", g, u[g] * 10000 / calls, s[g] * 10000 / calls, v[g] / calls, n[g] / calls
      tu += u[g]; ts += s[g]; tv += v[g]; tn += n[g]
    }
    printf "| **all** | **%.1f** | **%.1f** | **%.2f** | **%.2f** |\n", tu * 10000 / calls, ts * 10000 / calls, tv / calls, tn / calls
  }' "$work/before.tsv" "$work/after.tsv" | (read -r h; read -r d; echo "$h"; echo "$d"; sort -t'|' -k3 -rn)
