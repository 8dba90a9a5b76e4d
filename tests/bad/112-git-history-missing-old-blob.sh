# Git: an older version of a table, which only the history walk reads, is
# missing: our words and what to do, libgit2's only in parentheses.
status=2
expect='ssg: error: cannot read data/indicators.csv (blob b019d94259462f40b5ccc7bd6883cb0664e9bb0e): the repository is damaged or incomplete: `git fsck` shows what is damaged, and a fresh clone repairs it (object not found - cannot read header for (b019d94259462f40b5ccc7bd6883cb0664e9bb0e))'
expect_vi='ssg: error: không đọc được data/indicators.csv (blob b019d94259462f40b5ccc7bd6883cb0664e9bb0e): kho lưu trữ bị hỏng hoặc thiếu dữ liệu: lệnh `git fsck` cho biết phần nào bị hỏng, và một bản sao (clone) mới sẽ khắc phục được (object not found - cannot read header for (b019d94259462f40b5ccc7bd6883cb0664e9bb0e))'
bad() {
	old=$(git -C "$1" rev-parse HEAD:data/indicators.csv)
	sed -i 's/^1,Tỷ lệ gia đình văn hóa,%,"87,29",90,,$/1,Tỷ lệ gia đình văn hóa,%,"87,29",91,,/' "$1/data/indicators.csv"
	commit "$1" "$D2" "Điều chỉnh"
	rm -f "$1/.git/objects/$(echo "$old" | cut -c1-2)/$(echo "$old" | cut -c3-)"
}
