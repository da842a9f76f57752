// SPDX-License-Identifier: GPL-2.0-or-later
#include "apply.h"
#include "../lib/mkdir.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static const char *g_where;

static int err(const char *path, const char *what)
{
	fprintf(stderr, "kiln-makedevs: %s: %s: %s: %s\n", g_where, path, what, strerror(errno));
	return -1;
}

static int own(const char *path, const struct mkd_entry *e, unsigned mode)
{
	if (lchown(path, (uid_t)e->uid, (gid_t)e->gid) < 0)
		return err(path, "chown");
	/* chown may clear setuid bits: the mode comes last. */
	if (chmod(path, mode) < 0)
		return err(path, "chmod");
	return 0;
}

static int mkdirs(const char *path)
{
	int e = kiln_mkdir_p(path);
	/* kiln-makedevs has always let a non-directory stand at the end
	 * (a 'd' line naming a file sets that file's owner and mode). */
	struct stat st;
	if (e == ENOTDIR && lstat(path, &st) == 0)
		e = 0;
	if (e) {
		errno = e;
		return err(path, "mkdir");
	}
	return 0;
}

static const struct mkd_entry *g_rec;

static int rec_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)flag;
	(void)ftw;
	if (lchown(path, (uid_t)g_rec->uid, (gid_t)g_rec->gid) < 0)
		return err(path, "chown");
	if (!S_ISLNK(st->st_mode) && chmod(path, g_rec->mode) < 0)
		return err(path, "chmod");
	return 0;
}

static int node(const char *path, const struct mkd_entry *e, unsigned long minor)
{
	mode_t kind = e->type == 'c' ? S_IFCHR : e->type == 'b' ? S_IFBLK : S_IFIFO;
	if (unlink(path) < 0 && errno != ENOENT)
		return err(path, "unlink");
	int rc = kind == S_IFIFO ? mkfifo(path, e->mode & 0777)
				 : mknod(path, kind | (e->mode & 0777),
					 makedev((unsigned)e->major, (unsigned)minor));
	if (rc < 0)
		return err(path, kind == S_IFIFO ? "mkfifo" : "mknod (run kiln-makedevs as root or under fakeroot)");
	return own(path, e, e->mode);
}

int mkd_apply(const char *root, const struct mkd_entry *e, const char *where)
{
	char path[MKD_NAME_MAX * 2 + 32];
	struct stat st;
	g_where = where;
	snprintf(path, sizeof path, "%s%s", root, e->name);

	switch (e->type) {
	case 'd':
		if (mkdirs(path) < 0)
			return -1;
		return own(path, e, e->mode);
	case 'f':
	case 'r':
		if (lstat(path, &st) < 0) {
			fprintf(stderr, "kiln-makedevs: %s: %s: no such file in the root filesystem; "
				"fix the table or the package that should install it\n", where, e->name);
			return -1;
		}
		if (e->type == 'f')
			return own(path, e, e->mode);
		g_rec = e;
		return nftw(path, rec_one, 32, FTW_PHYS) == 0 ? 0 : -1;
	default:
		break;
	}
	char *slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdirs(path) < 0)
		return -1;
	*slash = '/';
	if (e->count == 0)
		return node(path, e, e->minor);
	size_t base = strlen(path);
	for (unsigned long i = 0; i < e->count; i++) {
		snprintf(path + base, sizeof path - base, "%lu", e->start + i * e->inc);
		if (node(path, e, e->minor + i * e->inc) < 0)
			return -1;
	}
	return 0;
}
