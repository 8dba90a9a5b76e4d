# CSV syntax: a row with fewer fields than the header.
status=1
expect='data/indicators.csv:3:6: error: row has 3 fields, the header has 5: add the missing fields (an empty field is still separated by '"'"','"'"')'
expect_vi='data/indicators.csv:3:6: error: dòng có 3 ô, dòng tiêu đề có 5 ô: hãy thêm các ô còn thiếu (ô trống vẫn phải được ngăn cách bằng dấu '"'"','"'"')'
bad() {
	printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
