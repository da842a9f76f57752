/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Making a directory and its missing parents. */
#ifndef KILN_MKDIR_H
#define KILN_MKDIR_H

/* mkdir -p: makes path and each missing parent (mode 0755 before the
 * umask). Existing directories (or symlinks to them) are fine. Returns 0
 * or an errno value (ENOTDIR when something else is in the way). */
int kiln_mkdir_p(const char *path);

#endif
