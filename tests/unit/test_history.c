/*
 * Tests for history, on fixture repositories built with the git CLI.
 * Names and dates are fixed, so commit ids are stable; each test reads
 * the ids it needs from git itself rather than hard-coding them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "fx_history.h"
#include "history.h"
#include "history_out.h"
#include "repo.h"

static char base[64];
static ssg_diags *diags;
static ssg_repo *repo;
static ssg_history *hist;
static char *text; /* last events() result */

/* Fixture steps in base. */
#define run(...) fx_run(base, __VA_ARGS__)
#define output(...) fx_output(base, __VA_ARGS__)
#define put_n(rel, data, len) fx_put_n(base, rel, data, len)
#define put(rel, data) fx_put(base, rel, data)

static void commit(const char *dir, int n, const char *msg)
{
	fx_git_commit(base, dir, n, msg);
}

static void init(const char *dir)
{
	run("git init -q -b main %s", dir);
}

static int load_keys(const char *dir, const char *rev,
		     const ssg_history_key *keys, size_t nkeys)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", base, dir);
	assert_int_equal(ssg_repo_open(&repo, path, diags), SSG_OK);
	return ssg_history_load(&hist, repo, rev, keys, nkeys, NULL, diags);
}

static void load(const char *dir)
{
	assert_int_equal(load_keys(dir, NULL, NULL, 0), SSG_OK);
	assert_non_null(hist);
}

/* Every event, one a line: "COMMIT:table/key what". */
static const char *events(void)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_history_nevents(hist); i++) {
		const ssg_hev *e = ssg_history_event(hist, i);
		ssg_buf_printf(&b, "%zu:%s", e->commit, e->table);
		if (e->key)
			ssg_buf_printf(&b, "/%s", e->key);
		switch (e->kind) {
		case SSG_HEV_ADDED:
		case SSG_HEV_REMOVED:
			ssg_buf_puts(&b, e->kind == SSG_HEV_ADDED ? " +{"
								  : " -{");
			for (size_t j = 0; j < e->ncols; j++)
				ssg_buf_printf(&b, "%s%s=%s", j ? "," : "",
					       e->cols[j], e->vals[j]);
			ssg_buf_puts(&b, "}");
			break;
		case SSG_HEV_CHANGED:
			ssg_buf_printf(&b, " %s: %s > %s", e->field, e->old,
				       e->new_);
			break;
		case SSG_HEV_SCHEMA:
			ssg_buf_printf(&b, " schema %s: %s > %s", e->field,
				       e->old ? e->old : "-",
				       e->new_ ? e->new_ : "-");
			break;
		case SSG_HEV_GAP:
			ssg_buf_printf(&b, " gap: %s", e->error);
			break;
		}
		ssg_buf_putc(&b, '\n');
	}
	ssg_buf_puts(&b, "");
	free(text);
	text = ssg_buf_detach(&b);
	return text;
}

static bool diags_mention(const char *s)
{
	for (size_t i = 0; i < ssg_diags_count(diags); i++)
		if (strstr(ssg_diags_get(diags, i)->msg, s))
			return true;
	return false;
}

static int group_setup(void **state)
{
	(void)state;
	return fx_git_group(base, sizeof(base), "history") ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static int setup(void **state)
{
	(void)state;
	diags = ssg_diags_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_history_free(hist);
	hist = NULL;
	ssg_repo_free(repo);
	repo = NULL;
	ssg_diags_free(diags);
	diags = NULL;
	free(text);
	text = NULL;
	return 0;
}

static const char ind1[] = "id,name,target\n5,Tỷ lệ,90\n";

/* ---- tests ---- */

static void test_history_changed_target(void **state)
{
	(void)state;
	init("changed");
	put("changed/data/indicators.csv", ind1);
	commit("changed", 1, "Kế hoạch");
	put("changed/data/indicators.csv", "id,name,target\n5,Tỷ lệ,88\n");
	commit("changed", 2, "Giảm chỉ tiêu 5");
	load("changed");
	assert_string_equal(events(),
			    "0:indicators/5 +{id=5,name=Tỷ lệ,target=90}\n"
			    "1:indicators/5 target: 90 > 88\n");
	assert_int_equal(ssg_history_ncommits(hist), 2);
	const ssg_hcommit *c = ssg_history_commit(hist, 1);
	char *oid = output("cd changed && git rev-parse HEAD");
	assert_string_equal(c->oid, oid);
	assert_memory_equal(c->short_oid, oid, 7);
	assert_int_equal(c->short_oid[7], '\0');
	assert_string_equal(c->message, "Giảm chỉ tiêu 5");
	assert_string_equal(c->summary, "Giảm chỉ tiêu 5");
	assert_string_equal(c->author, "Nguyễn Văn A");
	assert_string_equal(c->email, "a@example.vn");
	assert_int_equal(c->offset, 7 * 60);
	assert_int_equal(c->first_event, 1);
	assert_int_equal(c->nevents, 1);
	assert_true(c->touched);
	free(oid);
}

static void test_history_jsonl_contract_shape(void **state)
{
	(void)state;
	init("json");
	put("json/data/indicators.csv", ind1);
	commit("json", 1, "Kế hoạch");
	put("json/data/indicators.csv",
	    "id,name,target\n5,Tỷ lệ,88\n6,\"Hộ \"\"nghèo\"\"\",2\n");
	run("cd json && git add -A && GIT_AUTHOR_DATE=2024-07-02T09:00:00+07:00"
	    " GIT_COMMITTER_DATE=2024-07-02T09:00:00+07:00 git commit -q "
	    "-m 'Giảm chỉ tiêu 5' -m 'Theo Nghị quyết <12>.'");
	load("json");
	char *oid = output("cd json && git rev-parse HEAD");
	ssg_buf b, want;
	ssg_buf_init(&b);
	ssg_buf_init(&want);
	ssg_hout_jsonl(hist, "indicators", "5", &b);
	char *first = output("cd json && git rev-parse HEAD~1");
	ssg_buf_printf(&want,
		       "{\"table\":\"indicators\",\"id\":\"5\",\"change\":"
		       "\"added\",\"new\":{\"id\":\"5\",\"name\":\"Tỷ lệ\","
		       "\"target\":\"90\"},\"commit\":\"%s\",\"date\":"
		       "\"2024-07-01T09:00:00+07:00\",\"author\":"
		       "\"Nguyễn Văn A\",\"message\":\"Kế hoạch\"}\n",
		       first);
	ssg_buf_printf(&want,
		       "{\"table\":\"indicators\",\"id\":\"5\",\"change\":"
		       "\"changed\",\"field\":\"target\",\"old\":\"90\","
		       "\"new\":\"88\",\"commit\":\"%s\",\"date\":"
		       "\"2024-07-02T09:00:00+07:00\",\"author\":"
		       "\"Nguyễn Văn A\",\"message\":\"Giảm chỉ tiêu 5\\n\\n"
		       "Theo Nghị quyết \\u003c12\\u003e.\"}\n",
		       oid);
	assert_string_equal(ssg_buf_cstr(&b), ssg_buf_cstr(&want));
	ssg_buf_clear(&b);
	ssg_hout_jsonl(hist, NULL, "6", &b);
	assert_non_null(strstr(ssg_buf_cstr(&b),
			       "\"change\":\"added\",\"new\":{\"id\":\"6\","
			       "\"name\":\"Hộ \\\"nghèo\\\"\",\"target\":\"2\"}"));
	ssg_buf_clear(&b);
	ssg_hout_jsonl(hist, "tasks", NULL, &b);
	assert_int_equal(b.len, 0);
	ssg_buf_fini(&b);
	ssg_buf_fini(&want);
	free(oid);
	free(first);
}

static void test_history_rows_added_and_removed(void **state)
{
	(void)state;
	init("rows");
	put("rows/data/tasks.csv", "id,title\n1,Một\n2,Hai\n");
	commit("rows", 1, "a");
	put("rows/data/tasks.csv", "id,title\n2,Hai\n3,Ba\n");
	commit("rows", 2, "b");
	load("rows");
	assert_string_equal(events(), "0:tasks/1 +{id=1,title=Một}\n"
				      "0:tasks/2 +{id=2,title=Hai}\n"
				      "1:tasks/3 +{id=3,title=Ba}\n"
				      "1:tasks/1 -{id=1,title=Một}\n");
}

static void test_history_merge_first_parent_only(void **state)
{
	(void)state;
	init("merge");
	put("merge/data/t.csv", "id,v\n5,a\n6,b\n7,c\n");
	commit("merge", 1, "base");
	run("cd merge && git checkout -q -b side");
	put("merge/data/t.csv", "id,v\n5,a\n6,b\n7,c1\n");
	commit("merge", 2, "side 1");
	put("merge/data/t.csv", "id,v\n5,a\n6,b\n7,c2\n");
	commit("merge", 3, "side 2");
	run("cd merge && git checkout -q main");
	put("merge/data/t.csv", "id,v\n5,a1\n6,b\n7,c\n");
	commit("merge", 4, "main");
	setenv("GIT_COMMITTER_DATE", "2024-07-05T09:00:00+07:00", 1);
	setenv("GIT_AUTHOR_DATE", "2024-07-05T09:00:00+07:00", 1);
	run("cd merge && git merge -q --no-ff -m 'merge side' side");
	load("merge");
	assert_string_equal(events(), "0:t/5 +{id=5,v=a}\n"
				      "0:t/6 +{id=6,v=b}\n"
				      "0:t/7 +{id=7,v=c}\n"
				      "1:t/5 v: a > a1\n"
				      "2:t/7 v: c > c2\n");
	assert_int_equal(ssg_history_ncommits(hist), 3);
	char *side = output("cd merge && git rev-parse side");
	char *side1 = output("cd merge && git rev-parse side~1");
	assert_int_equal(ssg_history_find(hist, side), -1);
	assert_int_equal(ssg_history_find(hist, side1), -1);
	assert_string_equal(ssg_history_commit(hist, 2)->summary,
			    "merge side");
	free(side);
	free(side1);
}

static void test_history_table_deleted_and_restored(void **state)
{
	(void)state;
	init("restore");
	put("restore/data/tasks.csv", "id,title\n1,Một\n");
	put("restore/data/x.csv", "a\n1\n");
	commit("restore", 1, "a");
	run("cd restore && git rm -q data/tasks.csv");
	commit("restore", 2, "xóa");
	put("restore/data/tasks.csv", "id,title\n1,Một\n");
	commit("restore", 3, "khôi phục");
	load("restore");
	assert_string_equal(events(), "0:tasks/1 +{id=1,title=Một}\n"
				      "0:x/1 +{a=1}\n"
				      "1:tasks/1 -{id=1,title=Một}\n"
				      "2:tasks/1 +{id=1,title=Một}\n");
}

/* The versions of data/datapackage.json (the titles of each commit's
 * time): one a commit that changed it, none for a commit that did not,
 * a removal as zeros, a version put back as the blob it was; never a
 * table's history. */
static void test_history_package_versions(void **state)
{
	(void)state;
	init("pkg");
	put("pkg/data/x.csv", "id,v\n1,a\n");
	commit("pkg", 1, "không có gói");
	put("pkg/data/datapackage.json", "{\"resources\": []}\n");
	commit("pkg", 2, "gói");
	put("pkg/data/x.csv", "id,v\n1,b\n");
	commit("pkg", 3, "số liệu");
	put("pkg/data/datapackage.json", "{\"resources\": [{\"name\": \"x\"}]}\n");
	commit("pkg", 4, "tiêu đề");
	run("cd pkg && git rm -q data/datapackage.json");
	commit("pkg", 5, "xóa gói");
	put("pkg/data/datapackage.json", "{\"resources\": []}\n");
	commit("pkg", 6, "khôi phục");
	load("pkg");
	assert_int_equal(ssg_history_npackages(hist), 4);
	static const size_t at[] = {1, 3, 4, 5};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(ssg_history_package(hist, i)->commit, at[i]);
	static const unsigned char none[20];
	assert_memory_equal(ssg_history_package(hist, 2)->id, none, 20);
	assert_memory_equal(ssg_history_package(hist, 0)->id,
			    ssg_history_package(hist, 3)->id, 20);
	assert_memory_not_equal(ssg_history_package(hist, 0)->id,
				ssg_history_package(hist, 1)->id, 20);
	assert_null(ssg_history_package(hist, 4));
	/* Read back through a reader, as the site reads its titles. */
	ssg_history_reader *rd = ssg_history_reader_new(hist);
	ssg_buf b;
	ssg_buf_init(&b);
	assert_true(ssg_history_blob(rd, ssg_history_package(hist, 1)->id, &b));
	assert_string_equal(ssg_buf_cstr(&b),
			    "{\"resources\": [{\"name\": \"x\"}]}\n");
	ssg_buf_fini(&b);
	ssg_history_reader_free(rd);
	assert_string_equal(events(), "0:x/1 +{id=1,v=a}\n"
				      "2:x/1 v: a > b\n");
}

static void test_history_row_removed_and_readded(void **state)
{
	(void)state;
	init("readd");
	put("readd/data/tasks.csv", "id,title\n1,Một\n2,Hai\n");
	commit("readd", 1, "a");
	put("readd/data/tasks.csv", "id,title\n1,Một\n");
	commit("readd", 2, "b");
	put("readd/data/tasks.csv", "id,title\n1,Một\n2,Hai lại\n");
	commit("readd", 3, "c");
	load("readd");
	assert_string_equal(events(), "0:tasks/1 +{id=1,title=Một}\n"
				      "0:tasks/2 +{id=2,title=Hai}\n"
				      "1:tasks/2 -{id=2,title=Hai}\n"
				      "2:tasks/2 +{id=2,title=Hai lại}\n");
}

static void test_history_key_case_and_spacing_no_events(void **state)
{
	(void)state;
	init("keycase");
	put("keycase/data/communes.csv", "commune,value\nXã An Lạc,5\n");
	commit("keycase", 1, "a");
	put("keycase/data/communes.csv", "commune,value\nxã  an lạc ,5\n");
	commit("keycase", 2, "b");
	load("keycase");
	assert_string_equal(events(),
			    "0:communes/Xã An Lạc +{commune=Xã An Lạc,"
			    "value=5}\n");
	assert_true(ssg_history_commit(hist, 1)->touched);
	assert_int_equal(ssg_history_commit(hist, 1)->nevents, 0);
}

static void test_history_empty_cell_vs_missing_column(void **state)
{
	(void)state;
	init("empty");
	put("empty/data/t.csv", "id,name,note\n1,a,\n");
	commit("empty", 1, "a");
	put("empty/data/t.csv", "id,name\n1,a\n");
	commit("empty", 2, "b");
	put("empty/data/t.csv", "id,name,note\n1,a,\n");
	commit("empty", 3, "c");
	put("empty/data/t.csv", "id,name,note\n1,a,x\n2,b,\n");
	commit("empty", 4, "d");
	load("empty");
	assert_string_equal(events(), "0:t/1 +{id=1,name=a,note=}\n"
				      "1:t schema removed: note > -\n"
				      "2:t schema added: - > note\n"
				      "3:t/1 note:  > x\n"
				      "3:t/2 +{id=2,name=b,note=}\n");
}

static void test_history_bom_mid_history_no_events(void **state)
{
	(void)state;
	init("bom");
	put("bom/data/indicators.csv", ind1);
	commit("bom", 1, "a");
	put("bom/data/indicators.csv", "\xEF\xBB\xBFid,name,target\n5,Tỷ lệ,90\n");
	commit("bom", 2, "bom");
	put("bom/data/indicators.csv", ind1);
	commit("bom", 3, "no bom");
	load("bom");
	assert_string_equal(events(),
			    "0:indicators/5 +{id=5,name=Tỷ lệ,target=90}\n");
	assert_int_equal(ssg_history_ncommits(hist), 3);
}

static void test_history_crlf_flip_no_events(void **state)
{
	(void)state;
	init("crlf");
	put("crlf/data/indicators.csv", ind1);
	commit("crlf", 1, "a");
	put("crlf/data/indicators.csv", "id,name,target\r\n5,Tỷ lệ,90\r\n");
	commit("crlf", 2, "crlf");
	put("crlf/data/indicators.csv", ind1);
	commit("crlf", 3, "lf");
	load("crlf");
	assert_string_equal(events(),
			    "0:indicators/5 +{id=5,name=Tỷ lệ,target=90}\n");
	assert_true(ssg_history_commit(hist, 1)->touched);
}

static void test_history_renamed_file_same_blob(void **state)
{
	(void)state;
	init("mv");
	put("mv/data/chi-tieu.csv", ind1);
	commit("mv", 1, "a");
	run("cd mv && git mv data/chi-tieu.csv data/indicators.csv");
	commit("mv", 2, "đổi tên");
	put("mv/data/indicators.csv", "id,name,target\n5,Tỷ lệ,88\n");
	commit("mv", 3, "c");
	load("mv");
	assert_string_equal(events(),
			    "0:indicators/5 +{id=5,name=Tỷ lệ,target=90}\n"
			    "2:indicators/5 target: 90 > 88\n");
}

static void test_history_renamed_and_edited_keeps_history(void **state)
{
	(void)state;
	init("mv2");
	put("mv2/data/chi-tieu.csv", "id,target\n1,10\n2,20\n3,30\n");
	commit("mv2", 1, "a");
	run("cd mv2 && git rm -q data/chi-tieu.csv");
	put("mv2/data/indicators.csv", "id,target\n1,10\n2,25\n3,30\n");
	put("mv2/data/other.csv", "id,target\n7,1\n8,2\n");
	commit("mv2", 2, "đổi tên và sửa");
	load("mv2");
	assert_string_equal(events(), "0:indicators/1 +{id=1,target=10}\n"
				      "0:indicators/2 +{id=2,target=20}\n"
				      "0:indicators/3 +{id=3,target=30}\n"
				      "1:indicators/2 target: 20 > 25\n"
				      "1:other/7 +{id=7,target=1}\n"
				      "1:other/8 +{id=8,target=2}\n");
}

static void test_history_key_of_newest_name_used_before_rename(void **state)
{
	(void)state;
	init("mvkey");
	/* The first column repeats: only the key `code` keeps rows
	 * apart. */
	put("mvkey/data/cu.csv", "value,code\n1,A\n1,B\n");
	commit("mvkey", 1, "a");
	run("cd mvkey && git mv data/cu.csv data/moi.csv");
	commit("mvkey", 2, "b");
	put("mvkey/data/moi.csv", "value,code\n1,A\n2,B\n");
	commit("mvkey", 3, "c");
	static const char *const code[] = {"code"};
	ssg_history_key keys[] = {{"moi", code, 1}};
	assert_int_equal(load_keys("mvkey", NULL, keys, 1), SSG_OK);
	assert_string_equal(events(), "0:moi/A +{value=1,code=A}\n"
				      "0:moi/B +{value=1,code=B}\n"
				      "2:moi/B value: 1 > 2\n");
}

static void test_history_unrelated_table_is_not_a_rename(void **state)
{
	(void)state;
	init("norename");
	put("norename/data/a.csv", "id,v\n1,x\n2,y\n");
	commit("norename", 1, "a");
	run("cd norename && git rm -q data/a.csv");
	put("norename/data/b.csv", "id,v\n7,x\n8,y\n");
	commit("norename", 2, "b");
	load("norename");
	assert_string_equal(events(), "0:a/1 +{id=1,v=x}\n"
				      "0:a/2 +{id=2,v=y}\n"
				      "1:a/1 -{id=1,v=x}\n"
				      "1:a/2 -{id=2,v=y}\n"
				      "1:b/7 +{id=7,v=x}\n"
				      "1:b/8 +{id=8,v=y}\n");
}

/* Keyed by its first column, then by a new `id` column: the rows of the
 * two versions cannot be matched, so every row is replaced. */
static void test_history_table_gains_id_column(void **state)
{
	(void)state;
	init("gainid");
	put("gainid/data/t.csv", "name,v\nA,1\n");
	commit("gainid", 1, "a");
	put("gainid/data/t.csv", "id,name,v\n1,A,1\n");
	commit("gainid", 2, "b");
	put("gainid/data/t.csv", "id,name,v\n1,A,2\n");
	commit("gainid", 3, "c");
	load("gainid");
	assert_string_equal(events(), "0:t/A +{name=A,v=1}\n"
				      "1:t/A -{name=A,v=1}\n"
				      "1:t/1 +{id=1,name=A,v=1}\n"
				      "2:t/1 v: 1 > 2\n");
}

/* Headers retyped as the site shows the columns (fields.h) are the same
 * columns: no rename, no change. */
static void test_history_site_titles_are_no_rename(void **state)
{
	(void)state;
	init("titles");
	put("titles/data/indicators.csv", "id,name,target\n5,a,90\n");
	commit("titles", 1, "a");
	put("titles/data/indicators.csv",
	    "STT;Chỉ tiêu;Kế hoạch\r\n5;a;90\r\n;;\r\n");
	commit("titles", 2, "b");
	load("titles");
	assert_string_equal(events(), "0:indicators/5 +{id=5,name=a,target=90}\n");
}

static void test_history_renamed_column_one_schema_event(void **state)
{
	(void)state;
	init("col");
	put("col/data/indicators.csv", "id,name,target\n5,a,90\n6,b,80\n");
	commit("col", 1, "a");
	put("col/data/indicators.csv", "id,name,kh_2024\n5,a,90\n6,b,80\n");
	commit("col", 2, "b");
	load("col");
	assert_string_equal(events(),
			    "0:indicators/5 +{id=5,name=a,target=90}\n"
			    "0:indicators/6 +{id=6,name=b,target=80}\n"
			    "1:indicators schema renamed: target > kh_2024\n");
}

static void test_history_ragged_row_is_gap_and_walk_goes_on(void **state)
{
	(void)state;
	init("gap");
	put("gap/data/indicators.csv", ind1);
	commit("gap", 1, "a");
	put("gap/data/indicators.csv", "id,name,target\n5,Tỷ lệ,85\n6,x\n");
	commit("gap", 2, "hỏng");
	put("gap/data/indicators.csv", "id,name,target\n5,Tỷ lệ,80\n");
	commit("gap", 3, "sửa");
	put("gap/data/indicators.csv", "id,name,target\n5,Tỷ lệ,85\n6,x\n");
	commit("gap", 4, "hỏng lại");
	put("gap/data/indicators.csv", "id,name,target\n5,Tỷ lệ,80\n");
	commit("gap", 5, "về lại");
	load("gap");
	const char *s = events();
	assert_int_equal(ssg_history_nevents(hist), 4);
	const ssg_hev *g1 = ssg_history_event(hist, 1);
	const ssg_hev *g2 = ssg_history_event(hist, 3);
	assert_int_equal(g1->kind, SSG_HEV_GAP);
	assert_int_equal(g1->commit, 1);
	assert_null(g1->key);
	assert_string_equal(g1->table, "indicators");
	assert_true(strncmp(g1->error, "data/indicators.csv:3:", 22) == 0);
	assert_non_null(strstr(s, "2:indicators/5 target: 90 > 80\n"));
	/* The same bad blob again: a gap from the error kept, and the
	 * version after it is the last good one, so no event. */
	assert_int_equal(g2->kind, SSG_HEV_GAP);
	assert_int_equal(g2->commit, 3);
	assert_ptr_equal(g1->error, g2->error);
	assert_int_equal(ssg_history_commit(hist, 4)->nevents, 0);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_jsonl(hist, NULL, NULL, &b);
	assert_non_null(strstr(ssg_buf_cstr(&b),
			       "{\"table\":\"indicators\",\"change\":\"gap\","
			       "\"error\":\"data/indicators.csv:3:"));
	ssg_buf_fini(&b);
}

static void test_history_duplicate_keys_in_old_version_is_gap(void **state)
{
	(void)state;
	init("dup");
	put("dup/data/tasks.csv", "id,title\n1,a\n");
	commit("dup", 1, "a");
	put("dup/data/tasks.csv", "id,title\n1,a\n1,b\n");
	commit("dup", 2, "b");
	put("dup/data/tasks.csv", "id,title\n1,c\n");
	commit("dup", 3, "c");
	load("dup");
	const char *s = events();
	assert_int_equal(ssg_history_nevents(hist), 3);
	assert_int_equal(ssg_history_event(hist, 1)->kind, SSG_HEV_GAP);
	assert_non_null(strstr(ssg_history_event(hist, 1)->error,
			       "data/tasks.csv:3:"));
	assert_non_null(strstr(ssg_history_event(hist, 1)->error,
			       "duplicate key"));
	assert_non_null(strstr(s, "2:tasks/1 title: a > c\n"));
	assert_int_equal(ssg_diags_count(diags), 0);
}

static void test_history_shallow_clone_is_env_error(void **state)
{
	(void)state;
	init("deep");
	put("deep/data/t.csv", "id\n1\n");
	commit("deep", 1, "a");
	put("deep/data/t.csv", "id\n2\n");
	commit("deep", 2, "b");
	run("git clone -q --depth 1 file://%s/deep shallow", base);
	assert_int_equal(load_keys("shallow", NULL, NULL, 0), SSG_ERR_ENV);
	assert_null(hist);
	assert_int_equal(ssg_diags_env_errors(diags), 1);
	assert_true(diags_mention("git fetch --unshallow"));
	assert_true(diags_mention("shallow clone"));
}

static void test_history_unknown_revision_is_env_error(void **state)
{
	(void)state;
	init("unknown");
	put("unknown/data/t.csv", "id\n1\n");
	commit("unknown", 1, "a");
	assert_int_equal(load_keys("unknown", "nope", NULL, 0), SSG_ERR_ENV);
	assert_null(hist);
	assert_true(diags_mention("unknown revision 'nope'"));
}

static void test_history_rev_limits_chain(void **state)
{
	(void)state;
	init("rev");
	put("rev/data/t.csv", "id,v\n1,a\n");
	commit("rev", 1, "a");
	put("rev/data/t.csv", "id,v\n1,b\n");
	commit("rev", 2, "b");
	run("cd rev && git tag -a v1 -m 'Số 1'");
	put("rev/data/t.csv", "id,v\n1,c\n");
	commit("rev", 3, "c");
	assert_int_equal(load_keys("rev", "v1", NULL, 0), SSG_OK);
	assert_string_equal(events(), "0:t/1 +{id=1,v=a}\n"
				      "1:t/1 v: a > b\n");
}

static void test_history_pages_nfc_and_nested(void **state)
{
	(void)state;
	init("pages");
	/* "Mục" with the dot below typed as a combining mark. */
	put("pages/content/01-muc.md", "# Mu\xCC\xA3" "c\n");
	put("pages/content/posts/tin.md", "tin\n");
	put("pages/content/notes.txt", "not a page\n");
	commit("pages", 1, "a");
	put("pages/content/01-muc.md", "# Mu\xCC\xA3" "c tiêu\n");
	run("cd pages && git rm -q content/posts/tin.md");
	put("pages/content/notes.txt", "still not a page\n");
	commit("pages", 2, "b");
	put("pages/theme/base.html", "x\n");
	commit("pages", 3, "theme only");
	load("pages");
	assert_int_equal(ssg_history_npages(hist), 4);
	const ssg_hpage *p = ssg_history_page(hist, 0);
	assert_int_equal(p->kind, SSG_HPAGE_ADDED);
	assert_string_equal(p->path, "content/01-muc.md");
	assert_string_equal(fx_page_text(hist, p, false), "");
	assert_string_equal(fx_page_text(hist, p, true), "# M\xE1\xBB\xA5" "c\n");
	assert_string_equal(ssg_history_page(hist, 1)->path,
			    "content/posts/tin.md");
	p = ssg_history_page(hist, 2);
	assert_int_equal(p->kind, SSG_HPAGE_CHANGED);
	assert_int_equal(p->commit, 1);
	assert_string_equal(fx_page_text(hist, p, false), "# M\xE1\xBB\xA5" "c\n");
	assert_string_equal(fx_page_text(hist, p, true), "# M\xE1\xBB\xA5" "c tiêu\n");
	p = ssg_history_page(hist, 3);
	assert_int_equal(p->kind, SSG_HPAGE_REMOVED);
	assert_string_equal(p->path, "content/posts/tin.md");
	assert_string_equal(fx_page_text(hist, p, true), "");
	assert_string_equal(fx_page_text(hist, p, false), "tin\n");
	const ssg_hcommit *c = ssg_history_commit(hist, 1);
	assert_int_equal(c->first_page, 2);
	assert_int_equal(c->npages, 2);
	assert_true(c->touched);
	assert_false(ssg_history_commit(hist, 2)->touched);
	assert_int_equal(ssg_history_nevents(hist), 0);
}

/* A reader with a lender (the built revision's blobs, repo.h) takes a
 * version from it: the text is the same as read from the repository,
 * and it comes even when the repository has lost the object, which a
 * reader without the lender then cannot read; a version the lender does
 * not hold (an older one) is read from the repository as before. */
static void test_history_reader_borrows_from_lender(void **state)
{
	(void)state;
	init("lend");
	put("lend/content/posts/tin.md", "tin cũ\n");
	commit("lend", 1, "a");
	put("lend/content/posts/tin.md", "tin mới\n");
	commit("lend", 2, "b");
	load("lend");
	ssg_snapshot *snap = NULL;
	assert_int_equal(ssg_repo_snapshot(repo, "HEAD", &snap, diags), SSG_OK);
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(snap,
					   ssg_snapshot_find(snap,
							     "content/posts/tin.md"),
					   &data, &len, diags),
			 SSG_OK);
	ssg_blobs *blobs = ssg_blobs_new(snap);
	char *id = output("cd lend && git rev-parse HEAD:content/posts/tin.md");
	size_t size = 0;
	assert_ptr_equal(ssg_blobs_find(blobs, id, &size), data);
	assert_int_equal(size, len);
	assert_null(ssg_blobs_find(NULL, id, &size));
	const ssg_hpage *changed = ssg_history_page(hist, 1);
	assert_int_equal(changed->kind, SSG_HPAGE_CHANGED);

	ssg_history_reader *lent = ssg_history_reader_new(hist);
	ssg_history_reader_lender(lent, blobs);
	ssg_buf b;
	ssg_buf_init(&b);
	assert_true(ssg_history_page_text(lent, changed, true, &b));
	assert_string_equal(ssg_buf_cstr(&b), "tin mới\n");
	/* The new version's object gone: only the lender has it. */
	run("cd lend && rm -f .git/objects/%.2s/%s", id, id + 2);
	ssg_history_reader *plain = ssg_history_reader_new(hist);
	assert_false(ssg_history_page_text(plain, changed, true, &b));
	assert_true(ssg_history_page_text(lent, changed, true, &b));
	assert_string_equal(ssg_buf_cstr(&b), "tin mới\n");
	assert_true(ssg_history_blob(lent, changed->new_id, &b));
	assert_string_equal(ssg_buf_cstr(&b), "tin mới\n");
	/* The old version: the repository's. */
	assert_true(ssg_history_page_text(lent, changed, false, &b));
	assert_string_equal(ssg_buf_cstr(&b), "tin cũ\n");
	ssg_buf_fini(&b);
	ssg_history_reader_free(plain);
	ssg_history_reader_free(lent);
	ssg_blobs_free(blobs);
	ssg_snapshot_free(snap);
	free(id);
}

static void test_history_find_full_and_short(void **state)
{
	(void)state;
	init("find");
	put("find/data/t.csv", "id\n1\n");
	commit("find", 1, "a");
	commit("find", 2, "b");
	load("find");
	char *head = output("cd find && git rev-parse HEAD");
	assert_int_equal(ssg_history_find(hist, head), 1);
	head[7] = '\0';
	assert_int_equal(ssg_history_find(hist, head), 1);
	head[0] = (char)(head[0] >= 'a' ? head[0] - 'a' + 'A' : head[0]);
	assert_int_equal(ssg_history_find(hist, head), 1);
	assert_int_equal(ssg_history_find(hist, "zzzzzzz"), -1);
	assert_int_equal(ssg_history_find(hist, "ab"), -1);
	assert_int_equal(ssg_history_find(hist, "0000000"), -1);
	free(head);
}

static void test_history_filter_by_table_and_id(void **state)
{
	(void)state;
	init("filter");
	put("filter/data/communes.csv", "commune,value\nXã An,1\nXã Bình,2\n");
	commit("filter", 1, "a");
	put("filter/data/communes.csv", "commune,value\nXã An,3\nXã Bình,2\n");
	commit("filter", 2, "b");
	load("filter");
	size_t hits = 0;
	for (size_t i = 0; i < ssg_history_nevents(hist); i++)
		hits += ssg_hout_event_matches(ssg_history_event(hist, i),
						  "communes", " xã  an ");
	assert_int_equal(hits, 2);
	assert_false(ssg_hout_event_matches(ssg_history_event(hist, 0),
					       "indicators", NULL));
	assert_true(ssg_hout_event_matches(ssg_history_event(hist, 0),
					      NULL, NULL));
}

static void test_history_text_one_line_per_event(void **state)
{
	(void)state;
	init("text");
	put("text/data/indicators.csv", ind1);
	commit("text", 1, "Kế hoạch");
	put("text/data/indicators.csv", "id,name,target\n5,Tỷ lệ,88\n");
	commit("text", 2, "Giảm chỉ tiêu 5");
	put("text/data/indicators.csv", "id,name,target\n5,Tỷ lệ\n");
	commit("text", 3, "Hỏng");
	load("text");
	char *c2 = output("cd text && git rev-parse --short=7 HEAD~1");
	char *want = NULL;
	ssg_buf b, w;
	ssg_buf_init(&b);
	ssg_buf_init(&w);
	ssg_hout_text(hist, "indicators", "5", &b, NULL, NULL);
	ssg_buf_printf(&w, "2024-07-02 09:00 +07:00  %s  Các chỉ tiêu — id 5 "
			   "“Tỷ lệ”  Kế hoạch: 90 → 88  (Nguyễn Văn A) Giảm "
			   "chỉ tiêu 5\n",
		       c2);
	want = ssg_buf_detach(&w);
	/* Row 5 was added, then changed: two lines, oldest first. */
	const char *nl = strchr(ssg_buf_cstr(&b), '\n');
	assert_non_null(nl);
	assert_true(strncmp(ssg_buf_cstr(&b), "2024-07-01 09:00 +07:00  ",
			    25) == 0);
	assert_string_equal(nl + 1, want);
	ssg_buf_clear(&b);
	ssg_hout_text(hist, NULL, NULL, &b, NULL, NULL);
	assert_non_null(strstr(ssg_buf_cstr(&b),
			       "  Các chỉ tiêu  version not readable: "
			       "data/indicators.csv:2:"));
	ssg_buf_clear(&b);
	ssg_hout_text(hist, "tasks", NULL, &b, NULL, NULL);
	assert_int_equal(b.len, 0);
	ssg_buf_fini(&b);
	free(want);
	free(c2);
}

static void test_history_text_control_characters_shown(void **state)
{
	(void)state;
	init("ctl");
	put("ctl/data/t.csv", "id,v\n1,\x1b[2J\n2,\n");
	commit("ctl", 1, "a");
	load("ctl");
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_text(hist, NULL, NULL, &b, NULL, NULL);
	assert_null(strchr(ssg_buf_cstr(&b), '\x1b'));
	assert_non_null(strstr(ssg_buf_cstr(&b), "t — id 1  added: Mã: 1, v: ^[[2J  "));
	assert_non_null(strstr(ssg_buf_cstr(&b), "t — id 2  added: Mã: 2  "));
	ssg_buf_fini(&b);
}

/* A fast-import stream: commit 0 makes a 3-row table; then every even
 * commit changes row 1 and every odd one a page. */
static void write_big_stream(const char *path, int n)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int k = 0; k <= n; k++) {
		char msg[32], data[128];
		snprintf(msg, sizeof(msg), "commit %d", k);
		fprintf(fp, "commit refs/heads/main\nmark :%d\n", k + 1);
		fprintf(fp, "author A <a@example.vn> %d +0700\n",
			1719800000 + k * 60);
		fprintf(fp, "committer A <a@example.vn> %d +0700\n",
			1719800000 + k * 60);
		fprintf(fp, "data %zu\n%s\n", strlen(msg), msg);
		if (k)
			fprintf(fp, "from :%d\n", k);
		if (k == 0 || k % 2 == 0) {
			snprintf(data, sizeof(data),
				 "id,target\n1,%d\n2,20\n3,30\n", k);
			fprintf(fp, "M 100644 inline data/t.csv\ndata %zu\n%s\n",
				strlen(data), data);
		} else {
			snprintf(data, sizeof(data), "trang %d\n", k);
			fprintf(fp,
				"M 100644 inline content/p.md\ndata %zu\n%s\n",
				strlen(data), data);
		}
	}
	fclose(fp);
}

static void test_history_ten_thousand_commits(void **state)
{
	(void)state;
	enum { N = 10000 };
	char path[128];
	snprintf(path, sizeof(path), "%s/big.stream", base);
	write_big_stream(path, N);
	run("git init -q -b main big && cd big && git fast-import --quiet "
	    "< ../big.stream");
	load("big");
	assert_int_equal(ssg_history_ncommits(hist), N + 1);
	assert_int_equal(ssg_history_nevents(hist), 3 + N / 2);
	assert_int_equal(ssg_history_npages(hist), N / 2);
	const ssg_hev *last = ssg_history_event(hist,
						ssg_history_nevents(hist) - 1);
	assert_int_equal(last->kind, SSG_HEV_CHANGED);
	assert_string_equal(last->old, "9998");
	assert_string_equal(last->new_, "10000");
	assert_int_equal(last->commit, N);
	/* Which short ids name one commit, known since the load, is what
	 * a search by each says. */
	for (size_t i = 0; i <= N; i++) {
		const ssg_hcommit *c = ssg_history_commit(hist, i);
		assert_int_equal(ssg_history_short_unique(hist, i),
				 ssg_history_find(hist, c->short_oid) == (long)i);
	}
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_history_changed_target),
		T(test_history_jsonl_contract_shape),
		T(test_history_package_versions),
		T(test_history_rows_added_and_removed),
		T(test_history_merge_first_parent_only),
		T(test_history_table_deleted_and_restored),
		T(test_history_row_removed_and_readded),
		T(test_history_key_case_and_spacing_no_events),
		T(test_history_empty_cell_vs_missing_column),
		T(test_history_bom_mid_history_no_events),
		T(test_history_crlf_flip_no_events),
		T(test_history_renamed_file_same_blob),
		T(test_history_renamed_and_edited_keeps_history),
		T(test_history_key_of_newest_name_used_before_rename),
		T(test_history_unrelated_table_is_not_a_rename),
		T(test_history_table_gains_id_column),
		T(test_history_renamed_column_one_schema_event),
		T(test_history_site_titles_are_no_rename),
		T(test_history_ragged_row_is_gap_and_walk_goes_on),
		T(test_history_duplicate_keys_in_old_version_is_gap),
		T(test_history_shallow_clone_is_env_error),
		T(test_history_unknown_revision_is_env_error),
		T(test_history_rev_limits_chain),
		T(test_history_pages_nfc_and_nested),
		T(test_history_reader_borrows_from_lender),
		T(test_history_find_full_and_short),
		T(test_history_filter_by_table_and_id),
		T(test_history_text_one_line_per_event),
		T(test_history_text_control_characters_shown),
		T(test_history_ten_thousand_commits),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
