# Injection: markup in every indicator field, shown as text (HTML text,
# inline SVG charts, JSON).
status=0
bad() {
	printf 'id,name,unit,baseline,target,result,as_of,note,source\n1,<script>pwn()</script>,<x-pwn>,1,"<img src=x onerror=""pwn()"">",2,30/06/2024,<x-pwn>,"""><x-pwn>"\n' >"$1/data/indicators.csv"
	printf 'id,title,lead,partners,timeframe,status,progress,note\n<x-pwn>,<script>pwn()</script>,<x-pwn>,"<x-pwn>;""><x-pwn>",<x-pwn>,done,100,<x-pwn>\n' >"$1/data/tasks.csv"
	sed -i 's/{{value indicators 2 result}}/{{value indicators 1 name}}/' "$1/content/01-muc-tieu.md"
	printf '\n{{tasks}}\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Dữ liệu độc hại"
}
