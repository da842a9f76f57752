// SPDX-License-Identifier: GPL-2.0-or-later
/* The .damaged marks: a package whose files another package changed in
 * place (found by record, or by merge's hash check) is written down so
 * that the make layer reinstalls it at the next make.
 *
 *   ROOT/OWNER/.damaged   one line per change: PATH TAB what happened
 *   ROOT/.damaged         one owner name per line: the index make reads,
 *                         so a no-op make checks one path, not one per
 *                         package
 *
 * Both are appended with O_APPEND (one write each), which keeps lines
 * whole when two records write at once. assemble removes the owner's
 * file when the owner is reinstalled; stale index lines are harmless
 * (make checks the owner's file). */
#include "pkgdir.h"
#include "../lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static int append(const char *path, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	int e = kiln_write_all(fd, data, n);
	if (close(fd) < 0 && !e)
		e = errno;
	return e;
}

int mark_damaged(const char *root, const char *owner, const char *line, size_t n)
{
	struct kbuf p = {0}, idx = {0};
	kbuf_printf(&p, "%s/%s/.damaged", root, owner);
	int e = append(p.p, line, n);
	if (!e) {
		p.len = 0;
		kbuf_printf(&p, "%s/.damaged", root);
		kbuf_printf(&idx, "%s\n", owner);
		e = append(p.p, idx.p, idx.len);
	}
	kbuf_free(&p);
	kbuf_free(&idx);
	return e;
}
