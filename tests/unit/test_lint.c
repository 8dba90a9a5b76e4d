/*
 * Tests for lint: the text checks on strings, the plan checks on fixture
 * repositories built with the git CLI, and this repository's own plan,
 * which must give exactly the three flaws of the official text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "lint.h"
#include "plan.h"
#include "repo.h"

static char base[64];
static char rdir[96];
static char root[1024];

/* Fixture steps in base, and files of the repository base/r. */
#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, text) fx_put(rdir, rel, text)

static int setup(void **state)
{
	(void)state;
	if (!getcwd(root, sizeof(root)))
		return -1;
	if (!fx_mkdtemp(base, sizeof(base), "lint"))
		return -1;
	snprintf(rdir, sizeof(rdir), "%s/r", base);
	fx_git_isolate(base);
	fx_git_names("T", "t@example.org", "T", "t@example.org");
	fx_git_dates("2024-03-01T09:00:00+07:00", "2024-03-01T09:00:00+07:00");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

/* The diagnostics as "PATH:LINE:COL: MSG" lines, sorted. */
static char *render(ssg_diags *d)
{
	ssg_diags_sort(d);
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		assert_int_equal(g->sev, SSG_SEV_WARNING);
		ssg_buf_printf(&b, "%s:%u:%u: %s\n", g->path, g->line, g->col,
			       g->msg);
	}
	ssg_buf_puts(&b, "");
	return ssg_buf_detach(&b);
}

static char *lint_text(const char *s)
{
	ssg_diags *d = ssg_diags_new();
	ssg_lint_text("t.md", s, strlen(s), 5, d);
	char *r = render(d);
	ssg_diags_free(d);
	return r;
}

static void test_lint_impossible_date(void **state)
{
	(void)state;
	char *r = lint_text("Báo cáo\ntrước ngày 31/02/2024.\n");
	assert_string_equal(r, "t.md:6:12: '31/02/2024' is not a real date: "
			       "check the day and the month\n");
	free(r);
}

static void test_lint_malformed_date(void **state)
{
	(void)state;
	char *r = lint_text("Kế hoạch số 248/KH-UBND ngày 27/9/8/2022 của");
	assert_string_equal(r, "t.md:5:30: '27/9/8/2022' is not a date: a "
			       "date is written dd/mm/yyyy\n");
	free(r);
}

static void test_lint_impossible_date_in_words(void **state)
{
	(void)state;
	char *r = lint_text("Hà Nội, ngày 30 tháng 02 năm 2024");
	assert_string_equal(r, "t.md:5:9: 'ngày 30 tháng 02 năm 2024' is not "
			       "a real date: check the day and the month\n");
	free(r);
}

/* What the real plan writes must pass: document numbers with years,
 * dates without a year, ranges, codes, blank dates of a draft. */
static void test_lint_real_forms_pass(void **state)
{
	(void)state;
	char *r = lint_text(
		"Nghị quyết số 18/2020/NQ-HĐND ngày 14/12/2020 của HĐND; "
		"Nghị định số 86/2023/NĐ-CP ngày 07/12/2023; trước ngày 15/6; "
		"Ngày hội (18/11); giai đoạn 2021-2026 và 2021 - 2025; "
		"QĐ số 05/QĐ-UBND ngày 05/01/2021; Số: /KH-BCĐ; ngày tháng 3 "
		"năm 2024; ngày 26 tháng 02 năm 2024; 1.250.000/2024; "
		"29/02/2024; tỷ lệ 1/2/3.");
	assert_string_equal(r, "");
	free(r);
}

static void test_lint_one_number_two_dates(void **state)
{
	(void)state;
	char *r = lint_text(
		"Quyết định số 2214/QĐ-TTg ngày 28/2/2021;\n"
		"Quyết định số 2214/QĐ-TTg ngày 28/02/2021 (the same day);\n"
		"Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng.\n"
		"Kế hoạch số 200/KH-UBND ngày 30 tháng 6 năm 2022 và "
		"Kế hoạch số 200/KH-UBND ngày 30/6/2022.\n");
	assert_string_equal(r, "t.md:7:15: 2214/QĐ-TTg is cited with the date "
			       "28/12/2021 here but 28/2/2021 at t.md:5:15: "
			       "one of the two dates is wrong\n");
	free(r);
}

static void test_lint_numbered_headings_skip(void **state)
{
	(void)state;
	char *r = lint_text("## 1. A\n\n### 1. x\n\n### 3. y\n\n## 2. B\n\n"
			    "### 1. z\n\n## 4. C\n\n```\n## 9. code\n```\n");
	assert_string_equal(r,
			    "t.md:9:1: heading 3 follows heading 1: number 2 "
			    "is missing\n"
			    "t.md:15:1: heading 4 follows heading 2: number 3 "
			    "is missing\n");
	free(r);
}

static void test_lint_numbered_list_skip(void **state)
{
	(void)state;
	char *r = lint_text("1. a\n2. b\n   1. inner\n   2. inner\n4. d\n\n"
			    "Đoạn văn.\n\n1. again\n3) skip\n");
	assert_string_equal(r,
			    "t.md:9:1: list item 4 follows item 2: number 3 "
			    "is missing\n"
			    "t.md:14:1: list item 3 follows item 1: number 2 "
			    "is missing\n");
	free(r);
}

/* fuzz/corpus/markdown/crash-lint-seven-hashes: more than six '#' is
 * no heading, and read past the heading counters. */
static void test_lint_many_hashes_are_no_heading(void **state)
{
	(void)state;
	char *r = lint_text("## 1. A\n\n########### 5. x\n\n## 2. B\n\n"
			    "#######\n\n## 4. C\n");
	assert_string_equal(r, "t.md:13:1: heading 4 follows heading 2: "
			       "number 3 is missing\n");
	free(r);
}

/* ---- on repositories ---- */

/* Lints the repository base/r at HEAD; the warnings, rendered. */
static char *lint_repo(void)
{
	run("cd r && git add -A && git commit -qm plan");
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	assert_int_equal(ssg_repo_open(&r, rdir, d), SSG_OK);
	assert_int_equal(ssg_repo_snapshot(r, NULL, &snap, d), SSG_OK);
	assert_int_equal(ssg_plan_load(&p, snap, NULL, d), SSG_OK);
	assert_int_equal(ssg_diags_count(d), 0);
	ssg_lint_plan(p, snap, d);
	char *out = render(d);
	ssg_plan_free(p);
	ssg_snapshot_free(snap);
	ssg_repo_free(r);
	ssg_diags_free(d);
	return out;
}

static void new_repo(void)
{
	run("rm -rf r && git init -q -b main r");
	put("content/_index.md", "---\ntitle: K\n---\nGiới thiệu.\n");
}

static void test_lint_task_ids_skip(void **state)
{
	(void)state;
	new_repo();
	put("data/tasks.csv", "id,title\n1,A\n2,B\n4,D\n5,E\n9,I\nx,Y\n20,T\n");
	char *r = lint_repo();
	assert_string_equal(r, "data/tasks.csv:4:1: task 4 follows task 2: "
			       "task 3 is missing\n"
			       "data/tasks.csv:6:1: task 9 follows task 5: "
			       "tasks 6 to 8 are missing\n");
	free(r);
}

static void test_lint_task_done_below_100(void **state)
{
	(void)state;
	new_repo();
	put("data/tasks.csv", "id,title,status,progress\n1,A,done,100\n"
			      "2,\"B, \"\"x\"\"\",Hoàn thành,60\n"
			      "3,C,in_progress,60\n");
	char *r = lint_repo();
	assert_string_equal(r, "data/tasks.csv:3:25: task 2 is marked done "
			       "but its progress is 60%: correct the status "
			       "or the progress\n");
	free(r);
}

static void test_lint_percent_outside_range(void **state)
{
	(void)state;
	new_repo();
	put("data/indicators.csv", "id,name,unit,baseline,target,result\n"
				   "1,A,%,\"99,5\",120,\n2,B,người,50,150,\n");
	put("data/communes.csv", "xa,ty_le\nA,-3%\nB,\"100,0%\"\n");
	char *r = lint_repo();
	assert_string_equal(r, "data/communes.csv:2:3: ty_le of row A is -3%, "
			       "a percentage outside 0-100\n"
			       "data/indicators.csv:2:14: target of indicator "
			       "1 is 120%, a percentage outside 0-100\n");
	free(r);
}

static void test_lint_cell_and_front_matter_positions(void **state)
{
	(void)state;
	new_repo();
	put("content/_index.md",
	    "---\ntitle: K\nrecipients:\n  - \"Theo QĐ số 5/QĐ-UB ngày "
	    "1/2/2021\"\n  - 'Hạn ngày 30/02/2024'\n---\nQĐ số 5/QĐ-UB ngày "
	    "2/2/2021.\n");
	put("data/communes.csv",
	    "xa,ghi_chu\nA,\"dòng một\nngày 31/04/2024, \"\"x\"\"\"\n");
	char *r = lint_repo();
	assert_string_equal(
		r, "content/_index.md:5:15: '30/02/2024' is not a real date: "
		   "check the day and the month\n"
		   "content/_index.md:7:7: 5/QĐ-UB is cited with the date "
		   "2/2/2021 here but 1/2/2021 at content/_index.md:4:17: one "
		   "of the two dates is wrong\n"
		   "data/communes.csv:3:6: '31/04/2024' is not a real date: "
		   "check the day and the month\n");
	free(r);
}

/* This repository's plan: the three flaws of the official text, and
 * nothing else. */
static void test_lint_the_real_plan(void **state)
{
	(void)state;
	run("rm -rf r && git init -q -b main r && cp -r '%s/content' "
	    "'%s/data' r/",
	    root, root);
	char *r = lint_repo();
	assert_string_equal(
		r, "content/05-to-chuc-thuc-hien.md:30:150: 2214/QĐ-TTg is "
		   "cited with the date 28/12/2021 here but 28/2/2021 at "
		   "content/01-muc-dich-yeu-cau.md:10:440: one of the two "
		   "dates is wrong\n"
		   "data/tasks.csv:7:67: '27/9/8/2022' is not a date: a date "
		   "is written dd/mm/yyyy\n"
		   "data/tasks.csv:10:1: task 10 follows task 8: task 9 is "
		   "missing\n");
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint_impossible_date),
		cmocka_unit_test(test_lint_malformed_date),
		cmocka_unit_test(test_lint_impossible_date_in_words),
		cmocka_unit_test(test_lint_real_forms_pass),
		cmocka_unit_test(test_lint_one_number_two_dates),
		cmocka_unit_test(test_lint_numbered_headings_skip),
		cmocka_unit_test(test_lint_numbered_list_skip),
		cmocka_unit_test(test_lint_many_hashes_are_no_heading),
		cmocka_unit_test(test_lint_task_ids_skip),
		cmocka_unit_test(test_lint_task_done_below_100),
		cmocka_unit_test(test_lint_percent_outside_range),
		cmocka_unit_test(test_lint_cell_and_front_matter_positions),
		cmocka_unit_test(test_lint_the_real_plan),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
