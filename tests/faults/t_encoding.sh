# Messages that are not UTF-8: a commit made with
# i18n.commitEncoding=ISO-8859-1 (git records an "encoding" header) is
# decoded by it, and bytes that stay invalid (a commit or a tag with raw
# Latin-1 bytes and no header) become U+FFFD, as git log shows them.
# Every page, data/history.jsonl and `ssg history --json` are then valid
# UTF-8 (they held the raw bytes before).
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
# "Cập nhật: café, thôn Đông" cannot be Latin-1; "Café à Bắc" neither.
printf 'R\351sum\351 du caf\351 (Latin-1)\n' > "$T/latin1.txt"
printf 'Octets bruts \377\376 fin\n' > "$T/raw.txt"
printf 'Ph\341t h\340nh\n' > "$T/tag.txt"
sed -i 's/"75,5"/"76"/' "$R/data/indicators.csv"
(cd "$R" && git add -A && GIT_AUTHOR_NAME="$(printf 'Jos\351')" \
	GIT_AUTHOR_DATE=2024-04-01T09:00:00+07:00 \
	GIT_COMMITTER_DATE=2024-04-01T09:00:00+07:00 \
	git -c i18n.commitEncoding=ISO-8859-1 commit -q -F "$T/latin1.txt")
git -C "$R" cat-file commit HEAD | grep -q '^encoding ISO-8859-1' ||
	fail "git wrote no encoding header"
sed -i 's/"76"/"77"/' "$R/data/indicators.csv"
# git commit would re-encode the bytes itself: the object is made by hand.
(cd "$R" && git add -A && tree=$(git write-tree) && parent=$(git rev-parse HEAD) &&
	{ printf 'tree %s\nparent %s\n' "$tree" "$parent"
	  printf 'author A <a@example> 1714528800 +0700\n'
	  printf 'committer A <a@example> 1714528800 +0700\n\n'
	  cat "$T/raw.txt"; } > "$T/raw.commit" &&
	c=$(git hash-object -t commit -w "$T/raw.commit") &&
	git update-ref refs/heads/main "$c" && git reset -q --hard)
(cd "$R" && GIT_COMMITTER_DATE=2024-05-02T09:00:00+07:00 \
	git tag -a v1 -F "$T/tag.txt")

run_ssg 0 build -C "$R" -o "$T/s"
utf8_files "$T/s"
grep -rqF 'Résumé du café' "$T/s/data/history.jsonl" ||
	fail "the Latin-1 message is not decoded by its header"
grep -rqF 'José' "$T/s/data/history.jsonl" ||
	fail "the Latin-1 author is not decoded by the header"
grep -rqF 'Octets bruts �� fin' "$T/s/data/history.jsonl" ||
	fail "invalid bytes are not replaced by U+FFFD"
grep -rqF 'Ph�t h�nh' "$T/s/revisions/index.html" ||
	fail "the tag's invalid bytes are not replaced by U+FFFD"

run_ssg 0 history -C "$R" --json
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "history --json is not UTF-8"
grep -qF 'Résumé du café' "$T/out" || fail "history --json: not decoded"
run_ssg 0 history -C "$R"
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "history is not UTF-8"
# Built at the Latin-1 commit itself.
run_ssg 0 build -C "$R" --rev HEAD~1 -o "$T/s1"
utf8_files "$T/s1"
grep -qF 'Résumé du café' "$T/s1/changes/index.html" ||
	fail "the built commit's message is not decoded"
echo ok
