// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: kiln-pkg-config's configuration parser and the plan
 * made from it (the first byte picks the name and KILN_PKG_CONFIG_HOST).
 * A target sysroot must never leave HOST_DIR. */
#include "../pkgconfig/kpc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	static const char *const names[] = {"pkg-config", "/x/host-pkg-config",
					    "aarch64-linux-gnu-pkg-config", ""};
	unsigned sel = data[0];
	struct kpc_conf c;
	char err[256];
	int rc = kpc_conf_parse((const char *)data + 1, size - 1, &c, err, sizeof err);
	if (rc < 0) {
		if (strncmp(err, "line ", 5) != 0)
			abort();
		kpc_conf_free(&c);
		return 0;
	}
	const char *s = c.sysroot;
	size_t n = s ? strlen(s) : 0;
	if (!s || !n || s[0] == '/' || strcmp(s, "..") == 0 || strncmp(s, "../", 3) == 0 ||
	    strstr(s, "/../") || strstr(s, "//") || (n >= 3 && strcmp(s + n - 3, "/..") == 0))
		abort();
	struct kpc_plan p;
	kpc_plan_make("/o/host/bin", names[sel & 3], (sel & 4) ? "1" : NULL, &c, &p);
	if (!p.host && (strncmp(p.sysroot_dir, "/o/host/", 8) != 0 || !p.libdir))
		abort();
	kpc_plan_free(&p);
	kpc_conf_free(&c);
	return 0;
}
