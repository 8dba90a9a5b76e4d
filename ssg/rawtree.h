/*
 * rawtree — a git tree object read from its bytes, for the tree pass of
 * the history walk (history_trees.c), and what differs between two.
 *
 * A province adds a post in one commit out of four: each such commit's
 * content/posts/ is a tree of thousands of entries, one more than its
 * parent's.  libgit2 parses every entry of both (and the pass compared
 * them all) to find the one that changed.  Here a tree is its bytes and
 * the offsets of its entries; the offsets of a tree read after another
 * (a commit's tree after its parent's) are taken from that one's where
 * their bytes are the same, at their beginning and at their end, and
 * only the entries in between are parsed.  Those are also the only ones
 * two trees differ in: the pass compares them alone.
 *
 * A tree is one thread's: it is counted, not locked.
 */
#ifndef SSG_RAWTREE_H
#define SSG_RAWTREE_H

#include <stdbool.h>
#include <stddef.h>

#include <git2.h>

typedef struct ssg_rawtree ssg_rawtree;

typedef struct {
	const char *name; /* not NUL-terminated in the tree: nlen bytes */
	size_t nlen;
	unsigned mode;          /* octal, as git writes it: 040000 a tree */
	const unsigned char *id; /* 20 bytes */
} ssg_rawtree_entry;

/* Tree `id` read through odb; NULL when it cannot be read or is not a
 * tree.  Its entries are parsed when first asked for. */
ssg_rawtree *ssg_rawtree_read(git_odb *odb, const git_oid *id);
/* One more owner of t. */
ssg_rawtree *ssg_rawtree_dup(ssg_rawtree *t);
void ssg_rawtree_free(ssg_rawtree *t); /* accepts NULL */
const git_oid *ssg_rawtree_id(const ssg_rawtree *t);

/* Its entries, parsed (the whole tree, when no other gave them);
 * false when its bytes are not a well-formed tree. */
bool ssg_rawtree_parse(ssg_rawtree *t);
size_t ssg_rawtree_count(const ssg_rawtree *t); /* once parsed */
/* Entry i < count of a parsed tree. */
void ssg_rawtree_entry_at(const ssg_rawtree *t, size_t i,
			  ssg_rawtree_entry *e);

/* The entries in which a and b may differ: a's [*from, *a_to) and b's
 * [*from, *b_to); those before *from are the same in both (same names,
 * modes and ids, in the same order), as are a's from *a_to and b's from
 * *b_to, one for one.  Either may be NULL, a side with no tree: the
 * other's entries are then all in the window.  Parses both as needed,
 * b from a's offsets where their bytes are the same.  False when either
 * is not a well-formed tree. */
bool ssg_rawtree_window(ssg_rawtree *a, ssg_rawtree *b, size_t *from,
			size_t *a_to, size_t *b_to);

/* Git's order of two entries: by name, a tree's as if it ended in '/'. */
int ssg_rawtree_cmp(const ssg_rawtree_entry *x, const ssg_rawtree_entry *y);
bool ssg_rawtree_is_tree(const ssg_rawtree_entry *e);
bool ssg_rawtree_is_file(const ssg_rawtree_entry *e);

#endif
