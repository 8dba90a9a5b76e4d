# CSV syntax: a quote inside an unquoted field (RFC 4180 strict).
status=1
expect='data/indicators.csv:2:9: error: quote (") inside a field that does not start with one: put the whole field in quotes and write this quote twice ("")'
bad() {
	printf 'id,name,unit,baseline,target\n1,Tỷ lệ "gia đình",%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
