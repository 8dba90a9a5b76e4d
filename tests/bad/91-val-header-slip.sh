# Values: the result column's header typed with a slip: the column would
# be read as no result at all, so it is an error naming the column meant.
status=1
expect='data/indicators.csv:1:30: error: unknown column "Ket qua moi nhta": did you mean '"'"'result'"'"' (Kết quả mới nhất)? Write the header as '"'"'result'"'"' or '"'"'Kết quả mới nhất'"'"''
expect_vi='data/indicators.csv:1:30: error: cột lạ "Ket qua moi nhta": có phải là cột '"'"'result'"'"' (Kết quả mới nhất)? Hãy viết tiêu đề cột là '"'"'result'"'"' hoặc '"'"'Kết quả mới nhất'"'"''
bad() {
	printf 'id,name,unit,baseline,target,Ket qua moi nhta\n1,A,%%,1,2,"89,2"\n2,B,%%,1,2,3\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Nhập kết quả"
}
