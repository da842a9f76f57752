/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file and symlink reading, atomic writing. */
#ifndef KILN_FILE_H
#define KILN_FILE_H

#include "buf.h"

#include <sys/stat.h>

/* Reads the regular file dirfd/path (no symlink following) into out
 * (replacing its contents; NUL-terminated). Returns 0 or an errno value
 * (ELOOP for a symlink, EISDIR/EINVAL for other non-regular files).
 * If st is non-NULL it receives fstat() of the opened file. */
int kiln_read_file_at(int dirfd, const char *path, struct kbuf *out, struct stat *st);
/* Same as above but appends; reads from an open fd. */
int kiln_read_fd(int fd, struct kbuf *out);
/* Writes data to dirfd/path atomically: temp file in the same directory,
 * then rename. mode is applied with fchmod. Returns 0 or an errno value. */
int kiln_write_atomic_at(int dirfd, const char *path, const void *data, size_t n, unsigned mode);
/* Reads the target of the symlink dirfd/path into out (replacing its
 * contents; NUL-terminated), however long. Returns 0 or an errno value. */
int kiln_readlink_at(int dirfd, const char *path, struct kbuf *out);
/* write() all of it; returns 0 or errno value. */
int kiln_write_all(int fd, const void *data, size_t n);

#endif
