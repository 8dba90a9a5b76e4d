# Git: -C names a plain directory.
status=2
expect="ssg: error: not a git repository: $T/plain: give the plan's folder with -C, or make a new plan with ssg init DIR"
expect_vi="ssg: error: không phải là kho lưu trữ git (repository): $T/plain: hãy chỉ thư mục của kế hoạch bằng -C, hoặc tạo kế hoạch mới bằng ssg init THƯ_MỤC"
bad() {
	mkdir "$T/plain"
	args="build -C $T/plain -o $OUT"
}
