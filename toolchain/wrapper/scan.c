// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading the user's command line: which arch flags it sets, and which
 * options name a build-machine directory. */
#include "wrapper.h"

#include <string.h>

/* Options that take a directory, longest first where one is a prefix
 * of another. "--" options take "=DIR" or a separate DIR; the others
 * take DIR joined ("-I/usr/include") or separate ("-I /usr/include"). */
static const char *const path_opts[] = {
	"--include-directory-after", "--include-directory", "--library-directory",
	"--sysroot", "-isysroot", "-isystem", "-idirafter", "-iquote", "-I", "-L",
};

static int has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static void record(const struct wrap_cfg *cfg, size_t index, const char *flag, const char *path,
		   size_t n, struct wrap_unsafe *bad, size_t max, size_t *count)
{
	const char *prefix = wrap_unsafe_prefix(cfg, path, n);
	/* A sysroot of "/" is the build machine itself. */
	if (!prefix && (!strcmp(flag, "--sysroot") || !strcmp(flag, "-isysroot")) && n > 0 && path[0] == '/') {
		char buf[8];
		if (n < sizeof buf && wrap_normalize(path, n, buf) == 1)
			prefix = "/";
	}
	if (!prefix)
		return;
	if (*count < max)
		bad[*count] = (struct wrap_unsafe){index, flag, path, n, prefix};
	(*count)++;
}

/* -Wl,a,b,c: the linker's own -L and --library-path. */
static void scan_wl(const struct wrap_cfg *cfg, size_t index, const char *list, struct wrap_unsafe *bad,
		    size_t max, size_t *count)
{
	const char *p = list;
	int want_path = 0;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (want_path) {
			record(cfg, index, "-Wl,-L", p, n, bad, max, count);
			want_path = 0;
		} else if (n == 2 && !strncmp(p, "-L", 2)) {
			want_path = 1;
		} else if (n > 2 && !strncmp(p, "-L", 2)) {
			record(cfg, index, "-Wl,-L", p + 2, n - 2, bad, max, count);
		} else if (n > 15 && !strncmp(p, "--library-path=", 15)) {
			record(cfg, index, "-Wl,--library-path", p + 15, n - 15, bad, max, count);
		}
		if (!e)
			break;
		p = e + 1;
	}
}

static void note_arch_flag(const char *a, struct wrap_seen *seen)
{
	if (has_prefix(a, "-mcpu=") || has_prefix(a, "-march=") || has_prefix(a, "-mtune="))
		seen->cpu_group = 1;
	else if (has_prefix(a, "-mabi="))
		seen->abi = 1;
	else if (has_prefix(a, "-mfpu="))
		seen->fpu = 1;
	else if (has_prefix(a, "-mfloat-abi=") || !strcmp(a, "-msoft-float") || !strcmp(a, "-mhard-float"))
		seen->float_abi = 1;
}

size_t wrap_scan(const struct wrap_cfg *cfg, int argc, char *const argv[], struct wrap_seen *seen,
		 struct wrap_unsafe *bad, size_t max)
{
	size_t count = 0;
	*seen = (struct wrap_seen){0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-')
			continue;
		if (a[1] == 'm') {
			note_arch_flag(a, seen);
			continue;
		}
		if (has_prefix(a, "-Wl,")) {
			scan_wl(cfg, (size_t)i, a + 4, bad, max, &count);
			continue;
		}
		for (size_t k = 0; k < sizeof path_opts / sizeof path_opts[0]; k++) {
			const char *o = path_opts[k];
			if (!has_prefix(a, o))
				continue;
			const char *rest = a + strlen(o);
			size_t at = (size_t)i;
			if (*rest == 0) {
				if (i + 1 >= argc)
					break; /* the compiler will complain itself */
				rest = argv[++i];
			} else if (o[1] == '-') {
				if (*rest != '=')
					continue; /* another option sharing the start */
				rest++;
			}
			record(cfg, at, o, rest, strlen(rest), bad, max, &count);
			break;
		}
	}
	return count;
}

void wrap_describe(const struct wrap_unsafe *u, struct kbuf *b)
{
	if (!strncmp(u->flag, "-Wl,", 4))
		kbuf_printf(b, "%s%.*s", u->flag, (int)u->pathlen, u->path);
	else if (u->flag[1] == '-')
		kbuf_printf(b, "%s=%.*s", u->flag, (int)u->pathlen, u->path);
	else
		kbuf_printf(b, "%s %.*s", u->flag, (int)u->pathlen, u->path);
}
