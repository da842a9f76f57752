/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the unit tests (beside tap.h): shell commands, the
 * temporary directory, and a program's main run in-process with its
 * output captured. */
#ifndef KILN_TEST_UTIL_H
#define KILN_TEST_UTIL_H

#include "../lib/buf.h"

#include <stdarg.h>
#include <stddef.h>

/* system() of the formatted command: its exit status, or -1. */
int t_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Makes a fresh directory "$TEST_TMPDIR/<name>-XXXXXX" (TEST_TMPDIR
 * defaults to /tmp and is made if missing) in dir[0..n). Returns 0, or
 * -1 after printing "Bail out!". */
int t_tmpdir(char *dir, size_t n, const char *name);
/* Appends the char * arguments of ap, up to a NULL, to argv[0..argc)
 * (at most max - 1 in all) and NULL-terminates it. Returns the new argc. */
int t_argv(char **argv, int argc, int max, va_list ap);
/* Runs main_fn(argc, argv) with stdout and stderr going to files in dir,
 * read back into out and err. Returns main_fn's result. */
int t_capture(int (*main_fn)(int, char **), int argc, char **argv, const char *dir,
	      struct kbuf *out, struct kbuf *err);
/* The file's contents (a static buffer), or "<missing>". */
char *t_slurp(const char *path);

#endif
