# Values: data/datapackage.json that is not JSON.
status=1
expect='data/datapackage.json:2:1: error: invalid JSON: string or '"'"'}'"'"' expected near end of file'
bad() {
	printf '{"resources": [{"name": "indicators",\n' >"$1/data/datapackage.json"
	commit "$1" "$D2" "Thêm mô tả dữ liệu"
}
