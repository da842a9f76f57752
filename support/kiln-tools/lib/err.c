// SPDX-License-Identifier: GPL-2.0-or-later
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

void kiln_err(const struct kiln_ctx *ctx, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kiln_verr(ctx, path, fmt, ap);
	va_end(ap);
}

void kiln_verr(const struct kiln_ctx *ctx, const char *path, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", ctx->prog);
	if (ctx->pkg)
		fprintf(stderr, "%s: ", ctx->pkg);
	if (path)
		fprintf(stderr, "%s: ", path);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void kiln_warn(const struct kiln_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: warning: ", ctx->prog);
	if (ctx->pkg)
		fprintf(stderr, "%s: ", ctx->pkg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
