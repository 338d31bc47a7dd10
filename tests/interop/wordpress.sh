#!/usr/bin/env bash
# Interoperability with WordPress (Debian's `wordpress` package on the local MariaDB) as a
# peer, all on 127.0.0.1:
#   WordPress → tsuzuri: a WordPress post linking to a tsuzuri entry sends it a Pingback,
#     and its "Send trackbacks to" field sends a TrackBack.
#   tsuzuri → WordPress: a tsuzuri entry linking to a WordPress post sends it a Pingback,
#     and a TrackBack URL listed in the editor sends a TrackBack.
# Prints what each side received and exits non-zero if anything is missing.
#
# Run as root from the repository root on a machine with MariaDB running:
#   bash tests/interop/wordpress.sh
# It installs wordpress, php-cli and php-mysql when missing, creates a database
# `tsuzuri_wp_interop` (dropped again at the end), and stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

WP_PORT=${WP_PORT:-8091}
TS_PORT=${TS_PORT:-8092}
WP="http://127.0.0.1:$WP_PORT"
TS="http://127.0.0.1:$TS_PORT"
WORK=$(mktemp -d)
DB=tsuzuri_wp_interop
pids=()
cleanup() {
  if [ -n "${KEEP:-}" ]; then echo "KEEP set: left running (work dir $WORK)"; return; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  mariadb -e "DROP DATABASE IF EXISTS $DB; DROP USER IF EXISTS 'wpinterop'@'localhost';" 2>/dev/null || true
  rm -f /etc/wordpress/config-127.0.0.1.php /usr/share/wordpress/wp-content/mu-plugins/tsuzuri-interop.php
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- tsuzuri log (last lines)" >&2; tail -n 20 "$WORK/tsuzuri.log" >&2 || true
  echo "--- PHP server log (last lines)" >&2; tail -n 20 "$WORK/php.log" >&2 || true
  mariadb "$DB" -e "SELECT ID, post_title, post_status, to_ping, pinged FROM wp_posts WHERE post_type = 'post'" >&2 || true
  exit 1
}

# Never touch a WordPress set up for something else.
for f in /etc/wordpress/config-127.0.0.1.php /usr/share/wordpress/wp-content/mu-plugins/tsuzuri-interop.php; do
  [ -e "$f" ] && { echo "$f exists: this machine's WordPress is in use (or an earlier run was killed); remove it first" >&2; trap - EXIT; exit 2; }
done
command -v php >/dev/null && [ -d /usr/share/wordpress ] && php -m | grep -qi mysqli || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordpress php-cli php-mysql php-xml curl >/dev/null
}
cargo build -q -p tsuzuri
TSUZURI=$PWD/target/debug/tsuzuri

# --- WordPress on MariaDB, served by PHP's built-in server -------------------------------
mariadb -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4;
  CREATE USER IF NOT EXISTS 'wpinterop'@'localhost' IDENTIFIED BY 'wpinterop';
  GRANT ALL ON $DB.* TO 'wpinterop'@'localhost';"
cat > /etc/wordpress/config-127.0.0.1.php <<PHP
<?php
define('DB_NAME', '$DB');
define('DB_USER', 'wpinterop');
define('DB_PASSWORD', 'wpinterop');
define('DB_HOST', 'localhost');
define('WP_HOME', '$WP');
define('WP_SITEURL', '$WP');
define('WP_CONTENT_DIR', '/usr/share/wordpress/wp-content');
\$table_prefix = 'wp_';
PHP
# WordPress refuses to talk to loopback addresses; this peer is on loopback on purpose.
mkdir -p /usr/share/wordpress/wp-content/mu-plugins
cat > /usr/share/wordpress/wp-content/mu-plugins/tsuzuri-interop.php <<'PHP'
<?php
add_filter('http_request_host_is_external', '__return_true');
add_filter('http_allowed_safe_ports', function ($ports) { $ports[] = (int) getenv('TS_PORT'); return $ports; });
add_filter('http_request_args', function ($args) { $args['reject_unsafe_urls'] = false; return $args; });
PHP
TS_PORT=$TS_PORT PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$WP_PORT" -t /usr/share/wordpress >"$WORK/php.log" 2>&1 &
pids+=($!)

# --- tsuzuri on SQLite, allowed to reach loopback peers -----------------------------------
export TSUZURI_DATA="$WORK/tsuzuri"
echo 'interop-password' | "$TSUZURI" user add alice --email alice@example.com --password-stdin --admin >/dev/null
"$TSUZURI" blog create diary --owner alice --title '日記' --lang ja --timezone Asia/Tokyo >/dev/null
RUST_LOG=info,tower_http=debug "$TSUZURI" serve --listen "127.0.0.1:$TS_PORT" --public-url "$TS" --outbound-allow-private >"$WORK/tsuzuri.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "$TS/" >/dev/null && curl -s "$WP/" >/dev/null && break; sleep 0.2; done

curl -sf -o /dev/null "$WP/wp-admin/install.php?step=2" \
  --data-urlencode weblog_title='WP peer' --data-urlencode user_name=wpadmin \
  --data-urlencode admin_password=wp-interop-pass --data-urlencode admin_password2=wp-interop-pass \
  --data-urlencode pw_weak=1 --data-urlencode admin_email=wp@example.com --data-urlencode blog_public=1 \
  || fail "WordPress did not install"

# Signs in to tsuzuri's admin and saves an entry through the editor form.
jar="$WORK/cookies"
curl -sf -c "$jar" -o /dev/null "$TS/admin/sign-in" \
  --data-urlencode login=alice --data-urlencode password=interop-password -w '' || true
tsuzuri_save() { # title basename body trackback_urls
  local form csrf
  form=$(curl -sf -b "$jar" "$TS/admin/diary/entries/new")
  csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')
  curl -sf -b "$jar" -o /dev/null -w '%{redirect_url}' "$TS/admin/diary/entries/new" \
    --data-urlencode csrf="$csrf" --data-urlencode title="$1" --data-urlencode basename="$2" \
    --data-urlencode body="$3" --data-urlencode text_format=0 --data-urlencode status=publish \
    --data-urlencode allow_pings=true --data-urlencode allow_comments=true \
    --data-urlencode trackback_urls="$4"
}

# An entry for WordPress to ping.
edit=$(tsuzuri_save '紫陽花を見た' ajisai '<p>鎌倉の紫陽花。</p>' '')
[ -n "$edit" ] || fail "tsuzuri did not save the entry"
entry_url=$(curl -sf "$TS/diary/" | grep -o "$TS/diary/[0-9]*/[0-9]*/ajisai.html" | head -1)
tb_url=$(curl -sf "$entry_url" | grep -o "$TS/diary/trackback/[0-9]*" | head -1)
[ -n "$entry_url" ] && [ -n "$tb_url" ] || fail "no entry URL or TrackBack URL on the tsuzuri page"

xmlrpc_post() { # title html tb_urls → post id
  local tb=""
  [ -n "$3" ] && tb="<member><name>mt_tb_ping_urls</name><value><array><data><value><string>$3</string></value></data></array></value></member>"
  curl -sf "$WP/xmlrpc.php" -H 'Content-Type: text/xml' --data-binary @- <<XML | grep -o '<string>[0-9]*</string>' | sed 's/<[^>]*>//g'
<?xml version="1.0" encoding="utf-8"?>
<methodCall><methodName>metaWeblog.newPost</methodName><params>
<param><value><string>1</string></value></param>
<param><value><string>wpadmin</string></value></param>
<param><value><string>wp-interop-pass</string></value></param>
<param><value><struct>
<member><name>title</name><value><string>$1</string></value></member>
<member><name>description</name><value><string>$2</string></value></member>
$tb
</struct></value></param>
<param><value><boolean>1</boolean></value></param>
</params></methodCall>
XML
}

# WordPress → tsuzuri: one post links to the entry (Pingback), one lists its TrackBack URL.
pb_post=$(xmlrpc_post 'Read about hydrangeas' "&lt;p&gt;I read &lt;a href=\"$entry_url\"&gt;this entry&lt;/a&gt;.&lt;/p&gt;" '')
tb_post=$(xmlrpc_post 'Hydrangeas, a TrackBack' "&lt;p&gt;About &lt;a href=\"$entry_url\"&gt;紫陽花&lt;/a&gt;, again.&lt;/p&gt;" "$tb_url")
[ -n "$pb_post" ] && [ -n "$tb_post" ] || fail "WordPress did not create the posts"
# WordPress sends pings from its cron (pingbacks only when the site is public: installing
# with "discourage search engines" turns them off); run it until nothing is left.
for _ in 1 2 3; do curl -s -o /dev/null "$WP/wp-cron.php?doing_wp_cron=$(date +%s.%N)"; sleep 1; done
page=$(curl -sf "$entry_url")
grep -q 'Read about hydrangeas' <<<"$page" && echo "ok: WordPress → tsuzuri Pingback shown" || fail "the Pingback from WordPress is not on the entry"
grep -q 'Hydrangeas, a TrackBack' <<<"$page" && echo "ok: WordPress → tsuzuri TrackBack shown" || fail "the TrackBack from WordPress is not on the entry"

# tsuzuri → WordPress: an entry linking to one post (Pingback) and listing another's TrackBack URL.
target_post=$(xmlrpc_post 'A post to be pinged' '&lt;p&gt;Hello.&lt;/p&gt;' '')
tb_target=$(xmlrpc_post 'A post to be tracked back' '&lt;p&gt;Hello again.&lt;/p&gt;' '')
# The post's TrackBack URL, as WordPress makes it with pretty permalinks: PERMALINK/trackback/.
tb_target_url="$(curl -s -o /dev/null -w '%{redirect_url}' "$WP/?p=$tb_target")trackback/"
tsuzuri_save '返信の記事' reply "<p><a href=\"$WP/?p=$target_post\">WordPressの記事</a>を読みました。</p>" \
  "$tb_target_url" >/dev/null
# WordPress's flood control refuses a second ping from one address within seconds (HTTP
# 429); tsuzuri retries it with backoff (2 minutes), so this waits up to 4 minutes.
for _ in $(seq 1 480); do
  n=$(mariadb -N "$DB" -e "SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID IN ($target_post, $tb_target)")
  [ "$n" -ge 2 ] && break
  sleep 0.5
done
mariadb "$DB" -e "SELECT comment_post_ID AS post, comment_type AS type, comment_author AS author, comment_author_url AS url, comment_approved AS approved FROM wp_comments WHERE comment_post_ID IN ($target_post, $tb_target)"
[ "$(mariadb -N "$DB" -e "SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = $target_post AND comment_type = 'pingback'")" -ge 1 ] \
  && echo "ok: tsuzuri → WordPress Pingback received" || fail "WordPress has no Pingback from tsuzuri"
[ "$(mariadb -N "$DB" -e "SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = $tb_target AND comment_type = 'trackback' AND comment_author LIKE '%日記%'")" -ge 1 ] \
  && echo "ok: tsuzuri → WordPress TrackBack received (blog name in UTF-8)" || fail "WordPress has no TrackBack from tsuzuri"
echo "all WordPress interoperability checks passed"
