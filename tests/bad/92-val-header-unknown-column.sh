# Values: a column unlike any of indicators.csv's: the site does not show
# it, which the clerk is told (a warning; the site is built).
status=0
expect='data/indicators.csv:1:37: warning: unknown column "Người nhập": the site does not show it; if it holds one of the plan'"'"'s columns, write its header as the site shows that column (the nearest is '"'"'source'"'"', Nguồn)'
bad() {
	printf 'id,name,unit,baseline,target,result,Người nhập\n1,A,%%,1,2,,Lan\n2,B,%%,1,2,1,Lan\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Thêm cột"
}
