// SPDX-License-Identifier: GPL-2.0-or-later
/* Building the real compiler's command line. */
#include "wrapper.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wrap_argv_push(struct wrap_argv *a, const char *s)
{
	if (a->argc + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->argv = kiln_xrealloc(a->argv, a->cap * sizeof *a->argv);
	}
	a->argv[a->argc++] = kiln_xstrndup(s, strlen(s));
	a->argv[a->argc] = NULL;
}

void wrap_argv_pushf(struct wrap_argv *a, const char *fmt, ...)
{
	struct kbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	kbuf_reserve(&b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b.len = (size_t)n;
	wrap_argv_push(a, b.p);
	kbuf_free(&b);
}

void wrap_argv_free(struct wrap_argv *a)
{
	for (size_t i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
	*a = (struct wrap_argv){0};
}

static int set(const char *s)
{
	return s && s[0];
}

void wrap_build(const struct wrap_cfg *cfg, const struct wrap_seen *seen, int argc, char *const argv[],
		struct wrap_argv *out)
{
	if (set(cfg->launcher))
		wrap_argv_push(out, cfg->launcher);
	wrap_argv_push(out, cfg->real);
	/* Without --sysroot, Debian's cross gcc searches the build
	 * machine's /usr/include: always pass one. */
	wrap_argv_pushf(out, "--sysroot=%s", cfg->sysroot);
	if (!seen->cpu_group) {
		if (set(cfg->cpu))
			wrap_argv_pushf(out, "-mcpu=%s", cfg->cpu);
		if (set(cfg->arch))
			wrap_argv_pushf(out, "-march=%s", cfg->arch);
	}
	if (!seen->abi && set(cfg->abi))
		wrap_argv_pushf(out, "-mabi=%s", cfg->abi);
	if (!seen->fpu && set(cfg->fpu))
		wrap_argv_pushf(out, "-mfpu=%s", cfg->fpu);
	if (!seen->float_abi && set(cfg->float_abi))
		wrap_argv_pushf(out, "-mfloat-abi=%s", cfg->float_abi);
	/* The same object whichever per-package directory or output
	 * directory compiled it. Before the user's flags, so that a
	 * package's own maps win. */
	if (set(cfg->host_dir))
		wrap_argv_pushf(out, "-ffile-prefix-map=%s=/kiln/host", cfg->host_dir);
	if (set(cfg->build_dir))
		wrap_argv_pushf(out, "-ffile-prefix-map=%s=/kiln/build", cfg->build_dir);
	for (int i = 1; i < argc; i++)
		wrap_argv_push(out, argv[i]);
}
