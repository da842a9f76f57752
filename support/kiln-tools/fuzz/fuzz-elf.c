// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: the ELF parser of kiln-rpath, then the RPATH list
 * code on what it found. Every string it returns must lie inside the
 * input and be NUL-terminated there. */
#include "../lib/buf.h"
#include "../rpath/rpath.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(const uint8_t *data, size_t size, const char *s)
{
	if (!s)
		return;
	const uint8_t *p = (const uint8_t *)s;
	if (p < data || p >= data + size || !memchr(p, 0, (size_t)(data + size - p)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_elf e;
	char err[160];
	int rc = rp_elf_parse(data, size, &e, err, sizeof err);
	if (rc == 1 && rp_is_elf(data, size))
		abort();
	if (rc == 0) {
		inside(data, size, e.rpath);
		inside(data, size, e.runpath);
		for (size_t i = 0; i < e.nneeded; i++)
			inside(data, size, e.needed[i]);
		struct rp_list l = {0};
		struct kbuf b = {0};
		rp_list_split(&l, e.runpath ? e.runpath : e.rpath);
		for (size_t i = 0; i < l.n; i++) {
			char *n = rp_norm_abs(l.v[i]);
			char *r = rp_norm_rel(l.v[i]);
			if (n[0] != '/' || strstr(n, "//") || strstr(n, "/../") || strstr(n, "/./"))
				abort();
			if (r && (strcmp(r, "..") == 0 || strncmp(r, "../", 3) == 0 ||
				  strstr(r, "/../") || strstr(r, "//") || r[0] == '/'))
				abort();
			char *o = rp_origin_rel("bin", r ? r : "lib");
			free(o);
			free(n);
			free(r);
		}
		rp_list_join(&l, &b);
		rp_list_free(&l);
		kbuf_free(&b);
	}
	rp_elf_free(&e);
	return 0;
}
