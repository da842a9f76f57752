#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""kiln_runtime: boot a Kiln image, log in on its serial console, run
commands, power it off (docs/testing.md, section Runtime tests).

    from kiln_runtime import Board, BoardError, Tap
    with Board(images_dir, log_path, args=['--ext4']) as board:
        board.boot()                      # waits for "<hostname> login:"
        board.login('secret')             # root; '' or None: no password
        out, status = board.run('uname -m')
        status = board.poweroff()         # qemu's exit status

The board is started with IMAGES/start-qemu.sh ARGS (or `command`, a
whole argv, e.g. support/testing/infra/fake-console) on a pseudo
terminal. Everything it prints goes to log_path. Every failure raises
BoardError, whose message says what went wrong, names the log and ends
with the console's last 50 lines.

As a program, it boots an image, runs commands and powers it off:

    kiln_runtime.py --images DIR [--log FILE] [--password PW]
        [--start-arg ARG]... [--boot-timeout S] [--timeout S] [--run CMD]...

Each command's output is printed, then "[exit N]". Exit status 0 when
every command and the power-off exited 0, 1 otherwise, 2 on a usage
error.
"""

import argparse
import os
import re
import secrets
import shutil
import sys
import tempfile
import time

try:
    import pexpect
except ImportError:  # reported by Board(), with what to install
    pexpect = None

TAIL_LINES = 50
LOGIN_RE = r'(\S+) login: ?'
PASSWORD_RE = r'[Pp]assword: ?'
INCORRECT_RE = r'Login incorrect'
# A shell's prompt, a guess only: the real synchronisation is the
# unique PS1 that login() sets.
PROMPT_GUESS_RE = r'[#$] $'


def timeout_scale():
    """KILN_RUNTIME_TIMEOUT_SCALE multiplies every timeout (slow machines)."""
    value = os.environ.get('KILN_RUNTIME_TIMEOUT_SCALE', '1')
    try:
        scale = float(value)
    except ValueError:
        scale = 0
    if scale <= 0:
        raise BoardError('KILN_RUNTIME_TIMEOUT_SCALE=%r is not a positive '
                         'number; set it to e.g. 2 on a slow machine, or '
                         'unset it' % value)
    return scale


class BoardError(Exception):
    """A board did not do what was asked. str() is the whole report:
    what happened, the full log's path, the last 50 console lines.
    Attributes: reason, log_path, tail (list of lines)."""

    def __init__(self, reason, log_path=None, tail=None):
        self.reason = reason
        self.log_path = log_path
        self.tail = tail or []
        msg = 'kiln_runtime: ' + reason
        if log_path:
            msg += '\nkiln_runtime: full console log: %s' % log_path
            if self.tail:
                msg += ('\nkiln_runtime: last %d lines of the console:\n'
                        % len(self.tail))
                msg += '\n'.join('  | ' + line for line in self.tail)
            else:
                msg += '\nkiln_runtime: the console printed nothing'
        super().__init__(msg)


def printable(line):
    """A console line with control characters shown as \\xNN."""
    return ''.join(c if c == '\t' or (c.isprintable()) else
                   '\\x%02x' % ord(c) if ord(c) < 256 else '?'
                   for c in line)


def log_tail(log_path, count=TAIL_LINES):
    """The last `count` lines of a console log, made printable."""
    try:
        with open(log_path, 'rb') as f:
            data = f.read()
    except OSError:
        return []
    text = data.decode('utf-8', 'replace').replace('\r\n', '\n')
    lines = [line.rstrip('\r').split('\r')[-1] for line in text.split('\n')]
    if lines and lines[-1] == '':
        lines.pop()
    return [printable(line) for line in lines[-count:]]


class Board:
    """One boot of an image, driven through its serial console.

    Board(images_dir, log_path, args=(), command=None, timeout=30,
          boot_timeout=180, env=None)
      images_dir: the build's output/images (holds start-qemu.sh);
      log_path: the console log, written from the start, kept;
      args: arguments of start-qemu.sh (e.g. ['--initramfs']);
      command: a whole argv instead of images_dir/start-qemu.sh + args;
      timeout: default seconds for login(), run();
      boot_timeout: default seconds for boot().
    Timeouts are multiplied by $KILN_RUNTIME_TIMEOUT_SCALE (default 1).
    """

    def __init__(self, images_dir, log_path, args=(), command=None,
                 timeout=30, boot_timeout=180, env=None):
        self.log_path = os.path.abspath(log_path)
        self.scale = timeout_scale()
        self.timeout = timeout
        self.boot_timeout = boot_timeout
        self.env = env
        if pexpect is None:
            raise BoardError('python3-pexpect is not installed: install the '
                             'Debian package python3-pexpect (utils/setup-host'
                             ' --tests does)')
        if command is None:
            if images_dir is None:
                raise BoardError('Board() needs images_dir or command')
            start = os.path.join(images_dir, 'start-qemu.sh')
            if not os.access(start, os.X_OK):
                raise BoardError('%s does not exist or is not executable: '
                                 'build a board defconfig (make '
                                 'qemu_<arch>_..._defconfig; make) and pass '
                                 'its output/images' % start)
            command = [start] + list(args)
        self.command = list(command)
        self.child = None
        self.hostname = None
        self.qemu_command = None
        self.boot_seconds = None
        self.login_seconds = None
        self.password_prompted = None
        self.token = secrets.token_hex(4)
        self.prompt = 'KILN-%s# ' % self.token
        self.count = 0
        self.logged_in = False
        self.exit_status = None
        self.log = None
        self.start_time = None

    # -- plumbing --------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _t(self, timeout, default):
        return (default if timeout is None else timeout) * self.scale

    def fail(self, reason):
        """Raises BoardError for `reason` with the log's tail."""
        if self.log:
            self.log.flush()
        raise BoardError(reason, self.log_path, log_tail(self.log_path))

    def close(self):
        """Stops the board if it still runs (SIGTERM, then SIGKILL) and
        closes the log. Safe to call more than once."""
        if self.child is not None and self.child.isalive():
            self.child.terminate(force=True)
        if self.child is not None:
            try:
                self.child.close(force=True)
            except Exception:
                pass
        if self.log and not self.log.closed:
            self.log.close()

    def _status(self):
        """The exit status of an ended child: N, or -SIG if killed."""
        self.child.close()
        if self.child.signalstatus is not None:
            return -self.child.signalstatus
        return self.child.exitstatus

    def _expect(self, patterns, timeout, what):
        """expect() with EOF and TIMEOUT turned into BoardError."""
        try:
            return self.child.expect(list(patterns), timeout=timeout)
        except pexpect.EOF:
            status = self._status()
            self.exit_status = status
            self.fail('the board exited (status %s) while %s'
                      % (status, what))
        except pexpect.TIMEOUT:
            self.fail('nothing within %g s while %s' % (timeout, what))

    # -- the API ---------------------------------------------------------

    def boot(self, timeout=None):
        """Starts the board and waits for "<hostname> login:". Sets
        hostname, boot_seconds and qemu_command (the "start-qemu.sh: "
        line, if printed)."""
        timeout = self._t(timeout, self.boot_timeout)
        d = os.path.dirname(self.log_path)
        if d:
            os.makedirs(d, exist_ok=True)
        self.log = open(self.log_path, 'wb')
        start = self.start_time = time.monotonic()
        try:
            self.child = pexpect.spawn(
                self.command[0], self.command[1:], env=self.env,
                timeout=timeout, maxread=4096, searchwindowsize=None,
                dimensions=(24, 200))
        except pexpect.ExceptionPexpect as e:
            self.fail('cannot start %s: %s' % (self.command[0], e))
        self.child.logfile_read = self.log
        self._expect([LOGIN_RE], timeout,
                     'waiting for the login prompt (<hostname> login:) '
                     'after starting %s; check the kernel command line '
                     '(console=), the console getty and the boot '
                     'messages below' % ' '.join(self.command))
        self.boot_seconds = time.monotonic() - start
        self.hostname = self.child.match.group(1).decode('utf-8', 'replace')
        m = re.search(rb'start-qemu\.sh: ([^\r\n]*)', self.child.before)
        if m:
            self.qemu_command = m.group(1).decode('utf-8', 'replace')
        return self.boot_seconds

    def login(self, password=None, user='root', timeout=None,
              quiet_kernel=True):
        """Logs in as `user` at the login prompt boot() saw. A password
        prompt gets `password` (a prompt with password None is an
        error); no prompt is fine. Then sets a unique PS1 and waits for
        it: from here on run() is in sync. With quiet_kernel, runs
        "dmesg -n 1" so kernel messages do not mix with command output.
        Sets password_prompted and login_seconds (from the start)."""
        if self.child is None:
            self.fail('login() before boot()')
        timeout = self._t(timeout, self.timeout)
        self.child.sendline(user)
        what = 'logging in as %s' % user
        # A prompt that does not end in "# " or "$ " costs the timeout
        # (TIMEOUT is then taken as a shell), not a failure.
        i = self._expect([PASSWORD_RE, INCORRECT_RE, PROMPT_GUESS_RE,
                          pexpect.TIMEOUT],
                         timeout, what + ' (after the user name)')
        self.password_prompted = i == 0
        if i == 0:
            if password is None:
                self.fail('the board asks for %s\'s password, and none was '
                          'given: pass the password '
                          '(KILN_TARGET_GENERIC_ROOT_PASSWD of the '
                          'configuration)' % user)
            self.child.sendline(password)
            i = self._expect([INCORRECT_RE, PROMPT_GUESS_RE, pexpect.TIMEOUT],
                             timeout, what + ' (after the password)') + 1
        if i == 1:
            self.fail('login as %s failed: the board said "Login '
                      'incorrect"; check the password against '
                      'KILN_TARGET_GENERIC_ROOT_PASSWD of the '
                      'configuration' % user)
        # The echo of this line shows 'K''ILN-...', never the prompt.
        self.child.sendline("PS1='K''ILN-%s# '; PS2=''; export PS1 PS2"
                            % self.token)
        self._expect([re.escape(self.prompt)], timeout,
                     'waiting for the shell to take the prompt %r (no '
                     'shell after login?)' % self.prompt)
        self.logged_in = True
        if quiet_kernel:
            self.run('dmesg -n 1 2>/dev/null || true', timeout)
        self.login_seconds = time.monotonic() - self.start_time
        return self.password_prompted

    def run(self, cmd, timeout=None):
        """Runs `cmd` (a shell command line) in the logged-in shell.
        Returns (output, status): the output with "\\r\\n" made "\\n"
        and trailing newlines removed, and the exit status. The command
        must not read its standard input."""
        if not self.logged_in:
            self.fail('run(%r) before a successful login()' % cmd)
        timeout = self._t(timeout, self.timeout)
        self.count += 1
        n = self.count
        start = 'KILN-%s-S%d' % (self.token, n)
        end = 'KILN-%s-E%d-' % (self.token, n)
        # One line, so that no prompt comes between the markers; eval,
        # so that a syntax error in cmd is a status like any other
        # ("command" keeps an interactive shell from dropping the line).
        # The markers are split by '' in the line sent, so its echo
        # (even wrapped by line editing) never matches them.
        quoted = "'" + cmd.replace("'", "'\\''") + "'"
        line = ("echo '%s''%s'; command eval %s; "
                "printf '\\n%%s%%s\\n' '%s''%s' \"$?\""
                % (start[:-1], start[-1], quoted, end[:-1], end[-1]))
        self.child.send(line + '\n')
        what = 'running %r' % cmd
        # qemu's serial console on a pty can give "\r\r\n" for "\n".
        self._expect([re.escape(start) + r'\r*\n'], timeout,
                     what + ' (waiting for its start marker)')
        self._expect([r'\r*\n' + re.escape(end) + r'(\d+)\r*\n'], timeout,
                     what + ' (waiting for it to finish)')
        status = int(self.child.match.group(1))
        out = self.child.before.decode('utf-8', 'replace')
        self._expect([re.escape(self.prompt)], timeout,
                     what + ' (waiting for the prompt after it)')
        out = re.sub(r'\r+\n', '\n', out).replace('\r', '')
        return out.rstrip('\n'), status

    def poweroff(self, timeout=30, cmd='poweroff'):
        """Runs `cmd` and waits for the board's end. Returns its exit
        status (qemu's: 0 after a clean power-off; -SIG if killed). A
        board still running after `timeout` s is killed and reported."""
        if self.child is None:
            self.fail('poweroff() before boot()')
        timeout = self._t(timeout, 30)
        self.child.sendline(cmd)
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            self.child.terminate(force=True)
            self.fail('the board did not exit within %g s of %r (killed '
                      'it); check that the kernel can power off (qemu '
                      'runs with -no-reboot) and the last lines below'
                      % (timeout, cmd))
        self.logged_in = False
        self.exit_status = self._status()
        self.log.flush()
        return self.exit_status


class Tap:
    """TAP for runtime tests written in Python, like lib.sh's helpers.

    tap = Tap(plan)      # prints 1..plan; tap.scratch: a private
                         # directory, removed at exit
    tap.ok(cond, desc, *diag)   tap.is_(got, want, desc)
    tap.like(text, regex, desc) tap.skip(count, reason)
    tap.diag(text)              tap.done()  (exits 0 or 1)
    """

    def __init__(self, plan=None):
        self.count = 0
        self.failed = 0
        self.scratch = tempfile.mkdtemp(
            prefix='kiln-test.', dir=os.environ.get('TMPDIR') or '/tmp')
        if plan is not None:
            print('1..%d' % plan, flush=True)

    def diag(self, text):
        for line in str(text).split('\n'):
            print('#   ' + line, flush=True)

    def ok(self, cond, desc, *diag):
        self.count += 1
        if cond:
            print('ok %d - %s' % (self.count, desc), flush=True)
        else:
            self.failed += 1
            print('not ok %d - %s' % (self.count, desc), flush=True)
            for d in diag:
                self.diag(d)
        return bool(cond)

    def is_(self, got, want, desc):
        return self.ok(got == want, desc, 'got:  %r' % (got,),
                       'want: %r' % (want,))

    def like(self, text, regex, desc):
        return self.ok(re.search(regex, text or '', re.M), desc,
                       'no line matches: %s' % regex,
                       'in: %s' % '\n'.join(str(text).split('\n')[-8:]))

    def skip(self, count, reason):
        for _ in range(count):
            self.count += 1
            print('ok %d # skip %s' % (self.count, reason), flush=True)

    def done(self):
        """Prints the summary, removes scratch, exits 1 if a test failed."""
        print('# %d passed, %d failed' % (self.count - self.failed,
                                          self.failed), flush=True)
        shutil.rmtree(self.scratch, ignore_errors=True)
        sys.exit(1 if self.failed else 0)


def main(argv=None):
    p = argparse.ArgumentParser(
        prog='kiln_runtime.py',
        description='Boot a Kiln image (IMAGES/start-qemu.sh), log in as '
        'root, run commands, power it off.')
    p.add_argument('--images', required=True, help='output/images')
    p.add_argument('--log', help='console log (default: a temporary file, '
                   'kept and named on failure)')
    p.add_argument('--password', default=None,
                   help='root password (default: none)')
    p.add_argument('--start-arg', action='append', default=[],
                   metavar='ARG', help='an argument of start-qemu.sh, e.g. '
                   '--start-arg=--initramfs (repeatable)')
    p.add_argument('--boot-timeout', type=float, default=180)
    p.add_argument('--timeout', type=float, default=30)
    p.add_argument('--run', action='append', default=[], metavar='CMD',
                   help='a command to run (repeatable)')
    args = p.parse_args(argv)
    log = args.log
    if log is None:
        fd, log = tempfile.mkstemp(prefix='kiln-console.', suffix='.log')
        os.close(fd)
    worst = 0
    try:
        with Board(args.images, log, args=args.start_arg,
                   timeout=args.timeout,
                   boot_timeout=args.boot_timeout) as board:
            board.boot()
            print('booted to "%s login:" in %.1f s'
                  % (board.hostname, board.boot_seconds))
            board.login(args.password)
            for cmd in args.run:
                out, status = board.run(cmd)
                print('$ ' + cmd)
                if out:
                    print(out)
                print('[exit %d]' % status, flush=True)
                worst = worst or status
            status = board.poweroff()
            print('powered off, exit status %s' % status)
            worst = worst or status
    except BoardError as e:
        print(e, file=sys.stderr)
        return 1
    if args.log is None and worst == 0:
        os.unlink(log)
    elif args.log is None:
        print('console log: %s' % log)
    return 1 if worst else 0


if __name__ == '__main__':
    sys.exit(main())
