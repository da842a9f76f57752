// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading a symlink's target whatever its length. */
#include "file.h"

#include <errno.h>
#include <unistd.h>

int kiln_readlink_at(int dirfd, const char *path, struct kbuf *out)
{
	/* readlink() truncates silently: grow until the target fits with
	 * a byte to spare (st_size is no help: it is 0 in /proc). */
	size_t cap = 256;
	for (;;) {
		out->len = 0;
		kbuf_reserve(out, cap);
		ssize_t n = readlinkat(dirfd, path, out->p, cap);
		if (n < 0)
			return errno;
		if ((size_t)n < cap) {
			out->len = (size_t)n;
			kbuf_cstr(out);
			return 0;
		}
		cap *= 2;
	}
}
