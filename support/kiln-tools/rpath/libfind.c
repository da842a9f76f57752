// SPDX-License-Identifier: GPL-2.0-or-later
/* Where a NEEDED library is: HOST_DIR (search dirs, then the manifests of
 * P and its closure, which list every file of ROOT/P/host) or the build
 * machine's standard library directories. */
#include "rpath.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rp_libfind {
	struct kiln_manifest *m; /* closure manifests */
	size_t nm;
	struct kiln_hmap map;    /* basename -> index in paths */
	const char **paths;      /* "host/..." */
	size_t npaths;
};

static int exists_at(int fd, const char *dir, const char *name)
{
	char *p = kiln_xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s%s%s", dir, *dir ? "/" : "", name);
	struct stat st;
	int ok = fstatat(fd, p, &st, 0) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

static void index_manifest(struct rp_libfind *lf, const struct rp_ctx *c,
			   const struct kiln_manifest *m)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct kiln_entry *e = &m->ent[i];
		if ((e->type != 'f' && e->type != 'l') || strncmp(e->path, "host/", 5) != 0 ||
		    rp_in_sysroot(e->path, c->o->sysroot))
			continue;
		const char *base = strrchr(e->path, '/') + 1;
		int found;
		kiln_hmap_put(&lf->map, base, strlen(base), lf->npaths, &found);
		if (!found) {
			lf->paths = kiln_xrealloc(lf->paths, (lf->npaths + 1) * sizeof *lf->paths);
			lf->paths[lf->npaths++] = e->path;
		}
	}
}

static struct rp_libfind *load(struct rp_ctx *c)
{
	struct rp_libfind *lf = kiln_xmalloc(sizeof *lf);
	memset(lf, 0, sizeof *lf);
	kiln_hmap_init(&lf->map, 1024);
	index_manifest(lf, c, c->m);
	lf->m = kiln_xmalloc((c->m->nclosure + 1) * sizeof *lf->m);
	int fd = open(c->o->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t i = c->m->nclosure; fd >= 0 && i-- > 0;) {
		char err[256];
		char *p = kiln_xmalloc(strlen(c->m->closure[i]) + 16);
		sprintf(p, "%s/manifest", c->m->closure[i]);
		/* a missing or damaged manifest only hides its files here */
		if (kiln_manifest_load(&lf->m[lf->nm], fd, p, err, sizeof err) == 0)
			index_manifest(lf, c, &lf->m[lf->nm++]);
		else
			kiln_manifest_free(&lf->m[lf->nm]);
		free(p);
	}
	if (fd >= 0)
		close(fd);
	return lf;
}

char *rp_find_host_lib(struct rp_ctx *c, const char *name, const struct rp_list *dirs)
{
	if (c->hostfd < 0)
		return NULL;
	for (size_t i = 0; i < dirs->n; i++)
		if (exists_at(c->hostfd, dirs->v[i], name))
			return kiln_xstrndup(dirs->v[i], strlen(dirs->v[i]));
	if (!c->lf)
		c->lf = load(c);
	size_t *v = kiln_hmap_get(&c->lf->map, name, strlen(name));
	if (!v)
		return NULL;
	const char *path = c->lf->paths[*v] + 5;
	const char *slash = strrchr(path, '/');
	char *dir = kiln_xstrndup(path, slash ? (size_t)(slash - path) : 0);
	if (!exists_at(c->hostfd, dir, name)) {
		free(dir);
		return NULL;
	}
	return dir;
}

int rp_in_system_dirs(const char *name)
{
	const char *ma = rp_host_multiarch();
	const char *fmt[] = {"/lib/%s", "/usr/lib/%s", NULL};
	char dir[256];
	for (int i = 0; fmt[i]; i++) {
		snprintf(dir, sizeof dir, fmt[i], ma);
		if (exists_at(AT_FDCWD, dir, name))
			return 1;
	}
	static const char *const plain[] = {"/lib", "/usr/lib", "/lib64", "/usr/lib64"};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (exists_at(AT_FDCWD, plain[i], name))
			return 1;
	return 0;
}

void rp_libfind_free(struct rp_libfind *lf)
{
	if (!lf)
		return;
	for (size_t i = 0; i < lf->nm; i++)
		kiln_manifest_free(&lf->m[i]);
	free(lf->m);
	free(lf->paths);
	kiln_hmap_free(&lf->map);
	free(lf);
}
