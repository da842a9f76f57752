// SPDX-License-Identifier: GPL-2.0-or-later
/* protect: a package step's writes to its imported files refused at the
 * write.
 *
 * The files P imported from its dependencies are hardlinks in ROOT/P:
 * written in place, they change their owner's file
 * (docs/per-package-directories.md). record finds such a change after
 * the step. In the sandbox (docs/sandbox.md), the step runs under
 * "kiln-pkgdir protect", which refuses the write itself with EROFS
 * ("Read-only file system") and says whose file it is.
 *
 * How: a seccomp filter (seccomp(2), SECCOMP_RET_USER_NOTIF) on the
 * step's processes passes every system call through but those that
 * change an existing file in place: an open for writing or truncating,
 * creat, truncate, chmod, chown, utimes and the xattr calls. Each of
 * those waits while this program, the supervisor (seccomp_unotify(2)),
 * finds the file it names (its path, read from the caller's memory, or its
 * descriptor) and compares its device and inode with the imported
 * hardlinks of ROOT/P/.imports. An imported file: EROFS. Anything else
 * (the package's own files, new files): the call goes on
 * (SECCOMP_USER_NOTIF_FLAG_CONTINUE).
 *
 * Removing an imported file, or renaming over it, is not a change of
 * the owner's file: it is how a package replaces one (an override,
 * recorded in its manifest), and stays allowed. Read-only bind mounts of
 * the files would refuse that too (EBUSY), and cost seconds per step in
 * bwrap for a toolchain's 1,600 files.
 *
 * This catches mistakes, it is no security boundary: a program could
 * change the path between the check and the call. x86_64 system calls
 * only (the build machine's; an i386 program's are not checked). */
#include "pkgdir.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

static const char usage[] =
	"Usage: kiln-pkgdir protect --root ROOT --pkg P -- COMMAND [ARG...]\n"
	"\n"
	"Run COMMAND (a package step) with its writes to P's imported files refused\n"
	"at the write: every file that ROOT/P/.imports lists as hardlinked from a\n"
	"dependency, and that is still that inode. Opening one for writing or\n"
	"truncating, chmod, chown, touch (utimes) and setting extended attributes\n"
	"fail with EROFS (\"Read-only file system\"), and a line on standard error\n"
	"names the file and its owner. Removing one, or renaming over it (replacing\n"
	"it with a file of P's own), stays allowed, and so does a call that changes\n"
	"nothing (chmod to its mode, chown to its owner). Everything else runs\n"
	"unchanged. A seccomp filter on COMMAND and its children sends those system\n"
	"calls to this program, which decides (seccomp_unotify(2)); x86_64 calls\n"
	"only. Processes COMMAND leaves running are served by a detached copy until\n"
	"the last ends. No ROOT/P/.imports, no hardlinked import, or a kernel without\n"
	"seccomp user notification (Linux 5.5; a warning): COMMAND runs unwatched.\n"
	"\n"
	"  --root ROOT   absolute per-package root (normally $(O)/per-package)\n"
	"  --pkg P       the package whose step runs\n"
	"\n"
	"Exit status: COMMAND's (128 + N when signal N ended it); 1 when .imports\n"
	"cannot be read (the message says why), 2 usage error, 126 COMMAND cannot\n"
	"be run, 127 COMMAND not found.\n";

/* ---- The imported hardlinks: sorted (dev, ino), each with its entry. */
struct guarded {
	uint64_t dev, ino;
	const struct imp *e;
};
struct guard {
	struct imports im;
	struct guarded *v;
	size_t n;
	const char *pkg, *pdir;
	unsigned reported;
};

static int cmp_guarded(const void *a, const void *b)
{
	const struct guarded *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static const struct guarded *guard_find(const struct guard *g, const struct stat *st)
{
	struct guarded k = {(uint64_t)st->st_dev, (uint64_t)st->st_ino, NULL};
	return bsearch(&k, g->v, g->n, sizeof *g->v, cmp_guarded);
}

/* Loads .imports: 0 (g->n may be 0), or -1 after an error (reported). */
static int guard_load(struct kiln_ctx *ctx, struct guard *g)
{
	int pfd = open(g->pdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0) {
		kiln_err(ctx, g->pdir, "cannot open the package's directory: %s", strerror(errno));
		return -1;
	}
	char err[512] = "";
	int e = imports_load(&g->im, pfd, ".imports", err, sizeof err);
	if (e == ENOENT) {
		close(pfd);
		return 0;
	}
	if (e) {
		kiln_err(ctx, NULL, "%s/.imports: %s (run 'make %s-dirclean', then make)", g->pdir,
			 e > 0 ? strerror(e) : err, g->pkg);
		close(pfd);
		return -1;
	}
	g->v = kiln_xmalloc((g->im.n + 1) * sizeof *g->v);
	for (size_t i = 0; i < g->im.n; i++) {
		const struct imp *en = &g->im.ent[i];
		struct stat st;
		/* One the package replaced since assemble is its own now. */
		if (en->type != 'f' || en->how != 'h' ||
		    fstatat(pfd, en->path, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
		    (uint64_t)st.st_ino != en->ino || (uint64_t)st.st_dev != en->dev)
			continue;
		g->v[g->n++] = (struct guarded){en->dev, en->ino, en};
	}
	close(pfd);
	qsort(g->v, g->n, sizeof *g->v, cmp_guarded);
	return 0;
}

#if defined(__x86_64__)
/* ---- The filter. */
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define STMT(c, k) ((struct sock_filter)BPF_STMT((c), (k)))
#define JUMP(c, k, jt, jf) ((struct sock_filter)BPF_JUMP((c), (k), (uint8_t)(jt), (uint8_t)(jf)))

/* The calls that change an existing file in place, but open and openat,
 * whose flags the filter tests itself. */
static const int watched[] = {
	__NR_creat, __NR_truncate, __NR_chmod, __NR_fchmod, __NR_fchmodat, __NR_fchmodat2,
	__NR_chown, __NR_fchown, __NR_lchown, __NR_fchownat, __NR_utime, __NR_utimes,
	__NR_utimensat, __NR_futimesat, __NR_openat2, __NR_setxattr, __NR_lsetxattr,
	__NR_fsetxattr, __NR_removexattr, __NR_lremovexattr, __NR_fremovexattr, __NR_setxattrat,
	__NR_removexattrat, __NR_file_setattr,
};
#define NWATCHED (sizeof watched / sizeof watched[0])

/* Installs the filter on this process (inherited by its children and
 * kept across exec): returns the listener's descriptor, or -1. Layout:
 *   0 load arch       1 not x86_64: ALLOW    2 load nr
 *   3 open: OPEN1     4 openat: OPEN2        5.. a watched call: NOTIFY
 *   A ALLOW           A+1 OPEN1: load arg 1  A+2 jump to TEST
 *   A+3 OPEN2: load arg 2
 *   A+4 TEST: no write flag: ALLOW2          A+5 keep O_CREAT|O_EXCL
 *   A+6 both (a new file): ALLOW2            A+7 NOTIFY
 *   A+8 ALLOW2        A+9 NOTIFY (the watched calls) */
static int install_filter(void)
{
	enum { A = 5 + NWATCHED, OPEN1 = A + 1, OPEN2 = A + 3, TEST = A + 4, ALLOW2 = A + 8,
	       NOTIFY = A + 9 };
	struct sock_filter f[A + 10];
	f[0] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	f[1] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, A - 2);
	f[2] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	f[3] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_open, OPEN1 - 4, 0);
	f[4] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, OPEN2 - 5, 0);
	for (unsigned i = 0; i < NWATCHED; i++)
		f[5 + i] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)watched[i], NOTIFY - (5 + i) - 1, 0);
	f[A] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[OPEN1] = STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1));
	f[A + 2] = STMT(BPF_JMP | BPF_JA, TEST - (A + 2) - 1);
	f[OPEN2] = STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2));
	f[TEST] = JUMP(BPF_JMP | BPF_JSET | BPF_K, O_WRONLY | O_RDWR | O_TRUNC, 0, ALLOW2 - TEST - 1);
	f[TEST + 1] = STMT(BPF_ALU | BPF_AND | BPF_K, O_CREAT | O_EXCL);
	f[TEST + 2] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, O_CREAT | O_EXCL, ALLOW2 - (TEST + 2) - 1, 0);
	f[TEST + 3] = STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	f[ALLOW2] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[NOTIFY] = STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	struct sock_fprog prog = {.len = (unsigned short)(sizeof f / sizeof f[0]), .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
			    &prog);
}

/* ---- The supervisor. */

/* n bytes at addr in process pid, into out: bytes read, or -1. */
static ssize_t read_mem(pid_t pid, uint64_t addr, void *out, size_t n)
{
	struct iovec local = {out, n}, remote = {(void *)(uintptr_t)addr, n};
	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

/* The NUL-terminated string at addr in process pid, into out (at most
 * n bytes with the NUL): 0, or -1 (unreadable, or too long). */
static int read_string(pid_t pid, uint64_t addr, char *out, size_t n)
{
	size_t got = 0;
	while (got < n) {
		/* Up to the end of addr's page: the next may be unmapped. */
		size_t want = 4096 - ((addr + got) & 4095);
		if (want > n - got)
			want = n - got;
		ssize_t r = read_mem(pid, addr + got, out + got, want);
		if (r <= 0)
			return -1;
		if (memchr(out + got, 0, (size_t)r))
			return 0;
		got += (size_t)r;
	}
	return -1;
}

/* What a watched call names: a path (relative to dirfd, or to the cwd
 * when dirfd is AT_FDCWD) or, with no path, the descriptor dirfd;
 * whether a last symbolic link is followed; and for chmod and chown
 * the mode or ids asked for, so that a call that changes nothing (the
 * mode or owner it already has: record accepts it) goes on. */
enum { K_OTHER, K_MODE, K_OWNER, K_TIMES, K_NONE };
struct target {
	int dirfd;
	uint64_t path; /* address in the process; 0: none */
	int follow;
	int kind; /* K_NONE: this call does not write (openat2's flags) */
	uint64_t mode, uid, gid, times;
};

static struct target target_of(const struct seccomp_data *d, pid_t pid)
{
	const __u64 *a = d->args;
	struct target t = {AT_FDCWD, a[0], 1, K_OTHER, 0, 0, 0, 0};
	switch (d->nr) {
	case __NR_open:
		t.follow = !(a[1] & O_NOFOLLOW);
		break;
	case __NR_openat:
		t = (struct target){(int)a[0], a[1], !(a[2] & O_NOFOLLOW), K_OTHER, 0, 0, 0, 0};
		break;
	case __NR_openat2: {
		uint64_t flags = 0; /* struct open_how's first field */
		t = (struct target){(int)a[0], a[1], 1, K_OTHER, 0, 0, 0, 0};
		if (read_mem(pid, a[2], &flags, sizeof flags) != (ssize_t)sizeof flags)
			break;
		if (!(flags & (O_WRONLY | O_RDWR | O_TRUNC)) ||
		    (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
			t.kind = K_NONE;
		t.follow = !(flags & O_NOFOLLOW);
		break;
	}
	case __NR_chmod:
		t.kind = K_MODE, t.mode = a[1];
		break;
	case __NR_fchmod:
		t = (struct target){(int)a[0], 0, 1, K_MODE, a[1], 0, 0, 0};
		break;
	case __NR_fchmodat:
		t = (struct target){(int)a[0], a[1], 1, K_MODE, a[2], 0, 0, 0};
		break;
	case __NR_fchmodat2:
		t = (struct target){(int)a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW), K_MODE, a[2], 0, 0, 0};
		break;
	case __NR_chown:
	case __NR_lchown:
		t = (struct target){AT_FDCWD, a[0], d->nr == __NR_chown, K_OWNER, 0, a[1], a[2], 0};
		break;
	case __NR_fchown:
		t = (struct target){(int)a[0], 0, 1, K_OWNER, 0, a[1], a[2], 0};
		break;
	case __NR_fchownat:
		t = (struct target){(int)a[0], a[1], !(a[4] & AT_SYMLINK_NOFOLLOW), K_OWNER, 0, a[2], a[3], 0};
		break;
	case __NR_utimensat:
		t = (struct target){(int)a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW), K_TIMES, 0, 0, 0, a[2]};
		break;
	case __NR_futimesat:
		t = (struct target){(int)a[0], a[1], 1, K_OTHER, 0, 0, 0, 0};
		break;
	case __NR_lsetxattr:
	case __NR_lremovexattr:
		t.follow = 0;
		break;
	case __NR_fsetxattr:
	case __NR_fremovexattr:
		t = (struct target){(int)a[0], 0, 1, K_OTHER, 0, 0, 0, 0};
		break;
	case __NR_setxattrat:
	case __NR_removexattrat:
		t = (struct target){(int)a[0], a[1], !(a[2] & AT_SYMLINK_NOFOLLOW), K_OTHER, 0, 0, 0, 0};
		break;
	case __NR_file_setattr:
		t = (struct target){(int)a[0], a[1], !(a[4] & AT_SYMLINK_NOFOLLOW), K_OTHER, 0, 0, 0, 0};
		break;
	default: /* creat, truncate, utime, utimes, setxattr, removexattr */
		break;
	}
	return t;
}

/* Whether the call changes nothing of st: chmod to its mode, chown to
 * its owner (or -1), utimensat with both times UTIME_OMIT. */
static int no_change(const struct target *t, const struct stat *st, pid_t pid)
{
	if (t->kind == K_MODE)
		return (t->mode & 07777) == (st->st_mode & 07777);
	if (t->kind == K_OWNER)
		return ((uint32_t)t->uid == UINT32_MAX || (uint32_t)t->uid == st->st_uid) &&
		       ((uint32_t)t->gid == UINT32_MAX || (uint32_t)t->gid == st->st_gid);
	if (t->kind == K_TIMES && t->times) {
		struct timespec ts[2];
		return read_mem(pid, t->times, ts, sizeof ts) == (ssize_t)sizeof ts &&
		       ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT;
	}
	return 0;
}

/* The path the supervisor can look at for the caller's absolute path:
 * the caller's own /proc/self, /proc/thread-self and /dev/fd (a link to
 * /proc/self/fd) are not the supervisor's. */
static void caller_path(char *out, size_t n, pid_t pid, const char *name)
{
	static const struct {
		const char *pre, *fmt;
	} own[] = {
		{"/proc/self/", "/proc/%d/%s"}, {"/proc/thread-self/", "/proc/%d/task/%d/%s"},
		{"/dev/fd/", "/proc/%d/fd/%s"},
	};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
		size_t l = strlen(own[i].pre);
		if (strncmp(name, own[i].pre, l) != 0)
			continue;
		if (i == 1)
			snprintf(out, n, own[i].fmt, pid, pid, name + l);
		else
			snprintf(out, n, own[i].fmt, pid, name + l);
		return;
	}
	static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
	for (int fd = 0; fd < 3; fd++)
		if (strcmp(name, std[fd]) == 0) {
			snprintf(out, n, "/proc/%d/fd/%d", pid, fd);
			return;
		}
	snprintf(out, n, "%s", name);
}

/* Whether the call would change an imported file in place; *hit is its
 * entry. Anything it cannot find or read is let through. */
static int refused(const struct guard *g, const struct seccomp_notif *req, const struct guarded **hit)
{
	char path[4096 + 64], name[4096];
	pid_t pid = (pid_t)req->pid;
	struct target t = target_of(&req->data, pid);
	int ok = t.kind != K_NONE;
	if (ok && t.path) {
		ok = read_string(pid, t.path, name, sizeof name) == 0;
		if (ok && name[0] == '/') {
			caller_path(path, sizeof path, pid, name);
		} else if (ok && name[0] == 0) { /* AT_EMPTY_PATH: the descriptor */
			snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, t.dirfd);
			t.follow = 1;
		} else if (ok && t.dirfd == AT_FDCWD) {
			snprintf(path, sizeof path, "/proc/%d/cwd/%s", pid, name);
		} else if (ok) {
			snprintf(path, sizeof path, "/proc/%d/fd/%d/%s", pid, t.dirfd, name);
		}
	} else if (ok) {
		snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, t.dirfd);
		t.follow = 1;
	}
	struct stat st;
	if (!ok || (t.follow ? stat(path, &st) : lstat(path, &st)) != 0 || !S_ISREG(st.st_mode))
		return 0;
	*hit = guard_find(g, &st);
	return *hit != NULL && !no_change(&t, &st, pid);
}

/* Answers one stopped call. */
static void answer(struct guard *g, int listener, struct seccomp_notif *req, size_t reqsz,
		   struct seccomp_notif_resp *resp)
{
	memset(req, 0, reqsz);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) != 0)
		return; /* EINTR, or the caller died meanwhile */
	const struct guarded *hit = NULL;
	int no = refused(g, req, &hit);
	memset(resp, 0, sizeof *resp);
	resp->id = req->id;
	if (no) {
		resp->error = -EROFS;
		if (g->reported++ < 20)
			fprintf(stderr, "%s: %s: refused a write to %s/%s: the file belongs to %s, and %s "
				"imported it (a hardlink to %s's own): change it in %s, or replace it with a "
				"file of %s's own (rm it, then write a new one) (docs/per-package-"
				"directories.md)\n", PROG, g->pkg, g->pdir, hit->e->path, hit->e->owner, g->pkg,
				hit->e->owner, hit->e->owner, g->pkg);
	} else {
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	}
	ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp); /* ENOENT: the caller died */
}

/* Waits for the command's process: its exit status in the shell's way
 * (128 + N for signal N), or 1 when it cannot be waited for. */
static int wait_status(pid_t child)
{
	int st;
	while (waitpid(child, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Serves the listener until the command has ended, then returns its
 * exit status in the shell's way. Its background processes may outlive
 * it (the sandbox shares the build machine's process IDs): a detached
 * process goes on serving them until the last has ended, so their
 * writes are not refused with ENOSYS, without keeping the step's output
 * open. */
static int supervise(struct guard *g, int listener, pid_t child)
{
	struct seccomp_notif_sizes sz;
	if (syscall(__NR_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) != 0)
		sz = (struct seccomp_notif_sizes){sizeof(struct seccomp_notif),
						  sizeof(struct seccomp_notif_resp), 0};
	size_t reqsz = sz.seccomp_notif > sizeof(struct seccomp_notif) ? sz.seccomp_notif
								       : sizeof(struct seccomp_notif);
	size_t respsz = sz.seccomp_notif_resp > sizeof(struct seccomp_notif_resp)
				? sz.seccomp_notif_resp
				: sizeof(struct seccomp_notif_resp);
	struct seccomp_notif *req = kiln_xmalloc(reqsz);
	struct seccomp_notif_resp *resp = kiln_xmalloc(respsz);
	int pidfd = (int)syscall(__NR_pidfd_open, child, 0);
	struct pollfd p[2] = {{listener, POLLIN, 0}, {pidfd, POLLIN, 0}};
	int hup = 0;
	for (;;) {
		if (poll(p, pidfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents & POLLIN)
			answer(g, listener, req, reqsz, resp);
		if (p[0].revents & (POLLHUP | POLLERR))
			hup = 1;
		if (hup || p[1].revents)
			break;
	}
	if (pidfd >= 0)
		close(pidfd);
	int status = wait_status(child);
	if (!hup) {
		struct pollfd q = {listener, POLLIN, 0};
		hup = poll(&q, 1, 0) == 1 && (q.revents & (POLLHUP | POLLERR)) && !(q.revents & POLLIN);
	}
	if (!hup) {
		fflush(NULL);
		pid_t server = fork();
		if (server == 0) {
			setsid();
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);
			for (int fd = 0; fd < 3 && null >= 0; fd++)
				dup2(null, fd);
			struct pollfd q = {listener, POLLIN, 0};
			while (poll(&q, 1, -1) >= 0 || errno == EINTR) {
				if (q.revents & POLLIN)
					answer(g, listener, req, reqsz, resp);
				else if (q.revents & (POLLHUP | POLLERR))
					break;
			}
			_exit(0);
		}
	}
	free(req);
	free(resp);
	close(listener);
	return status;
}

/* fd passing between the command's process and the supervisor. */
static int send_fd(int sock, int fd)
{
	char c = 0, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&c, 1};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
	memset(ctl, 0, sizeof ctl);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char c, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&c, 1};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	int fd;
	memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	return fd;
}

#endif /* __x86_64__ */

static int run_command(struct kiln_ctx *ctx, char **cmd)
{
	execvp(cmd[0], cmd);
	int e = errno;
	kiln_err(ctx, cmd[0], "cannot run the step's command: %s", strerror(e));
	return e == ENOENT ? 127 : 126;
}

int cmd_protect(int argc, char **argv)
{
	int dd = 1;
	while (dd < argc && strcmp(argv[dd], "--") != 0)
		dd++;
	struct opts o;
	int rc = parse_args(dd, argv, &o, OPT_ROOT | OPT_PKG, usage);
	if (rc >= 0) {
		opts_free(&o);
		return rc;
	}
	if (dd + 1 >= argc) {
		fprintf(stderr, "%s: protect: no command after -- (see --help)\n", PROG);
		opts_free(&o);
		return 2;
	}
	char **cmd = argv + dd + 1;
	struct kiln_ctx ctx = {PROG, o.pkg};
	struct kbuf pdir = {0};
	kbuf_printf(&pdir, "%s/%s", o.root, o.pkg);
	struct guard g = {.pkg = o.pkg, .pdir = pdir.p};
	rc = 1;
	if (guard_load(&ctx, &g) != 0)
		goto out;
#if !defined(__x86_64__)
	/* The filter knows x86_64's system calls only: record checks. */
	g.n = 0;
#endif
	if (g.n == 0) {
		rc = run_command(&ctx, cmd);
		goto out;
	}
#if defined(__x86_64__)
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		kiln_err(&ctx, NULL, "socketpair: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	pid_t child = fork();
	if (child < 0) {
		kiln_err(&ctx, NULL, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		goto out;
	}
	if (child == 0) {
		/* Without the supervisor, every stopped call would fail. */
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		close(sv[0]);
		int l = install_filter();
		if (l < 0 || send_fd(sv[1], l) != 0)
			fprintf(stderr, "%s: warning: %s: the step runs without the protection of its "
				"imported files (a seccomp filter, Linux 5.5 or later): %s; record still checks "
				"them after the step (docs/sandbox.md)\n", PROG, o.pkg, strerror(errno));
		if (l >= 0)
			close(l);
		close(sv[1]);
		_exit(run_command(&ctx, cmd));
	}
	close(sv[1]);
	int listener = recv_fd(sv[0]);
	close(sv[0]);
	if (listener < 0) { /* the command runs unwatched */
		rc = wait_status(child);
		goto out;
	}
	rc = supervise(&g, listener, child);
#endif
out:
	free(g.v);
	imports_free(&g.im);
	kbuf_free(&pdir);
	opts_free(&o);
	return rc;
}
