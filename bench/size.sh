#!/usr/bin/env bash
# A page's cost must not grow with the blog: random entry pages of one blog, rendered from
# SQLite on every request (--page-cache off), for a 1,000-entry blog, a 20,000-entry blog and
# (HUGE=1) a 1,000,000-entry blog, in one run. Prints req/s (median of RUNS runs) and p99 of
# each, and each big blog's ratio to the small one: the goal is >= 0.9.
#
#   bench/size.sh                 # 1,000 and 20,000 entries
#   HUGE=1 bench/size.sh          # also 1,000,000 entries (seeding takes several minutes)
# Needs: wrk, curl and sqlite3 (Debian: apt-get install wrk curl sqlite3). Loopback only;
# stops by itself. The data sets are kept in bench/out/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${OUT:-$ROOT/bench/out}
DURATION=${DURATION:-8}
RUNS=${RUNS:-3}
CONNS=${CONNS:-64}
HUGE=${HUGE:-0}
PORT=18184
mkdir -p "$OUT"
for tool in wrk curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)"; exit 2; }
done

cargo build --release -q -p tsuzuri -p tsuzuri-bench
BIN=$ROOT/target/release

# name entries per_day: one blog, posting per_day entries a day for the same 1,000 days from
# 2006, so every page has the same sidebar (36 monthly archives) and only the number of
# entries differs; one comment per entry on average. (A blog that posts for 14 years has a
# longer archive list and a bigger page, whatever its number of entries.)
sets=("small 1000 1" "big 20000 20")
[ "$HUGE" = 1 ] && sets+=("huge 1000000 1000")

seed() { # name entries per_day
  local data=$OUT/size-$1
  if [ "$(cat "$data/seeded" 2>/dev/null)" != "$2 $3" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    "$BIN/tsuzuri-bench" --database "sqlite://$data/tsuzuri.sqlite3?mode=rwc" \
      seed --blogs 1 --entries "$2" --comments 1 --per-day "$3"
    echo "$2 $3" >"$data/seeded"
  fi
}

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

measure() { # name: prints "req/s p99_ms" of the median run
  local data=$OUT/size-$1 urls=$OUT/size-$1-urls.txt results=()
  # 5,000 random public entries (not just the newest, which a cache would favour).
  sqlite3 "$data/tsuzuri.sqlite3" \
    "SELECT '/blog0000/' || path FROM entries WHERE status = 'publish' ORDER BY random() LIMIT 5000" >"$urls"
  cat >"$OUT/size.lua" <<LUA
local paths = {}
for line in io.lines("$urls") do paths[#paths + 1] = line end
math.randomseed(42)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
  # Every blog is measured with its database in the OS file cache, as on a host with the
  # memory for it: otherwise the big file's first random pages measure the disk, not tsuzuri.
  cat "$data/tsuzuri.sqlite3" >/dev/null
  "$BIN/tsuzuri" serve --data "$data" --listen "127.0.0.1:$PORT" --page-cache off >"$OUT/size-serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$(head -n1 "$urls")")
  [ "$status" = 200 ] || { echo "bench: $(head -n1 "$urls") answered $status" >&2; exit 1; }
  wrk -t2 -c"$CONNS" -d2s -s "$OUT/size.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$RUNS"); do
    local out
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$OUT/size.lua" "http://127.0.0.1:$PORT")
    results+=("$(echo "$out" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p=v} END {print r, p}')")
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  printf '%s\n' "${results[@]}" | sort -n -k1 | sed -n "$(( (RUNS + 1) / 2 ))p"
}

for set in "${sets[@]}"; do
  # shellcheck disable=SC2086
  seed $set
done

echo "random entry pages, page cache off; $RUNS runs of ${DURATION}s, $CONNS connections"
printf '\n%-28s %12s %10s %10s\n' "" "req/s" "p99 ms" "vs small"
small_rps=""
for set in "${sets[@]}"; do
  read -r name entries _ <<<"$set"
  read -r rps p99 < <(measure "$name")
  [ -z "$small_rps" ] && small_rps=$rps
  printf '%-28s %12.0f %10.2f %10.2f\n' "$entries entries" "$rps" "$p99" "$(echo "$rps/$small_rps" | bc -l)"
done
printf '\ngoal: every blog >= 0.90 of the small one\n'
