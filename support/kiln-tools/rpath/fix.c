// SPDX-License-Identifier: GPL-2.0-or-later
/* The fixer's run: read every `f` entry of P's manifest once, decide,
 * check the architecture; then (only when no error was found) patch what
 * needs it and rewrite the manifest entries of changed files. */
#include "rpath.h"
#include "../lib/file.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct action {
	struct kiln_entry *ent;
	struct rp_decision d;
};

static int excluded(const struct rp_opts *o, const char *path)
{
	for (size_t i = 0; i < o->nexclude; i++)
		if (fnmatch(o->excludes[i], path, 0) == 0)
			return 1;
	return 0;
}

static void arch_error(struct rp_ctx *c, const char *path, const struct rp_elf *e)
{
	char mb[32];
	const struct rp_arch *a = c->o->arch;
	char ab[32];
	kiln_err(&c->err, path,
		 "ELF file for %s (%d-bit, %s endian), but the target is %s (%s, %d-bit, little "
		 "endian) (build it with the target toolchain; if it is a blob for another "
		 "processor, such as firmware, exclude it with --exclude '%s')",
		 rp_machine_name(e->machine, mb, sizeof mb), e->cls, e->be ? "big" : "little",
		 a->name, rp_machine_name(a->machine, ab, sizeof ab), a->cls, path);
	c->nerrors++;
}

static int arch_ok(const struct rp_arch *a, const struct rp_elf *e)
{
	return a && e->machine == a->machine && e->cls == a->cls && e->be == a->be;
}

/* Reads one file: 64 bytes first, the whole of it (mapped) only for ELF.
 * Appends an action when its RPATH must change. */
static void examine(struct rp_ctx *c, struct kiln_entry *ent, struct action **acts, size_t *nact)
{
	const char *path = ent->path;
	int fd = openat(c->pfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		kiln_err(&c->err, path, "cannot open: %s (it is listed in %s/manifest; re-run the "
			 "package's install and kiln-pkgdir record)", strerror(errno), c->pkgdir);
		c->nerrors++;
		return;
	}
	c->nread++;
	unsigned char head[64];
	ssize_t n = pread(fd, head, sizeof head, 0);
	struct stat st;
	if (n < 4 || !rp_is_elf(head, (size_t)n) || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	size_t len = (size_t)st.st_size;
	void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		kiln_err(&c->err, path, "cannot map: %s", strerror(errno));
		c->nerrors++;
		return;
	}
	c->nelf++;
	struct rp_elf e;
	char err[160];
	int rc = rp_elf_parse(map, len, &e, err, sizeof err);
	int in_host = strncmp(path, "host/", 5) == 0 && !rp_in_sysroot(path, c->o->sysroot);
	enum rp_kind kind = RP_TARGET;
	if (e.cls && !in_host && !arch_ok(c->o->arch, &e)) {
		arch_error(c, path, &e);
		goto out;
	}
	if (rc < 0) {
		kiln_warn(&c->err, "%s: damaged ELF file (%s); its RPATH is left alone", path, err);
		goto out;
	}
	/* host code for another machine (e.g. a cross toolchain's target
	 * libraries) only loses its build paths */
	if (in_host && arch_ok(rp_arch_host(), &e))
		kind = RP_HOST;
	struct rp_decision d;
	if (rp_decide(c, path, kind, &e, &d) < 0) {
		c->nerrors++;
	} else if (d.change) {
		*acts = kiln_xrealloc(*acts, (*nact + 1) * sizeof **acts);
		(*acts)[*nact].ent = ent;
		(*acts)[*nact].d = d;
		(*nact)++;
		d.old = d.rpath = NULL;
	}
	rp_decision_free(&d);
out:
	rp_elf_free(&e);
	munmap(map, len);
}

/* A file with other hard links is replaced by a copy first: patchelf
 * writes in place and must never change another name's content. */
static int unshare(struct rp_ctx *c, const char *path, const struct stat *st)
{
	struct kbuf b = {0};
	int e = kiln_read_file_at(c->pfd, path, &b, NULL);
	if (!e)
		e = kiln_write_atomic_at(c->pfd, path, b.p, b.len, st->st_mode & 07777);
	kbuf_free(&b);
	if (e)
		kiln_err(&c->err, path, "cannot replace the hard-linked file by a copy: %s",
			 strerror(e));
	return e ? -1 : 0;
}

/* Checks the patched file and updates its manifest entry. */
static int verify(struct rp_ctx *c, struct action *a, int quiet)
{
	const char *path = a->ent->path;
	struct kbuf b = {0};
	int e = kiln_read_file_at(c->pfd, path, &b, NULL);
	if (e) {
		kiln_err(&c->err, path, "cannot read after patchelf: %s", strerror(e));
		kbuf_free(&b);
		return -1;
	}
	struct rp_elf elf;
	char err[160];
	int rc = -1;
	if (rp_elf_parse((const unsigned char *)b.p, b.len, &elf, err, sizeof err) != 0) {
		kiln_err(&c->err, path, "patchelf left a file that is not valid ELF (%s)", err);
	} else {
		const char *now = elf.runpath ? elf.runpath : elf.rpath;
		if (a->d.remove ? now != NULL : (!now || strcmp(now, a->d.rpath) != 0)) {
			if (!quiet)
				kiln_err(&c->err, path,
				 "patchelf did not %s the RPATH (it is now '%s'); check the "
				 "patchelf version",
					 a->d.remove ? "remove" : "set", now ? now : "");
		} else {
			rc = 0;
		}
	}
	rp_elf_free(&elf);
	kiln_sha256(b.p, b.len, a->ent->sha);
	a->ent->size = b.len;
	kbuf_free(&b);
	return rc;
}

static void show(struct rp_ctx *c, const struct action *a)
{
	printf("%s%s: %s: RPATH '%s' -> %s%s%s\n", c->o->dry_run ? "would change: " : "",
	       c->err.pkg, a->ent->path, a->d.old ? a->d.old : "", a->d.remove ? "" : "'",
	       a->d.remove ? "removed" : a->d.rpath, a->d.remove ? "" : "'");
}

/* Makes one file ready for patchelf, which writes in place: its own
 * inode, writable. Returns 0 or -1 (reported). */
static int prepare(struct rp_ctx *c, struct action *a)
{
	const char *path = a->ent->path;
	struct stat st;
	if (fstatat(c->pfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		kiln_err(&c->err, path, "cannot stat: %s", strerror(errno));
		return -1;
	}
	if (st.st_nlink > 1 && unshare(c, path, &st) < 0)
		return -1;
	if (!(st.st_mode & S_IWUSR))
		fchmodat(c->pfd, path, (st.st_mode & 07777) | S_IWUSR, 0);
	return 0;
}

/* Same patchelf operation: files with it share one patchelf run. */
static int same_op(const struct action *a, const struct action *b)
{
	if (a->d.remove || b->d.remove)
		return a->d.remove && b->d.remove;
	return a->d.force_rpath == b->d.force_rpath && strcmp(a->d.rpath, b->d.rpath) == 0;
}

/* Runs patchelf once with the operation of acts[0] on n files, or for a
 * removal with `phase` 0 the emptying and 1 the removal. Returns its exit
 * status (-1: could not run it). */
static int run_patchelf_op(struct rp_ctx *c, struct action **acts, size_t n, int phase)
{
	char **argv = kiln_xmalloc((n + 5) * sizeof *argv);
	size_t k = 0;
	argv[k++] = c->patchelf;
	if (acts[0]->d.remove && phase == 0) {
		argv[k++] = "--set-rpath";
		argv[k++] = "";
	} else if (acts[0]->d.remove) {
		argv[k++] = "--remove-rpath";
	} else {
		if (acts[0]->d.force_rpath)
			argv[k++] = "--force-rpath";
		argv[k++] = "--set-rpath";
		argv[k++] = acts[0]->d.rpath;
	}
	size_t first = k;
	for (size_t i = 0; i < n; i++) {
		const char *path = acts[i]->ent->path;
		argv[k] = kiln_xmalloc(strlen(c->pkgdir) + strlen(path) + 2);
		sprintf(argv[k++], "%s/%s", c->pkgdir, path);
	}
	argv[k] = NULL;
	fflush(stdout);
	int status = rp_run(argv);
	int e = errno;
	for (size_t i = first; i < k; i++)
		free(argv[i]);
	free(argv);
	errno = e;
	return status;
}

/* patchelf --remove-rpath drops the dynamic entry but leaves the old
 * string in .dynstr, so a build path would stay in the file; setting
 * the RPATH first overwrites the old string (patchelf fills it with
 * 'X'), and an empty RPATH entry must not stay (it means the current
 * directory): a removal is both, in two runs. */
static int run_patchelf(struct rp_ctx *c, struct action **acts, size_t n)
{
	int status = run_patchelf_op(c, acts, n, 0);
	if (status == 0 && acts[0]->d.remove)
		status = run_patchelf_op(c, acts, n, 1);
	return status;
}

/* After patchelf: the manifest's mode back (writes may clear set-id
 * bits), then the file checked and its entry updated. */
static int finish(struct rp_ctx *c, struct action *a, int quiet)
{
	fchmodat(c->pfd, a->ent->path, a->ent->mode & 07777, 0);
	return verify(c, a, quiet);
}

/* Runs patchelf on one file, reporting what went wrong with it.
 * Returns 0 or -1 (reported). */
static int patch_one(struct rp_ctx *c, struct action *a)
{
	const char *path = a->ent->path;
	int status = run_patchelf(c, &a, 1);
	int rc = 0;
	if (status != 0) {
		if (status < 0)
			kiln_err(&c->err, path, "cannot run %s: %s", c->patchelf, strerror(errno));
		else
			kiln_err(&c->err, path,
				 "%s %s failed (exit status %d; see its message above)", c->patchelf,
				 a->d.remove ? "--remove-rpath" : "--set-rpath", status);
		rc = -1;
	}
	/* keep the manifest true to the file whatever happened */
	int v = finish(c, a, rc != 0);
	return rc ? rc : v;
}

/* At most this many files per patchelf run, to stay far below the
 * argument-size limit. */
#define RP_BATCH 256

/* Patches the files of one operation: one patchelf run for all of them
 * (starting a process per file is most of the cost); if that run fails,
 * file by file again, so that the error names the file at fault. */
static void patch_batch(struct rp_ctx *c, struct action **batch, size_t n)
{
	int status = run_patchelf(c, batch, n);
	for (size_t i = 0; i < n; i++) {
		if (status == 0 && finish(c, batch[i], 0) == 0)
			c->nchanged++;
		else if (status != 0 && patch_one(c, batch[i]) == 0)
			c->nchanged++;
		else
			c->nerrors++;
	}
}

static int write_manifest(struct rp_ctx *c)
{
	struct kbuf text = {0};
	kiln_manifest_write(c->m, &text);
	int e = kiln_write_atomic_at(c->pfd, "manifest", text.p, text.len, 0644);
	kbuf_free(&text);
	if (e) {
		kiln_err(&c->err, "manifest", "cannot write %s/manifest: %s", c->pkgdir, strerror(e));
		return -1;
	}
	return 0;
}

static int run_actions(struct rp_ctx *c, struct action *acts, size_t nact)
{
	int touched = 0;
	for (size_t i = 0; i < nact; i++)
		if (c->o->verbose || c->o->dry_run)
			show(c, &acts[i]);
	if (c->o->dry_run || nact == 0)
		return 0;
	c->patchelf = rp_which(c->o->patchelf ? c->o->patchelf : "patchelf");
	if (!c->patchelf) {
		kiln_err(&c->err, NULL,
			 "%s: patchelf not found or not executable (install patchelf on "
			 "the build machine, or give --patchelf PATH)",
			 c->o->patchelf ? c->o->patchelf : "patchelf in PATH");
		c->nerrors++;
		return 0;
	}
	char *done = kiln_xmalloc(nact);
	struct action **batch = kiln_xmalloc(RP_BATCH * sizeof *batch);
	for (size_t i = 0; i < nact; i++) {
		done[i] = prepare(c, &acts[i]) < 0;
		c->nerrors += (unsigned long)done[i];
		touched |= !done[i];
	}
	for (size_t i = 0; i < nact; i++) {
		if (done[i])
			continue;
		size_t n = 0;
		for (size_t j = i; j < nact && n < RP_BATCH; j++)
			if (!done[j] && same_op(&acts[i], &acts[j])) {
				batch[n++] = &acts[j];
				done[j] = 1;
			}
		patch_batch(c, batch, n);
	}
	free(batch);
	free(done);
	if (touched && write_manifest(c) < 0)
		c->nerrors++;
	return 0;
}

int rp_fix(struct rp_ctx *c)
{
	char err[256];
	c->pfd = open(c->pkgdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->pfd < 0) {
		kiln_err(&c->err, c->pkgdir, "cannot open: %s (install the package and run "
			 "kiln-pkgdir record first)", strerror(errno));
		return 1;
	}
	struct kiln_manifest m;
	int rc = kiln_manifest_load(&m, c->pfd, "manifest", err, sizeof err);
	if (rc) {
		if (rc > 0)
			kiln_err(&c->err, NULL, "%s/manifest: cannot read: %s (run kiln-pkgdir record "
				 "for the package first)", c->pkgdir, strerror(rc));
		else
			kiln_err(&c->err, NULL, "%s/manifest: %s (the manifest is damaged; re-run "
				 "kiln-pkgdir record)", c->pkgdir, err);
		kiln_manifest_free(&m);
		return 1;
	}
	if (strcmp(m.package, c->o->pkg) != 0) {
		kiln_err(&c->err, NULL, "%s/manifest: belongs to package '%s', not '%s' (re-run "
			 "kiln-pkgdir record)", c->pkgdir, m.package, c->o->pkg);
		kiln_manifest_free(&m);
		return 1;
	}
	c->m = &m;
	c->hostfd = openat(c->pfd, "host", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	c->have_usr_lib = c->hostfd >= 0 && fstatat(c->hostfd, "usr/lib", &st, 0) == 0 &&
			  S_ISDIR(st.st_mode);
	struct action *acts = NULL;
	size_t nact = 0;
	for (size_t i = 0; i < m.n; i++)
		if (m.ent[i].type == 'f' && !excluded(c->o, m.ent[i].path))
			examine(c, &m.ent[i], &acts, &nact);
	if (c->nerrors)
		kiln_err(&c->err, NULL, "%lu error%s; no file was changed", c->nerrors,
			 c->nerrors == 1 ? "" : "s");
	else
		run_actions(c, acts, nact);
	if (c->o->verbose)
		printf("%s: %s: %lu files read, %lu ELF files, %lu changed%s\n", RP_PROG, c->err.pkg,
		       c->nread, c->nelf, c->o->dry_run ? (unsigned long)nact : c->nchanged,
		       c->o->dry_run ? " (dry run)" : "");
	for (size_t i = 0; i < nact; i++)
		rp_decision_free(&acts[i].d);
	free(acts);
	if (c->hostfd >= 0)
		close(c->hostfd);
	close(c->pfd);
	rp_libfind_free(c->lf);
	c->lf = NULL;
	c->m = NULL;
	kiln_manifest_free(&m);
	return c->nerrors ? 1 : 0;
}
