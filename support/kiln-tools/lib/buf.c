// SPDX-License-Identifier: GPL-2.0-or-later
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *kiln_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("kiln: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *kiln_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("kiln: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *kiln_xstrndup(const char *s, size_t n)
{
	char *p = kiln_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void kbuf_reserve(struct kbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->p = kiln_xrealloc(b->p, cap);
	b->cap = cap;
}

void kbuf_add(struct kbuf *b, const void *data, size_t n)
{
	kbuf_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

void kbuf_addc(struct kbuf *b, char c)
{
	kbuf_reserve(b, 1);
	b->p[b->len++] = c;
}

void kbuf_adds(struct kbuf *b, const char *s)
{
	kbuf_add(b, s, strlen(s));
}

void kbuf_printf(struct kbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	kbuf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *kbuf_cstr(struct kbuf *b)
{
	kbuf_reserve(b, 0);
	b->p[b->len] = 0;
	return b->p;
}

void kbuf_free(struct kbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
