// SPDX-License-Identifier: GPL-2.0-or-later
#include "mkdir.h"
#include "buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int kiln_mkdir_p(const char *path)
{
	char *p = kiln_xstrndup(path, strlen(path));
	int e = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = 0;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			e = errno;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	if (!e) {
		struct stat st;
		if (stat(path, &st) < 0)
			e = errno;
		else if (!S_ISDIR(st.st_mode))
			e = ENOTDIR;
	}
	return e;
}
