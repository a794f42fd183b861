"""Fuzzing the loader: any bytes either load or give a one-line error.

Inputs are raw bytes, TOML-looking text, and the bundled example with bytes
flipped, inserted, deleted, lines repeated or swapped, or cut short. Each goes
through `store.parse_bytes` and through the real `dprk status`, `show` and
`log`: a ledger loads, or the answer is one line `dprk: error: ...`; never
another exception, an internal error or a hang (a timer stops the test).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprk_cli import store
from dprk_cli.errors import LedgerError
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

EXAMPLE_BYTES = EXAMPLE.read_bytes()
SETTINGS = settings(
    max_examples=int(os.environ.get("DPRK_FUZZ_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LIMIT = 30  # seconds for one input: generous for a slow machine, finite for a hang


@contextlib.contextmanager
def time_limit(seconds: float):
    def stop(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(EXAMPLE_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "swap", "cut"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(max_size=8) | st.sampled_from([b"[", b"]", b"{", b'"', b"\n", b"#", b"="])
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "cut":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "repeat":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


toml_like = st.text(
    alphabet=st.sampled_from(list("[]{}=\"'#\n .,-:0123456789abcdefmsutrix_\\")), max_size=200
).map(lambda s: s.encode("utf-8"))
inputs = st.one_of(st.binary(max_size=300), toml_like, mutated())


def _loads_or_one_line(raw: bytes) -> bool:
    try:
        store.parse_bytes(raw, "fuzz.toml")
    except LedgerError as exc:
        assert exc.message.startswith("fuzz.toml: ")
        assert "\n" not in exc.message
        return False
    return True


@SETTINGS
@given(inputs)
def test_parse_bytes_loads_or_says_why_in_one_line(raw):
    with time_limit(LIMIT):
        _loads_or_one_line(raw)


def _whole(raw: bytes):
    """The file read whole by the reference reader (tomli), as when no fast path applies."""
    from dprk_cli.store import codec

    try:
        return codec.validate_ledger(codec.parse_toml(codec.decode_text(raw, "f"), "f"), "f")
    except LedgerError:
        return None


@SETTINGS
@given(mutated())
def test_the_fast_block_reader_agrees_with_the_reference_reader(raw):
    """A ledger read block by block (rtoml) is the ledger the reference reader makes of
    the whole file; a file the reference reader refuses is refused."""
    with time_limit(LIMIT):
        try:
            fast = store.parse_bytes(raw, "f")
        except LedgerError:
            fast = None
        assert fast == _whole(raw)


@SETTINGS
@given(raw=inputs)
def test_the_command_line_loads_or_says_why_in_one_line(dprk, tmp_path, raw):
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(raw)
    with time_limit(LIMIT):
        for args in (["status", "--format", "json"], ["log"], ["show", "inventory-submission"]):
            result = dprk(*args)
            assert "internal error" not in result.err, (args, result.err)
            assert "Traceback" not in result.err
            if result.code == 0:
                if args[-1] == "json":
                    json.loads(result.out)
                continue
            assert result.code == 1, (args, result.err)
            assert result.out == ""
            assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1


@pytest.mark.parametrize(
    "raw",
    [
        EXAMPLE_BYTES.replace(b"[[measures]]", b"[measures]", 1),
        EXAMPLE_BYTES.replace(b"schema = 1", b"schema = 1\nschema = 1"),
        EXAMPLE_BYTES.replace(b'actor = "US"', b'actor = "Nobody"'),
        EXAMPLE_BYTES.replace(b"2018-", b"2018-13-"),
        EXAMPLE_BYTES + EXAMPLE_BYTES,
        EXAMPLE_BYTES[: len(EXAMPLE_BYTES) // 2],
        EXAMPLE_BYTES.replace(b"\n", b"\r\n"),
        EXAMPLE_BYTES.replace(b"\n", b"\r"),
        b"\x00" * 100,
        b"\xff\xfe" + "title = 'x'".encode("utf-16-le"),
    ],
    ids=[
        "table not array",
        "repeated key",
        "undeclared actor",
        "bad date",
        "doubled",
        "cut in half",
        "CRLF",
        "bare CR",
        "NULs",
        "UTF-16",
    ],
)
def test_known_mangling_loads_or_says_why(dprk, tmp_path, raw):
    (tmp_path / "dprk-ledger.toml").write_bytes(raw)
    for args in (["status"], ["log"], ["add-party", "China"]):
        result = dprk(*args)
        assert "internal error" not in result.err, (args, result.err)
        assert result.code in (0, 1)
        if result.code == 1:
            assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1
