// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* read/write, hashing what passes through when h is given; *n counts
 * the bytes copied. It stops at size, the source's size when it was
 * opened (a file's one read then needs no second one to see the end):
 * a shorter file shows in *n, a changed one in its hash. */
static int copy_rw(int in, int out, struct kiln_sha256 *h, uint64_t size, uint64_t *n)
{
	static char buf[1 << 17];
	while (*n < size) {
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
		*n += (uint64_t)r;
	}
	return 0;
}

/* FICLONE failed once for a reason of the file systems (ext4 has no
 * reflinks): one syscall less per file for the rest of the run. */
static int no_reflink;
/* The process's umask, read at the start of a run: a file created with
 * its final mode needs no fchmod when the umask leaves that mode as it is. */
static mode_t run_umask;
static int ready;

void copy_init(void)
{
	ready = 1;
	no_reflink = 0;
	run_umask = umask(022);
	umask(run_umask);
}

/* size: the source's, for the count of a reflink (a whole-file clone) */
static int copy_fd_n(int in, int out, uint64_t size, uint64_t *n)
{
	*n = 0;
	if (!no_reflink) {
		if (ioctl(out, FICLONE, in) == 0) {
			*n = size;
			return 0;
		}
		if (errno == EOPNOTSUPP || errno == ENOTTY || errno == EXDEV || errno == EINVAL ||
		    errno == ENOSYS)
			no_reflink = 1;
	}
	int first = 1;
	while (*n < size) {
		ssize_t r = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
		if (r > 0) {
			first = 0;
			*n += (uint64_t)r;
			continue;
		}
		if (r == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (!first || (errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
			       errno != EOPNOTSUPP && errno != EBADF && errno != EPERM))
			return errno;
		return copy_rw(in, out, NULL, size, n);
	}
	return 0;
}

int copy_fd(int in, int out)
{
	struct stat st;
	uint64_t n;
	if (fstat(in, &st) < 0)
		return errno;
	return copy_fd_n(in, out, (uint64_t)st.st_size, &n);
}

/* Created with its permission bits, writable through the descriptor
 * whatever they are; finish() adds what the umask took and the
 * setuid, setgid and sticky bits, after the content is written. */
static int create(int ddir, const char *dpath, unsigned mode)
{
	return openat(ddir, dpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      (mode_t)(mode & 0777));
}

static int finish(int fd, unsigned mode, struct stat *st)
{
	int e = 0;
	if (!ready)
		copy_init();
	if ((mode & 07777) != (mode & 0777 & ~(unsigned)run_umask) && fchmod(fd, mode & 07777) < 0)
		e = errno;
	if (!e && st && fstat(fd, st) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	return e;
}

int copy_open_file(int in, uint64_t size, int ddir, const char *dpath, unsigned mode,
		   struct stat *st, const char **what, unsigned char sha[32], uint64_t *n)
{
	*what = "create";
	int out = create(ddir, dpath, mode);
	if (out < 0)
		return errno;
	*what = "copy";
	int e;
	*n = 0;
	if (sha) {
		struct kiln_sha256 h;
		kiln_sha256_init(&h);
		e = copy_rw(in, out, &h, size, n);
		kiln_sha256_final(&h, sha); /* also on error: it frees h */
	} else {
		e = copy_fd_n(in, out, size, n);
	}
	if (e) {
		close(out);
		unlinkat(ddir, dpath, 0);
		return e;
	}
	*what = "finish";
	return finish(out, mode, st);
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
	uint64_t n;
	*what = "open source";
	int in = openat(sdir, spath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return errno;
	int fe = fstat(in, &sst) < 0 ? errno : S_ISREG(sst.st_mode) ? 0 : EINVAL;
	if (fe) {
		close(in);
		return fe;
	}
	int e = copy_open_file(in, (uint64_t)sst.st_size, ddir, dpath, mode, st, what, sha, &n);
	close(in);
	return e;
}

int write_new_file(int ddir, const char *dpath, const void *data, size_t n, unsigned mode,
		   struct stat *st)
{
	int out = create(ddir, dpath, mode);
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
