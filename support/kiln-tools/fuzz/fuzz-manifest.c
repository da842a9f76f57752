// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: manifest parser. Valid input must round-trip:
 * write(parse(x)) parses again and writes identically. */
#include "../lib/buf.h"
#include "../lib/manifest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	char *buf = kiln_xmalloc(size + 1);
	memcpy(buf, data, size);
	struct kiln_manifest m;
	if (kiln_manifest_parse(&m, buf, size, err, sizeof err) == 0) {
		struct kbuf a = {0}, b = {0};
		kiln_manifest_write(&m, &a);
		struct kiln_manifest m2;
		char *copy = kiln_xstrndup(a.p, a.len);
		if (kiln_manifest_parse(&m2, copy, a.len, err, sizeof err) != 0)
			abort();
		kiln_manifest_write(&m2, &b);
		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
			abort();
		kiln_manifest_free(&m2);
		kbuf_free(&a);
		kbuf_free(&b);
	} else if (strncmp(err, "line ", 5) != 0) {
		abort(); /* every error carries a line number */
	}
	kiln_manifest_free(&m);
	return 0;
}
