// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: merge state record parser, with a round trip of valid
 * input. */
#include "../lib/buf.h"
#include "../pkgdir/pkgdir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(const struct mstate *s, struct kbuf *out)
{
	mstate_write_head(out, s->tree, s->key, s->bsec, s->bnsec);
	for (size_t i = 0; i < s->n; i++)
		mstate_write_ent(out, &s->v[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	char *buf = kiln_xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = 0;
	struct mstate s;
	if (mstate_parse(&s, buf, size, err, sizeof err) == 0) {
		struct kbuf a = {0}, b = {0};
		write_all(&s, &a);
		struct mstate s2;
		char *copy = kiln_xstrndup(a.p, a.len);
		if (mstate_parse(&s2, copy, a.len, err, sizeof err) != 0)
			abort();
		write_all(&s2, &b);
		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
			abort();
		mstate_free(&s2);
		kbuf_free(&a);
		kbuf_free(&b);
	}
	mstate_free(&s);
	return 0;
}
