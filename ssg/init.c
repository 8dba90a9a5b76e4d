#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "repo.h"

/* The files, "@Y@" standing for the plan's year.  Comments and examples
 * are in Vietnamese: the clerk reads them. */

static const char index_md[] =
	"---\n"
	"# Thông tin chung của kế hoạch: sửa từng dòng cho đúng văn bản đã "
	"ký.\n"
	"# Giữ nguyên tên trường (phần trước dấu hai chấm) và dấu ngoặc "
	"kép.\n"
	"title: \"Kế hoạch thực hiện Phong trào “Toàn dân đoàn kết xây dựng "
	"đời sống văn hóa” năm @Y@\"\n"
	"short_title: \"Đời sống văn hóa @Y@\"\n"
	"district: \"Tên huyện\"\n"
	"province: \"Tên tỉnh\"\n"
	"# Năm của kế hoạch: đổi năm là mở kế hoạch năm mới.\n"
	"year: \"@Y@\"\n"
	"issuer: \"Ban Chỉ đạo Phong trào huyện\"\n"
	"number: \"Số: /KH-BCĐ\"\n"
	"place_date: \"Tên huyện, ngày   tháng   năm @Y@\"\n"
	"doc_type: \"Kế hoạch\"\n"
	"# Các kỳ báo cáo; hạn (due) viết ngày/tháng/năm.\n"
	"reports:\n"
	"  - name: \"Báo cáo 6 tháng\"\n"
	"    due: \"15/06/@Y@\"\n"
	"    description: \"Báo cáo kết quả 6 tháng đầu năm\"\n"
	"  - name: \"Báo cáo năm\"\n"
	"    due: \"15/11/@Y@\"\n"
	"    description: \"Báo cáo kết quả cả năm\"\n"
	"signer:\n"
	"  role: \"TRƯỞNG BAN\"\n"
	"  title: \"PHÓ CHỦ TỊCH UBND HUYỆN\"\n"
	"  name: \"Họ và tên người ký\"\n"
	"recipients:\n"
	"  - \"Thành viên Ban Chỉ đạo;\"\n"
	"  - \"Lưu: VT.\"\n"
	"recipients_note: \"\"\n"
	"# Văn bản khác được công khai (có thể xóa cả mục này).\n"
	"documents:\n"
	"  - title: \"Quyết định thành lập Ban Chỉ đạo\"\n"
	"    number: \"Số: /QĐ-UBND\"\n"
	"    date: \"02/01/@Y@\"\n"
	"    form: \"Văn bản\"\n"
	"    issuer: \"Ủy ban nhân dân huyện\"\n"
	"---\n"
	"\n"
	"Lời mở đầu của kế hoạch: viết ở đây, như trong văn bản.\n";

static const char section_md[] =
	"---\n"
	"# Một mục của kế hoạch. Các mục xếp theo weight, rồi theo tên tệp.\n"
	"title: \"Chỉ tiêu và nhiệm vụ\"\n"
	"heading: \"CHỈ TIÊU VÀ NHIỆM VỤ\"\n"
	"numeral: \"I\"\n"
	"weight: 1\n"
	"---\n"
	"\n"
	"## Các chỉ tiêu\n"
	"\n"
	"{{table indicators}}\n"
	"\n"
	"## Các nhiệm vụ\n"
	"\n"
	"{{tasks}}\n";

static const char indicators_csv[] =
	"id,name,unit,baseline,target,result,as_of,direction,note,source\n"
	"1,Tỷ lệ gia đình đạt danh hiệu “Gia đình văn hóa”,%,\"90,5\",91,,,"
	"up,,Kế hoạch năm @Y@\n";

static const char tasks_csv[] =
	"id,title,lead,partners,timeframe,status,progress,note\n"
	"1,Tuyên truyền kế hoạch đến các xã,Phòng Văn hóa và Thông tin,"
	"\"Ủy ban nhân dân các xã; Đài Truyền thanh\",Quý I năm @Y@,"
	"Chưa triển khai,,\n";

static const char package_json[] =
	"{\n"
	"  \"name\": \"ke-hoach-@Y@\",\n"
	"  \"title\": \"Chỉ tiêu và nhiệm vụ năm @Y@\",\n"
	"  \"resources\": [\n"
	"    {\n"
	"      \"name\": \"indicators\",\n"
	"      \"path\": \"indicators.csv\",\n"
	"      \"title\": \"Các chỉ tiêu năm @Y@\",\n"
	"      \"schema\": {\n"
	"        \"primaryKey\": [\"id\"],\n"
	"        \"fields\": [\n"
	"          {\"name\": \"id\", \"title\": \"STT\", \"type\": \"string\"},\n"
	"          {\"name\": \"name\", \"title\": \"Chỉ tiêu\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"unit\", \"title\": \"Đơn vị\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"baseline\", \"title\": \"Kết quả năm trước\", "
	"\"type\": \"number\"},\n"
	"          {\"name\": \"target\", \"title\": \"Kế hoạch\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"result\", \"title\": \"Kết quả mới nhất\", "
	"\"type\": \"string\"},\n"
	"          {\"name\": \"as_of\", \"title\": \"Số liệu tính đến\", "
	"\"type\": \"date\"},\n"
	"          {\"name\": \"direction\", \"title\": \"Chiều hướng\", "
	"\"type\": \"string\"},\n"
	"          {\"name\": \"note\", \"title\": \"Ghi chú\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"source\", \"title\": \"Nguồn\", \"type\": "
	"\"string\"}\n"
	"        ]\n"
	"      }\n"
	"    },\n"
	"    {\n"
	"      \"name\": \"tasks\",\n"
	"      \"path\": \"tasks.csv\",\n"
	"      \"title\": \"Các nhiệm vụ năm @Y@\",\n"
	"      \"schema\": {\n"
	"        \"primaryKey\": [\"id\"],\n"
	"        \"fields\": [\n"
	"          {\"name\": \"id\", \"title\": \"STT\", \"type\": \"string\"},\n"
	"          {\"name\": \"title\", \"title\": \"Nhiệm vụ\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"lead\", \"title\": \"Cơ quan chủ trì\", "
	"\"type\": \"string\"},\n"
	"          {\"name\": \"partners\", \"title\": \"Cơ quan phối hợp\", "
	"\"type\": \"string\"},\n"
	"          {\"name\": \"timeframe\", \"title\": \"Thời gian thực "
	"hiện\", \"type\": \"string\"},\n"
	"          {\"name\": \"status\", \"title\": \"Trạng thái\", \"type\": "
	"\"string\"},\n"
	"          {\"name\": \"progress\", \"title\": \"Tiến độ\", \"type\": "
	"\"number\"},\n"
	"          {\"name\": \"note\", \"title\": \"Ghi chú\", \"type\": "
	"\"string\"}\n"
	"        ]\n"
	"      }\n"
	"    }\n"
	"  ]\n"
	"}\n";

static const char gitignore[] =
	"# Trang web do ssg tạo ra: không đưa vào kho.\n"
	"/public/\n"
	"/public.ssg-*/\n"
	"/.public.ssg-prev/\n";

/* Text with "@Y@" replaced by the year. */
static void put_text(ssg_buf *b, const char *text, int year)
{
	for (const char *p = text; *p;) {
		const char *at = strstr(p, "@Y@");
		size_t n = at ? (size_t)(at - p) : strlen(p);
		ssg_buf_put(b, p, n);
		if (!at)
			break;
		ssg_buf_printf(b, "%04d", year);
		p = at + 3;
	}
}

/* Makes dir/rel (never over an existing file, never through a link). */
static int write_new(const char *dir, const char *rel, const char *data,
		     size_t len, mode_t mode, ssg_diags *d)
{
	ssg_buf path;
	ssg_buf_init(&path);
	ssg_buf_printf(&path, "%s/%s", dir, rel);
	int rc = SSG_OK;
	int fd = open(ssg_buf_cstr(&path),
		      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      mode);
	if (fd < 0) {
		ssg_diags_env(d, "cannot make %s: %s", ssg_buf_cstr(&path),
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	for (size_t off = 0; off < len;) {
		ssize_t k = write(fd, data + off, len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			ssg_diags_env(d, "cannot write %s: %s",
				      ssg_buf_cstr(&path), strerror(errno));
			rc = SSG_ERR_ENV;
			break;
		}
		off += (size_t)k;
	}
	/* The mode asked for, whatever the umask: the hook must run. */
	if (rc == SSG_OK && fchmod(fd, mode) < 0) {
		ssg_diags_env(d, "cannot set the mode of %s: %s",
			      ssg_buf_cstr(&path), strerror(errno));
		rc = SSG_ERR_ENV;
	}
	if (close(fd) < 0 && rc == SSG_OK) {
		ssg_diags_env(d, "cannot write %s: %s", ssg_buf_cstr(&path),
			      strerror(errno));
		rc = SSG_ERR_ENV;
	}
done:
	ssg_buf_fini(&path);
	return rc;
}

static int write_text(const char *dir, const char *rel, const char *text,
		      int year, mode_t mode, ssg_diags *d)
{
	ssg_buf b;
	ssg_buf_init(&b);
	put_text(&b, text, year);
	int rc = write_new(dir, rel, b.data ? b.data : "", b.len, mode, d);
	ssg_buf_fini(&b);
	return rc;
}

static int make_dir(const char *dir, const char *rel, ssg_diags *d)
{
	ssg_buf path;
	ssg_buf_init(&path);
	ssg_buf_printf(&path, "%s/%s", dir, rel);
	int rc = SSG_OK;
	if (mkdir(ssg_buf_cstr(&path), 0755) < 0 && errno != EEXIST) {
		ssg_diags_env(d, "cannot make %s: %s", ssg_buf_cstr(&path),
			      strerror(errno));
		rc = SSG_ERR_ENV;
	}
	ssg_buf_fini(&path);
	return rc;
}

/* True when dir does not exist or is an empty directory. */
static bool is_new(const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return errno == ENOENT;
	bool empty = true;
	struct dirent *e;
	while (empty && (e = readdir(dh)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(dh);
	return empty;
}

/* The hook runs the ssg on the PATH, else the one that made it: a
 * commit whose plan has errors is refused, with the errors listed. */
static int write_hook(const char *dir, const char *self, ssg_diags *d)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "#!/bin/sh\n"
			 "# Made by ssg init: a commit whose plan has errors is "
			 "refused, and the\n"
			 "# errors are listed (git commit --no-verify skips "
			 "this check).\n"
			 "ssg=ssg\n"
			 "command -v ssg >/dev/null 2>&1 || ssg=");
	/* Quoted for the shell: a path with a quote in it is written so
	 * that it still names that path. */
	ssg_buf_putc(&b, '\'');
	for (const char *p = self && *self == '/' ? self : "ssg"; *p; p++) {
		if (*p == '\'')
			ssg_buf_puts(&b, "'\\''");
		else
			ssg_buf_putc(&b, *p);
	}
	ssg_buf_puts(&b, "'\nexec \"$ssg\" check --worktree\n");
	int rc = write_new(dir, ".git/hooks/pre-commit", b.data, b.len, 0755,
			   d);
	ssg_buf_fini(&b);
	return rc;
}

int ssg_init(const ssg_init_opts *o, ssg_diags *d)
{
	if (!is_new(o->dir)) {
		ssg_diags_env(d, "%s is not empty: ssg init makes a new plan "
				 "in a new or empty folder",
			      o->dir);
		return SSG_ERR_ENV;
	}
	int rc = ssg_repo_init(o->dir, d);
	if (rc == SSG_OK)
		rc = make_dir(o->dir, "content", d);
	if (rc == SSG_OK)
		rc = make_dir(o->dir, "data", d);
	if (rc == SSG_OK)
		rc = make_dir(o->dir, ".git/hooks", d);
	static const struct {
		const char *rel, *text;
	} files[] = {
		{"content/_index.md", index_md},
		{"content/01-chi-tieu-nhiem-vu.md", section_md},
		{"data/indicators.csv", indicators_csv},
		{"data/tasks.csv", tasks_csv},
		{"data/datapackage.json", package_json},
		{".gitignore", gitignore},
	};
	for (size_t i = 0; rc == SSG_OK && i < sizeof(files) / sizeof(*files);
	     i++)
		rc = write_text(o->dir, files[i].rel, files[i].text, o->year,
				0644, d);
	if (rc == SSG_OK)
		rc = write_hook(o->dir, o->self, d);
	return rc;
}
