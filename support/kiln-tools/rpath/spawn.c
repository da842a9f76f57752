// SPDX-License-Identifier: GPL-2.0-or-later
/* Running patchelf: fork/exec through posix_spawn, never a shell. */
#include "rpath.h"
#include "../lib/path.h"

#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int rp_run(char *const argv[])
{
	pid_t pid;
	int e = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
	if (e) {
		errno = e;
		return -1;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

char *rp_which(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? kiln_xstrndup(name, strlen(name)) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (path) {
		const char *c = strchr(path, ':');
		size_t n = c ? (size_t)(c - path) : strlen(path);
		char *dir = n ? kiln_xstrndup(path, n) : kiln_xstrndup(".", 1);
		char *cand = kiln_path_join(dir, name);
		free(dir);
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		path = c ? c + 1 : NULL;
	}
	return NULL;
}
