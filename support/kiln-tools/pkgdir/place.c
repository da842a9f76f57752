// SPDX-License-Identifier: GPL-2.0-or-later
/* Placing manifest entries into a destination tree with the conflict
 * rules; shared by assemble (hardlinks, ROOT/P) and merge (copies, OUT). */
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/parse.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *tname(char t)
{
	return t == 'f' ? "file" : t == 'l' ? "symlink" : "directory";
}

static const char *oname(const struct placer *pl, size_t o)
{
	return o == NONE ? "kiln" : pl->ps->v[o].name;
}

static void perr(struct placer *pl, size_t d, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void perr(struct placer *pl, size_t d, const char *path, const char *fmt, ...)
{
	struct kiln_ctx c = pl->ctx;
	if (!c.pkg)
		c.pkg = oname(pl, d);
	va_list ap;
	va_start(ap, fmt);
	kiln_verr(&c, path, fmt, ap);
	va_end(ap);
	pl->errors++;
}

void placer_init(struct placer *pl)
{
	copy_init();
	kiln_hmap_init(&pl->map, 4096);
	kiln_hmap_init(&pl->linkmap, 64);
}

/* Merge: a source file with other links, already copied with the same
 * content, is linked to its copy (hard links stay hard links in the
 * output tree, never to a per-package directory). Returns 1 when it
 * linked, 0 when the caller copies. */
static int link_copy(struct placer *pl, const struct kiln_entry *e, const struct stat *sst,
		     struct stat *st)
{
	char key[16];
	uint64_t dev = (uint64_t)sst->st_dev, ino = (uint64_t)sst->st_ino;
	memcpy(key, &dev, 8);
	memcpy(key + 8, &ino, 8);
	size_t *ix = kiln_hmap_get(&pl->linkmap, key, sizeof key);
	if (!ix)
		return 0;
	struct placed_link *l = &pl->links[*ix];
	struct stat dst;
	if (memcmp(l->sha, e->sha, 32) != 0 ||
	    fstatat(pl->dstfd, l->dst, &dst, AT_SYMLINK_NOFOLLOW) < 0 || (uint64_t)dst.st_ino != l->ino ||
	    (dst.st_mode & 07777) != (e->mode & 07777) ||
	    linkat(pl->dstfd, l->dst, pl->dstfd, pl->a.p, 0) < 0 ||
	    fstatat(pl->dstfd, pl->a.p, st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	return 1;
}

static void remember_copy(struct placer *pl, const struct kiln_entry *e, const struct stat *sst,
			  const struct stat *st)
{
	if (pl->nlinks == pl->caplinks) {
		size_t cap = pl->caplinks ? pl->caplinks * 2 : 64;
		struct placed_link *v = kiln_xrealloc(pl->links, cap * sizeof *v);
		/* the map's keys live in the array: rebuild it after a move */
		kiln_hmap_free(&pl->linkmap);
		kiln_hmap_init(&pl->linkmap, cap);
		for (size_t i = 0; i < pl->nlinks; i++)
			kiln_hmap_put(&pl->linkmap, v[i].key, sizeof v[i].key, i, NULL);
		pl->links = v;
		pl->caplinks = cap;
	}
	struct placed_link *l = &pl->links[pl->nlinks];
	uint64_t dev = (uint64_t)sst->st_dev, ino = (uint64_t)sst->st_ino;
	memcpy(l->key, &dev, 8);
	memcpy(l->key + 8, &ino, 8);
	int found = 0;
	size_t *v = kiln_hmap_put(&pl->linkmap, l->key, sizeof l->key, pl->nlinks, &found);
	if (found) {
		/* an earlier copy was replaced since: link to this one */
		struct placed_link *old = &pl->links[*v];
		free(old->dst);
		old->dst = kiln_xstrndup(pl->a.p, pl->a.len);
		old->ino = (uint64_t)st->st_ino;
		memcpy(old->sha, e->sha, 32);
		return;
	}
	l->dst = kiln_xstrndup(pl->a.p, pl->a.len);
	l->ino = (uint64_t)st->st_ino;
	memcpy(l->sha, e->sha, 32);
	pl->nlinks++;
}

static size_t add_placed(struct placer *pl, const char *path, size_t plen, size_t owner,
			 const struct kiln_entry *ent, char type)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 1024;
		pl->v = kiln_xrealloc(pl->v, pl->cap * sizeof *pl->v);
	}
	struct placed *x = &pl->v[pl->n];
	memset(x, 0, sizeof *x);
	x->path = path;
	x->plen = plen;
	x->owner = owner;
	x->ent = ent;
	x->type = type;
	x->how = '-';
	*kiln_hmap_put(&pl->map, path, plen, pl->n, NULL) = pl->n;
	return pl->n++;
}

void placer_add_root(struct placer *pl, const char *name)
{
	add_placed(pl, name, strlen(name), NONE, NULL, 'd');
}

/* destination path relative to dstfd, in pl->a */
static const char *dst_rel(struct placer *pl, const char *path, size_t plen)
{
	pl->a.len = 0;
	if (plen <= pl->strip)
		kbuf_addc(&pl->a, '.');
	else
		kbuf_add(&pl->a, path + pl->strip, plen - pl->strip);
	return kbuf_cstr(&pl->a);
}

/* absolute destination path for messages, in pl->c */
static const char *dst_abs(struct placer *pl, const char *path, size_t plen)
{
	pl->c.len = 0;
	kbuf_adds(&pl->c, pl->dstdesc);
	if (plen > pl->strip) {
		kbuf_addc(&pl->c, '/');
		kbuf_add(&pl->c, path + pl->strip, plen - pl->strip);
	}
	return kbuf_cstr(&pl->c);
}

/* source path relative to ROOT ("D/path"), in pl->b */
static const char *src_rel(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	pl->b.len = 0;
	kbuf_adds(&pl->b, pl->ps->v[d].name);
	kbuf_addc(&pl->b, '/');
	kbuf_add(&pl->b, e->path, e->plen);
	return kbuf_cstr(&pl->b);
}

static int ensure_parent(struct placer *pl, size_t d, const char *path, size_t plen)
{
	const char *slash = memrchr(path, '/', plen);
	if (!slash)
		return 0;
	size_t ppl = (size_t)(slash - path);
	size_t *ix = kiln_hmap_get(&pl->map, path, ppl);
	if (ix && !pl->v[*ix].dead) {
		struct placed *x = &pl->v[*ix];
		if (x->type == 'd')
			return 0;
		/* one message per file or symlink and package, not per entry below it */
		if (x->below_reported == d + 1)
			return -1;
		x->below_reported = d + 1;
		perr(pl, d, NULL, "conflict: %.*s is a %s installed by %s, but %s installs %.*s below "
		     "it (make one of them depend on the other, or change one of them)", (int)ppl,
		     path, tname(x->type), oname(pl, x->owner), oname(pl, d), (int)plen, path);
		return -1;
	}
	if (ensure_parent(pl, d, path, ppl))
		return -1;
	if (!pl->dry && mkdirat(pl->dstfd, dst_rel(pl, path, ppl), 0755) < 0) {
		int e = errno;
		perr(pl, d, dst_abs(pl, path, ppl), "cannot create directory: %s (check free space "
		     "and permissions)", strerror(e));
		return -1;
	}
	add_placed(pl, path, ppl, d, NULL, 'd');
	return 0;
}

/* The file of d at e no longer has the content d recorded: something
 * changed it after d installed (a dependent writing into a file it
 * shares with d, caught here if its own record did not). Nothing built
 * from it may ship: mark d to be reinstalled by the next make. */
static int not_as_recorded(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	perr(pl, d, NULL, "%s/%s: the content differs from what %s recorded in its manifest "
	     "(the file was changed after %s installed it); %s will be reinstalled by the next "
	     "make", pl->root, src_rel(pl, d, e), oname(pl, d), oname(pl, d), oname(pl, d));
	pl->c.len = 0;
	kbuf_add(&pl->c, e->path, e->plen);
	kbuf_adds(&pl->c, "\tcontent differs from the manifest\n");
	mark_damaged(pl->root, oname(pl, d), pl->c.p, pl->c.len);
	return -1;
}

/* placed content of a reloc file: source with ROOT/D/ rewritten, in pl->d */
static int reloc_content(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	int err = kiln_read_file_at(pl->srcfd, src_rel(pl, d, e), &pl->c, NULL);
	if (err) {
		perr(pl, d, NULL, "%s/%s: cannot read file of %s: %s (rebuild %s)", pl->root,
		     pl->b.p, oname(pl, d), strerror(err), oname(pl, d));
		return -1;
	}
	unsigned char sha[32];
	kiln_sha256(pl->c.p, pl->c.len, sha);
	if (memcmp(sha, e->sha, 32) != 0)
		return not_as_recorded(pl, d, e);
	pl->d.len = 0;
	replace_all(&pl->d, pl->c.p, pl->c.len, pl->pfx.p, pl->pfx.len, pl->dstpfx,
		    strlen(pl->dstpfx));
	return 0;
}

/* symlink target as placed, in pl->d */
static void link_target(struct placer *pl, const struct kiln_entry *e)
{
	pl->d.len = 0;
	if (e->flags & KILN_F_RELOC)
		replace_all(&pl->d, e->target, e->tlen, pl->pfx.p, pl->pfx.len, pl->dstpfx,
			    strlen(pl->dstpfx));
	else
		kbuf_add(&pl->d, e->target, e->tlen);
	kbuf_cstr(&pl->d);
}

/* 1 same content, 0 different, -1 error */
static int same_content(struct placer *pl, const struct placed *x, size_t d,
			const struct kiln_entry *e)
{
	if (e->type == 'l') {
		link_target(pl, e);
		return x->tlen == pl->d.len && memcmp(x->target, pl->d.p, x->tlen) == 0;
	}
	unsigned char sha[32];
	const unsigned char *old = x->has_csha ? x->csha : x->ent->sha;
	if (e->flags & KILN_F_RELOC) {
		if (reloc_content(pl, d, e))
			return -1;
		kiln_sha256(pl->d.p, pl->d.len, sha);
		return memcmp(sha, old, 32) == 0;
	}
	return memcmp(e->sha, old, 32) == 0;
}

static int remove_placed(struct placer *pl, size_t d, size_t i)
{
	struct placed *x = &pl->v[i];
	const char *rel = dst_rel(pl, x->path, x->plen);
	int err = 0;
	if (pl->dry) {
		if (x->type == 'd')
			for (size_t k = 0; k < pl->n; k++) {
				struct placed *y = &pl->v[k];
				if (y->plen > x->plen && y->path[x->plen] == '/' &&
				    memcmp(y->path, x->path, x->plen) == 0)
					y->dead = 1;
			}
	} else if (x->type == 'd') {
		char *where = NULL;
		err = rmtree_at(pl->dstfd, rel, &where);
		free(where);
		for (size_t k = 0; k < pl->n; k++) {
			struct placed *y = &pl->v[k];
			if (y->plen > x->plen && y->path[x->plen] == '/' &&
			    memcmp(y->path, x->path, x->plen) == 0)
				y->dead = 1;
		}
	} else if (unlinkat(pl->dstfd, rel, 0) < 0) {
		err = errno;
	}
	if (err) {
		perr(pl, d, dst_abs(pl, x->path, x->plen), "cannot remove %s of %s to replace it: %s "
		     "(check permissions)", tname(x->type), oname(pl, x->owner), strerror(err));
		return -1;
	}
	x->dead = 1;
	return 0;
}

/* Copies the file of e (source in pl->b, destination in pl->a): one
 * open and fstat of the source, whose link count tells merge whether
 * another name of it was copied already (then linked to that copy);
 * target/ is hashed while copied. st is the new file's stat where
 * something reads it (assemble's .imports, the copies merge links
 * to); else only its type, mode and size, known without asking.
 * Returns 0, an errno, or -1 when the content is not the manifest's. */
static int copy_entry(struct placer *pl, const struct kiln_entry *e, struct stat *st,
		      const char **what)
{
	struct stat sst;
	*what = "open source";
	int in = openat(pl->srcfd, pl->b.p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return errno;
	int err = fstat(in, &sst) < 0 ? errno : S_ISREG(sst.st_mode) ? 0 : EINVAL;
	if (err) {
		close(in);
		return err;
	}
	int multi = pl->verify && sst.st_nlink > 1;
	if (multi && link_copy(pl, e, &sst, st)) {
		/* the same source inode, its content already checked */
		close(in);
		return 0;
	}
	int need_st = pl->hardlink || multi;
	unsigned char sha[32];
	uint64_t n;
	err = copy_open_file(in, (uint64_t)sst.st_size, pl->dstfd, pl->a.p, e->mode, need_st ? st : NULL,
			     what, pl->verify ? sha : NULL, &n);
	close(in);
	if (err)
		return err;
	if (pl->verify && memcmp(sha, e->sha, 32) != 0) {
		/* merge of target/: what ships is proven to be what the
		 * owner recorded */
		unlinkat(pl->dstfd, pl->a.p, 0);
		return -1;
	}
	if (!need_st) {
		memset(st, 0, sizeof *st);
		st->st_mode = S_IFREG | (e->mode & 07777);
		st->st_size = (off_t)n;
	}
	if (multi)
		remember_copy(pl, e, &sst, st);
	return 0;
}

static int place_file(struct placer *pl, size_t d, const struct kiln_entry *e, struct placed *tmp)
{
	struct stat st;
	const char *what = "link";
	int err = 0;
	src_rel(pl, d, e);
	dst_rel(pl, e->path, e->plen);
	if (e->flags & KILN_F_RELOC) {
		if (reloc_content(pl, d, e))
			return -1;
		kiln_sha256(pl->d.p, pl->d.len, tmp->csha);
		tmp->has_csha = 1;
		tmp->how = 'c';
		what = "write";
		err = write_new_file(pl->dstfd, dst_rel(pl, e->path, e->plen), pl->d.p, pl->d.len,
				     e->mode, pl->hardlink ? &st : NULL);
		if (!err && !pl->hardlink) {
			/* merge reads no more of it than this */
			memset(&st, 0, sizeof st);
			st.st_mode = S_IFREG | (e->mode & 07777);
			st.st_size = (off_t)pl->d.len;
		}
	} else {
		int copy = !pl->hardlink;
		if (!copy && linkat(pl->srcfd, pl->b.p, pl->dstfd, pl->a.p, 0) < 0) {
			err = errno;
			if (err == EXDEV || err == EMLINK || err == EPERM)
				copy = 1, err = 0;
		}
		if (copy) {
			tmp->how = 'c';
			err = copy_entry(pl, e, &st, &what);
			if (err < 0)
				return not_as_recorded(pl, d, e);
		} else if (!err) {
			tmp->how = 'h';
			if (fstatat(pl->dstfd, pl->a.p, &st, AT_SYMLINK_NOFOLLOW) < 0)
				err = errno, what = "stat";
		}
	}
	if (err == ENOENT || err == ELOOP || (err == EINVAL && strcmp(what, "open source") == 0)) {
		perr(pl, d, NULL, "%s/%s: %s's manifest lists this file but it is missing or not a "
		     "regular file (rebuild %s)", pl->root, pl->b.p, oname(pl, d), oname(pl, d));
		return -1;
	}
	if (err) {
		perr(pl, d, dst_abs(pl, e->path, e->plen), "cannot %s file of %s: %s (check free "
		     "space and permissions)", what, oname(pl, d), strerror(err));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (!(e->flags & KILN_F_RELOC) && (uint64_t)st.st_size != e->size)) {
		perr(pl, d, NULL, "%s/%s: file changed after %s was recorded (size %lld, manifest says "
		     "%llu; rebuild %s)", pl->root, src_rel(pl, d, e), oname(pl, d),
		     (long long)st.st_size, (unsigned long long)e->size, oname(pl, d));
		return -1;
	}
	tmp->dev = (uint64_t)st.st_dev;
	tmp->ino = (uint64_t)st.st_ino;
	tmp->size = (uint64_t)st.st_size;
	tmp->mtime = time_ns(&st.st_mtim);
	tmp->uid = (uint64_t)st.st_uid;
	tmp->gid = (uint64_t)st.st_gid;
	tmp->mode = st.st_mode & 07777;
	return 0;
}

/* Dry run (the plan of an incremental merge): what place_file and
 * place_new would place, without writing: the placed content hash of a
 * reloc file, the placed target of a symlink, and, for target/, whether
 * the source has other links (merge would hard-link its copies). */
static int plan_entry(struct placer *pl, size_t d, const struct kiln_entry *e, struct placed *tmp)
{
	if (e->type == 'l') {
		link_target(pl, e);
		tmp->target = kiln_xstrndup(pl->d.p, pl->d.len);
		tmp->tlen = pl->d.len;
	} else if (e->type == 'f' && (e->flags & KILN_F_RELOC)) {
		if (reloc_content(pl, d, e))
			return -1;
		kiln_sha256(pl->d.p, pl->d.len, tmp->csha);
		tmp->has_csha = 1;
	} else if (e->type == 'f' && pl->verify) {
		struct stat sst;
		if (fstatat(pl->srcfd, src_rel(pl, d, e), &sst, AT_SYMLINK_NOFOLLOW) == 0 &&
		    sst.st_nlink > 1) {
			/* plan_build tells whether another placed path has it */
			tmp->multi = 1;
			tmp->dev = (uint64_t)sst.st_dev;
			tmp->ino = (uint64_t)sst.st_ino;
		}
	}
	return 0;
}

static int place_new(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	struct placed tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.how = '-';
	if (pl->dry) {
		if (plan_entry(pl, d, e, &tmp))
			return -1;
	} else if (e->type == 'f') {
		if (place_file(pl, d, e, &tmp))
			return -1;
	} else if (e->type == 'd') {
		if (mkdirat(pl->dstfd, dst_rel(pl, e->path, e->plen), 0755) < 0) {
			int err = errno;
			perr(pl, d, dst_abs(pl, e->path, e->plen), "cannot create directory: %s (check "
			     "free space and permissions)", strerror(err));
			return -1;
		}
	} else {
		link_target(pl, e);
		if (symlinkat(pl->d.p, pl->dstfd, dst_rel(pl, e->path, e->plen)) < 0) {
			int err = errno;
			perr(pl, d, dst_abs(pl, e->path, e->plen), "cannot create symlink: %s (check "
			     "free space and permissions)", strerror(err));
			return -1;
		}
		tmp.target = kiln_xstrndup(pl->d.p, pl->d.len);
		tmp.tlen = pl->d.len;
	}
	size_t i = add_placed(pl, e->path, e->plen, d, e, e->type);
	struct placed *x = &pl->v[i];
	x->how = tmp.how;
	x->has_csha = tmp.has_csha;
	memcpy(x->csha, tmp.csha, 32);
	x->target = tmp.target;
	x->tlen = tmp.tlen;
	x->dev = tmp.dev;
	x->ino = tmp.ino;
	x->size = tmp.size;
	x->mtime = tmp.mtime;
	x->uid = tmp.uid;
	x->gid = tmp.gid;
	x->mode = tmp.mode;
	x->multi = tmp.multi;
	return 0;
}

int placer_place_new(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	return place_new(pl, d, e);
}

static void place_entry(struct placer *pl, size_t d, const struct kiln_entry *e)
{
	if (pl->tree) {
		size_t tl = strlen(pl->tree);
		if (e->plen <= tl || e->path[tl] != '/' || memcmp(e->path, pl->tree, tl) != 0)
			return;
	}
	if (ensure_parent(pl, d, e->path, e->plen))
		return;
	size_t *ix = kiln_hmap_get(&pl->map, e->path, e->plen);
	if (ix && !pl->v[*ix].dead) {
		struct placed *x = &pl->v[*ix];
		if (x->type == 'd' && e->type == 'd') {
			if (!x->ent) {
				x->ent = e;
				x->owner = d;
			}
			return;
		}
		if (x->type == e->type) {
			int same = same_content(pl, x, d, e);
			if (same < 0 || same)
				return;
		}
		if (pkgset_in_closure(pl->ps, d, x->owner)) {
			if (remove_placed(pl, d, *ix))
				return;
		} else if (pkgset_in_closure(pl->ps, x->owner, d)) {
			return;
		} else {
			perr(pl, d, NULL, "conflict: %.*s is installed by both %s and %s with different "
			     "content (make one package depend on the other, or remove the path "
			     "from one of them)", (int)e->plen, e->path, oname(pl, x->owner),
			     oname(pl, d));
			return;
		}
	}
	place_new(pl, d, e);
}

int placer_add_pkg(struct placer *pl, size_t d)
{
	const struct pkg *p = &pl->ps->v[d];
	int before = pl->errors;
	pl->pfx.len = 0;
	kbuf_adds(&pl->pfx, pl->root);
	kbuf_addc(&pl->pfx, '/');
	kbuf_adds(&pl->pfx, p->name);
	kbuf_addc(&pl->pfx, '/');
	kbuf_cstr(&pl->pfx);
	for (size_t i = 0; i < p->m.n; i++)
		place_entry(pl, d, &p->m.ent[i]);
	return pl->errors != before ? -1 : 0;
}

static int cmp_idx(const void *a, const void *b, void *arg)
{
	const struct placer *pl = arg;
	const struct placed *x = &pl->v[*(const size_t *)a], *y = &pl->v[*(const size_t *)b];
	return kiln_pathcmp(x->path, x->plen, y->path, y->plen);
}

size_t *placer_sorted(const struct placer *pl, size_t *n)
{
	size_t *ix = kiln_xmalloc((pl->n + 1) * sizeof *ix), k = 0;
	for (size_t i = 0; i < pl->n; i++)
		if (!pl->v[i].dead && pl->v[i].owner != NONE)
			ix[k++] = i;
	qsort_r(ix, k, sizeof *ix, cmp_idx, (void *)pl);
	*n = k;
	return ix;
}

int placer_finish(struct placer *pl)
{
	size_t n;
	size_t *ix = placer_sorted(pl, &n);
	int before = pl->errors;
	if (pl->dry) {
		free(ix);
		return 0;
	}
	/* deepest first, so that a read-only directory never blocks its children */
	for (size_t k = n; k-- > 0;) {
		const struct placed *x = &pl->v[ix[k]];
		if (x->type != 'd' || !x->ent || (x->ent->mode & 07777) == 0755)
			continue;
		if (fchmodat(pl->dstfd, dst_rel(pl, x->path, x->plen), x->ent->mode & 07777, 0) < 0) {
			int err = errno;
			perr(pl, x->owner, dst_abs(pl, x->path, x->plen), "cannot set mode %04o: %s "
			     "(check permissions)", x->ent->mode & 07777, strerror(err));
		}
	}
	free(ix);
	return pl->errors != before ? -1 : 0;
}

void placer_free(struct placer *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->v[i].target);
	free(pl->v);
	kiln_hmap_free(&pl->map);
	for (size_t i = 0; i < pl->nlinks; i++)
		free(pl->links[i].dst);
	free(pl->links);
	kiln_hmap_free(&pl->linkmap);
	kbuf_free(&pl->a);
	kbuf_free(&pl->b);
	kbuf_free(&pl->c);
	kbuf_free(&pl->d);
	kbuf_free(&pl->pfx);
}
