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
	"Usage: kiln-pkgdir record --root ROOT --pkg P [--strict]\n"
	"\n"
	"Compare ROOT/P/host and ROOT/P/target with what 'assemble' imported\n"
	"(ROOT/P/.imports) and write ROOT/P/manifest (atomically) listing what P\n"
	"installed or replaced. Fails, writing no manifest, when P modified a\n"
	"hardlinked file of another package in place. Warns about files holding\n"
	"another package's per-package directory (errors with --strict).\n"
	"\n"
	"  --root ROOT   absolute per-package root\n"
	"  --pkg P       the package that was just installed\n"
	"  --strict      leaks are errors\n";

struct rec {
	struct kiln_ctx ctx;
	const char *root, *pkg;
	int strict, errors;
	struct imports im;
	struct kiln_hmap map;
	struct kiln_manifest m;
	struct kbuf content, abs, link;
	struct scan scan;
};

/* readlinkat into b (NUL-terminated); 0 or errno */
static int read_link(int dirfd, const char *name, struct kbuf *b)
{
	size_t cap = 256;
	for (;;) {
		b->len = 0;
		kbuf_reserve(b, cap);
		ssize_t n = readlinkat(dirfd, name, b->p, cap);
		if (n < 0)
			return errno;
		if ((size_t)n < cap) {
			b->len = (size_t)n;
			kbuf_cstr(b);
			return 0;
		}
		cap *= 2;
	}
}

static const char *abs_path(struct rec *r, const char *rel)
{
	r->abs.len = 0;
	kbuf_printf(&r->abs, "%s/%s/%s", r->root, r->pkg, rel);
	return r->abs.p;
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
		if (ie->type != type) {
			override = ie->owner;
		} else if (type == 'd') {
			return 0;
		} else if (type == 'l') {
			int e = read_link(dirfd, name, &r->link);
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
			uint64_t mt = (uint64_t)((int64_t)st->st_mtim.tv_sec * 1000000000 +
						 st->st_mtim.tv_nsec);
			if ((uint64_t)st->st_size == ie->size && mt == ie->mtime)
				return 0;
			if (ie->how == 'h') {
				kiln_err(&r->ctx, abs_path(r, rel), "%s modified %s in place, which is "
					 "owned by %s; install a new file instead (rm then install/cp), "
					 "or move the edit to %s", r->pkg, rel, ie->owner, ie->owner);
				r->errors++;
				return 0;
			}
			override = ie->owner;
		}
	}
	struct kiln_entry *e = kiln_manifest_add(&r->m);
	e->type = type;
	e->mode = st->st_mode & 07777;
	e->override = override;
	e->path = kiln_xstrndup(rel, rlen);
	e->plen = rlen;
	if (type == 'd')
		return 0;
	r->scan.path = abs_path(r, rel);
	r->scan.self = 0;
	int err;
	if (type == 'l') {
		err = have_link ? 0 : read_link(dirfd, name, &r->link);
		if (!err) {
			e->target = kiln_xstrndup(r->link.p, r->link.len);
			e->tlen = r->link.len;
			scan_content(&r->scan, e->target, e->tlen);
			if (r->scan.self)
				e->flags |= KILN_F_RELOC;
		}
	} else {
		err = kiln_read_file_at(dirfd, name, &r->content, NULL);
		if (!err) {
			kiln_sha256(r->content.p, r->content.len, e->sha);
			e->size = r->content.len;
			scan_content(&r->scan, r->content.p, r->content.len);
			if (r->scan.self && !memchr(r->content.p, 0, r->content.len))
				e->flags |= KILN_F_RELOC;
		}
	}
	if (err) {
		kiln_err(&r->ctx, abs_path(r, rel), "cannot read: %s (check permissions)",
			 strerror(err));
		r->errors++;
	}
	return 0;
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
	int rc = parse_args(argc, argv, &o, OPT_ROOT | OPT_PKG | OPT_STRICT, usage);
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
	kiln_hmap_init(&r.map, r.im.n);
	for (size_t i = 0; i < r.im.n; i++)
		kiln_hmap_put(&r.map, r.im.ent[i].path, r.im.ent[i].plen, i, NULL);
	r.m.package = o.pkg;
	r.m.closure = r.im.closure;
	r.m.nclosure = r.im.nclosure;
	if (walk_top(&r, pfd, "host") || walk_top(&r, pfd, "target"))
		goto out;
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
	kiln_hmap_free(&r.map);
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
