# Front matter: a YAML mistake without words of its own (a [ list not
# closed): where, and what to look at, in our words; libyaml's only in
# parentheses.
status=1
expect="content/01-muc-tieu.md:4:7: error: invalid YAML: the front matter cannot be read from here: check the quotes, colons and indentation of this line and the one before (YAML: while parsing a flow sequence: did not find expected ',' or ']')"
expect_vi="content/01-muc-tieu.md:4:7: error: YAML không hợp lệ: phần đầu trang (front matter) không đọc được từ chỗ này: hãy kiểm tra dấu ngoặc kép, dấu hai chấm và thụt đầu dòng của dòng này và dòng trước đó (YAML: while parsing a flow sequence: did not find expected ',' or ']')"
bad() {
	printf -- '---\ntitle: "Mục tiêu"\ntags: [a, b\nweight: 1\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
