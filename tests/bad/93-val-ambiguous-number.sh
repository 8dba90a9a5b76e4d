# Values: "1.250" in a column whose other figures are whole numbers: one
# thousand two hundred fifty to a Vietnamese reader, 1,25 to a machine;
# nothing settles it, so check stops at the cell and says how to write it.
status=1
expect='data/indicators.csv:3:14: error: '"'"'1.250'"'"' could be 1250 or 1,250, and the other figures of column '"'"'result'"'"' do not tell which: write 1250 (without the dot) for a whole number, or 1,250 (with a comma) for a number with decimals'
expect_vi='data/indicators.csv:3:14: error: '"'"'1.250'"'"' có thể là 1250 hoặc 1,250, và các số khác trong cột '"'"'result'"'"' không cho biết là số nào: hãy viết 1250 (không có dấu chấm) nếu là số nguyên, hoặc 1,250 (có dấu phẩy) nếu là số thập phân'
bad() {
	printf 'id,name,unit,baseline,target,result\n1,A,người,1,2,3\n2,B,đồng,1,2,1.250\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Nhập kết quả"
}
