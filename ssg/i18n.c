#include "i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOMAIN "ssg"

#ifndef SSG_LOCALEDIR
#define SSG_LOCALEDIR "/usr/local/share/locale"
#endif

/* The locale named for messages, as setlocale reads it. */
static const char *wanted_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/* LANG=vi_VN.UTF-8 where vi_VN was never generated: setlocale fails and
 * glibc's gettext, in the "C" locale, ignores LANGUAGE and translates
 * nothing.  In C.UTF-8 it reads LANGUAGE, so the wanted locale's name goes
 * there (unless LANGUAGE already lists languages) and the catalogue is
 * found by the name alone.  C.UTF-8 is built into glibc since 2.35. */
static void fall_back(void)
{
	const char *want = wanted_locale();
	if (!want || strcmp(want, "C") == 0 || strcmp(want, "POSIX") == 0)
		return;
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	for (size_t i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++) {
		if (setlocale(LC_MESSAGES, utf8[i])) {
			const char *lang = getenv("LANGUAGE");
			if (!lang || !*lang)
				setenv("LANGUAGE", want, 1);
			return;
		}
	}
}

/* dir/sub when it is a directory: into buf, true. */
static bool dir_at(char *buf, size_t size, const char *dir, size_t dirlen,
		   const char *sub)
{
	struct stat st;
	int n = snprintf(buf, size, "%.*s%s", (int)dirlen, dir, sub);
	return n > 0 && (size_t)n < size && stat(buf, &st) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* Where the catalogue is: build/locale beside build/ssg in a build tree;
 * PREFIX/share/locale beside PREFIX/bin/ssg when installed, wherever
 * PREFIX was moved to; else where `make install` put it. */
static void bind_catalogue(void)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		size_t len = slash ? (size_t)(slash - exe) : 0;
		if (slash && (dir_at(dir, sizeof(dir), exe, len, "/locale") ||
			      dir_at(dir, sizeof(dir), exe, len,
				     "/../share/locale"))) {
			bindtextdomain(DOMAIN, dir);
			return;
		}
	}
	bindtextdomain(DOMAIN, SSG_LOCALEDIR);
}

void ssg_i18n_init(void)
{
	/* Messages only: LC_NUMERIC, LC_CTYPE, LC_TIME and LC_COLLATE stay
	 * "C", so printf, strtod, ctype, strftime and sorting give the same
	 * bytes whatever the locale. */
	if (!setlocale(LC_MESSAGES, ""))
		fall_back();
	bind_catalogue();
	/* Translations in UTF-8, as everything ssg writes, even though
	 * LC_CTYPE stays "C" (whose ASCII would turn every Vietnamese
	 * letter into '?'). */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	/* And the C library's own, that strerror reads: "Không đủ quyền
	 * truy cập", not "Kh?ng ?? quy?n truy c?p". */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(DOMAIN);
}

const char *ssg_i18n_text(const char *msgid)
{
	/* gettext("") is the catalogue's header, not a translation. */
	return *msgid ? dgettext(DOMAIN, msgid) : msgid;
}

const char *ssg_i18n_plural(const char *one, const char *many,
			    unsigned long n)
{
	return dngettext(DOMAIN, one, many, n);
}
