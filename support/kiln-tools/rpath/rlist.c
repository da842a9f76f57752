// SPDX-License-Identifier: GPL-2.0-or-later
/* RPATH entry lists, lexical path normalisation and $ORIGIN paths. */
#include "rpath.h"
#include "../lib/norm.h"

#include <stdlib.h>
#include <string.h>

void rp_list_add(struct rp_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = kiln_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = kiln_xstrndup(s, strlen(s));
}

void rp_list_split(struct rp_list *l, const char *s)
{
	while (s && *s) {
		const char *c = strchr(s, ':');
		size_t n = c ? (size_t)(c - s) : strlen(s);
		if (n) {
			char *one = kiln_xstrndup(s, n);
			rp_list_add(l, one);
			free(one);
		}
		s = c ? c + 1 : NULL;
	}
}

void rp_list_join(const struct rp_list *l, struct kbuf *out)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			kbuf_addc(out, ':');
		kbuf_adds(out, l->v[i]);
	}
	kbuf_cstr(out);
}

void rp_list_free(struct rp_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

char *rp_norm_abs(const char *p)
{
	struct kbuf b = {0};
	kiln_path_norm(p, strlen(p), &b, KILN_NORM_CLAMP);
	char *r = kiln_xmalloc(b.len + 2);
	r[0] = '/';
	memcpy(r + 1, b.p, b.len + 1);
	kbuf_free(&b);
	return r;
}

char *rp_norm_rel(const char *p)
{
	struct kbuf b = {0};
	if (kiln_path_norm(p, strlen(p), &b, 0) < 0) {
		kbuf_free(&b);
		return NULL;
	}
	char *r = kiln_xstrndup(b.p, b.len);
	kbuf_free(&b);
	return r;
}

int rp_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == 0 || path[n] == '/');
}

char *rp_origin_rel(const char *from, const char *to)
{
	/* common leading components */
	size_t i = 0, common = 0;
	for (;;) {
		char a = from[i], b = to[i];
		if ((a == 0 || a == '/') && (b == 0 || b == '/'))
			common = i;
		if (a == 0 || b == 0 || a != b)
			break;
		i++;
	}
	struct kbuf b = {0};
	kbuf_adds(&b, "$ORIGIN");
	/* one ".." per component of from after the common part */
	const char *f = from + common;
	while (*f) {
		while (*f == '/')
			f++;
		if (!*f)
			break;
		kbuf_adds(&b, "/..");
		while (*f && *f != '/')
			f++;
	}
	const char *t = to + common;
	while (*t == '/')
		t++;
	if (*t) {
		kbuf_addc(&b, '/');
		kbuf_adds(&b, t);
	}
	char *r = kiln_xstrndup(b.p, b.len);
	kbuf_free(&b);
	return r;
}

const char *rp_origin_rest(const char *e)
{
	if (strncmp(e, "$ORIGIN", 7) == 0 && (e[7] == 0 || e[7] == '/'))
		return e + 7;
	if (strncmp(e, "${ORIGIN}", 9) == 0 && (e[9] == 0 || e[9] == '/'))
		return e + 9;
	return NULL;
}

int rp_in_sysroot(const char *path, const char *sysroot)
{
	if (sysroot)
		return rp_under(path, sysroot);
	/* host/<tuple>/sysroot */
	if (strncmp(path, "host/", 5) != 0)
		return 0;
	const char *t = strchr(path + 5, '/');
	if (!t || t == path + 5)
		return 0;
	return strncmp(t + 1, "sysroot", 7) == 0 && (t[8] == 0 || t[8] == '/');
}
