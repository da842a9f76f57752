/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The compiler wrapper's logic, free of I/O so that the unit tests and
 * the fuzz target can drive it: what it adds to a command line and
 * which host paths it refuses. main.c does the environment and exec. */
#ifndef KILN_WRAPPER_H
#define KILN_WRAPPER_H

#include "../../support/kiln-tools/lib/buf.h"

#include <stddef.h>

/* Everything that decides the final command line. Strings may be NULL
 * or "" for "not set". */
struct wrap_cfg {
	const char *real;      /* the real compiler, absolute */
	const char *launcher;  /* ccache, distcc, ... put in front, or NULL */
	const char *sysroot;   /* always passed as --sysroot */
	const char *host_dir;  /* mapped to /kiln/host, and safe to name */
	const char *build_dir; /* mapped to /kiln/build, and safe to name */
	const char *cpu, *arch, *abi, *fpu, *float_abi;
	int unsafe_warn; /* 1: report unsafe paths but go on */
};

/* The final command line: argv[0..argc) plus a NULL, malloc'd strings. */
struct wrap_argv {
	char **argv;
	size_t argc, cap;
};

void wrap_argv_push(struct wrap_argv *a, const char *s);
void wrap_argv_pushf(struct wrap_argv *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wrap_argv_free(struct wrap_argv *a);

/* The flags the user's command line already sets, so the configured
 * ones are not added on top of them. */
struct wrap_seen {
	int cpu_group; /* -mcpu=, -march= or -mtune= */
	int abi, fpu, float_abi;
};

/* One unsafe path found on the command line. */
struct wrap_unsafe {
	size_t index;     /* argv index of the option */
	const char *flag; /* the option, e.g. "-I", "-Wl,-L", "--sysroot" */
	const char *path; /* the path as given (points into argv) */
	size_t pathlen;
	const char *prefix; /* the host directory it falls into */
};

/* The host directory (e.g. "/usr/include") path falls into, or NULL.
 * path[0..n) is compared after removing "//", "/./" and resolving ".."
 * lexically. Paths inside cfg's host_dir or build_dir are safe. */
const char *wrap_unsafe_prefix(const struct wrap_cfg *cfg, const char *path, size_t n);

/* Lexical normalisation of path[0..n) into out, as an absolute path
 * (out must hold n + 2 bytes; an absolute path never grows). Returns
 * the new length. */
size_t wrap_normalize(const char *path, size_t n, char *out);

/* Scans the user's arguments argv[1..argc): fills *seen, and returns
 * the number of unsafe paths, storing up to max of them in bad. */
size_t wrap_scan(const struct wrap_cfg *cfg, int argc, char *const argv[], struct wrap_seen *seen,
		 struct wrap_unsafe *bad, size_t max);

/* Builds the real command line for argv[1..argc) into out. */
void wrap_build(const struct wrap_cfg *cfg, const struct wrap_seen *seen, int argc, char *const argv[],
		struct wrap_argv *out);

/* "-I /usr/include" style text for messages, into b. */
void wrap_describe(const struct wrap_unsafe *u, struct kbuf *b);

#endif
