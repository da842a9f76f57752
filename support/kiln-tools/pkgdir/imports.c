// SPDX-License-Identifier: GPL-2.0-or-later
/* ROOT/P/.imports: what assemble placed, read back by record.
 *
 *   kiln-imports 2
 *   package P
 *   closure A B ...
 *   TYPE OWNER HOW DEV INO SIZE MTIME_NS MODE UID GID SHA PATH [TARGET]
 *                                                    (TAB separated)
 *
 * HOW is h (hardlinked) or c (copied) for files, - otherwise; DEV INO
 * SIZE MTIME_NS UID GID are decimal, MODE 4 octal digits and SHA the 64
 * hex digits of the content as placed, for files, and - otherwise
 * (MTIME_NS is the 64-bit pattern of the signed nanosecond time). They
 * are what record compares to tell what a package changed in a file it
 * shares with the file's owner. Escaping and ordering as in the
 * manifest. */
#include "pkgdir.h"
#include "../lib/escape.h"
#include "../lib/file.h"
#include "../lib/parse.h"
#include "../lib/path.h"
#include "../lib/sha256.h"

#include <stdlib.h>
#include <string.h>

static int parse_line(struct kiln_lines *L, struct imp *e, char *line, size_t len)
{
	char *f[13];
	size_t fl[13];
	size_t nf = kiln_split_tabs(line, len, f, fl, 13);
	if (nf < 12 || fl[0] != 1 || (f[0][0] != 'f' && f[0][0] != 'l' && f[0][0] != 'd'))
		return kiln_perr(L, "expected TYPE OWNER HOW DEV INO SIZE MTIME MODE UID GID SHA PATH "
				 "[TARGET]");
	e->type = f[0][0];
	if (nf != (e->type == 'l' ? 13u : 12u))
		return kiln_perr(L, "wrong number of fields for type %c", e->type);
	if (!kiln_valid_pkgname(f[1], fl[1]))
		return kiln_perr(L, "invalid owner");
	e->owner = f[1];
	if (e->type == 'f') {
		if (fl[2] != 1 || (f[2][0] != 'h' && f[2][0] != 'c'))
			return kiln_perr(L, "HOW must be h or c for a file");
		e->how = f[2][0];
		if (kiln_parse_u64(f[3], fl[3], &e->dev) || kiln_parse_u64(f[4], fl[4], &e->ino) ||
		    kiln_parse_u64(f[5], fl[5], &e->size) || kiln_parse_u64(f[6], fl[6], &e->mtime) ||
		    kiln_parse_u64(f[8], fl[8], &e->uid) || kiln_parse_u64(f[9], fl[9], &e->gid))
			return kiln_perr(L, "invalid number");
		if (fl[7] != 4 || kiln_parse_mode(f[7], fl[7], &e->mode))
			return kiln_perr(L, "invalid mode");
		if (kiln_parse_sha(f[10], fl[10], e->sha))
			return kiln_perr(L, "invalid sha256");
	} else {
		for (int i = 2; i < 11; i++)
			if (fl[i] != 1 || f[i][0] != '-')
				return kiln_perr(L, "field %d must be - for type %c", i + 1, e->type);
		e->how = '-';
	}
	long n = kiln_unescape(f[11], fl[11], NULL);
	if (n < 0)
		return kiln_perr(L, "invalid escape in path");
	f[11][n] = 0;
	e->path = f[11];
	e->plen = (size_t)n;
	if (!kiln_valid_relpath(e->path, e->plen))
		return kiln_perr(L, "invalid path");
	if (e->type == 'l') {
		n = kiln_unescape(f[12], fl[12], NULL);
		if (n <= 0)
			return kiln_perr(L, "invalid symlink target");
		f[12][n] = 0;
		e->target = f[12];
		e->tlen = (size_t)n;
	}
	return 0;
}

int imports_parse(struct imports *im, char *buf, size_t len, char *err, size_t errlen)
{
	memset(im, 0, sizeof *im);
	im->buf = buf;
	buf[len] = 0;
	struct kiln_lines L = {buf, buf + len, 0, err, errlen};
	if (kiln_parse_header(&L, IMPORTS_MAGIC, &im->package, &im->closure, &im->nclosure))
		return -1;
	char *line;
	size_t ll;
	int bad;
	while ((line = kiln_next_line(&L, &ll, &bad))) {
		if (im->n == im->cap) {
			im->cap = im->cap ? im->cap * 2 : 64;
			im->ent = kiln_xrealloc(im->ent, im->cap * sizeof *im->ent);
		}
		struct imp *e = &im->ent[im->n++];
		memset(e, 0, sizeof *e);
		if (parse_line(&L, e, line, ll))
			return -1;
		if (im->n > 1) {
			const struct imp *p = &im->ent[im->n - 2];
			if (kiln_pathcmp(p->path, p->plen, e->path, e->plen) >= 0)
				return kiln_perr(&L, "paths not sorted or not unique");
		}
	}
	return bad ? -1 : 0;
}

int imports_load(struct imports *im, int dirfd, const char *path, char *err, size_t errlen)
{
	struct kbuf b = {0};
	memset(im, 0, sizeof *im);
	int e = kiln_read_file_at(dirfd, path, &b, NULL);
	if (e) {
		kbuf_free(&b);
		return e;
	}
	kbuf_reserve(&b, 1);
	return imports_parse(im, b.p, b.len, err, errlen);
}

void imports_write_line(struct kbuf *out, const struct imp *e)
{
	kbuf_addc(out, e->type);
	kbuf_addc(out, '\t');
	kbuf_adds(out, e->owner);
	if (e->type == 'f') {
		char hex[65];
		kiln_hex32(e->sha, hex);
		kbuf_printf(out, "\t%c\t%llu\t%llu\t%llu\t%llu\t%04o\t%llu\t%llu\t%s\t", e->how,
			    (unsigned long long)e->dev, (unsigned long long)e->ino,
			    (unsigned long long)e->size, (unsigned long long)e->mtime, e->mode & 07777,
			    (unsigned long long)e->uid, (unsigned long long)e->gid, hex);
	} else {
		kbuf_adds(out, "\t-\t-\t-\t-\t-\t-\t-\t-\t-\t");
	}
	kiln_escape(out, e->path, e->plen);
	if (e->type == 'l') {
		kbuf_addc(out, '\t');
		kiln_escape(out, e->target, e->tlen);
	}
	kbuf_addc(out, '\n');
}

void imports_free(struct imports *im)
{
	free(im->buf);
	free(im->closure);
	free(im->ent);
	memset(im, 0, sizeof *im);
}
