# CSV syntax: a header without rows: the plan's indicators vanished.
status=1
expect='data/indicators.csv:1:1: error: the table has a header but no rows: add its rows, or delete the file'
bad() {
	printf 'id,name,unit,baseline,target\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Xoá các dòng"
}
