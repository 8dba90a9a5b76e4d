# Content is untrusted: markup from data and Markdown is escaped in every
# output, and javascript: links are never emitted.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
printf 'id,name,unit,baseline,target,note\n1,"<script>alert(1)</script>",%%,1,2,"a"" onmouseover=""x"\n' > "$T/r/data/indicators.csv"
cat >> "$T/r/content/01-muc-tieu.md" <<'MD'

<script>alert(2)</script> and <b onclick="x()">bold</b>

[click](javascript:alert(3)) [ok](https://example.org/)
MD
sed -i 's/{{value indicators 2 result}}/{{value indicators 1 name}}/' "$T/r/content/01-muc-tieu.md"
# A column title goes into every cell's data-label (a phone's cards).
printf 'Xã,"Số ""hộ"" <b>"\nXã <i>A</i>,12\n' > "$T/r/data/xa.csv"
commit "$T/r" "2024-04-01T09:00:00+07:00" "Thử dữ liệu độc hại"
run_ssg 0 build -C "$T/r" -o "$T/s"
for f in $(find "$T/s" -name '*.html'); do
	# The one script is the theme's own search.js, on the search page.
	! grep -vE '^<script src="(\.\./)+static/search\.js" defer></script>$' "$f" |
		grep -qF '<script' || fail "$f has a <script"
	! grep -qiE '(href|src)="[[:space:]]*javascript:' "$f" || fail "$f has a javascript: link"
	hasnt "$f" '<b onclick'
done
has "$T/s/muc-tieu/index.html" '&lt;script&gt;alert(1)&lt;/script&gt;'
has "$T/s/muc-tieu/index.html" '&lt;script&gt;alert(2)&lt;/script&gt;'
has "$T/s/muc-tieu/index.html" 'href="https://example.org/"'
has "$T/s/tables/xa/index.html" '<th scope="row" data-label="Xã">Xã &lt;i&gt;A&lt;/i&gt;</th><td data-label="Số &quot;hộ&quot; &lt;b&gt;" class="num">'
has "$T/s/tables/xa/index.html" '<th scope="col" class="num">Số &quot;hộ&quot; &lt;b&gt;</th>'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["name"]=="<script>alert(1)</script>"' "$T/s/data/indicators.json"
hasnt "$T/s/data/indicators.json" '<script'
echo ok
