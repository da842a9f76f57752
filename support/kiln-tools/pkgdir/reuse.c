// SPDX-License-Identifier: GPL-2.0-or-later
/* assemble --reuse: the install step's assembly keeps a per-package
 * directory that is still exactly as the configure step's assembly
 * left it, instead of removing and relinking every entry (the
 * toolchain alone is about 1,800). The check only reads: .imports,
 * one fstatat per entry of the directory and per hardlinked file's
 * owner, one per package of the closure. Anything it cannot prove
 * unchanged means "assemble from scratch", which is always right. */
#include "pkgdir.h"
#include "../lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct reuse {
	const struct imports *im;
	struct kiln_hmap map;
	unsigned char *seen;
	size_t nseen;
	int rootfd;
	uint64_t written; /* .imports' ctime: when the assembly ended */
	struct kbuf link, owner;
};

/* walk_dir callback: nonzero (stop) at the first difference. */
static int visit(void *arg, int dirfd, const char *name, const char *rel, size_t rlen,
		 const struct stat *st)
{
	struct reuse *r = arg;
	size_t *ix = kiln_hmap_get(&r->map, rel, rlen);
	if (!ix || r->seen[*ix])
		return 1; /* not imported: the package's own, or left by a step */
	const struct imp *ie = &r->im->ent[*ix];
	char type = S_ISREG(st->st_mode) ? 'f' : S_ISLNK(st->st_mode) ? 'l' : S_ISDIR(st->st_mode) ? 'd' : 0;
	if (type != ie->type)
		return 1;
	/* .imports keeps no mode for a directory: a directory changed since
	 * the assembly wrote .imports (a chmod, an entry added or removed)
	 * has a later ctime. */
	if (type == 'd' && time_ns(&st->st_ctim) > r->written)
		return 1;
	if (type == 'l') {
		if (kiln_readlink_at(dirfd, name, &r->link) != 0 || r->link.len != ie->tlen ||
		    memcmp(r->link.p, ie->target, ie->tlen) != 0)
			return 1;
	} else if (type == 'f') {
		if ((unsigned)(st->st_mode & 07777) != ie->mode || (uint64_t)st->st_dev != ie->dev || (uint64_t)st->st_ino != ie->ino ||
		    (uint64_t)st->st_size != ie->size || time_ns(&st->st_mtim) != ie->mtime ||
		    (uint64_t)st->st_uid != ie->uid || (uint64_t)st->st_gid != ie->gid)
			return 1;
		if (ie->how == 'h') {
			/* The owner must still have this very inode there. */
			struct stat ost;
			r->owner.len = 0;
			kbuf_printf(&r->owner, "%s/%s", ie->owner, rel);
			if (fstatat(r->rootfd, r->owner.p, &ost, AT_SYMLINK_NOFOLLOW) != 0 ||
			    ost.st_dev != st->st_dev || ost.st_ino != st->st_ino)
				return 1;
		}
	}
	r->seen[*ix] = 1;
	r->nseen++;
	return 0;
}

static int walk_top(struct reuse *r, int pfd, const char *top)
{
	int fd = openat(pfd, top, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 1;
	struct kbuf rel = {0};
	kbuf_adds(&rel, top);
	kbuf_cstr(&rel);
	int e = walk_dir(fd, &rel, visit, r);
	kbuf_free(&rel);
	return e != 0;
}

int assemble_reusable(int rootfd, int pfd, const char *pkg, const struct pkgset *ps)
{
	struct stat ist;
	if (fstatat(pfd, ".imports", &ist, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(ist.st_mode))
		return 0;
	struct imports im;
	char err[256];
	if (imports_load(&im, pfd, ".imports", err, sizeof err) != 0) {
		imports_free(&im);
		return 0;
	}
	/* The same closure, and no package of it recorded again
	 * (reinstalled, restored) since the imports were written: its files
	 * may be other inodes now. Change times, which no tar -p or touch
	 * can set back. */
	int ok = strcmp(im.package, pkg) == 0 && im.nclosure == ps->n;
	struct kbuf path = {0};
	for (size_t i = 0; ok && i < ps->n; i++) {
		struct stat mst;
		path.len = 0;
		kbuf_printf(&path, "%s/manifest", ps->v[i].name);
		ok = strcmp(im.closure[i], ps->v[i].name) == 0 && fstatat(rootfd, path.p, &mst, 0) == 0 &&
		     time_ns(&mst.st_ctim) < time_ns(&ist.st_ctim);
	}
	kbuf_free(&path);
	struct reuse r = {.im = &im, .rootfd = rootfd, .written = time_ns(&ist.st_ctim)};
	if (ok) {
		r.seen = calloc(im.n + 1, 1);
		if (!r.seen)
			abort();
		kiln_hmap_init(&r.map, im.n);
		for (size_t i = 0; i < im.n; i++)
			kiln_hmap_put(&r.map, im.ent[i].path, im.ent[i].plen, i, NULL);
		ok = !walk_top(&r, pfd, "host") && !walk_top(&r, pfd, "target") && r.nseen == im.n;
		kiln_hmap_free(&r.map);
		free(r.seen);
	}
	kbuf_free(&r.link);
	kbuf_free(&r.owner);
	imports_free(&im);
	return ok;
}
