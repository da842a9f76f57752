// SPDX-License-Identifier: GPL-2.0-or-later
#include "escape.h"

#include <string.h>

void kiln_escape(struct kbuf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		const char *rep = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : NULL;
		if (!rep)
			continue;
		kbuf_add(out, s + start, i - start);
		kbuf_add(out, rep, 2);
		start = i + 1;
	}
	kbuf_add(out, s + start, n - start);
}

long kiln_unescape(char *s, size_t n, size_t *bad)
{
	char *bs = memchr(s, '\\', n);
	if (!bs)
		return (long)n;
	size_t o = (size_t)(bs - s);
	for (size_t i = o; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			char d = i + 1 < n ? s[i + 1] : 0;
			if (d == '\\')
				c = '\\';
			else if (d == 't')
				c = '\t';
			else if (d == 'n')
				c = '\n';
			else {
				if (bad)
					*bad = i;
				return -1;
			}
			i++;
		}
		s[o++] = c;
	}
	return (long)o;
}
