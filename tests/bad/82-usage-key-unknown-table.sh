# Usage: --key names a table that does not exist.
status=2
expect="ssg: error: --key names table 'xa', but there is no data/xa.csv"
bad() {
	args="build -C $1 --key xa=ma -o $OUT"
}
