"""pytest fixtures for the QEMU system tests.

`boot` starts a fresh QEMU per call (machine variants, reset, shutdown);
`shell` is one boot of the default machine (virt with PLIC, one hart)
shared by a whole test module and resynchronised before each test, so a
test that leaves a half-typed line or kills QEMU does not break the next.
Every console session is logged under build/test-logs/.  Options:
--kernel picks the image; markers `variant` (one boot per machine variant)
and `shell` (shared boot) select subsets, e.g. `-m "not variant"`.
A run in which nothing passed is reported as a failure.
"""

import itertools
import os
import re

import pytest

from qemu import Qemu, QemuError

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOG_DIR = os.path.join(ROOT, "build", "test-logs")


def pytest_addoption(parser):
    parser.addoption("--kernel", default=os.path.join(ROOT, "build", "vmm.bin"),
                     help="hypervisor image given to QEMU as -kernel")


def pytest_configure(config):
    config.addinivalue_line("markers", "variant: boots its own QEMU machine variant")
    config.addinivalue_line("markers", "shell: runs on the shared default boot")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if "shell" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shell)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = len(reporter.stats.get("passed", [])) if reporter else 1
    if exitstatus == 0 and passed == 0:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


def log_file(name):
    """A fresh log path under build/test-logs for a test node name."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")
    path = os.path.join(LOG_DIR, safe + ".log")
    if os.path.exists(path):
        os.remove(path)
    return path


@pytest.fixture
def kernel(request):
    path = request.config.getoption("--kernel")
    if not os.path.isfile(path):
        pytest.fail("%s not found: run make first" % path)
    return path


@pytest.fixture
def boot(request, kernel):
    """boot(**qemu_args, wait_prompt=True) -> started Qemu (stopped after the
    test); logs go to build/test-logs/<test>[-N].log."""
    started = []
    counter = itertools.count()

    def start(wait_prompt=True, **kw):
        n = next(counter)
        name = request.node.name + ("-%d" % n if n else "")
        kw.setdefault("kernel", kernel)
        q = Qemu(log_file(name), **kw)
        started.append(q)
        q.start(wait_prompt=wait_prompt)
        return q

    yield start
    for q in started:
        q.close()


class SharedShell:
    """A default-machine boot shared by tests, restarted if it died."""

    def __init__(self, name, kernel):
        self.log_path = log_file(name)
        self.kernel = kernel
        self.qemu = None
        self.syncs = itertools.count()
        self.restart()

    def restart(self):
        if self.qemu:
            self.qemu.close()
        self.qemu = Qemu(self.log_path, kernel=self.kernel)
        self.qemu.start()

    def sync(self, test_name):
        """Get back to an empty line at a fresh prompt; reboot if the
        shell does not answer (a previous test hung or killed it)."""
        if not self.qemu.alive():
            self.restart()
        self.qemu.mark("test " + test_name)
        try:
            self.echo_tag()
        except QemuError:
            self.restart()
            self.echo_tag()

    def echo_tag(self):
        tag = "sync-%d" % next(self.syncs)
        self.qemu.send("\r")
        self.qemu.send("echo " + tag + "\r")
        self.qemu.expect_exact(tag + "\r\n" + "XVisor# ", timeout=10)


@pytest.fixture(scope="module")
def shared_shell(request):
    path = request.config.getoption("--kernel")
    if not os.path.isfile(path):
        pytest.fail("%s not found: run make first" % path)
    s = SharedShell(request.module.__name__, path)
    yield s
    s.qemu.close()


@pytest.fixture
def shell(shared_shell, request):
    """The shared default boot (virt, PLIC, 1 hart) at a fresh prompt."""
    shared_shell.sync(request.node.name)
    return shared_shell.qemu
