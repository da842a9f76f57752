/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kiln-pkg-config internals: the relative pkg-config wrapper.
 * See docs/pkg-config.md. */
#ifndef KILN_KPC_H
#define KILN_KPC_H

#include <stddef.h>

#define KPC_PROG "kiln-pkg-config"
/* relative to HOST_DIR */
#define KPC_CONF "share/kiln/pkg-config.conf"

/* ---- conf.c: share/kiln/pkg-config.conf ---- */
struct kpc_conf {
	char *sysroot; /* relative to HOST_DIR, normalised (malloc'd) */
	int is_static;
};
/* Parses buf[0..len). Returns 0, or -1 with "line N: ..." in err. */
int kpc_conf_parse(const char *buf, size_t len, struct kpc_conf *c, char *err, size_t errlen);
void kpc_conf_free(struct kpc_conf *c);

/* ---- plan.c: what to run with which environment ---- */
struct kpc_plan {
	int host;           /* host mode */
	char *hostdir;      /* HOST_DIR: the parent of the wrapper's directory */
	char *libdir;       /* PKG_CONFIG_LIBDIR */
	char *sysroot_dir;  /* PKG_CONFIG_SYSROOT_DIR, or NULL (host mode) */
	int add_static;     /* pass --static */
	char *pkgconf;      /* <selfdir>/pkgconf */
};
/* HOST_DIR for a wrapper in selfdir (absolute): its parent. malloc'd. */
char *kpc_hostdir(const char *selfdir);
/* host mode when the name (argv0's last component) starts with "host-",
 * when env_host is "1", or without a configuration (conf NULL). */
void kpc_plan_make(const char *selfdir, const char *argv0, const char *env_host,
		   const struct kpc_conf *conf, struct kpc_plan *p);
void kpc_plan_free(struct kpc_plan *p);

/* ---- cli.c ---- */
int kpc_main(int argc, char **argv);

#endif
