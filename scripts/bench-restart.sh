#!/usr/bin/env bash
# Restart timing, Warden and Apache ZooKeeper side by side, on this machine only (loopback ports).
# For each server: start it on a fresh data directory, populate it (warden bench --scenario populate
# --keep), kill it, start it again, and at once run warden bench --scenario restart-wait, which polls
# until the server accepts a session and serves the whole population; it reports the milliseconds
# to listening, session and serving (JVM start included) and the server's RSS (--pid). Then it draws
# the two populate runs in one SVG.
#
#   scripts/bench-restart.sh [--nodes N] [--fanout F] [--signal KILL|TERM] [--only warden|zookeeper]
#                            [--out DIR] [--time-limit-seconds S]
#
# ZooKeeper: a distribution's jars with ZOOKEEPER_HOME=/path/to/apache-zookeeper-3.9.x-bin, or by
# default the ZooKeeper 3.9.3 jars the build already uses (from the local Maven repository).
# JVM options for both servers: SERVER_JVMFLAGS (default -Xmx2g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes=100000
fanout=1000
signal=KILL
only=""
out="$root/target/bench-restart"
time_limit=600
warden_port=22181
zookeeper_port=22182
server_jvmflags="${SERVER_JVMFLAGS:--Xmx2g}"

while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --fanout) fanout="$2"; shift 2 ;;
    --signal) signal="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --time-limit-seconds) time_limit="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench-restart: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$signal" in KILL|TERM) ;; *) echo "bench-restart: --signal must be KILL or TERM" >&2; exit 2 ;; esac
case "$only" in ""|warden|zookeeper) ;; *) echo "bench-restart: --only must be warden or zookeeper" >&2; exit 2 ;; esac

mkdir -p "$out"
bench() { "$root/warden" bench "$@"; }
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

source "$root/scripts/zookeeper-classpath.sh"

write_config() { # kind port data-dir
  cat > "$out/$1.cfg" <<CFG
tickTime=2000
dataDir=$3
clientPort=$2
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=*
CFG
  cat > "$out/logback-warn.xml" <<'XML'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
XML
}

start_server() { # kind port
  local log="$out/$1.log"
  if [ "$1" = warden ]; then
    # shellcheck disable=SC2086
    JVMFLAGS="$server_jvmflags" "$root/warden" server "$out/$1.cfg" >>"$log" 2>&1 &
  else
    # shellcheck disable=SC2086
    java $server_jvmflags -Dlogback.configurationFile="$out/logback-warn.xml" -cp "$zk_cp" \
      org.apache.zookeeper.server.ZooKeeperServerMain "$out/$1.cfg" >>"$log" 2>&1 &
  fi
  server_pid=$!
}

measure() { # kind port
  local kind="$1" port="$2" data="$out/$1-data"
  rm -rf "$data"
  mkdir -p "$data"
  write_config "$kind" "$port" "$data"
  echo "== $kind on 127.0.0.1:$port: start, populate $nodes nodes" >&2
  start_server "$kind" "$port"
  bench --servers "127.0.0.1:$port" --scenario restart-wait --time-limit-seconds 120 --label "$kind" >/dev/null
  bench --servers "127.0.0.1:$port" --scenario populate --nodes "$nodes" --fanout "$fanout" --keep --clients 4 \
    --label "$kind" --time-limit-seconds "$time_limit" --pid "$server_pid" \
    --json-file "$out/$kind-populate.json" --plot "$out/$kind-populate.svg"
  echo "== $kind: kill -$signal $server_pid, start again, restart-wait" >&2
  kill "-$signal" "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  start_server "$kind" "$port"
  bench --servers "127.0.0.1:$port" --scenario restart-wait --nodes "$nodes" --fanout "$fanout" \
    --time-limit-seconds "$time_limit" --label "$kind" --pid "$server_pid" --json-file "$out/$kind-restart.json" \
    | tee "$out/$kind-restart.txt"
  kill -TERM "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# Build the warden command once, before anything is timed.
"$root/warden" --version >/dev/null
zk_cp=""
if [ "$only" != warden ]; then
  zk_cp="$(zookeeper_classpath)"
fi
plots=()
if [ "$only" != zookeeper ]; then
  measure warden "$warden_port"
  plots+=("$out/warden-populate.json")
fi
if [ "$only" != warden ]; then
  measure zookeeper "$zookeeper_port"
  plots+=("$out/zookeeper-populate.json")
fi
bench plot "${plots[@]}" -o "$out/populate-compare.svg" --title "populate $nodes nodes ($fanout to a parent)"
echo "== results in $out: *-restart.txt and *-restart.json (restart timing), *-populate.svg, populate-compare.svg" >&2
