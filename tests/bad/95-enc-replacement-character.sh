# Encoding: a conversion left U+FFFD where it could not read a letter.
status=1
expect='data/indicators.csv:3:8: error: '"'"'Xã B�c Sơn'"'"' holds the mark � of letters lost in a conversion (1 cell): open the original and save it again as "CSV UTF-8" (Excel) or with the character set "Unicode (UTF-8)" (LibreOffice)'
bad() {
	printf 'id,name,unit,baseline,target,result\n1,A,%%,1,2,\n2,"Xã B\357\277\275c Sơn",%%,1,2,3\n' >"$1/data/indicators.csv"
	commit "$1" "$D2" "Chuyển mã"
}
