# Values: progress in words.
status=1
expect='data/tasks.csv:2:1: error: progress '"'"'một nửa'"'"' of task 1 must be a number from 0 to 100'
bad() {
	printf 'id,title,status,progress\n1,A,in_progress,một nửa\n' >"$1/data/tasks.csv"
	commit "$1" "$D2" "Thêm nhiệm vụ"
}
