/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-256 (FIPS 180-4). */
#ifndef KILN_SHA256_H
#define KILN_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct kiln_sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char buf[64];
	size_t used;
};

void kiln_sha256_init(struct kiln_sha256 *s);
void kiln_sha256_update(struct kiln_sha256 *s, const void *data, size_t n);
void kiln_sha256_final(struct kiln_sha256 *s, unsigned char out[32]);
void kiln_sha256(const void *data, size_t n, unsigned char out[32]);
/* 64 lowercase hex digits + NUL */
void kiln_hex32(const unsigned char in[32], char out[65]);

#endif
