# Shared by the bench/extra scripts: sourced, not run (it lives below bench/extra/ so that a hook running
# bench/extra/*.sh does not pick it up). Goes to the repository root and sets: root, name (the script's), work
# (target/bench/extra/<name>, emptied), java (the JDK that ./catwalk uses), jar, jvm_base (the flags ./catwalk
# passes), node, everything, supergateway, undici and two free loopback ports (catwalk_port, supergateway_port),
# as bench/run.sh does. Builds the jar and bootstrap's test classes only when they are missing or BENCH_BUILD=1.
# Defines say (progress to stderr), started/stop_tree/cleanup (every process started is stopped on exit, also on
# Ctrl-C), stats and deployments_file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
root=$PWD
name=$(basename "$0" .sh)
work=$root/target/bench/extra/$name
rm -rf "$work"
mkdir -p "$work"
java_home=$(./catwalk java-home)
java=$java_home/bin/java
jar=$root/bootstrap/target/catwalk.jar
java_major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
jvm_base=()
[[ $java_major -ge 23 ]] && jvm_base=(--sun-misc-unsafe-memory-access=allow)
token=bench-token-0123456789
hz=$(getconf CLK_TCK)

say() { printf '== %s: %s\n' "$name" "$*" >&2; }

if [[ ${BENCH_BUILD:-} == 1 || ! -f $jar || ! -f bootstrap/target/bench.classpath ]]; then
  say "building the jar and bootstrap's test classes"
  JAVA_HOME=$java_home MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
    mvn -B -ntp -q package -DskipTests -pl bootstrap -am dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
fi
eval "$("$java" -Dcatwalk.root="$root" -cp "$root/bootstrap/target/test-classes:$root/bootstrap/target/classes:$(
  cat bootstrap/target/bench.classpath)" bench/load/BenchSetup.java)"

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

# Numbers on stdin, one a line: prints "median min max count" (median of an even count: the mean of the middle two).
stats() {
  sort -n | awk 'function f(x) { return x == int(x) ? sprintf("%d", x) : sprintf("%.1f", x) }
    {v[NR] = $1} END {
    if (NR == 0) { print "- - - 0"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s %d\n", f(m), f(v[1]), f(v[NR]), NR }'
}

# Writes a deployments file with one shared deployment "echo" running server-everything over stdio, as run.sh does.
deployments_file() {
  printf '{"deployments":[{"id":"echo","command":["%s","%s","stdio"],"sessionMode":"shared","token":"%s"}]}\n' \
    "$node" "$everything" "$token" >"$1"
}

# Waits until anything answers HTTP at url (up to 60 s): url, pid, what.
await_http() {
  local i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$2" 2>/dev/null || { say "$3 exited at start; see its log in $work"; exit 1; }
    curl -s -o /dev/null -m 1 "$1" && return
    sleep 0.1
  done
  say "$3 did not answer $1 within 60 s"
  exit 1
}

# The machine, in one markdown line.
machine_line() {
  printf '%s, %s cores, %s RAM; JDK %s; Node %s; load average before: %s' \
    "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)" \
    "$("$java" -version 2>&1 | sed -n 's/.*Runtime Environment \(.*\)$/\1/p')" "$("$node" --version)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}
