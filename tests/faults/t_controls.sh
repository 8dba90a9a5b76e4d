# Control characters from the repository never reach a terminal raw
# through `ssg history` and `ssg diff`: C0 (ESC) as ^[, C1 (U+009B CSI,
# U+009D OSC, which terminals take for ESC [ and ESC ]) as M-^[ and M-^],
# in commit messages, cells and column names.  (C1 went out raw.)
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
csi=$(printf '\302\233')
osc=$(printf '\302\235')
esc=$(printf '\033')
sed -i "s/Tỷ lệ thôn văn hóa/Tỷ lệ ${csi}2J thôn ${osc}0;x/" "$R/data/indicators.csv"
(cd "$R" && git add -A && GIT_AUTHOR_DATE=2024-04-01T09:00:00+07:00 \
	GIT_COMMITTER_DATE=2024-04-01T09:00:00+07:00 \
	git commit -q -m "Sửa ${csi}2J tên ${osc}0;title${esc}\\ chỉ tiêu")

# raw FILE: fails when FILE holds a C1 control in UTF-8, an ESC or a lone
# byte 0x9b / 0x9d (not UTF-8).  Not any byte 0x9d: the quotes around a
# message, U+201D, are E2 80 9D.
raw() {
	! LC_ALL=C grep -q "$(printf '[\302][\200-\237]')" "$1" ||
		fail "C1 control raw in $1"
	! LC_ALL=C grep -q "$(printf '\033')" "$1" || fail "ESC raw in $1"
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 ||
		fail "a byte that is not UTF-8 (a lone C1 byte?) in $1"
}
run_ssg 0 history -C "$R"
raw "$T/out"
has "$T/out" 'Sửa M-^[2J tên M-^]0;title^[\ chỉ tiêu'
has "$T/out" 'M-^[2J thôn M-^]0;x'
run_ssg 0 history -C "$R" indicators/2
raw "$T/out"
run_ssg 0 diff -C "$R" HEAD~1 HEAD
raw "$T/out"
has "$T/out" 'M-^[2J thôn M-^]0;x'
echo ok
