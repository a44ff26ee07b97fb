#!/usr/bin/env bash
# Aikagi against Keycloak, side by side, in one run on one machine (issue 8).
#
#   bench/compare.sh                                  # full run, ~25 min on 2 cores
#   LEVELS=1,4,16 DURATION=15 bench/compare.sh        # quicker
#   SYSTEMS="argon2 h2" bench/compare.sh              # only some of: argon2 h2 postgres twonode keycloak
#                                                     # keycloak-default scale
#                                                     # (argon2 may come twice: the report keeps the best)
#
# In order: the machine's pure Argon2id capacity (2 threads); Aikagi on H2; Aikagi on PostgreSQL
# (embedded, PostgreSQL's default durability); Keycloak through the peer script
# (../shared/peers/keycloak/bench.sh) with the same Argon2id parameters and again at Keycloak's own default
# cost; two Aikagi nodes on one PostgreSQL against one node (twonode); optionally the scale check
# (1,000 and 1,000,000 accounts in PostgreSQL). Every system gets the same load: browser-style
# password + TOTP logins, closed loop at LEVELS, DURATION s each after WARMUP s, INITIAL_WARMUP s first.
# Writes bench/results/<date>.md (one table with both systems and the ratios) and <date>.tsv; raw files
# stay in $WORK/run-<timestamp>/. Every process started here is stopped by PID on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
SYSTEMS=${SYSTEMS:-"argon2 h2 postgres twonode keycloak keycloak-default argon2"}
LEVELS=${LEVELS:-1,2,4,8,16}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
INITIAL_WARMUP=${INITIAL_WARMUP:-30}
BACKUP_LEVELS=${BACKUP_LEVELS-4}          # levels of the backup-code scenario ("" to skip)
USERS=${USERS:-3000}                      # each logs in at most once per 30 s TOTP step: 100 logins/s at most
ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-19456}
ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-2}
ARGON2_PARALLELISM=${ARGON2_PARALLELISM:-1}
ARGON2_SECONDS=${ARGON2_SECONDS:-20}
# As README's start command runs the server (issue 15): its AOT cache and planned memory ('-' for none).
# The start command's JIT directive for Bouncy Castle's Argon2 (README, Memory): the server and the capacity run.
ARGON2_JIT="-XX:CompileCommand=quiet -XX:CompileCommand=inline,org.bouncycastle.crypto.generators.Argon2BytesGenerator*::*"
AIKAGI_JAVA_OPTS=${AIKAGI_JAVA_OPTS:-"-XX:+IgnoreUnrecognizedVMOptions -XX:AOTCache=$ROOT/server/target/aikagi/aikagi-server.aot -XX:+UseSerialGC -Xmx144m -Xmn20m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m -XX:TrimNativeHeapInterval=2000 -XX:ThreadPriorityPolicy=1 $ARGON2_JIT"}
AIKAGI_ENV=${AIKAGI_ENV:-"MALLOC_ARENA_MAX=2"}    # as README's start command: the C library's arenas (Aikagi only)
[ "$AIKAGI_JAVA_OPTS" = "-" ] && AIKAGI_JAVA_OPTS=""
JFR=${JFR:-false}                         # true: a JFR recording (profile settings) of Aikagi during each TOTP load
QUIET_WAIT=${QUIET_WAIT:-120}             # wait up to this long for other processes to go quiet
SCALE_SMALL=${SCALE_SMALL:-1000}
SCALE_LARGE=${SCALE_LARGE:-1000000}
SCALE_LEVELS=${SCALE_LEVELS:-1,2}
TWO_NODE_LEVELS=${TWO_NODE_LEVELS:-4,16}  # one node, then two nodes on the same PostgreSQL, at these levels
TWO_NODE_USERS=${TWO_NODE_USERS:-3000}   # 100 logins/s at most (one TOTP step per account per 30 s)
PORT=${PORT:-18181}
PG_PORT=${PG_PORT:-15432}
KEYCLOAK_DIR=${KEYCLOAK_DIR:-$(cd "$ROOT/.." && pwd)/shared/peers/keycloak}
SERVER_JAR=${SERVER_JAR:-$ROOT/server/target/aikagi/aikagi-server.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/benchmarks.jar}
WORK=${WORK:-/tmp/aikagi-bench}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=${RUN:-$WORK/run-$STAMP}
OUT=${OUT:-$HERE/results/$(date -u +%Y-%m-%d).md}
BASE=http://127.0.0.1:$PORT

case "$WORK" in /work/*) echo "keep WORK out of /work" >&2; exit 2 ;; esac
mkdir -p "$RUN"
exec > >(tee -a "$RUN/run.log") 2>&1
log() { printf '[compare %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if [ ! -f "$SERVER_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  log "building the server and bench jars"
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl server,bench -am)
fi
bench() { "$JAVA" -cp "$BENCH_JAR" dev.aikagi.bench.load.LoginBench "$@"; }

SERVER_PID=""; PG_PID=""; SECOND_PID=""
stop_pid() { # PID: SIGTERM, then SIGKILL after 30 s
  local p=$1
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill "$p" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
}
cleanup() { stop_pid "$SERVER_PID"; stop_pid "$SECOND_PID"; stop_pid "$PG_PID"; }
trap cleanup EXIT INT TERM

rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
hwm_mb() { awk '/^VmHWM:/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
now_ns() { date +%s%N; }
secs_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.1f", (b - a) / 1e9}'; }

busy_pct() { # % of one core used by the whole machine over 2 s
  local a b tot=0 i
  a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( (tot - idle) * 100 * $(nproc) / (tot > 0 ? tot : 1) ))
}
wait_quiet() { # until the machine (our servers idle) uses < 30% of a core, at most QUIET_WAIT s
  local deadline=$((SECONDS + QUIET_WAIT)) b
  while :; do
    b=$(busy_pct)
    if [ "$b" -lt 30 ] || [ $SECONDS -ge $deadline ]; then
      log "machine ${b}% of a core busy before $1"; echo "$1 $b" >> "$RUN/quiet.txt"; return 0
    fi
    log "machine busy (${b}% of a core): waiting"; ps -eo pid,pcpu,etime,comm --sort=-pcpu | sed -n 2,3p
    sleep 10
  done
}

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo -) $(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo '(working tree has changes)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "kernel: $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "settings: LEVELS=$LEVELS DURATION=$DURATION WARMUP=$WARMUP INITIAL_WARMUP=$INITIAL_WARMUP USERS=$USERS BACKUP_LEVELS=$BACKUP_LEVELS argon2id m=$ARGON2_MEMORY_KIB t=$ARGON2_ITERATIONS p=$ARGON2_PARALLELISM AIKAGI_JAVA_OPTS='$AIKAGI_JAVA_OPTS' AIKAGI_ENV='$AIKAGI_ENV'"
} > "$RUN/machine.txt"
cat "$RUN/machine.txt"

ARGON2_ARGS=(--aikagi.password.argon2-memory-kib="$ARGON2_MEMORY_KIB" --aikagi.password.argon2-iterations="$ARGON2_ITERATIONS"
             --aikagi.password.argon2-parallelism="$ARGON2_PARALLELISM"
             # The seeder signs every bench account up from one address (issue 14: 5 an hour by default).
             --aikagi.sign-up.hourly-limit-per-address=1000000)

jfr_start() { [ "$JFR" = true ] && "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name=load settings=profile > /dev/null || true; }
jfr_stop() { # NAME: $RUN/NAME.jfr and the breakdown of its CPU samples in $RUN/NAME-breakdown.md
  [ "$JFR" = true ] || return 0
  "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name=load filename="$RUN/$1.jfr" > /dev/null || true
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 256 "$RUN/$1.jfr" > "$RUN/$1-samples.txt" || true
  python3 "$HERE/jfr-breakdown.py" "$RUN/$1-samples.txt" > "$RUN/$1-breakdown.md" || true
  "$JAVA_HOME/bin/jfr" view gc "$RUN/$1.jfr" > "$RUN/$1-gc.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view allocation-by-site "$RUN/$1.jfr" > "$RUN/$1-alloc.txt" 2>&1 || true
  log "JFR: $RUN/$1.jfr"; head -20 "$RUN/$1-breakdown.md" || true
}

# start_aikagi LABEL DATA_DIR [server args...]: sets SERVER_PID and READY_S (launch to health UP, seconds);
# with NODE_PORT set, on that port instead of PORT and into NODE_PID instead of SERVER_PID
start_aikagi() {
  local label=$1 data=$2; shift 2
  local port=${NODE_PORT:-$PORT} pid
  local t0; t0=$(now_ns)
  # shellcheck disable=SC2086
  env $AIKAGI_ENV "$JAVA" $AIKAGI_JAVA_OPTS -jar "$SERVER_JAR" --server.address=127.0.0.1 --server.port="$port" \
    --aikagi.data-dir="$data" "${ARGON2_ARGS[@]}" "$@" >> "$RUN/aikagi-$label.log" 2>&1 &
  pid=$!
  if [ -n "${NODE_PORT:-}" ]; then NODE_PID=$pid; else SERVER_PID=$pid; fi
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do   # 200 only when UP (503 otherwise)
    kill -0 "$pid" 2>/dev/null || { log "Aikagi died, see $RUN/aikagi-$label.log"; tail -20 "$RUN/aikagi-$label.log"; exit 1; }
    sleep 0.05
  done
  READY_S=$(secs_since "$t0")
}

# run_aikagi LABEL [server args...]: start, idle RSS, seed, load, restart; facts in $RUN/LABEL.facts
run_aikagi() {
  local label=$1; shift
  local data=$RUN/$label-data facts=$RUN/$label.facts
  wait_quiet "aikagi-$label"
  start_aikagi "$label" "$data" "$@"
  { echo "ready_s $READY_S"; echo "rss_ready_mb $(rss_mb "$SERVER_PID")"; } > "$facts"
  log "Aikagi ($label) ready in ${READY_S}s, pid $SERVER_PID, RSS $(rss_mb "$SERVER_PID") MB"
  sleep 10
  echo "rss_idle_mb $(rss_mb "$SERVER_PID")" >> "$facts"
  local t0; t0=$(now_ns)
  bench seed --base-url="$BASE" --count="$USERS" --users="$RUN/$label-users.tsv" --prefix=bench
  echo "seed_s $(secs_since "$t0")" >> "$facts"
  echo "rss_after_seed_mb $(rss_mb "$SERVER_PID")" >> "$facts"
  wait_quiet "aikagi-$label load"
  jfr_start
  bench run --base-url="$BASE" --users="$RUN/$label-users.tsv" --levels="$LEVELS" --duration="$DURATION" \
    --warmup="$WARMUP" --initial-warmup="$INITIAL_WARMUP" --scenario=totp --server-pid="$SERVER_PID" \
    --label="aikagi-$label" --tsv="$RUN/bench.tsv" --markdown="$RUN/levels.md" || log "ERRORS in aikagi-$label totp"
  jfr_stop "jfr-aikagi-$label"
  if [ -n "$BACKUP_LEVELS" ]; then
    bench run --base-url="$BASE" --users="$RUN/$label-users.tsv" --levels="$BACKUP_LEVELS" --duration="$DURATION" \
      --warmup="$WARMUP" --scenario=backup --server-pid="$SERVER_PID" \
      --label="aikagi-$label" --tsv="$RUN/bench.tsv" --markdown="$RUN/levels.md" || log "ERRORS in aikagi-$label backup"
  fi
  { echo "rss_after_load_mb $(rss_mb "$SERVER_PID")"; echo "rss_peak_mb $(hwm_mb "$SERVER_PID")"; } >> "$facts"
  stop_pid "$SERVER_PID"
  start_aikagi "$label" "$data" "$@"
  echo "restart_ready_s $READY_S" >> "$facts"
  log "Aikagi ($label) restarted on its data in ${READY_S}s"
  stop_pid "$SERVER_PID"; SERVER_PID=""
  cat "$facts"
}

start_pg() { # DATA_DIR: embedded PostgreSQL on PG_PORT, sets PG_PID
  "$JAVA" -cp "$BENCH_JAR" dev.aikagi.bench.load.LoginBench postgres --port="$PG_PORT" --data-dir="$1" \
    > "$RUN/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 600); do grep -q '^READY' "$RUN/postgres.log" && return 0; kill -0 "$PG_PID" || break; sleep 0.1; done
  log "PostgreSQL did not start"; cat "$RUN/postgres.log"; exit 1
}
PG_ARGS=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
         --spring.datasource.username=postgres --spring.datasource.password=postgres)

for system in $SYSTEMS; do
  case $system in
    argon2)
      wait_quiet argon2
      # With the start command's JIT directive, so that the capacity is the best this hasher does here.
      # shellcheck disable=SC2086
      "$JAVA" $ARGON2_JIT -cp "$BENCH_JAR" dev.aikagi.bench.load.LoginBench argon2 --threads=2 --seconds="$ARGON2_SECONDS" --memory-kib="$ARGON2_MEMORY_KIB" \
        --iterations="$ARGON2_ITERATIONS" --parallelism="$ARGON2_PARALLELISM" | tee -a "$RUN/argon2.txt"
      ;;
    h2)
      run_aikagi h2
      ;;
    postgres)
      start_pg "$RUN/pg"
      run_aikagi postgres "${PG_ARGS[@]}"
      stop_pid "$PG_PID"; PG_PID=""
      ;;
    twonode)
      # Logins/s of two nodes on one PostgreSQL against one node, on the same machine: node A alone, then A
      # and B (same data folder, so the same keys; every virtual user keeps to one node, half on each).
      start_pg "$RUN/pg-twonode"
      wait_quiet twonode
      start_aikagi twonode-a "$RUN/twonode-data" "${PG_ARGS[@]}"
      log "Aikagi (two nodes: A) ready in ${READY_S}s"
      bench seed --base-url="$BASE" --count="$TWO_NODE_USERS" --users="$RUN/twonode-users.tsv" --prefix=bench
      wait_quiet "twonode one node"
      bench run --base-url="$BASE" --users="$RUN/twonode-users.tsv" --levels="$TWO_NODE_LEVELS" --duration="$DURATION" \
        --warmup="$WARMUP" --initial-warmup="$INITIAL_WARMUP" --scenario=totp --server-pid="$SERVER_PID" \
        --label="one-node" --tsv="$RUN/twonode.tsv" --markdown="$RUN/twonode.md" || log "ERRORS in twonode (one node)"
      NODE_PORT=$((PORT + 1)) start_aikagi twonode-b "$RUN/twonode-data" "${PG_ARGS[@]}"
      SECOND_PID=$NODE_PID
      log "Aikagi (two nodes: B) ready in ${READY_S}s"
      wait_quiet "twonode two nodes"
      bench run --base-url="$BASE,http://127.0.0.1:$((PORT + 1))" --users="$RUN/twonode-users.tsv" \
        --levels="$TWO_NODE_LEVELS" --duration="$DURATION" --warmup="$WARMUP" --initial-warmup="$INITIAL_WARMUP" \
        --scenario=totp --server-pid="$SERVER_PID,$SECOND_PID" \
        --label="two-nodes" --tsv="$RUN/twonode.tsv" --markdown="$RUN/twonode.md" || log "ERRORS in twonode (two nodes)"
      stop_pid "$SECOND_PID"; SECOND_PID=""
      stop_pid "$SERVER_PID"; SERVER_PID=""
      stop_pid "$PG_PID"; PG_PID=""
      ;;
    keycloak-default)
      # Keycloak as it ships: its own default password hashing (argon2id, 7 MiB, 5 iterations in 26.x).
      log "Keycloak (own default cost) through $KEYCLOAK_DIR/bench.sh"
      wait_quiet keycloak-default
      env KC_JAVA_HOME="$JAVA_HOME" GEN_JAVA="$JAVA" LEVELS="$LEVELS" DURATION="$DURATION" WARMUP="$WARMUP" \
          INITIAL_WARMUP="$INITIAL_WARMUP" USERS="$USERS" EXCHANGE_LEVELS="" QUIET_WAIT="$QUIET_WAIT" \
          RESULTS="$RUN/keycloak-default" "$KEYCLOAK_DIR/bench.sh" || log "Keycloak's script failed (default cost)"
      ;;
    keycloak)
      # The peer script as it is; only the knobs differ. Keycloak's argon2 provider takes memory and
      # parallelism from its SPI options, iterations from the realm's password policy.
      log "Keycloak through $KEYCLOAK_DIR/bench.sh"
      wait_quiet keycloak
      env KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY="$ARGON2_MEMORY_KIB" \
          KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS="$ARGON2_ITERATIONS" \
          KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM="$ARGON2_PARALLELISM" \
          PASSWORD_POLICY="hashAlgorithm(argon2) and hashIterations($ARGON2_ITERATIONS)" \
          KC_JAVA_HOME="$JAVA_HOME" GEN_JAVA="$JAVA" LEVELS="$LEVELS" DURATION="$DURATION" WARMUP="$WARMUP" \
          INITIAL_WARMUP="$INITIAL_WARMUP" USERS="$USERS" EXCHANGE_LEVELS="" QUIET_WAIT="$QUIET_WAIT" \
          RESULTS="$RUN/keycloak" "$KEYCLOAK_DIR/bench.sh" || log "Keycloak's script failed"
      ;;
    scale)
      # The same login load with SCALE_SMALL and then SCALE_LARGE accounts in PostgreSQL: SCALE_SMALL
      # seeded through the API (they log in), the rest filler rows with the same factors (bench fill).
      start_pg "$RUN/pg-scale"
      start_aikagi scale "$RUN/scale-data" "${PG_ARGS[@]}"
      log "Aikagi (scale) ready in ${READY_S}s"
      bench seed --base-url="$BASE" --count="$SCALE_SMALL" --users="$RUN/scale-users.tsv" --prefix=bench
      for accounts in "$SCALE_SMALL" "$SCALE_LARGE"; do
        if [ "$accounts" != "$SCALE_SMALL" ]; then
          t0=$(now_ns)
          bench fill --jdbc-url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" --total="$accounts" | tee -a "$RUN/scale-fill.txt"
          echo "fill_s $(secs_since "$t0")" >> "$RUN/scale-fill.txt"
        fi
        wait_quiet "scale $accounts"
        jfr_start
        bench run --base-url="$BASE" --users="$RUN/scale-users.tsv" --levels="$SCALE_LEVELS" --duration="$DURATION" \
          --warmup="$WARMUP" --initial-warmup="$INITIAL_WARMUP" --scenario=totp --server-pid="$SERVER_PID" \
          --label="scale-$accounts" --tsv="$RUN/scale.tsv" --markdown="$RUN/scale.md" || log "ERRORS in scale $accounts"
        jfr_stop "jfr-scale-$accounts"
      done
      stop_pid "$SERVER_PID"; SERVER_PID=""
      stop_pid "$PG_PID"; PG_PID=""
      ;;
    *) log "unknown system $system"; exit 2 ;;
  esac
done

python3 "$HERE/compare-report.py" "$RUN" > "$RUN/report.md"
mkdir -p "$(dirname "$OUT")"
cp "$RUN/report.md" "$OUT"
[ -f "$RUN/bench.tsv" ] && cp "$RUN/bench.tsv" "${OUT%.md}.tsv"
[ -f "$RUN/scale.tsv" ] && cp "$RUN/scale.tsv" "${OUT%.md}-scale.tsv"
[ -f "$RUN/twonode.tsv" ] && cp "$RUN/twonode.tsv" "${OUT%.md}-twonode.tsv"
log "done: $OUT (raw files in $RUN)"
