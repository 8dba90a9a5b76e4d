# CSV syntax: a quote opened and never closed swallows the rest of the file.
status=1
expect='data/indicators.csv:2:3: error: unterminated quoted field: add the closing "'
expect_vi='data/indicators.csv:2:3: error: ô mở ngoặc kép nhưng chưa đóng: hãy thêm dấu " đóng'
bad() {
	printf 'id,name,unit,baseline,target\n1,"Tỷ lệ,%%,1,2\n2,B,%%,1,2\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Sửa chỉ tiêu"
}
