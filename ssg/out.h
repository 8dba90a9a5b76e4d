/*
 * out — the only writer to disk.
 *
 * A build writes into a directory beside OUT and, when complete, swaps it
 * into place in one rename (renameat2 RENAME_EXCHANGE where the kernel has
 * it), so a reader or a failed build never sees a half site.  The site it
 * replaces is kept beside OUT as ".NAME.ssg-prev" (NAME being OUT's last
 * component) and is where the next build writes: only files whose bytes
 * changed are written again (in their own inode once the twin has been
 * out of service for two minutes, through a rename before), and files no
 * longer written are deleted.
 * The trees themselves (their marker, the temporary trees beside OUT and
 * their sweep, removal, the exchange) are outdir's (outdir.h).
 * Paths are relative, '/'-separated, and may not be empty, absolute, or
 * contain "." or ".." segments: nothing is written outside OUT.  Files are
 * written 0644 and directories 0755 whatever the umask.
 */
#ifndef SSG_OUT_H
#define SSG_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h> /* off_t */

#include "err.h"
#include "outdir.h" /* SSG_OUT_MARKER, at the top of every site */

typedef struct ssg_out ssg_out;
struct ssg_pagekeys; /* pagekeys.h */

/* What a file of a tree is on disk, to know it unchanged since it was
 * written: its inode, size and time of change.  A file rewritten in its
 * inode, replaced by another or touched has another stamp. */
typedef struct {
	unsigned long long ino, size;
	long long sec;
	long nsec;
} ssg_out_stamp;

/* What a look at a file of the twin found before the build began
 * (ssg_out_look_at): whether it had the stamp recorded and its directory
 * was a real one of mode 0755, with that directory's inode and time of
 * change.  24 bytes: one per page kept. */
enum { SSG_OUT_LOOK_FILE = 1, SSG_OUT_LOOK_DIR = 2 };
typedef struct {
	unsigned long long dir_ino;
	long long dir_sec;
	int dir_nsec;
	unsigned char found; /* SSG_OUT_LOOK_* */
} ssg_out_look;

/* A tree, by its directory's device and inode: the name of a tree
 * changes (OUT and its twin swap them), its inode does not. */
typedef struct {
	unsigned long long dev, ino;
} ssg_out_tree;

/* OUT may not exist yet; if it exists it must be a directory.  Fails
 * with an environment diagnostic when OUT is a file or a symbolic link,
 * is not empty and holds no SSG_OUT_MARKER, or its parent is not
 * writable. */
int ssg_out_begin(ssg_out **out, const char *dir, ssg_diags *d) SSG_WUR;
/* OUT's twin, opened and locked for this build long before it begins
 * (so that no other build writes in it meanwhile, and the twin's files
 * can be looked at while the site is loaded: ssg_out_look_at); -1 when
 * there is none of ours free.  ssg_out_begin_twin then builds in it
 * (twin -1: as ssg_out_begin), and closes it whatever it returns. */
int ssg_out_twin_lock(const char *dir);
int ssg_out_begin_twin(ssg_out **out, const char *dir, int twin,
		       ssg_diags *d) SSG_WUR;
/* May be called from several threads at once (each with its own d). */
int ssg_out_write(ssg_out *o, const char *relpath, const void *data,
		  size_t len, ssg_diags *d) SSG_WUR;
/* ssg_out_write, and the stamp of the file it leaves in the tree being
 * built in *st. */
int ssg_out_write_stamp(ssg_out *o, const char *relpath, const void *data,
			size_t len, ssg_out_stamp *st, ssg_diags *d) SSG_WUR;
/* The tree being built, and OUT as it is now (false when there is no
 * OUT of ours yet). */
ssg_out_tree ssg_out_built(const ssg_out *o);
bool ssg_out_live(const ssg_out *o, ssg_out_tree *t);
/* Takes relpath as it is, instead of writing it: kept where it is in the
 * tree being built when that file has the stamp `here`, or else linked
 * from OUT (a second name of its inode, through a rename, so that no
 * reader sees a torn file) when OUT's file has the stamp `live`.  Either
 * may be NULL.  *done false: nothing was taken (no such file, or not as
 * it was: written since, by hand or by a failed build), and the caller
 * writes it.  *got is then the stamp of the file taken.  A file of the
 * tree with a second name is never overwritten in place (out.c), so OUT
 * stays as it was whatever the next build writes.  `look` (may be NULL)
 * is what ssg_out_look_at found of here's file: it is then taken, or
 * not, without looking again. */
int ssg_out_reuse(ssg_out *o, const char *relpath, const ssg_out_stamp *here,
		  const ssg_out_look *look, const ssg_out_stamp *live,
		  ssg_out_stamp *got, bool *done, ssg_diags *d) SSG_WUR;
/* Looks at the file at `path` of the twin open at tree_fd (locked by
 * ssg_out_twin_lock: no other build writes in it) and at its directory,
 * for ssg_out_reuse to take it if it has the stamp rec, on another
 * thread while the site is loaded (a file changed by hand meanwhile is
 * as one changed after the build took it).  Calls no lock of o. */
void ssg_out_look_at(int tree_fd, const char *path, const ssg_out_stamp *rec,
		     ssg_out_look *look);
/* relpath, of o, as a path of the whole tree (o's base, "" for OUT's,
 * "changes/" or "revisions/x/site/" for a sub-tree's, before it), in b,
 * cleared first; returns b's text. */
const char *ssg_out_whole(const ssg_out *o, const char *relpath, ssg_buf *b);
/* Files written to disk so far (a file that held the bytes already, or
 * was taken, is not), by this tree and its sub-trees. */
size_t ssg_out_nwritten(const ssg_out *o);
/* The keys of what the trees hold (pagekeys.h), lent to every writer of
 * the site through its ssg_out (NULL: none); a sub-tree answers its
 * parent's. */
void ssg_out_set_keys(ssg_out *o, struct ssg_pagekeys *k);
struct ssg_pagekeys *ssg_out_keys(const ssg_out *o);
/* The repository's store (store.h) for the records of the directories
 * of the trees (outset.h): with them a rebuild reads no directory it
 * finds as the last build of its tree left it.  The top tree only. */
void ssg_out_set_store(ssg_out *o, const char *gitdir);
/* A file written in pieces (one that would be large to hold whole): open,
 * put, close.  The pieces, however small, are gathered and go to a
 * temporary file, written without the lock of ssg_out_write; the close
 * puts it in place, or drops it when the kept twin already holds the same
 * bytes, so it is as if written whole.
 * A failed write is reported by the close.  Close with keep false (after
 * a failure elsewhere) drops the file; close accepts NULL. */
typedef struct ssg_out_file ssg_out_file;
int ssg_out_open(ssg_out *o, const char *relpath, ssg_out_file **f,
		 ssg_diags *d) SSG_WUR;
/* ssg_out_open for a file that begins as an earlier build left it (a
 * log that only grows): the new file starts with the bytes of relpath in
 * the tree being built when that file has the stamp `here`, or else in
 * OUT when OUT's has the stamp `live` (either may be NULL), and what is
 * put goes after them.  *taken false: it starts empty (no such file, or
 * not as it was). */
int ssg_out_open_from(ssg_out *o, const char *relpath,
		      const ssg_out_stamp *here, const ssg_out_stamp *live,
		      ssg_out_file **f, bool *taken, ssg_diags *d) SSG_WUR;
/* The same file grown where it is, its old bytes not copied: relpath of
 * the tree being built when it has the stamp `here`, no second name (OUT's
 * file is another inode) and the tree has been out of service long
 * enough to be written in place.  *taken false: none such, and f is
 * NULL.  A close with keep false cuts it back to its old bytes. */
int ssg_out_open_grow(ssg_out *o, const char *relpath,
		      const ssg_out_stamp *here, ssg_out_file **f,
		      bool *taken, ssg_diags *d) SSG_WUR;
/* Offers relpath, written whole by this build and closed, as the start
 * of other files of the tree: its first marks[i] bytes, i < nmarks, are
 * what a file made from `of` (the caller's token of what decides those
 * bytes) up to its mark i holds.  From any thread, as the others build. */
void ssg_out_offer(ssg_out *o, const char *relpath, const void *of,
		   const off_t *marks, size_t nmarks);
/* Starts f, just opened and empty, with the bytes up to mark `mark` of
 * a file offered as made from `of` (copied by the kernel); what is put
 * goes after them; *bytes is how many.  False when none is offered yet,
 * or the copy failed: f is then empty as before. */
bool ssg_out_start_with(ssg_out *o, ssg_out_file *f, const void *of,
			size_t mark, size_t *bytes);
void ssg_out_put(ssg_out_file *f, const void *data, size_t len);
int ssg_out_close(ssg_out *o, ssg_out_file *f, bool keep,
		  ssg_diags *d) SSG_WUR;
/* ssg_out_close, and the stamp of the file it leaves in the tree being
 * built in *st (one that matches no file when it left none). */
int ssg_out_close_stamp(ssg_out *o, ssg_out_file *f, bool keep,
			ssg_out_stamp *st, ssg_diags *d) SSG_WUR;
/* A sub-tree at `dir` ("revisions/x/site/", made now), written through
 * its own cursor and lock: a thread that writes only there does not wait
 * for the others (the kernel makes files in two directories at once).
 * *sub takes ssg_out_write and ssg_out_open like OUT, with paths in it;
 * ssg_out_free(sub), before the parent's commit, hands what it wrote to
 * the parent.  Nothing else may write under dir meanwhile. */
int ssg_out_sub_begin(ssg_out *o, const char *dir, ssg_out **sub,
		      ssg_diags *d) SSG_WUR;
/* The manifest of everything under dir ("revisions/x/site/") in the
 * tree being built, as it is on disk now (outdir.h), appended to m; and
 * whether it is still as manifest m (len bytes) says: nothing under dir
 * written, added, removed or changed in between, by a build or by hand.
 * False when dir is not a directory there (a fresh tree has none).  Any
 * thread may ask while nothing writes under dir. */
bool ssg_out_manifest(ssg_out *o, const char *dir, ssg_buf *m);
bool ssg_out_check(ssg_out *o, const char *dir, const char *m, size_t len);
/* Keeps dir as an earlier build left it in the tree being built (the
 * twin): nothing is written under it and the commit removes nothing
 * from it.  Environment error when dir is not there. */
int ssg_out_keep(ssg_out *o, const char *dir, ssg_diags *d) SSG_WUR;
/* Completes the new site before it goes live: removes what earlier
 * builds wrote there and this one did not, and flushes the file system
 * it is on to disk (syncfs), so that a site in place survives a power
 * cut.  *tree (when tree is not NULL) is then the directory that holds
 * it, to be read (by the archive) until the commit; nothing may write
 * there any more. */
int ssg_out_finish(ssg_out *o, const char **tree, ssg_diags *d) SSG_WUR;
/* Finishes the site if that is not done, then moves it into place in one
 * rename and flushes OUT's parent directory, so that a build that
 * returns SSG_OK has its files and its name on disk; the old site
 * becomes the kept twin (or is removed when the twin's place holds a
 * directory ssg did not write).  After a signal (stop.h) it fails before
 * the rename, leaving OUT as it was. */
int ssg_out_commit(ssg_out *o, ssg_diags *d) SSG_WUR;
/* If not committed: removes the unfinished new site, or leaves the twin
 * half updated (it is never live; the next build corrects it).  Accepts
 * NULL. */
void ssg_out_free(ssg_out *o);

#endif
