/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kiln-pkgdir internals. See SPEC-pkgdir.md and docs/kiln-pkgdir.md. */
#ifndef KILN_PKGDIR_H
#define KILN_PKGDIR_H

#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/hmap.h"
#include "../lib/manifest.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define PROG "kiln-pkgdir"
#define NONE ((size_t)-1)

/* ---- args.c ---- */
enum { OPT_ROOT = 1, OPT_PKG = 2, OPT_STRICT = 4, OPT_OUT = 8, OPT_TREE = 16, OPT_POS = 32,
       OPT_FORBID = 64, OPT_STATE = 128, OPT_KEY = 256, OPT_PLACED = 512, OPT_REUSE = 1024 };

struct opts {
	char *root;      /* absolute, no trailing slash (malloc'd) */
	const char *pkg;
	char *out;       /* absolute, no trailing slash (malloc'd) */
	const char *tree;
	int strict;
	char **pos;      /* positional arguments */
	int npos;
	char **forbid;   /* --forbid PATH (absolute, no trailing slash, malloc'd) */
	const char *state;  /* --state FILE (merge, seal) */
	const char *key;    /* --key STRING (merge) */
	const char *placed; /* --placed FILE (merge) */
	int nforbid;
	int reuse;          /* --reuse (assemble) */
};
/* Returns -1 to continue, otherwise the exit status (0 after --help). */
int parse_args(int argc, char **argv, struct opts *o, unsigned allowed, const char *usage);
void opts_free(struct opts *o);

/* ---- pkgset.c: packages and their closures, from manifests ---- */
struct pkg {
	const char *name;
	struct kiln_manifest m;
	size_t *clos; /* indexes of the closure members */
	size_t nclos;
};
struct pkgset {
	struct pkg *v;
	size_t n, cap;
	struct kiln_hmap idx;
	int rootfd;
	const char *root;
};
/* Loads, for each name in order, its closure then itself (first
 * occurrence kept). ctx names the package being worked on. */
int pkgset_load(struct pkgset *s, const struct kiln_ctx *ctx, int rootfd, const char *root,
		char **names, size_t n);
int pkgset_in_closure(const struct pkgset *s, size_t d, size_t e); /* e in d's closure */
void pkgset_free(struct pkgset *s);

/* ---- reuse.c: is a per-package directory still as assembled? ---- */
/* 1 when ROOT/P (pfd) holds exactly what its .imports lists, unchanged,
 * for the closure ps, and no package of ps was recorded again since
 * (its manifest is older than .imports); 0 otherwise (then assemble
 * from scratch). */
int assemble_reusable(int rootfd, int pfd, const char *pkg, const struct pkgset *ps);

/* A file time in nanoseconds, as .imports records modification times. */
static inline uint64_t time_ns(const struct timespec *t)
{
	return (uint64_t)((int64_t)t->tv_sec * 1000000000 + t->tv_nsec);
}

/* ---- place.c: placing manifest entries with the conflict rules ---- */
struct placed {
	const char *path;
	size_t plen;
	size_t owner;                 /* package index, NONE for tree roots */
	const struct kiln_entry *ent; /* NULL for implicit directories */
	char type, how, dead, has_csha, multi;
	unsigned char csha[32];       /* content hash as placed (rewritten reloc) */
	char *target;                 /* placed symlink target (malloc'd) */
	size_t tlen;
	uint64_t dev, ino, size, mtime, uid, gid;
	unsigned mode;
	size_t below_reported; /* 1 + the package told it installs below this */
};
struct placer {
	struct kiln_ctx ctx; /* ctx.pkg: P for assemble, NULL for merge */
	struct pkgset *ps;
	int srcfd, dstfd;    /* ROOT and destination root */
	size_t strip;        /* bytes of the manifest path dropped for dstfd */
	const char *tree;    /* only entries under tree/ (NULL: all) */
	int hardlink;
	int verify;          /* hash copied files against the manifest */
	int dry;             /* plan only: nothing written (incremental merge) */
	const char *root;    /* ROOT */
	const char *dstpfx;  /* replacement of ROOT/D/ in reloc entries */
	const char *dstdesc; /* destination path for messages */
	struct placed *v;
	size_t n, cap;
	struct kiln_hmap map;
	struct kbuf a, b, c, d, pfx; /* scratch */
	int errors;
	/* merge: the source files with several links already copied, so
	 * that their other names become hard links to the copy */
	struct placed_link *links;
	size_t nlinks, caplinks;
	struct kiln_hmap linkmap;
};
struct placed_link {
	char key[16];          /* source st_dev, st_ino */
	char *dst;             /* destination path, relative to dstfd */
	uint64_t ino;          /* the copy's inode */
	unsigned char sha[32]; /* the content's manifest SHA-256 */
};
void placer_init(struct placer *pl);
void placer_add_root(struct placer *pl, const char *name);
int placer_add_pkg(struct placer *pl, size_t d);
int placer_finish(struct placer *pl); /* directory modes */
/* Places e of package d with no conflict check (incremental merge: the
 * plan has settled them); its parent directory must exist. */
int placer_place_new(struct placer *pl, size_t d, const struct kiln_entry *e);
void placer_free(struct placer *pl);
/* Indexes of live placed entries sorted by path (malloc'd). */
size_t *placer_sorted(const struct placer *pl, size_t *n);

/* ---- copy.c ---- */
/* Reads the umask and forgets what the last run learnt: once per run,
 * before any copy (placer_init calls it). */
void copy_init(void);
/* Copies the regular file sdir/spath to the new file ddir/dpath with mode;
 * *what names the failing step. Returns 0 or errno. */
int copy_file_at(int sdir, const char *spath, int ddir, const char *dpath, unsigned mode,
		 struct stat *st, const char **what);
/* The same, also giving the SHA-256 of the content copied (which is then
 * read and written, never reflinked). */
int copy_file_sha_at(int sdir, const char *spath, int ddir, const char *dpath, unsigned mode,
		     struct stat *st, const char **what, unsigned char sha[32]);
int copy_fd(int in, int out);
/* Copies the open regular file in (of size bytes) to the new file
 * ddir/dpath with mode: read and written, hashed into sha, when sha is
 * given, else reflinked or copied in the kernel where possible. *n is the
 * number of bytes copied; st (may be NULL) the new file's stat. */
int copy_open_file(int in, uint64_t size, int ddir, const char *dpath, unsigned mode,
		   struct stat *st, const char **what, unsigned char sha[32], uint64_t *n);
int write_new_file(int ddir, const char *dpath, const void *data, size_t n, unsigned mode,
		   struct stat *st);

/* ---- rewrite.c ---- */
/* Appends data to out with every `from` replaced by `to`. */
size_t replace_all(struct kbuf *out, const char *data, size_t n, const char *from, size_t fl,
		   const char *to, size_t tl);
/* Calls cb for every "<rootslash><pkgname>/" in data. */
void scan_pkgrefs(const char *data, size_t n, const char *rootslash, size_t rl,
		  void (*cb)(void *arg, const char *name, size_t len), void *arg);

/* ---- scan.c: reloc and leak detection shared by record and check ---- */
struct scan {
	const struct kiln_ctx *ctx;
	const char *root;
	const char *pkg;
	const char *path; /* for messages */
	int strict;
	int quiet;        /* count leaks without reporting them */
	int self;         /* found ROOT/P/ */
	int leaks;
	struct kbuf seen; /* NUL-separated leaked names already reported */
};
void scan_content(struct scan *s, const char *data, size_t n);

/* ---- damaged.c ---- */
/* Appends line (PATH TAB what, newline-terminated) to ROOT/OWNER/.damaged
 * and OWNER to the index ROOT/.damaged; 0 or errno. */
int mark_damaged(const char *root, const char *owner, const char *line, size_t n);

/* ---- rmtree.c ---- */
/* rm -rf dirfd/name without following symlinks; 0 or errno, *where gets
 * the failing path relative to dirfd (malloc'd) on error. */
int rmtree_at(int dirfd, const char *name, char **where);

/* ---- walk.c ---- */
typedef int (*walk_cb)(void *arg, int dirfd, const char *name, const char *rel, size_t rlen,
		       const struct stat *st);
/* Walks the directory dirfd (consumed) whose path relative to the package
 * directory is rel->p; cb is called for every entry below it (pre-order).
 * Returns 0, -1 if cb aborted, or an errno value (relpath in rel). */
int walk_dir(int dirfd, struct kbuf *rel, walk_cb cb, void *arg);
/* Appends the names in the directory fd (not consumed; "." and ".."
 * left out) to names, each NUL-terminated and, when typed, after a
 * letter: 'd' directory, '?' unknown, 'o' other. 0 or an errno value. */
int dir_names(int fd, struct kbuf *names, int typed);

/* ---- imports.c: ROOT/P/.imports ---- */
struct imp {
	char type, how;
	const char *owner;
	uint64_t dev, ino, size, mtime, uid, gid;
	unsigned mode;
	unsigned char sha[32];
	const char *path;
	size_t plen;
	const char *target;
	size_t tlen;
};
struct imports {
	char *buf;
	const char *package;
	const char **closure;
	size_t nclosure;
	struct imp *ent;
	size_t n, cap;
};
#define IMPORTS_MAGIC "kiln-imports 2"
int imports_parse(struct imports *im, char *buf, size_t len, char *err, size_t errlen);
int imports_load(struct imports *im, int dirfd, const char *path, char *err, size_t errlen);
void imports_write_line(struct kbuf *out, const struct imp *e);
void imports_free(struct imports *im);

/* ---- state.c: the merge state record ---- */
#define MSTATE_MAGIC "kiln-merge-state 1"
struct mstate_ent {
	char type;            /* 'f', 'l', 'd' */
	char present;         /* 'p' in the tree when sealed, 'a' absent, '?' not sealed */
	char multi;           /* target file whose source has other links */
	unsigned mode;
	unsigned char sig[32]; /* placed content (file), target (symlink), zero (dir) */
	const char *path;      /* manifest path, "<tree>/..." */
	size_t plen;
};
struct mstate {
	char *buf;
	const char *tree, *key;
	uint64_t bsec, bnsec; /* ctime boundary: later changes were not the merge's */
	struct mstate_ent *v;
	size_t n, cap;
};
/* 0, or -1 with a message in err; buf is owned by s afterwards. */
int mstate_parse(struct mstate *s, char *buf, size_t len, char *err, size_t errlen);
/* 0, 1 when there is no record, -1 (message in err) when unreadable. */
int mstate_load(struct mstate *s, int dirfd, const char *path, char *err, size_t errlen);
void mstate_write_head(struct kbuf *out, const char *tree, const char *key, uint64_t bsec,
		       uint64_t bnsec);
void mstate_write_ent(struct kbuf *out, const struct mstate_ent *e);
void mstate_free(struct mstate *s);

/* ---- incr.c: incremental merge ---- */
/* The new plan: a dry run of the placer (pl set up by the caller). */
struct plan {
	struct placer pl;
	size_t *ix;            /* placed indexes by path */
	size_t *grp;           /* hard-link group: its first member's index */
	struct mstate_ent *v;  /* their entries (paths malloc'd) */
	size_t n;
	struct kiln_hmap map;  /* path -> index in v */
};
void plan_build(struct plan *p); /* p->pl.errors tells */
void plan_free(struct plan *p);
void plan_key(struct kbuf *out, const char *key);
void plan_write(const struct plan *p, struct kbuf *out, const char *key);
/* 0 done, 1 a full merge is needed (*reason), -1 failed (reported). The
 * tree-relative paths of the files placed are appended to placed. */
int incr_apply(const struct kiln_ctx *ctx, struct plan *p, const struct mstate *old,
	       const char *out, int outfd, struct kbuf *placed, const char **reason);
int cmd_seal(int argc, char **argv);

/* ---- subcommands ---- */
int cmd_assemble(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_protect(int argc, char **argv);
int pkgdir_main(int argc, char **argv);

#endif
