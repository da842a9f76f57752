/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest string escaping: '\\' -> "\\\\", TAB -> "\\t", LF -> "\\n". */
#ifndef KILN_ESCAPE_H
#define KILN_ESCAPE_H

#include "buf.h"

void kiln_escape(struct kbuf *out, const char *s, size_t n);
/* Unescapes s[0..n) in place. Returns the new length, or -1 on an invalid
 * escape (then *bad is the offset of the offending backslash). */
long kiln_unescape(char *s, size_t n, size_t *bad);

#endif
