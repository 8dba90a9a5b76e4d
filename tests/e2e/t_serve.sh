# ssg serve: builds the work tree into .git/ssg/serve, serves it on
# 127.0.0.1, rebuilds on change, shows build errors in the browser, refuses
# paths outside the site and stops cleanly on SIGINT and SIGTERM.  Waits
# are bounded polls, never timing assertions.
. "$(dirname "$0")/lib.sh"
pids=""
trap 'for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$T"' EXIT
mini_repo "$T/r"

# start NAME ARGS...: starts ssg in the background with SIGINT at its
# default (a background job of a script inherits it ignored), and waits
# for the URL it prints.  Sets $pid and $url.
start() {
	name=$1
	shift
	perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' \
		"$SSG" serve "$@" >"$T/$name.out" 2>"$T/$name.err" &
	pid=$!
	pids="$pids $pid"
	url=
	for _ in $(seq 100); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$T/$name.out" || true)
		[ -n "$url" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$url" ] || { cat "$T/$name.err" >&2; fail "$name printed no URL"; }
}

# get PATH: fetches $url/PATH as sent; body in $T/body, status in $code.
get() {
	code=$(curl -s --path-as-is -o "$T/body" -D "$T/headers" \
		-w '%{http_code}' "$url$1")
}

# wait_for PATH TEXT: polls until the page holds TEXT (at most 5 s).
wait_for() {
	for _ in $(seq 50); do
		get "$1"
		grep -qF -- "$2" "$T/body" && return 0
		sleep 0.1
	done
	fail "/$1 never showed: $2"
}

# stop PID SIGNAL: sends the signal and waits (bounded) for a clean exit.
stop() {
	kill "-$2" "$1"
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$1" 2>/dev/null && fail "ssg serve did not stop on SIG$2"
	set +e
	wait "$1"
	st=$?
	set -e
	[ "$st" = 0 ] || fail "ssg serve exited $st on SIG$2"
}

start a -C "$T/r" -p 0
echo "$url" | grep -q '^http://127\.0\.0\.1:[1-9][0-9]*/$' || fail "bad URL $url"
port=$(echo "$url" | sed 's|.*:\([0-9]*\)/|\1|')
# Only on the loopback address.
ss -ltn | grep -q "127\.0\.0\.1:$port " || fail "not listening on 127.0.0.1"
! ss -ltn | grep ":$port " | grep -qv '127\.0\.0\.1:' ||
	fail "listening beyond 127.0.0.1"

# The work tree, not the commit, built into .git/ssg/serve.
sed -i 's/Giới thiệu./Bản nháp chưa lưu./' "$T/r/content/_index.md"
wait_for "" 'Bản nháp chưa lưu.'
[ "$code" = 200 ] || fail "/ answered $code"
grep -qi '^content-type: text/html; charset=utf-8' "$T/headers" || fail "html type"
[ -f "$T/r/.git/ssg/serve/site/index.html" ] || fail "no site in .git/ssg/serve"
[ ! -e "$T/r/public" ] || fail "serve wrote public/"

# Files, types, directories.
get static/style.css
[ "$code" = 200 ] || fail "style.css answered $code"
grep -qi '^content-type: text/css' "$T/headers" || fail "css type"
get data/indicators.csv
grep -qi '^content-type: text/csv' "$T/headers" || fail "csv type"
get muc-tieu
[ "$code" = 301 ] || fail "directory without / answered $code"
grep -qi '^location: /muc-tieu/' "$T/headers" || fail "no redirect to /muc-tieu/"
get muc-tieu/
[ "$code" = 200 ] || fail "/muc-tieu/ answered $code"
has "$T/body" '75,5'
get no-such-page/
[ "$code" = 404 ] || fail "missing page answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -I "$url")
[ "$code" = 200 ] || fail "HEAD answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x=1 "$url")
[ "$code" = 405 ] || fail "POST answered $code"

# Nothing outside the site.
echo 'bí mật' > "$T/r/.git/ssg/serve/secret.txt"
for p in ../secret.txt ../../../../etc/passwd %2e%2e/secret.txt \
	%2E%2E/%2e%2e/config 'index.html%00.css' ..%2fsecret.txt .ssg-output; do
	get "$p"
	case $code in 400 | 404) ;; *) fail "/$p answered $code" ;; esac
	hasnt "$T/body" 'bí mật'
	hasnt "$T/body" 'root:'
done

# Only requests addressed to this machine (no DNS rebinding).
code=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Host: attacker.example' "$url")
[ "$code" = 400 ] || fail "foreign Host answered $code"
hasnt "$T/body" 'Bản nháp'
code=$(curl -s -o /dev/null -w '%{http_code}' \
	"http://localhost:$port/" --resolve "localhost:$port:127.0.0.1")
[ "$code" = 200 ] || fail "localhost answered $code"

# An edit is picked up.
sed -i 's/Bản nháp chưa lưu./Đã sửa lần hai./' "$T/r/content/_index.md"
wait_for "" 'Đã sửa lần hai.'

# A broken CSV: every page shows the errors, and so does the terminal.
printf '3,"Tỷ lệ chưa đóng ngoặc,%%,1,2,3,\n' >> "$T/r/data/indicators.csv"
wait_for "" 'data/indicators.csv:4:'
[ "$code" = 500 ] || fail "error page answered $code"
has "$T/body" 'error:'
has "$T/body" '&quot;'
hasnt "$T/body" 'Đã sửa lần hai.'
get muc-tieu/
has "$T/body" 'data/indicators.csv:4:'
get static/style.css
has "$T/body" 'data/indicators.csv:4:'
for _ in $(seq 50); do
	grep -q 'data/indicators.csv:4:[0-9]*: error: ' "$T/a.err" && break
	sleep 0.1
done
has "$T/a.err" 'data/indicators.csv:4:'
has "$T/a.out" 'build failed'
# ... until it is fixed.
sed -i '$d' "$T/r/data/indicators.csv"
wait_for "" 'Đã sửa lần hai.'
[ "$code" = 200 ] || fail "fixed site answered $code"

# A new directory is watched too.
mkdir "$T/r/content/posts"
printf -- '---\ntitle: "Tin mới"\ndate: "02/07/2024"\n---\nNội dung tin mới.\n' \
	> "$T/r/content/posts/tin-moi.md"
wait_for posts/tin-moi/ 'Nội dung tin mới.'
# ... and directories made below new ones, in one go.
mkdir -p "$T/r/theme/static/img/icons"
printf '<svg xmlns="http://www.w3.org/2000/svg"><title>Cờ</title></svg>\n' \
	> "$T/r/theme/static/img/icons/co.svg"
wait_for static/img/icons/co.svg '<title>Cờ</title>'
grep -qi '^content-type: image/svg+xml' "$T/headers" || fail "svg type"

# A port in use is an environment error.
set +e
timeout 20 "$SSG" serve -C "$T/r" -p "$port" >"$T/b.out" 2>"$T/b.err"
st=$?
set -e
[ "$st" = 2 ] || fail "busy port: exit $st"
has "$T/b.err" 'ssg: error: cannot listen on 127.0.0.1:'
run_ssg 2 serve -C "$T/r" -p 70000
has "$T/err" 'ssg: error: -p wants a port number'
run_ssg 2 serve -C "$T/nowhere" -p 0

stop "$pid" INT
start c -C "$T/r" -p 0
stop "$pid" TERM
echo ok
