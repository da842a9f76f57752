/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Open-addressing hash map from byte strings to size_t values.
 * Keys are NOT copied: they must outlive the map. */
#ifndef KILN_HMAP_H
#define KILN_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct kiln_hslot {
	const char *key; /* NULL = empty */
	size_t klen;
	uint64_t hash;
	size_t val;
};

struct kiln_hmap {
	struct kiln_hslot *slots;
	size_t cap, count;
};

void kiln_hmap_init(struct kiln_hmap *m, size_t expect);
void kiln_hmap_free(struct kiln_hmap *m);
uint64_t kiln_hash(const char *s, size_t n);
/* Returns a pointer to the value of key, or NULL. */
size_t *kiln_hmap_get(const struct kiln_hmap *m, const char *key, size_t klen);
/* Inserts key if absent (value = val) and returns its value slot;
 * *found tells whether it was already there (value left unchanged). */
size_t *kiln_hmap_put(struct kiln_hmap *m, const char *key, size_t klen, size_t val, int *found);

#endif
