# Values: a row without a key.
status=1
expect='data/indicators.csv:3:1: error: row has no key: fill in column '"'"'id'"'"''
bad() {
	printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n ,B,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Thêm chỉ tiêu"
}
