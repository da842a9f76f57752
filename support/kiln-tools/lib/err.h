/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error and warning reporting: "prog: pkg: path: message". */
#ifndef KILN_ERR_H
#define KILN_ERR_H

#include <stdarg.h>

struct kiln_ctx {
	const char *prog; /* program name, e.g. "kiln-pkgdir" */
	const char *pkg;  /* package the message is about, or NULL */
};

/* "prog: pkg: path: message\n" on stderr; pkg/path omitted when NULL. */
void kiln_err(const struct kiln_ctx *ctx, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kiln_verr(const struct kiln_ctx *ctx, const char *path, const char *fmt, va_list ap);
/* "prog: warning: pkg: message\n" on stderr. */
void kiln_warn(const struct kiln_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
