# Values: keys that differ only in case and spacing are one key.
status=1
expect='data/communes.csv:3:1: error: duplicate key '"'"'xã a'"'"' (also on line 2): each row needs its own key'
bad() {
	printf 'xa,ket_qua\nXã  A,1\nxã a,2\n' >"$1/data/communes.csv"
	commit "$1" "$D2" "Thêm bảng xã"
}
