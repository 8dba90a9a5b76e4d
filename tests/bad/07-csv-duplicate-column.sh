# CSV syntax: two columns with one name (after trimming and case).
status=1
expect='data/indicators.csv:1:30: error: column name "Target" is used twice (also column 5): rename one of them'
bad() {
	printf 'id,name,unit,baseline,target, Target \n1,A,%%,1,2,3\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Thêm cột"
}
