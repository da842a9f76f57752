// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: the argument scanner and command-line builder.
 * The input is split at NUL bytes into arguments. Checks: no crash, the
 * built command line is the configured prefix plus every argument
 * unchanged, and every reported unsafe path lies inside its argument. */
#include "../wrapper.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = kiln_xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = 0;
	size_t cap = 2;
	for (size_t i = 0; i < size; i++)
		cap += buf[i] == 0;
	char **argv = kiln_xmalloc((cap + 1) * sizeof *argv);
	int argc = 0;
	argv[argc++] = "gcc";
	for (char *p = buf; p <= buf + size; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;

	struct wrap_cfg cfg = {
		.real = "/h/bin/real-gcc", .sysroot = "/h/sysroot", .host_dir = "/h", .build_dir = "/b",
		.cpu = "cortex-a7", .fpu = "neon-vfpv4", .float_abi = "hard", .launcher = "ccache",
	};
	struct wrap_seen seen;
	struct wrap_unsafe bad[4];
	size_t n = wrap_scan(&cfg, argc, argv, &seen, bad, 4);
	for (size_t i = 0; i < n && i < 4; i++) {
		const char *a = argv[bad[i].index];
		const char *next = bad[i].index + 1 < (size_t)argc ? argv[bad[i].index + 1] : NULL;
		int inside = (bad[i].path >= a && bad[i].path + bad[i].pathlen <= a + strlen(a)) ||
			     (next && bad[i].path >= next && bad[i].path + bad[i].pathlen <= next + strlen(next));
		if (!inside || !bad[i].prefix)
			abort();
		struct kbuf d = {0};
		wrap_describe(&bad[i], &d);
		kbuf_free(&d);
	}
	struct wrap_argv out = {0};
	wrap_build(&cfg, &seen, argc, argv, &out);
	if (out.argc < (size_t)argc - 1 || out.argv[out.argc])
		abort();
	size_t off = out.argc - ((size_t)argc - 1);
	for (int i = 1; i < argc; i++)
		if (strcmp(out.argv[off + (size_t)i - 1], argv[i]))
			abort();
	if (strcmp(out.argv[0], "ccache") || strcmp(out.argv[1], "/h/bin/real-gcc"))
		abort();
	wrap_argv_free(&out);

	char *norm = kiln_xmalloc(size + 2);
	size_t len = wrap_normalize(buf, strlen(buf), norm);
	if (len > strlen(buf) + 1 || strlen(norm) != len)
		abort();
	free(norm);
	free(argv);
	free(buf);
	return 0;
}
