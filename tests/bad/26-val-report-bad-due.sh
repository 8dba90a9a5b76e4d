# Values: a report deadline that is no date.
status=1
expect='content/_index.md:4:42: error: report 1: due must be a real date written dd/mm/yyyy'
bad() {
	sed -i 's|due: "15/06/2024"|due: "15/13/2024"|' "$1/content/_index.md"
	commit "$1" "$D2" "Sửa hạn báo cáo"
}
