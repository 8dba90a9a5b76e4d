# Values: two different keys whose pages would have one URL.
status=1
expect='data/communes.csv:3:1: error: row key '"'"'xa-a'"'"' gives the same page as '"'"'Xã A'"'"' (xa-a): make the keys differ in their letters or digits'
bad() {
	printf 'xa,ket_qua\nXã A,1\nxa-a,2\n' >"$1/data/communes.csv"
	commit "$1" "$D2" "Thêm bảng xã"
}
