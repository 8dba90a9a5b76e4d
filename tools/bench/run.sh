#!/bin/bash
# make bench: ssg against Hugo and git on synthetic plan repositories.
#
#   tools/bench/run.sh SSG [DIR]
#
# SSG is the binary to measure, DIR the cache of generated repositories
# (default build/bench).  Environment:
#   BENCH_RUNS     runs per figure, the median is shown (default 5)
#   BENCH_PRESETS  repositories (default "province pages"; gen.py lists
#                  the smaller province-small and pages-small)
#
# A repository is regenerated only when gen.py changes.  Every run starts
# from the same commit with no .git/ssg cache and a fresh output
# directory.  The rebuild is what a publishing office meets: OUT and the
# twin out.h keeps beside it come from earlier builds (the same commit
# built once more, not timed), the last publication was some minutes ago
# (the twin's date is set ten minutes back: a benchmark cannot wait), and
# one fixed commit (same id every run) is added.  Once, after every other
# figure, the same rebuild is measured with a twin just out of service
# (a publication a moment before), where changed files go through renames
# (out.c): that frees an inode per file, and ext4 then searches longer
# for free inodes for minutes, which would slow the cold builds after it.  This is a benchmark, not a test: it
# exits 0 whatever the figures, and non-zero only when a command crashed
# or the set-up failed.
set -u
export LC_ALL=C.UTF-8 TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
ssg=$(realpath "${1:?usage: run.sh SSG [DIR]}")
dir=${2:-build/bench}
runs=${BENCH_RUNS:-5}
presets=${BENCH_PRESETS:-province pages}
mkdir -p "$dir" && dir=$(realpath "$dir")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
crashed=0

die() { echo "bench: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is missing: apt-get install time"
have python3 || die "python3 is missing"
have hugo || echo "bench: hugo is not installed: its figures are n/a (apt-get install hugo)"
has_history=0
"$ssg" --help 2>&1 | grep -q 'ssg history' && has_history=1

# ---- repositories ------------------------------------------------------

# Old outputs are moved here and deleted at the end: deleting tens of
# thousands of files takes minutes on some disks, and is not what is
# measured (the rebuild's own replacing of the old site is).
trash() {
	[ -e "$1" ] || return 0
	mkdir -p "$dir/trash" && mv "$1" "$dir/trash/$(basename "$1").$RANDOM$RANDOM"
}

prepare() { # NAME: repository in $dir/NAME/repo, cached by gen.py's hash
	local name=$1 d=$dir/$1 sum
	sum=$(sha256sum "$here/gen.py" | cut -c1-16)
	if [ "$(cat "$d/stamp" 2>/dev/null)" != "$sum" ]; then
		echo "bench: generating $name ..." >&2
		rm -rf "$d" && mkdir -p "$d" || return 1
		git init -q -b main "$d/repo" || return 1
		local t0=$EPOCHREALTIME
		python3 "$here/gen.py" "$name" "$d/next.fi" |
			git -C "$d/repo" fast-import --quiet || return 1
		git -C "$d/repo" rev-parse main >"$d/tip" || return 1
		echo "bench: generated $name in $(echo "$EPOCHREALTIME $t0" |
			awk '{printf "%.1f", $1 - $2}') s" >&2
		echo "$sum" >"$d/stamp"
	fi
	# Hugo's copy of the same Markdown (the generated tip's content/),
	# with the dates as Hugo reads them.
	if [ ! -d "$d/hugo-content" ]; then
		mkdir -p "$d/hugo-content.tmp" &&
			git -C "$d/repo" archive "$(cat "$d/tip")" content |
			tar -x -C "$d/hugo-content.tmp" || return 1
		find "$d/hugo-content.tmp" -name '*.md' -print0 | xargs -0 sed -i -E \
			'1,/^---$/{/^date:/s#"?([0-9]{2})/([0-9]{2})/([0-9]{4})"?#\3-\2-\1#}'
		mv "$d/hugo-content.tmp" "$d/hugo-content"
	fi
	# The Hugo site: tools/bench/hugo, copied each time, and that content.
	trash "$d/hugo"
	mkdir -p "$d/hugo" && cp -r "$here/hugo/." "$d/hugo/"
}

# twin OUT: the previous site out.h keeps beside OUT
twin() { echo "$(dirname "$1")/.$(basename "$1").ssg-prev"; }

reset_repo() { # NAME: back to the generated tip, no ssg cache
	local d=$dir/$1
	git -C "$d/repo" update-ref refs/heads/main "$(cat "$d/tip")"
	rm -rf "$d/repo/.git/ssg"
}

# ---- measuring -----------------------------------------------------------

# measure KEY CMD...: appends "wall-seconds peak-KiB exit-status
# cpu-seconds" to $tmp/KEY.  Output goes to /dev/null, errors to
# $tmp/KEY.err.  CPU time (user + system) is kept beside wall time because
# it is the steadier figure on a machine that other work shares.
measure() {
	local key=$1 t0 t1 rc
	shift
	# Nothing left dirty by the step before (Hugo does not sync its
	# output; ssg's build ends with a syncfs, which would write Hugo's
	# 100 MB too and count them as ssg's): each command pays for its own
	# writes only.  Not timed.
	sync
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%M %U %S' -o "$tmp/mem" "$@" >/dev/null 2>"$tmp/$key.err"
	rc=$?
	t1=$EPOCHREALTIME
	if grep -q '^Command terminated by signal' "$tmp/mem"; then
		echo "bench: CRASH in $key: $*" >&2
		head -5 "$tmp/$key.err" >&2
		crashed=1
		echo "crash" >>"$tmp/$key"
		return
	fi
	if [ $rc != 0 ]; then
		echo "bench: $key exited $rc: $*" >&2
		grep -v '^Command exited' "$tmp/$key.err" | head -3 >&2
	fi
	echo "$t1 $t0 $(tail -1 "$tmp/mem") $rc" |
		awk '{printf "%.4f %d %d %.2f\n", $1 - $2, $3, $6, $4 + $5}' \
			>>"$tmp/$key"
	tail -1 "$tmp/$key" | awk -v k="$key" '{printf "bench:   %-24s %8.2f s wall %8.2f s cpu %6.0f MB\n", k, $1, $4, $2 / 1024}' >&2
}

# written KEY: the files the build just measured wrote, from its --stats
# ("pages: K kept ..., R rendered; W files written"), into $tmp/KEY.written.
written() {
	sed -n 's/^pages: .*; \([0-9]*\) files written$/\1/p' "$tmp/$1.err" |
		tail -1 >"$tmp/$1.written"
}

# median KEY FIELD: median of column FIELD (1 wall, 2 KiB, 4 cpu), or n/a
median() {
	[ -s "$tmp/$1" ] || { echo n/a; return; }
	grep -q crash "$tmp/$1" && { echo crash; return; }
	awk -v f="$2" '{print $f}' "$tmp/$1" | sort -g |
		awk '{v[NR] = $1} END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print m }'
}

bench_one() { # NAME
	local name=$1 d=$dir/$1 out=$dir/$1/out r
	for r in $(seq "$runs"); do
		echo "bench: $name run $r/$runs" >&2
		reset_repo "$name"
		# out and the twin that out.h keeps beside it: a cold build
		# starts from neither.
		trash "$out"
		trash "$(twin "$out")"
		measure "$name.cold" "$ssg" build -C "$d/repo" -o "$out"
		"$ssg" build -C "$d/repo" -o "$out" >/dev/null 2>&1 ||
			die "cannot build $name a second time"
		touch -h -d '-10 minutes' "$(twin "$out")/.ssg-output" ||
			die "no twin beside $out"
		git -C "$d/repo" fast-import --quiet <"$d/next.fi" ||
			die "cannot add the rebuild commit"
		measure "$name.rebuild" "$ssg" build -C "$d/repo" -o "$out" --stats
		written "$name.rebuild"
		reset_repo "$name"
		if [ $has_history = 1 ]; then
			measure "$name.history" "$ssg" history -C "$d/repo" --json
			measure "$name.history-cached" "$ssg" history -C "$d/repo" --json
		fi
		measure "$name.gitlog" git -C "$d/repo" log -p -- data/
		if have hugo; then
			trash "$d/hugo/public"
			trash "$d/hugo/resources"
			measure "$name.hugo" hugo --quiet -s "$d/hugo" \
				--contentDir "$d/hugo-content/content" -d "$d/hugo/public"
		fi
	done
	# what each wrote, for the record
	find "$out" -type f | wc -l >"$tmp/$name.files.ssg"
	du -sm "$out" | cut -f1 >>"$tmp/$name.files.ssg"
	if [ -d "$d/hugo/public" ]; then
		find "$d/hugo/public" -type f | wc -l >"$tmp/$name.files.hugo"
		du -sm "$d/hugo/public" | cut -f1 >>"$tmp/$name.files.hugo"
	fi
	git -C "$d/repo" rev-list --count main >"$tmp/$name.commits"
	git -C "$d/repo" ls-tree -r --name-only main content/ | wc -l \
		>"$tmp/$name.pages"
}

bench_soon() { # NAME: after bench_one
	local d=$dir/$1 out=$dir/$1/out
	echo "bench: $1, a rebuild right after a publication" >&2
	# The publication, as the office has it: OUT built at the tip and
	# its twin by the build before, with what those builds keep in
	# .git/ssg (the history's cache, the pages' and the copies' records,
	# which reset_repo removed: without them every page was rendered
	# again, which no office meets); the second build retires the twin
	# this very moment.
	"$ssg" build -C "$d/repo" -o "$out" >/dev/null 2>&1 ||
		die "cannot build $1 at its tip"
	"$ssg" build -C "$d/repo" -o "$out" >/dev/null 2>&1 ||
		die "cannot build $1 at its tip a second time"
	touch -h "$(twin "$out")/.ssg-output" ||
		die "no twin beside $out"
	git -C "$d/repo" fast-import --quiet <"$d/next.fi" ||
		die "cannot add the rebuild commit"
	measure "$1.rebuild-soon" "$ssg" build -C "$d/repo" -o "$out" --stats
	written "$1.rebuild-soon"
	reset_repo "$1"
}

# ---- report ----------------------------------------------------------------

fmt_s() { case $1 in n/a|crash) echo "$1" ;; *) printf '%.2f' "$1" ;; esac; }
fmt_mb() { case $1 in n/a|crash) echo "$1" ;; *) awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}' ;; esac; }

# ratio A B LIMIT: "A/B" and "met" or "NOT MET", or n/a
ratio() {
	case "$1$2" in *n/a* | *crash*) printf '%-8s %-8s' n/a n/a; return ;; esac
	awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN {
		r = b > 0 ? a / b : 0
		printf "%-8.2f %-8s", r, r <= l ? "met" : "NOT MET" }'
}

# target LABEL LIMIT KEY_A KEY_B: one line of the targets table, on wall
# time as the issue sets them, with the same ratio on CPU time beside it.
target() {
	printf '%-52s %6s  %s  %s\n' "$1" "<= $2" \
		"$(ratio "$(median "$3" 1)" "$(median "$4" 1)" "$2")" \
		"$(ratio "$(median "$3" 4)" "$(median "$4" 4)" "$2" | cut -c1-8)"
}

report() {
	local n
	echo
	echo "ssg bench: median of $runs runs; $(nproc) cores;" \
		"load average before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "ssg: $ssg ($("$ssg" --version 2>/dev/null))" \
		"$([ $has_history = 1 ] || echo '(no history command)')"
	have hugo && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
	echo "git: $(git --version)"
	echo
	printf '%-16s %-34s %8s %8s %8s\n' repository measure "wall s" "cpu s" "peak MB"
	for n in $presets; do
		echo "--- $n: $(cat "$tmp/$n.commits") commits," \
			"$(cat "$tmp/$n.pages") files in content/"
		row() {
			printf '%-16s %-34s %8s %8s %8s\n' "$n" "$2" \
				"$(fmt_s "$(median "$n.$1" 1)")" \
				"$(fmt_s "$(median "$n.$1" 4)")" \
				"$(fmt_mb "$(median "$n.$1" 2)")"
		}
		row cold "ssg build, cold"
		row rebuild "ssg build, after one new commit"
		row rebuild-soon "  just after a publication, 1 run"
		row history "ssg history --json"
		row history-cached "ssg history --json, second run"
		row gitlog "git log -p -- data/"
		row hugo "hugo, same Markdown, cold"
		printf '%-16s %-34s %s\n' "$n" "rebuild wrote" \
			"$(cat "$tmp/$n.rebuild.written" 2>/dev/null) files"
		printf '%-16s %-34s %s\n' "$n" "  just after a publication, wrote" \
			"$(cat "$tmp/$n.rebuild-soon.written" 2>/dev/null) files"
		printf '%-16s %-34s %s\n' "$n" "ssg wrote" \
			"$(sed -n 1p "$tmp/$n.files.ssg") files, $(sed -n 2p "$tmp/$n.files.ssg") MB"
		[ -f "$tmp/$n.files.hugo" ] &&
			printf '%-16s %-34s %s\n' "$n" "hugo wrote" \
				"$(sed -n 1p "$tmp/$n.files.hugo") files, $(sed -n 2p "$tmp/$n.files.hugo") MB"
	done
	echo
	echo "targets (issue 16): verdict on wall time; the cpu ratio is the" \
		"steadier one when the load average is high"
	printf '%-52s %6s  %-8s %-8s  %s\n' ratio target wall verdict cpu
	local P= G= n
	for n in $presets; do
		case $n in province*) P=${P:-$n} ;; pages*) G=${G:-$n} ;; esac
	done
	[ -n "$G" ] && target "ssg cold $G / hugo $G" 0.3 "$G.cold" "$G.hugo"
	[ -n "$P" ] || return 0
	target "ssg cold $P / hugo $P" 1.5 "$P.cold" "$P.hugo"
	target "ssg history $P / git log -p -- data/" 0.5 "$P.history" "$P.gitlog"
	target "ssg history $P, from its cache / git log -p" 1.0 \
		"$P.history-cached" "$P.gitlog"
	target "ssg rebuild $P / ssg cold $P" 0.1 "$P.rebuild" "$P.cold"
	target "ssg rebuild just after a publication / cold" 0.2 \
		"$P.rebuild-soon" "$P.cold"
	printf '%-52s %6s  %s\n' "files written by $P, cold" "<= 27000" \
		"$(v=$(sed -n 1p "$tmp/$P.files.ssg" 2>/dev/null); ratio "${v:-n/a}" 1 27000)"
	local w
	for w in rebuild rebuild-soon; do
		printf '%-52s %6s  %s\n' "files written by $P.$w" "<= 50" \
			"$(v=$(cat "$tmp/$P.$w.written" 2>/dev/null); ratio "${v:-n/a}" 1 50)"
	done
	# peak memory: the largest of ssg's medians on this repository
	local peak=0 k m
	for k in cold rebuild history; do
		m=$(median "$P.$k" 2)
		case $m in n/a | crash) continue ;; esac
		[ "$m" -gt "$peak" ] && peak=$m
	done
	[ "$peak" = 0 ] && peak=n/a
	printf '%-52s %6s  %s\n' "ssg peak memory on $P (MB)" "<= 120" \
		"$(ratio "$(fmt_mb "$peak")" 1 120)"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $presets; do
	prepare "$n" || die "cannot generate $n"
done
for n in $presets; do
	bench_one "$n"
done
for n in $presets; do
	bench_soon "$n"
done
report
echo "bench: removing old outputs ..." >&2
rm -rf "$dir/trash"
exit $crashed
