# CSV syntax: a row with fewer fields than the header.
status=1
expect='data/indicators.csv:3:6: error: row has 3 fields, the header has 5: add the missing fields (an empty field is still separated by '"'"','"'"')'
bad() {
	printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
