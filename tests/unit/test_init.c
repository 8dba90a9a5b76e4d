/* init: a new plan repository, made by ssg_init alone and then checked
 * as `ssg check --worktree` checks it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "fixture.h"
#include "init.h"
#include "site.h"

static char base[64];

static int setup(void **state)
{
	(void)state;
	return fx_git_group(base, sizeof(base), "init") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static mode_t mode_of(const char *dir, const char *rel)
{
	char *p = fx_path(dir, rel);
	struct stat st;
	mode_t m = stat(p, &st) == 0 ? st.st_mode & 07777 : 0;
	free(p);
	return m;
}

/* The repository holds every file a clerk starts from, with fixed
 * modes, and checks clean at once. */
static void test_init_makes_a_plan_that_checks_clean(void **state)
{
	(void)state;
	char *dir = fx_path(base, "ke-hoach");
	ssg_diags *d = ssg_diags_new();
	ssg_init_opts o = {dir, "/usr/bin/ssg", 2025};
	assert_int_equal(ssg_init(&o, d), SSG_OK);
	static const char *const files[] = {
		"content/_index.md", "data/indicators.csv", "data/tasks.csv",
		"data/datapackage.json", ".gitignore"};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		if (mode_of(dir, files[i]) != 0644)
			fail_msg("%s: mode %o", files[i],
				 (unsigned)mode_of(dir, files[i]));
	assert_int_equal(mode_of(dir, ".git/hooks/pre-commit"), 0755);
	char *hook = fx_path(dir, ".git/hooks/pre-commit");
	char *text = fx_slurp(hook, NULL);
	assert_non_null(strstr(text, "/usr/bin/ssg"));
	assert_non_null(strstr(text, "check --worktree"));
	free(text);
	free(hook);
	char *ix = fx_path(dir, "data/indicators.csv");
	text = fx_slurp(ix, NULL);
	assert_non_null(strstr(text, "2025"));
	free(text);
	free(ix);
	char *head = fx_output(dir, "git symbolic-ref HEAD");
	assert_string_equal(head, "refs/heads/main");
	free(head);

	ssg_site_opts so = {.repo = dir, .worktree = true};
	int rc = ssg_site_build(&so, d);
	for (size_t i = 0; i < ssg_diags_count(d); i++)
		fprintf(stderr, "%s\n", ssg_diags_get(d, i)->msg);
	assert_int_equal(rc, SSG_OK);
	assert_int_equal(ssg_diags_count(d), 0);
	ssg_diags_free(d);
	free(dir);
}

/* A folder that holds anything is refused, and left as it was. */
static void test_init_refuses_a_folder_with_files(void **state)
{
	(void)state;
	char *dir = fx_path(base, "co-san");
	fx_put(dir, "ghi-chu.txt", "của tôi");
	ssg_diags *d = ssg_diags_new();
	ssg_init_opts o = {dir, NULL, 2025};
	assert_int_not_equal(ssg_init(&o, d), SSG_OK);
	assert_int_equal(ssg_diags_count(d), 1);
	char *ls = fx_output(dir, "ls -A");
	assert_string_equal(ls, "ghi-chu.txt");
	free(ls);
	ssg_diags_free(d);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_makes_a_plan_that_checks_clean),
		cmocka_unit_test(test_init_refuses_a_folder_with_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
