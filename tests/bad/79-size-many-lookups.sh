# Size: 10000 quoted values looked up in a table of 10000 rows must
# finish in bounded time (a linear search per lookup would not).
status=1
expect='content/01-muc-tieu.md:10004:1: error: table '"'"'communes'"'"' has no row with key '"'"'nope'"'"''
bad() {
	awk 'BEGIN { print "xa,ket_qua"; for (i = 0; i < 10000; i++) print "x" i "," i }' >"$1/data/communes.csv"
	{ printf -- '---\ntitle: "Mục tiêu"\n---\n'; awk 'BEGIN { for (i = 0; i < 10000; i++) print "{{value communes x" (9999 - i) " ket_qua}}"; print "{{value communes nope ket_qua}}" }'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Trích nhiều số liệu"
}
