// SPDX-License-Identifier: GPL-2.0-or-later
/* Command line of kiln-rpath. Pure: messages go to a buffer (fuzzed). */
#include "rpath.h"
#include "../lib/opt.h"
#include "../lib/path.h"

#include <stdlib.h>
#include <string.h>

const char rp_usage[] =
	"Usage: kiln-rpath --root ROOT --pkg P --arch ARCH [OPTIONS]\n"
	"\n"
	"Fixes the RPATHs of the ELF files listed in ROOT/P/manifest (run after P\n"
	"installs) and checks that target ELF files match the target architecture.\n"
	"Host files (host/, outside the sysroot) get $ORIGIN-relative RPATHs into\n"
	"HOST_DIR; staging and target files lose every RPATH entry that points into\n"
	"the build. patchelf is run only for files that need a change; the manifest\n"
	"entries of changed files are rewritten (size, sha256).\n"
	"\n"
	"Options:\n"
	"  --root ROOT             per-package root (absolute), P's files are in ROOT/P\n"
	"  --pkg P                 the package\n"
	"  --arch ARCH             target architecture: aarch64, arm, riscv64, x86_64\n"
	"  --sysroot-dir DIR       the staging directory relative to ROOT/P, e.g.\n"
	"                          host/aarch64-linux-gnu/sysroot (default: any\n"
	"                          host/*/sysroot)\n"
	"  --build-dir DIR         absolute path of the build (e.g. the output dir);\n"
	"                          RPATH entries below it are dropped (repeatable)\n"
	"  --exclude GLOB          skip manifest paths matching GLOB (fnmatch, e.g.\n"
	"                          'target/lib/firmware/*'); repeatable\n"
	"  --patchelf PATH         patchelf to run (default: patchelf in PATH)\n"
	"  --dry-run               print what would change, change nothing\n"
	"  -v, --verbose           print each change and a summary line\n"
	"  -h, --help              this help\n"
	"\n"
	"Exit status: 0 success, 1 error, 2 usage error.\n";

static int usage_error(struct kbuf *msg, const char *what, const char *arg)
{
	msg->len = 0;
	kbuf_adds(msg, what);
	if (arg) {
		kbuf_adds(msg, ": ");
		kbuf_adds(msg, arg);
	}
	kbuf_cstr(msg);
	return RP_ARGS_USAGE;
}

static void push(void *vp, size_t *n, size_t elem, const void *item)
{
	void **v = vp;
	*v = kiln_xrealloc(*v, (*n + 1) * elem);
	memcpy((char *)*v + *n * elem, item, elem);
	(*n)++;
}

enum { O_ROOT = 0x100, O_PKG, O_ARCH, O_SYSROOT, O_BUILD, O_EXCLUDE, O_PATCHELF, O_DRY_RUN };

static const struct option longopts[] = {
	{"root", required_argument, NULL, O_ROOT},
	{"pkg", required_argument, NULL, O_PKG},
	{"arch", required_argument, NULL, O_ARCH},
	{"sysroot-dir", required_argument, NULL, O_SYSROOT},
	{"build-dir", required_argument, NULL, O_BUILD},
	{"exclude", required_argument, NULL, O_EXCLUDE},
	{"patchelf", required_argument, NULL, O_PATCHELF},
	{"dry-run", no_argument, NULL, O_DRY_RUN},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int rp_parse_args(int argc, char **argv, struct rp_opts *o, struct kbuf *msg)
{
	memset(o, 0, sizeof *o);
	struct kiln_opt g = {.shortopts = "hv", .longopts = longopts};
	int which;
	while ((which = kiln_opt_next(&g, argc, argv)) != -1) {
		const char *val = g.arg;
		if (which == 'h')
			return RP_ARGS_HELP;
		if (which == KILN_OPT_NOVALUE)
			return usage_error(msg, "option needs a value", g.token);
		if (which == KILN_OPT_ARG)
			return usage_error(msg, "unexpected argument", g.token);
		if (which == KILN_OPT_UNKNOWN || which == KILN_OPT_DASHDASH)
			return usage_error(msg, "unknown option", g.token);
		switch (which) {
		case O_ROOT:
		case O_BUILD: {
			if (val[0] != '/')
				return usage_error(msg, "path must be absolute", val);
			char *p = rp_norm_abs(val);
			if (which == O_ROOT) {
				free(o->root);
				o->root = p;
			} else {
				push(&o->build_dirs, &o->nbuild, sizeof p, &p);
			}
			break;
		}
		case O_PKG:
			if (!kiln_valid_pkgname(val, strlen(val)))
				return usage_error(
					msg, "invalid package name (must match [a-z0-9][a-z0-9._+-]*)", val);
			o->pkg = val;
			break;
		case O_ARCH:
			if (!(o->arch = rp_arch_find(val)))
				return usage_error(
					msg, "unknown --arch (known: aarch64, arm, riscv64, x86_64)", val);
			break;
		case O_SYSROOT: {
			size_t n = kiln_path_trim(val);
			if (strncmp(val, "host/", 5) != 0 || !kiln_valid_relpath(val, n))
				return usage_error(
					msg, "--sysroot-dir must be a relative path below host/, e.g. host/aarch64-linux-gnu/sysroot",
					val);
			free(o->sysroot);
			o->sysroot = kiln_xstrndup(val, n);
			break;
		}
		case O_EXCLUDE:
			push(&o->excludes, &o->nexclude, sizeof val, &val);
			break;
		case O_PATCHELF:
			if (!val[0])
				return usage_error(msg, "--patchelf needs a path", NULL);
			o->patchelf = val;
			break;
		case O_DRY_RUN:
			o->dry_run = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		}
	}
	if (!o->root)
		return usage_error(msg, "missing option", "--root ROOT");
	if (!o->pkg)
		return usage_error(msg, "missing option", "--pkg P");
	if (!o->arch)
		return usage_error(msg, "missing option", "--arch ARCH");
	return RP_ARGS_OK;
}

void rp_opts_free(struct rp_opts *o)
{
	free(o->root);
	free(o->sysroot);
	for (size_t i = 0; i < o->nbuild; i++)
		free(o->build_dirs[i]);
	free(o->build_dirs);
	free(o->excludes);
	memset(o, 0, sizeof *o);
}
