# Encoding: a spreadsheet saved as Windows-1258 ("Tỷ lệ" is not UTF-8).
status=1
expect='data/indicators.csv:2:4: error: invalid UTF-8 (byte 0xFD): the file must be saved as UTF-8; it seems to use another encoding such as Windows-1258 or TCVN3'
expect_vi='data/indicators.csv:2:4: error: byte 0xFD không phải UTF-8: tệp phải được lưu dạng UTF-8; có vẻ tệp đang dùng bảng mã khác, như Windows-1258 hoặc TCVN3'
bad() {
	printf 'id,name,unit,baseline,target\n1,T\375 l\352\322 gia \360\354nh,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Lưu bằng Excel"
}
