// SPDX-License-Identifier: GPL-2.0-or-later
/* Which mode, which environment, which pkgconf: computed from the
 * wrapper's own directory only, so it works wherever the tree is. */
#include "kpc.h"
#include "../lib/buf.h"
#include "../lib/path.h"

#include <stdlib.h>
#include <string.h>

char *kpc_hostdir(const char *selfdir)
{
	size_t n = kiln_path_trim(selfdir);
	while (n > 1 && selfdir[n - 1] != '/')
		n--;
	while (n > 1 && selfdir[n - 1] == '/')
		n--;
	return kiln_xstrndup(selfdir, n);
}

static char *two_dirs(const char *base, const char *a, const char *b)
{
	struct kbuf k = {0};
	kbuf_printf(&k, "%s%s%s:%s%s%s", base, strcmp(base, "/") ? "/" : "", a, base,
		    strcmp(base, "/") ? "/" : "", b);
	return kbuf_cstr(&k);
}

void kpc_plan_make(const char *selfdir, const char *argv0, const char *env_host,
		   const struct kpc_conf *conf, struct kpc_plan *p)
{
	memset(p, 0, sizeof *p);
	const char *name = argv0 ? strrchr(argv0, '/') : NULL;
	name = name ? name + 1 : argv0 ? argv0 : "";
	p->host = strncmp(name, "host-", 5) == 0 || (env_host && strcmp(env_host, "1") == 0) ||
		  !conf;
	p->hostdir = kpc_hostdir(selfdir);
	p->pkgconf = kiln_path_join(selfdir, "pkgconf");
	if (p->host) {
		p->libdir = two_dirs(p->hostdir, "lib/pkgconfig", "share/pkgconfig");
		return;
	}
	p->sysroot_dir = kiln_path_join(p->hostdir, conf->sysroot);
	p->libdir = two_dirs(p->sysroot_dir, "usr/lib/pkgconfig", "usr/share/pkgconfig");
	p->add_static = conf->is_static;
}

void kpc_plan_free(struct kpc_plan *p)
{
	free(p->hostdir);
	free(p->libdir);
	free(p->sysroot_dir);
	free(p->pkgconf);
	memset(p, 0, sizeof *p);
}
