"""The XVisor# shell over the real UART: each command of the boot milestone
with its output, line editing with terminal escape sequences, history, the
255-character limit, `;` chains, errors, and the boot commands from
vmm.bootcmd.  Most tests share one boot of the default machine (`shell`).
"""

import os
import re
import time

import pytest

from conftest import ROOT
from qemu import (BANNER_RE, KEY_BACKSPACE, KEY_DEL, KEY_DELETE, KEY_DOWN, KEY_END,
                  KEY_HOME, KEY_LEFT, KEY_RIGHT, KEY_UP, normalise)

RULER = "-" * 79


def built_commands():
    """Names of the commands compiled in: VMM_DECLARE_CMD in the sources of
    every object enabled by the objects.mk files and .config."""
    config = {}
    path = os.path.join(ROOT, ".config")
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"(CONFIG_\w+)=(.*)", line)
            if m:
                config[m.group(1)] = m.group(2)
    names = set()
    for dirpath, _, files in os.walk(ROOT):
        if "objects.mk" not in files or "/build" in dirpath or "/tests" in dirpath:
            continue
        for line in open(os.path.join(dirpath, "objects.mk")):
            m = re.match(r"\s*vmm-objs-(y|\$\((CONFIG_\w+)\))\s*\+=\s*(.*)", line)
            if not m or (m.group(2) and config.get(m.group(2)) != "y"):
                continue
            for obj in m.group(3).split():
                src = os.path.join(ROOT, obj[:-2] + ".c")
                if os.path.exists(src):
                    text = open(src).read()
                    names.update(re.findall(r'VMM_CMD\(\s*\w+\s*\)\s*=\s*\{\s*\.name\s*=\s*"([^"]+)"',
                                            text))
    assert "help" in names and "echo" in names, "no VMM_CMD registrations found"
    return sorted(names)


COMMANDS = built_commands()


def row(table, first):
    """Columns of the table row whose first column is `first`."""
    for line in table.split("\n"):
        cols = line.split()
        if cols and cols[0] == first:
            return cols
    raise AssertionError("no row %r in:\n%s" % (first, table))


def kv(out, name):
    m = re.search(r"^\s*%s\s*: (.*)$" % re.escape(name), out, re.M)
    assert m, "no %r line in:\n%s" % (name, out)
    return m.group(1).strip()


# --- help and simple commands -------------------------------------------

def test_help_lists_every_command(shell):
    assert "help" in COMMANDS and "echo" in COMMANDS
    lines = shell.run("help").rstrip("\n").split("\n")
    names = []
    for line in lines:
        m = re.fullmatch(r"(\S+) *  - (\S.*)", line)
        assert m, "bad help line %r" % line
        name = m.group(1)
        assert line.startswith("%-12s - " % name), "not '%%-12s - desc': %r" % line
        names.append(name)
    assert names == sorted(names)
    assert names == COMMANDS


@pytest.mark.parametrize("cmd", COMMANDS)
def test_help_cmd_shows_usage(shell, cmd):
    out = shell.run("help " + cmd)
    first, _, rest = out.partition("\n")
    assert re.fullmatch(r"%-12s - \S.*" % re.escape(cmd), first), first
    assert rest.startswith("Usage:"), out
    assert cmd in rest


@pytest.mark.parametrize("cmd", [c for c in COMMANDS if c != "echo"])
def test_cmd_help_succeeds(shell, cmd):
    """`<cmd> help` prints the usage and succeeds, so a `;` chain goes on."""
    out = shell.run("%s help; echo reached" % cmd)
    assert "Usage:" in out and "   %s " % cmd in out, out
    assert out.endswith("reached\n"), out
    assert "Error:" not in out


def test_help_unknown_name_fails(shell):
    out = shell.run("help echo nosuchcmd; echo not-reached")
    assert out.startswith("echo         - ")
    assert "help: unknown command nosuchcmd\n" in out
    assert out.endswith("Error: command help failed (code -2)\n")
    assert "not-reached" not in out


def test_version_prints_banner(shell):
    out = shell.run("version")
    assert BANNER_RE.fullmatch(out.rstrip("\n")), out
    assert out.count("\n") == 1


def test_echo_joins_words(shell):
    assert shell.run("echo hello") == "hello\n"
    assert shell.run("echo  a  b   c  ") == "a b c\n"
    # The editor ignores control keys such as TAB.
    assert shell.run_keys("echo a\tb") == "ab\n"
    assert shell.run("echo") == "\n"


@pytest.mark.parametrize("unit,n,low", [("secs", 1, 1.0), ("msecs", 700, 0.7)])
def test_sleep(shell, unit, n, low):
    t0 = time.monotonic()
    assert shell.run("sleep %s %d" % (unit, n), timeout=20) == ""
    took = time.monotonic() - t0
    assert low <= took < low + 5, "sleep %s %d took %.3f s" % (unit, n, took)


def test_sleep_bad_argument(shell):
    out = shell.run("sleep msecs ten")
    assert out.startswith("Usage:")
    assert out.endswith("Error: command sleep failed (code -22)\n")


# --- host information --------------------------------------------------

def test_host_info(shell):
    out = shell.run("host info")
    assert kv(out, "Host Name") == "riscv-virtio,qemu"
    assert kv(out, "Boot CPU Hardware ID") == "0"
    assert kv(out, "Total Online CPUs") == "1"
    assert re.fullmatch(r"[1-9]\d* MB", kv(out, "Total VAPOOL"))
    assert kv(out, "Total RAM") == "512 MB"


def test_host_cpu_info(shell):
    out = shell.run("host cpu info")
    assert out.startswith("CPU0:\n")
    assert kv(out, "Hart ID") == "0"
    assert kv(out, "Online") == "yes"
    assert re.match(r"rv64ima\w*h", kv(out, "ISA (DT)"))
    assert kv(out, "Stage-1 MMU") == "Sv57"
    assert kv(out, "Stage-2 MMU") == "Sv57x4"
    assert 1 <= int(kv(out, "VMID bits")) <= 14
    assert kv(out, "Timer") == "Sstc stimecmp"
    assert kv(out, "Timebase") == "10000000 Hz"


def test_host_cpu_stats(shell):
    lines = shell.run("host cpu stats").rstrip("\n").split("\n")
    assert lines[0].split() == ["CPU", "Online", "Threads", "Idle", "%", "Switches",
                                "IRQs", "IPIs", "Timer"]
    cols = row("\n".join(lines[1:]), "0")
    assert cols[1] == "yes" and len(cols) == 8
    assert all(c.isdigit() for c in cols[2:])
    assert 0 <= int(cols[3]) <= 100
    assert len(lines) == 2


def serial_irqs(shell):
    cols = row(shell.run("host irq stats"), "10")
    assert cols[1:3] == ["serial@10000000", "plic"]
    return int(cols[3])


def test_host_irq_stats_serial_counts_up(shell):
    before = serial_irqs(shell)
    assert shell.run("echo some typing to raise interrupts") != ""
    after = serial_irqs(shell)
    assert after > before, (before, after)
    out = shell.run("host irq stats")
    assert re.search(r"^ CPU0: IPI \d+ \(sbi\), timer \d+$", out, re.M)
    assert re.search(r"^ Spurious: \d+$", out, re.M)


def test_host_ram_info(shell):
    out = shell.run("host ram info")
    m = re.search(r"^Bank 0: start 0x0*80000000, size 524288 KiB, free pages (\d+), "
                  r"used pages (\d+), reserved pages (\d+)$", out, re.M)
    assert m, out
    assert sum(int(x) for x in m.groups()) == 131072
    m = re.search(r"^Total: 131072 pages \(512 MiB\), free (\d+) KiB, used (\d+) KiB, "
                  r"reserved (\d+) KiB$", out, re.M)
    assert m, out
    assert sum(int(x) for x in m.groups()) == 512 * 1024


def test_host_vapool_info(shell):
    out = shell.run("host vapool info")
    assert kv(out, "Mode") == "Sv57"
    assert kv(out, "Size") == kv(shell.run("host info"), "Total VAPOOL")


def test_heap_info(shell):
    out = shell.run("heap info")
    num = {k: int(re.search(r"\((\d+) bytes\)", kv(out, k)).group(1))
           for k in ("Total Size", "Used Size", "Free Size", "Largest Free Block")}
    assert num["Used Size"] + num["Free Size"] == num["Total Size"]
    assert 0 < num["Largest Free Block"] <= num["Free Size"]
    assert int(kv(out, "Errors Detected")) == 0
    assert re.fullmatch(r"0x[0-9a-f]+", kv(out, "Base Address"))


def test_thread_list(shell):
    lines = shell.run("thread list").rstrip("\n").split("\n")
    assert lines[0] == RULER and lines[2] == RULER and lines[-1] == RULER
    assert lines[1].split() == ["ID", "CPU", "Prio", "State", "Name", "Affinity"]
    table = "\n".join(lines[3:-1])
    names = {line.split()[4]: line.split() for line in table.split("\n")}
    assert names["idle/0"][3] == "Ready"
    assert names["mterm"][3] == "Running"
    assert names["mterm"][5] == "{0}"


def test_chardev_list(shell):
    lines = shell.run("chardev list").rstrip("\n").split("\n")
    assert lines[0] == RULER and lines[2] == RULER and lines[-1] == RULER
    assert row("\n".join(lines[3:-1]), "serial@10000000")[1:] == ["irq", "console"]


def test_stdio_device(shell):
    assert shell.run("stdio device") == "serial@10000000\n"


def test_stdio_bad_loglevel_changes_nothing(shell):
    before = shell.run("stdio loglevel")
    out = shell.run("stdio change_loglevel 9")
    assert out == ("Error: log level must be 0..7\n"
                   "Error: command stdio failed (code -22)\n"), out
    assert shell.run("stdio loglevel") == before


# --- errors, chains --------------------------------------------------------

def test_unknown_command(shell):
    assert shell.run("bogus") == "Error: unknown command bogus\n"
    assert shell.run("ECHO hi") == "Error: unknown command ECHO\n"
    assert shell.run("echo still-here") == "still-here\n"


@pytest.mark.parametrize("cmd", [c for c in COMMANDS if c not in ("echo", "help")])
def test_bad_subcommand_prints_usage(shell, cmd):
    out = shell.run("%s no_such_subcommand x; echo not-reached" % cmd)
    assert "Usage:" in out
    assert re.search(r"^Error: command %s failed \(code -\d+\)$" % re.escape(cmd), out, re.M)
    assert "not-reached" not in out
    assert shell.run("echo ok") == "ok\n"


def test_chain_runs_in_order(shell):
    assert shell.run("echo a;echo b ; echo c") == "a\nb\nc\n"
    assert shell.run("; ;echo x;;  ;echo y;") == "x\ny\n"


def test_chain_stops_at_first_failure(shell):
    assert shell.run("echo a; bogus; echo b") == "a\nError: unknown command bogus\n"
    out = shell.run("echo a; sleep badunit 1; echo b")
    assert out.startswith("a\nUsage:")
    assert out.endswith("Error: command sleep failed (code -22)\n")


# --- line editing ------------------------------------------------------------

def check_edit(shell, keys, line, output):
    """Typing keys shows `line` on the terminal and runs it."""
    shown, out = shell.edit(keys)
    assert shown == line, "terminal shows %r, expected %r" % (shown, line)
    assert out == output


def test_backspace_and_del(shell):
    check_edit(shell, "echo abx" + KEY_BACKSPACE + "c", "echo abc", "abc\n")
    check_edit(shell, "echo abxy" + KEY_DEL + KEY_DEL + "cd", "echo abcd", "abcd\n")
    # Nothing to delete at the start of the line.
    check_edit(shell, KEY_BACKSPACE * 3 + "echo z", "echo z", "z\n")


def test_cursor_insertion(shell):
    check_edit(shell, "echo hllo" + KEY_LEFT * 3 + "e", "echo hello", "hello\n")
    check_edit(shell, "echo ad" + KEY_LEFT * 2 + KEY_RIGHT + "bc", "echo abcd", "abcd\n")
    # Right stops at the end, left at the start.
    check_edit(shell, "echo a" + KEY_RIGHT * 3 + "b", "echo ab", "ab\n")
    check_edit(shell, "cho q" + KEY_LEFT * 20 + "e", "echo q", "q\n")
    # Backspace in the middle of the line.
    check_edit(shell, "echo abXc" + KEY_LEFT + KEY_BACKSPACE, "echo abc", "abc\n")


@pytest.mark.parametrize("home,end", [
    (KEY_HOME, KEY_END), ("\x1bOH", "\x1bOF"), ("\x1b[1~", "\x1b[4~"),
])
def test_home_end(shell, home, end):
    check_edit(shell, "cho x" + home + "e" + end + "y", "echo xy", "xy\n")


def test_delete_under_cursor(shell):
    check_edit(shell, "echo abXc" + KEY_LEFT * 2 + KEY_DELETE, "echo abc", "abc\n")
    # At the end of the line there is nothing under the cursor.
    check_edit(shell, "echo ab" + KEY_DELETE, "echo ab", "ab\n")


def test_history_up_down(shell):
    assert shell.run("echo hist-one") == "hist-one\n"
    assert shell.run("echo hist-two") == "hist-two\n"
    assert shell.run_keys(KEY_UP) == "hist-two\n"
    assert shell.run_keys(KEY_UP * 2) == "hist-one\n"
    # hist-one moved to the newest place instead of being stored twice.
    assert shell.run_keys(KEY_UP * 2) == "hist-two\n"
    assert shell.run_keys(KEY_UP * 3 + KEY_DOWN) == "hist-one\n"
    # Down past the newest entry gives back the line being typed.
    check_edit(shell, "echo typed" + KEY_UP + KEY_DOWN, "echo typed", "typed\n")
    # Recalling a shorter line over a longer one leaves no stale characters.
    check_edit(shell, "echo a-much-longer-line" + KEY_UP, "echo typed", "typed\n")


def test_history_skips_empty_lines(shell):
    assert shell.run("echo before-empty") == "before-empty\n"
    assert shell.run("") == ""
    assert shell.run("   ") == ""
    assert shell.run_keys(KEY_UP) == "before-empty\n"


def test_history_holds_ten_entries(shell):
    """After 11 lines the oldest kept is the 10th newest: walking up 11
    times stops at it (a longer history would reach h0, a shorter one would
    stop before h1)."""
    for i in range(11):
        assert shell.run("echo h%d" % i) == "h%d\n" % i
    assert shell.run_keys(KEY_UP * 11) == "h1\n"


def test_line_limit_255(shell):
    check_edit(shell, "echo " + "a" * 300, "echo " + "a" * 250, "a" * 250 + "\n")
    # At the limit, inserting in the middle is refused too.
    check_edit(shell, "echo " + "c" * 250 + KEY_LEFT * 10 + "XY",
               "echo " + "c" * 250, "c" * 250 + "\n")


def test_line_at_limit_is_accepted(shell):
    assert shell.run("echo " + "b" * 250) == "b" * 250 + "\n"


# --- boot commands -------------------------------------------------------------

def test_bootcmd_runs_each_piece(boot):
    q = boot(append='vmm.bootcmd="echo one;bogus;echo two"')
    log = normalise(q.boot_log)
    expected = ("INIT: bootcmd: echo one\none\n"
                "INIT: bootcmd: bogus\nError: unknown command bogus\n"
                "INIT: bootcmd: echo two\ntwo\n\n")
    assert log.endswith(expected), log[-300:]
    assert q.run("echo prompt-works") == "prompt-works\n"
