# Values: indicators.csv without its target column.
status=1
expect='data/indicators.csv:1:1: error: missing column '"'"'target'"'"' in the header'
expect_vi='data/indicators.csv:1:1: error: dòng tiêu đề thiếu cột '"'"'target'"'"''
bad() {
	printf 'id,name,unit,baseline,result\n1,A,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Bỏ cột"
}
