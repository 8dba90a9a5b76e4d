# Values: an error (an indicator without a name) beside a warning (a task
# marked done at 50%): the warning is printed too, not only the error.
status=1
expect='data/tasks.csv:2:27: warning: task 1 is marked done but its progress is 50%: correct the status or the progress'
bad() {
	printf 'id,name,unit,baseline,target\n1,,%%,1,2\n' >"$1/data/indicators.csv"
	printf 'id,title,status,progress\n1,Tuyên truyền,Hoàn thành,50\n' >"$1/data/tasks.csv"
	commit "$1" "$D2" "Nhập kết quả"
}
