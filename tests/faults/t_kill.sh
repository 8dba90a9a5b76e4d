# kill -9, SIGTERM and SIGINT at several moments of a build: OUT stays
# byte for byte as it was, a signalled build exits 128 + the signal and
# leaves nothing beside OUT, and after a kill -9 the next build removes
# what the killed one left (its temporary site, its temporary zip) and
# publishes what a cold build would.  Moments are chosen by
# SSG_TEST_STOP_AT (stop.h): the build stops itself there and is killed
# while stopped.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_history "$R"
S=$T/pub/site
mkdir -p "$T/pub"

# no_litter: nothing of a build left beside OUT or in .git/ssg.
no_litter() {
	l=$(litter "$T/pub"; find "$R/.git/ssg" -name '*.tmp*' 2>/dev/null)
	[ -z "$l" ] || fail "left behind ($1): $l"
}

# OUT absent: a stopped first build must not create it.
for point in pages write:30 publish swap; do
	stop_at $point KILL build -C "$R" -o "$S" --archive "$T/pub/site.zip"
	[ "$st" = 137 ] || fail "kill -9 at $point: status $st"
	[ ! -e "$S" ] || fail "kill -9 at $point made OUT"
	[ ! -e "$T/pub/site.zip" ] || fail "kill -9 at $point made the zip"
	stop_at $point TERM build -C "$R" -o "$S" --archive "$T/pub/site.zip"
	[ "$st" = 143 ] || { cat "$T/err"; fail "SIGTERM at $point: status $st"; }
	[ ! -e "$S" ] || fail "SIGTERM at $point made OUT"
	no_litter "SIGTERM at $point, first build"
done
stop_at archive INT build -C "$R" -o "$S" --archive "$T/pub/site.zip"
[ "$st" = 130 ] || fail "SIGINT at archive: status $st"
no_litter "SIGINT at archive, first build"
grep -q "stopped by signal 2" "$T/err" || fail "no word of the signal: $(cat "$T/err")"

# The history cache half written (.git/ssg emptied first, so that it is
# the first file the build keeps there): the next build removes it.
rm -rf "$R/.git/ssg"
stop_at store KILL build -C "$R" -o "$S"
[ -n "$(find "$R/.git/ssg" -name '*.tmp')" ] ||
	fail "kill -9 in the store's write left nothing: the test proves nothing"
rm -f "$R/.git/ssg/history.cache"
stop_at store TERM build -C "$R" -o "$S"
[ "$st" = 143 ] || fail "SIGTERM in the store's write: status $st"
[ ! -e "$S" ] || fail "SIGTERM in the store's write made OUT"
[ -z "$(find "$R/.git/ssg" -name '*.tmp')" ] ||
	fail "the store's temporary file of a killed build is still there"
rm -rf "$S" "$T/pub/.site.ssg-prev"

# The litter of the kills above goes with the next build.
stop_at archive KILL build -C "$R" -o "$S" --archive "$T/pub/site.zip"
[ -n "$(litter "$T/pub")" ] || fail "kill -9 left nothing: the test proves nothing"
run_ssg 0 build -C "$R" -o "$S" --archive "$T/pub/site.zip"
no_litter "the build after kill -9"
same_as_cold "$S" "$R"

# OUT and its twin in place: every stopped rebuild leaves OUT as it was.
run_ssg 0 build -C "$R" -o "$S" --archive "$T/pub/site.zip"
printf '\nThêm câu nữa.\n' >> "$R/content/03-nhiem-vu.md"
commit "$R" "2024-05-01T09:00:00+07:00" "Cập nhật lần hai"
tree_sum "$S" > "$T/before"
cp "$T/pub/site.zip" "$T/zip.before"
for point in pages write:30 publish archive swap; do
	for sig in KILL TERM; do
		stop_at $point $sig build -C "$R" -o "$S" --archive "$T/pub/site.zip"
		case $sig in KILL) want=137;; TERM) want=143;; esac
		[ "$st" = $want ] || fail "$sig at $point: status $st"
		tree_sum "$S" | cmp -s - "$T/before" || fail "$sig at $point changed OUT"
		cmp -s "$T/pub/site.zip" "$T/zip.before" || fail "$sig at $point changed the zip"
		[ $sig = KILL ] || no_litter "$sig at $point, rebuild"
	done
done
run_ssg 0 build -C "$R" -o "$S" --archive "$T/pub/site.zip"
no_litter "the rebuild after kill -9"
same_as_cold "$S" "$R"

# With the twin long out of service, a data commit's lines are added to
# the twin's own data/history.jsonl where it is (out.h).  Stopped after
# that, OUT is as it was; the next build, which finds that file changed
# since its record, publishes what a cold build would.
J=data/history.jsonl
twin=$T/pub/.site.ssg-prev
n=0
data_commit() {
	n=$((n + 1))
	sed -i "s/^9,\(.*\),%,48,49,[^,]*,/9,\1,%,48,49,4$n,/" "$R/data/indicators.csv"
	commit "$R" "2024-06-0${n}T09:00:00+07:00" "Kết quả chỉ tiêu 9, lần $n"
}
for sig in KILL TERM; do
	data_commit
	run_ssg 0 build -C "$R" -o "$S"
	data_commit
	run_ssg 0 build -C "$R" -o "$S"
	data_commit
	touch -h -d '-10 minutes' "$twin/.ssg-output"
	[ "$(stat -c %h "$twin/$J")" = 1 ] || fail "the twin's $J has a second name"
	ino=$(stat -c %i "$twin/$J")
	size=$(stat -c %s "$twin/$J")
	tree_sum "$S" > "$T/before"
	stop_at publish $sig build -C "$R" -o "$S"
	tree_sum "$S" | cmp -s - "$T/before" || fail "$sig after the growth changed OUT"
	[ "$(stat -c %i "$twin/$J")" = "$ino" ] || fail "$sig: $J not grown where it was"
	[ "$(stat -c %s "$twin/$J")" -gt "$size" ] ||
		fail "$sig: nothing added to $J: the test proves nothing"
	run_ssg 0 build -C "$R" -o "$S"
	same_as_cold "$S" "$R"
done
echo ok
