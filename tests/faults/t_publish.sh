# A build that fails leaves OUT as it was, whatever step fails: an
# archive that cannot be written (--archive into a missing directory)
# fails before the site goes live (it used to exit 2 after swapping OUT).
# Two builds into one OUT at once: neither removes the other's temporary
# site (each holds a lock on its own), both succeed, and OUT is then what
# a cold build writes.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_repo "$R"
S=$T/pub/site
mkdir -p "$T/pub"

run_ssg 2 build -C "$R" -o "$S" --archive "$T/no-such-dir/site.zip"
[ ! -e "$S" ] || fail "a failed first build made OUT"
[ -z "$(litter "$T/pub")" ] || fail "left: $(litter "$T/pub")"

run_ssg 0 build -C "$R" -o "$S"
printf '\nThêm một câu.\n' >> "$R/content/02-chi-tieu.md"
commit "$R" "2024-04-01T09:00:00+07:00" "Cập nhật"
for i in 1 2; do # through a new tree, then through the twin
	tree_sum "$S" > "$T/before"
	run_ssg 2 build -C "$R" -o "$S" --archive "$T/no-such-dir/site.zip"
	has "$T/err" "no-such-dir"
	tree_sum "$S" | cmp -s - "$T/before" || fail "a failed archive changed OUT ($i)"
	[ -z "$(litter "$T/pub")" ] || fail "left: $(litter "$T/pub")"
done

# Concurrent first builds: A waits with its temporary site half written
# while B builds, sweeps and publishes; A then publishes too.
rm -rf "$S" "$T/pub/.site.ssg-prev"
SSG_TEST_STOP_AT=write:20 "$SSG" build -C "$R" -o "$S" >"$T/a.out" 2>&1 &
a=$!
while [ "$(state $a)" != T ]; do
	[ "$(state $a)" != Z ] || fail "A ended before it stopped"
	sleep 0.01
done
tmp=$(litter "$T/pub")
[ -n "$tmp" ] || fail "A has no temporary site"
run_ssg 0 build -C "$R" -o "$S"
[ -d "$tmp" ] || fail "B removed A's temporary site $tmp"
kill -CONT $a
wait $a || fail "A failed: $(cat "$T/a.out")"
same_as_cold "$S" "$R"
[ -z "$(litter "$T/pub")" ] || fail "left: $(litter "$T/pub")"

# Concurrent rebuilds: A holds the twin, B builds beside it.
printf '\nThêm câu nữa.\n' >> "$R/content/03-nhiem-vu.md"
commit "$R" "2024-05-01T09:00:00+07:00" "Cập nhật lần hai"
SSG_TEST_STOP_AT=publish "$SSG" build -C "$R" -o "$S" >"$T/a.out" 2>&1 &
a=$!
while [ "$(state $a)" != T ]; do
	[ "$(state $a)" != Z ] || fail "A ended before it stopped"
	sleep 0.01
done
run_ssg 0 build -C "$R" -o "$S"
kill -CONT $a
wait $a || fail "A failed: $(cat "$T/a.out")"
same_as_cold "$S" "$R"
[ -z "$(litter "$T/pub")" ] || fail "left: $(litter "$T/pub")"
echo ok
