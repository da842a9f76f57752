/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading and writing kiln manifests (see docs/manifest.md). */
#ifndef KILN_MANIFEST_H
#define KILN_MANIFEST_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

#define KILN_MANIFEST_MAGIC "kiln-manifest 1"
#define KILN_F_RELOC 1u

struct kiln_entry {
	char type;             /* 'f' file, 'l' symlink, 'd' directory */
	unsigned mode;         /* 07777 bits */
	uint64_t size;         /* 'f' only */
	unsigned char sha[32]; /* 'f' only */
	unsigned flags;        /* KILN_F_RELOC */
	const char *override;  /* previous owner, or NULL */
	const char *path;      /* NUL-terminated, unescaped */
	size_t plen;
	const char *target;    /* 'l' only, unescaped */
	size_t tlen;
};

struct kiln_manifest {
	char *buf; /* storage the strings point into (owned) */
	const char *package;
	const char **closure;
	size_t nclosure;
	struct kiln_entry *ent;
	size_t n, cap;
};

/* Parses buf[0..len) in place. buf must be malloc'd with room for len + 1
 * bytes; the manifest takes ownership of it (also on failure). Returns 0,
 * or -1 with "line N: ..." in err. */
int kiln_manifest_parse(struct kiln_manifest *m, char *buf, size_t len, char *err, size_t errlen);
/* Reads and parses dirfd/path. Returns 0; an errno value (> 0) when the
 * file cannot be read; -1 on a parse error (message in err). */
int kiln_manifest_load(struct kiln_manifest *m, int dirfd, const char *path, char *err, size_t errlen);
/* Serialises m (entries must be sorted, see kiln_manifest_sort). */
void kiln_manifest_write(const struct kiln_manifest *m, struct kbuf *out);
void kiln_manifest_sort(struct kiln_manifest *m);
/* Appends an entry (copying nothing: strings must outlive m). */
struct kiln_entry *kiln_manifest_add(struct kiln_manifest *m);
void kiln_manifest_free(struct kiln_manifest *m);

#endif
