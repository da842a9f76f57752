/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lexical path normalisation and splitting into components. */
#ifndef KILN_NORM_H
#define KILN_NORM_H

#include "buf.h"

#include <stddef.h>

/* Splits s[0..n) at each '/': start with *pos = 0; each call stores the
 * next component (possibly empty: "a//b", a leading or trailing slash)
 * in *comp / *len and returns 1, then 0 after the last one. */
int kiln_path_next(const char *s, size_t n, size_t *pos, const char **comp, size_t *len);
/* 1 for the component "." and 2 for "..", else 0. */
int kiln_path_dots(const char *comp, size_t len);

/* Flags of kiln_path_norm. */
enum {
	KILN_NORM_CLAMP = 1,  /* ".." above the start is dropped (as at "/") */
	KILN_NORM_NODOTS = 2, /* a "." or ".." component is an error */
};
/* Lexical normalisation of s[0..n) into out (replacing its contents,
 * NUL-terminated): empty and "." components dropped, ".." removes the
 * one before it. The result is the components joined by '/', with no
 * leading or trailing slash ("" for none). Returns 0, or -1 when ".."
 * climbs above the start (without KILN_NORM_CLAMP) or with
 * KILN_NORM_NODOTS a "." or ".." is there. */
int kiln_path_norm(const char *s, size_t n, struct kbuf *out, unsigned flags);

#endif
