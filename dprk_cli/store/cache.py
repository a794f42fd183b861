"""A cache of the parsed, validated ledger, so that large ledgers load fast.

The TOML file stays the one source of truth. The cache (`.dprk/NAME.cache`)
holds the ledger as validated from exactly one content of that file, as
JSON, and is served only when all of these match: the cache format, the
code that validated it (dprk's version and the source of its models), the
ledger's size and SHA-1, and the SHA-1 of the cached data itself. So an
edited ledger, an upgraded dprk, and a truncated or altered cache are all
refused, and the ledger is parsed and validated from the TOML again.

A served cache is not validated a second time: it was validated when it was
written, and its checksum shows it is byte for byte what was written. It is
turned back into model objects directly (the models' own constructors would
re-run every check, and building their validators costs more than the rest
of a small command's start-up). Anything unexpected in it counts as damage.

File layout: a line of JSON metadata, a line of JSON layout (where each
measure's block sits in the ledger, for one-measure rewrites), then the body:
the ledger's other fields as one line of JSON, then the measures, a JSON array
of up to CHUNK of them a line: loading holds one line's parsed JSON at a time,
not the whole tree, and the JSON scanner shares the field names within a line.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Ledger, Measure
from .codec import field_set
from .fs import write_side_file
from .paths import ensure_side_dir, side_file

FORMAT = "dprk-cache-4"
CHUNK = 256


@dataclass
class Layout:
    """Where each measure's block sits in a canonical file (for one-measure rewrites)."""

    canonical: bool
    comments: int
    header_end: int = 0
    spans: dict[str, tuple[int, int]] | None = None


def content_key(raw: bytes) -> str:
    return f"{len(raw)}:{hashlib.sha1(raw).hexdigest()}"


_FINGERPRINT: list[str] = []


def code_fingerprint() -> str:
    """Which validating code made a cache: the versions of dprk and pydantic, and the
    source of dprk's models.

    A cache written by other code (an upgrade, or a model edited in a checkout)
    may hold what that code accepted and this one would not: it is not served.
    """
    if not _FINGERPRINT:
        import pydantic
        import pydantic_core

        from .. import __version__, model, vocab

        versions = (
            f"dprk {__version__}; pydantic {pydantic.VERSION}; core {pydantic_core.__version__}"
        )
        digest = hashlib.sha1(versions.encode())
        for module in (model, vocab):
            try:
                digest.update(Path(module.__file__ or "").read_bytes())
            except OSError:
                digest.update(b"?")
        _FINGERPRINT.append(digest.hexdigest()[:16])
    return _FINGERPRINT[0]


def read_cache(
    ledger: Path, raw: bytes, *, want_layout: bool = True
) -> tuple[Ledger, Layout | None] | None:
    """The cached ledger if it was made from exactly these bytes by this code, else None.

    The layout is read only when `want_layout` (a command about to write).
    """
    try:
        blob = side_file(ledger, "cache").read_bytes()
    except OSError:
        return None
    head_end = blob.find(b"\n")
    layout_end = blob.find(b"\n", head_end + 1)
    if head_end < 0 or layout_end < 0:
        return None
    body = memoryview(blob)[layout_end + 1 :]  # not a copy: a large cache is read once
    try:
        meta = json.loads(blob[:head_end])
        if (
            meta.get("format") != FORMAT
            or meta.get("code") != code_fingerprint()
            or meta.get("key") != content_key(raw)
            or meta.get("body") != hashlib.sha1(body).hexdigest()
        ):
            return None
        layout = None
        if want_layout:
            layout_bytes = blob[head_end + 1 : layout_end]
            if meta.get("layout") != hashlib.sha1(layout_bytes).hexdigest():
                return None
            layout = _layout_from(json.loads(layout_bytes))
        model = _read_body(body)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return None
    return model, layout


def _read_body(body: memoryview) -> Ledger:
    # The JSON scanner walks the text line by line in place: `json.loads` per line
    # would copy each line and add its own overhead a line at a time.
    text = str(body, "utf-8")
    scan = json.JSONDecoder().raw_decode
    header, end = scan(text, 0)
    ledger: Ledger = _builder(Ledger)(header)
    build = _builder(Measure)
    measures: list[Measure] = []
    size = len(text)
    while end < size:
        if text[end] != "\n":
            raise ValueError("cache body: expected one array of measures a line")
        chunk, end = scan(text, end + 1)
        measures.extend(map(build, chunk))
    ledger.__dict__["measures"] = measures
    return ledger


def _layout_from(data: Any) -> Layout | None:
    if data is None:
        return None
    spans = data["spans"]
    return Layout(
        canonical=bool(data["canonical"]),
        comments=int(data["comments"]),
        header_end=int(data["header_end"]),
        spans=None if spans is None else {k: (int(a), int(b)) for k, (a, b) in spans.items()},
    )


def write_cache(ledger: Path, raw: bytes, model: Ledger, layout: Layout | None) -> None:
    """Remember the validated ledger for these bytes (best effort: failures are ignored)."""
    try:
        ensure_side_dir(ledger)
    except OSError:
        return
    header = model.model_dump_json(by_alias=True, exclude_defaults=True, exclude={"measures"})
    lines = [header.encode("utf-8")]
    measures = model.measures
    for start in range(0, len(measures), CHUNK):
        dumped = [
            m.model_dump_json(by_alias=True, exclude_defaults=True).encode("utf-8")
            for m in measures[start : start + CHUNK]
        ]
        lines.append(b"\n[" + b",".join(dumped) + b"]")
    digest = hashlib.sha1()
    for line in lines:  # the body is never joined: that would be a second copy of it
        digest.update(line)
    layout_bytes = json.dumps(
        None
        if layout is None
        else {
            "canonical": layout.canonical,
            "comments": layout.comments,
            "header_end": layout.header_end,
            "spans": layout.spans,
        },
        separators=(",", ":"),
    ).encode()
    meta = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "key": content_key(raw),
        "body": digest.hexdigest(),
        "layout": hashlib.sha1(layout_bytes).hexdigest(),
    }
    head = json.dumps(meta).encode() + b"\n" + layout_bytes + b"\n"
    # Not fsynced: a cache torn by a crash fails its checksum and is rebuilt.
    write_side_file(side_file(ledger, "cache"), [head, *lines], durable=False)


# Turning cached JSON back into models. For each model class, a function is
# generated from its fields that builds an instance the way pydantic's own
# `model_construct` does (no checks), converting what JSON cannot hold as is:
# dates, datetimes, enums and nested models. Fields left out of the JSON (at
# their defaults) get a fresh copy of the default. Every instance counts all
# its fields as set (as validating a full dump would) and, the models being
# frozen, instances of one class share that one set: a set per object would
# be a fifth of a large ledger's memory.

_BUILDERS: dict[type, Any] = {}


def build_ledger(data: dict[str, Any]) -> Ledger:
    """A `Ledger` from trusted, already validated JSON data (as `model_dump_json` gives)."""
    built: Ledger = _builder(Ledger)(data)
    return built


def _builder(cls: type) -> Any:
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _make_builder(cls)
    return found


def _make_builder(cls: Any) -> Any:
    from pydantic_core import PydanticUndefined

    names: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_fields": field_set(cls),
        **_slot_setters(),
    }
    names["_missing"] = _MISSING = object()
    entries = []
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if info.is_required():
            entries.append(f"{name!r}: {_converter(info.annotation, f'd[{key!r}]', names)}")
            continue
        constant = False
        if info.default_factory is not None:
            names[f"_f_{name}"] = info.default_factory
            default = f"_f_{name}()"
        elif info.default is PydanticUndefined:  # pragma: no cover - required, handled above
            raise TypeError(name)
        elif isinstance(info.default, list | dict | set):
            default = f"_copy_{name}()"
            names[f"_copy_{name}"] = info.default.copy
        else:
            names[f"_d_{name}"] = info.default
            default = f"_d_{name}"
            constant = True
        value = _converter(info.annotation, "v", names)
        if value == "v" and constant:
            entries.append(f"{name!r}: d.get({key!r}, {default})")
        else:  # one look-up, not `in` and then `[]`
            entries.append(
                f"{name!r}: ({value} if (v := d.get({key!r}, _missing)) is not _missing "
                f"else {default})"
            )
    source = (
        "def build(d):\n"
        "    o = _new(_cls)\n"
        "    _set_dict(o, {" + ", ".join(entries) + "})\n"
        "    _set_fields_set(o, _fields)\n"
        "    _set_extra(o, None)\n"
        "    _set_private(o, None)\n"
        "    return o\n"
    )
    exec(compile(source, f"<dprk cache builder for {cls.__name__}>", "exec"), names)
    return names["build"]


def _slot_setters() -> dict[str, Any]:
    """Setters for the four attributes every pydantic model instance holds: its slots'
    own descriptors (twice as fast as `object.__setattr__`, sixty thousand times)."""
    slots = {
        "_set_dict": "__dict__",
        "_set_fields_set": "__pydantic_fields_set__",
        "_set_extra": "__pydantic_extra__",
        "_set_private": "__pydantic_private__",
    }
    try:
        return {key: BaseModel.__dict__[slot].__set__ for key, slot in slots.items()}
    except (KeyError, AttributeError):  # pragma: no cover - another pydantic's layout
        return {key: functools.partial(_setattr_named, slot) for key, slot in slots.items()}


def _setattr_named(name: str, obj: object, value: object) -> None:  # pragma: no cover
    object.__setattr__(obj, name, value)


def _converter(annotation: Any, expr: str, names: dict[str, Any]) -> str:
    """Python source that turns the JSON value `expr` into a value of `annotation`."""
    import enum
    import types
    import typing
    from datetime import date, datetime

    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0], expr, names)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot rebuild {annotation!r} from the cache")
        inner = _converter(options[0], "v", names)
        if inner == "v":
            return expr
        key = f"_opt{len(names)}"
        names[key] = eval(f"lambda v: None if v is None else {inner}", names)
        return f"{key}({expr})"
    if origin is list:
        inner = _converter(typing.get_args(annotation)[0], "x", names)
        if inner == "x":
            return expr  # a list the JSON scanner just made: nobody else holds it
        return f"[{inner} for x in {expr}]"
    if isinstance(annotation, type):
        key = f"_t{len(names)}"
        if issubclass(annotation, BaseModel):
            names[key] = _builder(annotation)
            return f"{key}({expr})"
        if issubclass(annotation, enum.Enum):
            names[key] = annotation._value2member_map_
            return f"{key}[{expr}]"
        if annotation is datetime:
            names[key] = datetime.fromisoformat
            return f"{key}({expr})"
        if annotation is date:
            names[key] = date.fromisoformat
            return f"{key}({expr})"
        if annotation in (str, int, bool):
            return expr
    raise TypeError(f"cannot rebuild {annotation!r} from the cache")
