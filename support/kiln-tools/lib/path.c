// SPDX-License-Identifier: GPL-2.0-or-later
#include "path.h"
#include "buf.h"
#include "file.h"
#include "norm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *kiln_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int slash = la && a[la - 1] != '/';
	char *p = kiln_xmalloc(la + lb + 2);
	memcpy(p, a, la);
	if (slash)
		p[la] = '/';
	memcpy(p + la + slash, b, lb + 1);
	return p;
}

char *kiln_exe_dir(void)
{
	struct kbuf b = {0};
	int e = kiln_readlink_at(AT_FDCWD, "/proc/self/exe", &b);
	char *slash = e ? NULL : strrchr(b.p, '/');
	if (!slash) {
		kbuf_free(&b);
		errno = e ? e : ENOENT;
		return NULL;
	}
	if (slash == b.p)
		slash++;
	char *dir = kiln_xstrndup(b.p, (size_t)(slash - b.p));
	kbuf_free(&b);
	return dir;
}

char *kiln_path_from_exe(const char *rel)
{
	char *dir = kiln_exe_dir();
	if (!dir)
		return NULL;
	char *p = kiln_path_join(dir, rel);
	free(dir);
	return p;
}

size_t kiln_path_trim(const char *s)
{
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return n;
}

int kiln_valid_pkgname(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '+' || c == '-'))
			return 0;
	}
	return 1;
}

int kiln_valid_relpath(const char *s, size_t n)
{
	size_t skip;
	if (n > 5 && memcmp(s, "host/", 5) == 0)
		skip = 5;
	else if (n > 7 && memcmp(s, "target/", 7) == 0)
		skip = 7;
	else
		return 0;
	if (memchr(s, 0, n))
		return 0;
	size_t pos = 0, len;
	const char *c;
	while (kiln_path_next(s + skip, n - skip, &pos, &c, &len))
		if (len == 0 || kiln_path_dots(c, len))
			return 0;
	return 1;
}
