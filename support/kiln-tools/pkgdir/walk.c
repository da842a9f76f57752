// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int dir_names(int fd, struct kbuf *names, int typed)
{
	int dfd = dup(fd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		int e = errno;
		if (dfd >= 0)
			close(dfd);
		return e;
	}
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (typed)
			kbuf_addc(names, de->d_type == DT_DIR ? 'd' : de->d_type == DT_UNKNOWN ? '?' : 'o');
		kbuf_adds(names, de->d_name);
		kbuf_addc(names, 0);
	}
	int e = errno;
	closedir(d);
	return e;
}

int walk_dir(int fd, struct kbuf *rel, walk_cb cb, void *arg)
{
	struct kbuf names = {0};
	int e = dir_names(fd, &names, 0);
	if (e) {
		kbuf_free(&names);
		close(fd);
		return e;
	}
	size_t base = rel->len;
	for (size_t i = 0; i < names.len && !e;) {
		const char *n = names.p + i;
		size_t nl = strlen(n);
		i += nl + 1;
		rel->len = base;
		kbuf_addc(rel, '/');
		kbuf_add(rel, n, nl);
		kbuf_cstr(rel);
		struct stat st;
		if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			e = errno;
			break;
		}
		if (cb(arg, fd, n, rel->p, rel->len, &st)) {
			e = -1;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			int cfd = openat(fd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (cfd < 0) {
				e = errno;
				break;
			}
			e = walk_dir(cfd, rel, cb, arg);
		}
	}
	if (!e) {
		rel->len = base;
		kbuf_cstr(rel);
	}
	kbuf_free(&names);
	close(fd);
	return e;
}
