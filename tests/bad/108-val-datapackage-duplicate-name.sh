# Values: data/datapackage.json names a member twice in one object.
status=1
expect='data/datapackage.json:1:29: error: invalid JSON: a name is written twice in the same { }: keep one of them (JSON: duplicate object key near '"'"'"resources"'"'"')'
expect_vi='data/datapackage.json:1:29: error: JSON không hợp lệ: một tên được viết hai lần trong cùng một cặp { }: hãy giữ lại một (JSON: duplicate object key near '"'"'"resources"'"'"')'
bad() {
	printf '{"resources": [], "resources": []}\n' >"$1/data/datapackage.json"
	commit "$1" "$D2" "Thêm mô tả dữ liệu"
}
