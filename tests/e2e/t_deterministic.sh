# The same revision gives byte-identical output whatever the time zone,
# locale or umask.
. "$(dirname "$0")/lib.sh"
plan_repo "$T/r"
(umask 022; TZ=UTC LC_ALL=C "$SSG" build -C "$T/r" -o "$T/a")
(umask 077; TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8 "$SSG" build -C "$T/r" -o "$T/b")
(umask 002; TZ=America/New_York LANG=vi_VN.UTF-8 "$SSG" build -C "$T/r" -o "$T/c")
diff -r "$T/a" "$T/b" || fail "TZ/umask changed the output"
diff -r "$T/a" "$T/c" || fail "TZ/locale changed the output"
# Modes do not follow the umask either.
m=$(stat -c %a "$T/b/index.html")
[ "$m" = 644 ] || fail "index.html mode $m under umask 077"
echo ok
