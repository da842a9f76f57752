// SPDX-License-Identifier: GPL-2.0-or-later
/* The wrapper's configuration: lines "key=value"; '#' comments and blank
 * lines are ignored; keys: sysroot (required, relative to HOST_DIR, never
 * leaving it) and static (0 or 1). */
#include "kpc.h"
#include "../lib/buf.h"
#include "../lib/norm.h"
#include "../lib/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Normalises a relative path; NULL if it is absolute, empty or leaves
 * its base through "..". */
static char *norm_sysroot(const char *s, size_t n)
{
	if (n == 0 || s[0] == '/')
		return NULL;
	struct kbuf b = {0};
	if (kiln_path_norm(s, n, &b, 0) < 0 || b.len == 0) {
		kbuf_free(&b);
		return NULL;
	}
	return b.p;
}

int kpc_conf_parse(const char *buf, size_t len, struct kpc_conf *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	int seen_static = 0;
	unsigned long lineno = 0;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		lineno++;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (memchr(p, 0, (size_t)(le - p)))
			return kpc_conf_free(c), kiln_line_err(err, errlen, lineno, "NUL byte");
		const char *s = p, *e = le;
		p = nl ? nl + 1 : end;
		while (s < e && blank(*s))
			s++;
		while (e > s && blank(e[-1]))
			e--;
		if (s == e || *s == '#')
			continue;
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq)
			return kpc_conf_free(c),
			       kiln_line_err(err, errlen, lineno, "expected key=value (sysroot=... or static=0|1)");
		const char *ke = eq, *v = eq + 1;
		while (ke > s && blank(ke[-1]))
			ke--;
		while (v < e && blank(*v))
			v++;
		size_t kn = (size_t)(ke - s), vn = (size_t)(e - v);
		if (kn == 7 && memcmp(s, "sysroot", 7) == 0) {
			if (c->sysroot)
				return kpc_conf_free(c), kiln_line_err(err, errlen, lineno, "sysroot given twice");
			c->sysroot = norm_sysroot(v, vn);
			if (!c->sysroot)
				return kpc_conf_free(c),
				       kiln_line_err(err, errlen, lineno,
					    "sysroot must be a path relative to HOST_DIR that stays "
					    "inside it, e.g. aarch64-linux-gnu/sysroot");
		} else if (kn == 6 && memcmp(s, "static", 6) == 0) {
			if (seen_static++)
				return kpc_conf_free(c), kiln_line_err(err, errlen, lineno, "static given twice");
			if (vn != 1 || (v[0] != '0' && v[0] != '1'))
				return kpc_conf_free(c), kiln_line_err(err, errlen, lineno, "static must be 0 or 1");
			c->is_static = v[0] == '1';
		} else {
			return kpc_conf_free(c),
			       kiln_line_err(err, errlen, lineno, "unknown key '%.*s' (known: sysroot, static)",
				    (int)(kn > 40 ? 40 : kn), s);
		}
	}
	if (!c->sysroot)
		return kiln_line_err(err, errlen, lineno, "no sysroot= line (the target sysroot, relative to "
			    "HOST_DIR)");
	return 0;
}

void kpc_conf_free(struct kpc_conf *c)
{
	free(c->sysroot);
	memset(c, 0, sizeof *c);
}
