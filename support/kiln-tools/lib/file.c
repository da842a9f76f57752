// SPDX-License-Identifier: GPL-2.0-or-later
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kiln_read_fd(int fd, struct kbuf *out)
{
	for (;;) {
		kbuf_reserve(out, 65536);
		ssize_t r = read(fd, out->p + out->len, out->cap - out->len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			break;
		out->len += (size_t)r;
	}
	kbuf_cstr(out);
	return 0;
}

int kiln_read_file_at(int dirfd, const char *path, struct kbuf *out, struct stat *st)
{
	struct stat sb;
	int fd = openat(dirfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return errno;
	if (fstat(fd, &sb) < 0) {
		int e = errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
	}
	out->len = 0;
	if (sb.st_size > 0)
		kbuf_reserve(out, (size_t)sb.st_size + 1);
	int e = kiln_read_fd(fd, out);
	close(fd);
	if (st)
		*st = sb;
	return e;
}

int kiln_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int kiln_write_atomic_at(int dirfd, const char *path, const void *data, size_t n, unsigned mode)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 16);
	if (!tmp)
		return ENOMEM;
	int fd = -1, e = 0;
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(tmp, len + 16, "%s.tmp%u.%u", path, (unsigned)getpid() % 100000, i);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		e = errno;
		free(tmp);
		return e;
	}
	e = kiln_write_all(fd, data, n);
	if (!e && fchmod(fd, mode) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && renameat(dirfd, tmp, dirfd, path) < 0)
		e = errno;
	if (e)
		unlinkat(dirfd, tmp, 0);
	free(tmp);
	return e;
}
