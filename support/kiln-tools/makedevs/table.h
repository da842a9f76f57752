/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The device table of kiln-makedevs: one entry per line,
 *   name type mode uid gid major minor start inc count
 * with '-' for a field that does not apply; '#' starts a comment. */
#ifndef KILN_MAKEDEVS_TABLE_H
#define KILN_MAKEDEVS_TABLE_H

#include <stddef.h>

#define MKD_NAME_MAX 4096
/* A series (count > 0) makes at most this many nodes. */
#define MKD_COUNT_MAX 4096

struct mkd_entry {
	char name[MKD_NAME_MAX]; /* absolute, normalized: no "..", ".", "//" */
	char type;               /* d f r c b p */
	unsigned mode;           /* permission bits, setuid/setgid/sticky included */
	unsigned long uid, gid;
	unsigned long major, minor, start, inc, count;
};

/* Parses one line (without its newline; NUL bytes are an error).
 * Returns 1 and fills *e for an entry, 0 for a blank or comment line,
 * -1 with a message in err for a bad line. */
int mkd_parse_line(const char *line, size_t len, struct mkd_entry *e, char *err, size_t errlen);

#endif
