# Values: a direction other than up or down.
status=1
expect='data/indicators.csv:2:1: error: direction '"'"'ngang'"'"' of indicator 1 must be '"'"'up'"'"' or '"'"'down'"'"''
bad() {
	printf 'id,name,unit,baseline,target,direction\n1,A,%%,1,2,ngang\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
