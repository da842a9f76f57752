// SPDX-License-Identifier: GPL-2.0-or-later
#include "hmap.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

uint64_t kiln_hash(const char *s, size_t n)
{
	/* FNV-1a 64 with a final avalanche */
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void kiln_hmap_init(struct kiln_hmap *m, size_t expect)
{
	size_t cap = 16;
	while (cap < expect * 2)
		cap *= 2;
	m->slots = kiln_xmalloc(cap * sizeof *m->slots);
	memset(m->slots, 0, cap * sizeof *m->slots);
	m->cap = cap;
	m->count = 0;
}

void kiln_hmap_free(struct kiln_hmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

static struct kiln_hslot *find(const struct kiln_hmap *m, const char *key, size_t klen, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct kiln_hslot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
			return s;
	}
}

size_t *kiln_hmap_get(const struct kiln_hmap *m, const char *key, size_t klen)
{
	if (!m->cap)
		return NULL;
	struct kiln_hslot *s = find(m, key, klen, kiln_hash(key, klen));
	return s->key ? &s->val : NULL;
}

static void grow(struct kiln_hmap *m)
{
	struct kiln_hmap n;
	kiln_hmap_init(&n, m->cap);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(&n, m->slots[i].key, m->slots[i].klen, m->slots[i].hash) = m->slots[i];
	n.count = m->count;
	free(m->slots);
	*m = n;
}

size_t *kiln_hmap_put(struct kiln_hmap *m, const char *key, size_t klen, size_t val, int *found)
{
	if (!m->cap)
		kiln_hmap_init(m, 8);
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = kiln_hash(key, klen);
	struct kiln_hslot *s = find(m, key, klen, h);
	if (s->key) {
		if (found)
			*found = 1;
		return &s->val;
	}
	s->key = key;
	s->klen = klen;
	s->hash = h;
	s->val = val;
	m->count++;
	if (found)
		*found = 0;
	return &s->val;
}
