"""Realistic synthetic ledgers for the benchmark, deterministic from a seed.

A generated ledger looks like a team's record of several negotiation tracks
kept over decades: six parties, measures with slug ids made from their
titles, exchange links kept on both sides, about two sequencing constraints
per measure (some demanded by one side, some gated on verification, a few
"together with" pairs, recorded on both), histories of several dated events, verifications,
sources, notes and deadlines. Constraints only point at older measures, so
there are no cycles unless `--cycles N` asks for some (each one a two-party
deadlock between measures exchanged for each other).

The ledger is written by dprk's own writer, so the file is canonical. It is
the one use of dprk in the benchmarks: `_dprk` imports `Ledger` (from
`dprk_cli.model`) and `render_ledger` (from `dprk_cli.store`), nothing else.

Beside it goes the "floor" file, the benchmark's yardstick for reading a
ledger: what `tomllib.load` takes on the same measures. It holds only the
measures' own fields, from the same generated data, with no history, no
verifications, no exchange links, no deadlines and no constraint tables:

    [[measures]]            # one table per measure, in id order
    id = "..."
    title = "..."
    actor = "..."
    category = "..."
    status = "..."
    sources = ["...", ...]  # possibly empty
    notes = "..."           # possibly empty
    after = ["...", ...]    # the ids of its `after` constraints, sorted; possibly empty

Every measure has all eight keys, in this order, and the file is written by
tomli-w alone; it does not depend on dprk's file layout, so no change to
dprk's writer can move it.

    python -m benchmarks.generate --size 10000 --out ledgers/
"""

from __future__ import annotations

import argparse
import functools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

SIZES = (100, 1_000, 10_000, 100_000)
ACTED_STATUSES = ("implemented", "verified", "disputed", "reversed")
PENDING_STATUSES = ("proposed", "agreed")  # not yet acted: what `dprk mark` can move on
FLOOR_FIELDS = ("id", "title", "actor", "category", "status", "sources", "notes")
DEFAULT_SEED = 2018
CONSTRAINTS_PER_MEASURE = 2.0

PARTIES = ("China", "DPRK", "Japan", "ROK", "Russia", "US")
VERIFIERS = ("IAEA", "CTBTO", "UN Panel of Experts", "NNSC", "KEDO inspectors", "38 North")
START = date(1994, 10, 21)  # the Agreed Framework
SPAN_DAYS = 27 * 365  # creations up to 2021; every event before 2026

# (actor, category, title, id stem)
TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    (
        "DPRK",
        "denuclearization",
        "DPRK freezes plutonium production at Yongbyon",
        "yongbyon-freeze",
    ),
    ("DPRK", "denuclearization", "DPRK submits an inventory of its nuclear programme", "inventory"),
    ("DPRK", "denuclearization", "DPRK disables the Yongbyon fuel fabrication plant", "fuel-plant"),
    ("DPRK", "denuclearization", "DPRK closes the Punggye-ri nuclear test site", "punggye-ri"),
    ("DPRK", "military", "DPRK dismantles the Sohae engine test stand", "sohae-stand"),
    (
        "DPRK",
        "military",
        "DPRK observes a moratorium on long-range missile tests",
        "icbm-moratorium",
    ),
    ("DPRK", "verification", "DPRK admits IAEA inspectors to declared sites", "iaea-access"),
    ("DPRK", "humanitarian", "DPRK repatriates the remains of US servicemen", "remains"),
    ("DPRK", "humanitarian", "DPRK releases detained foreign nationals", "detainees"),
    ("US", "sanctions", "US lifts sanctions on coal and textile exports", "coal-relief"),
    ("US", "military", "US suspends large-scale joint military exercises", "drills-pause"),
    ("US", "security-guarantee", "US declares an end to the Korean War", "end-of-war"),
    ("US", "diplomatic", "US opens a liaison office in Pyongyang", "us-liaison"),
    ("US", "humanitarian", "US ships food aid through the World Food Programme", "food-aid"),
    (
        "US",
        "sanctions",
        "US removes DPRK from the state sponsors of terrorism list",
        "sst-delisting",
    ),
    ("ROK", "economic", "ROK reopens the Gaeseong industrial complex", "gaeseong"),
    ("ROK", "economic", "ROK resumes Mount Kumgang tours", "kumgang"),
    ("ROK", "military", "ROK withdraws guard posts from the demilitarized zone", "dmz-posts"),
    ("ROK", "humanitarian", "ROK hosts reunions of separated families", "reunions"),
    ("China", "sanctions", "China relaxes border trade restrictions at Dandong", "dandong-trade"),
    ("China", "diplomatic", "China hosts a round of six-party talks", "six-party-round"),
    ("Japan", "energy", "Japan finances heavy fuel oil deliveries", "hfo-japan"),
    ("Japan", "diplomatic", "Japan opens normalization talks", "japan-normalization"),
    ("Russia", "energy", "Russia delivers heavy fuel oil to Sonbong", "hfo-russia"),
    ("Russia", "economic", "Russia funds a feasibility study for a gas pipeline", "pipeline-study"),
)
OUTLETS = (
    "KCNA statement",
    "State Department briefing",
    "Yonhap",
    "Korea Times",
    "IAEA Board report",
    "UN Security Council document",
    "Joint statement",
    "Foreign ministry readout",
)
NOTES = (
    "Reported by one side only; no independent confirmation yet.",
    "Timing disputed: each side says the other was to move first.",
    "Partial step; the remaining work was left to a later round.",
    "Satellite imagery suggests activity resumed after the announcement.",
    "Linked in the joint statement but without a timetable.",
    "Announced at the summit; details to be settled by working groups.",
)


def _dprk() -> tuple[Any, Any]:
    """The only names the benchmarks take from dprk_cli: the model, and its writer."""
    from dprk_cli.model import Ledger
    from dprk_cli.store import render_ledger

    return Ledger, render_ledger


@dataclass
class Generated:
    """A generated ledger, as plain data, and what the benchmark needs to know about it."""

    data: dict[str, Any]  # the ledger's fields, as `dprk_cli.model.Ledger` takes them
    constraints: int
    pending_ids: list[str]

    @property
    def measures(self) -> list[dict[str, Any]]:
        return self.data["measures"]

    @functools.cached_property
    def ledger(self) -> Any:
        """The data as a validated `dprk_cli.model.Ledger`."""
        ledger_model, _ = _dprk()
        return ledger_model.model_validate(self.data)


def _day(value: date) -> datetime:
    return datetime.combine(value, time(9, 0), UTC)


def build(size: int, seed: int = DEFAULT_SEED, cycles: int = 0) -> Generated:
    """A ledger of `size` measures, the same for the same arguments."""
    rng = random.Random(seed * 1_000_003 + size)
    counters: dict[str, int] = {}
    measures: list[dict[str, Any]] = []
    step = SPAN_DAYS / max(size, 1)
    for i in range(size):
        actor, category, title, stem = TEMPLATES[rng.randrange(len(TEMPLATES))]
        created = START + timedelta(days=int(i * step) + rng.randrange(3))
        year = created.year
        key = f"{stem}-{year}"
        counters[key] = counters.get(key, 0) + 1
        ident = f"{key}-{counters[key]}"
        measures.append(
            {
                "id": ident,
                "title": f"{title} (round {counters[key]} of {year})",
                "actor": actor,
                "category": category,
                "sources": [
                    f"{rng.choice(OUTLETS)}, {created.isoformat()}"
                    for _ in range(1 + (rng.random() < 0.4))
                ],
                "notes": rng.choice(NOTES) if rng.random() < 0.4 else "",
                "in_exchange_for": [],
                "constraints": [],
                "verifications": [],
                "_created": created,
                "_history": _history(rng, created),
            }
        )
        measure = measures[-1]
        _verify(rng, measure)
        if measure["_status"] in ("proposed", "agreed") and rng.random() < 0.3:
            measure["deadline"] = created + timedelta(days=90 + rng.randrange(630))

    _link_exchanges(rng, measures)
    count = _add_constraints(rng, measures)
    count += _add_cycles(rng, measures, cycles)

    for m in measures:
        history = m.pop("_history")
        m["status"] = m.pop("_status")
        m.pop("_created")
        m.pop("_acted", None)
        m["history"] = history
    data = {
        "schema": 1,
        "title": f"Korean Peninsula negotiation tracks, 1994 onward (synthetic, {size})",
        "parties": list(PARTIES),
        "measures": measures,
    }
    pending = [m["id"] for m in measures if m["status"] in PENDING_STATUSES]
    return Generated(data=data, constraints=count, pending_ids=pending)


def _history(rng: random.Random, created: date) -> list[dict[str, Any]]:
    """A measure's events: created, then the status changes its path goes through."""
    roll = rng.random()
    if roll < 0.30:
        path = ["proposed"]
    elif roll < 0.45:
        path = ["proposed", "agreed"]
    elif roll < 0.67:
        path = ["agreed", "implemented"]
    elif roll < 0.82:
        path = ["proposed", "agreed", "implemented", "verified"]
    elif roll < 0.86:
        path = ["agreed", "implemented", "disputed"]
    elif roll < 0.92:
        path = ["agreed", "implemented", "reversed"]
    else:
        path = ["proposed", "withdrawn"]
    entries = []
    day = created
    previous = None
    for status in path:
        if previous is None:
            event, detail = "created", f"created as {status}"
        elif status in ("verified", "disputed"):
            event, detail = "verification", ""
        else:
            event, detail = "status", f"{previous} -> {status}"
        entry: dict[str, Any] = {
            "date": day,
            "event": event,
            "status": status,
            "recorded": _day(day + timedelta(days=rng.randrange(30))),
        }
        if detail:
            entry["detail"] = detail
        if rng.random() < 0.15:
            entry["note"] = rng.choice(NOTES)
        entries.append(entry)
        previous = status
        day = day + timedelta(days=7 + rng.randrange(400))
    return entries


def _verify(rng: random.Random, m: dict[str, Any]) -> None:
    """Verification records matching the history (confirmed, refuted, or partial)."""
    history = m["_history"]
    m["_status"] = history[-1]["status"]
    for entry in history:
        if entry["event"] == "verification":
            result = "confirmed" if entry["status"] == "verified" else "refuted"
            by = rng.choice(VERIFIERS)
            entry["detail"] = f"{result} by {by}"
            m["verifications"].append(
                {
                    "by": by,
                    "result": result,
                    "date": entry["date"],
                    "method": rng.choice(("on-site inspection", "satellite imagery", "sampling")),
                    "evidence": [f"{by} report {entry['date'].year}/{rng.randrange(1, 99):02d}"],
                }
            )
    acted = [h for h in history if h["status"] == "implemented"]
    if m["_status"] == "implemented" and rng.random() < 0.2:
        day = acted[-1]["date"] + timedelta(days=30 + rng.randrange(200))
        by = rng.choice(VERIFIERS)
        m["verifications"].append({"by": by, "result": "partial", "date": day})
        history.append(
            {
                "date": day,
                "event": "verification",
                "detail": f"partial by {by}",
                "recorded": _day(day),
            }
        )


def _link_exchanges(rng: random.Random, measures: list[dict[str, Any]]) -> None:
    """Trade about six in ten measures for a recent measure of another party, both ways."""
    for i, m in enumerate(measures):
        if i == 0 or rng.random() >= 0.6:
            continue
        for _ in range(4):
            j = max(0, i - 1 - rng.randrange(min(i, 40)))
            other = measures[j]
            if other["actor"] != m["actor"] and other["id"] not in m["in_exchange_for"]:
                m["in_exchange_for"].append(other["id"])
                other["in_exchange_for"].append(m["id"])
                day = max(m["_created"], other["_created"])
                other["_history"].append(
                    {
                        "date": day,
                        "event": "exchange",
                        "detail": f"in exchange for {m['id']}",
                        "recorded": _day(day),
                    }
                )
                break


def _add_constraints(rng: random.Random, measures: list[dict[str, Any]]) -> int:
    """About two constraints per measure, each on an older measure (so no cycles)."""
    count = 0
    weights = (0.1, 0.25, 0.3, 0.2, 0.15)  # 0..4 constraints: a mean of 2.05
    for i, m in enumerate(measures):
        if i == 0:
            continue
        wanted = rng.choices(range(len(weights)), weights)[0]
        targets: dict[str, dict[str, Any]] = {}
        if rng.random() < 0.02 and i >= 1:
            # carried out together with the measure just before it (action for action)
            targets[measures[i - 1]["id"]] = {"with": measures[i - 1]["id"]}
        acted = m["_status"] in ACTED_STATUSES
        for _ in range(wanted):
            for _try in range(4):  # a measure that acted mostly followed ones that had
                j = rng.randrange(i) if rng.random() < 0.2 else i - 1 - rng.randrange(min(i, 200))
                if not acted or measures[j]["_status"] in ACTED_STATUSES:
                    break
            other = measures[j]["id"]
            if other in targets:
                continue
            constraint: dict[str, Any] = {"after": other}
            if rng.random() < 0.15 and (not acted or measures[j]["_status"] == "verified"):
                constraint["require"] = "verified"
            if rng.random() < 0.4:
                constraint["demanded_by"] = rng.choice([p for p in PARTIES if p != m["actor"]])
            targets[other] = constraint
        m["constraints"] = list(targets.values())
        count += len(targets)
        previous = measures[i - 1]
        if previous["id"] in targets and "with" in targets[previous["id"]]:
            previous["constraints"].append({"with": m["id"]})  # kept on both, as dprk does
            count += 1
    return count


def _add_cycles(rng: random.Random, measures: list[dict[str, Any]], cycles: int) -> int:
    """Two-party deadlocks: an older pending measure made to wait for a newer one
    it is exchanged for, which already waits for it."""
    added = 0
    index = {m["id"]: m for m in measures}
    candidates = [
        m
        for m in measures
        if m["_status"] in ("proposed", "agreed")
        and any(index[o]["_status"] in ("proposed", "agreed") for o in m["in_exchange_for"])
    ]
    rng.shuffle(candidates)
    used: set[str] = set()
    for m in candidates:
        if added >= cycles:
            break
        partners = [
            index[o]
            for o in m["in_exchange_for"]
            if index[o]["_status"] in ("proposed", "agreed") and o not in used
        ]
        if m["id"] in used or not partners:
            continue
        other = partners[0]
        for a, b in ((m, other), (other, m)):
            a["constraints"] = [
                c for c in a["constraints"] if c.get("after", c.get("with")) != b["id"]
            ]
            a["constraints"].append({"after": b["id"], "demanded_by": a["actor"]})
        used.update((m["id"], other["id"]))
        added += 1
    return added * 2


def floor_text(generated: Generated) -> str:
    """The floor file (see the module's docstring): the measures' own fields and the ids
    of their `after` constraints, one `[[measures]]` table each, rendered by tomli-w."""
    import tomli_w

    rows = []
    for m in sorted(generated.measures, key=lambda m: m["id"]):
        row = {key: m[key] for key in FLOOR_FIELDS}
        row["after"] = sorted(c["after"] for c in m["constraints"] if "after" in c)
        rows.append(row)
    return tomli_w.dumps({"measures": rows})


def write(out: Path, size: int, seed: int = DEFAULT_SEED, cycles: int = 0) -> tuple[Path, Path]:
    """Write into `out`: `ledger-SIZE.toml` (dprk's canonical form), `floor-SIZE.toml`,
    and `meta-SIZE.json` (the number of constraints and the pending ids, for the benchmark)."""
    import json

    generated = build(size, seed, cycles)
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"{size}" + (f"-cycles{cycles}" if cycles else "")
    ledger_path = out / f"ledger-{suffix}.toml"
    floor_path = out / f"floor-{suffix}.toml"
    _, render_ledger = _dprk()
    ledger_path.write_text(render_ledger(generated.ledger), encoding="utf-8")
    floor_path.write_text(floor_text(generated), encoding="utf-8")
    meta = {"constraints": generated.constraints, "pending": generated.pending_ids}
    (out / f"meta-{suffix}.json").write_text(json.dumps(meta), encoding="utf-8")
    return ledger_path, floor_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, action="append", help="measures (repeatable)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cycles", type=int, default=0, help="two-party deadlocks to add")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write into")
    args = parser.parse_args()
    for size in args.size or SIZES[:3]:
        ledger_path, floor_path = write(args.out, size, args.seed, args.cycles)
        print(f"{ledger_path} ({ledger_path.stat().st_size:,} bytes), {floor_path}")


if __name__ == "__main__":
    main()
