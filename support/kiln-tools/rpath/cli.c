// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpath.h"
#include "../lib/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rpath_main(int argc, char **argv)
{
	struct rp_opts o;
	struct kbuf msg = {0};
	int rc = rp_parse_args(argc, argv, &o, &msg);
	if (rc == RP_ARGS_HELP) {
		fputs(rp_usage, stdout);
	} else if (rc == RP_ARGS_USAGE) {
		fprintf(stderr, "%s: %s (see --help)\n", RP_PROG, msg.p);
	} else {
		struct rp_ctx c;
		memset(&c, 0, sizeof c);
		c.o = &o;
		c.err.prog = RP_PROG;
		c.err.pkg = o.pkg;
		c.pkgdir = kiln_path_join(o.root, o.pkg);
		c.hostdir = kiln_path_join(c.pkgdir, "host");
		rc = rp_fix(&c);
		free(c.pkgdir);
		free(c.hostdir);
		free(c.patchelf);
	}
	kbuf_free(&msg);
	rp_opts_free(&o);
	return rc;
}
