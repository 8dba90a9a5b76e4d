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
