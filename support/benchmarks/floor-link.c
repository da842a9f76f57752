// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-link: the lower bound of assembling a per-package directory.
 *
 * Usage: floor-link SRCROOT DSTDIR LIST
 *
 * Reads LIST, one TAB-separated record per line, and does nothing but
 * the file-system calls that assembling needs:
 *   d <TAB> DST             mkdirat(DSTDIR, DST, 0755)
 *   f <TAB> SRC <TAB> DST   linkat(SRCROOT, SRC, DSTDIR, DST)
 *   l <TAB> TARGET <TAB> DST  symlinkat(TARGET, DSTDIR, DST)
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

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor-link SRCROOT DSTDIR LIST\n");
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
			if (linkat(srcfd, a, dstfd, b, 0) != 0)
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
