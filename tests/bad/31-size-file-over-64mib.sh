# Size: a 65 MiB file in data/ is refused from its object header, never
# inflated.
status=1
expect='data/big.csv:1:1: error: file is too large (68157454 bytes; the limit is 64 MiB)'
bad() {
	{ printf 'xa,ket_qua\n'; head -c 68157440 /dev/zero | tr '\0' 'a'; printf ',1\n'; } >"$1/data/big.csv"
	commit "$1" "$D2" "Nhập dữ liệu"
}
