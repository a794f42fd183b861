"""How dprk ends: 75 when the ledger stays locked, 130 when interrupted, quiet on a
closed pipe, and one line (a traceback only with DPRK_DEBUG=1) on a bug."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dprk_cli.store import side_file
from tests.conftest import Result, dprk_executable, run_process, shell

from .helpers import big_ledger, opened_by, temporaries, wait_until, worker_env, write_ledger


class HeldLock:
    """The ledger's lock, held by the test as another dprk process would hold it."""

    def __init__(self, ledger: Path, note: str = f"pid {os.getpid()}: dprk add-measure") -> None:
        lock = side_file(ledger, "lock")
        lock.parent.mkdir(exist_ok=True)
        self.fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, f"{note}\n".encode())

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="needs /proc to see that a process waits"
)


@pytest.fixture
def held(korea):
    lock = HeldLock(korea)
    yield lock
    lock.release()


def test_locked_ledger_exits_75_naming_the_holder(dprk, korea, held):
    before = korea.read_bytes()
    result = dprk("--lock-timeout", "0.2", "add-party", "China")
    assert result.code == 75
    assert result.out == ""
    assert result.err == (
        f"dprk: error: {korea.name}: ledger is locked by another dprk process "
        f"(pid {os.getpid()}: dprk add-measure); waited 0.2 s (see --lock-timeout)\n"
    )
    assert korea.read_bytes() == before
    # Reading takes no lock.
    assert dprk("status", "--format", "ids").code == 0


def test_a_lock_held_by_another_program_names_no_exited_process(dprk, korea):
    """The lock file names the last dprk that held the lock; when that one has exited,
    another program holds it now, and the message does not name the exited one."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    lock = HeldLock(korea, f"pid {gone}: dprk note")
    try:
        result = dprk("--lock-timeout", "0", "add-party", "China")
    finally:
        lock.release()
    assert result.code == 75
    assert result.err == (
        f"dprk: error: {korea.name}: ledger is locked by another program (the last dprk to "
        f"hold it, pid {gone}, has exited); waited 0 s (see --lock-timeout)\n"
    )


@pytest.mark.slow  # a real process
def test_locked_ledger_in_a_real_process(korea, held):
    result = run_process(
        "--lock-timeout", "0", "mark", "inventory-submission", "agreed", cwd=korea.parent
    )
    assert result.code == 75
    assert f"locked by another dprk process (pid {os.getpid()}: dprk" in result.err
    assert result.err.count("\n") == 1


@pytest.mark.slow  # a real process
@needs_proc
def test_a_waiting_writer_goes_ahead_when_the_lock_is_released(korea, held):
    proc = subprocess.Popen(
        [dprk_executable(), "add-party", "China"],
        cwd=korea.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    try:
        assert wait_until(lambda: opened_by(proc.pid, side_file(korea, "lock")))
        assert proc.poll() is None  # it waits
        held.release()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "China" in korea.read_text(encoding="utf-8")


def test_the_lock_of_a_killed_process_is_freed_by_the_kernel(dprk, korea):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(600)\n",
            str(side_file(korea, "lock")),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline() == b"held\n"
        assert dprk("--lock-timeout", "0", "add-party", "China").code == 75
    finally:
        holder.kill()
        holder.wait()
    result = dprk("--lock-timeout", "10", "add-party", "China")
    assert result.code == 0, result.err


@pytest.mark.slow  # a real process
@needs_proc
def test_interrupted_while_waiting_for_the_lock_exits_130(korea, held):
    before = korea.read_bytes()
    proc = subprocess.Popen(
        # (a long timeout: on a busy machine the wait must not end before the signal comes)
        [dprk_executable(), "--lock-timeout", "300", "mark", "inventory-submission", "agreed"],
        cwd=korea.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    try:
        # Once it has the lock file open, it is in the loop that waits for the lock.
        assert wait_until(lambda: opened_by(proc.pid, side_file(korea, "lock")))
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    assert out == ""
    assert err == "dprk: interrupted\n"
    assert korea.read_bytes() == before
    assert temporaries(korea.parent) == []


@pytest.mark.parametrize("where", ["bring_cache_up", "remember"])
def test_interrupted_after_the_write_says_the_change_was_made(dprk, korea, monkeypatch, where):
    """Ctrl-C while the cache was brought up to date, after the ledger was written: it
    said "dprk: interrupted" alone, and an import typed again was refused ("already
    exists") with nothing to say why."""
    from dprk_cli.store import ledger as store_ledger

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    if where == "remember":  # (a file that does not cut into blocks is written whole)
        korea.write_bytes(korea.read_bytes().replace(b"[[measures]]", b'[["measures"]]', 1))
    before = korea.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(store_ledger, where, interrupted)
        result = dprk("mark", "second-summit", "agreed", "--date", "2018-10-01")
    assert (result.code, result.out) == (130, "")
    assert result.err == (
        "dprk: interrupted; the change was recorded all the same ('dprk undo' takes it back)\n"
    )
    assert korea.read_bytes() != before
    assert dprk("undo").code == 0
    assert korea.read_bytes() == before


def test_ctrl_c_as_a_change_or_an_undo_lands_waits_for_the_journal(dprk, empty, monkeypatch):
    """Ctrl-C just after the new file was put in place: the command said "dprk:
    interrupted" alone, the change made all the same; the journal was not told it had
    landed (nor, for an undo, that the change was taken back), and after two undos cut
    so, every undo was refused as if the file had been edited by hand."""
    from dprk_cli.store import journal

    def interrupting(real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            os.kill(os.getpid(), signal.SIGINT)  # (Ctrl-C, as the journal is told)
            return real(*args, **kwargs)

        return call

    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    saved = [empty.read_bytes()]
    with monkeypatch.context() as patch:
        patch.setattr(journal, "landed", interrupting(journal.landed))
        for n in (1, 2):
            result = dprk("note", "m", f"n{n}", "--date", "2020-01-01")
            assert (result.code, result.out) == (130, "")
            assert result.err == (
                "dprk: interrupted; the change was recorded all the same ('dprk undo' takes "
                "it back)\n"
            )
            assert empty.read_bytes() != saved[-1]
            saved.append(empty.read_bytes())
    with monkeypatch.context() as patch:
        patch.setattr(journal, "rewrite", interrupting(journal.rewrite))
        for n in (1, 0):
            result = dprk("undo")
            assert (result.code, result.out) == (130, "")
            assert result.err == (
                f"dprk: interrupted; the last change ('note m n{n + 1} --date 2020-01-01') was "
                "taken back all the same ('dprk redo' puts it back)\n"
            )
            assert empty.read_bytes() == saved[n]
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.err.startswith("undid: add-measure M")


def test_ctrl_c_as_an_undo_or_a_redo_lands_names_the_change_and_what_puts_it_back(
    dprk, empty, monkeypatch
):
    """Ctrl-C as an undo or a redo landed said 'the last change was taken back all the
    same' alone: which change, and that 'dprk redo' puts it back, went unsaid. The line
    names the change, and the command that puts it back again; followed, it does."""
    from dprk_cli.store import journal

    def interrupting(real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            os.kill(os.getpid(), signal.SIGINT)  # (Ctrl-C, as the journal is told)
            return real(*args, **kwargs)

        return call

    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    before = empty.read_bytes()
    assert dprk("note", "m", "Seen", "--date", "2020-01-02").code == 0
    noted = empty.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(journal, "push_redo", interrupting(journal.push_redo))
        result = dprk("undo")
    assert (result.code, result.out) == (130, "")
    assert result.err == (
        "dprk: interrupted; the last change ('note m Seen --date 2020-01-02') was taken back "
        "all the same ('dprk redo' puts it back)\n"
    )
    assert empty.read_bytes() == before
    with monkeypatch.context() as patch:
        patch.setattr(journal, "rewrite_redos", interrupting(journal.rewrite_redos))
        result = dprk("redo")
    assert (result.code, result.out) == (130, "")
    assert result.err == (
        "dprk: interrupted; the change ('note m Seen --date 2020-01-02') was put back all the "
        "same ('dprk undo' takes it back)\n"
    )
    assert empty.read_bytes() == noted
    again = dprk("undo")  # (as the line says; and redo, as the undo's said)
    assert again.code == 0 and again.err.startswith("undid: note m Seen --date 2020-01-02 ")
    assert empty.read_bytes() == before
    back = dprk("redo")
    assert back.code == 0 and back.err.startswith("redid: note m Seen --date 2020-01-02 ")
    assert empty.read_bytes() == noted


@pytest.mark.slow  # a real process
def test_broken_pipe_on_a_large_output_is_quiet(tmp_path):
    write_ledger(tmp_path / "dprk-ledger.toml", big_ledger(3000))
    for command in ("dprk status --format json | head -c 100", "dprk log | head -1"):
        result = shell(command, cwd=tmp_path)
        assert result.code == 0, result.err  # pipefail: dprk itself ended with 0
        assert result.err == ""


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], []])
def test_help_to_a_reader_gone_ends_quietly_with_0(tmp_path, args):
    """A report whose reader went ended with 0, as the reference says; help ended with
    1 (the library's own end for a broken pipe), which 'set -o pipefail' stops on."""
    proc = _to_a_closed_pipe(args, tmp_path)
    assert (proc.returncode, proc.stderr) == (0, b"")


def _to_a_closed_pipe(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """`dprk ARGS` run with its output to a pipe whose reader has gone already."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [dprk_executable(), *args],
            cwd=cwd,
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    finally:
        os.close(write)


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("fmt", ["table", "ids", "json"])
def test_check_fails_on_an_error_when_its_reader_has_gone(tmp_path, fmt):
    """A pipe that closes early ends quietly with 0, but 'check' found an error: it
    ended 0 or 1 as the timing fell, and 'dprk check | head -1' let a broken ledger
    through a CI step. Here the reader has gone before dprk writes a byte."""
    ledger = tmp_path / "dprk-ledger.toml"
    ledger.write_text(
        'schema = 1\nparties = ["A"]\n\n[[measures]]\nid = "x"\ntitle = "t"\nactor = "B"\n'
        'status = "proposed"\n',
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    for broken, code in ((True, 1), (False, 0)):
        if not broken:  # (a sound ledger: 0, as for any command whose reader went)
            ledger.write_text(before.decode().replace('"B"', '"A"'), encoding="utf-8")
        proc = _to_a_closed_pipe(["check", "--format", fmt], tmp_path)
        assert (proc.returncode, proc.stderr) == (code, b"")
    ledger.write_bytes(before)
    assert run_process("check", cwd=tmp_path).code == 1


@pytest.mark.slow  # a real process
def test_a_real_process_ends_with_every_byte_of_its_output_written(tmp_path, dprk):
    """The process ends without tearing the interpreter down: what it printed, to a
    pipe or to a file, is whole first, and the exit code is the command's."""
    write_ledger(tmp_path / "dprk-ledger.toml", big_ledger(3000))
    for command in (["status", "--format", "json"], ["plan"], ["log"]):
        expected = dprk(*command)
        through_pipe = run_process(*command, cwd=tmp_path)
        assert (through_pipe.code, through_pipe.err) == (expected.code, expected.err)
        assert through_pipe.out == expected.out and len(expected.out) > 100_000
        with open(tmp_path / "out.txt", "wb") as target:
            code = subprocess.run(
                [dprk_executable(), *command], cwd=tmp_path, stdout=target, timeout=60
            ).returncode
        assert code == expected.code
        assert (tmp_path / "out.txt").read_text() == expected.out


@pytest.mark.slow  # a real process
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_full_disk_is_one_line_and_a_failure(tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    write_ledger(ledger, big_ledger(300))
    before = ledger.read_bytes()
    for command in ("dprk status --format json > /dev/full", "dprk status --limit 2 > /dev/full"):
        result = shell(command, cwd=tmp_path)
        assert result.code == 1
        assert result.err == "dprk: error: No space left on device\n"
    assert ledger.read_bytes() == before


@pytest.mark.slow  # real processes
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_change_whose_output_fails_says_it_was_recorded(tmp_path):
    """add-measure prints the new id: onto a full disk, that fails after the ledger was
    written. The error says the change stands (and undo takes it back); a script that
    retried on exit 1 would otherwise add it twice."""
    assert shell("dprk init --party A", cwd=tmp_path).code == 0
    result = shell(
        "dprk add-measure Z --actor A --id z --date 2020-01-01 > /dev/full", cwd=tmp_path
    )
    assert result.code == 1
    assert result.err == (
        "dprk: error: No space left on device; measure 'z' was added all the same "
        "('dprk undo' takes it back)\n"
    )
    assert shell("dprk status --format ids", cwd=tmp_path).out == "z\n"
    # (run again without an id, as a retrying script would: the warning of a measure
    # added twice is said first, not lost with the output, and the error names the id)
    again = shell("dprk add-measure Z --actor A --date 2020-01-01 > /dev/full", cwd=tmp_path)
    assert (again.code, again.err) == (
        1,
        "dprk: warning: z-2: 'z' has the same title and actor; if it is the same measure, "
        "'dprk remove z-2' takes this one back\n"
        "dprk: error: No space left on device; measure 'z-2' was added all the same "
        "('dprk undo' takes it back)\n",
    )
    assert shell("dprk status --format ids", cwd=tmp_path).out == "z\nz-2\n"


@pytest.mark.slow  # real processes
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_change_whose_confirmation_cannot_be_written_ends_0(tmp_path):
    """`dprk add-party Japan 2>/dev/full` recorded the party and ended 1, saying nothing
    (it could not): a script that retried on a failure made the change twice. The exit
    code says what the command did, as into `>/dev/full`; an error keeps its own."""
    assert shell("dprk init --party A", cwd=tmp_path).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = shell("dprk add-party Japan 2>/dev/full", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "", "")
    after = ledger.read_bytes()
    assert after != before and b'"Japan"' in after
    for again in ("dprk add-party Japan 2>/dev/full", "dprk mark nosuch agreed 2>/dev/full"):
        refused = shell(again, cwd=tmp_path)
        assert (refused.code, refused.out, refused.err) == (1, "", "")
        assert ledger.read_bytes() == after
    assert after.count(b'"Japan"') == 1
    read = shell("dprk status --format json 2>/dev/full", cwd=tmp_path)
    assert read.code == 0 and read.out.startswith("{")


@pytest.mark.slow  # real processes
def test_closed_standard_streams_read_and_write_nothing(tmp_path):
    """Run with standard output or input closed (as a job may be): a write is made and
    says so on standard error, a read prints nowhere; '-' reads no ids. No traceback."""
    assert shell("dprk init --example korea-2018", cwd=tmp_path).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    result = shell("dprk note second-summit hello --date 2018-09-20 >&-", cwd=tmp_path)
    assert (result.code, result.err) == (0, "second-summit: note on 2018-09-20\n")
    assert shell("dprk status >&-", cwd=tmp_path) == Result(0, "", "")
    before = ledger.read_bytes()
    result = shell("dprk mark - agreed --date 2018-09-20 <&-", cwd=tmp_path)
    assert (result.code, result.err) == (
        0,
        "dprk: no measure ids on standard input; nothing to do\n",
    )
    result = shell("dprk import - <&-", cwd=tmp_path)  # (read as empty: nothing to import)
    assert (result.code, result.err) == (
        0,
        "dprk: standard input: no measures to import; nothing changed\n",
    )
    assert "Traceback" not in result.err
    assert ledger.read_bytes() == before


def _explode(*args, **kwargs):
    raise RuntimeError("boom\nsecond line")


def test_a_bug_is_one_line_and_a_traceback_only_with_dprk_debug(dprk, korea, monkeypatch):
    from dprk_cli.analysis import status

    monkeypatch.setattr(status, "party_summaries", _explode)
    monkeypatch.delenv("DPRK_DEBUG", raising=False)
    result = dprk("status")
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "dprk: error: internal error: RuntimeError: boom second line "
        "(run with DPRK_DEBUG=1 for details)\n"
    )
    monkeypatch.setenv("DPRK_DEBUG", "1")
    result = dprk("status")
    assert result.code == 1
    assert result.err.startswith("Traceback (most recent call last):\n")
    assert 'in _explode\n    raise RuntimeError("boom\\nsecond line")' in result.err
    assert result.err.endswith("(run with DPRK_DEBUG=1 for details)\n")
    # A plain traceback: no boxes, no local variables.
    assert "╭" not in result.err and "locals" not in result.err.lower()


@pytest.mark.slow  # a real process
def test_a_bug_in_a_real_process(tmp_path):
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    code = (
        "import sys\n"
        "from dprk_cli.analysis import status\n"
        "def explode(*a, **k):\n"
        "    secret = 'a local variable'\n"
        "    raise KeyError('boom')\n"
        "status.party_summaries = explode\n"
        "from dprk_cli.cli.app import entry_point\n"
        "sys.argv = ['dprk', 'status']\n"
        "entry_point()\n"
    )
    for debug, lines in (("", 1), ("1", None)):
        proc = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env=worker_env(DPRK_DEBUG=debug),
        )
        assert proc.returncode == 1
        assert "internal error: KeyError: 'boom'" in proc.stderr
        assert "a local variable" not in proc.stderr
        if lines:
            assert proc.stderr.count("\n") == lines
        else:
            assert "Traceback (most recent call last)" in proc.stderr


def _interrupted_process(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`code` run as a dprk process would be, in a folder holding the example."""
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=worker_env(),
    )


@pytest.mark.slow  # a real process
def test_ctrl_c_while_dprk_is_loading_is_one_line(tmp_path):
    """Ctrl-C in the first tenth of a second, while Python imported Typer: a traceback of
    the import, and no 'dprk:' line. The console script's first module takes it."""
    code = (
        "import os, signal, time\n"
        "import dprk_cli.cli.start\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(5)\n"
        "import typer\n"
    )
    proc = _interrupted_process(tmp_path, code)
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, "dprk: interrupted\n", "")


def test_the_console_script_and_python_m_start_with_the_module_that_takes_ctrl_c():
    """What takes Ctrl-C while dprk loads is the first module the console script and
    `python -m dprk_cli` import: an entry straight to the app would leave the loading of
    Typer, Rich and pydantic to end in a traceback."""
    import tomllib

    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"dprk": "dprk_cli.cli.start:entry_point"}
    main = (ROOT / "dprk_cli" / "__main__.py").read_text(encoding="utf-8")
    first = [line for line in main.splitlines() if line.startswith(("from ", "import "))]
    assert first == ["from .cli.start import entry_point"]
    start = (ROOT / "dprk_cli" / "cli" / "start.py").read_text(encoding="utf-8")
    imports = [line for line in start.splitlines() if line.startswith(("from ", "import "))]
    assert imports == ["from __future__ import annotations", "import os", "import signal"]


@pytest.mark.slow  # a real process
def test_ctrl_c_a_library_made_into_another_error_is_said_as_ctrl_c(tmp_path):
    """Ctrl-C while pydantic built a validator: it caught the KeyboardInterrupt and
    failed otherwise ('internal error: SchemaError: ... KeyboardInterrupt', or a wrong
    '--note: is blank' from a pattern whose compiling was cut). What a library makes
    of the interrupt is the interrupt: 'dprk: interrupted', exit 130, nothing written."""
    code = (
        "import os, signal, sys, time\n"
        "from dprk_cli.cli.app import entry_point\n"
        "from dprk_cli import operations\n"
        "def mark(*args, **kwargs):\n"
        "    try:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        time.sleep(5)\n"
        "    except KeyboardInterrupt:\n"
        "        raise RuntimeError('Error building validator: KeyboardInterrupt')\n"
        "operations.mark = mark\n"
        "sys.argv = ['dprk', 'mark', 'inventory-submission', 'agreed', '--date', "
        "'2018-09-20']\n"
        "entry_point()\n"
    )
    proc = _interrupted_process(tmp_path, code)
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, "dprk: interrupted\n", "")
    log = run_process("log", "inventory-submission", "--format", "json", cwd=tmp_path)
    assert "2018-09-20" not in log.out


def test_an_os_error_is_one_line(dprk, korea, monkeypatch):
    from dprk_cli.analysis import status

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", "/tmp/x")

    monkeypatch.setattr(status, "party_summaries", full)
    result = dprk("status")
    assert result.code == 1
    assert result.err == "dprk: error: /tmp/x: No space left on device\n"


def test_typer_pretty_exceptions_are_off():
    from dprk_cli.cli.app import app

    assert app.pretty_exceptions_enable is False
    assert app.pretty_exceptions_show_locals is False
