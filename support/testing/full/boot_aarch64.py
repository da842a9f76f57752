#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""boot_aarch64.py IMAGES PASSWORD SSH_KEY LOG_DIR

The runtime half of full/50-qemu-aarch64.t: boots the images of
qemu_aarch64_virt_defconfig (IMAGES/start-qemu.sh) in qemu-system,
first from the initramfs, then from ext4 on virtio-blk, logs in as root
with PASSWORD, checks the running system, logs in over ssh from this
machine with SSH_KEY (whose public half the image's overlay put in
/root/.ssh/authorized_keys) through a forwarded port, and powers off.
Prints one TAP line per check ("ok - ..." / "not ok - ..." and "#"
diagnostics, without numbers: the calling test numbers them). The
console logs are kept in LOG_DIR; a failure prints the last 50 console
lines.
"""

import hashlib
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'infra'))
from kiln_runtime import Board, BoardError  # noqa: E402


def ok(cond, desc, *diag):
    print('%s - %s' % ('ok' if cond else 'not ok', desc), flush=True)
    if not cond:
        for d in diag:
            for line in str(d).split('\n'):
                print('#   ' + line, flush=True)
    return cond


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def ssh(port, key, command, timeout=120):
    """Runs COMMAND on the board over ssh, retrying while the board's
    network and dropbear come up; returns (output, exit status)."""
    argv = ['ssh', '-F', '/dev/null', '-i', key, '-p', str(port),
            '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no',
            '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=30',
            '-o', 'LogLevel=ERROR', 'root@127.0.0.1', command]
    deadline = time.monotonic() + timeout
    while True:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=timeout)
        # 255: ssh's own failure (connection refused or reset while
        # the board starts); anything else is the command's status.
        if p.returncode != 255 or time.monotonic() > deadline:
            return p.stdout + p.stderr, p.returncode
        time.sleep(2)


def first_boot(images, password, logs):
    """The initramfs: the system as rcS leaves it."""
    with Board(images, os.path.join(logs, 'initramfs.log'),
               args=['--initramfs']) as b:
        b.boot()
        ok(True, 'initramfs: boots to "%s login:" (%.1f s)'
           % (b.hostname, b.boot_seconds))
        b.login(password)
        ok(b.password_prompted, 'initramfs: root logs in with the '
           'configured password')
        out, st = b.run('uname -m')
        ok(out == 'aarch64' and st == 0, 'initramfs: uname -m says aarch64',
           'got %r, exit %d' % (out, st))
        out, _ = b.run('cat /proc/cmdline; grep " / " /proc/mounts')
        ok('root=' not in out and 'rootfs / rootfs' in out,
           'initramfs: / is the initramfs (no root= on the command line)',
           out)
        out, st = b.run('test -s /var/run/dropbear.pid && '
                        'kill -0 "$(cat /var/run/dropbear.pid)" && '
                        'cat /proc/"$(cat /var/run/dropbear.pid)"/comm')
        ok(st == 0 and out == 'dropbear', 'initramfs: rcS ran S50dropbear: '
           '/var/run/dropbear.pid names a running dropbear',
           'got %r, exit %d' % (out, st))
        out, st = b.run('dropbear -V 2>&1')
        ok(st == 0 and 'Dropbear v2022.83' in out,
           'initramfs: dropbear -V runs', 'got %r, exit %d' % (out, st))
        want = hashlib.sha256(b'kiln runtime test\n').hexdigest()
        out, st = b.run("echo 'kiln runtime test' | openssl dgst -sha256")
        ok(st == 0 and out.endswith(want), 'initramfs: openssl dgst -sha256 '
           'of a known string gives its digest', 'got %r, want ...%s'
           % (out, want))
        out, st = b.run('modprobe dummy && lsmod && ip link show dummy0')
        ok(st == 0 and 'dummy' in out and 'dummy0' in out,
           'initramfs: modprobe loads the dummy module (modules.dep by '
           'depmod) and its device appears', 'got %r, exit %d' % (out, st))
        out, st = b.run('uname -v')
        ok('#1 SMP' in out and st == 0, 'initramfs: uname -v is build #1',
           out)
        t = time.monotonic()
        status = b.poweroff(timeout=30)
        ok(status == 0, 'initramfs: poweroff ends qemu with status 0 '
           '(%.1f s)' % (time.monotonic() - t), 'status %r' % status)


def second_boot(images, password, key, logs):
    """ext4 on virtio-blk, and ssh through a forwarded port."""
    port = free_port()
    with Board(images, os.path.join(logs, 'ext4.log'),
               args=['--ext4', '--ssh-port', str(port)]) as b:
        b.boot()
        ok(True, 'ext4: boots to "%s login:" (%.1f s)'
           % (b.hostname, b.boot_seconds))
        b.login(password)
        out, st = b.run('grep " / " /proc/mounts; cat /proc/cmdline')
        ok(st == 0 and ' / ext4 ' in out and 'root=/dev/vda' in out,
           'ext4: / is ext4 from /dev/vda', out)
        out, st = b.run('uname -m')
        ok(out == 'aarch64', 'ext4: uname -m says aarch64', out)
        out, st = ssh(port, key, 'uname -m; id -un; echo ssh-ok')
        ok(st == 0 and out.split() == ['aarch64', 'root', 'ssh-ok'],
           'ssh from the build machine through 127.0.0.1:%d runs a command '
           'as root with the key of the overlay' % port,
           'got %r, exit %d' % (out, st))
        t = time.monotonic()
        status = b.poweroff(timeout=30)
        ok(status == 0, 'ext4: poweroff ends qemu with status 0 (%.1f s)'
           % (time.monotonic() - t), 'status %r' % status)


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    images, password, key, logs = sys.argv[1:]
    for part in (lambda: first_boot(images, password, logs),
                 lambda: second_boot(images, password, key, logs)):
        try:
            part()
        except BoardError as e:
            ok(False, 'the board failed', str(e))
    return 0


if __name__ == '__main__':
    sys.exit(main())
