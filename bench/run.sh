#!/usr/bin/env bash
# Benchmarks tsuzuri against nginx serving the same entry page as a static file, on loopback.
# Prints req/s (median of RUNS runs), p99 latency at CONNS connections, peak RSS, the ratios,
# and the time of a 10,000-entry / 50,000-comment MT import.
#
#   bench/run.sh                      # full data set: 1,000 blogs x 100 entries
#   BLOGS=50 bench/run.sh             # a quicker, smaller run
# Needs: wrk and nginx (Debian packages: apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${OUT:-$ROOT/bench/out}
BLOGS=${BLOGS:-1000}
ENTRIES=${ENTRIES:-100}
DURATION=${DURATION:-8}
RUNS=${RUNS:-3}
CONNS=${CONNS:-64}
PORT_T=18181
PORT_N=18182
mkdir -p "$OUT/www"

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx-light)"; exit 2; }
done

cargo build --release -q -p tsuzuri -p tsuzuri-bench
BIN=$ROOT/target/release
DATA=$OUT/data-$BLOGS-$ENTRIES
mkdir -p "$DATA"
if [ ! -f "$DATA/seeded" ]; then
  rm -f "$DATA"/tsuzuri.sqlite3*
  "$BIN/tsuzuri-bench" --database "sqlite://$DATA/tsuzuri.sqlite3?mode=rwc" seed --blogs "$BLOGS" --entries "$ENTRIES"
  touch "$DATA/seeded"
fi

server_pid=""
nginx_started=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_started" ] && nginx -s quit -c "$OUT/nginx.conf" -p "$OUT" 2>/dev/null || true
}
trap cleanup EXIT

start_tsuzuri() { # page-cache on|off
  "$BIN/tsuzuri" serve --data "$DATA" --listen "127.0.0.1:$PORT_T" --page-cache "$1" >"$OUT/serve-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT_T/" && return 0; sleep 0.1; done
  echo "bench: tsuzuri did not start"; cat "$OUT/serve-$1.log"; exit 1
}
stop_tsuzuri() {
  peak_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# wrk runs; prints "reqs_per_sec p99_ms" of the median run (by req/s).
measure() {
  local url=$1 results=()
  wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null 2>&1 || true # warm-up
  for _ in $(seq 1 "$RUNS"); do
    local out rps p99
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$url")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
    [ -n "$non2xx" ] && { echo "bench: $url answered $non2xx non-2xx responses"; exit 1; }
    results+=("$rps $p99")
  done
  printf '%s\n' "${results[@]}" | sort -n -k1 | sed -n "$(( (RUNS + 1) / 2 ))p"
}

start_tsuzuri on
ENTRY_PATH=$(curl -s "http://127.0.0.1:$PORT_T/blog0002/" | grep -oE "/blog0002/[0-9]{4}/[0-9]{2}/entry_[0-9]+\.html" | head -n1)
[ -n "$ENTRY_PATH" ] || { echo "bench: no entry found on /blog0002/"; exit 1; }
curl -s "http://127.0.0.1:$PORT_T$ENTRY_PATH" >"$OUT/www/entry.html"
PAGE_BYTES=$(wc -c <"$OUT/www/entry.html")

cat >"$OUT/nginx.conf" <<CONF
worker_processes 2;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$PORT_N;
    root $OUT/www;
    location / { default_type "text/html; charset=utf-8"; }
  }
}
CONF
nginx -c "$OUT/nginx.conf" -p "$OUT"
nginx_started=1

echo "entry page: $ENTRY_PATH ($PAGE_BYTES bytes); $RUNS runs of ${DURATION}s, $CONNS connections, wrk -t2"
read -r cached_rps cached_p99 < <(measure "http://127.0.0.1:$PORT_T$ENTRY_PATH")
read -r nginx_rps nginx_p99 < <(measure "http://127.0.0.1:$PORT_N/entry.html")
stop_tsuzuri
cached_rss=$peak_rss_kb

start_tsuzuri off
read -r uncached_rps uncached_p99 < <(measure "http://127.0.0.1:$PORT_T$ENTRY_PATH")
stop_tsuzuri
uncached_rss=$peak_rss_kb

printf '\n%-34s %12s %10s %12s\n' "" "req/s" "p99 ms" "peak RSS MB"
printf '%-34s %12.0f %10.2f %12s\n' "nginx, static file" "$nginx_rps" "$nginx_p99" "-"
printf '%-34s %12.0f %10.2f %12.1f\n' "tsuzuri, page cache on" "$cached_rps" "$cached_p99" "$(echo "$cached_rss/1024" | bc -l)"
printf '%-34s %12.0f %10.2f %12.1f\n' "tsuzuri, page cache off (SQLite)" "$uncached_rps" "$uncached_p99" "$(echo "$uncached_rss/1024" | bc -l)"
printf '\ncached / nginx:   %.2f (goal >= 1.0: serving from memory can match sendfile)\n' "$(echo "$cached_rps/$nginx_rps" | bc -l)"
printf 'uncached / nginx: %.3f; goal >= 0.13\n' "$(echo "$uncached_rps/$nginx_rps" | bc -l)"

echo
rm -f "$OUT"/import.sqlite3*
"$BIN/tsuzuri-bench" --database "sqlite://$OUT/import.sqlite3?mode=rwc" import-speed --entries 10000 --comments 50000
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  "$BIN/tsuzuri-bench" --database "$BENCH_POSTGRES_URL" import-speed --entries 10000 --comments 50000
fi
