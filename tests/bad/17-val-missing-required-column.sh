# Values: indicators.csv without its target column.
status=1
expect='data/indicators.csv:1:1: error: missing column '"'"'target'"'"' (Kế hoạch) in the header: add it, or write '"'"'target'"'"' or '"'"'Kế hoạch'"'"' as the header of the column that holds it'
expect_vi='data/indicators.csv:1:1: error: thiếu cột '"'"'target'"'"' (Kế hoạch) ở dòng tiêu đề: hãy thêm cột này, hoặc viết '"'"'target'"'"' hay '"'"'Kế hoạch'"'"' làm tiêu đề của cột chứa số liệu đó'
bad() {
	printf 'id,name,unit,baseline,result\n1,A,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Bỏ cột"
}
