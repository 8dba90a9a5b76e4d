# Size: a table of a million and one rows (made at test time): a clear
# limit, no exhaustion.
status=1
expect='data/communes.csv:1000002:1: error: more than 1000000 rows: split the table into smaller ones'
bad() {
	awk 'BEGIN { print "xa,ket_qua"; for (i = 0; i <= 1000000; i++) print "x" i "," i }' >"$1/data/communes.csv"
	commit "$1" "$D2" "Nhập dữ liệu"
}
