# CSV syntax: an empty file has no header.
status=1
expect='data/indicators.csv:1:1: error: empty file: a header row is needed'
bad() {
	: >"$1/data/indicators.csv"
	commit "$1" "$D2" "Xoá nội dung"
}
