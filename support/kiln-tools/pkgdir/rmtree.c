// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *joinrel(const char *a, const char *b)
{
	return kiln_path_join(a, b);
}

/* Empties and removes the directory dirfd/name (rm -rf, no symlink following). */
static int rm_dir(int dirfd, const char *name, const char *rel, char **where)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == EACCES) {
		fchmodat(dirfd, name, 0700, 0);
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		*where = kiln_xstrndup(rel, strlen(rel));
		return errno;
	}
	fchmod(fd, 0700); /* so that a 0555 directory can be emptied */
	/* read all names first, then remove */
	struct kbuf names = {0};
	int e = dir_names(fd, &names, 1);
	if (e) {
		kbuf_free(&names);
		close(fd);
		*where = kiln_xstrndup(rel, strlen(rel));
		return e;
	}
	for (size_t i = 0; i < names.len && !e;) {
		char kind = names.p[i];
		const char *n = names.p + i + 1;
		i += strlen(n) + 2;
		if (kind != 'd' && unlinkat(fd, n, 0) == 0)
			continue;
		if (kind != 'd' && errno != EISDIR && errno != EPERM) {
			e = errno;
			char *r = joinrel(rel, n);
			*where = r;
			break;
		}
		char *r = joinrel(rel, n);
		e = rm_dir(fd, n, r, where);
		free(r);
	}
	kbuf_free(&names);
	close(fd);
	if (!e && unlinkat(dirfd, name, AT_REMOVEDIR) < 0) {
		e = errno;
		*where = kiln_xstrndup(rel, strlen(rel));
	}
	return e;
}

int rmtree_at(int dirfd, const char *name, char **where)
{
	*where = NULL;
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		*where = kiln_xstrndup(name, strlen(name));
		return errno;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(dirfd, name, 0) < 0) {
			*where = kiln_xstrndup(name, strlen(name));
			return errno;
		}
		return 0;
	}
	return rm_dir(dirfd, name, name, where);
}
