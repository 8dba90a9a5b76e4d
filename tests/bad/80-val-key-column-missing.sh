# Values: datapackage.json names a primary key column the table does not
# have, and a page quotes that table (this crashed ssg once).
status=1
expect='data/communes.csv:1:1: error: key column '"'"'ma_xa'"'"' (from datapackage.json) is not in the header'
bad() {
	printf 'xa,ket_qua\nA,1\n' >"$1/data/communes.csv"
	printf '{"resources": [{"name": "communes", "schema": {"primaryKey": "ma_xa"}}]}\n' >"$1/data/datapackage.json"
	printf '\n{{value communes A ket_qua}}\n\n{{table communes}}\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Thêm bảng xã"
}
