# Size: one 10 MB field (made at test time) is over the field limit.
status=1
expect='data/indicators.csv:2:1048581: error: field is longer than 1048576 bytes: cells this large are not supported'
bad() {
	{ printf 'id,name,unit,baseline,target\n1,'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf ',%%,1,2\n'; } >"$1/data/indicators.csv"
	commit "$1" "$D2" "Dán nhầm"
}
