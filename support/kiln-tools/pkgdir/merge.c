// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/mkdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: kiln-pkgdir merge --root ROOT --out OUT --tree host|target PKG...\n"
	"\n"
	"Build OUT/<tree> from the manifests of PKG... and their closures, in\n"
	"topological order, with the same conflict rules as 'assemble'. Files are\n"
	"copied, never hardlinked: for target, read and checked against the\n"
	"SHA-256 in their owner's manifest; for host, reflinked where possible.\n"
	"Reloc entries get\n"
	"ROOT/D/ rewritten to OUT/. The tree is built in OUT/.<tree>.tmp and then\n"
	"swapped into place, so OUT/<tree> is never half written.\n"
	"\n"
	"  --root ROOT          absolute per-package root\n"
	"  --out OUT            absolute output directory (created if missing)\n"
	"  --tree host|target   which tree to build\n"
	"  --state FILE         incremental: compare with the state FILE recorded\n"
	"                       by the last merge (and 'seal'), change only what\n"
	"                       differs; a full merge when FILE is missing,\n"
	"                       unreadable or of another --key. FILE is removed at\n"
	"                       once; FILE.pending gets the new plan, for 'seal'\n"
	"  --key STRING         what else the tree depends on (configuration)\n"
	"  --placed LIST        with --state: write the tree-relative paths of the\n"
	"                       files placed to LIST, NUL-separated\n"
	"  PKG...               the selected packages\n";

/* Moves tmp into place as tree; the old tree (if any) is removed. */
static int swap_in(const struct kiln_ctx *ctx, int outfd, const char *out, const char *tmp,
		   const char *tree)
{
	char *where = NULL;
	int err = 0;
	if (renameat2(outfd, tmp, outfd, tree, RENAME_EXCHANGE) == 0) {
		err = rmtree_at(outfd, tmp, &where); /* now the old tree */
	} else if (errno == ENOENT) {
		if (renameat(outfd, tmp, outfd, tree) < 0)
			err = errno;
	} else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
		char old[32];
		snprintf(old, sizeof old, ".%s.old", tree);
		err = rmtree_at(outfd, old, &where);
		if (!err && renameat(outfd, tree, outfd, old) < 0)
			err = errno;
		if (!err && renameat(outfd, tmp, outfd, tree) < 0)
			err = errno;
		if (!err)
			err = rmtree_at(outfd, old, &where);
	} else {
		err = errno;
	}
	if (err)
		kiln_err(ctx, NULL, "%s/%s: cannot replace with %s/%s: %s (check permissions; remove "
			 "it by hand)", out, where ? where : tree, out, tmp, strerror(err));
	free(where);
	return err ? -1 : 0;
}

static void setup_placer(struct placer *pl, const struct kiln_ctx *ctx, struct pkgset *ps,
			 int rootfd, int dstfd, const struct opts *o, const char *pfx,
			 const char *desc)
{
	pl->ctx = *ctx;
	pl->ps = ps;
	pl->srcfd = rootfd;
	pl->dstfd = dstfd;
	pl->strip = strlen(o->tree) + 1;
	pl->tree = o->tree;
	/* target/ is what every image is made of: each file is read and its
	 * SHA-256 checked against its owner's manifest (a change behind
	 * record's back cannot ship). host/ is copied as it is (reflinked
	 * where possible): hashing the cross toolchain would cost seconds at
	 * every finalize, and record already checks every shared file. */
	pl->verify = strcmp(o->tree, "target") == 0;
	pl->root = o->root;
	pl->dstpfx = pfx;
	pl->dstdesc = desc;
}

static int write_list(const struct kiln_ctx *ctx, const char *path, const struct kbuf *b)
{
	int e = kiln_write_atomic_at(AT_FDCWD, path, b->p ? b->p : "", b->len, 0644);
	if (e)
		kiln_err(ctx, path, "cannot write: %s (check permissions)", strerror(e));
	return e ? -1 : 0;
}

int cmd_merge(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o, OPT_ROOT | OPT_OUT | OPT_TREE | OPT_POS | OPT_STATE |
			    OPT_KEY | OPT_PLACED, usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	if ((o.placed || o.key) && !o.state) {
		fprintf(stderr, "%s: --placed and --key need --state (see --help)\n", PROG);
		opts_free(&o);
		return 2;
	}
	struct kiln_ctx ctx = {PROG, NULL};
	struct pkgset ps = {0};
	struct placer pl = {0};
	struct kbuf pfx = {0}, desc = {0}, key = {0}, pend = {0}, list = {0}, rec = {0};
	struct plan plan = {0};
	struct mstate old = {0};
	int have_plan = 0;
	int rootfd = -1, outfd = -1, tmpfd = -1;
	char tmp[32], *where = NULL;
	snprintf(tmp, sizeof tmp, ".%s.tmp", o.tree);
	rc = 1;

	int err = kiln_mkdir_p(o.out);
	if (err || (outfd = open(o.out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		kiln_err(&ctx, o.out, "cannot create or open the output directory: %s (check "
			 "permissions)", strerror(err ? err : errno));
		goto out;
	}
	if ((rootfd = open(o.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		kiln_err(&ctx, o.root, "cannot open the per-package root: %s (build the packages "
			 "first)", strerror(errno));
		goto out;
	}
	if (pkgset_load(&ps, &ctx, rootfd, o.root, o.pos, (size_t)o.npos))
		goto out;
	kbuf_printf(&pfx, "%s/", o.out);
	kbuf_printf(&desc, "%s/%s", o.out, tmp);
	if (o.state) {
		char msg[256];
		const char *reason = NULL;
		plan_key(&key, o.key);
		kbuf_printf(&pend, "%s.pending", o.state);
		int lr = mstate_load(&old, AT_FDCWD, o.state, msg, sizeof msg);
		/* gone before anything changes: an interrupted merge is a
		 * full one next time */
		if ((unlink(o.state) < 0 && errno != ENOENT) || (unlink(pend.p) < 0 && errno != ENOENT)) {
			kiln_err(&ctx, o.state, "cannot remove: %s (check permissions)", strerror(errno));
			goto out;
		}
		setup_placer(&plan.pl, &ctx, &ps, rootfd, -1, &o, pfx.p, o.out);
		plan_build(&plan);
		if (plan.pl.errors)
			goto out;
		have_plan = 1;
		if (lr == 1)
			reason = "no record of the last merge";
		else if (lr < 0)
			reason = "the record of the last merge is unreadable", fprintf(stderr, "%s: %s: %s\n", PROG, o.state, msg);
		else if (strcmp(old.tree, o.tree) != 0 || strcmp(old.key, key.p) != 0)
			reason = "the configuration changed";
		if (!reason) {
			int r = incr_apply(&ctx, &plan, &old, o.out, outfd, &list, &reason);
			if (r < 0)
				goto out;
			if (r == 0) {
				rc = 0;
				goto record;
			}
		}
		printf("%s: %s/%s: full merge: %s\n", PROG, o.out, o.tree, reason);
		for (size_t k = 0; k < plan.n; k++)
			if (plan.v[k].type == 'f') {
				kbuf_add(&list, plan.v[k].path + strlen(o.tree) + 1,
					 plan.v[k].plen - strlen(o.tree) - 1);
				kbuf_addc(&list, 0);
			}
	}
	err = rmtree_at(outfd, tmp, &where);
	if (!err && mkdirat(outfd, tmp, 0755) < 0)
		err = errno;
	if (!err && (tmpfd = openat(outfd, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		err = errno;
	if (err) {
		kiln_err(&ctx, NULL, "%s/%s: cannot prepare: %s (check permissions)", o.out,
			 where ? where : tmp, strerror(err));
		goto out;
	}
	setup_placer(&pl, &ctx, &ps, rootfd, tmpfd, &o, pfx.p, desc.p);
	placer_init(&pl);
	placer_add_root(&pl, o.tree);
	for (size_t i = 0; i < ps.n; i++)
		placer_add_pkg(&pl, i);
	if (!pl.errors)
		placer_finish(&pl);
	if (pl.errors)
		goto cleanup;
	close(tmpfd);
	tmpfd = -1;
	if (swap_in(&ctx, outfd, o.out, tmp, o.tree) == 0)
		rc = 0;
record:
	if (rc == 0 && have_plan) {
		plan_write(&plan, &rec, key.p);
		if (write_list(&ctx, pend.p, &rec) || (o.placed && write_list(&ctx, o.placed, &list)))
			rc = 1;
	}
	goto out;
cleanup:
	free(where);
	where = NULL;
	if (tmpfd >= 0)
		close(tmpfd);
	tmpfd = -1;
	rmtree_at(outfd, tmp, &where);
out:
	free(where);
	if (have_plan || plan.pl.errors)
		plan_free(&plan);
	mstate_free(&old);
	kbuf_free(&key);
	kbuf_free(&pend);
	kbuf_free(&list);
	kbuf_free(&rec);
	placer_free(&pl);
	pkgset_free(&ps);
	kbuf_free(&pfx);
	kbuf_free(&desc);
	if (tmpfd >= 0)
		close(tmpfd);
	if (outfd >= 0)
		close(outfd);
	if (rootfd >= 0)
		close(rootfd);
	opts_free(&o);
	return rc;
}
