// SPDX-License-Identifier: GPL-2.0-or-later
/* The merge state record (OUT/.<tree>.state): what an incremental merge
 * compares the new plan with. See docs/per-package-directories.md. */
#include "pkgdir.h"
#include "../lib/escape.h"
#include "../lib/file.h"
#include "../lib/parse.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mstate_free(struct mstate *s)
{
	free(s->buf);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* TAB-separated: "E", type, mode (octal), flags (present 'p', absent
 * 'a', unknown '?'; then 'm' multi-linked or '-'), sig (64 hex), path. */
int mstate_parse(struct mstate *s, char *buf, size_t len, char *err, size_t errlen)
{
	struct kiln_lines L = {buf, buf + len, 0, err, errlen};
	memset(s, 0, sizeof *s);
	s->buf = buf;
	size_t n;
	int bad = 0;
	char *f[6];
	size_t fl[6];
	char *line = kiln_next_line(&L, &n, &bad);
	if (!line || strcmp(line, MSTATE_MAGIC) != 0)
		return bad ? -1 : kiln_perr(&L, "not a merge state record (%s expected)", MSTATE_MAGIC);
	for (int h = 0; h < 3; h++) {
		line = kiln_next_line(&L, &n, &bad);
		if (!line)
			return bad ? -1 : kiln_perr(&L, "truncated header");
		if (kiln_split_tabs(line, n, f, fl, 2) != 2)
			return kiln_perr(&L, "header line without a TAB");
		long ul = kiln_unescape(f[1], fl[1], &(size_t){0});
		if (ul < 0)
			return kiln_perr(&L, "bad escape");
		f[1][ul] = 0;
		static const char *const names[] = {"tree", "key", "boundary"};
		if (strcmp(f[0], names[h]) != 0)
			return kiln_perr(&L, "%s expected", names[h]);
		if (h == 0) {
			s->tree = f[1];
		} else if (h == 1) {
			s->key = f[1];
		} else {
			char *dot = strchr(f[1], '.');
			if (!dot || kiln_parse_u64(f[1], (size_t)(dot - f[1]), &s->bsec) ||
			    strlen(dot + 1) != 9 || strspn(dot + 1, "0123456789") != 9)
				return kiln_perr(&L, "bad boundary");
			s->bnsec = strtoull(dot + 1, NULL, 10);
		}
	}
	while ((line = kiln_next_line(&L, &n, &bad))) {
		if (kiln_split_tabs(line, n, f, fl, 6) != 6 || strcmp(f[0], "E") != 0)
			return kiln_perr(&L, "6 TAB-separated fields starting with E expected");
		struct mstate_ent e;
		memset(&e, 0, sizeof e);
		if (fl[1] != 1 || !strchr("fld", f[1][0]))
			return kiln_perr(&L, "bad type");
		e.type = f[1][0];
		if (kiln_parse_mode(f[2], fl[2], &e.mode))
			return kiln_perr(&L, "bad mode");
		if (fl[3] != 2 || !strchr("pa?", f[3][0]) || !strchr("m-", f[3][1]))
			return kiln_perr(&L, "bad flags");
		e.present = f[3][0];
		e.multi = f[3][1] == 'm';
		if (kiln_parse_sha(f[4], fl[4], e.sig))
			return kiln_perr(&L, "bad signature");
		char *path = f[5];
		long pl = kiln_unescape(path, fl[5], &(size_t){0});
		if (pl <= 0)
			return kiln_perr(&L, "bad path");
		path[pl] = 0;
		e.path = path;
		e.plen = (size_t)pl;
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 1024;
			s->v = kiln_xrealloc(s->v, s->cap * sizeof *s->v);
		}
		s->v[s->n++] = e;
	}
	return bad ? -1 : 0;
}

int mstate_load(struct mstate *s, int dirfd, const char *path, char *err, size_t errlen)
{
	struct kbuf b = {0};
	memset(s, 0, sizeof *s);
	int e = kiln_read_file_at(dirfd, path, &b, NULL);
	if (e) {
		kbuf_free(&b);
		snprintf(err, errlen, "%s", strerror(e));
		return e == ENOENT ? 1 : -1;
	}
	kbuf_cstr(&b);
	if (mstate_parse(s, b.p, b.len, err, errlen)) {
		/* s->buf is b.p */
		return -1;
	}
	return 0;
}

void mstate_write_head(struct kbuf *out, const char *tree, const char *key, uint64_t bsec,
		       uint64_t bnsec)
{
	kbuf_printf(out, "%s\ntree\t", MSTATE_MAGIC);
	kiln_escape(out, tree, strlen(tree));
	kbuf_adds(out, "\nkey\t");
	kiln_escape(out, key, strlen(key));
	kbuf_printf(out, "\nboundary\t%llu.%09llu\n", (unsigned long long)bsec,
		    (unsigned long long)bnsec);
}

void mstate_write_ent(struct kbuf *out, const struct mstate_ent *e)
{
	char hex[65];
	kiln_hex32(e->sig, hex);
	kbuf_printf(out, "E\t%c\t%04o\t%c%c\t%s\t", e->type, e->mode & 07777, e->present,
		    e->multi ? 'm' : '-', hex);
	kiln_escape(out, e->path, e->plen);
	kbuf_addc(out, '\n');
}
