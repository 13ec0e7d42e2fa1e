#!/usr/bin/env bash
# Measures the worker process type on this machine, as the README reports it:
#   1. jobs per second for one worker, at WORKER_PREFETCH=1 and at the default (16), on a
#      backlog of JOBS jobs (from its first done job to its last, by the JSON events' timestamps);
#   2. SIGTERM-to-exit of a worker with the default prefetch of jobs in hand (RUNS runs, median).
# Needs the shaded jar (mvn -pl twelvefactor-example -am package -DskipTests), psql, and a
# PostgreSQL server and RabbitMQ broker: PG (server URL, default postgres://postgres@127.0.0.1:5432)
# and AMQP_URL (default amqp://guest:guest@127.0.0.1:5672/%2F). It creates its own database and
# queue and removes them. Run it on a quiet machine: flock /tmp/tf-build.lock bash measure-worker.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/twelvefactor-example.jar
PG=${PG:-postgres://postgres@127.0.0.1:5432}
export AMQP_URL=${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}
JOBS=${JOBS:-5000}
RUNS=${RUNS:-5}
NAME=tf_measure_$$
export DATABASE_URL=$PG/$NAME JOB_QUEUE=tf-measure-$$ PORT=0 LOG_LEVEL=warn LOG_LEVEL_IO_TWELVEFACTOR_EXAMPLE_WORKER=info
WORK=$(mktemp -d)
trap 'psql "$PG/postgres" -qc "drop database if exists $NAME with (force)" >/dev/null; rm -rf "$WORK"' EXIT

psql "$PG/postgres" -qc "create database $NAME"
java -jar "$JAR" migrate > "$WORK/migrate.log"

# fills the queue with JOBS jobs: notes and outbox rows by SQL, relayed by one web process
backlog() {
  psql "$PG/$NAME" -qc "insert into notes (text, created_at) select repeat('word ', (g % 12) + 1) || g, now() from generate_series(1, $JOBS) g;
    insert into outbox (note_id, created_at) select id, now() from notes where word_count is null and id not in (select note_id from outbox where published_at is null)" >/dev/null
  java -jar "$JAR" run > "$WORK/web.log" 2>&1 &
  local web=$!
  until [ "$(psql "$PG/$NAME" -tAc 'select count(*) from outbox where published_at is null')" = 0 ]; do sleep 0.2; done
  kill -TERM $web; wait $web || true
}

# starts a worker with the given prefetch, waits for JOBS done events, prints jobs/s
rate() {
  backlog
  WORKER_PREFETCH=$1 java -jar "$JAR" worker > "$WORK/worker.log" 2>"$WORK/worker.err" &
  local w=$!
  until [ "$(grep -c '"outcome":"done"' "$WORK/worker.log" || true)" -ge "$JOBS" ]; do sleep 0.2; done
  kill -TERM $w; wait $w || true
  grep '"outcome":"done"' "$WORK/worker.log" | sed -n '1p;$p' | sed 's/.*"@timestamp":"\([^"]*\)".*/\1/' | {
    read -r first; read -r last
    python3 -c "import sys,datetime as d
f=d.datetime.fromisoformat(sys.argv[1].rstrip('Z')); l=d.datetime.fromisoformat(sys.argv[2].rstrip('Z'))
print(f'prefetch $1: {$JOBS - 1} jobs in {(l-f).total_seconds():.2f} s = {($JOBS - 1)/(l-f).total_seconds():.0f} jobs/s')" "$first" "$last"
  }
}

rate 1
rate 16

# SIGTERM with the default prefetch of jobs in hand: a backlog, the worker busy, then SIGTERM
JOBS=$((JOBS)) backlog
for i in $(seq 1 "$RUNS"); do
  java -jar "$JAR" worker > "$WORK/worker.log" 2>"$WORK/worker.err" &
  w=$!
  until [ "$(grep -c '"outcome":"done"' "$WORK/worker.log" || true)" -ge 200 ]; do sleep 0.05; done
  t0=$(date +%s%N); kill -TERM $w; wait $w; code=$?; t1=$(date +%s%N)
  returned=$(grep -c '"outcome":"returned"' "$WORK/worker.log" || true)
  echo "SIGTERM-to-exit run $i: $(( (t1 - t0) / 1000000 )) ms, exit $code, $returned job(s) returned to the queue"
done
