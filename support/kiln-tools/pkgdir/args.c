// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/opt.h"
#include "../lib/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *usage, const char *msg, const char *arg)
{
	fprintf(stderr, "%s: %s%s%s (see --help)\n%s", PROG, msg, arg ? ": " : "", arg ? arg : "",
		usage);
	return 2;
}

static char *abs_dir(const char *s)
{
	return kiln_xstrndup(s, kiln_path_trim(s));
}

/* Long options: val is LONG + the OPT_* bit (OPT_POS never is one). */
#define LONG 0x10000
static const struct option longopts[] = {
	{"root", required_argument, NULL, LONG | OPT_ROOT},
	{"pkg", required_argument, NULL, LONG | OPT_PKG},
	{"out", required_argument, NULL, LONG | OPT_OUT},
	{"tree", required_argument, NULL, LONG | OPT_TREE},
	{"forbid", required_argument, NULL, LONG | OPT_FORBID},
	{"strict", no_argument, NULL, LONG | OPT_STRICT},
	{"reuse", no_argument, NULL, LONG | OPT_REUSE},
	{"state", required_argument, NULL, LONG | OPT_STATE},
	{"key", required_argument, NULL, LONG | OPT_KEY},
	{"placed", required_argument, NULL, LONG | OPT_PLACED},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* One option's value; returns -1 to go on, or the exit status. */
static int take(struct opts *o, unsigned which, const char *val, const char *usage)
{
	if (which == OPT_FORBID) {
		if (val[0] != '/' || kiln_path_trim(val) < 2)
			return usage_error(usage, "--forbid needs an absolute path other than /", val);
		o->forbid = kiln_xrealloc(o->forbid, ((size_t)o->nforbid + 1) * sizeof *o->forbid);
		o->forbid[o->nforbid++] = abs_dir(val);
	} else if (which == OPT_ROOT || which == OPT_OUT) {
		if (val[0] != '/')
			return usage_error(usage, "path must be absolute", val);
		char **dst = which == OPT_ROOT ? &o->root : &o->out;
		free(*dst);
		*dst = abs_dir(val);
	} else if (which == OPT_PKG) {
		o->pkg = val;
	} else if (which == OPT_TREE) {
		o->tree = val;
	} else if (which == OPT_STATE) {
		o->state = val;
	} else if (which == OPT_KEY) {
		o->key = val;
	} else if (which == OPT_PLACED) {
		o->placed = val;
	} else if (which == OPT_REUSE) {
		o->reuse = 1;
	} else {
		o->strict = 1;
	}
	return -1;
}

int parse_args(int argc, char **argv, struct opts *o, unsigned allowed, const char *usage)
{
	memset(o, 0, sizeof *o);
	o->pos = kiln_xmalloc(((size_t)argc + 1) * sizeof *o->pos);
	struct kiln_opt g = {.shortopts = "h", .longopts = longopts};
	int c;
	while ((c = kiln_opt_next(&g, argc, argv)) != -1) {
		int rc = -1;
		if (c == KILN_OPT_DASHDASH) {
			g.only_args = 1;
		} else if (c == KILN_OPT_ARG) {
			if (!(allowed & OPT_POS))
				return usage_error(usage, "unexpected argument", g.arg);
			o->pos[o->npos++] = (char *)g.arg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		} else if (c == KILN_OPT_UNKNOWN || !(allowed & (unsigned)g.opt & ~LONG)) {
			rc = usage_error(usage, "unknown option", g.token);
		} else if (c == KILN_OPT_NOVALUE) {
			rc = usage_error(usage, "option needs a value", g.token);
		} else {
			rc = take(o, (unsigned)c & ~LONG, g.arg, usage);
		}
		if (rc >= 0)
			return rc;
	}
	if ((allowed & OPT_ROOT) && !o->root)
		return usage_error(usage, "missing option", "--root ROOT");
	if ((allowed & OPT_PKG) && !o->pkg)
		return usage_error(usage, "missing option", "--pkg P");
	if ((allowed & OPT_OUT) && !o->out)
		return usage_error(usage, "missing option", "--out OUT");
	if ((allowed & OPT_TREE) && !o->tree)
		return usage_error(usage, "missing option", "--tree host|target");
	if (o->tree && strcmp(o->tree, "host") != 0 && strcmp(o->tree, "target") != 0)
		return usage_error(usage, "--tree must be host or target, not", o->tree);
	if (o->pkg && !kiln_valid_pkgname(o->pkg, strlen(o->pkg)))
		return usage_error(usage, "invalid package name (must match [a-z0-9][a-z0-9._+-]*)",
				   o->pkg);
	for (int i = 0; i < o->npos; i++)
		if (!kiln_valid_pkgname(o->pos[i], strlen(o->pos[i])))
			return usage_error(usage,
					   "invalid package name (must match [a-z0-9][a-z0-9._+-]*)",
					   o->pos[i]);
	return -1;
}

void opts_free(struct opts *o)
{
	free(o->root);
	free(o->out);
	free(o->pos);
	for (int i = 0; i < o->nforbid; i++)
		free(o->forbid[i]);
	free(o->forbid);
	memset(o, 0, sizeof *o);
}
