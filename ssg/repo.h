/*
 * repo — the files of a plan at one revision, read from git objects.
 * The only libgit2 user besides history.
 *
 * A snapshot lists every file under content/, data/ and theme/ of a
 * commit's tree (or of the work tree, for --worktree and serve), sorted by
 * path, and reads their bytes on demand.  Symbolic links and submodules
 * are refused with a diagnostic at their path: content never leads
 * outside the repository.
 */
#ifndef SSG_REPO_H
#define SSG_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define SSG_REPO_MAX_FILE (64u * 1024 * 1024)

typedef struct ssg_repo ssg_repo;
typedef struct ssg_snapshot ssg_snapshot;
typedef struct ssg_blobs ssg_blobs;

typedef struct {
	const char *path; /* "content/01-muc-dich.md" */
	char oid[41];     /* blob id in hex; all zero bytes ("") for work-tree
			     files */
	size_t size;
} ssg_file;

typedef struct {
	char oid[41];
	char short_oid[8]; /* first 7 hex digits */
	long long time;    /* committer time, seconds since the epoch */
	int offset;        /* committer's offset from UTC, minutes */
	const char *author;
	const char *email;
	const char *message; /* whole message, without trailing newlines */
	const char *summary; /* first line */
} ssg_commit_info;

/* An annotated tag: one of the plan's official revisions. */
typedef struct {
	char *name;       /* "v1", without "refs/tags/" */
	char target[41];  /* the commit it tags (peeled), in hex */
	long long time;   /* tagger time (the commit's when there is none) */
	int offset;       /* tagger's offset from UTC, minutes */
	char *message;    /* without signature and trailing newlines */
	char *summary;    /* first line */
} ssg_tag_info;

/* Opens the repository at `path` (its work tree or .git directory).
 * Not a repository → environment diagnostic. */
int ssg_repo_open(ssg_repo **out, const char *path, ssg_diags *d) SSG_WUR;
void ssg_repo_free(ssg_repo *r); /* accepts NULL */
/* Pack files mapped in wide windows (true) for a read of many objects
 * spread over a pack, then narrow again (false): narrow windows keep the
 * resident size low, and the windows beyond the narrow bound are
 * unmapped at the next read.  Process-wide (libgit2's settings): call it
 * only while no other thread reads objects. */
void ssg_repo_windows_wide(bool wide);
/* Makes a new, empty repository at `path` (created if missing), its
 * branch `main`; an existing repository there is an environment
 * error. */
int ssg_repo_init(const char *path, ssg_diags *d) SSG_WUR;
/* The same repository opened again, for another thread: a libgit2
 * repository object may be used by one thread at a time.  The object
 * database was checked when r was opened. */
int ssg_repo_reopen(const ssg_repo *r, ssg_repo **out, ssg_diags *d) SSG_WUR;
const char *ssg_repo_gitdir(const ssg_repo *r); /* ends with '/' */
/* The message of libgit2's last error on this thread, never NULL. */
const char *ssg_repo_git_error(void);
/* An environment error from the last libgit2 failure: fmt's sentence
 * (translated), what the failure means to the person who runs ssg and
 * what to do, and libgit2's own words in parentheses. */
void ssg_repo_fail(ssg_diags *d, const char *fmt, ...) SSG_PRINTF(2, 3);
const char *ssg_repo_workdir(const ssg_repo *r); /* NULL when bare */
/* A shallow clone lists and reads its commits like any other; only its
 * history ends early. */
bool ssg_repo_is_shallow(const ssg_repo *r);

/* Every annotated tag that leads to a commit, ordered by tagger time, then
 * name; lightweight tags are not revisions and are left out, each with a
 * warning saying how to make it one.  The array is the caller's
 * (ssg_repo_tags_free). */
int ssg_repo_tags(ssg_repo *r, ssg_tag_info **tags, size_t *n,
		  ssg_diags *d) SSG_WUR;
void ssg_repo_tags_free(ssg_tag_info *tags, size_t n); /* accepts NULL */
/* Frees what one element owns, leaving it empty; the array stays the
 * caller's (for dropping an element from a list in place). */
void ssg_repo_tag_clear(ssg_tag_info *t);

/* The tree of commit `rev` (any revision git understands; NULL = HEAD).
 * Unknown revision or empty repository → environment diagnostic.  A
 * symbolic link or submodule is a content diagnostic at its path; the
 * other files are still listed, *out is set and SSG_ERR_CONTENT is
 * returned.  A snapshot reads through its repository: free it before
 * the repository. */
int ssg_repo_snapshot(ssg_repo *r, const char *rev, ssg_snapshot **out,
		      ssg_diags *d) SSG_WUR;
/* The files of the work tree as they are on disk (tracked or not, minus
 * what .gitignore ignores, and dot files); commit info is HEAD's, if
 * any.  Symbolic links are refused as in ssg_repo_snapshot. */
int ssg_repo_worktree(ssg_repo *r, ssg_snapshot **out, ssg_diags *d) SSG_WUR;
void ssg_snapshot_free(ssg_snapshot *s); /* accepts NULL */
/* A warning at each file under content/, data/ or theme/ of the work
 * tree that differs from HEAD (changed, new, deleted, staged or not,
 * minus what .gitignore ignores): a build of HEAD leaves it out.  Says
 * nothing for a bare repository or when the status cannot be read. */
void ssg_repo_uncommitted(ssg_repo *r, ssg_diags *d);

size_t ssg_snapshot_count(const ssg_snapshot *s);
const ssg_file *ssg_snapshot_file(const ssg_snapshot *s, size_t i);
const ssg_file *ssg_snapshot_find(const ssg_snapshot *s, const char *path);
bool ssg_snapshot_is_worktree(const ssg_snapshot *s);
/* NULL for a work tree of a repository without commits. */
const ssg_commit_info *ssg_snapshot_commit(const ssg_snapshot *s);

/* The bytes of content/'s files an earlier build kept (blobkeep.h),
 * read once: the snapshots of r then take a page from there instead of
 * inflating it. */
void ssg_repo_keep_read(ssg_repo *r);
/* Keeps the bytes of content/'s files s has read so far for the next
 * build, when r read what was kept and that is not just those; nothing
 * for a work tree.  Which files is taken now; the file is written on a
 * thread of its own (13 MB on a province, once the last step of a cold
 * build), from bytes no one changes: s and its repository must stay
 * until ssg_snapshot_keep_end, and no other thread may be reading a
 * page of s for the first time meanwhile (the plan reads them all
 * first).  NULL when there is nothing to keep. */
typedef struct ssg_snapshot_keeper ssg_snapshot_keeper;
ssg_snapshot_keeper *ssg_snapshot_keep_start(const ssg_snapshot *s);
/* Waits for the file and frees k; accepts NULL. */
void ssg_snapshot_keep_end(ssg_snapshot_keeper *k);

/* Bytes of a file, lent until the snapshot is freed, with a NUL after
 * the last one; read once and cached.  Larger than
 * SSG_REPO_MAX_FILE → content diagnostic, SSG_ERR_LIMIT. */
int ssg_snapshot_read(ssg_snapshot *s, const ssg_file *f, const char **data,
		      size_t *len, ssg_diags *d) SSG_WUR;

/* Reads ahead, on a second core, the blobs of the files whose path
 * starts with `prefix` that ssg_snapshot_read would inflate, when there
 * are enough of them to be worth it (a cold build's content/); what
 * cannot be read is left for ssg_snapshot_read to report.  Nothing for
 * a work tree.  Not to be called while another thread reads s. */
void ssg_snapshot_prefetch(ssg_snapshot *s, const char *prefix);

/* Gives back the bytes of f read so far (its own; borrowed ones are
 * only let go), for a reader done with them: a later read reads them
 * again.  Only for bytes nothing else holds: those of a snapshot no
 * ssg_blobs lends from, read by one reader. */
void ssg_snapshot_forget(ssg_snapshot *s, const ssg_file *f);

/* The bytes snapshot s has read so far, by blob id, for other snapshots
 * (and history readers) to borrow instead of reading their own copy: a
 * revision copy holds mostly the posts of the built revision.  Made once, then read-only
 * (any thread); s must outlive it and every borrower, and goes on as
 * before (what it reads later is not in it).  Empty for a work tree. */
ssg_blobs *ssg_blobs_new(const ssg_snapshot *s);
void ssg_blobs_free(ssg_blobs *b); /* accepts NULL */
/* The bytes of blob `oid` (hex) in b, NUL-terminated, and their number
 * in *size (when not NULL); NULL when b (may be NULL) has none. */
const char *ssg_blobs_find(const ssg_blobs *b, const char *oid,
			   size_t *size);
/* s reads a blob from b when b has its id (b NULL: no more). */
void ssg_snapshot_lender(ssg_snapshot *s, const ssg_blobs *b);

#endif
