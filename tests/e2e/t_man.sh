# The manual page: formats without a warning, documents every command and
# option that `ssg --help` lists, and `make install` puts it in man1.
. "$(dirname "$0")/lib.sh"
page="$ROOT/doc/ssg.1"
groff -k -man -Tutf8 -ww -z "$page" 2>"$T/warn" || fail "groff failed"
[ -s "$T/warn" ] && { cat "$T/warn" >&2; fail "groff warns"; }
MANWIDTH=200 groff -k -man -Tutf8 -rLL=200n "$page" 2>/dev/null |
	sed 's/.\x08//g' > "$T/man.txt"
"$SSG" --help > "$T/usage"
for word in $(grep -o -- '-[-a-zA-Z]*' "$T/usage" | sort -u) \
	build check history diff serve init; do
	grep -qE -- "(^|[^a-zA-Z-])$word([^a-zA-Z-]|\$)" "$T/man.txt" ||
		fail "the man page lacks $word"
done
for section in 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES NO_COLOR .git/ssg/; do
	has "$T/man.txt" "$section"
done
# Installed beside the binary, from the build directory $SSG came from.
build=$(dirname "$SSG")
if [ -f "$build/libssg.a" ]; then
	make -s -C "$ROOT" BUILD="$build" PREFIX="$T/usr" install >/dev/null
	cmp "$page" "$T/usr/share/man/man1/ssg.1" || fail "man page not installed"
	[ -x "$T/usr/bin/ssg" ] || fail "binary not installed"
	# The messages' catalogue too, where the installed binary finds it.
	[ -f "$T/usr/share/locale/vi/LC_MESSAGES/ssg.mo" ] ||
		fail "the Vietnamese catalogue is not installed"
	LANG=vi_VN.UTF-8 "$T/usr/bin/ssg" bogus 2>"$T/err" || :
	has "$T/err" "ssg: error: không có lệnh 'bogus'"
fi
echo ok
