# An indicator's chart as the page draws it (issue 13 item 4): drawn
# though datapackage.json types the figures `string`; the result
# line ends at the last reported value, the value axis has at least four
# labelled round values in Vietnamese form, its text is at least 12 px on
# a 320 px screen, and the table beneath holds the chart's figures.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2024"\n---\nGiới thiệu.\n' > "$R/content/_index.md"
# As this project's own datapackage.json does: target and result typed
# `string`, since a target may be words.  They are figures still.
cat > "$R/data/datapackage.json" <<'JSON'
{"resources": [{"name": "indicators", "path": "indicators.csv", "schema": {"fields": [
 {"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
 {"name": "unit", "type": "string"}, {"name": "baseline", "type": "number"},
 {"name": "target", "type": "string"}, {"name": "result", "type": "string"},
 {"name": "as_of", "type": "date"}]}}]}
JSON
I=$R/data/indicators.csv
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n2,Số hộ nghèo,hộ,1250,1100,,\n' > "$I"
commit "$R" "2024-03-01T09:00:00+07:00" "Kế hoạch"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",20/06/2024\n2,Số hộ nghèo,hộ,1250,1100,1180,20/06/2024\n' > "$I"
commit "$R" "2024-06-20T16:00:00+07:00" "Kết quả 6 tháng"
# Only indicator 2 changes after: indicator 1's result was last reported
# on 20/06, though the history runs to 02/10.
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",20/06/2024\n2,Số hộ nghèo,hộ,1250,1050,1180,20/06/2024\n' > "$I"
commit "$R" "2024-10-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 2"
run_ssg 0 build -C "$R" -o "$T/s"
has "$T/s/indicators/2/index.html" '<data value="1180">1.180</data>'
has "$T/s/index.html" '<data value="88.1">88,1%</data>'
for id in 1 2; do
python3 - "$T/s" "$id" <<'PY' || fail "indicator $id's chart"
import re, sys
site, ind = sys.argv[1], sys.argv[2]
page = open(f"{site}/indicators/{ind}/index.html", encoding="utf-8").read()
css = open(f"{site}/static/style.css", encoding="utf-8").read()
svgs = re.findall(r'<svg\b([^>]*)>(.*?)</svg>', page, re.S)
assert len(svgs) == 1, f"{len(svgs)} charts"
attrs, body = svgs[0]
def attr(s, name):
    m = re.search(r'\b' + name + r'="([^"]*)"', s)
    return m and m.group(1)
# Text size: the SVG is drawn at most its width attribute wide, and at
# 320 px in a 288 px column; a font-size on the svg or on each text.
w = float(attr(attrs, "width"))
rule = re.search(r'\.chart svg\s*\{([^}]*)\}', css).group(1)
assert re.search(r'(^|[ ;])max-width:\s*100%', rule) and not re.search(r'(^|[ ;])width:', rule), f"the svg is not drawn at its own width: {rule}"
texts = re.findall(r'<text\b([^>]*)>([^<]*)</text>', body)
for ta, _ in texts:
    fs = float(attr(ta, "font-size") or attr(attrs, "font-size"))
    px = fs * min(w, 288) / w
    assert px >= 12, f"text of {fs} units in a {w} wide svg is {px:.1f} px at 320 px"
# At least four labelled values, round and in Vietnamese form.
labels = [t for _, t in texts if re.fullmatch(r'-?[0-9.]+(,[0-9]+)?', t)]
vals = [float(t.replace(".", "").replace(",", ".")) for t in labels]
assert len(vals) >= 4, f"value axis labels {labels}"
steps = {round(abs(a - b), 9) for a, b in zip(vals, vals[1:])}
assert len(steps) == 1, f"uneven ticks {labels}"
if ind == "2":
    assert any("." in t for t in labels), f"thousands not grouped: {labels}"
# The result line (blue) goes no further right than its last dot.
dots = [float(x) for x in re.findall(r'<circle\b[^>]*\bcx="([0-9.]+)"', body)]
assert dots, "no result dot"
line = re.search(r'<(?:path|polyline)\b[^>]*stroke="#1d70b8"[^>]*>', body)
xs = []
if line:
    el = line.group(0)
    d = attr(el, "d")
    if d:
        for cmd, args in re.findall(r'([MHVL])\s*([-0-9. ]*)', d):
            nums = [float(n) for n in args.split()]
            if cmd in "ML":
                xs.append(nums[0])
            elif cmd == "H":
                xs.append(nums[0])
    else:
        xs = [float(p.split(",")[0]) for p in attr(el, "points").split()]
assert not xs or max(xs) <= max(dots) + 0.05, f"result line runs to {max(xs)}, past its last value at {max(dots)}"
# The same figures as the table beneath: a row per point, a dot per
# result shown there.
table = page.split("cùng số liệu với biểu đồ", 1)[1].split("</table>", 1)[0]
rows = re.findall(r'<tr><th scope="row">.*?</tr>', table, re.S)
with_result = [r for r in rows if re.findall(r'<td class="num"[^>]*>(.*?)</td>', r)[1].strip()]
assert len(dots) == len(with_result), f"{len(dots)} dots, {len(with_result)} results in the table"
squares = re.findall(r'<rect\b', body)
assert len(squares) == len(rows), f"{len(squares)} targets, {len(rows)} rows"
PY
done
