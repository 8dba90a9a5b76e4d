# CSV syntax: a row with more fields than the header.
status=1
expect='data/indicators.csv:3:11: error: row has 6 fields, the header has 5: remove the extra fields, or put quotes around a field that contains '"'"','"'"''
bad() {
	printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%,1,2,3\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
