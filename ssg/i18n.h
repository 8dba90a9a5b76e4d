/*
 * i18n — the language of what ssg says on the command line.  The only
 * gettext user.
 *
 * Messages are written in English in the source and translated through
 * gettext (domain "ssg", po/vi.po): Vietnamese when the locale says so
 * (LC_ALL, LC_MESSAGES, LANG, and LANGUAGE as gettext reads it), English
 * otherwise.  Diagnostics are translated centrally, by ssg_diags_vadd
 * (err.c), so that a module only passes its English format; what main.c,
 * progress, review and serve print goes through _().
 *
 * Only the language of messages follows the locale.  ssg_i18n_init sets
 * LC_MESSAGES alone, never LC_NUMERIC, LC_CTYPE, LC_COLLATE or LC_TIME,
 * so a number, a date, a sort or a byte of the site never depends on the
 * locale; translations are always handed out in UTF-8.
 *
 * A clerk's machine may say LANG=vi_VN.UTF-8 without that locale having
 * been generated: setlocale fails, the locale stays "C", and gettext then
 * translates nothing.  ssg_i18n_init falls back to C.UTF-8 for messages
 * and names the wanted language to gettext through LANGUAGE, so the
 * messages are Vietnamese all the same.
 */
#ifndef SSG_I18N_H
#define SSG_I18N_H

#if defined(__GNUC__)
#define SSG_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define SSG_FORMAT_ARG(n)
#endif

/* Chooses the language from the environment and finds the catalogue:
 * locale/ beside the executable in a build tree (build/locale next to
 * build/ssg, found through /proc/self/exe), ../share/locale from it when
 * installed (PREFIX/bin/ssg, wherever PREFIX is), else SSG_LOCALEDIR,
 * where `make install` puts it ($(PREFIX)/share/locale).  Call once,
 * first thing in main, before any thread starts (it may set LANGUAGE).
 * Without it (unit tests) every message stays English. */
void ssg_i18n_init(void);

/* The translation of msgid, or msgid itself; never NULL, never to be
 * freed.  A format keeps its conversions (msgfmt -c checks them). */
const char *ssg_i18n_text(const char *msgid) SSG_FORMAT_ARG(1);

/* The translation of a message with a count: one for n == 1 in English.
 * (Vietnamese has one form.) */
const char *ssg_i18n_plural(const char *one, const char *many,
			    unsigned long n) SSG_FORMAT_ARG(1)
	SSG_FORMAT_ARG(2);

/* _("...") translates at the call; N_("...") only marks a string for
 * xgettext, for tables translated where they are printed. */
#define _(s) ssg_i18n_text(s)
#define N_(s) s

#endif
