// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"
#include "../lib/file.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: kiln-pkgdir record --root ROOT --pkg P [--strict] [--forbid PATH]...\n"
	"\n"
	"Compare ROOT/P/host and ROOT/P/target with what 'assemble' imported\n"
	"(ROOT/P/.imports) and write ROOT/P/manifest (atomically) listing what P\n"
	"installed or replaced. Fails, writing no manifest, when P changed a\n"
	"file it shares with its owner by a hardlink (content, mode, owner or\n"
	"times; the owner is then marked to be reinstalled: ROOT/OWNER/.damaged)\n"
	"or removed a path it imported. Symlinks in target/ that point into\n"
	"ROOT/P/target are made /-absolute. Warns about files holding another\n"
	"package's per-package directory, and about target files (but ELF files,\n"
	"whose RPATHs kiln-rpath fixes) holding ROOT or a --forbid path; with\n"
	"--strict these are errors.\n"
	"\n"
	"  --root ROOT     absolute per-package root\n"
	"  --pkg P         the package that was just installed\n"
	"  --strict        leaks are errors\n"
	"  --forbid PATH   a path of the build machine no target file may hold\n"
	"                  (the output, download and Kiln directories)\n";

struct rec {
	struct kiln_ctx ctx;
	const char *root, *pkg;
	int strict, errors;
	struct imports im;
	unsigned char *state; /* per import: 0 not seen, 1 unchanged, 2 replaced */
	struct kiln_hmap map;
	struct kiln_manifest m;
	struct kbuf content, abs, link, what;
	struct scan scan;
	char **forbid;
	int nforbid;
};

enum { SEEN = 1, REPLACED = 2 };

static const char *abs_path(struct rec *r, const char *rel)
{
	r->abs.len = 0;
	kbuf_printf(&r->abs, "%s/%s/%s", r->root, r->pkg, rel);
	return r->abs.p;
}

/* What P changed in the imported file ie, which it still has under the
 * same inode, described in r->what ("" when nothing). */
static int changed_in_place(struct rec *r, int dirfd, const char *name, const struct stat *st,
			    const struct imp *ie)
{
	r->what.len = 0;
	uint64_t mt = time_ns(&st->st_mtim);
	int content = (uint64_t)st->st_size != ie->size, times = 0;
	if (!content && mt != ie->mtime) {
		/* Same size, new time: only the content tells an edit from a touch. */
		unsigned char sha[32];
		if (kiln_read_file_at(dirfd, name, &r->content, NULL) != 0)
			content = 1;
		else {
			kiln_sha256(r->content.p, r->content.len, sha);
			content = memcmp(sha, ie->sha, 32) != 0;
		}
		times = !content;
	}
	if (content)
		kbuf_adds(&r->what, "its content");
	if ((unsigned)(st->st_mode & 07777) != ie->mode)
		kbuf_printf(&r->what, "%sits mode (%04o -> %04o)", r->what.len ? ", " : "", ie->mode,
			    (unsigned)(st->st_mode & 07777));
	if ((uint64_t)st->st_uid != ie->uid || (uint64_t)st->st_gid != ie->gid)
		kbuf_printf(&r->what, "%sits owner (%llu:%llu -> %llu:%llu)", r->what.len ? ", " : "",
			    (unsigned long long)ie->uid, (unsigned long long)ie->gid,
			    (unsigned long long)st->st_uid, (unsigned long long)st->st_gid);
	if (times)
		kbuf_printf(&r->what, "%sits modification time (content unchanged)",
			    r->what.len ? ", " : "");
	kbuf_cstr(&r->what);
	return r->what.len != 0;
}

/* P changed a file it shares with its owner through a hardlink, so the
 * owner's own copy (and every other package's) changed with it: report
 * it and mark the owner, so the next make reinstalls it. */
static void shared_file_changed(struct rec *r, const char *rel, const struct imp *ie)
{
	kiln_err(&r->ctx, abs_path(r, rel), "%s changed %s in place, but the file belongs to %s "
		 "and is shared with it (hardlinked), so %s's own copy changed too; install a new "
		 "file instead (rm, then install or cp) or make the change in %s. %s will be "
		 "reinstalled by the next make", r->pkg, r->what.p, ie->owner, ie->owner, ie->owner,
		 ie->owner);
	r->errors++;
	struct kbuf mark = {0}, line = {0};
	kbuf_printf(&mark, "%s/%s/.damaged", r->root, ie->owner);
	kbuf_printf(&line, "%s\tchanged by %s: %s\n", rel, r->pkg, r->what.p);
	int e = mark_damaged(r->root, ie->owner, line.p, line.len);
	if (e)
		kiln_err(&r->ctx, mark.p, "cannot mark %s for reinstalling: %s (run make %s-reinstall)",
			 ie->owner, strerror(e), ie->owner);
	kbuf_free(&mark);
	kbuf_free(&line);
}

/* 1 when c may continue a path name (so "/a/out" is not in "/a/output") */
static int pathchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-' || c == '+' || c >= 0x80;
}

/* First occurrence in data of ROOT or a --forbid path as a whole path
 * component prefix; *len gets the length of the path found there. */
static const char *find_build_path(const struct rec *r, const char *data, size_t n, size_t *len)
{
	const char *best = NULL;
	for (int k = -1; k < r->nforbid; k++) {
		const char *needle = k < 0 ? r->root : r->forbid[k];
		size_t nl = strlen(needle);
		const char *p = data, *end = data + n;
		while (p < end) {
			const char *q = memmem(p, (size_t)(end - p), needle, nl);
			if (!q)
				break;
			if ((q + nl == end || !pathchar((unsigned char)q[nl])) &&
			    (q == data || (!pathchar((unsigned char)q[-1]) && q[-1] != '/'))) {
				if (!best || q < best)
					best = q;
				break;
			}
			p = q + 1;
		}
	}
	if (best) {
		const char *e = best;
		while (e < data + n && (size_t)(e - best) < 160 && *e > ' ' && *e != '"' &&
		       *e != '\'' && *e != ':' && *e != ';' && *e != ',' && *e != 0x7f)
			e++;
		*len = (size_t)(e - best);
	}
	return best;
}

/* A target file (or symlink target) of P holding a path of the build
 * machine: that path does not exist on the device. */
static void target_leak(struct rec *r, const char *rel, const char *data, size_t n)
{
	size_t len = 0;
	const char *at = find_build_path(r, data, n, &len);
	if (!at)
		return;
	r->scan.leaks++;
	struct kbuf own = {0}, hint = {0};
	kbuf_printf(&own, "%s/%s/target", r->root, r->pkg);
	if (len >= own.len && memcmp(at, own.p, own.len) == 0 &&
	    (len == own.len || at[own.len] == '/'))
		kbuf_printf(&hint, "write the path as it is on the device, %.*s",
			    len == own.len ? 1 : (int)(len - own.len),
			    len == own.len ? "/" : at + own.len);
	else
		kbuf_adds(&hint, "write the path as it is on the device");
	if (r->strict)
		kiln_err(&r->ctx, abs_path(r, rel), "holds a path of the build machine, %.*s, which "
			 "does not exist on the device (%s; see docs/per-package-directories.md)",
			 (int)len, at, kbuf_cstr(&hint));
	else
		kiln_warn(&r->ctx, "%s holds a path of the build machine, %.*s, which does not exist "
			  "on the device (%s)", abs_path(r, rel), (int)len, at, kbuf_cstr(&hint));
	kbuf_free(&own);
	kbuf_free(&hint);
}

/* A symlink in target/ into P's own TARGET_DIR: point it at the same
 * place as the device sees it (/usr/lib/... instead of ROOT/P/target/usr/
 * lib/...), on disk and in r->link. 1 when rewritten. */
static int target_link_fix(struct rec *r, int dirfd, const char *name, const char *rel)
{
	struct kbuf own = {0}, t = {0};
	kbuf_printf(&own, "%s/%s/target", r->root, r->pkg);
	int done = 0;
	if (r->link.len >= own.len && memcmp(r->link.p, own.p, own.len) == 0 &&
	    (r->link.len == own.len || r->link.p[own.len] == '/')) {
		if (r->link.len == own.len)
			kbuf_addc(&t, '/');
		else
			kbuf_add(&t, r->link.p + own.len, r->link.len - own.len);
		kbuf_cstr(&t);
		if (unlinkat(dirfd, name, 0) < 0 || symlinkat(t.p, dirfd, name) < 0) {
			kiln_err(&r->ctx, abs_path(r, rel), "cannot rewrite the symlink to %s: %s "
				 "(check permissions)", t.p, strerror(errno));
			r->errors++;
		} else {
			r->link.len = 0;
			kbuf_add(&r->link, t.p, t.len);
			kbuf_cstr(&r->link);
			done = 1;
		}
	}
	kbuf_free(&own);
	kbuf_free(&t);
	return done;
}

static int visit(void *arg, int dirfd, const char *name, const char *rel, size_t rlen,
		 const struct stat *st)
{
	struct rec *r = arg;
	char type = S_ISREG(st->st_mode) ? 'f' : S_ISLNK(st->st_mode) ? 'l' : S_ISDIR(st->st_mode) ? 'd' : 0;
	if (!type) {
		kiln_err(&r->ctx, abs_path(r, rel), "unsupported file type (fifo, socket or device "
			 "node); do not install it, create device nodes from a device table");
		r->errors++;
		return 0;
	}
	const char *override = NULL;
	int have_link = 0;
	size_t *ix = kiln_hmap_get(&r->map, rel, rlen);
	if (ix) {
		const struct imp *ie = &r->im.ent[*ix];
		r->state[*ix] = SEEN;
		if (ie->type != type) {
			override = ie->owner;
		} else if (type == 'd') {
			return 0;
		} else if (type == 'l') {
			int e = kiln_readlink_at(dirfd, name, &r->link);
			if (e) {
				kiln_err(&r->ctx, abs_path(r, rel), "cannot read symlink: %s (check permissions)", strerror(e));
				r->errors++;
				return 0;
			}
			have_link = 1;
			if (r->link.len == ie->tlen && memcmp(r->link.p, ie->target, ie->tlen) == 0)
				return 0;
			override = ie->owner;
		} else if ((uint64_t)st->st_dev != ie->dev || (uint64_t)st->st_ino != ie->ino) {
			override = ie->owner;
		} else {
			if (!changed_in_place(r, dirfd, name, st, ie))
				return 0;
			if (ie->how == 'h') {
				shared_file_changed(r, rel, ie);
				return 0;
			}
			override = ie->owner;
		}
		r->state[*ix] = REPLACED;
	}
	struct kiln_entry *e = kiln_manifest_add(&r->m);
	e->type = type;
	e->mode = st->st_mode & 07777;
	e->override = override;
	e->path = kiln_xstrndup(rel, rlen);
	e->plen = rlen;
	if (type == 'd')
		return 0;
	int in_target = rlen > 7 && memcmp(rel, "target/", 7) == 0;
	r->scan.path = abs_path(r, rel);
	r->scan.self = 0;
	/* In target/ one message covers every build path, see target_leak;
	 * ELF files keep the per-package check alone (see below). */
	r->scan.quiet = 0;
	int err;
	if (type == 'l') {
		err = have_link ? 0 : kiln_readlink_at(dirfd, name, &r->link);
		if (!err && in_target)
			target_link_fix(r, dirfd, name, rel);
		if (!err) {
			e->target = kiln_xstrndup(r->link.p, r->link.len);
			e->tlen = r->link.len;
			int leaks = r->scan.leaks;
			r->scan.quiet = in_target;
			scan_content(&r->scan, e->target, e->tlen);
			if (r->scan.self)
				e->flags |= KILN_F_RELOC;
			if (in_target) {
				r->scan.leaks = leaks;
				target_leak(r, rel, e->target, e->tlen);
			}
		}
	} else {
		err = kiln_read_file_at(dirfd, name, &r->content, NULL);
		if (!err) {
			kiln_sha256(r->content.p, r->content.len, e->sha);
			e->size = r->content.len;
			/* ELF files: their build RPATHs are kiln-rpath's to remove,
			 * right after record, and debug paths the wrapper's prefix
			 * maps' job; only another package's directory is reported. */
			int elf = r->content.len >= 4 && memcmp(r->content.p, "\x7f" "ELF", 4) == 0;
			int leaks = r->scan.leaks;
			r->scan.quiet = in_target && !elf;
			scan_content(&r->scan, r->content.p, r->content.len);
			if (r->scan.self && !memchr(r->content.p, 0, r->content.len))
				e->flags |= KILN_F_RELOC;
			if (in_target && !elf) {
				r->scan.leaks = leaks;
				target_leak(r, rel, r->content.p, r->content.len);
			}
		}
	}
	if (err) {
		kiln_err(&r->ctx, abs_path(r, rel), "cannot read: %s (check permissions)",
			 strerror(err));
		r->errors++;
	}
	return 0;
}

/* Imported paths P removed. A dependent may replace a file of its
 * dependencies (its manifest then says so) but not remove one: the
 * file would still ship, from its owner's manifest. Reported once, at
 * the topmost removed path (a removed or replaced directory covers
 * what was below it). */
static void removed_imports(struct rec *r)
{
	for (size_t i = 0; i < r->im.n; i++) {
		const struct imp *ie = &r->im.ent[i];
		if (r->state[i])
			continue;
		const char *slash = memrchr(ie->path, '/', ie->plen);
		size_t *px = slash ? kiln_hmap_get(&r->map, ie->path, (size_t)(slash - ie->path)) : NULL;
		if (px && r->state[*px] != SEEN)
			continue;
		kiln_err(&r->ctx, abs_path(r, ie->path), "%s removed this %s, which belongs to %s; a "
			 "package may replace files of its dependencies but not remove them (leave it "
			 "to %s, or remove it at target-finalize with a TARGET_FINALIZE_HOOKS entry or "
			 "a post-build script)", r->pkg, ie->type == 'd' ? "directory" : ie->type == 'l' ?
			 "symlink" : "file", ie->owner, ie->owner);
		r->errors++;
	}
}

static int walk_top(struct rec *r, int pfd, const char *top)
{
	struct stat st;
	if (fstatat(pfd, top, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		kiln_err(&r->ctx, abs_path(r, top), "cannot stat: %s (check permissions)", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		kiln_err(&r->ctx, abs_path(r, top), "not a directory (re-run assemble for %s)", r->pkg);
		return -1;
	}
	int fd = openat(pfd, top, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		kiln_err(&r->ctx, abs_path(r, top), "cannot open: %s (check permissions)", strerror(errno));
		return -1;
	}
	struct kbuf rel = {0};
	kbuf_adds(&rel, top);
	kbuf_cstr(&rel);
	int e = walk_dir(fd, &rel, visit, r);
	if (e > 0)
		kiln_err(&r->ctx, abs_path(r, rel.p), "cannot read directory: %s (check permissions)",
			 strerror(e));
	kbuf_free(&rel);
	return e ? -1 : 0;
}

int cmd_record(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o, OPT_ROOT | OPT_PKG | OPT_STRICT | OPT_FORBID, usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	struct rec r;
	memset(&r, 0, sizeof r);
	r.ctx = (struct kiln_ctx){PROG, o.pkg};
	r.root = o.root;
	r.pkg = o.pkg;
	r.strict = o.strict;
	r.forbid = o.forbid;
	r.nforbid = o.nforbid;
	r.scan = (struct scan){.ctx = &r.ctx, .root = o.root, .pkg = o.pkg, .strict = o.strict};
	rc = 1;
	struct kbuf pdir = {0};
	kbuf_printf(&pdir, "%s/%s", o.root, o.pkg);
	int pfd = open(pdir.p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (pfd < 0) {
		kiln_err(&r.ctx, pdir.p, "cannot open the per-package directory: %s (run assemble "
			 "first)", strerror(errno));
		goto out;
	}
	char err[512] = "";
	int e = imports_load(&r.im, pfd, ".imports", err, sizeof err);
	if (e == ENOENT) {
		memset(&r.im, 0, sizeof r.im);
	} else if (e) {
		kiln_err(&r.ctx, abs_path(&r, ".imports"), "%s (re-run assemble for %s)",
			 e > 0 ? strerror(e) : err, o.pkg);
		goto out;
	} else if (strcmp(r.im.package, o.pkg) != 0) {
		kiln_err(&r.ctx, abs_path(&r, ".imports"), "written for package %s (re-run assemble "
			 "for %s)", r.im.package, o.pkg);
		goto out;
	}
	r.state = calloc(r.im.n + 1, 1);
	if (!r.state)
		abort();
	kiln_hmap_init(&r.map, r.im.n);
	for (size_t i = 0; i < r.im.n; i++)
		kiln_hmap_put(&r.map, r.im.ent[i].path, r.im.ent[i].plen, i, NULL);
	r.m.package = o.pkg;
	r.m.closure = r.im.closure;
	r.m.nclosure = r.im.nclosure;
	if (walk_top(&r, pfd, "host") || walk_top(&r, pfd, "target"))
		goto out;
	removed_imports(&r);
	if (r.errors || (r.strict && r.scan.leaks)) {
		fprintf(stderr, "%s: %s: %s/manifest not written\n", PROG, o.pkg, pdir.p);
		goto out;
	}
	kiln_manifest_sort(&r.m);
	struct kbuf text = {0};
	kiln_manifest_write(&r.m, &text);
	e = kiln_write_atomic_at(pfd, "manifest", text.p, text.len, 0644);
	kbuf_free(&text);
	if (e) {
		kiln_err(&r.ctx, abs_path(&r, "manifest"), "cannot write: %s (check free space and "
			 "permissions)", strerror(e));
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < r.m.n; i++) {
		free((char *)r.m.ent[i].path);
		free((char *)r.m.ent[i].target);
	}
	free(r.m.ent);
	imports_free(&r.im);
	free(r.state);
	kiln_hmap_free(&r.map);
	kbuf_free(&r.what);
	kbuf_free(&r.content);
	kbuf_free(&r.abs);
	kbuf_free(&r.link);
	kbuf_free(&r.scan.seen);
	kbuf_free(&pdir);
	if (pfd >= 0)
		close(pfd);
	opts_free(&o);
	return rc;
}
