#!/usr/bin/env bash
# Warm-up (issue #17): Catwalk's req/s in consecutive windows of 5,000 tools/call over the first 50,000 calls after a
# fresh start, against its steady state, with the Node client (bench/load/mcp-warmup.mjs, undici) at concurrency 64
# on one shared session of server-everything; then the same with JVM settings that may shorten the warm-up: JDK 25's
# ahead-of-time cache (JEP 483/514/515, one training run first), a dynamic CDS archive (one training run first), C1
# only, C2 only, the Parallel GC. Each start is fresh (new CATWALK_HOME). Prints a markdown section to stdout (progress
# to stderr); raw lines in target/bench/extra/warmup/warmup.tsv. Changes nothing in ./catwalk or the images.
#
#   bench/extra/warmup.sh
#
# Environment: WARMUP_CONFIGS  which settings, default "default aot cds c1 c2 parallel" (aot needs JDK 25+)
#              WARMUP_REPS     starts per setting, alternating settings (default 2; the table shows medians)
#              WARMUP_CALLS / WARMUP_WINDOW / WARMUP_CONCURRENCY  default 50000 / 5000 / 64
#              WARMUP_STEADY_WARMUP / WARMUP_STEADY  seconds of unmeasured load after the windows, then seconds
#                              measured as the steady state (default 30 / 10)
#              WARMUP_TRAIN_CALLS  calls of the training runs for aot and cds (default 30000)
# Takes about 15 minutes with the defaults (6 settings x 2 starts x about 1 min, two training runs).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
read -r -a configs <<<"${WARMUP_CONFIGS:-default aot cds c1 c2 parallel}"
reps=${WARMUP_REPS:-2}
calls=${WARMUP_CALLS:-50000}
window=${WARMUP_WINDOW:-5000}
concurrency=${WARMUP_CONCURRENCY:-64}
steady_warmup=${WARMUP_STEADY_WARMUP:-30}
steady=${WARMUP_STEADY:-10}
train_calls=${WARMUP_TRAIN_CALLS:-30000}
tsv=$work/warmup.tsv
: >"$tsv"
machine=$(machine_line)
started_at=$SECONDS
deployments_file "$work/deployments.json"
url=http://127.0.0.1:$catwalk_port/mcp/echo
if [[ $java_major -lt 25 && " ${configs[*]} " == *" aot "* ]]; then
  say "the AOT cache needs JDK 25 (-XX:AOTCacheOutput); this is $java_major: leaving aot out"
  read -r -a configs <<<"$(printf '%s\n' "${configs[@]}" | grep -vx aot | tr '\n' ' ')"
fi

options() { # config, training (1) or not: the JVM options
  case $1 in
    default) ;;
    aot) [[ ${2:-} == 1 ]] && echo "-XX:AOTCacheOutput=$work/catwalk.aot" || echo "-XX:AOTMode=on -XX:AOTCache=$work/catwalk.aot" ;;
    cds) echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/catwalk.jsa" ;;
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    c2) echo "-XX:-TieredCompilation" ;;
    parallel) echo "-XX:+UseParallelGC" ;;
    *) say "unknown setting $1"; exit 2 ;;
  esac
}
start_catwalk() { # tag, JVM options...: sets pid and ready_ms (process start to the "listening on" log line)
  local tag=$1 log=$work/catwalk-$1.log i line
  shift
  rm -rf "$work/home-$tag"
  CATWALK_HOME=$work/home-$tag CATWALK_SANDBOX=off CATWALK_PORT=$catwalk_port CATWALK_LOG_LEVEL=info \
    CATWALK_DEPLOYMENTS_FILE=$work/deployments.json \
    "$java" ${jvm_base[@]+"${jvm_base[@]}"} "$@" -jar "$jar" serve >"$log" 2>&1 &
  pid=$!
  started+=("$pid")
  await_http "http://127.0.0.1:$catwalk_port/api/health" "$pid" "Catwalk ($tag)"
  line=$(grep -m1 'RestServer: listening on' "$log" | cut -d' ' -f1)
  ready_ms=$(awk -v hz="$hz" -v btime="$(awk '/^btime/ {print $2}' /proc/stat)" \
    -v start="$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f20)" -v at="$(date -d "$line" +%s.%N)" \
    'BEGIN { printf "%d", (at - (btime + start / hz)) * 1000 }')
}
stop_catwalk() { # waits up to 10 min: a training run writes its archive on the way out
  local i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 6000; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  cleanup
}
warm() { # label, calls, steady warm-up, steady: the generator against Catwalk
  TEST_TOOLS=${undici%/node_modules/undici} "$node" bench/load/mcp-warmup.mjs --label "$1" --calls "$2" \
    --window "$window" --concurrency "$concurrency" --steady-warmup "$3" --steady "$4" --gateway-pid "$pid" \
    http "$url" "$token"
}

for config in "${configs[@]}"; do
  [[ $config == aot || $config == cds ]] || continue
  say "$config: a training run ($train_calls calls), then the JVM writes its archive at exit"
  read -r -a opts <<<"$(options "$config" 1)"
  start_catwalk "train-$config" "${opts[@]}"
  warm "train-$config" "$train_calls" 0 0 >/dev/null
  stop_catwalk
  archive=$work/catwalk.$([[ $config == aot ]] && echo aot || echo jsa)
  [[ -s $archive ]] || { say "$config: no archive written; see $work/catwalk-train-$config.log"; exit 1; }
  say "$config: $(du -m "$archive" | cut -f1) MiB archive"
done
for ((rep = 1; rep <= reps; rep++)); do
  for config in "${configs[@]}"; do
    say "$config, start $rep of $reps"
    read -r -a opts <<<"$(options "$config")"
    start_catwalk "$config-$rep" ${opts[@]+"${opts[@]}"}
    printf '%s\tready\t-\t-\t%s\n' "$config" "$ready_ms" >>"$tsv"
    warm "$config" "$calls" "$steady_warmup" "$steady" >>"$tsv"
    stop_catwalk
  done
done
run_time=$((SECONDS - started_at))

# median over the starts of a config: row key ($2), column
med() { awk -F'\t' -v c="$1" -v k="$2" -v f="$3" '$1 == c && $2 == k {print $f}' "$tsv" | stats | cut -d' ' -f1; }
header="| after calls |"
rule="|--:|"
for config in "${configs[@]}"; do header+=" $config |"; rule+="--:|"; done
cat <<EOF
## Warm-up: req/s in windows of $window calls after a fresh start

Measured by \`bench/extra/warmup.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`,
$reps start(s) per setting (medians), $((run_time / 60)) min $((run_time % 60)) s. Machine: $machine.

A fresh Catwalk (deployments file, shared mode, server-everything, \`CATWALK_SANDBOX=off\`) per start; one MCP
session; \`bench/load/mcp-warmup.mjs\` (Node 22, undici) at concurrency $concurrency sends \`tools/call\` echo back to
back; the calls are cut in the order they complete into windows of $window up to $calls, then $steady_warmup s more
load, then $steady s measured as the steady state. Gateway CPU from \`/proc/<pid>/stat\`. aot and cds had one
training run each ($train_calls calls of the same load, archive written when the JVM exits on SIGTERM).

\`\`\`sh
java ${jvm_base[*]} <options> -jar bootstrap/target/catwalk.jar serve       # options per setting, below
node bench/load/mcp-warmup.mjs --concurrency $concurrency --window $window --calls $calls --steady-warmup $steady_warmup \\
  --steady $steady --gateway-pid <pid> http http://127.0.0.1:<p>/mcp/echo <token>
\`\`\`

Settings: $(for c in "${configs[@]}"; do o=$(options "$c" | sed "s#$work/##g"); printf '%s %s; ' "$c" \
  "$([[ -n $o ]] && echo "\`$o\`" || echo '(no options)')"; done | sed 's/; $//')$(
  [[ " ${configs[*]} " == *" aot "* ]] && echo "; the aot training used \`-XX:AOTCacheOutput=catwalk.aot\`").

req/s per window (median of the starts):

$header
$rule
EOF
for ((n = window; n <= calls; n += window)); do
  printf '| %s |' "$n"
  for config in "${configs[@]}"; do printf ' %s |' "$(med "$config" "$((n / window))" 5)"; done
  echo
done
printf '| **steady** |'
for config in "${configs[@]}"; do printf ' **%s** |' "$(med "$config" steady 5)"; done
echo
cat <<EOF

Per setting (medians): the JVM's start to \`RestServer: listening on\` (process start time from \`/proc/<pid>/stat\`
against the log line's time, ±10 ms), the time the first $calls calls took, p99 and gateway CPU per call in the first
window and in the steady state:

| setting | start → listening ms | first $calls calls s | p99 µs first window / steady | gateway CPU µs/call first window / steady |
|---|--:|--:|--:|--:|
EOF
for config in "${configs[@]}"; do
  total=$(for ((r = 1; r <= reps; r++)); do
    awk -F'\t' -v c="$config" -v r="$r" -v steady=steady '$1 == c && $2 == "ready" {n++} n == r && $1 == c &&
      $2 != "ready" && $2 != steady {s += $4} END {print s}' "$tsv"; done | stats | cut -d' ' -f1)
  printf '| %s | %s | %s | %s / %s | %s / %s |\n' "$config" "$(med "$config" ready 5)" "$total" \
    "$(med "$config" 1 7)" "$(med "$config" steady 7)" "$(med "$config" 1 8)" "$(med "$config" steady 8)"
done
awk -F'\t' -v base=default '$2 == "steady" {s[$1] += $5; n[$1]++} $2 == "1" {f[$1] += $5; m[$1]++}
  END {
    if (!(base in n)) exit
    b = s[base] / n[base]; fb = f[base] / m[base]; best = ""; bf = fb
    for (c in m) if (c != base && f[c] / m[c] > bf * 1.1 && s[c] / n[c] >= b * 0.95) { best = c; bf = f[c] / m[c] }
    printf "\nConclusion: the default start reaches %.0f%% of its steady %.0f req/s in the first window; ", 100 * fb / b, b
    if (best == "") print "no setting raised the first window by more than 10 % without losing steady throughput."
    else printf "%s helps most (first window %.0f req/s vs %.0f, steady %.0f).\n", best, bf, fb, s[best] / n[best]
  }' "$tsv"
