// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: kiln-pkgdir check --root ROOT --pkg P [--strict]\n"
	"\n"
	"Re-run the leak check of 'record' on the files and symlinks listed in\n"
	"ROOT/P/manifest: warn about every one that contains the per-package\n"
	"directory of another package (ROOT/Q/). Exit 0 when clean or with only\n"
	"warnings; with --strict leaks are errors (exit 1).\n"
	"\n"
	"  --root ROOT   absolute per-package root\n"
	"  --pkg P       the package to check\n"
	"  --strict      leaks are errors\n";

int cmd_check(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o, OPT_ROOT | OPT_PKG | OPT_STRICT, usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	struct kiln_ctx ctx = {PROG, o.pkg};
	struct scan sc = {.ctx = &ctx, .root = o.root, .pkg = o.pkg, .strict = o.strict};
	struct kiln_manifest m = {0};
	struct kbuf pdir = {0}, abs = {0}, content = {0};
	int errors = 0;
	rc = 1;
	kbuf_printf(&pdir, "%s/%s", o.root, o.pkg);
	int pfd = open(pdir.p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	char err[512] = "";
	int e = pfd < 0 ? errno : kiln_manifest_load(&m, pfd, "manifest", err, sizeof err);
	if (e) {
		kiln_err(&ctx, NULL, "%s/manifest: %s (%s)", pdir.p, e > 0 ? strerror(e) : err,
			 e == ENOENT ? "build the package first" : "rebuild the package");
		goto out;
	}
	for (size_t i = 0; i < m.n; i++) {
		const struct kiln_entry *en = &m.ent[i];
		if (en->type == 'd')
			continue;
		abs.len = 0;
		kbuf_printf(&abs, "%s/%s", pdir.p, en->path);
		sc.path = abs.p;
		if (en->type == 'f') {
			e = kiln_read_file_at(pfd, en->path, &content, NULL);
		} else {
			e = kiln_readlink_at(pfd, en->path, &content);
			if (e)
				content.len = 0;
		}
		if (e) {
			kiln_err(&ctx, abs.p, "listed in the manifest but cannot be read: %s (rebuild %s)",
				 strerror(e), o.pkg);
			errors++;
			continue;
		}
		scan_content(&sc, content.p, content.len);
	}
	rc = errors || (o.strict && sc.leaks) ? 1 : 0;
out:
	kiln_manifest_free(&m);
	kbuf_free(&pdir);
	kbuf_free(&abs);
	kbuf_free(&content);
	kbuf_free(&sc.seen);
	if (pfd >= 0)
		close(pfd);
	opts_free(&o);
	return rc;
}
