/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kiln-rpath internals: the RPATH fixer. See docs/kiln-rpath.md. */
#ifndef KILN_RPATH_H
#define KILN_RPATH_H

#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/hmap.h"
#include "../lib/manifest.h"

#include <stddef.h>
#include <stdint.h>

#define RP_PROG "kiln-rpath"

/* ---- elf.c: just enough of ELF to decide ---- */
struct rp_elf {
	int cls;              /* 32 or 64 */
	int be;               /* 1 = big endian */
	unsigned type;        /* e_type */
	unsigned machine;     /* e_machine */
	int dynamic;          /* has a PT_DYNAMIC segment */
	const char *rpath;    /* DT_RPATH string (NUL-terminated in the buffer) or NULL */
	const char *runpath;  /* DT_RUNPATH string or NULL */
	const char **needed;  /* DT_NEEDED strings (malloc'd array) */
	size_t nneeded;
};
/* 1 if buf starts with the ELF magic. */
int rp_is_elf(const unsigned char *buf, size_t len);
/* Parses an ELF image. Returns 0 (e filled; free with rp_elf_free),
 * 1 when it is not ELF at all, -1 when it is a damaged ELF file (message
 * in err; e->cls/be/type/machine are valid when e->cls != 0, i.e. when
 * the ELF header itself was complete). */
int rp_elf_parse(const unsigned char *buf, size_t len, struct rp_elf *e, char *err,
		 size_t errlen);
void rp_elf_free(struct rp_elf *e);
/* "AArch64", "x86-64", ... or "machine N" (static or in buf). */
const char *rp_machine_name(unsigned machine, char *buf, size_t n);

/* ---- arch.c: --arch names ---- */
struct rp_arch {
	const char *name; /* aarch64, arm, riscv64, x86_64 */
	unsigned machine;
	int cls;
	int be;
};
const struct rp_arch *rp_arch_find(const char *name);
/* The architecture this program was built for (the build machine), or
 * NULL when it is none of the known ones. */
const struct rp_arch *rp_arch_host(void);
/* Multiarch tuple of the build machine (for the system library dirs). */
const char *rp_host_multiarch(void);

/* ---- args.c ---- */
struct rp_opts {
	char *root;              /* absolute, no trailing slash (malloc'd) */
	const char *pkg;
	const struct rp_arch *arch;
	char *sysroot;           /* relative "host/<tuple>/sysroot" (malloc'd) or NULL */
	char **build_dirs;       /* absolute, trimmed (malloc'd) */
	size_t nbuild;
	const char **excludes;
	size_t nexclude;
	const char *patchelf;    /* or NULL: search PATH */
	int dry_run, verbose;
};
enum { RP_ARGS_OK = -1, RP_ARGS_HELP = 0, RP_ARGS_USAGE = 2 };
/* Parses argv[1..argc). Returns RP_ARGS_OK, RP_ARGS_HELP, or RP_ARGS_USAGE
 * with a one-line message in msg. Never prints. */
int rp_parse_args(int argc, char **argv, struct rp_opts *o, struct kbuf *msg);
void rp_opts_free(struct rp_opts *o);
extern const char rp_usage[];

/* ---- rlist.c: RPATH entry lists and paths ---- */
struct rp_list {
	char **v;
	size_t n, cap;
};
/* Splits s at ':' (empty entries are dropped: they mean the cwd). */
void rp_list_split(struct rp_list *l, const char *s);
/* Appends a copy of s unless already present. */
void rp_list_add(struct rp_list *l, const char *s);
void rp_list_join(const struct rp_list *l, struct kbuf *out);
void rp_list_free(struct rp_list *l);
/* Lexical normalisation of an absolute path: no "//", ".", "..", trailing
 * slash. malloc'd. */
char *rp_norm_abs(const char *p);
/* Lexical normalisation of a path relative to some base; returns NULL if
 * it climbs above the base. "" is the base itself. malloc'd. */
char *rp_norm_rel(const char *p);
/* 1 if path equals dir or is below it (both normalised, dir may be "/"). */
int rp_under(const char *path, const char *dir);
/* "$ORIGIN" + the relative way from directory `from` to directory `to`,
 * both relative to the same base ("" = the base). malloc'd. */
char *rp_origin_rel(const char *from, const char *to);
/* If entry starts with $ORIGIN or ${ORIGIN}: the rest after the token
 * (may be ""), else NULL. */
const char *rp_origin_rest(const char *entry);
/* 1 for host/<x>/sysroot and below (or below opt sysroot when given);
 * path relative to ROOT/P. */
int rp_in_sysroot(const char *path, const char *sysroot);

/* ---- decide.c: what an ELF file's RPATH should be ---- */
enum rp_kind { RP_HOST, RP_TARGET };
struct rp_libfind; /* libfind.c */
struct rp_ctx {
	const struct rp_opts *o;
	struct kiln_ctx err;
	char *pkgdir;            /* ROOT/P */
	char *hostdir;           /* ROOT/P/host */
	int pfd, hostfd;         /* open ROOT/P, ROOT/P/host (or -1) */
	int have_usr_lib;        /* ROOT/P/host/usr/lib exists */
	struct kiln_manifest *m; /* P's manifest */
	struct rp_libfind *lf;   /* lazy */
	char *patchelf;          /* resolved lazily */
	unsigned long nread, nelf, nchanged, nerrors;
};
struct rp_decision {
	int change;        /* 0 nothing to do */
	int remove;        /* --remove-rpath */
	int force_rpath;   /* keep it a DT_RPATH */
	char *rpath;       /* new value when !remove (malloc'd) */
	char *old;         /* current value or NULL (malloc'd) */
};
/* Computes the decision for the ELF file at `path` (relative to ROOT/P).
 * Returns 0, or -1 after reporting an error (a missing library). */
int rp_decide(struct rp_ctx *c, const char *path, enum rp_kind kind, const struct rp_elf *e,
	      struct rp_decision *d);
void rp_decision_free(struct rp_decision *d);

/* ---- libfind.c: where a NEEDED library is ---- */
/* Finds `name` in HOST_DIR: first in the dirs of `dirs` (relative to
 * HOST_DIR), then through the manifests of P and its closure. Returns the
 * directory relative to HOST_DIR (malloc'd) or NULL. */
char *rp_find_host_lib(struct rp_ctx *c, const char *name, const struct rp_list *dirs);
/* 1 if name is in one of the build machine's standard library dirs. */
int rp_in_system_dirs(const char *name);
void rp_libfind_free(struct rp_libfind *lf);

/* ---- spawn.c ---- */
/* Runs argv (argv[0] is the program path) without a shell; returns its
 * exit status, 128+signal, or -1 with errno set when it could not start. */
int rp_run(char *const argv[]);
/* Searches PATH for an executable called name; malloc'd or NULL. */
char *rp_which(const char *name);

/* ---- fix.c ---- */
int rp_fix(struct rp_ctx *c);

/* ---- cli.c ---- */
int rpath_main(int argc, char **argv);

#endif
