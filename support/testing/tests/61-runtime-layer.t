#!/usr/bin/python3
# The runtime-test layer (support/testing/infra/kiln_runtime.py) against
# fake-console, a pretend board: login with and without a password,
# run()'s output and status (several lines, no final newline, marker-like
# text, a syntax error, state kept between commands), poweroff's status,
# start-qemu.sh's arguments; each failure (no login prompt, a panic,
# garbage, a wrong or missing password, a command or a power-off that
# does not end) is a BoardError naming the log, with the console's last
# 50 lines, and the whole log kept; the command line.
import os
import re
import subprocess
import sys

INFRA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     '..', 'infra')
sys.path.insert(0, INFRA)
from kiln_runtime import Board, BoardError, Tap  # noqa: E402

FAKE = os.path.join(INFRA, 'fake-console')
tap = Tap(68)
S = tap.scratch


def fake(name, *opts, **kw):
    """A Board on fake-console OPTS, its log in scratch/NAME.log."""
    kw.setdefault('timeout', 10)
    return Board(None, os.path.join(S, name + '.log'),
                 command=[FAKE] + list(opts), **kw)


def error_of(fn):
    """The BoardError fn() raises, or None."""
    try:
        fn()
    except BoardError as e:
        return e
    return None


def check_error(e, name, reason_re, desc, tail_re=None):
    """Four checks of a BoardError: raised with the reason, names the
    log, ends with the console's last lines (50 when there are more),
    and the log is whole (its first noise line is there)."""
    log = os.path.join(S, name + '.log')
    msg = str(e) if e else ''
    tap.like(msg, reason_re, desc + ': BoardError says why')
    tap.ok(e is not None and e.log_path == log
           and 'full console log: %s' % log in msg,
           desc + ': the message names the full log', msg[:300])
    tail = e.tail if e else []
    lines = msg.split('\n')
    ok = (len(tail) == 50 and lines[-50:] == ['  | ' + t for t in tail]
          and 'last 50 lines of the console' in msg
          and (tail_re is None or re.search(tail_re, '\n'.join(tail))))
    tap.ok(ok, desc + ': the message ends with the last 50 console lines',
           'tail has %d lines' % len(tail), *lines[-5:])
    try:
        with open(log, 'rb') as f:
            whole = f.read()
    except OSError:
        whole = b''
    tap.ok(b'boot noise line 1\r' in whole and b'line 80\r' in whole,
           desc + ': the full log is kept')


# -- no password --------------------------------------------------------
b = fake('nopw', '--noise', '3')
secs = b.boot(10)
tap.ok(b.hostname == 'kiln' and secs < 10,
       'boot() waits for "kiln login:" and sets hostname', b.hostname)
tap.is_(b.qemu_command, 'fake-console --noise 3',
        'boot() keeps the "start-qemu.sh: " line as qemu_command')
tap.is_(b.login(), False, 'login() without a password: no Password: prompt')
tap.ok(b.login_seconds >= b.boot_seconds, 'login_seconds counts from start')
tap.is_(b.run('echo one; echo two; echo three'), ('one\ntwo\nthree', 0),
        'run(): several lines, "\\r\\n" made "\\n", no echo, status 0')
tap.is_(b.run('printf abc'), ('abc', 0), 'run(): output with no final newline')
tap.is_(b.run('printf "a\\n\\n\\n"'), ('a', 0),
        'run(): final newlines removed')
tap.is_(b.run('true'), ('', 0), 'run(): no output')
tap.is_(b.run("printf 'a\\r\\r\\nb\\r\\n'"), ('a\nb', 0),
        'run(): "\\r\\r\\n" (qemu on a pty) made "\\n" too')
tap.is_(b.run('echo oops; sh -c "exit 7"'), ('oops', 7),
        'run(): a non-zero status, with output')
tap.is_(b.run('false'), ('', 1), 'run(): false is status 1')
marker_like = "KILN-%s-E1-0\nKILN-%s# \nKILN-%s-S3" % ((b.token,) * 3)
tap.is_(b.run("printf '%s\\n'" % marker_like.replace('\n', '\\n')),
        (marker_like, 0),
        'run(): output that looks like the markers and the prompt')
tap.is_(b.run("echo 'it''s' \"a 'quoted'\" arg"), ("its a 'quoted' arg", 0),
        'run(): quotes in the command')
tap.is_(b.run('for i in 1 2\ndo echo "n$i"\ndone'), ('n1\nn2', 0),
        'run(): a command of several lines')
out, status = b.run('if then fi')
tap.ok(status == 2 and out != '',
       'run(): a syntax error is status 2 with its message',
       repr((out, status)))
b.run('cd /tmp && export KILN_X=kept')
tap.is_(b.run('pwd; echo $KILN_X'), ('/tmp\nkept', 0),
        'run(): the directory and variables stay for the next command')
tap.is_(b.run('echo after'), ('after', 0),
        'run(): still in sync after all that')
tap.is_(b.poweroff(10), 0, 'poweroff(): the board exits 0')
tap.ok(not b.child.isalive(), 'poweroff(): the board is gone')
b.close()

# -- a password, another hostname ---------------------------------------
with fake('pw', '--password', 's3cr3t', '--hostname', 'board7') as b:
    b.boot(10)
    tap.is_(b.hostname, 'board7', 'hostname from "board7 login:"')
    tap.is_(b.login('s3cr3t'), True, 'login() answers the Password: prompt')
    tap.is_(b.run('echo in'), ('in', 0), 'run() after a password login')
    tap.is_(b.poweroff(10), 0, 'poweroff() after a password login')
with open(os.path.join(S, 'pw.log'), 'rb') as f:
    whole = f.read()
    tap.ok(b'Password: \r\n' in whole and b'Password: s3cr3t' not in whole,
           'the password is not echoed in the log')

# -- a prompt login() does not guess: the timeout, then in sync anyway ----
with fake('oddprompt', '--prompt', 'ready> ', timeout=2) as b:
    b.boot(10)
    b.login()
    tap.is_(b.run('echo odd'), ('odd', 0),
            'a shell prompt not ending in "# ": login() still gets in sync')

# -- images_dir: IMAGES/start-qemu.sh ARGS ------------------------------
images = os.path.join(S, 'images')
os.mkdir(images)
start = os.path.join(images, 'start-qemu.sh')
with open(start, 'w') as f:
    f.write('#!/bin/sh\nexec %s --argv-file %s/argv "$@"\n' % (FAKE, S))
os.chmod(start, 0o755)
with Board(images, os.path.join(S, 'img.log'),
           args=['--initramfs', '--ssh-port', '2222'], timeout=10) as b:
    b.boot(10)
    b.login()
    tap.is_(b.poweroff(10), 0, 'a board started as IMAGES/start-qemu.sh')
with open(os.path.join(S, 'argv')) as f:
    tap.is_(f.read().split('\n')[2:5], ['--initramfs', '--ssh-port', '2222'],
            'start-qemu.sh gets the args')
e = error_of(lambda: Board(S, os.path.join(S, 'x.log')))
tap.like(str(e), r'%s/start-qemu\.sh does not exist or is not executable: '
         r'build a board defconfig' % re.escape(S),
         'no start-qemu.sh: BoardError naming it')

# -- failures: each with the last 50 lines and the whole log ------------
N = ['--noise', '80']
b = fake('nologin', '--no-login', *N)
e = error_of(lambda: b.boot(2))
check_error(e, 'nologin', r'nothing within 2 s while waiting for the login '
            r'prompt \(<hostname> login:\) after starting .*fake-console',
            'no login prompt', r'Waiting for root device')
b.close()
tap.ok(not b.child.isalive(), 'close() kills a board that hangs')

b = fake('panic', '--panic', *N)
e = error_of(lambda: b.boot(10))
check_error(e, 'panic', r'the board exited \(status 1\) while waiting for '
            r'the login prompt', 'a kernel panic', r'Kernel panic')
b.close()

b = fake('garbage', '--garbage', *N)
e = error_of(lambda: b.boot(2))
check_error(e, 'garbage', r'nothing within 2 s while waiting for the login',
            'garbage on the console')
tap.ok(e is not None and not re.search(r'[\x00-\x08\x0b-\x1f\x7f]', str(e)),
       'garbage: the message has no control characters (shown as \\xNN)')
b.close()

b = fake('wrongpw', '--password', 'right', *N)
b.boot(10)
e = error_of(lambda: b.login('wrong'))
check_error(e, 'wrongpw', r'login as root failed: the board said "Login '
            r'incorrect"; check the password against '
            r'KILN_TARGET_GENERIC_ROOT_PASSWD', 'a wrong password')
b.close()

b = fake('nopwgiven', '--password', 'right', *N)
b.boot(10)
e = error_of(lambda: b.login())
check_error(e, 'nopwgiven', r"the board asks for root's password, and none "
            r"was given", 'a password prompt and no password')
b.close()

b = fake('cmdhang', *N)
b.boot(10)
b.login()
e = error_of(lambda: b.run('echo started; sleep 30', timeout=1))
check_error(e, 'cmdhang', r"nothing within 1 s while running 'echo started; "
            r"sleep 30' \(waiting for it to finish\)", 'a command that hangs',
            r'started')
b.close()

b = fake('offhang', '--poweroff-hang', *N)
b.boot(10)
b.login()
e = error_of(lambda: b.poweroff(2))
check_error(e, 'offhang', r"the board did not exit within 2 s of 'poweroff' "
            r"\(killed it\)", 'a power-off that hangs', r'reboot: Power down')
tap.ok(not b.child.isalive(), 'a power-off that hangs: the board is killed')
b.close()

with fake('offstatus', '--exit-status', '3') as b:
    b.boot(10)
    b.login()
    tap.is_(b.poweroff(10), 3, "poweroff() returns the board's exit status")

b = fake('early', '--noise', '1')
e = error_of(lambda: b.run('true'))
tap.like(str(e), r'run\(.true.\) before a successful login\(\)',
         'run() before login(): BoardError')
b.close()

os.environ['KILN_RUNTIME_TIMEOUT_SCALE'] = 'slow'
e = error_of(lambda: fake('scale'))
tap.like(str(e), r"KILN_RUNTIME_TIMEOUT_SCALE='slow' is not a positive "
         r"number", 'a bad KILN_RUNTIME_TIMEOUT_SCALE: BoardError')
os.environ['KILN_RUNTIME_TIMEOUT_SCALE'] = '0.1'
b = fake('scaled', '--no-login', '--noise', '1')
e = error_of(lambda: b.boot(20))
tap.like(str(e), r'nothing within 2 s while waiting for the login prompt',
         'KILN_RUNTIME_TIMEOUT_SCALE scales the timeouts')
b.close()
del os.environ['KILN_RUNTIME_TIMEOUT_SCALE']

# -- the command line ---------------------------------------------------
cli = [sys.executable, os.path.join(INFRA, 'kiln_runtime.py')]
log = os.path.join(S, 'cli.log')
r = subprocess.run(cli + ['--images', images, '--log', log,
                          '--start-arg=--ext4', '--run', 'echo hello',
                          '--run', 'false'],
                   capture_output=True, text=True)
lines = re.findall(r'^(?:hello|\[exit \d\]|\$ .*)$', r.stdout, re.M)
tap.is_((r.returncode, lines),
        (1, ['$ echo hello', 'hello', '[exit 0]', '$ false', '[exit 1]']),
        'kiln_runtime.py --run: each output and status; exit 1 if one failed')
tap.like(r.stdout, r'powered off, exit status 0', 'kiln_runtime.py powers off')
r = subprocess.run(cli + ['--images', images, '--log', log, '--run', 'true'],
                   capture_output=True, text=True)
tap.is_(r.returncode, 0, 'kiln_runtime.py: exit 0 when all went well')
r = subprocess.run(cli + ['--images', S], capture_output=True, text=True)
tap.ok(r.returncode == 1 and 'start-qemu.sh does not exist' in r.stderr,
       'kiln_runtime.py without an image: exit 1 with the error', r.stderr)
r = subprocess.run(cli + ['--run', 'true'], capture_output=True, text=True)
tap.ok(r.returncode == 2 and '--images' in r.stderr,
       'kiln_runtime.py without --images: usage error, exit 2', r.stderr)
tap.done()
