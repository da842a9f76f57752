// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: kiln-makedevs' table line parser. An accepted entry
 * must have an absolute, normalized name and a known type. */
#include "../makedevs/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mkd_entry e;
	char err[256];
	int rc = mkd_parse_line((const char *)data, size, &e, err, sizeof err);
	if (rc < 0 && err[0] == '\0')
		abort();
	if (rc == 1) {
		if (e.name[0] != '/' || strstr(e.name, "//") || strstr(e.name, "/../") ||
		    strstr(e.name, "/./") || !strchr("dfrcbp", e.type) || e.mode > 07777 ||
		    e.count > MKD_COUNT_MAX)
			abort();
		size_t n = strlen(e.name);
		if (n >= 3 && strcmp(e.name + n - 3, "/..") == 0)
			abort();
	}
	return 0;
}
