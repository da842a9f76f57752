/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Line/field helpers shared by the manifest and .imports parsers. */
#ifndef KILN_PARSE_H
#define KILN_PARSE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct kiln_lines {
	char *p, *end;
	unsigned long lineno;
	char *err;
	size_t errlen;
};

/* Writes "line N: " and the message into err[0..errlen) (nothing when
 * err is NULL) and returns -1. */
int kiln_line_err(char *err, size_t errlen, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int kiln_vline_err(char *err, size_t errlen, unsigned long line, const char *fmt, va_list ap);
/* Sets a "line N: ..." message in L->err and returns -1. */
int kiln_perr(struct kiln_lines *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Next line (newline replaced by NUL), its length in *len. Returns NULL at
 * end of input; sets *bad = 1 (and the error) when the input does not end
 * with a newline or a line contains a NUL byte. */
char *kiln_next_line(struct kiln_lines *L, size_t *len, int *bad);
/* Parses "MAGIC", "package NAME", "closure [NAME...]". closure is malloc'd. */
int kiln_parse_header(struct kiln_lines *L, const char *magic, const char **package,
		      const char ***closure, size_t *nclosure);
/* Splits at TAB into at most max fields (NUL-terminating them);
 * returns the number of fields, max + 1 when there are more. */
size_t kiln_split_tabs(char *line, size_t len, char **f, size_t *flen, size_t max);
int kiln_parse_u64(const char *s, size_t n, uint64_t *v);
int kiln_parse_mode(const char *s, size_t n, unsigned *mode);
int kiln_parse_sha(const char *s, size_t n, unsigned char out[32]);
/* memcmp order, shorter prefix first: <0, 0, >0 */
int kiln_pathcmp(const char *a, size_t an, const char *b, size_t bn);

#endif
