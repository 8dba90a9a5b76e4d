# Encoding: a table saved as plain "CSV" in a code page without
# Vietnamese letters: each became '?', the bytes are valid ASCII.
status=1
expect='data/indicators.csv:2:11: error: '"'"'T? l? th?n v?n h?a'"'"' has lost its letters: the file was saved in a code page without Vietnamese letters, which turns them into '"'"'?'"'"' (2 cells); open the original and save it again as "CSV UTF-8" (Excel) or with the character set "Unicode (UTF-8)" (LibreOffice). A '"'"'?'"'"' that is meant is followed by a space'
bad() {
	printf 'id,name,unit,baseline,target,result\r\n1,T? l? th?n v?n h?a,%%,1,2,\r\n2,T? l? x? ?at chu?n,%%,1,2,3\r\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Lưu bằng Excel"
}
