// SPDX-License-Identifier: GPL-2.0-or-later
/* The wrapper: compute the environment from its own location, then exec
 * the pkgconf beside it with the arguments unchanged. */
#include "kpc.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"Usage: pkg-config [PKG-CONFIG OPTIONS...]   (kiln-pkg-config, Kiln's wrapper)\n"
	"\n"
	"Runs the pkgconf installed beside it (<dir>/pkgconf) with every argument\n"
	"unchanged, after setting, unless already set in the environment:\n"
	"  target mode: PKG_CONFIG_LIBDIR=<sysroot>/usr/lib/pkgconfig:<sysroot>/usr/share/pkgconfig\n"
	"               PKG_CONFIG_SYSROOT_DIR=<sysroot>   (and --static when static=1)\n"
	"  host mode:   PKG_CONFIG_LIBDIR=<HOST_DIR>/lib/pkgconfig:<HOST_DIR>/share/pkgconfig\n"
	"HOST_DIR is the parent of the wrapper's own directory (from /proc/self/exe).\n"
	"Target mode needs <HOST_DIR>/" KPC_CONF " with a line\n"
	"'sysroot=<path relative to HOST_DIR>' (and optionally 'static=1'). Host mode\n"
	"is used when that file is missing, when the wrapper's name starts with\n"
	"'host-', or when KILN_PKG_CONFIG_HOST=1.\n"
	"\n"
	"  --kiln-help   this help (--help is pkgconf's own)\n"
	"\n"
	"Exit status: pkgconf's; 1 on a bad configuration file, 127 when pkgconf is\n"
	"missing or cannot be run.\n";

static int fail(const char *path, const char *what, int status)
{
	fprintf(stderr, "%s: %s: %s\n", KPC_PROG, path, what);
	return status;
}

int kpc_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--kiln-help") == 0) {
			fputs(help, stdout);
			return 0;
		}
	char *selfdir = kiln_exe_dir();
	if (!selfdir)
		return fail("/proc/self/exe", strerror(errno), 127);
	char *hostdir = kpc_hostdir(selfdir);
	char *confpath = kiln_path_join(hostdir, KPC_CONF);
	free(hostdir);
	struct kbuf b = {0};
	struct kpc_conf conf = {0};
	int have_conf = 0;
	int e = kiln_read_file_at(AT_FDCWD, confpath, &b, NULL);
	if (e == 0) {
		char err[256];
		if (kpc_conf_parse(b.p, b.len, &conf, err, sizeof err) < 0) {
			char msg[400];
			snprintf(msg, sizeof msg, "%s (fix the file, or remove it for a host-only pkg-config)",
				 err);
			kbuf_free(&b);
			free(selfdir);
			int rc = fail(confpath, msg, 1);
			free(confpath);
			return rc;
		}
		have_conf = 1;
	} else if (e != ENOENT) {
		kbuf_free(&b);
		free(selfdir);
		int rc = fail(confpath, strerror(e), 1);
		free(confpath);
		return rc;
	}
	kbuf_free(&b);
	free(confpath);

	struct kpc_plan p;
	kpc_plan_make(selfdir, argv[0], getenv("KILN_PKG_CONFIG_HOST"), have_conf ? &conf : NULL,
		      &p);
	kpc_conf_free(&conf);
	free(selfdir);
	setenv("PKG_CONFIG_LIBDIR", p.libdir, 0);
	if (p.sysroot_dir)
		setenv("PKG_CONFIG_SYSROOT_DIR", p.sysroot_dir, 0);
	char **args = kiln_xmalloc(((size_t)argc + 2) * sizeof *args);
	int k = 0;
	args[k++] = p.pkgconf;
	if (p.add_static)
		args[k++] = "--static";
	for (int i = 1; i < argc; i++)
		args[k++] = argv[i];
	args[k] = NULL;
	fflush(stdout);
	execv(p.pkgconf, args);
	e = errno;
	int rc = fail(p.pkgconf,
		      e == ENOENT ? "pkgconf not found (the host-pkgconf package installs it there: "
				    "add host-pkgconf to the package's dependencies)"
				  : strerror(e),
		      127);
	free(args);
	kpc_plan_free(&p);
	return rc;
}
