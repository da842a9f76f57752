// SPDX-License-Identifier: GPL-2.0-or-later
#include "util.h"
#include "../lib/file.h"
#include "../lib/mkdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int t_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	fflush(stdout);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int t_tmpdir(char *dir, size_t n, const char *name)
{
	const char *base = getenv("TEST_TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	kiln_mkdir_p(base);
	snprintf(dir, n, "%s/%s-XXXXXX", base, name);
	if (!mkdtemp(dir)) {
		printf("Bail out! cannot create a temp dir in %s: %s\n", base, strerror(errno));
		return -1;
	}
	return 0;
}

int t_argv(char **argv, int argc, int max, va_list ap)
{
	char *a;
	while (argc < max - 1 && (a = va_arg(ap, char *)))
		argv[argc++] = a;
	argv[argc] = NULL;
	return argc;
}

int t_capture(int (*main_fn)(int, char **), int argc, char **argv, const char *dir,
	      struct kbuf *out, struct kbuf *err)
{
	char ef[4200], of[4200];
	snprintf(ef, sizeof ef, "%s/stderr", dir);
	snprintf(of, sizeof of, "%s/stdout", dir);
	fflush(stdout);
	fflush(stderr);
	int save2 = dup(2), save1 = dup(1);
	int efd = open(ef, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ofd = open(of, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(efd, 2);
	dup2(ofd, 1);
	close(efd);
	close(ofd);
	int rc = main_fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save2, 2);
	dup2(save1, 1);
	close(save2);
	close(save1);
	kiln_read_file_at(AT_FDCWD, ef, err, NULL);
	kiln_read_file_at(AT_FDCWD, of, out, NULL);
	return rc;
}

char *t_slurp(const char *path)
{
	static struct kbuf b;
	if (kiln_read_file_at(AT_FDCWD, path, &b, NULL))
		return "<missing>";
	return b.p;
}
