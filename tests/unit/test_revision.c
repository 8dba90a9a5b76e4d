/* revision, alone: which tags are official revisions, and the copies'
 * jobs with no main site beside them (an output holding only the
 * copies, the main site's plan, history and view made here). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "fx_site.h"
#include "hview.h"
#include "progress.h"
#include "revision.h"
#include "routes.h"

static fx_site f;
static ssg_routes *routes;
static ssg_hview *hv;

#define put(rel, data) fx_put(f.base, rel, data)
#define run(...) fx_run(f.base, __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "revision"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nMột.\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,20,\n");
	fx_git_commit(f.base, "r", 1, "ban hành");
	run("cd r && git tag -a ke-hoach -m 'Kế hoạch số 1'");
	/* A tag on a side branch is no revision of main's history. */
	run("cd r && git checkout -q -b nhap");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nNháp.\n");
	fx_git_commit(f.base, "r", 2, "nháp");
	run("cd r && git tag -a nhanh -m 'Nhánh' && git checkout -q main");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,25,12\n");
	fx_git_commit(f.base, "r", 3, "kết quả");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nHai.\n");
	fx_git_commit(f.base, "r", 4, "điều chỉnh");
	/* Named before the first in the alphabet, made after it. */
	run("cd r && git tag -a a-dieu-chinh -m 'Điều chỉnh'");
	if (!fx_site_open(&f, NULL))
		return -1;
	routes = ssg_routes_main();
	if (!fx_site_history(&f))
		return -1;
	ssg_hview_in hin = {f.hist, ssg_history_ncommits(f.hist), f.tags,
			    f.ntags, f.plan, routes, NULL};
	hv = ssg_hview_new(&hin);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_hview_free(hv);
	ssg_routes_free(routes);
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* The annotated tags of commits on the built chain, in the order of
 * their commits; the oldest one's commit is the publication. */
static void test_revision_tags_on_the_chain_in_commit_order(void **state)
{
	(void)state;
	assert_int_equal(f.ntags, 2);
	assert_string_equal(f.tags[0].name, "ke-hoach");
	assert_string_equal(f.tags[1].name, "a-dieu-chinh");
	assert_int_equal(f.pub, 0);
	assert_int_equal(ssg_history_find(f.hist, f.tags[1].target), 2);
}

static char *gitfile(const char *rel)
{
	char *r = fx_path(f.base, "r/.git/ssg");
	char *p = fx_path(r, rel);
	free(r);
	return p;
}

/* One build of the copies alone into base/out (or a check, out NULL),
 * `main_rc` being the main site's result; returns the copies' result and
 * the progress notes in *notes. */
static int build(const char *out, int main_rc, char **notes)
{
	FILE *report = tmpfile();
	assert_non_null(report);
	ssg_progress *prog = ssg_progress_new(NULL, true, report);
	ssg_emit *e = fx_site_emit(&f, out); /* begins out */
	ssg_emit_free(e);
	f.e = NULL;
	ssg_revision_in in = {&f.po,  false, prog,  f.repo, f.snap, f.o, f.hist,
			      f.keys, f.pub,   f.tags,  f.ntags,  f.plan, hv,
			      NULL,   0};
	ssg_revision *r = ssg_revision_start(&in);
	assert_non_null(ssg_revision_blobs(r));
	int rc = ssg_revision_finish(r, main_rc, f.d);
	if (rc == SSG_OK && f.o)
		fx_site_done(&f);
	ssg_out_free(f.o);
	f.o = NULL;
	if (rc == SSG_OK)
		ssg_revision_record(r);
	ssg_revision_free(r);
	ssg_progress_end(prog);
	ssg_progress_free(prog);
	rewind(report);
	*notes = fx_read_all(report, NULL);
	fclose(report);
	return rc;
}

/* Each copy is the site as it stood at its tag, in its own directory;
 * the records let a later build keep copies whole from the twin. */
static void test_revision_copies_made_then_kept(void **state)
{
	(void)state;
	char *notes;
	assert_int_equal(build("out", SSG_OK, &notes), SSG_OK);
	assert_int_equal(fx_site_show(f.d), 0);
	assert_non_null(strstr(notes, "0 kept from an earlier build, 2 made"));
	free(notes);
	char *old = fx_site_file(&f, "revisions/ke-hoach/site/index.html");
	char *now = fx_site_file(&f, "revisions/a-dieu-chinh/site/index.html");
	assert_non_null(old);
	assert_non_null(now);
	assert_non_null(strstr(old, "Một."));
	assert_non_null(strstr(now, "Hai."));
	assert_null(fx_site_file(&f, "revisions/nhanh/site/index.html"));
	/* A copy links to the main site's commit pages, writes none: its
	 * changes/ is the list alone. */
	char *ls = fx_output(f.out, "ls revisions/a-dieu-chinh/site/changes");
	assert_string_equal(ls, "index.html");
	free(ls);
	free(old);
	free(now);
	char *rec = gitfile("copies");
	char *lines = fx_slurp(rec, NULL);
	assert_non_null(lines);
	assert_non_null(strstr(lines, "ke-hoach "));
	assert_non_null(strstr(lines, "a-dieu-chinh "));
	free(lines);

	/* The second build starts without a twin (the first had none):
	 * it makes them again; the third has the first's tree as its twin
	 * and keeps both. */
	assert_int_equal(build("out", SSG_OK, &notes), SSG_OK);
	free(notes);
	assert_int_equal(build("out", SSG_OK, &notes), SSG_OK);
	assert_non_null(strstr(notes, "2 kept from an earlier build, 0 made"));
	free(notes);
	now = fx_site_file(&f, "revisions/a-dieu-chinh/site/index.html");
	assert_non_null(strstr(now, "Hai."));
	free(now);

	/* After a main site that failed nothing is recorded. */
	assert_int_equal(unlink(rec), 0);
	assert_int_equal(build("out", SSG_ERR_CONTENT, &notes),
			 SSG_ERR_CONTENT);
	free(notes);
	struct stat st;
	assert_int_equal(stat(rec, &st), -1);
	free(rec);
	assert_int_equal(fx_site_show(f.d), 0); /* nor reported twice */
}

/* A check makes the copies (their problems would be reported) and
 * writes nothing, records included. */
static void test_revision_check_writes_nothing(void **state)
{
	(void)state;
	char *rec = gitfile("copies");
	(void)unlink(rec);
	char *notes;
	assert_int_equal(build(NULL, SSG_OK, &notes), SSG_OK);
	assert_null(strstr(notes, "made"));
	free(notes);
	struct stat st;
	assert_int_equal(stat(rec, &st), -1);
	free(rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_revision_tags_on_the_chain_in_commit_order),
		cmocka_unit_test(test_revision_copies_made_then_kept),
		cmocka_unit_test(test_revision_check_writes_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
