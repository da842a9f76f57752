// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/mkdir.h"
#include "../lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: kiln-pkgdir assemble --root ROOT --pkg P [--reuse] [DEP...]\n"
	"\n"
	"Rebuild ROOT/P/host and ROOT/P/target from scratch from the manifests of\n"
	"P's direct dependencies DEP... and their closures: files are hardlinked\n"
	"(copied across filesystems), reloc files are copied with ROOT/D/ rewritten\n"
	"to ROOT/P/, symlinks and directories are recreated. Removes ROOT/P/manifest\n"
	"and writes ROOT/P/.imports for 'record'.\n"
	"\n"
	"  --root ROOT   absolute per-package root (normally $(O)/per-package)\n"
	"  --pkg P       the package being prepared\n"
	"  --reuse       keep ROOT/P as it is when it holds exactly what its\n"
	"                .imports lists (same paths, types, inodes, sizes, times,\n"
	"                file modes, owners, symlink targets; each hardlink still\n"
	"                its owner's inode; no directory changed since .imports was\n"
	"                written), nothing else, for the same closure, and no package\n"
	"                of the closure was recorded since (its manifest's ctime is\n"
	"                older than .imports'); otherwise as without it\n"
	"  DEP...        P's direct dependencies, each with ROOT/DEP/manifest\n";

static int write_imports(struct placer *pl, const struct pkgset *ps, int pfd, const char *pkg)
{
	struct kbuf out = {0};
	kbuf_printf(&out, IMPORTS_MAGIC "\npackage %s\nclosure", pkg);
	for (size_t i = 0; i < ps->n; i++) {
		kbuf_addc(&out, ' ');
		kbuf_adds(&out, ps->v[i].name);
	}
	kbuf_addc(&out, '\n');
	size_t n;
	size_t *ix = placer_sorted(pl, &n);
	for (size_t k = 0; k < n; k++) {
		const struct placed *x = &pl->v[ix[k]];
		struct imp e = {
			.type = x->type, .how = x->how, .owner = ps->v[x->owner].name,
			.dev = x->dev, .ino = x->ino, .size = x->size, .mtime = x->mtime,
			.uid = x->uid, .gid = x->gid, .mode = x->mode,
			.path = x->path, .plen = x->plen, .target = x->target, .tlen = x->tlen,
		};
		if (x->type == 'f')
			memcpy(e.sha, x->has_csha ? x->csha : x->ent->sha, 32);
		imports_write_line(&out, &e);
	}
	free(ix);
	int err = kiln_write_atomic_at(pfd, ".imports", out.p, out.len, 0644);
	kbuf_free(&out);
	return err;
}

int cmd_assemble(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o, OPT_ROOT | OPT_PKG | OPT_POS | OPT_REUSE, usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	struct kiln_ctx ctx = {PROG, o.pkg};
	struct pkgset ps = {0};
	struct placer pl = {0};
	int rootfd = -1, pfd = -1;
	rc = 1;

	struct kbuf pdir = {0};
	kbuf_printf(&pdir, "%s/%s", o.root, o.pkg);
	int err = kiln_mkdir_p(pdir.p);
	if (!err && (rootfd = open(o.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		err = errno;
	if (!err && (pfd = openat(rootfd, o.pkg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		err = errno;
	if (err) {
		kiln_err(&ctx, pdir.p, "cannot create or open the per-package directory: %s (check "
			 "that ROOT is a writable directory)", strerror(err));
		goto out;
	}
	/* .damaged: record found a file of P changed by a dependent; P is
	 * being reinstalled, so the mark has done its job. */
	static const char *const old[] = {"manifest", ".damaged", ".imports", "host", "target"};
	size_t nold = 5;
	int loaded = 0, unloadable = 0;
	if (o.reuse) {
		/* A dependency that cannot be loaded: P's old state still goes
		 * (below), as without --reuse, then the error. */
		if (pkgset_load(&ps, &ctx, rootfd, o.root, o.pos, (size_t)o.npos)) {
			unloadable = 1;
		} else {
			loaded = 1;
			if (assemble_reusable(rootfd, pfd, o.pkg, &ps))
				nold = 2; /* keep .imports, host/ and target/ */
		}
	}
	for (size_t i = 0; i < nold; i++) {
		char *where = NULL;
		err = rmtree_at(pfd, old[i], &where);
		if (err) {
			kiln_err(&ctx, NULL, "%s/%s: cannot remove: %s (check permissions; remove it "
				 "by hand)", pdir.p, where, strerror(err));
			free(where);
			goto out;
		}
	}
	if (nold == 2) {
		rc = 0;
		goto out;
	}
	if (unloadable)
		goto out;
	if (mkdirat(pfd, "host", 0755) < 0 || mkdirat(pfd, "target", 0755) < 0) {
		err = errno;
		kiln_err(&ctx, pdir.p, "cannot create host/ and target/: %s (check free space and "
			 "permissions)", strerror(err));
		goto out;
	}
	if (!loaded && pkgset_load(&ps, &ctx, rootfd, o.root, o.pos, (size_t)o.npos))
		goto out;

	pl.ctx = ctx;
	pl.ps = &ps;
	pl.srcfd = rootfd;
	pl.dstfd = pfd;
	pl.hardlink = 1;
	pl.root = o.root;
	kbuf_addc(&pdir, '/');
	pl.dstpfx = kbuf_cstr(&pdir);
	struct kbuf desc = {0};
	kbuf_printf(&desc, "%s/%s", o.root, o.pkg);
	pl.dstdesc = desc.p;
	placer_init(&pl);
	placer_add_root(&pl, "host");
	placer_add_root(&pl, "target");
	for (size_t i = 0; i < ps.n; i++)
		placer_add_pkg(&pl, i);
	if (!pl.errors)
		placer_finish(&pl);
	if (!pl.errors) {
		err = write_imports(&pl, &ps, pfd, o.pkg);
		if (err)
			kiln_err(&ctx, desc.p, "cannot write .imports: %s (check free space and "
				 "permissions)", strerror(err));
		else
			rc = 0;
	}
	kbuf_free(&desc);
out:
	placer_free(&pl);
	pkgset_free(&ps);
	if (pfd >= 0)
		close(pfd);
	if (rootfd >= 0)
		close(rootfd);
	kbuf_free(&pdir);
	opts_free(&o);
	return rc;
}
