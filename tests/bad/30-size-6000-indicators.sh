# Size: six thousand indicators would be as many pages: refused
# before any is written, in bounded time.
status=1
expect='data/indicators.csv:5002:1: error: more than 5000 indicators: a plan has far fewer; put other figures in a table of their own (data/NAME.csv)'
bad() {
	awk 'BEGIN { print "id,name,unit,baseline,target"; for (i = 1; i <= 6000; i++) print i ",Chỉ tiêu " i ",%,1,2" }' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Nhập dữ liệu"
}
