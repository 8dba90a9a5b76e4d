# Values: a task status nobody defined.
status=1
expect='data/tasks.csv:2:1: error: unknown status '"'"'sắp xong'"'"' of task 1: use planned, in_progress, done, cancelled (or Chưa triển khai, Đang thực hiện, Hoàn thành, Đã hủy)'
expect_vi='data/tasks.csv:2:1: error: trạng thái '"'"'sắp xong'"'"' của nhiệm vụ 1 không hợp lệ: hãy dùng Chưa triển khai, Đang thực hiện, Hoàn thành, Đã hủy (hoặc planned, in_progress, done, cancelled)'
bad() {
	printf 'id,title,status\n1,A,sắp xong\n' >"$1/data/tasks.csv"
	commit "$1" "$D2" "Thêm nhiệm vụ"
}
