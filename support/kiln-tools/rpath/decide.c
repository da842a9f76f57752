// SPDX-License-Identifier: GPL-2.0-or-later
/* What an ELF file's RPATH should be (see docs/kiln-rpath.md). */
#include "rpath.h"

#include <stdlib.h>
#include <string.h>

/* Target and staging rule: keep $ORIGIN entries and plain target paths;
 * drop relative entries and anything below ROOT or a build dir. */
static int keep_target(const struct rp_ctx *c, const char *entry)
{
	if (rp_origin_rest(entry) || entry[0] == '$')
		return 1;
	if (entry[0] != '/')
		return 0;
	char *n = rp_norm_abs(entry);
	int keep = !rp_under(n, c->o->root);
	for (size_t i = 0; keep && i < c->o->nbuild; i++)
		keep = !rp_under(n, c->o->build_dirs[i]);
	free(n);
	return keep;
}

static void finish(struct rp_decision *d, const struct rp_list *out)
{
	if (!out->n) {
		d->change = d->old != NULL;
		d->remove = 1;
		return;
	}
	struct kbuf b = {0};
	rp_list_join(out, &b);
	if (!d->old || strcmp(b.p, d->old) != 0) {
		d->change = 1;
		d->rpath = kiln_xstrndup(b.p, b.len);
	}
	kbuf_free(&b);
}

/* A host-relative directory for an existing entry, or NULL to drop it. */
static char *host_dir_of(const struct rp_ctx *c, const char *filedir, const char *entry)
{
	const char *rest = rp_origin_rest(entry);
	char *rel = NULL;
	if (rest) {
		struct kbuf b = {0};
		kbuf_adds(&b, filedir);
		kbuf_addc(&b, '/');
		kbuf_adds(&b, rest);
		rel = rp_norm_rel(kbuf_cstr(&b));
		kbuf_free(&b);
	} else if (entry[0] == '/') {
		char *n = rp_norm_abs(entry);
		if (rp_under(n, c->hostdir)) {
			const char *r = n + strlen(c->hostdir);
			rel = kiln_xstrndup(r + (*r == '/'), strlen(r + (*r == '/')));
		}
		free(n);
	}
	if (rel) {
		/* target code inside host/ is not a host library dir */
		struct kbuf b = {0};
		kbuf_adds(&b, "host/");
		kbuf_adds(&b, rel);
		if (rp_in_sysroot(kbuf_cstr(&b), c->o->sysroot)) {
			free(rel);
			rel = NULL;
		}
		kbuf_free(&b);
	}
	return rel;
}

static void add_dir(struct rp_list *out, struct rp_list *search, const char *filedir,
		    const char *dir)
{
	char *o = rp_origin_rel(filedir, dir);
	rp_list_add(out, o);
	free(o);
	rp_list_add(search, dir);
}

static int decide_host(struct rp_ctx *c, const char *path, const struct rp_elf *e,
		       struct rp_decision *d)
{
	/* the file's directory relative to HOST_DIR */
	const char *rel = path + 5;
	const char *slash = strrchr(rel, '/');
	char *filedir = kiln_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
	struct rp_list cur = {0}, out = {0}, search = {0};
	rp_list_split(&cur, d->old);
	for (size_t i = 0; i < cur.n; i++) {
		char *dir = host_dir_of(c, filedir, cur.v[i]);
		if (dir)
			add_dir(&out, &search, filedir, dir);
		free(dir);
	}
	/* HOST_DIR/lib is searched, but enters the RPATH only when a
	 * needed library is found there: a program whose libraries are all
	 * the build machine's (an imported compiler) keeps no RPATH, and is
	 * not rewritten at all. */
	rp_list_add(&search, "lib");
	if (c->have_usr_lib)
		rp_list_add(&search, "usr/lib");
	int rc = 0;
	for (size_t i = 0; i < e->nneeded; i++) {
		const char *name = e->needed[i];
		if (strchr(name, '/'))
			continue;
		char *dir = rp_find_host_lib(c, name, &search);
		if (dir) {
			add_dir(&out, &search, filedir, dir);
			free(dir);
		} else if (!rp_in_system_dirs(name)) {
			kiln_err(&c->err, path,
				 "needs the library %s, which is neither in HOST_DIR (%s) nor in the "
				 "build machine's library directories (add the host package that "
				 "installs %s to %s's dependencies)",
				 name, c->hostdir, name, c->err.pkg);
			rc = -1;
		}
	}
	if (!rc)
		finish(d, &out);
	rp_list_free(&cur);
	rp_list_free(&out);
	rp_list_free(&search);
	free(filedir);
	return rc;
}

int rp_decide(struct rp_ctx *c, const char *path, enum rp_kind kind, const struct rp_elf *e,
	      struct rp_decision *d)
{
	memset(d, 0, sizeof *d);
	if (!e->dynamic)
		return 0;
	const char *old = e->runpath ? e->runpath : e->rpath;
	d->old = old ? kiln_xstrndup(old, strlen(old)) : NULL;
	d->force_rpath = !e->runpath && e->rpath;
	if (kind == RP_HOST) {
		/* executables and shared libraries only */
		if (e->type != 2 && e->type != 3)
			return 0;
		return decide_host(c, path, e, d);
	}
	if (!d->old)
		return 0;
	struct rp_list cur = {0}, out = {0};
	rp_list_split(&cur, d->old);
	for (size_t i = 0; i < cur.n; i++)
		if (keep_target(c, cur.v[i]))
			rp_list_add(&out, cur.v[i]);
	finish(d, &out);
	rp_list_free(&cur);
	rp_list_free(&out);
	return 0;
}

void rp_decision_free(struct rp_decision *d)
{
	free(d->rpath);
	free(d->old);
	memset(d, 0, sizeof *d);
}
