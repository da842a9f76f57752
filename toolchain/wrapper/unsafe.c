// SPDX-License-Identifier: GPL-2.0-or-later
/* Which host directories a target compile must never search. */
#include "wrapper.h"
#include "../../support/kiln-tools/lib/norm.h"

#include <string.h>

/* The build machine's own headers and libraries. A path is in one when
 * it is the directory itself or below it. */
static const char *const unsafe_dirs[] = {
	"/lib", "/lib32", "/lib64", "/libx32",
	"/usr/include", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libx32",
	"/usr/local", "/usr/X11R6",
};

size_t wrap_normalize(const char *path, size_t n, char *out)
{
	struct kbuf b = {0};
	kiln_path_norm(path, n, &b, KILN_NORM_CLAMP);
	size_t o = 0;
	if (b.len || (n > 0 && path[0] == '/'))
		out[o++] = '/';
	memcpy(out + o, b.p, b.len);
	o += b.len;
	out[o] = 0;
	kbuf_free(&b);
	return o;
}

/* 1 when p[0..n) is dir or below it. */
static int under(const char *p, size_t n, const char *dir, size_t dn)
{
	while (dn > 1 && dir[dn - 1] == '/')
		dn--;
	if (dn == 1 && dir[0] == '/')
		return 1;
	return n >= dn && memcmp(p, dir, dn) == 0 && (n == dn || p[dn] == '/');
}

const char *wrap_unsafe_prefix(const struct wrap_cfg *cfg, const char *path, size_t n)
{
	/* Relative paths and sysroot-relative ones ("=/usr/include") are
	 * the package's own business. */
	if (n == 0 || path[0] != '/')
		return NULL;
	char buf[4096];
	if (n >= sizeof buf)
		n = sizeof buf - 1; /* longer paths: judged by their start */
	size_t len = wrap_normalize(path, n, buf);
	if (cfg->host_dir && cfg->host_dir[0] && under(buf, len, cfg->host_dir, strlen(cfg->host_dir)))
		return NULL;
	if (cfg->build_dir && cfg->build_dir[0] && under(buf, len, cfg->build_dir, strlen(cfg->build_dir)))
		return NULL;
	for (size_t i = 0; i < sizeof unsafe_dirs / sizeof unsafe_dirs[0]; i++)
		if (under(buf, len, unsafe_dirs[i], strlen(unsafe_dirs[i])))
			return unsafe_dirs[i];
	return NULL;
}
