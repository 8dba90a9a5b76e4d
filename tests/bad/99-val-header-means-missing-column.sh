# Values: the result column headed "Kết quả 6 tháng": it names no column,
# but starts as the result's title does, and the table has no result
# column: an error naming the column meant, not an empty result.
status=1
expect='data/indicators.csv:1:30: error: unknown column "Kết quả 6 tháng": did you mean '"'"'result'"'"' (Kết quả mới nhất)? Write the header as '"'"'result'"'"' or '"'"'Kết quả mới nhất'"'"''
expect_vi='data/indicators.csv:1:30: error: cột lạ "Kết quả 6 tháng": có phải là cột '"'"'result'"'"' (Kết quả mới nhất)? Hãy viết tiêu đề cột là '"'"'result'"'"' hoặc '"'"'Kết quả mới nhất'"'"''
bad() {
	printf 'id,name,unit,baseline,target,Kết quả 6 tháng\n1,A,%%,1,2,"89,2"\n2,B,%%,1,2,3\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Nhập kết quả"
}
