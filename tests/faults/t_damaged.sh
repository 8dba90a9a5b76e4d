# Damaged state between builds: the files of .git/ssg (history cache,
# copies' records) cut short, filled with garbage, made directories or
# links; the twin .site.ssg-prev with files gone, a file where a
# directory was and the reverse, a link to a file outside, its marker
# gone, itself a link to a directory outside or a plain file.  Every
# build succeeds, publishes what a cold build publishes, and writes
# nothing outside OUT.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_history "$R"
S=$T/pub/site
P=$T/pub/.site.ssg-prev
mkdir -p "$T/pub" "$T/outside"
echo "not ssg's" > "$T/outside/keep.txt"
tree_sum "$T/outside" > "$T/outside.sum"

# build_ok WHAT: a build succeeds and gives the cold build's site.
build_ok() {
	run_ssg 0 build -C "$R" -o "$S"
	same_as_cold "$S" "$R"
	tree_sum "$T/outside" | cmp -s - "$T/outside.sum" ||
		fail "$1: a file outside OUT was changed"
	[ -z "$(litter "$T/pub")" ] || fail "$1: left $(litter "$T/pub")"
}

run_ssg 0 build -C "$R" -o "$S"
run_ssg 0 build -C "$R" -o "$S"
[ -d "$P" ] || fail "no twin"
# store_files: the files of .git/ssg now (a copy's manifest is named by
# its signature: a copy made again has a new one, the old one goes).
store_files() { (cd "$R/.git/ssg" && find . -type f | sort); }
[ -n "$(store_files)" ] || fail "no files in .git/ssg"
[ -n "$(store_files | grep '/copy-')" ] || fail "no manifest of a copy"
for how in "cut short" garbage "a directory" "a link outside"; do
	for f in $(store_files); do
		g=$R/.git/ssg/$f
		[ -f "$g" ] || continue # gone with a copy made again
		size=$(stat -c %s "$g")
		case $how in
		"cut short") head -c $((size / 2)) "$g" > "$T/half" &&
			cp "$T/half" "$g" ;;
		garbage) head -c "$size" /dev/urandom > "$g" ;;
		"a directory") rm -f "$g" && mkdir "$g" ;;
		*) rm -f "$g" && ln -s "$T/outside/keep.txt" "$g" ;;
		esac
		build_ok "$f $how"
		[ -f "$g" ] && [ ! -L "$g" ] || rm -rf "$g"
	done
done

# The twin.
rm -f "$P/index.html" "$P/data/indicators.csv"
build_ok "twin: files gone"
rm -rf "$P/muc-dich-yeu-cau" 2>/dev/null || true
d=$(cd "$P" && find . -mindepth 2 -name index.html | head -n 1)
rm -f "$P/$d" && mkdir -p "$P/$d/x"
build_ok "twin: a directory where a file was"
d=$(cd "$P" && find . -mindepth 1 -maxdepth 1 -type d ! -name revisions | head -n 1)
rm -rf "$P/$d" && echo x > "$P/$d"
build_ok "twin: a file where a directory was"
rm -f "$P/index.html" && ln -s "$T/outside/keep.txt" "$P/index.html"
build_ok "twin: a link to a file outside"
# A file put by hand beside a kept page, in a directory the build finds
# as it left it otherwise: the directory is read (its time of change is
# not the recorded one) and the file removed.
d=$(cd "$P" && find . -mindepth 2 -maxdepth 2 -name index.html \
	! -path './revisions/*' ! -path './changes/*' | LC_ALL=C sort |
	tail -n 1)
echo stray > "$P/${d%/index.html}/stray.html"
build_ok "twin: a file added beside a kept page"
# A directory of kept pages moved out of the twin, a link to it left in
# its place: its pages have their recorded stamps through the link, yet
# they are not taken through it (the site would hold the link, or lose
# them), and nothing is written there.
d=$(cd "$P" && find . -mindepth 2 -maxdepth 2 -name index.html \
	! -path './revisions/*' ! -path './changes/*' | LC_ALL=C sort |
	head -n 1)
d=${d%/index.html}
[ -n "$d" ] || fail "no page in a directory of its own in the twin"
mkdir -p "$T/outside/moved"
mv "$P/$d" "$T/outside/moved/" && ln -s "$T/outside/moved/${d#./}" "$P/$d"
tree_sum "$T/outside" > "$T/outside.sum"
build_ok "twin: a link to a moved directory of kept pages"
# A file system mounted in the twin is not the build's to empty: the
# build fails before the site goes live, and what is mounted stays.
# Only where this user may mount one.
if mkdir "$P/mnt" && mount -t tmpfs ssg-test "$P/mnt" 2>/dev/null; then
	trap 'umount "$P/mnt" 2>/dev/null; rm -rf "$T"' EXIT
	echo mounted > "$P/mnt/keep.txt"
	tree_sum "$S" > "$T/before"
	run_ssg 2 build -C "$R" -o "$S"
	has "$T/err" "$(printf 'cannot remove old files from %s' "$P")"
	[ -f "$P/mnt/keep.txt" ] || fail "a file of a mounted file system removed"
	tree_sum "$S" | cmp -s - "$T/before" || fail "a failed build changed OUT"
	umount "$P/mnt"
	trap 'rm -rf "$T"' EXIT
fi
build_ok "twin: a mount point gone"
rm -f "$P/.ssg-output"
echo stray > "$P/stray.txt"
run_ssg 0 build -C "$R" -o "$S"
[ -f "$P/stray.txt" ] || fail "a twin without the marker was used or removed"
rm -rf "$P"
ln -s "$T/outside" "$P"
build_ok "twin: a link to a directory outside"
rm -f "$P"
echo x > "$P"
run_ssg 0 build -C "$R" -o "$S"
same_as_cold "$S" "$R"
echo ok
