// SPDX-License-Identifier: GPL-2.0-or-later
#include "table.h"
#include "../lib/norm.h"

#include <stdio.h>
#include <string.h>

#define NFIELDS 10

static int fail(char *err, size_t errlen, const char *msg, const char *field)
{
	if (field)
		snprintf(err, errlen, "%s: '%s'", msg, field);
	else
		snprintf(err, errlen, "%s", msg);
	return -1;
}

/* A decimal number, or '-' for 0 when dash_ok. */
static int number(const char *s, int base, int dash_ok, unsigned long max, unsigned long *v)
{
	if (dash_ok && strcmp(s, "-") == 0) {
		*v = 0;
		return 0;
	}
	if (!*s || strlen(s) > 10)
		return -1;
	unsigned long n = 0;
	for (const char *p = s; *p; p++) {
		int d = *p - '0';
		if (d < 0 || d >= base)
			return -1;
		n = n * (unsigned long)base + (unsigned long)d;
	}
	if (n > max)
		return -1;
	*v = n;
	return 0;
}

/* Copies NAME into out as an absolute path without ".", ".." or empty
 * components; the root itself is refused. */
static int normalize(const char *name, char *out)
{
	if (name[0] != '/')
		return -1;
	struct kbuf b = {0};
	int rc = kiln_path_norm(name, strlen(name), &b, KILN_NORM_NODOTS);
	if (rc == 0 && (b.len == 0 || 1 + b.len + 1 > MKD_NAME_MAX))
		rc = -1;
	if (rc == 0) {
		out[0] = '/';
		memcpy(out + 1, b.p, b.len + 1);
	}
	kbuf_free(&b);
	return rc;
}

int mkd_parse_line(const char *line, size_t len, struct mkd_entry *e, char *err, size_t errlen)
{
	char buf[MKD_NAME_MAX + 256];
	if (memchr(line, '\0', len))
		return fail(err, errlen, "NUL byte in line", NULL);
	if (len >= sizeof buf)
		return fail(err, errlen, "line too long", NULL);
	memcpy(buf, line, len);
	buf[len] = '\0';

	char *f[NFIELDS + 1];
	size_t n = 0;
	char *p = buf;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == NFIELDS)
			return fail(err, errlen, "more than 10 fields (name type mode uid gid major minor start inc count)", NULL);
		f[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (n == 0)
		return 0;
	if (n != NFIELDS)
		return fail(err, errlen, "expected 10 fields (name type mode uid gid major minor start inc count)", NULL);

	memset(e, 0, sizeof *e);
	if (normalize(f[0], e->name) < 0)
		return fail(err, errlen, "name must be an absolute path below / without '.' or '..'", f[0]);
	if (strlen(f[1]) != 1 || !strchr("dfrcbp", f[1][0]))
		return fail(err, errlen, "type must be one of d f r c b p", f[1]);
	e->type = f[1][0];
	unsigned long v;
	if (number(f[2], 8, 0, 07777, &v) < 0)
		return fail(err, errlen, "mode must be octal, at most 7777", f[2]);
	e->mode = (unsigned)v;
	if (number(f[3], 10, 0, 0xfffffffeUL, &e->uid) < 0)
		return fail(err, errlen, "uid must be a number", f[3]);
	if (number(f[4], 10, 0, 0xfffffffeUL, &e->gid) < 0)
		return fail(err, errlen, "gid must be a number", f[4]);
	static const char *const what[] = {"major", "minor", "start", "inc", "count"};
	unsigned long *dst[] = {&e->major, &e->minor, &e->start, &e->inc, &e->count};
	for (int i = 0; i < 5; i++) {
		if (number(f[5 + i], 10, 1, 0xfffffUL, dst[i]) < 0) {
			char msg[64];
			snprintf(msg, sizeof msg, "%s must be a number or '-'", what[i]);
			return fail(err, errlen, msg, f[5 + i]);
		}
	}
	int dev = e->type == 'c' || e->type == 'b';
	if (!dev && (strcmp(f[5], "-") || strcmp(f[6], "-") || strcmp(f[9], "-")))
		return fail(err, errlen, "major, minor and count apply to c and b only; write '-'", NULL);
	if (dev && (!strcmp(f[5], "-") || !strcmp(f[6], "-")))
		return fail(err, errlen, "a device needs its major and minor numbers", NULL);
	if (e->count > MKD_COUNT_MAX)
		return fail(err, errlen, "count is at most 4096", f[9]);
	if (e->count > 0 && strlen(e->name) + 12 >= MKD_NAME_MAX)
		return fail(err, errlen, "name too long for a series", NULL);
	return 1;
}
