// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-link: the lower bound of assembling a per-package directory.
 *
 * Usage: floor-link [-c] SRCROOT DSTDIR LIST
 *
 * Reads LIST, one TAB-separated record per line, and does nothing but
 * the file-system calls that assembling needs:
 *   d <TAB> DST             mkdirat(DSTDIR, DST, 0755)
 *   f <TAB> SRC <TAB> DST   linkat(SRCROOT, SRC, DSTDIR, DST)
 *   l <TAB> TARGET <TAB> DST  symlinkat(TARGET, DSTDIR, DST)
 * With -c (the floor of a merge), files are copied instead: the source
 * opened and read, the copy created (0644) and written, with one
 * 128 KiB buffer; nothing hashed, no mode set, nothing checked.
 * SRC is relative to SRCROOT, DST to DSTDIR (created if missing). The
 * list names every directory before what it holds, each once, so no
 * call is wasted. No manifest parsing, no hash map, no bookkeeping:
 * the ppd-assemble benchmark compares kiln-pkgdir against this.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor-link: %s: %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* -c: the least a copy can do */
static void copy(int srcfd, const char *src, int dstfd, const char *dst)
{
	static char buf[1 << 17];
	int in = openat(srcfd, src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		die("open", src);
	int out = openat(dstfd, dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0)
		die("create", dst);
	ssize_t r;
	while ((r = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)r) != r)
			die("write", dst);
	if (r < 0)
		die("read", src);
	close(in);
	if (close(out) != 0)
		die("close", dst);
}

int main(int argc, char **argv)
{
	int copying = argc > 1 && strcmp(argv[1], "-c") == 0;
	if (copying) {
		argc--;
		argv++;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: floor-link [-c] SRCROOT DSTDIR LIST\n");
		return 2;
	}
	int srcfd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (srcfd < 0)
		die("open", argv[1]);
	if (mkdir(argv[2], 0755) != 0 && errno != EEXIST)
		die("mkdir", argv[2]);
	int dstfd = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dstfd < 0)
		die("open", argv[2]);
	FILE *list = fopen(argv[3], "r");
	if (!list)
		die("open", argv[3]);

	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	while ((len = getline(&line, &cap, list)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *a = strchr(line, '\t');
		if (!a || a != line + 1)
			goto bad;
		*a++ = '\0';
		char *b = strchr(a, '\t');
		if (b)
			*b++ = '\0';
		switch (line[0]) {
		case 'd':
			if (b)
				goto bad;
			if (mkdirat(dstfd, a, 0755) != 0)
				die("mkdir", a);
			break;
		case 'f':
			if (!b)
				goto bad;
			if (copying)
				copy(srcfd, a, dstfd, b);
			else if (linkat(srcfd, a, dstfd, b, 0) != 0)
				die("link", b);
			break;
		case 'l':
			if (!b)
				goto bad;
			if (symlinkat(a, dstfd, b) != 0)
				die("symlink", b);
			break;
		default:
			goto bad;
		}
	}
	if (ferror(list))
		die("read", argv[3]);
	free(line);
	fclose(list);
	return 0;
bad:
	fprintf(stderr, "floor-link: %s:%lu: bad record\n", argv[3], lineno);
	return 1;
}
