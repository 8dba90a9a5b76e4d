# Values: 31/02/2024 does not exist.
status=1
expect='data/indicators.csv:2:1: error: as_of '"'"'31/02/2024'"'"' of indicator 1 is not a date: write dd/mm/yyyy'
bad() {
	printf 'id,name,unit,baseline,target,result,as_of\n1,A,%%,1,2,2,31/02/2024\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Cập nhật kết quả"
}
