// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: kiln-rpath's argument parser. The input is split at
 * NUL bytes into argv[1..]. */
#include "../lib/buf.h"
#include "../rpath/rpath.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = kiln_xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = 0;
	char *argv[66];
	int argc = 0;
	argv[argc++] = "kiln-rpath";
	for (char *p = copy; p <= copy + size && argc < 65; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	struct rp_opts o;
	struct kbuf msg = {0};
	int rc = rp_parse_args(argc, argv, &o, &msg);
	if (rc == RP_ARGS_USAGE && (!msg.p || !msg.len))
		abort(); /* a usage error always says why */
	if (rc == RP_ARGS_OK) {
		if (!o.root || o.root[0] != '/' || !o.pkg || !o.arch)
			abort();
		for (size_t i = 0; i < o.nbuild; i++)
			if (o.build_dirs[i][0] != '/')
				abort();
		if (o.sysroot && strncmp(o.sysroot, "host/", 5) != 0)
			abort();
	}
	rp_opts_free(&o);
	kbuf_free(&msg);
	free(copy);
	return 0;
}
