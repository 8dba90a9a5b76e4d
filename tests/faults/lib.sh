# Helpers of the fault tests (tests/faults, run by `make faults` through
# tests/e2e/run.sh), over those of the end-to-end tests.
. "$(dirname "$0")/../e2e/lib.sh"

# utf8_files DIR: every file under DIR is valid UTF-8 (the zip aside).
utf8_files() {
	find "$1" -type f ! -name '*.zip' | while read -r f; do
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 ||
			fail "$f is not valid UTF-8"
	done
}

# tree_sum DIR: one line per entry (path, type, size, bytes' sum), so
# that two states of a directory compare with one cmp.
tree_sum() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while read -r p; do
		if [ -f "$p" ] && [ ! -L "$p" ]; then
			echo "$p f $(sha1sum < "$p" | cut -c1-40)"
		else
			echo "$p $(stat -c %F "$p")"
		fi
	done)
}

# litter DIR: what ssg may have left beside a site in DIR (temporary
# trees and archives), one per line; nothing when clean.
litter() {
	find "$1" -maxdepth 1 \( -name '*.ssg-new-*' -o -name '*.ssg-old-*' \
		-o -name '*.tmp' -o -name '*.tmp.*' \) | LC_ALL=C sort
}

# state PID: the state letter of process PID (R, S, T stopped, Z...).
state() { awk '{print $3}' "/proc/$1/stat" 2>/dev/null || echo gone; }

# stop_at POINT SIG ARGS...: runs ssg ARGS with SSG_TEST_STOP_AT=POINT
# (stop.h) in the background, waits until it has stopped itself there,
# then kills it with SIG (KILL), or sends SIG and lets it go on (TERM,
# INT).  Its exit status is left in $st, its stderr in $T/err.  The wait
# is for a state, not for a time.
stop_at() {
	point=$1 sig=$2
	shift 2
	SSG_TEST_STOP_AT=$point "$SSG" "$@" >"$T/out" 2>"$T/err" &
	pid=$!
	while [ "$(state $pid)" != T ]; do
		case $(state $pid) in Z|gone)
			wait $pid || true
			cat "$T/err" >&2
			fail "ssg $* ended before reaching $point";;
		esac
		sleep 0.01
	done
	kill -"$sig" $pid
	[ "$sig" = KILL ] || kill -CONT $pid
	set +e
	wait $pid
	st=$?
	set -e
}

# same_as_cold OUT REPO: OUT holds exactly what a cold build writes: one
# from a copy of REPO without its .git/ssg, into a fresh directory.
same_as_cold() {
	rm -rf "$T/cold" "$T/cold-repo"
	cp -r "$2" "$T/cold-repo"
	rm -rf "$T/cold-repo/.git/ssg"
	"$SSG" build -C "$T/cold-repo" -o "$T/cold" >"$T/cold.log" 2>&1 ||
		fail "cold build: $(cat "$T/cold.log")"
	diff -r "$1" "$T/cold" >/dev/null || fail "$1 differs from a cold build"
}

# plan_history DIR: the plan of plan_repo, tagged kh-1, and one commit
# more.
plan_history() {
	plan_repo "$1"
	(cd "$1" && GIT_COMMITTER_DATE=2024-03-02T09:00:00+07:00 \
		git tag -a kh-1 -m "Kế hoạch số 1")
	printf '\nThêm một câu.\n' >> "$1/content/02-chi-tieu.md"
	commit "$1" "2024-04-01T09:00:00+07:00" "Cập nhật chỉ tiêu"
}
