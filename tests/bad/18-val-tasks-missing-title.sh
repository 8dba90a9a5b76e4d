# Values: tasks.csv without its title column.
status=1
expect='data/tasks.csv:1:1: error: missing column '"'"'title'"'"' (Nhiệm vụ) in the header: add it, or write '"'"'title'"'"' or '"'"'Nhiệm vụ'"'"' as the header of the column that holds it'
bad() {
	printf 'id,lead,status\n1,Phòng VH,done\n' >"$1/data/tasks.csv"
	commit "$1" "$D2" "Thêm nhiệm vụ"
}
