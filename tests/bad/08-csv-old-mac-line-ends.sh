# CSV syntax: CR-only line ends (old Mac spreadsheets).
status=1
expect='data/indicators.csv:1:29: error: carriage return (CR) without a line feed: save the file with LF or CRLF line endings'
bad() {
	printf 'id,name,unit,baseline,target\r1,A,%%,1,2\r' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Lưu lại từ Excel cũ"
}
