#include "pkgdir.h"
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

int parse_args(int argc, char **argv, struct opts *o, unsigned allowed, const char *usage)
{
	memset(o, 0, sizeof *o);
	o->pos = kiln_xmalloc(((size_t)argc + 1) * sizeof *o->pos);
	int only_pos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		unsigned which = 0;
		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (only_pos || a[0] != '-') {
			if (!(allowed & OPT_POS))
				return usage_error(usage, "unexpected argument", a);
			o->pos[o->npos++] = argv[i];
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		if (strcmp(a, "--strict") == 0 && (allowed & OPT_STRICT)) {
			o->strict = 1;
			continue;
		}
		static const struct { const char *name; unsigned bit; } named[] = {
			{"--root", OPT_ROOT}, {"--pkg", OPT_PKG}, {"--out", OPT_OUT}, {"--tree", OPT_TREE},
			{"--forbid", OPT_FORBID},
		};
		for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
			size_t nl = strlen(named[k].name);
			if (!(allowed & named[k].bit) || strncmp(a, named[k].name, nl) != 0)
				continue;
			if (a[nl] == '=') {
				val = a + nl + 1;
			} else if (a[nl] == 0) {
				if (i + 1 >= argc)
					return usage_error(usage, "option needs a value", a);
				val = argv[++i];
			} else {
				continue;
			}
			which = named[k].bit;
			break;
		}
		if (!which)
			return usage_error(usage, "unknown option", a);
		if (which == OPT_FORBID) {
			if (val[0] != '/' || kiln_path_trim(val) < 2)
				return usage_error(usage, "--forbid needs an absolute path other than /",
						   val);
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
		} else {
			o->tree = val;
		}
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
