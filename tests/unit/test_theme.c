/* theme, alone: the built-in templates and static files, and a
 * repository's theme/ replacing them file by file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "theme.h"

static fx_site f;

#define put(rel, data) fx_put(f.base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "theme"))
		return -1;
	fx_run(f.base, "git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	put("r/theme/index.mustache", "own index: {{title}}");
	put("r/theme/extra.mustache", "extra");
	put("r/theme/partials/x.mustache", "not a template: not under theme/");
	put("r/theme/static/style.css", "body{}\n");
	put("r/theme/static/logo.svg", "<svg/>");
	fx_git_commit(f.base, "r", 1, "đầu");
	return fx_site_open(&f, NULL) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

static bool builtin(const char *path)
{
	for (size_t i = 0; i < ssg_theme_nfiles; i++)
		if (strcmp(ssg_theme_files[i].path, path) == 0)
			return true;
	return false;
}

/* The built-in templates are there; the repository's replace those of
 * the same name and add their own; only theme/NAME.mustache is one. */
static void test_theme_repository_templates_replace_builtin(void **state)
{
	(void)state;
	assert_true(builtin("theme/index.mustache"));
	assert_true(builtin("theme/layout.mustache"));
	ssg_templates *tpl = NULL;
	assert_int_equal(ssg_theme_load(f.snap, &tpl, f.d), SSG_OK);
	assert_true(ssg_templates_has(tpl, "layout"));
	assert_true(ssg_templates_has(tpl, "extra"));
	assert_false(ssg_templates_has(tpl, "x"));
	assert_false(ssg_templates_has(tpl, "partials/x"));
	ssg_templates *mine = fx_site_tpl_swap(&f, tpl);
	ssg_emit *e = fx_site_emit(&f, NULL);
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_model_map(m);
	ssg_map_set_str(m, page, "title", "Tổng quan");
	ssg_buf b;
	ssg_buf_init(&b);
	assert_int_equal(ssg_emit_render(e, "index", page, &b), SSG_OK);
	assert_string_equal(ssg_buf_cstr(&b), "own index: Tổng quan");
	ssg_buf_fini(&b);
	ssg_model_free(m);
	fx_site_done(&f);
	ssg_templates_free(fx_site_tpl_swap(&f, mine));
}

/* A template that does not compile is reported; the others are made, so
 * that the pages still report their own problems. */
static void test_theme_bad_template_is_reported_and_rest_loaded(void **state)
{
	(void)state;
	put("r/theme/section.mustache", "{{#open}} never closed");
	ssg_snapshot *snap = NULL;
	assert_int_equal(ssg_repo_worktree(f.repo, &snap, f.d), SSG_OK);
	ssg_templates *tpl = NULL;
	assert_int_equal(ssg_theme_load(snap, &tpl, f.d), SSG_ERR_CONTENT);
	assert_non_null(tpl);
	assert_true(ssg_templates_has(tpl, "layout"));
	assert_string_equal(ssg_diags_get(f.d, 0)->path,
			    "theme/section.mustache");
	ssg_templates_free(tpl);
	ssg_snapshot_free(snap);
	fx_run(f.base, "rm r/theme/section.mustache");
	fx_site_diags_clear(&f);
}

/* static/ holds the built-in static files and the repository's, its own
 * in place of the built-in one of the same name. */
static void test_theme_static_files_overridden_file_by_file(void **state)
{
	(void)state;
	ssg_emit *e = fx_site_emit(&f, "out");
	assert_int_equal(ssg_theme_static(f.snap, e), SSG_OK);
	fx_site_done(&f);
	char *css = fx_site_file(&f, "static/style.css");
	assert_string_equal(css, "body{}\n");
	char *svg = fx_site_file(&f, "static/logo.svg");
	assert_string_equal(svg, "<svg/>");
	char *js = fx_site_file(&f, "static/search.js");
	assert_non_null(js);
	for (size_t i = 0; i < ssg_theme_nfiles; i++)
		if (!strcmp(ssg_theme_files[i].path, "theme/static/search.js"))
			assert_string_equal(js, ssg_theme_files[i].data);
	free(css);
	free(svg);
	free(js);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_repository_templates_replace_builtin),
		cmocka_unit_test(test_theme_bad_template_is_reported_and_rest_loaded),
		cmocka_unit_test(test_theme_static_files_overridden_file_by_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
