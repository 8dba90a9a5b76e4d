# Messages follow the locale (gettext, po/vi.po): Vietnamese under a
# Vietnamese locale, generated or not, English otherwise; "error" and
# "PATH:LINE:COL:" stay as they are.  The site never follows the locale:
# it is the same bytes under either, though the messages of a broken
# revision of its history are part of it.
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
# A revision whose table cannot be read, then a good one: the history
# pages show why that version could not be read.
printf 'id,name,unit,baseline,target,result,as_of\n1,"Tỷ lệ,%%,1,2,,\n' > "$R/data/indicators.csv"
commit "$R" "2024-04-01T09:00:00+07:00" "Sửa nhầm"
git -C "$R" show HEAD~1:data/indicators.csv > "$R/data/indicators.csv"
commit "$R" "2024-05-01T09:00:00+07:00" "Sửa lại"

# ---- the same site whatever the locale ----
LANG=C "$SSG" build -C "$R" -o "$T/en" 2>/dev/null
grep -rqF 'unterminated quoted field' "$T/en" ||
	fail "the history pages lack the broken revision's message"
# A clone has no history cache (.git/ssg) of its own: the Vietnamese
# build makes its own, and an English build then reads it.
git clone -q "$R" "$T/r2"
LANG=vi_VN.UTF-8 "$SSG" build -C "$T/r2" -o "$T/vi" 2>/dev/null
diff -r "$T/en" "$T/vi" || fail "the site depends on LANG"
LANG=C "$SSG" build -C "$T/r2" -o "$T/vi" 2>/dev/null
diff -r "$T/en" "$T/vi" || fail "a cache made under LANG=vi_VN changes the site"
# With vi_VN really generated (its decimal point is a comma), when
# localedef can make it.
mkdir "$T/loc"
# glibc's setlocale keeps the list it makes of LOCPATH (argz) for good:
# LeakSanitizer (make asan) would count that against ssg.
printf 'leak:__argz_add_sep\nleak:__argz_create_sep\n' > "$T/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T/lsan.supp"
if localedef -i vi_VN -f UTF-8 "$T/loc/vi_VN.UTF-8" >/dev/null 2>&1 ||
   [ -d "$T/loc/vi_VN.UTF-8" ]; then
	rm -rf "$T/r2/.git/ssg"
	LOCPATH=$T/loc LC_ALL=vi_VN.UTF-8 "$SSG" build -C "$T/r2" -o "$T/vl" 2>/dev/null
	diff -r "$T/en" "$T/vl" || fail "the site depends on a generated vi_VN locale"
	LOCPATH=$T/loc LC_ALL=vi_VN.UTF-8 "$SSG" bogus 2>"$T/err" || :
	has "$T/err" "ssg: error: không có lệnh 'bogus' (xem ssg --help)"
else
	echo "note: localedef cannot make vi_VN.UTF-8; its check is skipped"
fi

# ---- a content error in both languages ----
printf 'id,name,unit,baseline,target,result,as_of\n1,"Tỷ lệ,%%,1,2,,\n' > "$R/data/indicators.csv"
LANG=vi_VN.UTF-8 run_ssg 1 check -C "$R" --worktree
has "$T/err" "data/indicators.csv:2:3: error: ô mở ngoặc kép nhưng chưa đóng: hãy thêm dấu \" đóng"
hasnt "$T/err" "unterminated"
LANG=C run_ssg 1 check -C "$R" --worktree
has "$T/err" "data/indicators.csv:2:3: error: unterminated quoted field: add the closing \""
git -C "$R" checkout -q -- data

# ---- the variables, as gettext reads them ----
vi="ssg: error: không có lệnh 'bogus' (xem ssg --help)"
en="ssg: error: unknown command 'bogus' (try ssg --help)"
# lang WANT VAR=VALUE...: `ssg bogus` speaks WANT (vi or en) there.
lang() {
	want=$1
	shift
	env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u LANG "$@" "$SSG" bogus 2>"$T/err" && fail "ssg bogus succeeded"
	if [ "$want" = vi ]; then has "$T/err" "$vi"; else has "$T/err" "$en"; fi
}
lang vi LANG=vi_VN.UTF-8
lang vi LANG=vi_VN
lang vi LC_MESSAGES=vi_VN.UTF-8 LANG=C
lang vi LC_ALL=vi_VN.UTF-8 LANG=C
lang en LC_ALL=C LANG=vi_VN.UTF-8
lang en LC_MESSAGES=C LANG=vi_VN.UTF-8
lang en
lang en LANG=C.UTF-8
lang en LANG=C LANGUAGE=vi           # gettext ignores LANGUAGE under C
lang vi LANG=C.UTF-8 LANGUAGE=vi     # ... but not under another locale
lang vi LANG=en_US.UTF-8 LANGUAGE=vi
lang en LANG=vi_VN.UTF-8 LANGUAGE=en

# ---- usage, --stats, diff ----
LANG=vi_VN.UTF-8 run_ssg 0 --help
has "$T/out" "cách dùng:"
LANG=vi_VN.UTF-8 run_ssg 0 build --help
has "$T/out" "cách dùng:"
has "$T/out" "dựng trang web vào THƯ_MỤC"
hasnt "$T/out" "ssg check"
LANG=vi_VN.UTF-8 run_ssg 0 history -h
has "$T/out" "[BẢNG[/MÃ]]"
LANG=C run_ssg 0 diff --help
has "$T/out" "what changed between two revisions"
LANG=vi_VN.UTF-8 run_ssg 0 check -C "$R" --stats
has "$T/err" "bộ nhớ cao nhất"
grep -q '^kế hoạch ' "$T/err" || fail "--stats lacks the phase kế hoạch"
LANG=vi_VN.UTF-8 run_ssg 0 diff -C "$R" HEAD~2 HEAD~1
has "$T/out" "Bảng số liệu"
has "$T/out" "không đọc được data/indicators.csv ở phiên bản HEAD~1: data/indicators.csv:2:3: ô mở ngoặc kép"
LANG=C run_ssg 0 diff -C "$R" HEAD~2 HEAD~1
has "$T/out" "Tables"
has "$T/out" "data/indicators.csv cannot be read at HEAD~1: data/indicators.csv:2:3: unterminated quoted field"

# ---- a copy of ssg without its catalogue speaks English ----
# (not when $SSG is a wrapper script, as under make valgrind)
if [ "$(head -c 4 "$SSG" | od -An -c | tr -d ' ')" = '177ELF' ]; then
	mkdir "$T/bin"
	cp "$SSG" "$T/bin/ssg"
	LANG=vi_VN.UTF-8 "$T/bin/ssg" bogus 2>"$T/err" || :
	has "$T/err" "$en"
fi
echo ok
