#!/usr/bin/env bash
# Cold start (issue #17): how long from a start to the first tools/call answered, for server-everything over stdio on
# its own (the child's own start), behind supergateway 4.0.0 --stateful and behind Catwalk, whose deployment is
# either in a deployments file (the time counts from `java -jar catwalk.jar serve`) or created over the REST API of
# a running Catwalk (the time counts from POST /api/deployments); the deployments-file start also as ./catwalk serve
# runs it, with a dynamic CDS archive (made by the unmeasured first start). Each start is timed by bench/load/McpProbe.java,
# which starts the process itself (time 0) and polls every 5 ms. Prints a markdown section to stdout (progress to
# stderr); writes the raw lines to target/bench/extra/coldstart/coldstart.tsv.
#
#   bench/extra/coldstart.sh
#
# Environment: COLDSTART_REPS  measured starts per target (default 5; one more unmeasured start first warms the page
#                              cache and, for Catwalk, creates its home, so restarts find a database as in production)
#              COLDSTART_CREATES  deployments created one after the other per API start (default 3)
#              CATWALK_BENCH_JAVA_OPTS  extra JVM options for Catwalk (e.g. -XX:AOTCache=...)
# Takes 4-5 minutes with the defaults on a quiet 2-core machine (Catwalk's starts dominate; 8 on a busy one).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
reps=${COLDSTART_REPS:-5}
creates=${COLDSTART_CREATES:-3}
read -r -a extra_opts <<<"${CATWALK_BENCH_JAVA_OPTS:-}"
tsv=$work/coldstart.tsv
: >"$tsv"
machine=$(machine_line)
started_at=$SECONDS
probe() { "$java" bench/load/McpProbe.java coldstart "$@"; }
catwalk_cmd=("$java" ${jvm_base[@]+"${jvm_base[@]}"} ${extra_opts[@]+"${extra_opts[@]}"} -jar "$jar" serve)
# As ./catwalk serve starts it: with a dynamic CDS archive, written when the unmeasured first start exits.
rm -f "$work/catwalk-serve.jsa"
catwalk_cds_cmd=("$java" ${jvm_base[@]+"${jvm_base[@]}"} -XX:+AutoCreateSharedArchive
  "-XX:SharedArchiveFile=$work/catwalk-serve.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
  ${extra_opts[@]+"${extra_opts[@]}"} -jar "$jar" serve)
catwalk_env() { # home: the environment every Catwalk start gets
  echo CATWALK_HOME="$1" CATWALK_SANDBOX=off CATWALK_PORT="$catwalk_port" CATWALK_LOG_LEVEL=info
}
deployments_file "$work/deployments.json"
printf '{"name":"cold-{k}","command":["%s","%s","stdio"],"sessionMode":"shared"}' "$node" "$everything" \
  >"$work/create.json"

for ((rep = 0; rep <= reps; rep++)); do
  tag=$([[ $rep == 0 ]] && echo first || echo rep)
  say "start $rep of $reps (0 is not counted): server-everything over stdio"
  probe --label "direct/$tag" stdio "$node" "$everything" stdio >>"$tsv"
  say "start $rep of $reps: supergateway --stateful"
  probe --label "supergateway/$tag" --ready "Listening on port" --log "$work/supergateway-$rep.log" \
    http "http://127.0.0.1:$supergateway_port/mcp" x -- "$node" "$supergateway" --stdio "$node $everything stdio" \
    --outputTransport streamableHttp --stateful --port "$supergateway_port" --logLevel info >>"$tsv"
  say "start $rep of $reps: Catwalk with a deployments file$([[ $rep == 0 ]] && echo ', fresh home')"
  env $(catwalk_env "$work/home-file") CATWALK_DEPLOYMENTS_FILE="$work/deployments.json" \
    "$java" bench/load/McpProbe.java coldstart --label "catwalk-file/$tag" --ready "listening on http" \
    --log "$work/catwalk-file-$rep.log" http "http://127.0.0.1:$catwalk_port/mcp/echo" "$token" \
    -- "${catwalk_cmd[@]}" >>"$tsv"
  say "start $rep of $reps: Catwalk with a deployments file and ./catwalk's CDS archive"
  env $(catwalk_env "$work/home-cds") CATWALK_DEPLOYMENTS_FILE="$work/deployments.json" \
    "$java" bench/load/McpProbe.java coldstart --label "catwalk-cds/$tag" --ready "listening on http" \
    --log "$work/catwalk-cds-$rep.log" http "http://127.0.0.1:$catwalk_port/mcp/echo" "$token" \
    -- "${catwalk_cds_cmd[@]}" >>"$tsv"
  say "start $rep of $reps: Catwalk, $creates deployments created over the API one after the other"
  env $(catwalk_env "$work/home-api") CATWALK_ADMIN_TOKEN_FILE="$work/admin.token" \
    "$java" bench/load/McpProbe.java coldstart --label "catwalk-api/$tag" --ready "listening on http" \
    --creates "$creates" --log "$work/catwalk-api-$rep.log" api "http://127.0.0.1:$catwalk_port" \
    "$work/admin.token" "$(cat "$work/create.json")" -- "${catwalk_cmd[@]}" >>"$tsv"
done
run_time=$((SECONDS - started_at))

# column: 2 ready, 3 created, 4 initialize answered, 5 first call answered; label: an awk regular expression
cell() {
  local s
  read -r -a s <<<"$(awk -F'\t' -v l="$1" -v c="$2" '$1 ~ l && $c != "-" {print $c}' "$tsv" | stats)"
  [[ ${s[3]} == 0 ]] && { echo "—"; return; }
  [[ ${s[3]} == 1 ]] && { echo "${s[0]}"; return; }
  echo "**${s[0]}** (${s[1]}–${s[2]})"
}
median() { awk -F'\t' -v l="$1" -v c="$2" '$1 ~ l && $c != "-" {print $c}' "$tsv" | stats | cut -d' ' -f1; }
row() { # what, label regexp, origin[, "api": no ready column, it counts from the process's start]
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$([[ ${4:-} == api ]] && echo — || cell "$2" 2)" \
    "$(cell "$2" 3)" "$(cell "$2" 4)" "$(cell "$2" 5)"
}
direct=$(median '^direct/rep$' 5)
api_first=$(median '^catwalk-api/rep#1$' 5)
api_later=$(median '^catwalk-api/rep#([2-9]|[1-9][0-9])$' 5)
file=$(median '^catwalk-file/rep$' 5)
sg=$(median '^supergateway/rep$' 5)
verdict() { awk -v v="$1" -v d="$direct" 'BEGIN { x = v - d; printf "%+g ms → **%s**", x, x <= 150 ? "met" : "not met" }'; }

cat <<EOF
## Cold start: first \`tools/call\` answered

Measured by \`bench/extra/coldstart.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\`,
$reps measured starts per target (after one unmeasured start), $((run_time / 60)) min $((run_time % 60)) s.
Machine: $machine.

\`bench/load/McpProbe.java coldstart\` starts the process itself (time 0, after loading its own client code), then
every 5 ms tries \`initialize\` until it is answered with 200, sends \`notifications/initialized\` and one
\`tools/call\` echo; a line of the gateway's output marks "ready" (supergateway's \`Listening on port\`, Catwalk's
\`RestServer: listening on http://…\`, which precedes its \`serving\` line). The API rows time a deployment created on
a running Catwalk from \`POST /api/deployments\` (shared mode, the same command); \`#1\` is the first deployment after
Catwalk's start, the later ones are created (and deleted) one after the other. Catwalk: \`CATWALK_SANDBOX=off\`,
\`CATWALK_LOG_LEVEL=info\`, the database in its home from the unmeasured first start$([[ -z ${CATWALK_BENCH_JAVA_OPTS:-} ]] || echo ", JVM options \`$CATWALK_BENCH_JAVA_OPTS\`").

\`\`\`sh
java bench/load/McpProbe.java coldstart stdio $node $everything stdio
java bench/load/McpProbe.java coldstart --ready "Listening on port" http http://127.0.0.1:<q>/mcp x -- \\
  $node $supergateway --stdio "<node> <server> stdio" --outputTransport streamableHttp --stateful --port <q> --logLevel info
CATWALK_HOME=<home> CATWALK_SANDBOX=off CATWALK_PORT=<p> CATWALK_DEPLOYMENTS_FILE=<file> \\
  java bench/load/McpProbe.java coldstart --ready "listening on http" http http://127.0.0.1:<p>/mcp/echo <token> -- \\
  ${catwalk_cmd[*]}
CATWALK_HOME=<home> CATWALK_SANDBOX=off CATWALK_PORT=<p> CATWALK_ADMIN_TOKEN_FILE=<f> java bench/load/McpProbe.java \\
  coldstart --ready "listening on http" --creates $creates api http://127.0.0.1:<p> <f> '{"name":"cold-{k}","command":[…],"sessionMode":"shared"}' -- java … serve
\`\`\`

Milliseconds, **median** (min–max):

| target | time 0 | ready line | deployment created | initialize answered | first tools/call answered |
|---|---|--:|--:|--:|--:|
EOF
row "server-everything over stdio (the child's own start)" '^direct/rep$' "spawn"
row "supergateway --stateful (its child starts at initialize)" '^supergateway/rep$' "spawn"
row "Catwalk, deployments file (restart)" '^catwalk-file/rep$' "\`java -jar\`"
row "Catwalk, deployments file, first start ever (fresh home, 1 sample)" '^catwalk-file/first$' "\`java -jar\`"
row "Catwalk, deployments file, with \`./catwalk\`'s CDS archive (restart)" '^catwalk-cds/rep$' "\`java -jar\`"
row "Catwalk API, first deployment after the start" '^catwalk-api/rep#1$' "\`POST\`" api
row "Catwalk API, later deployments" '^catwalk-api/rep#([2-9]|[1-9][0-9])$' "\`POST\`" api
cat <<EOF

Goal: cold start ≤ the child's own start + 150 ms, compared as (median time to the first \`tools/call\` answered) −
(median of the child's own, $direct ms):

| cold start | − child's own | |
|---|--:|---|
| a deployment created over the API of a running Catwalk (later deployments) | $(verdict "$api_later") | the deployment cold start the issue asks for |
| the first deployment created after Catwalk's start | $(verdict "$api_first") | JVM code paths still cold |
| \`catwalk serve\` with a deployments file (the JVM's own start included) | $(verdict "$file") | \
supergateway's own start: $(awk -v v="$sg" -v d="$direct" 'BEGIN { printf "%+g ms", v - d }') |

Conclusion: a deployment created on a running Catwalk answers its first call $(awk -v v="$api_later" -v d="$direct" \
'BEGIN { printf "%+g ms", v - d }') after the child's own start (goal ≤ +150 ms); a Catwalk process from \
\`java -jar\` to its first answer takes $file ms, of which $(median '^catwalk-file/rep$' 2) ms until it listens \
($(median '^catwalk-cds/rep$' 5) ms and $(median '^catwalk-cds/rep$' 2) ms with the CDS archive \`./catwalk\` keeps).
EOF
