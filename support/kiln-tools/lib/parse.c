// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse.h"
#include "buf.h"
#include "hmap.h"
#include "path.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kiln_vline_err(char *err, size_t errlen, unsigned long line, const char *fmt, va_list ap)
{
	if (err && errlen) {
		int n = snprintf(err, errlen, "line %lu: ", line);
		if (n >= 0 && (size_t)n < errlen)
			vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	}
	return -1;
}

int kiln_line_err(char *err, size_t errlen, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kiln_vline_err(err, errlen, line, fmt, ap);
	va_end(ap);
	return -1;
}

int kiln_perr(struct kiln_lines *L, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kiln_vline_err(L->err, L->errlen, L->lineno, fmt, ap);
	va_end(ap);
	return -1;
}

char *kiln_next_line(struct kiln_lines *L, size_t *len, int *bad)
{
	*bad = 0;
	if (L->p >= L->end)
		return NULL;
	L->lineno++;
	char *s = L->p;
	char *nl = memchr(s, '\n', (size_t)(L->end - s));
	if (!nl) {
		*bad = 1;
		kiln_perr(L, "missing newline at end of file");
		return NULL;
	}
	*len = (size_t)(nl - s);
	if (memchr(s, 0, *len)) {
		*bad = 1;
		kiln_perr(L, "NUL byte in line");
		return NULL;
	}
	*nl = 0;
	L->p = nl + 1;
	return s;
}

int kiln_parse_header(struct kiln_lines *L, const char *magic, const char **package,
		      const char ***closure, size_t *nclosure)
{
	size_t len;
	int bad;
	char *s;

	*closure = NULL;
	*nclosure = 0;
	if (!(s = kiln_next_line(L, &len, &bad))) {
		if (!bad) {
			L->lineno++;
			kiln_perr(L, "empty file, expected \"%s\"", magic);
		}
		return -1;
	}
	if (strcmp(s, magic) != 0)
		return kiln_perr(L, "expected \"%s\"", magic);
	if (!(s = kiln_next_line(L, &len, &bad))) {
		if (!bad) {
			L->lineno++;
			kiln_perr(L, "expected \"package NAME\", found end of file");
		}
		return -1;
	}
	if (len < 8 || memcmp(s, "package ", 8) != 0)
		return kiln_perr(L, "expected \"package NAME\"");
	if (!kiln_valid_pkgname(s + 8, len - 8))
		return kiln_perr(L, "invalid package name");
	*package = s + 8;
	if (!(s = kiln_next_line(L, &len, &bad))) {
		if (!bad) {
			L->lineno++;
			kiln_perr(L, "expected \"closure [NAME...]\", found end of file");
		}
		return -1;
	}
	if (len < 7 || memcmp(s, "closure", 7) != 0 || (len > 7 && s[7] != ' ') || len == 8)
		return kiln_perr(L, "expected \"closure [NAME...]\"");
	if (len == 7)
		return 0;
	size_t n = 1;
	for (size_t i = 8; i < len; i++)
		n += s[i] == ' ';
	const char **v = kiln_xmalloc(n * sizeof *v);
	struct kiln_hmap seen = {0};
	kiln_hmap_init(&seen, n);
	char *p = s + 8, *end = s + len;
	size_t k = 0;
	int rc = 0;
	while (p <= end) {
		char *q = memchr(p, ' ', (size_t)(end - p));
		if (!q)
			q = end;
		*q = 0;
		size_t nl = (size_t)(q - p);
		int found;
		if (!kiln_valid_pkgname(p, nl)) {
			rc = kiln_perr(L, "invalid package name in closure");
			break;
		}
		if (strcmp(p, *package) == 0) {
			rc = kiln_perr(L, "package %s is in its own closure", p);
			break;
		}
		kiln_hmap_put(&seen, p, nl, 0, &found);
		if (found) {
			rc = kiln_perr(L, "package %s listed twice in closure", p);
			break;
		}
		v[k++] = p;
		p = q + 1;
	}
	kiln_hmap_free(&seen);
	if (rc) {
		free(v);
		return rc;
	}
	*closure = v;
	*nclosure = k;
	return 0;
}

size_t kiln_split_tabs(char *line, size_t len, char **f, size_t *flen, size_t max)
{
	size_t n = 0;
	char *p = line, *end = line + len;
	for (;;) {
		char *q = memchr(p, '\t', (size_t)(end - p));
		if (n == max)
			return max + 1;
		f[n] = p;
		flen[n] = (size_t)((q ? q : end) - p);
		n++;
		if (!q)
			break;
		*q = 0;
		p = q + 1;
	}
	return n;
}

int kiln_parse_u64(const char *s, size_t n, uint64_t *v)
{
	if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
		return -1;
	uint64_t x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}

int kiln_parse_mode(const char *s, size_t n, unsigned *mode)
{
	if (n != 4)
		return -1;
	unsigned m = 0;
	for (size_t i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '7')
			return -1;
		m = m * 8 + (unsigned)(s[i] - '0');
	}
	*mode = m;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int kiln_parse_sha(const char *s, size_t n, unsigned char out[32])
{
	if (n != 64)
		return -1;
	for (size_t i = 0; i < 32; i++) {
		int a = hexval(s[2 * i]), b = hexval(s[2 * i + 1]);
		if (a < 0 || b < 0)
			return -1;
		out[i] = (unsigned char)(a << 4 | b);
	}
	return 0;
}

int kiln_pathcmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an < bn ? -1 : an > bn ? 1 : 0;
}
