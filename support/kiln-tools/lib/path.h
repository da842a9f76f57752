/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Path utilities. */
#ifndef KILN_PATH_H
#define KILN_PATH_H

#include <stddef.h>

/* a + "/" + b, malloc'd (no doubled slash when a ends with '/'). */
char *kiln_path_join(const char *a, const char *b);
/* Directory containing the running executable (from /proc/self/exe),
 * malloc'd, or NULL with errno set. */
char *kiln_exe_dir(void);
/* kiln_exe_dir() joined with rel, malloc'd, or NULL. */
char *kiln_path_from_exe(const char *rel);
/* Length of s without trailing slashes (but keeps a lone "/"). */
size_t kiln_path_trim(const char *s);
/* 1 if [a-z0-9][a-z0-9._+-]* */
int kiln_valid_pkgname(const char *s, size_t n);
/* 1 if path is "host/..." or "target/..." with no empty, "." or ".."
 * component and no NUL byte. */
int kiln_valid_relpath(const char *s, size_t n);

#endif
