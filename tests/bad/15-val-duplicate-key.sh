# Values: two rows with one key.
status=1
expect='data/indicators.csv:4:1: error: duplicate key '"'"'1'"'"' (also on line 2): each row needs its own key'
expect_vi='data/indicators.csv:4:1: error: khóa '"'"'1'"'"' bị trùng (cũng có ở dòng 2): mỗi dòng cần một khóa riêng'
bad() {
	printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%,1,2\n1,C,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Thêm chỉ tiêu"
}
