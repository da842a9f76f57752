// SPDX-License-Identifier: GPL-2.0-or-later
/* Incremental merge: OUT/<tree> brought from the state recorded at the
 * last merge (OUT/.<tree>.state) to the plan of the packages as they are
 * now, touching only what differs. See docs/per-package-directories.md. */
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/parse.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void plan_sig(const struct placed *x, struct mstate_ent *e)
{
	memset(e, 0, sizeof *e);
	e->type = x->type;
	e->present = '?';
	e->multi = x->multi;
	e->path = x->path;
	e->plen = x->plen;
	if (x->type == 'f') {
		memcpy(e->sig, x->has_csha ? x->csha : x->ent->sha, 32);
		e->mode = x->ent->mode & 07777;
	} else if (x->type == 'l') {
		kiln_sha256(x->target, x->tlen, e->sig);
	} else {
		e->mode = x->ent ? x->ent->mode & 07777 : 0755;
	}
}

void plan_build(struct plan *p)
{
	struct placer *pl = &p->pl;
	pl->dry = 1;
	placer_init(pl);
	placer_add_root(pl, pl->tree);
	for (size_t i = 0; i < pl->ps->n; i++)
		placer_add_pkg(pl, i);
	if (pl->errors)
		return;
	p->ix = placer_sorted(pl, &p->n);
	p->v = kiln_xmalloc((p->n + 1) * sizeof *p->v);
	kiln_hmap_init(&p->map, p->n + 1);
	/* a source inode placed at several paths: merge hard-links its
	 * copies (per-package directories share inodes with their
	 * dependencies', which alone makes no link in the merged tree) */
	struct kiln_hmap inos;
	char *keys = kiln_xmalloc((p->n + 1) * 16);
	size_t *cnt = calloc(p->n + 1, sizeof *cnt);
	if (!cnt)
		abort();
	kiln_hmap_init(&inos, 64);
	for (size_t k = 0; k < p->n; k++) {
		struct placed *x = &pl->v[p->ix[k]];
		if (!x->multi)
			continue;
		memcpy(keys + 16 * k, &x->dev, 8);
		memcpy(keys + 16 * k + 8, &x->ino, 8);
		int found = 0;
		size_t *v = kiln_hmap_put(&inos, keys + 16 * k, 16, k, &found);
		cnt[*v]++;
	}
	p->grp = kiln_xmalloc((p->n + 1) * sizeof *p->grp);
	for (size_t k = 0; k < p->n; k++) {
		struct placed *x = &pl->v[p->ix[k]];
		p->grp[k] = k;
		if (x->multi) {
			p->grp[k] = *kiln_hmap_get(&inos, keys + 16 * k, 16);
			x->multi = cnt[p->grp[k]] > 1;
		}
	}
	kiln_hmap_free(&inos);
	free(keys);
	free(cnt);
	for (size_t k = 0; k < p->n; k++) {
		plan_sig(&pl->v[p->ix[k]], &p->v[k]);
		/* implicit directories' paths are prefixes of their children's */
		p->v[k].path = kiln_xstrndup(p->v[k].path, p->v[k].plen);
		*kiln_hmap_put(&p->map, p->v[k].path, p->v[k].plen, k, NULL) = k;
	}
}

void plan_free(struct plan *p)
{
	placer_free(&p->pl);
	for (size_t k = 0; k < p->n; k++)
		free((char *)p->v[k].path);
	free(p->ix);
	free(p->grp);
	free(p->v);
	kiln_hmap_free(&p->map);
}

void plan_write(const struct plan *p, struct kbuf *out, const char *key)
{
	mstate_write_head(out, p->pl.tree, key, 0, 0);
	for (size_t k = 0; k < p->n; k++)
		mstate_write_ent(out, &p->v[k]);
}

/* The effective key: the caller's, and the umask (it sets modes). */
void plan_key(struct kbuf *out, const char *key)
{
	mode_t u = umask(022);
	umask(u);
	kbuf_printf(out, "%s umask=%04o", key ? key : "", (unsigned)u);
}

/* ---- the walk of the tree as it is ---- */
enum { DIRTY = 1, SEEN = 2, GONE = 4 };
struct scanst {
	const struct mstate *old;
	struct kiln_hmap map;
	unsigned char *fl;   /* per old entry */
	struct kbuf extras;  /* NUL-separated paths not the merge's */
};

static int changed_since(const struct stat *st, const struct mstate *s)
{
	uint64_t sec = (uint64_t)st->st_ctim.tv_sec, ns = (uint64_t)st->st_ctim.tv_nsec;
	return sec > s->bsec || (sec == s->bsec && ns > s->bnsec);
}

static int scan_cb(void *arg, int dirfd, const char *name, const char *rel, size_t rlen,
		   const struct stat *st)
{
	(void)dirfd;
	(void)name;
	struct scanst *w = arg;
	size_t *ix = kiln_hmap_get(&w->map, rel, rlen);
	if (!ix || w->old->v[*ix].present != 'p') {
		kbuf_add(&w->extras, rel, rlen + 1);
		return 0;
	}
	const struct mstate_ent *e = &w->old->v[*ix];
	w->fl[*ix] |= SEEN;
	char t = S_ISDIR(st->st_mode) ? 'd' : S_ISLNK(st->st_mode) ? 'l' : S_ISREG(st->st_mode) ? 'f' : 'o';
	if (t != e->type) {
		kbuf_add(&w->extras, rel, rlen + 1);
		w->fl[*ix] |= DIRTY | GONE;
	} else if (changed_since(st, w->old)) {
		w->fl[*ix] |= DIRTY;
	}
	return 0;
}

/* ---- applying ---- */
struct incr {
	const struct kiln_ctx *ctx;
	const struct plan *p;
	const char *out;
	int outfd;
	mode_t umask;
	int errors;
	unsigned char *chm; /* per new entry: its mode to be set */
};

static void ierr(struct incr *in, const char *path, const char *what, int err)
{
	kiln_err(in->ctx, NULL, "%s/%s: cannot %s: %s (check permissions; a full merge follows "
		 "at the next make)", in->out, path, what, strerror(err));
	in->errors++;
}

static void remove_path(struct incr *in, const char *path)
{
	char *where = NULL;
	int err = rmtree_at(in->outfd, path, &where);
	if (err)
		ierr(in, where ? where : path, "remove", err);
	free(where);
}

/* Creates the missing directories above path (which is "<tree>/..."). */
static void make_parents(struct incr *in, const char *path, size_t plen)
{
	const char *slash = memrchr(path, '/', plen);
	if (!slash)
		return;
	size_t ppl = (size_t)(slash - path);
	char *dir = kiln_xstrndup(path, ppl);
	struct stat st;
	if (fstatat(in->outfd, dir, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		make_parents(in, dir, ppl);
		if (mkdirat(in->outfd, dir, 0755) < 0 && errno != EEXIST)
			ierr(in, dir, "create directory", errno);
		size_t *k = kiln_hmap_get(&in->p->map, dir, ppl);
		if (k)
			in->chm[*k] = 1;
	}
	free(dir);
}

static int cmp_rev(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return -kiln_pathcmp(x, strlen(x), y, strlen(y));
}

int incr_apply(const struct kiln_ctx *ctx, struct plan *p, const struct mstate *old,
	       const char *out, int outfd, struct kbuf *placed, const char **reason)
{
	struct scanst w = {0};
	struct incr in = {0};
	const char **rm = NULL;
	size_t nrm = 0;
	unsigned char *place = NULL;
	int rc = -1;
	w.old = old;
	w.fl = calloc(old->n + 1, 1);
	in.chm = calloc(p->n + 1, 1);
	place = calloc(p->n + 1, 1);
	rm = kiln_xmalloc((old->n + 1) * sizeof *rm);
	if (!w.fl || !in.chm || !place)
		abort();
	kiln_hmap_init(&w.map, old->n + 1);
	for (size_t i = 0; i < old->n; i++)
		*kiln_hmap_put(&w.map, old->v[i].path, old->v[i].plen, i, NULL) = i;
	in.ctx = ctx;
	in.p = p;
	in.out = out;
	in.outfd = outfd;
	in.umask = umask(022);
	umask(in.umask);

	/* 1. what changed in the tree since the last merge (finalize
	 * steps, post-build scripts, overlays, a hand edit): back to the
	 * merged state */
	int tfd = openat(outfd, p->pl.tree, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (tfd < 0) {
		*reason = "the tree is missing";
		rc = 1;
		goto out;
	}
	struct kbuf rel = {0};
	kbuf_adds(&rel, p->pl.tree);
	int err = walk_dir(tfd, &rel, scan_cb, &w);
	kbuf_free(&rel);
	if (err) {
		*reason = "the tree cannot be read";
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < old->n; i++)
		if (old->v[i].present == 'p' && !(w.fl[i] & SEEN))
			w.fl[i] |= DIRTY;

	/* 2. the old state against the new plan */
	for (size_t i = 0; i < old->n; i++) {
		const struct mstate_ent *o = &old->v[i];
		size_t *k = kiln_hmap_get(&p->map, o->path, o->plen);
		const struct mstate_ent *n = k ? &p->v[*k] : NULL;
		int same = n && n->type == o->type && n->mode == o->mode &&
			   memcmp(n->sig, o->sig, 32) == 0;
		int retype = n && n->type != o->type;
		if (o->present != 'p') {
			if (n && !same)
				place[*k] = 1;
			continue;
		}
		if (!n || retype || (!same && o->type != 'd')) {
			if ((w.fl[i] & SEEN) && !(w.fl[i] & GONE))
				rm[nrm++] = o->path;
			if (n)
				place[*k] = 1;
		} else if (w.fl[i] & DIRTY) {
			if (o->type == 'd') {
				in.chm[*k] = 1;
				if (!(w.fl[i] & SEEN) || (w.fl[i] & GONE))
					place[*k] = 1;
			} else {
				if ((w.fl[i] & SEEN) && !(w.fl[i] & GONE))
					rm[nrm++] = o->path;
				place[*k] = 1;
			}
		} else if (!same) {
			in.chm[*k] = 1; /* a directory's mode */
		}
	}
	for (size_t k = 0; k < p->n; k++) {
		if (!kiln_hmap_get(&w.map, p->v[k].path, p->v[k].plen))
			place[k] = 1;
	}
	/* hard links: a group of names of one source inode is placed
	 * whole (and linked as a full merge links it) or not at all */
	for (size_t k = 0; k < p->n; k++)
		if (p->v[k].multi && place[k] != place[p->grp[k]]) {
			*reason = "some of the names of a hard-linked file changed";
			rc = 1;
			goto out;
		}

	/* 3. apply: the directories that cannot be written into open up
	 * first (they get their modes back at the end) */
	for (size_t k = 0; k < p->n; k++)
		if (p->v[k].type == 'd' && (p->v[k].mode & 0700) != 0700) {
			struct stat st;
			if (fstatat(outfd, p->v[k].path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISDIR(st.st_mode) && (st.st_mode & 0700) != 0700) {
				fchmodat(outfd, p->v[k].path, (st.st_mode & 07777) | 0700, 0);
				in.chm[k] = 1;
			}
		}
	size_t nx = 0;
	for (size_t i = 0; i < w.extras.len; i += strlen(w.extras.p + i) + 1)
		nx++;
	const char **xs = kiln_xmalloc((nx + 1) * sizeof *xs);
	nx = 0;
	for (size_t i = 0; i < w.extras.len; i += strlen(w.extras.p + i) + 1)
		xs[nx++] = w.extras.p + i;
	/* an extra directory's entries are extras too: parents first, and
	 * the ENOENT of its entries is no error */
	for (size_t i = 0; i < nx && !in.errors; i++)
		remove_path(&in, xs[i]);
	free(xs);
	qsort(rm, nrm, sizeof *rm, cmp_rev);
	/* a directory that goes away may be read-only (0555): what is in
	 * it goes first, so it opens up too (a user who is not root could
	 * not remove its entries otherwise) */
	for (size_t i = 0; i < nrm; i++) {
		struct stat st;
		if (fstatat(outfd, rm[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) &&
		    (st.st_mode & 0700) != 0700)
			fchmodat(outfd, rm[i], (st.st_mode & 07777) | 0700, 0);
	}
	for (size_t i = 0; i < nrm && !in.errors; i++)
		remove_path(&in, rm[i]);
	struct placer *pl = &p->pl;
	struct placer live = {0};
	live.ctx = pl->ctx;
	live.ps = pl->ps;
	live.srcfd = pl->srcfd;
	live.dstfd = outfd;
	live.strip = 0;
	live.tree = pl->tree;
	live.verify = pl->verify;
	live.root = pl->root;
	live.dstpfx = pl->dstpfx;
	live.dstdesc = out;
	placer_init(&live);
	size_t nplaced = 0, nremoved = nrm;
	for (size_t k = 0; k < p->n && !in.errors && !live.errors; k++) {
		if (!place[k])
			continue;
		const struct placed *x = &pl->v[p->ix[k]];
		const char *path = p->v[k].path;
		make_parents(&in, path, p->v[k].plen);
		nplaced++;
		if (x->type == 'd') {
			if (mkdirat(outfd, path, 0755) < 0 && errno != EEXIST)
				ierr(&in, path, "create directory", errno);
			in.chm[k] = 1;
			continue;
		}
		/* placer_place_new needs the manifest prefix of the owner */
		live.pfx.len = 0;
		kbuf_adds(&live.pfx, pl->root);
		kbuf_addc(&live.pfx, '/');
		kbuf_adds(&live.pfx, pl->ps->v[x->owner].name);
		kbuf_addc(&live.pfx, '/');
		kbuf_cstr(&live.pfx);
		placer_place_new(&live, x->owner, x->ent);
		if (x->type == 'f') {
			kbuf_add(placed, x->path + strlen(pl->tree) + 1, x->plen - strlen(pl->tree) - 1);
			kbuf_addc(placed, 0);
		}
	}
	in.errors += live.errors;
	placer_free(&live);
	/* 4. directory modes, deepest first, as a full merge leaves them */
	for (size_t k = p->n; k-- > 0 && !in.errors;) {
		const struct mstate_ent *n = &p->v[k];
		if (n->type != 'd' || !in.chm[k])
			continue;
		unsigned mode = n->mode == 0755 ? 0755 & ~in.umask : n->mode;
		if (fchmodat(outfd, n->path, mode, 0) < 0)
			ierr(&in, n->path, "set the mode of", errno);
	}
	if (!in.errors)
		fchmodat(outfd, p->pl.tree, 0755 & ~in.umask, 0);
	if (!in.errors) {
		size_t ndirty = 0;
		for (size_t i = 0; i < old->n; i++)
			ndirty += (w.fl[i] & DIRTY) != 0;
		printf("%s: %s/%s: incremental merge: %zu entries placed, %zu removed; %zu changed "
		       "and %zu added after the last merge (by finalize steps) undone\n", PROG, out,
		       p->pl.tree, nplaced, nremoved, ndirty, nx);
		rc = 0;
	}
out:
	free(w.fl);
	free(in.chm);
	free(place);
	free(rm);
	kbuf_free(&w.extras);
	kiln_hmap_free(&w.map);
	return rc;
}

/* ---- seal: the merge's state, once the finalize steps that belong to
 * the merge (dev files, docs, strip) are done ---- */
static const char seal_usage[] =
	"Usage: kiln-pkgdir seal --out OUT --tree host|target --state FILE\n"
	"\n"
	"Completes the state record FILE.pending written by 'merge --state FILE':\n"
	"notes which of its entries are in OUT/<tree> now and the time after which\n"
	"a change in the tree is not the merge's, then writes FILE. A later\n"
	"'merge --state FILE' undoes such changes and applies only what differs.\n";

int cmd_seal(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o, OPT_OUT | OPT_TREE | OPT_STATE, seal_usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	struct kiln_ctx ctx = {PROG, NULL};
	struct mstate s = {0};
	struct kbuf pend = {0}, mark = {0}, outb = {0};
	char err[256];
	int outfd = -1;
	rc = 1;
	if (!o.state) {
		fprintf(stderr, "%s: seal: --state FILE is required\n%s", PROG, seal_usage);
		rc = 2;
		goto done;
	}
	kbuf_printf(&pend, "%s.pending", o.state);
	kbuf_printf(&mark, "%s.mark", o.state);
	if ((outfd = open(o.out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		kiln_err(&ctx, o.out, "cannot open: %s (run the merge first)", strerror(errno));
		goto done;
	}
	int r = mstate_load(&s, AT_FDCWD, pend.p, err, sizeof err);
	if (r) {
		kiln_err(&ctx, pend.p, "cannot read the pending merge state: %s (the next finalize "
			 "merges in full)", err);
		goto done;
	}
	int fd = open(mark.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	struct stat st;
	if (fd < 0 || write(fd, "m", 1) != 1 || fstat(fd, &st) < 0) {
		kiln_err(&ctx, mark.p, "cannot write: %s (check permissions)", strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	close(fd);
	unlink(mark.p);
	/* whatever changes from now on has a later ctime */
	nanosleep(&(struct timespec){0, 20000000}, NULL);
	mstate_write_head(&outb, o.tree, s.key, (uint64_t)st.st_ctim.tv_sec,
			  (uint64_t)st.st_ctim.tv_nsec);
	for (size_t i = 0; i < s.n; i++) {
		struct mstate_ent *e = &s.v[i];
		struct stat es;
		char t = 0;
		if (fstatat(outfd, e->path, &es, AT_SYMLINK_NOFOLLOW) == 0)
			t = S_ISDIR(es.st_mode) ? 'd' : S_ISLNK(es.st_mode) ? 'l' : 'f';
		e->present = t == e->type ? 'p' : 'a';
		mstate_write_ent(&outb, e);
	}
	int e = kiln_write_atomic_at(AT_FDCWD, o.state, outb.p, outb.len, 0644);
	if (e) {
		kiln_err(&ctx, o.state, "cannot write: %s (check permissions)", strerror(e));
		goto done;
	}
	unlink(pend.p);
	rc = 0;
done:
	if (outfd >= 0)
		close(outfd);
	mstate_free(&s);
	kbuf_free(&pend);
	kbuf_free(&mark);
	kbuf_free(&outb);
	opts_free(&o);
	return rc;
}
