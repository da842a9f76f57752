// SPDX-License-Identifier: GPL-2.0-or-later
#include "opt.h"

#include <stdio.h>
#include <string.h>

/* The long option the token names exactly ("--name" or "--name=..."),
 * not by an abbreviation, or NULL. */
static const struct option *exact_long(const struct option *opts, const char *token)
{
	for (; opts->name; opts++) {
		size_t n = strlen(opts->name);
		if (strncmp(token + 2, opts->name, n) == 0 && (token[2 + n] == 0 || token[2 + n] == '='))
			return opts;
	}
	return NULL;
}

int kiln_opt_next(struct kiln_opt *o, int argc, char **argv)
{
	if (o->next < 1)
		o->next = 1;
	if (o->next >= argc)
		return -1;
	const char *a = argv[o->next];
	o->token = a;
	o->arg = NULL;
	if (o->only_args || a[0] != '-') {
		o->arg = a;
		o->next++;
		return KILN_OPT_ARG;
	}
	o->next++;
	if (strcmp(a, "--") == 0)
		return KILN_OPT_DASHDASH;
	if (a[1] == 0 || (a[1] != '-' && a[2] != 0))
		return KILN_OPT_UNKNOWN; /* "-", or grouped/attached short options */
	const struct option *lo = a[1] == '-' ? exact_long(o->longopts, a) : NULL;
	if (a[1] == '-' && !lo)
		return KILN_OPT_UNKNOWN;
	o->opt = lo ? lo->val : a[1];

	/* getopt_long sees just this token and the one after (its value),
	 * with its state reset (optind = 0) and its own messages off. */
	char spec[64];
	snprintf(spec, sizeof spec, "+:%s", o->shortopts);
	char *mini[4] = {argv[0], argv[o->next - 1], o->next < argc ? argv[o->next] : NULL, NULL};
	int mini_argc = mini[2] ? 3 : 2;
	optind = 0;
	opterr = 0;
	int c = getopt_long(mini_argc, mini, spec, o->longopts, NULL);
	int used = optind - 1;
	optind = 0;
	if (c == '?' || c == ':' || c == -1)
		return c == ':' ? KILN_OPT_NOVALUE : KILN_OPT_UNKNOWN;
	o->next += used - 1;
	o->arg = optarg;
	return c;
}
