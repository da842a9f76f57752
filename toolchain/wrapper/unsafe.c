/* Which host directories a target compile must never search. */
#include "wrapper.h"

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
	size_t o = 0, i = 0;
	while (i < n) {
		while (i < n && path[i] == '/')
			i++;
		size_t s = i;
		while (i < n && path[i] != '/')
			i++;
		size_t len = i - s;
		if (len == 0 || (len == 1 && path[s] == '.'))
			continue;
		if (len == 2 && path[s] == '.' && path[s + 1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--; /* the slash before the dropped component */
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, path + s, len);
		o += len;
	}
	if (o == 0 && n > 0 && path[0] == '/')
		out[o++] = '/';
	out[o] = 0;
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
