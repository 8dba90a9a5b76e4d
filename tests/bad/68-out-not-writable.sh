# Output: OUT's folder is not writable by the user who builds (tests run
# as root, so ssg runs as nobody here); the previous site stays.
status=2
expect="ssg: error: cannot create a temporary directory beside $T/public: Permission denied"
as_nobody=yes
bad() {
	chown -R 65534:65534 "$1"
	chmod 755 "$(dirname "$OUT")"
}
