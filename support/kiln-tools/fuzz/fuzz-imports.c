// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: .imports parser, with a round trip of valid input. */
#include "../lib/buf.h"
#include "../pkgdir/pkgdir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(const struct imports *im, struct kbuf *out)
{
	kbuf_printf(out, IMPORTS_MAGIC "\npackage %s\nclosure", im->package);
	for (size_t i = 0; i < im->nclosure; i++)
		kbuf_printf(out, " %s", im->closure[i]);
	kbuf_addc(out, '\n');
	for (size_t i = 0; i < im->n; i++)
		imports_write_line(out, &im->ent[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	char *buf = kiln_xmalloc(size + 1);
	memcpy(buf, data, size);
	struct imports im;
	if (imports_parse(&im, buf, size, err, sizeof err) == 0) {
		struct kbuf a = {0}, b = {0};
		write_all(&im, &a);
		struct imports im2;
		char *copy = kiln_xstrndup(a.p, a.len);
		if (imports_parse(&im2, copy, a.len, err, sizeof err) != 0)
			abort();
		write_all(&im2, &b);
		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
			abort();
		imports_free(&im2);
		kbuf_free(&a);
		kbuf_free(&b);
	} else if (strncmp(err, "line ", 5) != 0) {
		abort();
	}
	imports_free(&im);
	return 0;
}
