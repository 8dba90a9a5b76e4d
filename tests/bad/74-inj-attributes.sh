# Injection: markup aimed at attributes (aria-label from datapackage.json
# titles, ids from keys, table names from file names).
status=0
bad() {
	cat >"$1/data/datapackage.json" <<'JSON'
{"resources": [{"name": "indicators", "path": "indicators.csv", "title": "\"><x-pwn onclick=\"pwn()\">",
  "schema": {"fields": [{"name": "name", "title": "\"><x-pwn>", "unit": "<x-pwn>"}]}},
 {"name": "communes", "path": "communes.csv", "title": "' onmouseover='pwn()' x='", "description": "<script>pwn()</script>"}]}
JSON
	printf 'xa,"""><x-pwn>"\n\047 onmouseover=\047pwn(),1\n"""><x-pwn>",2\n' >"$1/data/communes.csv"
	printf 'xa,b\n"""><x-pwn>",1\n' >"$1/data/\"><x-pwn>.csv"
	printf '\n{{table communes}}\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Dữ liệu độc hại"
}
