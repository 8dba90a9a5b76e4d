# Values: data/datapackage.json that is not JSON.
status=1
# What to do in our words; jansson's own only in parentheses.
expect='data/datapackage.json:2:1: error: invalid JSON: the file ends before every { and [ is closed: add the missing } or ] (JSON: string or '"'"'}'"'"' expected near end of file)'
expect_vi='data/datapackage.json:2:1: error: JSON không hợp lệ: tệp kết thúc khi còn dấu { hoặc [ chưa đóng: hãy thêm dấu } hoặc ] còn thiếu (JSON: string or '"'"'}'"'"' expected near end of file)'
bad() {
	printf '{"resources": [{"name": "indicators",\n' >"$1/data/datapackage.json"
	commit "$1" "$D2" "Thêm mô tả dữ liệu"
}
