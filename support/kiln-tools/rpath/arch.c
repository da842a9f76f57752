// SPDX-License-Identifier: GPL-2.0-or-later
/* The architectures --arch knows, and the build machine's. */
#include "rpath.h"

#include <elf.h>
#include <string.h>

static const struct rp_arch arches[] = {
	{"aarch64", EM_AARCH64, 64, 0},
	{"arm", EM_ARM, 32, 0},
	{"riscv64", EM_RISCV, 64, 0},
	{"x86_64", EM_X86_64, 64, 0},
};

const struct rp_arch *rp_arch_find(const char *name)
{
	for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++)
		if (strcmp(arches[i].name, name) == 0)
			return &arches[i];
	return NULL;
}

const struct rp_arch *rp_arch_host(void)
{
#if defined(__x86_64__)
	return rp_arch_find("x86_64");
#elif defined(__aarch64__)
	return rp_arch_find("aarch64");
#elif defined(__riscv) && __riscv_xlen == 64
	return rp_arch_find("riscv64");
#elif defined(__arm__)
	return rp_arch_find("arm");
#else
	return NULL;
#endif
}

const char *rp_host_multiarch(void)
{
#if defined(__x86_64__)
	return "x86_64-linux-gnu";
#elif defined(__aarch64__)
	return "aarch64-linux-gnu";
#elif defined(__riscv) && __riscv_xlen == 64
	return "riscv64-linux-gnu";
#elif defined(__arm__)
	return "arm-linux-gnueabihf";
#else
	return "unknown-linux-gnu";
#endif
}
