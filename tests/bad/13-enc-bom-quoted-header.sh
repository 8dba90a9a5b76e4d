# Encoding: a BOM before a quoted header is accepted (the "id" column is
# found, so the key check runs and finds the duplicate on line 3).
status=1
expect='data/indicators.csv:3:1: error: duplicate key '"'"'1'"'"' (also on line 2): each row needs its own key'
bad() {
	printf '\357\273\277"id","name","unit","baseline","target"\r\n"1","A","%%","1","2"\r\n"1","B","%%","1","2"\r\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Lưu CSV UTF-8 có BOM"
}
