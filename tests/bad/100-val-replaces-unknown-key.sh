# Validation: a `replaces` key that names no row the table has or ever
# had (a typo of a commune's code) is a warning at the key: the site
# shows it without a link.  A warning, as a row may rightly replace one
# from before the repository's history.
status=0
args="check -C $T/r"
expect='data/xa.csv:3:24: warning: '"'"'06999'"'"' in column '"'"'replaces'"'"' is the key of no row of data/xa.csv, now or in its history: check the key (the site shows it without a link)'
expect_vi='data/xa.csv:3:24: warning: '"'"'06999'"'"' ở cột '"'"'replaces'"'"' (thay thế) không phải là khóa của dòng nào trong data/xa.csv, hiện nay hay trước đây: hãy kiểm tra lại khóa (trang web hiện khóa này không có liên kết)'
bad() {
	printf 'ma,ten\n06253,Xã Hưng Vũ\n06256,Xã Vũ Sơn\n' > "$1/data/xa.csv"
	commit "$1" "$D1" "Danh sách xã"
	printf 'ma,ten,replaces\n06262,Xã Bắc Sơn,\n26001,Xã Hưng Vũ,06253;06999\n' > "$1/data/xa.csv"
	commit "$1" "$D2" "Sáp nhập"
}
