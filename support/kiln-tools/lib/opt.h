/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Command-line options through getopt_long, strictly: one token at a
 * time and in order, exact long names only (no abbreviations), no
 * grouped or attached short options ("-hv", "-dFILE"), as the helpers
 * have always parsed them. kiln-pkgdir, kiln-rpath and kiln-makedevs
 * use it. The two wrappers, kiln-pkg-config and toolchain-wrapper, pass
 * their arguments on to pkgconf and the compiler untouched and take
 * none of their own but --kiln-help and --help (the latter only when
 * toolchain-wrapper is run under its own name), so they parse nothing:
 * getopt_long would reorder or refuse the options they pass on. */
#ifndef KILN_OPT_H
#define KILN_OPT_H

#include <getopt.h>

enum {
	KILN_OPT_ARG = 1,      /* a non-option argument, in arg */
	KILN_OPT_DASHDASH = 2, /* "--"; set only_args to take the rest as arguments */
	KILN_OPT_UNKNOWN = '?', /* not an option of the program (token) */
	KILN_OPT_NOVALUE = ':', /* the option's value is missing (token) */
};

struct kiln_opt {
	const char *shortopts;         /* getopt's, e.g. "hv" or "hd:" */
	const struct option *longopts; /* getopt_long's, { 0 }-terminated */
	int only_args;                 /* every token left is an argument */
	int next;                      /* argv index of the next token (0: start) */
	const char *token;             /* the option as typed, e.g. "--root=/x" */
	const char *arg;               /* its value or the argument, or NULL */
	int opt;                       /* the option's value (also for KILN_OPT_NOVALUE) */
};

/* The next token of argv[1..argc): the option's getopt value (val of its
 * struct option, or the short option's letter), a KILN_OPT_* code, or
 * -1 after the last. Resets getopt's state, so that the next call on any
 * argv starts afresh (parsers run more than once in tests and fuzzers). */
int kiln_opt_next(struct kiln_opt *o, int argc, char **argv);

#endif
