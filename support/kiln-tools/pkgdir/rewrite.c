// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

#include <string.h>

size_t replace_all(struct kbuf *out, const char *data, size_t n, const char *from, size_t fl,
		   const char *to, size_t tl)
{
	size_t count = 0;
	const char *p = data, *end = data + n;
	while (p < end) {
		const char *q = memmem(p, (size_t)(end - p), from, fl);
		if (!q)
			break;
		kbuf_add(out, p, (size_t)(q - p));
		kbuf_add(out, to, tl);
		p = q + fl;
		count++;
	}
	kbuf_add(out, p, (size_t)(end - p));
	return count;
}

static int namechar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' ||
	       c == '-';
}

void scan_pkgrefs(const char *data, size_t n, const char *rootslash, size_t rl,
		  void (*cb)(void *arg, const char *name, size_t len), void *arg)
{
	const char *p = data, *end = data + n;
	while (p < end) {
		const char *q = memmem(p, (size_t)(end - p), rootslash, rl);
		if (!q)
			return;
		const char *name = q + rl, *e = name;
		if (e < end && ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9'))) {
			while (e < end && namechar(*e))
				e++;
			if (e < end && *e == '/')
				cb(arg, name, (size_t)(e - name));
		}
		p = q + 1;
	}
}
