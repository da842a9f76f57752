// SPDX-License-Identifier: GPL-2.0-or-later
#include "sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

/* libcrypto fails only when out of memory (or broken): like
 * kiln_xmalloc, stop. */
static void die(const char *what)
{
	fprintf(stderr, "kiln: SHA-256: %s failed (libcrypto); out of memory?\n", what);
	abort();
}

void kiln_sha256_init(struct kiln_sha256 *s)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		die("EVP_DigestInit_ex");
	s->ctx = ctx;
}

void kiln_sha256_update(struct kiln_sha256 *s, const void *data, size_t n)
{
	if (n && EVP_DigestUpdate(s->ctx, data, n) != 1)
		die("EVP_DigestUpdate");
}

void kiln_sha256_final(struct kiln_sha256 *s, unsigned char out[32])
{
	unsigned int len = 0;
	if (EVP_DigestFinal_ex(s->ctx, out, &len) != 1 || len != 32)
		die("EVP_DigestFinal_ex");
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void kiln_sha256(const void *data, size_t n, unsigned char out[32])
{
	unsigned int len = 0;
	if (EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) != 1 || len != 32)
		die("EVP_Digest");
}

void kiln_hex32(const unsigned char in[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[64] = 0;
}
