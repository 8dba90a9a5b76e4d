# Usage and environment problems: "ssg: error: ...", exit status 2.
. "$(dirname "$0")/lib.sh"
mkdir "$T/plain"
run_ssg 2 build -C "$T/plain" -o "$T/o"
has "$T/err" 'ssg: error:'
mini_repo "$T/r"
run_ssg 2 build -C "$T/r" --rev no-such-rev -o "$T/o"
has "$T/err" "ssg: error: unknown revision"
echo file > "$T/file"
run_ssg 2 build -C "$T/r" -o "$T/file"
has "$T/err" 'ssg: error:'
[ "$(cat "$T/file")" = file ] || fail "OUT file was touched"
run_ssg 2 build -C "$T/r" --bogus
has "$T/err" "ssg: error: unknown option '--bogus' for 'build': ssg build --help lists its options"
LANG=vi_VN.UTF-8 run_ssg 2 build -C "$T/r" --bogus
has "$T/err" "ssg: error: lệnh 'build' không có tùy chọn '--bogus': lệnh ssg build --help liệt kê các tùy chọn của nó"
run_ssg 2 frobnicate
new_repo "$T/empty"
run_ssg 2 build -C "$T/empty" -o "$T/o"
has "$T/err" 'no commits'
run_ssg 0 --help
# A command's --help (or -h) is its usage on stdout, status 0, and does
# nothing else: no site is built where it runs.
for cmd in build check history diff serve init; do
	for h in --help -h; do
		(cd "$T/r" && run_ssg 0 "$cmd" "$h")
		has "$T/out" "usage:"
		has "$T/out" "  ssg $cmd "
		[ ! -s "$T/err" ] || fail "ssg $cmd $h wrote to stderr"
		for other in build check history diff serve init; do
			[ "$other" = "$cmd" ] || hasnt "$T/out" "ssg $other "
		done
	done
done
[ ! -e "$T/r/public" ] || fail "ssg build --help built a site"
run_ssg 0 build -C "$T/r" -o "$T/o2" --help
[ ! -e "$T/o2" ] || fail "ssg build -o DIR --help built a site"
echo ok
