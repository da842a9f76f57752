/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Applying device table entries below a root directory. */
#ifndef KILN_MAKEDEVS_APPLY_H
#define KILN_MAKEDEVS_APPLY_H

#include "table.h"

/* Applies E below ROOT. WHERE ("table:line") prefixes any error,
 * printed on stderr. Returns 0 or -1. */
int mkd_apply(const char *root, const struct mkd_entry *e, const char *where);

#endif
