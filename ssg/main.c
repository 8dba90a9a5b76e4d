/*
 * main — the command line: arguments, exit status and the printing of
 * diagnostics.  Nothing else in ssg prints.
 *
 * Exit status: 0 success, 1 content errors (PATH:LINE:COL: error: ...),
 * 2 usage or environment errors (ssg: error: ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "history.h"
#include "history_out.h"
#include "i18n.h"
#include "init.h"
#include "plan.h"
#include "repo.h"
#include "review.h"
#include "serve.h"
#include "site.h"
#include "stop.h"

#define SSG_MAX_KEYS 64

/* Each command's synopsis and what it does, for `ssg --help` (all of
 * them) and `ssg CMD --help` (its own).  Only the words may be
 * translated: the options stay as they are; a synopsis's second line is
 * indented to follow its first. */
static const struct {
	const char *name;
	const char *synopsis;
	const char *what;
} commands[] = {
	{"build",
	 N_("ssg build   [-C REPO] [--rev REV | --worktree] [-o OUT] "
	    "[--key T=C[,C...]]\n"
	    "              [--archive FILE.zip] [--no-history] [--stats]\n"),
	 N_("writes the site into OUT (default: public)\n")},
	{"check",
	 N_("ssg check   [-C REPO] [--rev REV | --worktree] "
	    "[--key T=C[,C...]] [--no-history]\n"
	    "              [--stats]\n"),
	 N_("checks the content and the tables, writes nothing\n")},
	{"history",
	 N_("ssg history [-C REPO] [--rev REV] [--json] [--key T=C[,C...]] "
	    "[--stats]\n"
	    "              [TABLE[/ID]]\n"),
	 N_("every change of the tables' rows, oldest first\n")},
	{"diff", N_("ssg diff    [-C REPO] [--key T=C[,C...]] REV_A REV_B\n"),
	 N_("what changed between two revisions\n")},
	{"serve", N_("ssg serve   [-C REPO] [-p PORT] [--key T=C[,C...]]\n"),
	 N_("previews the site on this machine, rebuilt when a file is "
	    "saved\n")},
	{"init", N_("ssg init    DIR\n"),
	 N_("makes a new plan to start from (repository, tables, "
	    "titles)\n")},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static bool is_command(const char *cmd)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return true;
	return false;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The usage of command `cmd` (NULL: of every command) into out. */
static void put_usage(FILE *out, const char *cmd)
{
	fputs(_("usage:\n"), out);
	bool repo = false;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (cmd && strcmp(cmd, commands[i].name) != 0)
			continue;
		fprintf(out, "  %s                  %s", _(commands[i].synopsis),
			_(commands[i].what));
		repo = repo || strcmp(commands[i].name, "init") != 0;
	}
	if (!cmd)
		fputs("  ssg --help | --version\n", out);
	if (repo)
		fputs(_("REPO is the folder of the repository, by default the "
			"current one.\n"),
		      out);
}

typedef struct {
	const char *cmd;
	ssg_site_opts site;
	ssg_key_override keys[SSG_MAX_KEYS];
	char *key_storage[SSG_MAX_KEYS];
	const char **key_cols[SSG_MAX_KEYS];
	size_t nkeys;
	const char *port;    /* serve -p */
	bool json;           /* history --json */
	bool stats;          /* --stats */
	const char *pos[2];  /* history: TABLE[/ID]; diff: REV_A REV_B */
	size_t npos;
	bool help;           /* --help or -h: the command's usage */
} args;

static void print_diags(const ssg_diags *d)
{
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		/* "error" and "warning" stay English, for tools; the
		 * message is in the user's language. */
		const char *sev = g->sev == SSG_SEV_ERROR ? "error" : "warning";
		if (!g->path)
			fprintf(stderr, "ssg: %s: %s\n", sev, g->text);
		else /* a whole-file problem is at its start */
			fprintf(stderr, "%s:%u:%u: %s: %s\n", g->path,
				g->line ? g->line : 1, g->col ? g->col : 1,
				sev, g->text);
	}
}

/* "tasks=id" or "communes=province,commune" */
static int parse_key(args *a, const char *spec, ssg_diags *d)
{
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1]) {
		ssg_diags_env(d, "--key wants TABLE=COLUMN[,COLUMN...], not '%s'",
			      spec);
		return SSG_ERR_ENV;
	}
	if (a->nkeys == SSG_MAX_KEYS) {
		ssg_diags_env(d, "too many --key options (at most %d)",
			      SSG_MAX_KEYS);
		return SSG_ERR_ENV;
	}
	char *s = ssg_xstrdup(spec);
	s[eq - spec] = '\0';
	size_t ncols = 1;
	for (char *c = s + (eq - spec) + 1; *c; c++)
		ncols += *c == ',';
	const char **cols = ssg_xcalloc(ncols, sizeof(char *));
	size_t n = 0;
	for (char *c = s + (eq - spec) + 1; c;) {
		char *comma = strchr(c, ',');
		if (comma)
			*comma = '\0';
		if (*c)
			cols[n++] = c;
		c = comma ? comma + 1 : NULL;
	}
	a->key_storage[a->nkeys] = s;
	a->key_cols[a->nkeys] = cols;
	a->keys[a->nkeys].table = s;
	a->keys[a->nkeys].cols = cols;
	a->keys[a->nkeys].ncols = n;
	a->nkeys++;
	return SSG_OK;
}

/* history and diff read commits, never the work tree. */
static bool is_walk(const char *cmd)
{
	return strcmp(cmd, "history") == 0 || strcmp(cmd, "diff") == 0;
}

static size_t max_pos(const char *cmd)
{
	return strcmp(cmd, "diff") == 0 ? 2 : strcmp(cmd, "history") == 0;
}

static int parse_args(args *a, int argc, char **argv, ssg_diags *d)
{
	a->site.repo = ".";
	a->site.out = "public";
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = strcmp(arg, "-C") == 0 || strcmp(arg, "--rev") == 0 ||
			     strcmp(arg, "-o") == 0 || strcmp(arg, "--key") == 0 ||
			     strcmp(arg, "-p") == 0 || strcmp(arg, "--archive") == 0;
		if (is_help(arg)) {
			a->help = true;
			return SSG_OK;
		}
		if (takes && !val) {
			ssg_diags_env(d, "%s needs a value", arg);
			return SSG_ERR_ENV;
		}
		if (strcmp(arg, "-C") == 0)
			a->site.repo = val;
		else if (strcmp(arg, "--rev") == 0)
			a->site.rev = val;
		else if (strcmp(arg, "-o") == 0 && strcmp(a->cmd, "build") == 0)
			a->site.out = val;
		else if (strcmp(arg, "--archive") == 0 &&
			 strcmp(a->cmd, "build") == 0)
			a->site.archive = val;
		else if (strcmp(arg, "-p") == 0 && strcmp(a->cmd, "serve") == 0)
			a->port = val;
		else if (strcmp(arg, "--key") == 0) {
			if (parse_key(a, val, d))
				return SSG_ERR_ENV;
		} else if (strcmp(arg, "--worktree") == 0 && !is_walk(a->cmd))
			a->site.worktree = true;
		else if (strcmp(arg, "--no-history") == 0 && !is_walk(a->cmd))
			a->site.no_history = true;
		else if (strcmp(arg, "--stats") == 0 &&
			 strcmp(a->cmd, "serve") != 0 &&
			 strcmp(a->cmd, "diff") != 0)
			a->stats = true;
		else if (strcmp(arg, "--json") == 0 &&
			 strcmp(a->cmd, "history") == 0)
			a->json = true;
		else if (arg[0] != '-' && a->npos < max_pos(a->cmd))
			a->pos[a->npos++] = arg;
		else {
			ssg_diags_env(d,
				      "unknown option '%s' for '%s': ssg %s "
				      "--help lists its options",
				      arg, a->cmd, a->cmd);
			return SSG_ERR_ENV;
		}
		if (takes)
			i++;
	}
	if (a->site.worktree && a->site.rev) {
		ssg_diags_env(d, "--rev and --worktree cannot go together");
		return SSG_ERR_ENV;
	}
	if (strcmp(a->cmd, "diff") == 0 && (a->npos != 2 || a->site.rev)) {
		ssg_diags_env(d, "diff wants two revisions: ssg diff REV_A "
				 "REV_B");
		return SSG_ERR_ENV;
	}
	a->site.plan.keys = a->keys;
	a->site.plan.nkeys = a->nkeys;
	return SSG_OK;
}

/* ---- serve: serve.c builds and answers, this prints ----------------- */

static void serve_listening(const char *url, void *ctx)
{
	(void)ctx;
	printf(_("ssg: serving %s (Ctrl-C stops)\n"), url);
	fflush(stdout);
}

static void serve_report(const ssg_diags *d, int rc, void *ctx)
{
	(void)ctx;
	print_diags(d);
	if (rc == SSG_OK)
		fputs(_("ssg: site built\n"), stdout);
	else
		fputs(_("ssg: build failed: the browser shows the errors until "
			"the next good build\n"),
		      stdout);
	fflush(stdout);
}

static int serve(args *a, ssg_diags *d)
{
	ssg_serve_opts so;
	memset(&so, 0, sizeof(so));
	so.site = a->site;
	so.port = SSG_SERVE_DEFAULT_PORT;
	if (a->port) {
		char *end;
		unsigned long p = strtoul(a->port, &end, 10);
		if (!*a->port || *end || p > 65535 || a->port[0] == '-') {
			ssg_diags_env(d, "-p wants a port number from 0 to "
					 "65535, not '%s'",
				      a->port);
			return SSG_ERR_ENV;
		}
		so.port = (unsigned)p;
	}
	if (a->site.rev) {
		ssg_diags_env(d, "serve always builds the work tree, not "
				 "--rev");
		return SSG_ERR_ENV;
	}
	so.listening = serve_listening;
	so.report = serve_report;
	return ssg_serve_run(&so, d);
}

/* ---- history and diff ---- */

static void to_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	fwrite(data, 1, len, stdout);
}

static int cmd_history(const args *a, ssg_diags *d)
{
	ssg_repo *r = NULL;
	ssg_history *h = NULL;
	ssg_plan_keys *keys = NULL;
	char *table = NULL;
	const char *id = NULL;
	ssg_buf out;
	ssg_buf_init(&out);

	int rc = ssg_repo_open(&r, a->site.repo, d);
	if (rc != SSG_OK)
		goto done;
	keys = ssg_plan_keys_load(r, a->site.rev, &a->site.plan);
	rc = ssg_history_load(&h, r, a->site.rev, ssg_plan_keys_all(keys),
			      ssg_plan_keys_count(keys), a->site.progress, d);
	if (rc != SSG_OK)
		goto done;
	if (a->npos) {
		table = ssg_xstrdup(a->pos[0]);
		char *slash = strchr(table, '/');
		if (slash) {
			*slash = '\0';
			id = slash + 1;
		}
	}
	if (a->json)
		ssg_hout_jsonl_range(h, table, id, ssg_history_ncommits(h),
				     &out, to_stdout, NULL);
	else
		ssg_hout_text(h, table, id, &out, to_stdout, NULL);
done:
	free(table);
	ssg_buf_fini(&out);
	ssg_history_free(h);
	ssg_plan_keys_free(keys);
	ssg_repo_free(r);
	return rc;
}

/* NO_COLOR (no-color.org): any non-empty value turns colour off. */
static bool want_color(void)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

/* For each revised target of rv, the commit that made it, from the
 * history of rev_b (NULL where none is found); NULL when that history
 * cannot be walked (a shallow clone): the diff is still printed, without
 * the reasons.  The caller frees the array and *h. */
static const ssg_hcommit **diff_reasons(ssg_repo *r, const ssg_review *rv,
					const ssg_snapshot *sa,
					const ssg_plan_keys *keys,
					const char *rev_b, ssg_history **h)
{
	size_t n = ssg_review_ntargets(rv);
	ssg_diags *quiet = ssg_diags_new();
	*h = NULL;
	if (!n || ssg_history_load(h, r, rev_b, ssg_plan_keys_all(keys),
				   ssg_plan_keys_count(keys), NULL,
				   quiet) != SSG_OK) {
		ssg_diags_free(quiet);
		return NULL;
	}
	ssg_diags_free(quiet);
	const ssg_commit_info *ca = ssg_snapshot_commit(sa);
	long from = ca ? ssg_history_find(*h, ca->oid) : -1;
	size_t to = ssg_history_ncommits(*h) - 1;
	const ssg_hcommit **why = ssg_xcalloc(n, sizeof(*why));
	for (size_t i = 0; i < n; i++)
		why[i] = ssg_review_target_commit(ssg_review_target_at(rv, i),
						  *h, from, to);
	return why;
}

static int cmd_diff(const args *a, ssg_diags *d)
{
	ssg_repo *r = NULL;
	ssg_snapshot *sa = NULL, *sb = NULL;
	ssg_plan_keys *keys = NULL;
	ssg_review *rv = NULL;
	ssg_history *h = NULL;
	const ssg_hcommit **why = NULL;
	ssg_buf out;
	ssg_buf_init(&out);

	int rc = ssg_repo_open(&r, a->site.repo, d);
	if (rc != SSG_OK)
		goto done;
	/* A link in a tree is reported; the other files still compare. */
	int ra = ssg_repo_snapshot(r, a->pos[0], &sa, d);
	int rb = ssg_repo_snapshot(r, a->pos[1], &sb, d);
	if (!sa || !sb) {
		rc = SSG_ERR_ENV;
		goto done;
	}
	rc = ra != SSG_OK ? ra : rb;
	keys = ssg_plan_keys_load(r, a->pos[1], &a->site.plan);
	rv = ssg_review_new(sa, sb, ssg_plan_keys_all(keys),
			    ssg_plan_keys_count(keys));
	why = diff_reasons(r, rv, sa, keys, a->pos[1], &h);
	ssg_review_term(rv, why, a->pos[0], a->pos[1], want_color(), &out);
	fwrite(ssg_buf_cstr(&out), 1, out.len, stdout);
done:
	free(why);
	ssg_history_free(h);
	ssg_buf_fini(&out);
	ssg_review_free(rv);
	ssg_plan_keys_free(keys);
	ssg_snapshot_free(sa);
	ssg_snapshot_free(sb);
	ssg_repo_free(r);
	return rc;
}

/* ssg init DIR: a new plan repository, and what to do next. */
static int cmd_init(int argc, char **argv, ssg_diags *d)
{
	if (argc != 3 || argv[2][0] == '-') {
		ssg_diags_env(d, "init wants one folder: ssg init DIR");
		return SSG_ERR_ENV;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	time_t now = time(NULL);
	struct tm tm;
	int year = localtime_r(&now, &tm) ? tm.tm_year + 1900 : 2025;
	ssg_init_opts o = {argv[2], n > 0 ? self : NULL, year};
	int rc = ssg_init(&o, d);
	if (rc == SSG_OK)
		printf(_("ssg: made a new plan in %s.\n"
		       "Next: fill in content/_index.md and the rows of "
		       "data/indicators.csv and data/tasks.csv, then\n"
		       "  cd %s && ssg check --worktree\n"
		       "  git add -A && git commit -m \"Kế hoạch năm %d\"\n"
		       "  ssg build\n"),
		       argv[2], argv[2], year);
	return rc;
}

/* The status line goes to a terminal only; --stats to stderr always, so
 * that `ssg build --stats 2>stats.txt` keeps the figures. */
static void progress_start(args *a)
{
	FILE *tty = isatty(STDERR_FILENO) ? stderr : NULL;
	if (tty || a->stats)
		a->site.progress = ssg_progress_new(tty, a->stats, stderr);
}

int main(int argc, char **argv)
{
	ssg_mem_init();
	ssg_i18n_init();
	if (argc < 2) {
		put_usage(stderr, NULL);
		return 2;
	}
	if (is_help(argv[1])) {
		put_usage(stdout, NULL);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("ssg 0.1");
		return 0;
	}
	args a;
	memset(&a, 0, sizeof(a));
	a.cmd = argv[1];
	ssg_diags *d = ssg_diags_new();
	int rc = SSG_OK;
	if (!is_command(a.cmd)) {
		ssg_diags_env(d, "unknown command '%s' (try ssg --help)", a.cmd);
		rc = SSG_ERR_ENV;
	} else if (strcmp(a.cmd, "init") == 0) {
		if (argc == 3 && is_help(argv[2]))
			put_usage(stdout, a.cmd);
		else
			rc = cmd_init(argc, argv, d);
	} else if ((rc = parse_args(&a, argc, argv, d)) == SSG_OK && a.help) {
		/* `ssg build --help`: the command's usage, on stdout, as
		 * `ssg --help` gives all of them. */
		put_usage(stdout, a.cmd);
	} else if (strcmp(a.cmd, "serve") == 0) {
		if (rc == SSG_OK)
			rc = serve(&a, d);
	} else if (is_walk(a.cmd)) {
		ssg_stop_install();
		progress_start(&a);
		if (rc == SSG_OK && strcmp(a.cmd, "history") == 0)
			rc = cmd_history(&a, d);
		else if (rc == SSG_OK)
			rc = cmd_diff(&a, d);
	} else {
		ssg_stop_install();
		progress_start(&a);
		if (rc == SSG_OK) {
			if (strcmp(a.cmd, "check") == 0)
				a.site.out = NULL;
			rc = ssg_site_build(&a.site, d);
		}
	}
	ssg_progress_end(a.site.progress);
	ssg_progress_free(a.site.progress);
	/* Stopped by a signal (stop.h): what failed after it is only its
	 * echo. */
	int sig = rc != SSG_OK ? ssg_stop_signal() : 0;
	if (sig) {
		fprintf(stderr,
			_("ssg: stopped by signal %d; nothing was published\n"),
			sig);
		ssg_diags_free(d);
		return 128 + sig;
	}
	ssg_diags_sort(d);
	print_diags(d);
	int status = 0;
	if (rc == SSG_ERR_ENV || ssg_diags_env_errors(d))
		status = 2;
	else if (rc != SSG_OK || ssg_diags_errors(d))
		status = 1;
	ssg_diags_free(d);
	for (size_t i = 0; i < a.nkeys; i++) {
		free(a.key_storage[i]);
		free(a.key_cols[i]);
	}
	return status;
}
