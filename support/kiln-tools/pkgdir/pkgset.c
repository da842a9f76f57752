// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load_one(struct pkgset *s, const struct kiln_ctx *ctx, const char *name, size_t *idx)
{
	int found;
	size_t *slot = kiln_hmap_put(&s->idx, name, strlen(name), s->n, &found);
	if (found) {
		*idx = *slot;
		return 0;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = kiln_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	struct pkg *p = &s->v[s->n];
	memset(p, 0, sizeof *p);
	p->name = name;
	*idx = s->n++;

	char rel[4096], err[512] = "";
	snprintf(rel, sizeof rel, "%s/manifest", name);
	int rc = kiln_manifest_load(&p->m, s->rootfd, rel, err, sizeof err);
	if (rc == ENOENT) {
		kiln_err(ctx, NULL, "%s/%s: %s has no manifest; build it first (run the build of %s, "
			 "which records its manifest)", s->root, rel, name, name);
		return -1;
	}
	if (rc > 0) {
		kiln_err(ctx, NULL, "%s/%s: cannot read manifest of %s: %s (check the permissions "
			 "of the per-package directory)", s->root, rel, name, strerror(rc));
		return -1;
	}
	if (rc < 0) {
		kiln_err(ctx, NULL, "%s/%s: %s (the manifest is corrupt; rebuild %s)", s->root, rel, err,
			 name);
		return -1;
	}
	if (strcmp(p->m.package, name) != 0) {
		kiln_err(ctx, NULL, "%s/%s: manifest says \"package %s\" (the manifest was copied from "
			 "another package; rebuild %s)", s->root, rel, p->m.package, name);
		return -1;
	}
	return 0;
}

int pkgset_load(struct pkgset *s, const struct kiln_ctx *ctx, int rootfd, const char *root,
		char **names, size_t n)
{
	memset(s, 0, sizeof *s);
	s->rootfd = rootfd;
	s->root = root;
	kiln_hmap_init(&s->idx, 64);
	size_t *order = NULL, norder = 0, cap = 0;
	char *ordered = NULL;
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		if (ctx->pkg && strcmp(names[i], ctx->pkg) == 0) {
			kiln_err(ctx, NULL, "%s is listed as its own dependency (fix the package's "
				 "dependency list)", names[i]);
			goto out;
		}
		size_t idx;
		if (load_one(s, ctx, names[i], &idx))
			goto out;
		/* names[i]'s stored closure, then names[i] itself; first occurrence kept */
		for (size_t k = 0; k <= s->v[idx].m.nclosure; k++) {
			size_t j = idx;
			if (k < s->v[idx].m.nclosure) {
				const char *c = s->v[idx].m.closure[k];
				if (ctx->pkg && strcmp(c, ctx->pkg) == 0) {
					kiln_err(ctx, NULL, "%s/%s/manifest: %s depends on %s, which depends "
						 "on it: a dependency cycle (fix the dependency lists)",
						 root, names[i], names[i], ctx->pkg);
					goto out;
				}
				if (load_one(s, ctx, c, &j))
					goto out;
			}
			if (cap < s->n) {
				size_t ncap = s->n * 2 + 64;
				order = kiln_xrealloc(order, ncap * sizeof *order);
				ordered = kiln_xrealloc(ordered, ncap);
				memset(ordered + cap, 0, ncap - cap);
				cap = ncap;
			}
			if (!ordered[j]) {
				ordered[j] = 1;
				order[norder++] = j;
			}
		}
	}
	/* store the packages in that order */
	struct pkg *v = kiln_xmalloc((s->n + 1) * sizeof *v);
	for (size_t i = 0; i < norder; i++) {
		v[i] = s->v[order[i]];
		*kiln_hmap_get(&s->idx, v[i].name, strlen(v[i].name)) = i;
	}
	free(s->v);
	s->v = v;
	s->cap = s->n;
	/* closure indexes + consistency: every member is placed earlier */
	for (size_t i = 0; i < s->n; i++) {
		struct pkg *p = &s->v[i];
		p->clos = kiln_xmalloc((p->m.nclosure + 1) * sizeof *p->clos);
		for (size_t k = 0; k < p->m.nclosure; k++) {
			size_t *j = kiln_hmap_get(&s->idx, p->m.closure[k], strlen(p->m.closure[k]));
			if (!j || *j >= i) {
				kiln_err(ctx, NULL, "%s/%s/manifest: %s depends on %s, but the manifests "
					 "that list %s do not put %s before it (the manifests are "
					 "stale; rebuild the packages that depend on %s)", root, p->name,
					 p->name, p->m.closure[k], p->name, p->m.closure[k], p->name);
				goto out;
			}
			p->clos[p->nclos++] = *j;
		}
	}
	rc = 0;
out:
	free(order);
	free(ordered);
	return rc;
}

int pkgset_in_closure(const struct pkgset *s, size_t d, size_t e)
{
	if (d == NONE || e == NONE)
		return 0;
	const struct pkg *p = &s->v[d];
	for (size_t i = 0; i < p->nclos; i++)
		if (p->clos[i] == e)
			return 1;
	return 0;
}

void pkgset_free(struct pkgset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		kiln_manifest_free(&s->v[i].m);
		free(s->v[i].clos);
	}
	free(s->v);
	kiln_hmap_free(&s->idx);
	memset(s, 0, sizeof *s);
}
