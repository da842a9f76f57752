// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* read/write, hashing what passes through when h is given */
static int copy_rw(int in, int out, struct kiln_sha256 *h)
{
	static char buf[1 << 17];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			return 0;
		if (h)
			kiln_sha256_update(h, buf, (size_t)r);
		int e = kiln_write_all(out, buf, (size_t)r);
		if (e)
			return e;
	}
}

int copy_fd(int in, int out)
{
	if (ioctl(out, FICLONE, in) == 0)
		return 0;
	int first = 1;
	for (;;) {
		ssize_t r = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
		if (r > 0) {
			first = 0;
			continue;
		}
		if (r == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (!first || (errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
			       errno != EOPNOTSUPP && errno != EBADF && errno != EPERM))
			return errno;
		break;
	}
	return copy_rw(in, out, NULL);
}

static int create(int ddir, const char *dpath)
{
	return openat(ddir, dpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

static int finish(int fd, unsigned mode, struct stat *st)
{
	int e = 0;
	if (fchmod(fd, mode & 07777) < 0)
		e = errno;
	if (!e && st && fstat(fd, st) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	return e;
}

static int copy_fd_sha(int in, int out, unsigned char sha[32])
{
	struct kiln_sha256 h;
	kiln_sha256_init(&h);
	int e = copy_rw(in, out, &h);
	if (!e)
		kiln_sha256_final(&h, sha);
	return e;
}

int copy_file_at(int sdir, const char *spath, int ddir, const char *dpath, unsigned mode,
		 struct stat *st, const char **what)
{
	return copy_file_sha_at(sdir, spath, ddir, dpath, mode, st, what, NULL);
}

int copy_file_sha_at(int sdir, const char *spath, int ddir, const char *dpath, unsigned mode,
		     struct stat *st, const char **what, unsigned char sha[32])
{
	struct stat sst;
	*what = "open source";
	int in = openat(sdir, spath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return errno;
	int fe = fstat(in, &sst) < 0 ? errno : S_ISREG(sst.st_mode) ? 0 : EINVAL;
	if (fe) {
		close(in);
		return fe;
	}
	*what = "create";
	int out = create(ddir, dpath);
	if (out < 0) {
		int e = errno;
		close(in);
		return e;
	}
	*what = "copy";
	int e = sha ? copy_fd_sha(in, out, sha) : copy_fd(in, out);
	close(in);
	if (e) {
		close(out);
		unlinkat(ddir, dpath, 0);
		return e;
	}
	*what = "finish";
	return finish(out, mode, st);
}

int write_new_file(int ddir, const char *dpath, const void *data, size_t n, unsigned mode,
		   struct stat *st)
{
	int out = create(ddir, dpath);
	if (out < 0)
		return errno;
	int e = kiln_write_all(out, data, n);
	if (e) {
		close(out);
		unlinkat(ddir, dpath, 0);
		return e;
	}
	return finish(out, mode, st);
}
