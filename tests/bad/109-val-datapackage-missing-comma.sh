# Values: data/datapackage.json with a comma left out between members.
status=1
expect='data/datapackage.json:1:20: error: invalid JSON: the file cannot be read from here: check the commas, quotes and brackets here and just before (JSON: '"'"'}'"'"' expected near '"'"'"x"'"'"')'
expect_vi='data/datapackage.json:1:20: error: JSON không hợp lệ: tệp không đọc được từ chỗ này: hãy kiểm tra dấu phẩy, dấu ngoặc kép và các dấu ngoặc ở đây và ngay trước đó (JSON: '"'"'}'"'"' expected near '"'"'"x"'"'"')'
bad() {
	printf '{"resources": [] "x": 1}\n' >"$1/data/datapackage.json"
	commit "$1" "$D2" "Thêm mô tả dữ liệu"
}
