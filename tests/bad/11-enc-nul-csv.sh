# Encoding: a NUL byte in a CSV field.
status=1
expect='data/indicators.csv:2:4: error: NUL byte: the file must be saved as UTF-8 text (a CSV export, not a spreadsheet or UTF-16 file)'
bad() {
	printf 'id,name,unit,baseline,target\n1,A\000B,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
