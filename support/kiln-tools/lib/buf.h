/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growable byte buffer. Aborts on out-of-memory. */
#ifndef KILN_BUF_H
#define KILN_BUF_H

#include <stddef.h>

struct kbuf {
	char *p;
	size_t len, cap;
};

void kbuf_reserve(struct kbuf *b, size_t extra);
void kbuf_add(struct kbuf *b, const void *data, size_t n);
void kbuf_addc(struct kbuf *b, char c);
void kbuf_adds(struct kbuf *b, const char *s);
void kbuf_printf(struct kbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes b->p NUL-terminated (not counted in len) and returns it. */
char *kbuf_cstr(struct kbuf *b);
void kbuf_free(struct kbuf *b);

void *kiln_xmalloc(size_t n);
void *kiln_xrealloc(void *p, size_t n);
char *kiln_xstrndup(const char *s, size_t n);

#endif
