// SPDX-License-Identifier: GPL-2.0-or-later
/* Lexical path normalisation, shared by every helper that takes a path
 * apart: no filesystem access, so ".." is undone textually. */
#include "norm.h"

#include <string.h>

int kiln_path_next(const char *s, size_t n, size_t *pos, const char **comp, size_t *len)
{
	if (*pos > n)
		return 0;
	const char *p = s + *pos;
	const char *q = memchr(p, '/', n - *pos);
	if (!q)
		q = s + n;
	*comp = p;
	*len = (size_t)(q - p);
	*pos += *len + 1;
	return 1;
}

int kiln_path_dots(const char *comp, size_t len)
{
	if (len == 1 && comp[0] == '.')
		return 1;
	if (len == 2 && comp[0] == '.' && comp[1] == '.')
		return 2;
	return 0;
}

int kiln_path_norm(const char *s, size_t n, struct kbuf *out, unsigned flags)
{
	out->len = 0;
	size_t pos = 0, len;
	const char *c;
	int rc = 0;
	while (rc == 0 && kiln_path_next(s, n, &pos, &c, &len)) {
		int dots = kiln_path_dots(c, len);
		if (dots && (flags & KILN_NORM_NODOTS))
			rc = -1;
		else if (dots == 2 && out->len == 0 && !(flags & KILN_NORM_CLAMP))
			rc = -1;
		else if (dots == 2) {
			while (out->len && out->p[out->len - 1] != '/')
				out->len--;
			if (out->len)
				out->len--; /* the slash before the dropped component */
		} else if (len && !dots) {
			if (out->len)
				kbuf_addc(out, '/');
			kbuf_add(out, c, len);
		}
	}
	kbuf_cstr(out);
	return rc;
}
