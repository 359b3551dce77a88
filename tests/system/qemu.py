"""Drive the hypervisor on QEMU's serial console for the system tests.

A Qemu object starts qemu-system-riscv64 on the virt machine (the machine's
own OpenSBI, no -bios) with build/vmm.bin as -kernel, talks to the 8250
console through pexpect and copies the whole session into a log file.
Every wait has a timeout; nothing sleeps for a fixed time.  run() types one
shell line and returns what the shell printed for it, with the echoed line
removed and line ends normalised to "\\n".
"""

import os
import re
import shlex
import termios

import pexpect

PROMPT = "XVisor# "
BOOT_TIMEOUT = float(os.environ.get("SYSTEST_BOOT_TIMEOUT", "60"))
CMD_TIMEOUT = float(os.environ.get("SYSTEST_CMD_TIMEOUT", "15"))
QEMU_BIN = os.environ.get("QEMU", "qemu-system-riscv64")
BANNER_RE = re.compile(r"^Xvisor v\S+ \(.+\)$", re.M)

# Terminal keys, as the line editor receives them over the UART.
KEY_UP = "\x1b[A"
KEY_DOWN = "\x1b[B"
KEY_RIGHT = "\x1b[C"
KEY_LEFT = "\x1b[D"
KEY_HOME = "\x1b[H"
KEY_END = "\x1b[F"
KEY_DELETE = "\x1b[3~"
KEY_BACKSPACE = "\x08"
KEY_DEL = "\x7f"


def normalise(text):
    """Console text with CR LF (and stray CR) turned into LF."""
    return re.sub(r"\r+\n", "\n", text).replace("\r", "")


def raw_output():
    """In the QEMU child: no LF -> CR LF translation on its terminal, so
    the console bytes reach the test as the hypervisor sent them."""
    attrs = termios.tcgetattr(0)
    attrs[1] &= ~termios.ONLCR
    termios.tcsetattr(0, termios.TCSANOW, attrs)


def render_line(echo):
    """What a terminal shows after receiving a line editor's echo: printable
    characters overwrite at the cursor, BS moves left, ESC[<n>C / ESC[<n>D
    move, ESC[K erases to the end.  Returns the visible line, right-stripped."""
    cells, cur, i = [], 0, 0
    while i < len(echo):
        m = re.match(r"\x1b\[(\d*)([CDK])", echo[i:])
        if m:
            n = int(m.group(1) or 1)
            if m.group(2) == "C":
                cur += n
            elif m.group(2) == "D":
                cur = max(0, cur - n)
            else:
                del cells[cur:]
            i += m.end()
            continue
        c = echo[i]
        if c == "\b":
            cur = max(0, cur - 1)
        elif " " <= c <= "~":
            cells.extend(" " * (cur + 1 - len(cells)))
            cells[cur] = c
            cur += 1
        i += 1
    return "".join(cells).rstrip()


class QemuError(AssertionError):
    """The console did not show what a test waited for."""


class Qemu:
    """One QEMU run of the hypervisor, with its console."""

    def __init__(self, log_path, machine="virt", smp=1, memory="512M",
                 cpu=None, initrd=None, append=None, kernel="build/vmm.bin",
                 extra=()):
        self.args = ["-M", machine, "-m", memory, "-smp", str(smp),
                     "-nographic", "-kernel", kernel]
        if cpu:
            self.args += ["-cpu", cpu]
        if initrd:
            self.args += ["-initrd", initrd]
        if append is not None:
            self.args += ["-append", append]
        self.args += list(extra)
        self.log_path = log_path
        self.log = None
        self.child = None
        self.boot_log = ""

    def start(self, wait_prompt=True, timeout=BOOT_TIMEOUT, command=None, cwd=None, env=None):
        """Start QEMU, or `command` (an argv whose run ends in QEMU, such as
        make run) in cwd with env; unless told not to, wait for the first
        prompt and return the console text before it (also kept as
        boot_log)."""
        argv = command or [QEMU_BIN] + self.args
        os.makedirs(os.path.dirname(self.log_path) or ".", exist_ok=True)
        self.log = open(self.log_path, "a", encoding="utf-8", errors="replace")
        self.mark("$ " + " ".join(shlex.quote(a) for a in argv))
        self.child = pexpect.spawn(argv[0], argv[1:], cwd=cwd, env=env, encoding="utf-8",
                                   codec_errors="replace", timeout=timeout,
                                   echo=False, preexec_fn=raw_output)
        self.child.logfile_read = self.log
        if wait_prompt:
            self.boot_log = self.wait_prompt(timeout)
        return self.boot_log

    def mark(self, text):
        """Write a note (not console output) into the session log."""
        if self.log:
            self.log.write("\n##### %s\n" % text)
            self.log.flush()

    def alive(self):
        return self.child is not None and self.child.isalive()

    def expect(self, patterns, timeout=CMD_TIMEOUT):
        """pexpect.expect with a timeout; EOF or timeout raise QemuError
        showing the tail of the console.  Returns the index matched."""
        try:
            return self.child.expect(patterns, timeout=timeout)
        except pexpect.TIMEOUT:
            raise QemuError("timeout (%ss) waiting for %r; console tail:\n%s"
                            % (timeout, patterns, self.tail())) from None
        except pexpect.EOF:
            raise QemuError("QEMU exited while waiting for %r; console tail:\n%s"
                            % (patterns, self.tail())) from None

    def expect_exact(self, text, timeout=CMD_TIMEOUT):
        """Wait for text (literal); return the console text before it."""
        try:
            self.child.expect_exact(text, timeout=timeout)
        except pexpect.TIMEOUT:
            raise QemuError("timeout (%ss) waiting for %r; console tail:\n%s"
                            % (timeout, text, self.tail())) from None
        except pexpect.EOF:
            raise QemuError("QEMU exited while waiting for %r; console tail:\n%s"
                            % (text, self.tail())) from None
        return self.child.before

    def tail(self, n=1500):
        buf = self.child.before if isinstance(self.child.before, str) else ""
        return (buf + (self.child.buffer or ""))[-n:]

    def wait_prompt(self, timeout=CMD_TIMEOUT):
        """Wait for the next prompt; return the raw text before it."""
        return self.expect_exact(PROMPT, timeout)

    def send(self, keys):
        """Type raw keys (no line end added)."""
        self.child.send(keys)

    def type_line(self, keys, timeout=CMD_TIMEOUT):
        """Type keys and CR, wait for the prompt and return the raw console
        text in between (the editor's echo followed by the output)."""
        self.send(keys + "\r")
        return self.wait_prompt(timeout)

    def edit(self, keys, timeout=CMD_TIMEOUT):
        """Type keys and CR; return (the line as the terminal shows it after
        the editor's echo, the normalised output of the command)."""
        raw = self.type_line(keys, timeout)
        echo, sep, out = raw.partition("\r\n")
        if not sep:
            raise QemuError("no end of the echoed line in %r" % raw)
        return render_line(echo), normalise(out)

    def run_keys(self, keys, timeout=CMD_TIMEOUT):
        """Like edit(), but return only the command's output."""
        return self.edit(keys, timeout)[1]

    def run(self, cmd, timeout=CMD_TIMEOUT):
        """Run one shell line of plain printable text; check that it was
        echoed as typed and return its output (LF line ends)."""
        raw = self.type_line(cmd, timeout)
        echo, sep, out = raw.partition("\r\n")
        if echo != cmd or not sep:
            raise QemuError("echo of %r was %r" % (cmd, raw[:len(cmd) + 40]))
        return normalise(out)

    def wait_exit(self, timeout=CMD_TIMEOUT):
        """Wait for QEMU to exit by itself; return its exit status."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            raise QemuError("QEMU still running after %ss; console tail:\n%s"
                            % (timeout, self.tail())) from None
        self.child.close()
        return self.child.exitstatus

    def close(self):
        """Stop QEMU (if still running) and close the log."""
        if self.child is not None:
            if self.child.isalive():
                self.child.terminate(force=True)
            self.child.close(force=True)
        if self.log:
            self.mark("end of session")
            self.log.close()
            self.log = None
