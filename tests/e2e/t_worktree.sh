# The build reads git objects at the revision, never the work tree,
# unless --worktree is given.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
sed -i 's/Giới thiệu./Bản nháp chưa lưu./' "$T/r/content/_index.md"
run_ssg 0 build -C "$T/r" -o "$T/a"
has "$T/a/index.html" 'Giới thiệu.'
hasnt "$T/a/index.html" 'Bản nháp chưa lưu.'
run_ssg 0 build -C "$T/r" --worktree -o "$T/b"
has "$T/b/index.html" 'Bản nháp chưa lưu.'
# An older revision builds as it stood.
commit "$T/r" "2024-04-01T09:00:00+07:00" "Sửa giới thiệu"
run_ssg 0 build -C "$T/r" --rev HEAD~1 -o "$T/c"
has "$T/c/index.html" 'Giới thiệu.'
echo ok
