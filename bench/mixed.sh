#!/usr/bin/env bash
# Reads while writes flow: wrk reads random entry pages of many blogs from the page cache,
# first alone, then while an owner publishes entries on random blogs through the admin (the
# editor's form, over HTTP) at WRITES_PER_SEC. Prints both req/s (median of RUNS runs), p99,
# and the ratio. A write must drop only its own blog's cached pages: the goal is >= 0.8.
#
#   bench/mixed.sh                     # 40 blogs x 200 entries, 5 writes a second
#   BLOGS=100 ENTRIES=100 bench/mixed.sh
# Needs: wrk and curl (Debian: apt-get install wrk curl). Loopback only; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${OUT:-$ROOT/bench/out}
BLOGS=${BLOGS:-40}
ENTRIES=${ENTRIES:-200}
DURATION=${DURATION:-8}
RUNS=${RUNS:-3}
CONNS=${CONNS:-64}
WRITES_PER_SEC=${WRITES_PER_SEC:-5}
PORT=18183
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)"; exit 2; }

cargo build --release -q -p tsuzuri -p tsuzuri-bench
BIN=$ROOT/target/release
DATA=$OUT/mixed-$BLOGS-$ENTRIES
rm -rf "$DATA"
mkdir -p "$DATA"
"$BIN/tsuzuri-bench" --database "sqlite://$DATA/tsuzuri.sqlite3?mode=rwc" seed --blogs "$BLOGS" --entries "$ENTRIES" --comments 2

server_pid=""
writer_pid=""
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT
"$BIN/tsuzuri" serve --data "$DATA" --listen "127.0.0.1:$PORT" >"$OUT/mixed-serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

# Every blog's ten newest entries, as the pages readers ask for.
urls=$OUT/mixed-urls.txt
: >"$urls"
for b in $(seq 0 $((BLOGS - 1))); do
  slug=$(printf 'blog%04d' "$b")
  curl -s "http://127.0.0.1:$PORT/$slug/" | grep -oE "/$slug/[0-9]{4}/[0-9]{2}/entry_[0-9]+\.html" | sort -u | head -n 10 >>"$urls"
done
count=$(wc -l <"$urls")
[ "$count" -gt 0 ] || { echo "bench: no entry pages found"; exit 1; }
cat >"$OUT/mixed.lua" <<LUA
local paths = {}
for line in io.lines("$urls") do paths[#paths + 1] = line end
math.randomseed(42)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA

measure() { # prints "req/s p99_ms" of the median run
  local results=()
  wrk -t2 -c"$CONNS" -d2s -s "$OUT/mixed.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$RUNS"); do
    local out
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$OUT/mixed.lua" "http://127.0.0.1:$PORT")
    results+=("$(echo "$out" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p=v} END {print r, p}')")
  done
  printf '%s\n' "${results[@]}" | sort -n -k1 | sed -n "$(( (RUNS + 1) / 2 ))p"
}

# The owner (the bench user, a host administrator) signs in on the admin origin.
jar=$OUT/mixed-cookies.txt
rm -f "$jar"
admin="http://localhost:$PORT"
curl -s -c "$jar" -o /dev/null --resolve "localhost:$PORT:127.0.0.1" \
  -d "login=bench&password=benchmark-password" "$admin/admin/sign-in"
csrf=$(curl -s -b "$jar" --resolve "localhost:$PORT:127.0.0.1" "$admin/admin/blog0000/entries/new" | grep -oE 'name="csrf" value="[0-9a-f]{64}"' | head -n1 | grep -oE '[0-9a-f]{64}')
[ -n "$csrf" ] || { echo "bench: could not sign in to the admin"; exit 1; }

writer() { # publishes entries on random blogs at WRITES_PER_SEC until killed
  local n=0 pause
  pause=$(echo "1 / $WRITES_PER_SEC" | bc -l)
  while true; do
    n=$((n + 1))
    local slug
    slug=$(printf 'blog%04d' $((RANDOM % BLOGS)))
    curl -s -o /dev/null -b "$jar" --resolve "localhost:$PORT:127.0.0.1" \
      --data-urlencode "csrf=$csrf" --data-urlencode "title=Mixed load $n" \
      --data-urlencode "body=Written while readers read, number $n." \
      -d "text_format=markdown&status=publish&allow_comments=true&allow_pings=true" \
      "$admin/admin/$slug/entries/new" || true
    echo "$n" >"$OUT/mixed-writes.txt"
    sleep "$pause"
  done
}

echo "$count entry pages of $BLOGS blogs x $ENTRIES entries; $RUNS runs of ${DURATION}s, $CONNS connections"
read -r alone_rps alone_p99 < <(measure)
writer &
writer_pid=$!
read -r mixed_rps mixed_p99 < <(measure)
kill "$writer_pid"; wait "$writer_pid" 2>/dev/null || true; writer_pid=""
writes=$(cat "$OUT/mixed-writes.txt" 2>/dev/null || echo 0)

printf '\n%-44s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-44s %12.0f %10.2f\n' "reads alone (page cache on)" "$alone_rps" "$alone_p99"
printf '%-44s %12.0f %10.2f\n' "reads while $WRITES_PER_SEC entries/s are published" "$mixed_rps" "$mixed_p99"
printf '\nwith writes / alone: %.2f (goal >= 0.8); %s entries published during the runs\n' \
  "$(echo "$mixed_rps/$alone_rps" | bc -l)" "$writes"
