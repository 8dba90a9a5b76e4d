# Size: a table of 20001 rows, each of which would get a page of its
# own: refused before any page is written.
status=1
expect='data/communes.csv:20002:1: error: more than 20000 rows: each row gets a page of its own; split the table into smaller ones'
bad() {
	awk 'BEGIN { print "xa,ket_qua"; for (i = 0; i <= 20000; i++) print "x" i "," i }' >"$1/data/communes.csv"
	commit "$1" "$D2" "Nhập dữ liệu"
}
