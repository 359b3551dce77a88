"""The shared-boot fixture itself (conftest.py), run on an inner pytest
session: a test that leaves the hypervisor dead (shutdown) or hung (a
shell busy for longer than the check waits) FAILS, and the next test
still gets a working boot."""

import os
import shutil

pytest_plugins = ["pytester"]

HERE = os.path.dirname(os.path.abspath(__file__))

INNER = '''
def test_leaves_it_dead(shell):
    shell.send("shutdown\\r")
    shell.wait_exit(timeout=30)


def test_after_dead(shell):
    assert shell.run("echo alive") == "alive\\n"


def test_leaves_it_hung(shell):
    shell.send("sleep secs 40\\r")


def test_after_hung(shell):
    assert shell.run("echo alive") == "alive\\n"
'''


def test_broken_shared_boot_fails_its_test(pytester, kernel):
    for name in ("conftest.py", "qemu.py"):
        shutil.copy(os.path.join(HERE, name), str(pytester.path))
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_subprocess("-v", "-p", "no:cacheprovider", "--kernel=" + kernel,
                                           str(pytester.path))
    result.stdout.fnmatch_lines([
        "*test_leaves_it_dead FAILED*",
        "*test_after_dead PASSED*",
        "*test_leaves_it_hung FAILED*",
        "*test_after_hung PASSED*",
    ])
    broken = "*the test left the hypervisor broken: "
    result.stdout.fnmatch_lines([broken + "QEMU exited*"])
    result.stdout.fnmatch_lines([broken + "its shell does not answer*"])
    result.assert_outcomes(passed=2, failed=2)
