/*
 * stop — SIGINT, SIGTERM and SIGHUP during a command.
 *
 * A build that is stopped leaves OUT as it was and, where it can, nothing
 * of its own behind.  The handler does only what is async-signal-safe:
 * when the command holds nothing that would stay behind (no temporary
 * tree or file exists: ssg_stop_hold), it ends the process at once with
 * _exit(128 + the signal); otherwise it records the signal, the writer
 * (out.h) and the archive fail their next step, and the command unwinds
 * through its usual error path, which removes what it made; main then
 * exits with 128 + the signal.  A second signal ends the process at once:
 * what it leaves is swept by the next build (ssg_outdir_sweep), since every
 * temporary tree is marked and locked while in use.
 *
 * All calls are thread-safe.  `ssg serve` does not install the handler: it
 * waits for the signals itself and stops between builds.
 */
#ifndef SSG_STOP_H
#define SSG_STOP_H

/* Installs the handler for SIGINT, SIGTERM and SIGHUP. */
void ssg_stop_install(void);
/* Something that a stop would leave behind exists from now (hold) or no
 * longer (release); holds nest. */
void ssg_stop_hold(void);
void ssg_stop_release(void);
/* The signal received while something was held, or 0. */
int ssg_stop_signal(void);

/* For the fault tests (tests/faults): when the environment variable
 * SSG_TEST_STOP_AT names this point ("publish"; "write:40" for the 40th
 * time it is reached), the process stops itself there (SIGSTOP), so that
 * a test can kill it at that very moment, or let it go on (SIGCONT).
 * The points are the progress phases (progress.h), "write" (a file of
 * the site, out.h), "swap" (just before the new site goes live) and
 * "store" (a file of .git/ssg half written, store.h).
 * Unset, a point costs a comparison. */
void ssg_stop_point(const char *name);

#endif
