"""pytest fixtures for the QEMU system tests.

`boot` starts a fresh QEMU per call (machine variants, reset, shutdown);
`shell` is one boot of the default machine (virt with PLIC, one hart)
shared by a whole test module and resynchronised before each test.  A test
on a shared boot that leaves the hypervisor dead or not answering at its
prompt FAILS; only then is the boot restarted, for the next test.
Every console session is logged under build/test-logs/.  Options:
--kernel picks the image; markers `variant` (one boot per machine variant)
and `shell` (shared boot) select subsets, e.g. `-m "not variant"`.
A run in which nothing passed is reported as a failure, and so is a test
whose file (disk image, guest payload) or host tool is missing: need_file()
and need_tool() fail it, they never skip (make check builds the files and
scripts/setup.sh installs the tools).  The only skips left state a limit
of the host, such as a QEMU CPU option it lacks.
"""

import itertools
import os
import re
import shutil

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


# Host tools the tests run, with the Debian package scripts/setup.sh installs.
TOOL_PACKAGES = {"cpio": "cpio", "debugfs": "e2fsprogs", "dtc": "device-tree-compiler",
                 "genext2fs": "genext2fs", "git": "git", "make": "make"}


def need_file(path, how):
    """Fail the test (never skip) when a file it needs is missing; `how`
    says what builds it."""
    if not os.path.isfile(path):
        pytest.fail("%s not found (%s)" % (path, how), pytrace=False)


def need_tool(name):
    """Fail the test (never skip) when a host tool it runs is missing."""
    if not shutil.which(name):
        pytest.fail("host tool %s not installed (Debian package %s; scripts/setup.sh installs it)"
                    % (name, TOOL_PACKAGES[name]), pytrace=False)


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
    """A default-machine boot shared by tests.  Use it through
    shared_session(), which fails a test that leaves it dead or hung and
    restarts it for the next test."""

    def __init__(self, name, kernel):
        self.log_path = log_file(name)
        self.kernel = kernel
        self.qemu = None
        self.broken = False
        self.syncs = itertools.count()
        self.restart()

    def qemu_args(self):
        """Arguments of the Qemu it boots (subclasses add a disk)."""
        return {"kernel": self.kernel}

    def restart(self):
        if self.qemu:
            self.qemu.close()
        self.qemu = Qemu(self.log_path, **self.qemu_args())
        self.qemu.start()
        self.broken = False

    def sync(self, test_name):
        """Get back to an empty line at a fresh prompt; a boot that an
        earlier test left broken is restarted first."""
        if self.broken or not self.qemu.alive():
            self.restart()
        self.qemu.mark("test " + test_name)
        self.echo_tag()

    def check(self):
        """None if the hypervisor still answers at its prompt, else what is
        wrong (and the boot is marked for a restart)."""
        if not self.qemu.alive():
            self.broken = True
            return "QEMU exited"
        try:
            self.echo_tag()
        except QemuError as e:
            self.broken = True
            return "its shell does not answer: %s" % e
        return None

    def echo_tag(self):
        tag = "sync-%d" % next(self.syncs)
        self.qemu.send("\r")
        self.qemu.send("echo " + tag + "\r")
        self.qemu.expect_exact(tag + "\r\n" + "XVisor# ", timeout=10)


def shared_session(shared, request):
    """Fixture body for a test on a shared boot: yields its Qemu at a fresh
    prompt; pytest_runtest_call checks it after the test."""
    shared.sync(request.node.name)
    request.node.shared_boot = shared
    yield shared.qemu


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """A test on a shared boot that leaves the hypervisor dead or hung
    fails here (the next test gets a fresh boot)."""
    outcome = yield
    shared = getattr(item, "shared_boot", None)
    if shared is None:
        return
    problem = shared.check()
    if problem and outcome.excinfo is None:
        pytest.fail("the test left the hypervisor broken: %s" % problem, pytrace=False)


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
    yield from shared_session(shared_shell, request)
