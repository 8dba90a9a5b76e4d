/*
 * repo — commits, trees and work trees as sorted file lists.
 *
 * Trees and directories are read only under content/, data/ and theme/,
 * never through a symbolic link, and every blob is checked against its
 * object header before it is loaded, so a hostile or corrupt repository
 * can make a build fail but not make it read outside the repository or
 * allocate more than SSG_REPO_MAX_FILE for one file.
 */
#include "repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "blobkeep.h"
#include "buf.h"
#include "i18n.h"
#include "odbcheck.h"
#include "pool.h"
#include "store.h"
#include "text.h"

/* Directory levels below a top directory; deeper nesting is no plan. */
#define MAX_DEPTH 32
#define CACHE_MAX (1024 * 1024)
#define MWINDOW_SIZE (1024u * 1024)
#define MWINDOW_LIMIT (2u * 1024 * 1024)
#define MWINDOW_LIMIT_WIDE (32u * 1024 * 1024)
/* The store's file of objects found whole (odbcheck.h), and how much of
 * it is read: a repository of loose objects only, a million of them. */
#define ODBCHECK_MEMO "odbcheck"
#define ODBCHECK_MEMO_MAX (128u * 1024 * 1024)

static const char *const top_dirs[] = {"content", "data", "theme"};

static const char msg_symlink[] =
	N_("symbolic links are not allowed in content/, data/ or theme/ "
	   "(they could point outside the repository)");
static const char msg_submodule[] = N_("submodules are not supported");

struct ssg_repo {
	git_repository *git;
	ssg_blobkeep *keep; /* content/'s bytes an earlier build kept */
};

typedef struct {
	ssg_file f;   /* f.path is owned (char * in disguise) */
	char *data;   /* cached bytes, NUL-terminated; NULL until read */
	bool lent;    /* data belongs to an ssg_blobs' snapshot */
} entry;

/* Read-only once made: the revision copies' threads look blobs up in it
 * while the build's thread goes on with the snapshot it came from. */
typedef struct {
	const char *oid; /* the entry's, hex */
	const char *data;
	size_t size;
} blob_ref;

struct ssg_blobs {
	blob_ref *v;
	size_t n;
};

struct ssg_snapshot {
	ssg_repo *repo;
	bool worktree;
	int rootfd; /* work tree: the work directory; -1 otherwise */
	entry *v;
	size_t n, cap;
	bool has_commit;
	ssg_commit_info commit;
	char *author, *email, *message, *summary;
	const ssg_blobs *lender; /* read from before the repository */
};

const char *ssg_repo_git_error(void)
{
	/* libgit2 1.5 may return NULL when the failure set no message. */
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/* What a libgit2 failure means to the person who runs ssg, and what to
 * do, for the cases met in practice: a folder that is no repository, a
 * name that is no revision, objects damaged or missing (a copy cut
 * short, a disk error).  libgit2's own words follow in parentheses. */
static const char *git_why(void)
{
	const git_error *e = git_error_last();
	const char *m = e && e->message ? e->message : "";
	switch (e ? e->klass : GIT_ERROR_NONE) {
	case GIT_ERROR_REPOSITORY:
		return N_("this folder holds no git repository that ssg can "
			  "read: give the plan's folder with -C");
	case GIT_ERROR_REFERENCE:
		if (strstr(m, "not found") || strstr(m, "does not exist"))
			return N_("there is no revision of that name: `git "
				  "log --oneline` and `git tag` list those "
				  "there are");
		break;
	case GIT_ERROR_ODB:
	case GIT_ERROR_OBJECT:
	case GIT_ERROR_ZLIB:
	case GIT_ERROR_INDEXER:
		return N_("the repository is damaged or incomplete: `git "
			  "fsck` shows what is damaged, and a fresh clone "
			  "repairs it");
	case GIT_ERROR_OS:
		return N_("the system refused: check that the folder exists "
			  "and that you may read it");
	default:
		break;
	}
	return N_("git could not do it");
}

void ssg_repo_fail(ssg_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_env_causev(d, git_why(), ssg_repo_git_error(), fmt, ap);
	va_end(ap);
}

/* ---- repository ---- */

int ssg_repo_init(const char *path, ssg_diags *d)
{
	git_repository *g = NULL;
	git_repository_init_options o;
	int rc = SSG_OK;
	if (git_libgit2_init() < 0) {
		ssg_repo_fail(d, "cannot initialise libgit2");
		return SSG_ERR_ENV;
	}
	if (git_repository_init_options_init(
		    &o, GIT_REPOSITORY_INIT_OPTIONS_VERSION) < 0)
		goto fail;
	o.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	o.initial_head = "main";
	if (git_repository_init_ext(&g, path, &o) < 0)
		goto fail;
	goto done;
fail:
	ssg_repo_fail(d, "cannot make a repository in %s", path);
	rc = SSG_ERR_ENV;
done:
	git_repository_free(g);
	git_libgit2_shutdown();
	return rc;
}

/* ssg_odbcheck with the memo the last check left in the store, which
 * gets this check's when it differs.  The memo's first line is the
 * program's key (store.h): another build of ssg reads every file. */
static int odbcheck(const char *gitdir, const char *objects, ssg_diags *d)
{
	char *path = ssg_store_path(gitdir, ODBCHECK_MEMO);
	ssg_buf old, next;
	ssg_buf_init(&old);
	ssg_buf_init(&next);
	ssg_buf_printf(&next, "ssg odbcheck %08x\n",
		       (unsigned)ssg_store_program());
	(void)ssg_store_read(path, ODBCHECK_MEMO_MAX, &old);
	size_t head = next.len;
	const char *memo = old.len > head && !memcmp(old.data, next.data, head)
				   ? ssg_buf_cstr(&old) + head
				   : NULL;
	int rc = ssg_odbcheck(objects, memo, &next, d);
	if (rc == SSG_OK && (old.len != next.len ||
			     memcmp(old.data, next.data, next.len) != 0))
		(void)ssg_store_replace(gitdir, ODBCHECK_MEMO, next.data,
					next.len);
	ssg_buf_fini(&old);
	ssg_buf_fini(&next);
	free(path);
	return rc;
}

void ssg_repo_windows_wide(bool wide)
{
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
			 (size_t)(wide ? MWINDOW_LIMIT_WIDE : MWINDOW_LIMIT));
}

int ssg_repo_open(ssg_repo **out, const char *path, ssg_diags *d)
{
	int rc = SSG_OK;
	git_repository *g = NULL;
	bool inited = false;

	*out = NULL;
	if (!path)
		path = ".";
	if (git_libgit2_init() < 0) {
		ssg_repo_fail(d, "cannot initialise libgit2");
		return SSG_ERR_ENV;
	}
	inited = true;
	/* Each commit and tree is read about once: libgit2's object cache
	 * (256 MB by default) saved no time and was a third of the peak
	 * memory of a history walk.  Pack files are read through memory
	 * maps; libgit2's defaults (1 GiB windows, 8 GiB in all) would count
	 * a whole pack, read once from end to end, in the resident size;
	 * windows of 1 MB, 2 MB in all, were 5 to 10 MB less of a cold
	 * build's peak on a province than 4 and 8, for no time seen (the
	 * pages stay in the page cache: a window mapped again costs its
	 * page faults). */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)CACHE_MAX);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)MWINDOW_SIZE);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
			 (size_t)MWINDOW_LIMIT);
	int e = git_repository_open_ext(&g, path, 0, NULL);
	if (e == GIT_ENOTFOUND) {
		ssg_diags_env(d, "not a git repository: %s: give the plan's "
				 "folder with -C, or make a new plan with ssg "
				 "init DIR",
			      path);
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (e < 0) {
		ssg_repo_fail(d, "cannot open repository %s", path);
		rc = SSG_ERR_ENV;
		goto done;
	}
	/* Before libgit2 reads one object: it hangs or trusts sizes on
	 * damaged ones (odbcheck.h). */
	char *objects = ssg_xmalloc(strlen(git_repository_commondir(g)) + 8);
	strcpy(objects, git_repository_commondir(g));
	strcat(objects, "objects");
	rc = odbcheck(git_repository_path(g), objects, d);
	free(objects);
	if (rc != SSG_OK)
		goto done;
	/* That check hashed every loose object and every pack whole, so
	 * libgit2 hashing each object again as it reads it (a tenth of the
	 * instructions of loading a plan of 5,000 posts) verifies nothing
	 * more. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	ssg_repo *r = ssg_xcalloc(1, sizeof(*r));
	r->git = g;
	g = NULL;
	*out = r;
	inited = false; /* the repository keeps its reference */
done:
	git_repository_free(g);
	if (inited)
		git_libgit2_shutdown();
	return rc;
}

int ssg_repo_reopen(const ssg_repo *r, ssg_repo **out, ssg_diags *d)
{
	git_repository *g = NULL;
	*out = NULL;
	git_libgit2_init();
	if (git_repository_open_ext(&g, git_repository_path(r->git),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		ssg_repo_fail(d, "cannot open repository %s",
			 git_repository_path(r->git));
		git_libgit2_shutdown();
		return SSG_ERR_ENV;
	}
	*out = ssg_xcalloc(1, sizeof(**out));
	(*out)->git = g;
	return SSG_OK;
}

void ssg_repo_free(ssg_repo *r)
{
	if (!r)
		return;
	git_repository_free(r->git);
	ssg_blobkeep_free(r->keep);
	free(r);
	git_libgit2_shutdown();
}

const char *ssg_repo_gitdir(const ssg_repo *r)
{
	return git_repository_path(r->git);
}

const char *ssg_repo_workdir(const ssg_repo *r)
{
	return git_repository_workdir(r->git);
}

bool ssg_repo_is_shallow(const ssg_repo *r)
{
	return git_repository_is_shallow(r->git) == 1;
}

/* ---- messages ---- */

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			 s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static char *first_line(const char *s)
{
	size_t n = strcspn(s, "\n");
	return ssg_xstrndup(s, trim_end(s, n));
}

/* s, text in `encoding` (NULL for UTF-8), as UTF-8 (text.h). */
static char *decoded(const char *s, size_t n, const char *encoding)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_decode(&b, s, n, encoding);
	return ssg_buf_detach(&b);
}

/* The message (text in `encoding`) as UTF-8, without trailing blank
 * lines and, for a tag, without the signature git appends to it. */
static char *clean_message(const char *msg, const char *encoding,
			   bool strip_signature)
{
	static const char *const sig[4] = {
		"-----BEGIN PGP SIGNATURE-----",
		"-----BEGIN PGP MESSAGE-----",
		"-----BEGIN SSH SIGNATURE-----",
		"-----BEGIN SIGNED MESSAGE-----",
	};
	size_t n = strlen(msg);
	if (strip_signature) {
		for (const char *line = msg; *line;) {
			bool hit = false;
			for (size_t i = 0; i < 4; i++)
				if (!strncmp(line, sig[i], strlen(sig[i])))
					hit = true;
			if (hit) {
				n = (size_t)(line - msg);
				break;
			}
			const char *nl = strchr(line, '\n');
			if (!nl)
				break;
			line = nl + 1;
		}
	}
	return decoded(msg, trim_end(msg, n), encoding);
}

/* ---- snapshots ---- */

static ssg_snapshot *snapshot_new(ssg_repo *r, bool worktree)
{
	ssg_snapshot *s = ssg_xcalloc(1, sizeof(*s));
	s->repo = r;
	s->worktree = worktree;
	s->rootfd = -1;
	return s;
}

void ssg_snapshot_free(ssg_snapshot *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free((char *)s->v[i].f.path);
		if (!s->v[i].lent)
			free(s->v[i].data);
	}
	free(s->v);
	free(s->author);
	free(s->email);
	free(s->message);
	free(s->summary);
	if (s->rootfd >= 0)
		close(s->rootfd);
	free(s);
}

static entry *snapshot_add(ssg_snapshot *s, const char *path, size_t size)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = ssg_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	entry *e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->f.path = ssg_xstrdup(path);
	e->f.size = size;
	return e;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->f.path, ((const entry *)b)->f.path);
}

/* Sorts by path in byte order; a path listed twice (only a crafted tree
 * can do that) is a content error. */
static int snapshot_sort(ssg_snapshot *s, ssg_diags *d)
{
	int rc = SSG_OK;
	if (s->n > 1)
		ssg_sort(s->v, s->n, sizeof(*s->v), entry_cmp);
	for (size_t i = 1; i < s->n; i++)
		if (!strcmp(s->v[i - 1].f.path, s->v[i].f.path)) {
			ssg_diags_error(d, s->v[i].f.path, 0, 0,
					"path appears twice in the tree");
			rc = SSG_ERR_CONTENT;
		}
	return rc;
}

static void commit_info_fill(ssg_snapshot *s, git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	const char *msg = git_commit_message(c);
	ssg_commit_info *ci = &s->commit;

	git_oid_tostr(ci->oid, sizeof(ci->oid), git_commit_id(c));
	memcpy(ci->short_oid, ci->oid, 7);
	ci->short_oid[7] = '\0';
	ci->time = (long long)git_commit_time(c);
	ci->offset = git_commit_time_offset(c);
	const char *enc = git_commit_message_encoding(c);
	const char *an = a && a->name ? a->name : "";
	const char *ae = a && a->email ? a->email : "";
	s->author = decoded(an, strlen(an), enc);
	s->email = decoded(ae, strlen(ae), enc);
	s->message = clean_message(msg ? msg : "", enc, false);
	s->summary = first_line(s->message);
	ci->author = s->author;
	ci->email = s->email;
	ci->message = s->message;
	ci->summary = s->summary;
	s->has_commit = true;
}

/* git guarantees sane tree entry names only for trees it wrote itself. */
static bool name_ok(const char *name)
{
	return name[0] && strcmp(name, ".") && strcmp(name, "..") &&
	       !strchr(name, '/');
}

typedef struct {
	ssg_snapshot *s;
	git_repository *g;
	git_odb *odb;
	ssg_diags *d;
	bool content_err;
	ssg_buf path;
} tree_walk;

/* Reports a link or submodule at the walk's current path; true when the
 * mode was one of them. */
static bool refuse_mode(tree_walk *w, git_filemode_t mode)
{
	if (mode == GIT_FILEMODE_LINK) {
		ssg_diags_msg(w->d, SSG_SEV_ERROR, ssg_buf_cstr(&w->path), 0, 0,
			      msg_symlink);
	} else if (mode == GIT_FILEMODE_COMMIT) {
		ssg_diags_msg(w->d, SSG_SEV_ERROR, ssg_buf_cstr(&w->path), 0, 0,
			      msg_submodule);
	} else {
		return false;
	}
	w->content_err = true;
	return true;
}

/* Lists `t`, whose path is w->path; returns SSG_ERR_ENV on a repository
 * failure and records content problems in w. */
static int walk_tree(tree_walk *w, const git_tree *t, unsigned depth)
{
	int rc = SSG_OK;
	git_tree *sub = NULL;
	size_t base = w->path.len;
	size_t count = git_tree_entrycount(t);

	for (size_t i = 0; i < count && rc == SSG_OK; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(te);
		git_filemode_t mode = git_tree_entry_filemode(te);
		const git_oid *id = git_tree_entry_id(te);

		w->path.len = base;
		w->path.data[base] = '\0';
		if (!name_ok(name)) {
			ssg_diags_error(w->d, ssg_buf_cstr(&w->path), 0, 0,
					"invalid file name in tree: \"%s\"",
					name);
			w->content_err = true;
			continue;
		}
		ssg_buf_putc(&w->path, '/');
		ssg_buf_puts(&w->path, name);
		if (refuse_mode(w, mode))
			continue;
		if (mode == GIT_FILEMODE_TREE) {
			if (depth >= MAX_DEPTH) {
				ssg_diags_error(w->d, ssg_buf_cstr(&w->path),
						0, 0,
						"directories nested deeper "
						"than %d levels",
						MAX_DEPTH);
				w->content_err = true;
				continue;
			}
			if (git_tree_lookup(&sub, w->g, id) < 0) {
				ssg_repo_fail(w->d, "cannot read tree %s",
					 ssg_buf_cstr(&w->path));
				rc = SSG_ERR_ENV;
				break;
			}
			rc = walk_tree(w, sub, depth + 1);
			git_tree_free(sub);
			sub = NULL;
			continue;
		}
		if (mode != GIT_FILEMODE_BLOB &&
		    mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
			ssg_diags_error(w->d, ssg_buf_cstr(&w->path), 0, 0,
					"unsupported file mode %06o",
					(unsigned)mode);
			w->content_err = true;
			continue;
		}
		size_t size = 0;
		git_object_t type = GIT_OBJECT_INVALID;
		if (git_odb_read_header(&size, &type, w->odb, id) < 0) {
			ssg_repo_fail(w->d, "cannot read %s", ssg_buf_cstr(&w->path));
			rc = SSG_ERR_ENV;
			break;
		}
		if (type != GIT_OBJECT_BLOB) {
			ssg_diags_env(w->d,
				      "corrupt repository: %s is not a blob",
				      ssg_buf_cstr(&w->path));
			rc = SSG_ERR_ENV;
			break;
		}
		entry *e = snapshot_add(w->s, ssg_buf_cstr(&w->path), size);
		git_oid_tostr(e->f.oid, sizeof(e->f.oid), id);
	}
	w->path.len = base;
	if (w->path.data)
		w->path.data[base] = '\0';
	return rc;
}

static int list_tree(ssg_snapshot *s, git_repository *g, const git_tree *root,
		     ssg_diags *d)
{
	int rc = SSG_OK;
	git_tree *t = NULL;
	tree_walk w = {.s = s, .g = g, .d = d};

	ssg_buf_init(&w.path);
	if (git_repository_odb(&w.odb, g) < 0) {
		ssg_repo_fail(d, "cannot open object database");
		rc = SSG_ERR_ENV;
		goto done;
	}
	for (size_t i = 0; i < sizeof(top_dirs) / sizeof(top_dirs[0]); i++) {
		const git_tree_entry *te =
			git_tree_entry_byname(root, top_dirs[i]);
		if (!te)
			continue;
		ssg_buf_clear(&w.path);
		ssg_buf_puts(&w.path, top_dirs[i]);
		git_filemode_t mode = git_tree_entry_filemode(te);
		if (refuse_mode(&w, mode) || mode != GIT_FILEMODE_TREE)
			continue; /* a plain file named "data" is no input */
		if (git_tree_lookup(&t, g, git_tree_entry_id(te)) < 0) {
			ssg_repo_fail(d, "cannot read tree %s", top_dirs[i]);
			rc = SSG_ERR_ENV;
			goto done;
		}
		rc = walk_tree(&w, t, 0);
		git_tree_free(t);
		t = NULL;
		if (rc != SSG_OK)
			goto done;
	}
	if (snapshot_sort(s, d) != SSG_OK || w.content_err)
		rc = SSG_ERR_CONTENT;
done:
	git_odb_free(w.odb);
	ssg_buf_fini(&w.path);
	return rc;
}

static bool is_head(const char *rev)
{
	return !rev || !strcmp(rev, "HEAD");
}

/* No references at all.  git_repository_is_empty() would also need HEAD
 * to name the branch libgit2 takes for the default, which `git init -b`
 * or init.defaultBranch can change. */
static bool has_no_refs(git_repository *g)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	if (git_reference_iterator_new(&it, g) < 0)
		return false;
	bool none = git_reference_next(&ref, it) == GIT_ITEROVER;
	git_reference_free(ref);
	git_reference_iterator_free(it);
	return none;
}

/* Resolves `rev` to a commit, with the two messages a user can act on. */
static int resolve_commit(git_repository *g, const char *rev,
			  git_commit **out, ssg_diags *d)
{
	int rc = SSG_OK;
	git_object *obj = NULL;
	git_object *peeled = NULL;

	*out = NULL;
	if (git_revparse_single(&obj, g, rev ? rev : "HEAD") < 0) {
		if (git_repository_head_unborn(g) == 1 &&
		    (is_head(rev) || has_no_refs(g)))
			ssg_diags_env(d, "repository has no commits yet");
		else
			ssg_diags_env(d, "unknown revision '%s': `git log "
					 "--oneline` and `git tag` list the "
					 "revisions there are",
				      rev ? rev : "HEAD");
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		ssg_diags_env(d, "revision '%s' is not a commit",
			      rev ? rev : "HEAD");
		rc = SSG_ERR_ENV;
		goto done;
	}
	*out = (git_commit *)peeled;
	peeled = NULL;
done:
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

int ssg_repo_snapshot(ssg_repo *r, const char *rev, ssg_snapshot **out,
		      ssg_diags *d)
{
	int rc = SSG_OK;
	git_commit *c = NULL;
	git_tree *root = NULL;
	ssg_snapshot *s = NULL;

	*out = NULL;
	rc = resolve_commit(r->git, rev, &c, d);
	if (rc != SSG_OK)
		goto done;
	if (git_commit_tree(&root, c) < 0) {
		ssg_repo_fail(d, "cannot read the tree of '%s'",
			 rev ? rev : "HEAD");
		rc = SSG_ERR_ENV;
		goto done;
	}
	s = snapshot_new(r, false);
	commit_info_fill(s, c);
	rc = list_tree(s, r->git, root, d);
	if (rc == SSG_ERR_ENV)
		goto done;
	*out = s;
	s = NULL;
done:
	ssg_snapshot_free(s);
	git_tree_free(root);
	git_commit_free(c);
	return rc;
}

/* ---- work tree ---- */

typedef struct {
	ssg_snapshot *s;
	git_repository *g;
	ssg_diags *d;
	bool content_err;
	ssg_buf path;
} dir_walk;

static int is_ignored(dir_walk *w, bool *ignored)
{
	int ign = 0;
	if (git_ignore_path_is_ignored(&ign, w->g, ssg_buf_cstr(&w->path)) <
	    0) {
		ssg_repo_fail(w->d, "cannot read the ignore rules for %s",
			 ssg_buf_cstr(&w->path));
		return SSG_ERR_ENV;
	}
	*ignored = ign == 1;
	return SSG_OK;
}

static int walk_dir(dir_walk *w, int fd, unsigned depth);

/* Handles the entry `name` of the directory `dirfd`; w->path is its
 * path.  Symbolic links are looked at, never followed. */
static int walk_entry(dir_walk *w, int dirfd, const char *name,
		      unsigned depth)
{
	struct stat st;
	bool ignored = false;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return SSG_OK; /* removed while we looked */
		ssg_diags_env(w->d, "cannot read %s: %s",
			      ssg_buf_cstr(&w->path), strerror(errno));
		return SSG_ERR_ENV;
	}
	if (!S_ISLNK(st.st_mode) && !S_ISDIR(st.st_mode) &&
	    !S_ISREG(st.st_mode))
		return SSG_OK; /* sockets, fifos, devices: git ignores them */
	if (is_ignored(w, &ignored) != SSG_OK)
		return SSG_ERR_ENV;
	if (ignored)
		return SSG_OK;
	if (S_ISLNK(st.st_mode)) {
		ssg_diags_msg(w->d, SSG_SEV_ERROR, ssg_buf_cstr(&w->path), 0, 0,
			      msg_symlink);
		w->content_err = true;
		return SSG_OK;
	}
	if (S_ISREG(st.st_mode)) {
		snapshot_add(w->s, ssg_buf_cstr(&w->path), (size_t)st.st_size);
		return SSG_OK;
	}
	if (depth >= MAX_DEPTH) {
		ssg_diags_error(w->d, ssg_buf_cstr(&w->path), 0, 0,
				"directories nested deeper than %d levels",
				MAX_DEPTH);
		w->content_err = true;
		return SSG_OK;
	}
	int sub = openat(dirfd, name,
			 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0) {
		if (errno == ELOOP) { /* became a link after fstatat */
			ssg_diags_msg(w->d, SSG_SEV_ERROR,
				      ssg_buf_cstr(&w->path), 0, 0,
				      msg_symlink);
			w->content_err = true;
			return SSG_OK;
		}
		ssg_diags_env(w->d, "cannot open directory %s: %s",
			      ssg_buf_cstr(&w->path), strerror(errno));
		return SSG_ERR_ENV;
	}
	return walk_dir(w, sub, depth + 1);
}

/* Lists the directory open at `fd` (taken over and closed), whose path
 * is w->path.  Dot files (.git, .gitignore, editor files) are no
 * content. */
static int walk_dir(dir_walk *w, int fd, unsigned depth)
{
	int rc = SSG_OK;
	size_t base = w->path.len;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		ssg_diags_env(w->d, "cannot open directory %s: %s",
			      ssg_buf_cstr(&w->path), strerror(errno));
		close(fd);
		return SSG_ERR_ENV;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dir);
		if (!de) {
			if (errno) {
				w->path.len = base;
				w->path.data[base] = '\0';
				ssg_diags_env(w->d, "cannot read directory "
					      "%s: %s", ssg_buf_cstr(&w->path),
					      strerror(errno));
				rc = SSG_ERR_ENV;
			}
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		w->path.len = base;
		w->path.data[base] = '\0';
		ssg_buf_putc(&w->path, '/');
		ssg_buf_puts(&w->path, de->d_name);
		rc = walk_entry(w, dirfd(dir), de->d_name, depth);
		if (rc != SSG_OK)
			break;
	}
	w->path.len = base;
	w->path.data[base] = '\0';
	closedir(dir);
	return rc;
}

int ssg_repo_worktree(ssg_repo *r, ssg_snapshot **out, ssg_diags *d)
{
	int rc = SSG_OK;
	git_commit *c = NULL;
	ssg_snapshot *s = NULL;
	dir_walk w = {.g = r->git, .d = d};
	const char *workdir = git_repository_workdir(r->git);

	*out = NULL;
	ssg_buf_init(&w.path);
	if (!workdir) {
		ssg_diags_env(d, "the repository %s is bare: it has no work "
			      "tree", git_repository_path(r->git));
		rc = SSG_ERR_ENV;
		goto done;
	}
	s = snapshot_new(r, true);
	w.s = s;
	s->rootfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->rootfd < 0) {
		ssg_diags_env(d, "cannot open %s: %s", workdir,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (git_repository_head_unborn(r->git) != 1) {
		rc = resolve_commit(r->git, NULL, &c, d);
		if (rc != SSG_OK)
			goto done;
		commit_info_fill(s, c);
	}
	for (size_t i = 0; i < sizeof(top_dirs) / sizeof(top_dirs[0]); i++) {
		ssg_buf_clear(&w.path);
		ssg_buf_puts(&w.path, top_dirs[i]);
		struct stat st;
		if (fstatat(s->rootfd, top_dirs[i], &st,
			    AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT)
				continue;
			ssg_diags_env(d, "cannot read %s%s: %s", workdir,
				      top_dirs[i], strerror(errno));
			rc = SSG_ERR_ENV;
			goto done;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
			continue;
		/* walk_entry stats again; the cost is one call per root. */
		rc = walk_entry(&w, s->rootfd, top_dirs[i], 0);
		if (rc != SSG_OK)
			goto done;
	}
	if (snapshot_sort(s, d) != SSG_OK || w.content_err)
		rc = SSG_ERR_CONTENT;
	*out = s;
	s = NULL;
done:
	ssg_snapshot_free(s);
	git_commit_free(c);
	ssg_buf_fini(&w.path);
	return rc;
}

/* ---- accessors ---- */

size_t ssg_snapshot_count(const ssg_snapshot *s)
{
	return s->n;
}

const ssg_file *ssg_snapshot_file(const ssg_snapshot *s, size_t i)
{
	return i < s->n ? &s->v[i].f : NULL;
}

static entry *find_entry(const ssg_snapshot *s, const char *path)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, s->v[mid].f.path);
		if (c == 0)
			return &s->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const ssg_file *ssg_snapshot_find(const ssg_snapshot *s, const char *path)
{
	entry *e = find_entry(s, path);
	return e ? &e->f : NULL;
}

bool ssg_snapshot_is_worktree(const ssg_snapshot *s)
{
	return s->worktree;
}

const ssg_commit_info *ssg_snapshot_commit(const ssg_snapshot *s)
{
	return s->has_commit ? &s->commit : NULL;
}

/* ---- reading ---- */

static int too_large(const char *path, size_t size, ssg_diags *d)
{
	ssg_diags_error(d, path, 0, 0,
			"file is too large (%zu bytes; the limit is %u MiB)",
			size, SSG_REPO_MAX_FILE / (1024 * 1024));
	return SSG_ERR_LIMIT;
}

/* e's bytes from g into e->data; false when the blob cannot be read
 * (set in libgit2's error) or is not the size its header gave (*bad). */
static bool blob_copy(git_repository *g, entry *e, bool *bad)
{
	git_oid id;
	git_blob *blob = NULL;
	*bad = false;
	if (git_oid_fromstr(&id, e->f.oid) < 0 ||
	    git_blob_lookup(&blob, g, &id) < 0)
		return false;
	bool ok = (uint64_t)git_blob_rawsize(blob) == (uint64_t)e->f.size;
	if (ok) {
		e->data = ssg_xmalloc(e->f.size + 1);
		if (e->f.size)
			memcpy(e->data, git_blob_rawcontent(blob), e->f.size);
		e->data[e->f.size] = '\0';
	}
	*bad = !ok;
	git_blob_free(blob);
	return ok;
}

static int read_blob(ssg_snapshot *s, entry *e, ssg_diags *d)
{
	/* e->f.size comes from the object header, read before any byte of
	 * the object, so an oversized blob is never inflated. */
	if (e->f.size > SSG_REPO_MAX_FILE)
		return too_large(e->f.path, e->f.size, d);
	bool bad;
	if (blob_copy(s->repo->git, e, &bad))
		return SSG_OK;
	if (bad)
		ssg_diags_env(d, "corrupt repository: %s (blob %s) does not "
			      "have the size its header gives", e->f.path,
			      e->f.oid);
	else
		ssg_repo_fail(d, "cannot read %s", e->f.path);
	return SSG_ERR_ENV;
}

/* Opens `path` below `rootfd` one component at a time, never following a
 * symbolic link, so a directory swapped for a link after listing cannot
 * lead outside the work tree. */
static int open_beneath(int rootfd, const char *path)
{
	int fd = rootfd;
	const char *p = path;
	for (;;) {
		const char *slash = strchr(p, '/');
		char *comp = ssg_xstrndup(p, slash ? (size_t)(slash - p)
						   : strlen(p));
		int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
		flags |= slash ? O_DIRECTORY : O_NONBLOCK;
		int next = openat(fd, comp, flags);
		int err = errno;
		free(comp);
		if (fd != rootfd)
			close(fd);
		if (next < 0) {
			errno = err;
			return -1;
		}
		if (!slash)
			return next;
		fd = next;
		p = slash + 1;
	}
}

static int read_file(ssg_snapshot *s, entry *e, ssg_diags *d)
{
	int rc = SSG_OK;
	char *data = NULL;
	struct stat st;
	int fd = open_beneath(s->rootfd, e->f.path);

	if (fd < 0) {
		if (errno == ELOOP) {
			ssg_diags_msg(d, SSG_SEV_ERROR, e->f.path, 0, 0,
				      msg_symlink);
			return SSG_ERR_CONTENT;
		}
		ssg_diags_env(d, "cannot open %s: %s", e->f.path,
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	if (fstat(fd, &st) < 0) {
		ssg_diags_env(d, "cannot read %s: %s", e->f.path,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		ssg_diags_error(d, e->f.path, 0, 0, "not a regular file");
		rc = SSG_ERR_CONTENT;
		goto done;
	}
	if ((uint64_t)st.st_size > SSG_REPO_MAX_FILE) {
		rc = too_large(e->f.path, (size_t)st.st_size, d);
		goto done;
	}
	/* The file may grow while we read: read until end of file, within
	 * the limit, whatever fstat said. */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	data = ssg_xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > SSG_REPO_MAX_FILE) {
				rc = too_large(e->f.path, len, d);
				goto done;
			}
			cap = cap * 2 > SSG_REPO_MAX_FILE + 1
				      ? SSG_REPO_MAX_FILE + 1
				      : cap * 2;
			data = ssg_xrealloc(data, cap + 1);
		}
		ssize_t got = read(fd, data + len, cap - len);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			ssg_diags_env(d, "cannot read %s: %s", e->f.path,
				      strerror(errno));
			rc = SSG_ERR_ENV;
			goto done;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	if (len > SSG_REPO_MAX_FILE) {
		rc = too_large(e->f.path, len, d);
		goto done;
	}
	data[len] = '\0';
	e->data = data;
	e->f.size = len;
	data = NULL;
done:
	free(data);
	close(fd);
	return rc;
}

static int blob_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const blob_ref *)a)->oid, ((const blob_ref *)b)->oid);
}

const char *ssg_blobs_find(const ssg_blobs *b, const char *oid,
			   size_t *size)
{
	if (!b || !b->n)
		return NULL;
	blob_ref key = {oid, NULL, 0};
	const blob_ref *r = bsearch(&key, b->v, b->n, sizeof(*b->v),
				   blob_ref_cmp);
	if (r && size)
		*size = r->size;
	return r ? r->data : NULL;
}

ssg_blobs *ssg_blobs_new(const ssg_snapshot *s)
{
	ssg_blobs *b = ssg_xcalloc(1, sizeof(*b));
	if (s->worktree)
		return b; /* no ids to match */
	b->v = ssg_xcalloc(s->n + 1, sizeof(*b->v));
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].data)
			b->v[b->n++] = (blob_ref){s->v[i].f.oid, s->v[i].data,
						   s->v[i].f.size};
	/* The same blob under two paths is one: either entry lends it. */
	ssg_sort(b->v, b->n, sizeof(*b->v), blob_ref_cmp);
	return b;
}

void ssg_blobs_free(ssg_blobs *b)
{
	if (b) {
		free(b->v);
		free(b);
	}
}

void ssg_snapshot_lender(ssg_snapshot *s, const ssg_blobs *b)
{
	s->lender = b;
}

/* ---- content/'s bytes kept between builds ---- */

/* The files kept: the pages, thousands, where data/ and theme/ have a
 * few. */
static bool is_kept(const entry *e)
{
	return strncmp(e->f.path, "content/", 8) == 0;
}

void ssg_repo_keep_read(ssg_repo *r)
{
	if (!r->keep)
		r->keep = ssg_blobkeep_read(ssg_repo_gitdir(r));
}

static int keep_blob_cmp(const void *a, const void *b)
{
	return strcmp(((const ssg_blobkeep_blob *)a)->oid,
		      ((const ssg_blobkeep_blob *)b)->oid);
}

struct ssg_snapshot_keeper {
	ssg_pool *pool; /* of one job: the write */
	const ssg_blobkeep *k;
	char *gitdir;
	ssg_blobkeep_blob *v;
	size_t n;
};

static bool keeper_run(void *ctx, void *res, size_t job)
{
	ssg_snapshot_keeper *kp = ctx;
	ssg_blobkeep_blob *v = kp->v;
	size_t n = kp->n;
	(void)res;
	(void)job;
	/* The same blob under two paths is kept once. */
	ssg_sort(v, n, sizeof(*v), keep_blob_cmp);
	size_t u = 0;
	bool same = true;
	for (size_t i = 0; i < n; i++) {
		if (u && !strcmp(v[u - 1].oid, v[i].oid))
			continue;
		v[u++] = v[i];
		same = same && ssg_blobkeep_find(kp->k, v[i].oid, v[i].size);
	}
	/* Written again only when the pages read are not just those kept:
	 * a commit that changes no page writes nothing. */
	if (!same || u != ssg_blobkeep_count(kp->k))
		(void)ssg_blobkeep_write(kp->gitdir, v, u);
	return true;
}

ssg_snapshot_keeper *ssg_snapshot_keep_start(const ssg_snapshot *s)
{
	if (s->worktree || !s->repo->keep)
		return NULL;
	ssg_snapshot_keeper *kp = ssg_xcalloc(1, sizeof(*kp));
	kp->k = s->repo->keep;
	kp->gitdir = ssg_xstrdup(ssg_repo_gitdir(s->repo));
	kp->v = ssg_xcalloc(s->n + 1, sizeof(*kp->v));
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].data && is_kept(&s->v[i]))
			kp->v[kp->n++] = (ssg_blobkeep_blob){
				s->v[i].f.oid, s->v[i].data, s->v[i].f.size};
	ssg_pool_opts po = {1, 2, kp, keeper_run, NULL, NULL};
	kp->pool = ssg_pool_start(&po);
	return kp;
}

void ssg_snapshot_keep_end(ssg_snapshot_keeper *kp)
{
	if (!kp)
		return;
	ssg_pool_finish(kp->pool, NULL);
	free(kp->v);
	free(kp->gitdir);
	free(kp);
}

/* The bytes of e (not read yet) taken from elsewhere, where a read
 * looks before it inflates: the lender's (ssg_blobs), then, for a page,
 * the kept ones (blobkeep.h).  Nothing for a work tree. */
static void borrow(const ssg_snapshot *s, entry *e)
{
	if (s->worktree)
		return;
	if (s->lender)
		e->data = (char *)ssg_blobs_find(s->lender, e->f.oid, NULL);
	if (!e->data && s->repo->keep && is_kept(e))
		e->data = (char *)ssg_blobkeep_find(s->repo->keep, e->f.oid,
						    e->f.size);
	e->lent = e->data != NULL;
}

int ssg_snapshot_read(ssg_snapshot *s, const ssg_file *f, const char **data,
		      size_t *len, ssg_diags *d)
{
	*data = NULL;
	*len = 0;
	entry *e = find_entry(s, f->path);
	if (!e) {
		ssg_diags_env(d, "%s is not in this snapshot", f->path);
		return SSG_ERR_NOTFOUND;
	}
	if (!e->data)
		borrow(s, e);
	if (!e->data) {
		int rc = s->worktree ? read_file(s, e, d) : read_blob(s, e, d);
		if (rc != SSG_OK)
			return rc;
	}
	*data = e->data;
	*len = e->f.size;
	return SSG_OK;
}

/* ---- reading ahead ---- */

/* The blobs a prefetch inflates, in jobs of this many (pool.h). */
#define PREFETCH_CHUNK 64
/* Below this many blobs a second thread costs more than it saves. */
#define PREFETCH_MIN 512

typedef struct {
	entry **v; /* the entries to read, each by one job only */
	size_t n;
	git_repository *main;
} prefetch;

static bool prefetch_run(void *ctx, void *res, size_t k)
{
	prefetch *p = ctx;
	size_t to = (k + 1) * PREFETCH_CHUNK;
	for (size_t i = k * PREFETCH_CHUNK; i < p->n && i < to; i++) {
		bool bad;
		/* A failure is left for ssg_snapshot_read, which reports
		 * it where the file is read. */
		(void)blob_copy(res ? res : p->main, p->v[i], &bad);
	}
	return true;
}

static void *prefetch_repo(void *ctx)
{
	const prefetch *p = ctx;
	git_repository *g = NULL;
	if (git_repository_open_ext(&g, git_repository_path(p->main),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return NULL;
	return g;
}

static void prefetch_repo_free(void *g)
{
	git_repository_free(g);
}

void ssg_snapshot_prefetch(ssg_snapshot *s, const char *prefix)
{
	if (s->worktree)
		return;
	size_t np = strlen(prefix);
	prefetch p = {ssg_xcalloc(s->n ? s->n : 1, sizeof(entry *)), 0,
		      s->repo->git};
	for (size_t i = 0; i < s->n; i++) {
		entry *e = &s->v[i];
		if (e->data || strncmp(e->f.path, prefix, np) != 0 ||
		    e->f.size > SSG_REPO_MAX_FILE)
			continue;
		/* What a read would take from elsewhere, taken now: only
		 * the rest is inflated. */
		borrow(s, e);
		if (!e->data)
			p.v[p.n++] = e;
	}
	if (p.n >= PREFETCH_MIN) {
		ssg_pool_opts po = {(p.n + PREFETCH_CHUNK - 1) / PREFETCH_CHUNK,
				    2, &p, prefetch_run, prefetch_repo,
				    prefetch_repo_free};
		ssg_pool_finish(ssg_pool_start(&po), NULL);
	}
	free(p.v);
}

void ssg_snapshot_forget(ssg_snapshot *s, const ssg_file *f)
{
	entry *e = find_entry(s, f->path);
	if (!e || !e->data)
		return;
	if (!e->lent)
		free(e->data);
	e->data = NULL;
	e->lent = false;
}

/* ---- uncommitted changes ---- */

/* Past this many files, the rest are counted, not named. */
#define MAX_UNCOMMITTED 20

void ssg_repo_uncommitted(ssg_repo *r, ssg_diags *d)
{
	git_status_list *list = NULL;
	git_status_options opts;
	char *dirs[] = {"content/", "data/", "theme/"};
	if (git_repository_is_bare(r->git) ||
	    git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) < 0)
		return;
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX |
		     GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
	opts.pathspec.strings = dirs;
	opts.pathspec.count = sizeof(dirs) / sizeof(*dirs);
	/* A work tree never checked out (no index: a repository filled
	 * by fast-import, a clone with --no-checkout) is not being edited;
	 * every file would read as deleted. */
	git_index *idx = NULL;
	bool empty = git_repository_index(&idx, r->git) < 0 ||
		     git_index_entrycount(idx) == 0;
	git_index_free(idx);
	/* Not knowing is no reason to stop a build: nothing is said. */
	if (empty || git_status_list_new(&list, r->git, &opts) < 0)
		return;
	size_t n = git_status_list_entrycount(list), named = 0;
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *dd =
			e->index_to_workdir ? e->index_to_workdir
					    : e->head_to_index;
		if (!dd || e->status == GIT_STATUS_CURRENT ||
		    (e->status & GIT_STATUS_IGNORED))
			continue;
		const char *path = dd->new_file.path ? dd->new_file.path
						     : dd->old_file.path;
		if (named++ < MAX_UNCOMMITTED)
			ssg_diags_add(d, SSG_SEV_WARNING, path, 0, 0,
				      "not committed: the site is made from "
				      "the last commit, without this change; "
				      "commit it to publish it, or add "
				      "--worktree to preview it");
	}
	if (named > MAX_UNCOMMITTED)
		ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
			      "%zu more files under content/, data/ or theme/ "
			      "are not committed (git status lists them)",
			      named - MAX_UNCOMMITTED);
	git_status_list_free(list);
}

/* ---- tags ---- */

typedef struct {
	ssg_tag_info *v;
	size_t n, cap;
	git_repository *g;
	ssg_diags *d;
	int rc;
} tag_list;

static int tag_cb(const char *refname, git_oid *oid, void *payload)
{
	tag_list *l = payload;
	git_object *obj = NULL;
	git_object *target = NULL;
	static const char prefix[] = "refs/tags/";

	if (git_object_lookup(&obj, l->g, oid, GIT_OBJECT_ANY) < 0) {
		ssg_repo_fail(l->d, "cannot read tag %s", refname);
		l->rc = SSG_ERR_ENV;
		return 1;
	}
	if (!strncmp(refname, prefix, sizeof(prefix) - 1))
		refname += sizeof(prefix) - 1;
	/* A lightweight tag points at the commit itself: a clerk who made
	 * it meant a revision, and is told how to make one (contract
	 * section 3).  A tag of a tree or blob names no revision. */
	if (git_object_type(obj) == GIT_OBJECT_COMMIT)
		ssg_diags_add(l->d, SSG_SEV_WARNING, NULL, 0, 0,
			      "tag '%s' is not a revision: it was made without "
			      "-a; make it with git tag -a (git tag -f -a %s "
			      "-m \"TITLE OF THE REVISION\" %s)",
			      refname, refname, refname);
	if (git_object_type(obj) != GIT_OBJECT_TAG ||
	    git_object_peel(&target, obj, GIT_OBJECT_COMMIT) < 0)
		goto done;

	const git_tag *tag = (const git_tag *)obj;
	const git_signature *tagger = git_tag_tagger(tag);
	const char *msg = git_tag_message(tag);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = ssg_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	ssg_tag_info *t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	t->name = ssg_xstrdup(refname);
	git_oid_tostr(t->target, sizeof(t->target), git_object_id(target));
	if (tagger) {
		t->time = (long long)tagger->when.time;
		t->offset = tagger->when.offset;
	} else {
		const git_commit *c = (const git_commit *)target;
		t->time = (long long)git_commit_time(c);
		t->offset = git_commit_time_offset(c);
	}
	/* libgit2 reads no encoding header of a tag (git tag writes
	 * none): its message is taken as UTF-8. */
	t->message = clean_message(msg ? msg : "", NULL, true);
	t->summary = first_line(t->message);
done:
	git_object_free(target);
	git_object_free(obj);
	return 0;
}

static int tag_cmp(const void *a, const void *b)
{
	const ssg_tag_info *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

int ssg_repo_tags(ssg_repo *r, ssg_tag_info **tags, size_t *n, ssg_diags *d)
{
	tag_list l = {.g = r->git, .d = d, .rc = SSG_OK};

	*tags = NULL;
	*n = 0;
	int e = git_tag_foreach(r->git, tag_cb, &l);
	if (e < 0 && l.rc == SSG_OK) {
		ssg_repo_fail(d, "cannot list tags");
		l.rc = SSG_ERR_ENV;
	}
	if (l.rc != SSG_OK) {
		ssg_repo_tags_free(l.v, l.n);
		return l.rc;
	}
	if (l.n > 1)
		ssg_sort(l.v, l.n, sizeof(*l.v), tag_cmp);
	*tags = l.v;
	*n = l.n;
	return SSG_OK;
}

void ssg_repo_tag_clear(ssg_tag_info *t)
{
	free(t->name);
	free(t->message);
	free(t->summary);
	t->name = t->message = t->summary = NULL;
}

void ssg_repo_tags_free(ssg_tag_info *tags, size_t n)
{
	if (!tags)
		return;
	for (size_t i = 0; i < n; i++)
		ssg_repo_tag_clear(&tags[i]);
	free(tags);
}
