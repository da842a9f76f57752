// SPDX-License-Identifier: GPL-2.0-or-later
#include "manifest.h"
#include "escape.h"
#include "file.h"
#include "parse.h"
#include "path.h"
#include "sha256.h"

#include <stdlib.h>
#include <string.h>

struct kiln_entry *kiln_manifest_add(struct kiln_manifest *m)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->ent = kiln_xrealloc(m->ent, m->cap * sizeof *m->ent);
	}
	struct kiln_entry *e = &m->ent[m->n++];
	memset(e, 0, sizeof *e);
	return e;
}

void kiln_manifest_free(struct kiln_manifest *m)
{
	free(m->buf);
	free(m->closure);
	free(m->ent);
	memset(m, 0, sizeof *m);
}

static int parse_flags(struct kiln_lines *L, struct kiln_entry *e, char *s, size_t n)
{
	if (n == 1 && s[0] == '-')
		return 0;
	char *p = s, *end = s + n;
	while (p <= end) {
		char *q = memchr(p, ',', (size_t)(end - p));
		if (!q)
			q = end;
		size_t len = (size_t)(q - p);
		if (len == 5 && memcmp(p, "reloc", 5) == 0) {
			if (e->flags & KILN_F_RELOC)
				return kiln_perr(L, "flag reloc given twice");
			if (e->type == 'd')
				return kiln_perr(L, "flag reloc on a directory");
			e->flags |= KILN_F_RELOC;
		} else if (len > 9 && memcmp(p, "override=", 9) == 0) {
			if (e->override)
				return kiln_perr(L, "flag override given twice");
			if (!kiln_valid_pkgname(p + 9, len - 9))
				return kiln_perr(L, "invalid package name in override flag");
			*q = 0;
			e->override = p + 9;
		} else {
			return kiln_perr(L, "unknown flag (expected -, reloc or override=OWNER)");
		}
		p = q + 1;
	}
	return 0;
}

static int parse_entry(struct kiln_lines *L, struct kiln_entry *e, char *line, size_t len)
{
	char *f[7];
	size_t fl[7];
	size_t nf = kiln_split_tabs(line, len, f, fl, 7);
	if (nf < 6)
		return kiln_perr(L, "expected 6 TAB-separated fields (7 for a symlink), found %zu", nf);
	if (fl[0] != 1 || (f[0][0] != 'f' && f[0][0] != 'l' && f[0][0] != 'd'))
		return kiln_perr(L, "invalid type (expected f, l or d)");
	e->type = f[0][0];
	if (nf != (e->type == 'l' ? 7u : 6u))
		return kiln_perr(L, "expected %d TAB-separated fields for type %c", e->type == 'l' ? 7 : 6,
				 e->type);
	if (kiln_parse_mode(f[1], fl[1], &e->mode))
		return kiln_perr(L, "invalid mode (expected 4 octal digits)");
	if (e->type == 'f') {
		if (kiln_parse_u64(f[2], fl[2], &e->size))
			return kiln_perr(L, "invalid size");
		if (kiln_parse_sha(f[3], fl[3], e->sha))
			return kiln_perr(L, "invalid sha256 (expected 64 lowercase hex digits)");
	} else {
		if (fl[2] != 1 || f[2][0] != '-')
			return kiln_perr(L, "size must be - for type %c", e->type);
		if (fl[3] != 1 || f[3][0] != '-')
			return kiln_perr(L, "sha256 must be - for type %c", e->type);
	}
	if (parse_flags(L, e, f[4], fl[4]))
		return -1;
	size_t bad;
	long n = kiln_unescape(f[5], fl[5], &bad);
	if (n < 0)
		return kiln_perr(L, "invalid escape in path (only \\\\, \\t and \\n exist)");
	f[5][n] = 0;
	e->path = f[5];
	e->plen = (size_t)n;
	if (!kiln_valid_relpath(e->path, e->plen))
		return kiln_perr(L, "invalid path (must start with host/ or target/, "
				    "without empty, . or .. components)");
	if (e->type == 'l') {
		n = kiln_unescape(f[6], fl[6], &bad);
		if (n < 0)
			return kiln_perr(L, "invalid escape in symlink target");
		if (n == 0)
			return kiln_perr(L, "empty symlink target");
		f[6][n] = 0;
		e->target = f[6];
		e->tlen = (size_t)n;
	}
	return 0;
}

int kiln_manifest_parse(struct kiln_manifest *m, char *buf, size_t len, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	m->buf = buf;
	buf[len] = 0;
	struct kiln_lines L = {buf, buf + len, 0, err, errlen};
	if (kiln_parse_header(&L, KILN_MANIFEST_MAGIC, &m->package, &m->closure, &m->nclosure))
		return -1;
	char *line;
	size_t ll;
	int bad;
	while ((line = kiln_next_line(&L, &ll, &bad))) {
		struct kiln_entry *e = kiln_manifest_add(m);
		if (parse_entry(&L, e, line, ll))
			return -1;
		if (m->n > 1) {
			const struct kiln_entry *p = &m->ent[m->n - 2];
			int c = kiln_pathcmp(p->path, p->plen, e->path, e->plen);
			if (c == 0)
				return kiln_perr(&L, "duplicate path");
			if (c > 0)
				return kiln_perr(&L, "entries not sorted by path");
		}
	}
	return bad ? -1 : 0;
}

int kiln_manifest_load(struct kiln_manifest *m, int dirfd, const char *path, char *err, size_t errlen)
{
	struct kbuf b = {0};
	memset(m, 0, sizeof *m);
	int e = kiln_read_file_at(dirfd, path, &b, NULL);
	if (e) {
		kbuf_free(&b);
		return e;
	}
	kbuf_reserve(&b, 1);
	return kiln_manifest_parse(m, b.p, b.len, err, errlen);
}

static int entcmp(const void *a, const void *b)
{
	const struct kiln_entry *x = a, *y = b;
	return kiln_pathcmp(x->path, x->plen, y->path, y->plen);
}

void kiln_manifest_sort(struct kiln_manifest *m)
{
	if (m->n > 1)
		qsort(m->ent, m->n, sizeof *m->ent, entcmp);
}

void kiln_manifest_write(const struct kiln_manifest *m, struct kbuf *out)
{
	kbuf_adds(out, KILN_MANIFEST_MAGIC "\npackage ");
	kbuf_adds(out, m->package);
	kbuf_adds(out, "\nclosure");
	for (size_t i = 0; i < m->nclosure; i++) {
		kbuf_addc(out, ' ');
		kbuf_adds(out, m->closure[i]);
	}
	kbuf_addc(out, '\n');
	for (size_t i = 0; i < m->n; i++) {
		const struct kiln_entry *e = &m->ent[i];
		kbuf_printf(out, "%c\t%04o\t", e->type, e->mode & 07777);
		if (e->type == 'f') {
			char hex[65];
			kiln_hex32(e->sha, hex);
			kbuf_printf(out, "%llu\t%s\t", (unsigned long long)e->size, hex);
		} else {
			kbuf_adds(out, "-\t-\t");
		}
		if (!e->flags && !e->override)
			kbuf_addc(out, '-');
		if (e->flags & KILN_F_RELOC)
			kbuf_adds(out, e->override ? "reloc," : "reloc");
		if (e->override) {
			kbuf_adds(out, "override=");
			kbuf_adds(out, e->override);
		}
		kbuf_addc(out, '\t');
		kiln_escape(out, e->path, e->plen);
		if (e->type == 'l') {
			kbuf_addc(out, '\t');
			kiln_escape(out, e->target, e->tlen);
		}
		kbuf_addc(out, '\n');
	}
}
