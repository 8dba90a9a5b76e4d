# Front matter: an opening --- without a closing one.
status=1
expect='content/01-muc-tieu.md:1:1: error: front matter is not closed: add a line with ---'
expect_vi='content/01-muc-tieu.md:1:1: error: phần đầu trang (front matter) chưa được đóng: thêm một dòng ---'
bad() {
	printf -- '---\ntitle: "Mục tiêu"\nweight: 1\n\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
