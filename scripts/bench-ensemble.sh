#!/usr/bin/env bash
# Throughput of a three-member ensemble, Warden and Apache ZooKeeper alternating, on this
# machine only (loopback ports). Each run starts three members of one kind on fresh data
# directories (forceSync on, as both ship), waits until every member serves and one leads, runs
#   warden bench --servers a,b,c --scenario write --clients 32 --warmup-seconds 15 --duration-seconds 20
# (--scenario read or mixed instead of write; --data-bytes B for nodes of B bytes) and stops them. Over a window inside the measured
# part of the run it reads each member's and the bench client's CPU time (/proc/PID/stat
# utime+stime) and each member's context switches (all its threads), and the disk flushes the
# machine completed (/proc/diskstats), and prints CPU microseconds and switches per operation.
# PERF_SECONDS=N records N seconds of that window with perf (whole machine, call graphs) into the
# run's perf.data.
#
#   scripts/bench-ensemble.sh [--rounds N] [--kinds "warden zookeeper"] [--base-port P] [--out DIR]
#                             [--scenario write|read|mixed] [--clients C] [--warmup-seconds W]
#                             [--duration-seconds D] [--data-bytes B] [--failover]
#
# --failover measures instead how long a leader's death stops writes: --clients sessions (default
# here 1; warden bench --scenario availability: Warden's client, moving to another member when its
# connection goes) each write a node of their own back to back for --duration-seconds (default
# here 20) after a 5 s warm-up; 8 s into the measured part the leader is killed with SIGKILL; the
# report is the longest gap between two acknowledged writes of any session (the kill to the first
# write committed after it, plus at most one write's latency), when it began relative to the kill,
# the longest one session waited (with more than one), and which member leads afterwards.
#
# --kinds: what each round runs, in order: warden (the jar at WARDEN_JAR, by default this tree's
# warden-cli/target/warden-cli.jar), zookeeper, and warden-base (the jar at WARDEN_BASE_JAR: a copy
# of another build's warden-cli/target with its lib/, to compare two builds of Warden interleaved).
#
# FORCE_SYNC=no writes forceSync=no into every zoo.cfg: a diagnostic of what fsync costs, never a
# result to compare (both servers then acknowledge writes that are not on disk).
#
# Ports: base+0..2 client, base+10..12 quorum, base+20..22 election (default base 23400).
# JVM options for every member of both kinds: SERVER_JVMFLAGS (default -Xmx1g). Extra options for
# Warden's members only (e.g. a flight recording): WARDEN_EXTRA_JVMFLAGS; for ZooKeeper's:
# ZOOKEEPER_EXTRA_JVMFLAGS; for the bench client of --failover: BENCH_JVMFLAGS (e.g.
# -Dwarden.log.level=DEBUG to log its connection attempts). The Warden jar must be built
# (warden-cli/target/warden-cli.jar). ZooKeeper runs from the 3.9.3 jars the build uses, or from
# ZOOKEEPER_HOME. Run it under the machine's CPU lock: flock /tmp/warden-cpu.lock
# scripts/bench-ensemble.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=2
kinds="warden zookeeper"
base=23400
out="$root/target/bench-ensemble"
clients=32
clients_given=no
scenario=write
warmup=15
duration=20
failover=no
data_bytes=""
server_jvmflags="${SERVER_JVMFLAGS:--Xmx1g}"

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --kinds) kinds="$2"; shift 2 ;;
    --base-port) base="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --clients) clients="$2"; clients_given=yes; shift 2 ;;
    --scenario) scenario="$2"; shift 2 ;;
    --warmup-seconds) warmup="$2"; shift 2 ;;
    --duration-seconds) duration="$2"; shift 2 ;;
    --data-bytes) data_bytes="$2"; shift 2 ;;
    --failover) failover=yes; shift ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) echo "bench-ensemble: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$scenario" in write|read|mixed) ;; *) echo "bench-ensemble: unknown scenario $scenario" >&2; exit 2 ;; esac
for kind in $kinds; do
  case "$kind" in warden|zookeeper|warden-base) ;; *) echo "bench-ensemble: unknown kind $kind" >&2; exit 2 ;; esac
done

jar="${WARDEN_JAR:-$root/warden-cli/target/warden-cli.jar}"
[ -f "$jar" ] || { echo "bench-ensemble: build $jar first" >&2; exit 2; }
base_jar="${WARDEN_BASE_JAR:-}"
case " $kinds " in *" warden-base "*) [ -f "$base_jar" ] || { echo "bench-ensemble: set WARDEN_BASE_JAR" >&2; exit 2; } ;; esac
mkdir -p "$out"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap cleanup EXIT

source "$root/scripts/zookeeper-classpath.sh"

cpu_ticks() { # pid: utime+stime in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

context_switches() { # pid: voluntary and involuntary switches of all its threads
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'
}

disk_flushes() { # flush requests the machine's disks completed (all of them: hold the CPU lock)
  awk '$3 ~ /^(vd|sd|nvme|xvd)[a-z0-9]*$/ && $3 !~ /[0-9]p?[0-9]+$/ { n += $19 } END { print n + 0 }' /proc/diskstats
}

four_letters() { # port word
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf '%s' "$2" >&3
  cat <&3 || true
  exec 3>&- 3<&-
}

start_members() { # kind run-dir
  local kind="$1" dir="$2" id
  rm -rf "$dir"
  mkdir -p "$dir"
  cat > "$dir/logback-warn.xml" <<'XML'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
XML
  for id in 1 2 3; do
    mkdir -p "$dir/m$id/data"
    echo "$id" > "$dir/m$id/data/myid"
    {
      echo "tickTime=2000"
      echo "initLimit=10"
      echo "syncLimit=5"
      echo "dataDir=$dir/m$id/data"
      echo "clientPort=$((base + id - 1))"
      echo "clientPortAddress=127.0.0.1"
      echo "maxClientCnxns=0"
      echo "admin.enableServer=false"
      echo "4lw.commands.whitelist=*"
      if [ -n "${FORCE_SYNC:-}" ]; then echo "forceSync=$FORCE_SYNC"; fi
      for other in 1 2 3; do
        echo "server.$other=127.0.0.1:$((base + 10 + other - 1)):$((base + 20 + other - 1))"
      done
    } > "$dir/m$id/zoo.cfg"
    if [ "$kind" != zookeeper ]; then
      local member_jar="$jar"
      if [ "$kind" = warden-base ]; then member_jar="$base_jar"; fi
      # shellcheck disable=SC2086
      (cd "$dir/m$id" && exec java $server_jvmflags ${WARDEN_EXTRA_JVMFLAGS:-} -jar "$member_jar" server "$dir/m$id/zoo.cfg") \
        >"$dir/m$id/out.log" 2>&1 &
    else
      # shellcheck disable=SC2086
      (cd "$dir/m$id" && exec java $server_jvmflags ${ZOOKEEPER_EXTRA_JVMFLAGS:-} \
        -Dlogback.configurationFile="$dir/logback-warn.xml" -Dzookeeper.admin.enableServer=false \
        -cp "$zk_cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/m$id/zoo.cfg") \
        >"$dir/m$id/out.log" 2>&1 &
    fi
    pids+=($!)
  done
}

wait_for_leader() { # prints the leader's index 0..2; fails after 60 s
  local tries=0 i mode
  while [ $tries -lt 120 ]; do
    for i in 0 1 2; do
      mode="$(four_letters $((base + i)) srvr 2>/dev/null | sed -n 's/^Mode: //p')" || true
      if [ "$mode" = leader ]; then
        echo "$i"
        return 0
      fi
    done
    tries=$((tries + 1))
    sleep 0.5
  done
  return 1
}

failover_once() { # kind round dir servers leader
  local kind="$1" round="$2" dir="$3" servers="$4" leader="$5" kill_after=8 warm=5 sessions=1
  if [ "$clients_given" = yes ]; then sessions="$clients"; fi
  # shellcheck disable=SC2086
  java ${BENCH_JVMFLAGS:-} -jar "$jar" bench --servers "$servers" --scenario availability --clients "$sessions" \
    --warmup-seconds "$warm" \
    --duration-seconds "$duration" --label "$kind-$round-failover" --json-file "$dir/bench.json" \
    >"$dir/bench.txt" 2>&1 &
  local bench_pid=$!
  sleep $((warm + kill_after + 1)) # the bench JVM starts within the extra second
  local killed_at; killed_at="$(date +%s%N)"
  kill -KILL "${pids[$leader]}"
  wait "$bench_pid" || true
  local new_leader gap began session_gap
  new_leader="$(wait_for_leader)" || new_leader="none"
  gap="$(awk '$1 == "longest" && $2 == "gap" && $3 != "began" { print $3; exit }' "$dir/bench.txt")"
  began="$(awk '$1 == "longest" && $2 == "gap" && $3 == "began" { print $4; exit }' "$dir/bench.txt")"
  session_gap="$(awk '$1 == "longest" && $2 == "session" && $3 == "gap" { print $4; exit }' "$dir/bench.txt")"
  echo "$kind round $round: killed member $((leader + 1)) (the leader); $sessions session(s); longest write gap" \
    "$gap ms, beginning at $began ms into the measured run (the kill came $kill_after-$((kill_after + 1)) s in);" \
    "${session_gap:+longest one session waited $session_gap ms; }member" \
    "$([ "$new_leader" = none ] && echo none || echo $((new_leader + 1))) leads now"
  grep -E '^(ops|errors|note) ' "$dir/bench.txt" | sed 's/^/    /'
  echo "    kill at $killed_at ns (date +%s%N); bench output in $dir/bench.txt"
  cleanup
}

run_once() { # kind round
  local kind="$1" round="$2" dir="$out/run-$1-$2" leader i servers
  servers="127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))"
  start_members "$kind" "$dir"
  leader="$(wait_for_leader)" || { echo "bench-ensemble: no leader among $kind members" >&2; return 1; }
  # Every member serves a session and a read before the run starts.
  java -jar "$jar" bench --servers "$servers" --scenario restart-wait --time-limit-seconds 60 >/dev/null
  if [ "$failover" = yes ]; then
    failover_once "$kind" "$round" "$dir" "$servers" "$leader"
    return
  fi
  java -jar "$jar" bench --servers "$servers" --scenario "$scenario" --clients "$clients" \
    ${data_bytes:+--data-bytes "$data_bytes"} \
    --warmup-seconds "$warmup" --duration-seconds "$duration" --label "$kind-$round" \
    --json-file "$dir/bench.json" >"$dir/bench.txt" 2>&1 &
  local bench_pid=$!
  # The CPU window: from 2 s into the measured part (the bench JVM starts within those) to 2 s
  # before its end.
  local window=$((duration - 4))
  sleep $((warmup + 2))
  local before=() after=()
  for i in 0 1 2; do before+=("$(cpu_ticks "${pids[$i]}")"); done
  local bench_before; bench_before="$(cpu_ticks "$bench_pid")"
  local switches_before=() switches_after=()
  for i in 0 1 2; do switches_before+=("$(context_switches "${pids[$i]}")"); done
  local flushes_before; flushes_before="$(disk_flushes)"
  if [ -n "${PERF_SECONDS:-}" ]; then
    perf record -a -g -F 499 -o "$dir/perf.data" -- sleep "$PERF_SECONDS" >/dev/null 2>&1 || true
    sleep $((window - PERF_SECONDS))
  else
    sleep "$window"
  fi
  for i in 0 1 2; do after+=("$(cpu_ticks "${pids[$i]}")"); done
  for i in 0 1 2; do switches_after+=("$(context_switches "${pids[$i]}")"); done
  local flushes_after; flushes_after="$(disk_flushes)"
  local bench_after; bench_after="$(cpu_ticks "$bench_pid")"
  wait "$bench_pid"
  local throughput p50 p99 p999
  throughput="$(awk '$1 == "throughput" { print $2; exit }' "$dir/bench.txt")"
  local hz; hz="$(getconf CLK_TCK)"
  echo "$kind round $round: $scenario, $throughput ops/s"
  grep -A1 '^latency' "$dir/bench.txt" | sed 's/^/    /'
  local roles=""
  for i in 0 1 2; do
    local us
    us="$(awk -v d=$(( ${after[$i]} - ${before[$i]} )) -v hz="$hz" -v t="$throughput" -v w="$window" \
      'BEGIN { printf "%.1f", d / hz * 1e6 / (t * w) }')"
    local per_op
    per_op="$(awk -v d=$(( ${switches_after[$i]} - ${switches_before[$i]} )) -v t="$throughput" -v w="$window" \
      'BEGIN { printf "%.2f", d / (t * w) }')"
    if [ "$i" = "$leader" ]; then roles+=" leader=${us}us/${per_op}cs"; else roles+=" follower=${us}us/${per_op}cs"; fi
  done
  local bench_us
  bench_us="$(awk -v d=$(( bench_after - bench_before )) -v hz="$hz" -v t="$throughput" -v w="$window" \
    'BEGIN { printf "%.1f", d / hz * 1e6 / (t * w) }')"
  echo "    CPU per operation (/ context switches per operation):$roles bench=${bench_us}us (window ${window}s, throughput $throughput/s)"
  awk -v d=$(( flushes_after - flushes_before )) -v t="$throughput" -v w="$window" \
    'BEGIN { printf "    disk flushes (fsyncs reaching the device, all members): %.0f/s, %.3f per operation\n", d / w, d / (t * w) }'
  cleanup
}

zk_cp=""
case " $kinds " in *" zookeeper "*) zk_cp="$(zookeeper_classpath)" ;; esac
for round in $(seq 1 "$rounds"); do
  for kind in $kinds; do
    run_once "$kind" "$round"
  done
done
