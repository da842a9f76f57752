// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

static const char usage[] =
	"Usage: kiln-pkgdir COMMAND [OPTIONS]\n"
	"\n"
	"Per-package directory helper of Kiln (the hardlink copier).\n"
	"\n"
	"Commands:\n"
	"  assemble --root ROOT --pkg P [DEP...]   build ROOT/P/{host,target} from the\n"
	"                                          manifests of P's dependencies\n"
	"  record   --root ROOT --pkg P [--strict] write ROOT/P/manifest from what P installed\n"
	"  check    --root ROOT --pkg P [--strict] re-run the leak check on P's manifest\n"
	"  merge    --root ROOT --out OUT --tree host|target [--state FILE [--key K]\n"
	"           [--placed LIST]] PKG...\n"
	"  seal     --out OUT --tree host|target --state FILE\n"
	"                                          build OUT/<tree> from manifests (copies)\n"
	"  protect  --root ROOT --pkg P -- COMMAND [ARG...]\n"
	"                                          run COMMAND (a step), refusing its writes\n"
	"                                          to the files P imported\n"
	"\n"
	"Run 'kiln-pkgdir COMMAND --help' for the options of a command.\n"
	"Exit status: 0 success, 1 error, 2 usage error.\n";

int pkgdir_main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{"assemble", cmd_assemble},
		{"record", cmd_record},
		{"check", cmd_check},
		{"merge", cmd_merge},
		{"seal", cmd_seal},
	};
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	/* protect runs a package step: with the caller's umask and limits. */
	if (strcmp(argv[1], "protect") == 0)
		return cmd_protect(argc - 1, argv + 1);
	/* Modes are always applied explicitly; deep trees need one fd per level. */
	umask(0);
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command: %s (see --help)\n", PROG, argv[1]);
	return 2;
}
