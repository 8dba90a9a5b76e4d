/*
 * titles — the words a reader sees for a table and its columns at a
 * commit (contract sections 3 and 5): the titles of data/datapackage.json
 * as it stood at that commit, else the contract's (fields.h), else the
 * name.  The site's pages (hview.c), `ssg history` and `ssg diff` read
 * them here, so that the terminal says what the site says.
 *
 * A set of titles holds the versions of the package, each read once;
 * it lends every string it returns until ssg_titles_free.  Read-only
 * once made: safe to share between threads.
 */
#ifndef SSG_TITLES_H
#define SSG_TITLES_H

#include <stddef.h>

#include "history.h"
#include "package.h"

typedef struct ssg_titles ssg_titles;

/* Every version of data/datapackage.json the history h met (at
 * ssg_history_package), each blob read and parsed once.  A version that
 * cannot be read or parsed gives no titles, quietly: only the built
 * revision must be valid, and ssg check says so there.  Never NULL. */
ssg_titles *ssg_titles_of_history(const ssg_history *h);
/* One version for every commit: the package in data[0..len) (data NULL,
 * or not a package: none), as one revision has it (`ssg diff`).  Never
 * NULL. */
ssg_titles *ssg_titles_of_package(const char *data, size_t len);
void ssg_titles_free(ssg_titles *t); /* accepts NULL */

/* The package in force at commit `commit` (its last version at or
 * before it), or NULL; t may be NULL. */
const ssg_package *ssg_titles_package(const ssg_titles *t, size_t commit);

/* The title of column `col` of table `table` at commit `commit`: the
 * package's then, else fields.h's, else col itself; t may be NULL (no
 * package).  "" for a NULL col. */
const char *ssg_titles_column(const ssg_titles *t, const char *table,
			      const char *col, size_t commit);
/* The title of table `table` at commit `commit`, likewise: "Các chỉ
 * tiêu năm 2024", else "Các chỉ tiêu", else "indicators". */
const char *ssg_titles_table(const ssg_titles *t, const char *table,
			     size_t commit);

#endif
