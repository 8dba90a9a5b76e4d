/*
 * replay — runs files through one harness without libFuzzer, so `make
 * test` (built with the ordinary compiler) replays every corpus file and
 * each crash ever found stays fixed.  Arguments are files or directories
 * (one level).  Prints "replay NAME: N inputs".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			unsigned char *nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	/* An exact-size copy, so ASan sees a read past the end. */
	unsigned char *exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	size_t n = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc |= run_file(argv[i]) != 0;
			n++;
			continue;
		}
		DIR *dir = opendir(argv[i]);
		if (!dir) {
			perror(argv[i]);
			return 1;
		}
		char **names = NULL;
		size_t nn = 0;
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			size_t len = strlen(argv[i]) + strlen(de->d_name) + 2;
			char *p = malloc(len);
			char **nv = realloc(names, (nn + 1) * sizeof(*names));
			if (!p || !nv) {
				fprintf(stderr, "out of memory\n");
				return 1;
			}
			names = nv;
			snprintf(p, len, "%s/%s", argv[i], de->d_name);
			names[nn++] = p;
		}
		closedir(dir);
		qsort(names, nn, sizeof(*names), name_cmp);
		for (size_t k = 0; k < nn; k++) {
			rc |= run_file(names[k]) != 0;
			n++;
			free(names[k]);
		}
		free(names);
	}
	const char *name = strrchr(argv[0], '/');
	printf("%s: %zu inputs\n", name ? name + 1 : argv[0], n);
	return rc;
}
