"""Wall-clock time on QEMU virt: the goldfish RTC at 0x101000 sets the
wall clock at boot (QEMU's RTC follows the host clock, so the time shown
must be close to this machine's), the `wallclock` and `rtcdev` commands,
and the guest side: the demo guest's basic firmware reads its goldfish
RTC and sees the host's time too.
"""

import calendar
import os
import re
import time

from conftest import ROOT, need_file

TOLERANCE_S = 300
TIME_RE = re.compile(r"^(\w{3}) (\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) UTC([+-]\d+:\d\d)? (\d+)$",
                     re.M)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DISK = os.path.join(ROOT, "build", "disk.img")
DEMO_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript"'


def parse_time(out):
    """(UTC epoch seconds, timezone minutes) of a printed time, checking
    that its weekday matches the date."""
    m = TIME_RE.search(out)
    assert m, "no time in %r" % out
    wday, mon, mday, hh, mm, ss, tz, year = m.groups()
    local = calendar.timegm((int(year), MONTHS.index(mon) + 1, int(mday),
                             int(hh), int(mm), int(ss)))
    assert DAYS[time.gmtime(local).tm_wday] == wday, out
    tz_min = 0
    if tz:
        h, mi = tz[1:].split(":")
        tz_min = (int(h) * 60 + int(mi)) * (-1 if tz[0] == "-" else 1)
    return local - tz_min * 60, tz_min


def assert_near_now(secs):
    assert abs(secs - time.time()) < TOLERANCE_S, \
        "%s is not near the host's %s" % (time.ctime(secs), time.ctime())


def test_boot_syncs_wallclock(shell):
    out = shell.run("wallclock get_time")
    secs, tz = parse_time(out)
    assert tz == 0
    assert_near_now(secs)


def test_rtcdev_list_and_get_time(shell):
    assert "rtc@101000: /soc/rtc@101000\n" in shell.run("rtcdev list")
    for name in ("rtc@101000", "/soc/rtc@101000"):
        assert_near_now(parse_time(shell.run("rtcdev get_time " + name))[0])
    out = shell.run("rtcdev get_time rtc@0")
    assert "Error: cannot find rtc rtc@0" in out
    assert "Error: command rtcdev failed (code -19)" in out


def test_timezone(shell):
    try:
        assert shell.run("wallclock set_timezone +05:30") == ""
        assert shell.run("wallclock get_timezone") == "UTC+5:30\n"
        out = shell.run("wallclock get_time")
        assert " UTC+5:30 " in out
        secs, tz = parse_time(out)
        assert tz == 330
        assert_near_now(secs)
        assert "failed (code -22)" in shell.run("wallclock set_timezone +25:00")
        assert shell.run("wallclock get_timezone") == "UTC+5:30\n"
    finally:
        shell.run("wallclock set_timezone +00:00")
    assert shell.run("wallclock get_timezone") == "UTC\n"


def test_set_time_and_resync(shell):
    try:
        assert shell.run("wallclock set_time 10:20:30 29 Feb 2024 -01:00") == ""
        out = shell.run("wallclock get_time")
        assert re.match(r"Thu Feb 29 10:2\d:\d\d UTC-1:00 2024\n", out), out
        assert "Error: invalid date-time" in shell.run("wallclock set_time 10:20:30 29 Feb 2023")
    finally:
        shell.run("wallclock set_timezone 0")
        shell.run("rtcdev sync_wallclock rtc@101000")
    assert_near_now(parse_time(shell.run("wallclock get_time"))[0])


def test_guest_reads_goldfish_rtc(boot):
    """The basic firmware hexdumps its RTC registers: TIME_LOW, TIME_HIGH
    (little endian) are the host's wall clock in ns."""
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=DEMO_BOOTCMD)
    assert "guest0: Created" in q.boot_log
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.send("vserial bind guest0/uart0\r")
    q.expect_exact("basic# ", timeout=30)
    q.send("hexdump 0x10003000 8\r")
    out = q.expect_exact("basic# ")
    m = re.search(r"10003000:((?: [0-9a-f]{2}){8})", out)
    assert m, "no hexdump line in %r" % out
    ns = int.from_bytes(bytes(int(b, 16) for b in m.group(1).split()), "little")
    assert_near_now(ns / 1e9)
