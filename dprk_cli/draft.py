"""A ledger being changed: the working copy every write goes through, and its commit rules.

A `Draft` holds the ledger's header and measures; operations read measures
from it and put new versions back. `finish()` turns it into the ledger to
write: each touched measure in canonical order, its undated creation dated,
its status and extent replayed from its history (a measure made of parts,
from its parts), every value validated; and it refuses, with one line naming
the measure and the entry, a change that adds an error `dprk check` would
report (`rules.new_errors`). No I/O: `store.edit` loads the draft and writes
what `finish()` returns.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import DprkError
from .lifecycle import LedgerLife, ancestors, effective_creation
from .model import CREATED, Conflict, Ledger, Measure, describe_validation_error
from .rules import new_errors, unknown_id_message


class Draft:
    """A ledger being changed: read measures, put new versions back, then `finish()`."""

    def __init__(self, ledger: Ledger) -> None:
        self.title = ledger.title
        self.parties = list(ledger.parties)
        self.conflicts = list(ledger.conflicts)  # a title left in conflict by a git merge
        self.schema = ledger.schema_
        self.original = ledger
        self._before: dict[str, Measure] = {m.id: m for m in ledger.measures}
        self._measures: dict[str, Measure] = dict(self._before)
        self.touched: set[str] = set()
        self.header_changed = False

    # reading
    def has(self, ident: str) -> bool:
        return ident in self._measures

    def __contains__(self, ident: object) -> bool:
        return ident in self._measures

    def __iter__(self) -> Iterator[str]:
        return iter(self._measures)

    def get(self, ident: str) -> Measure:
        try:
            return self._measures[ident]
        except KeyError:
            raise DprkError(unknown_id_message(ident, self._measures)) from None

    def measures(self) -> list[Measure]:
        return list(self._measures.values())

    def index(self) -> dict[str, Measure]:
        return self._measures

    @property
    def changed(self) -> bool:
        return bool(self.touched) or self.header_changed

    @property
    def ledger(self) -> Ledger:
        """The ledger as it stands now, changes included (not yet finished)."""
        return self._ledger(self._measures)

    def _ledger(self, measures: dict[str, Measure]) -> Ledger:
        return Ledger.model_construct(
            schema_=self.schema,
            title=self.title,
            parties=list(self.parties),
            conflicts=list(self.conflicts),
            measures=[measures[i] for i in sorted(measures)],
        )

    # changing
    def put(self, measure: Measure) -> None:
        """Add a measure, or replace the one with the same id."""
        if self._measures.get(measure.id) is measure:
            return
        self._measures[measure.id] = measure
        self.touched.add(measure.id)

    def remove(self, ident: str) -> None:
        self.get(ident)
        del self._measures[ident]
        self.touched.add(ident)

    def set_header(
        self,
        *,
        title: str | None = None,
        parties: list[str] | None = None,
        conflicts: list[Conflict] | None = None,
    ) -> None:
        if title is not None:
            self.title = title
        if parties is not None:
            self.parties = list(parties)
        if conflicts is not None:
            self.conflicts = list(conflicts)
        self.header_changed = True

    def replace_all(self, ledger: Ledger) -> None:
        """Make the ledger equal to `ledger` (import --replace, merges, undo)."""
        self.set_header(title=ledger.title, parties=ledger.parties, conflicts=ledger.conflicts)
        incoming = {m.id: m for m in ledger.measures}
        for ident in list(self._measures):
            if ident not in incoming:
                self.remove(ident)
        for ident, measure in incoming.items():
            if self._measures.get(ident) != measure:
                self.put(measure)

    # committing
    def finish(self) -> Ledger:
        """The changed ledger, settled and checked; a `DprkError` if the change would add
        an error (nothing of the draft is then to be written)."""
        self._settle()
        problems = new_errors(
            self._before, self.original.parties, self._measures, self.parties, self.touched
        )
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            where = f"{first.measure}: " if first.measure else ""
            raise DprkError(f"{where}{first.message}{more}; nothing was written")
        _validate_header(self)
        return self._ledger(self._measures)

    def _settle(self) -> None:
        """Bring every touched measure (and what it is part of) to its canonical form."""
        for ident in sorted(self.touched):
            m = self._measures.get(ident)
            if m is not None:
                self._measures[ident] = _validated(settle(m))
        life = LedgerLife(self._measures)
        upward: list[str] = []  # touched measures, then what each is (or was) part of
        for ident in sorted(self.touched):
            chain = [ident, *ancestors(self._measures, ident), *ancestors(self._before, ident)]
            for above in chain:
                if above in self._measures and above not in upward:
                    upward.append(above)
        for ident in upward:
            m = self._measures[ident]
            state = life.state(ident)
            if state is not None and (state.status, state.extent) != (m.status, m.extent):
                self._measures[ident] = m.model_copy(
                    update={"status": state.status, "extent": state.extent}
                )
                self.touched.add(ident)


def settle(m: Measure) -> Measure:
    """`m` in canonical form: lists in order, an undated creation dated by the earliest
    event, status and extent as its own history replays (parts aside)."""
    from .lifecycle import replay

    m = m.normalized()
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is not None and created.undated:
        day = effective_creation(m)
        if day is not None and day != created.date:
            history = [h.model_copy(update={"date": day}) if h is created else h for h in m.history]
            m = m.model_copy(update={"history": history}).normalized()
    life = replay(m)
    if (life.status, life.extent) != (m.status, m.extent):
        m = m.model_copy(update={"status": life.status, "extent": life.extent})
    return m


def _validated(m: Measure) -> Measure:
    """`m` checked field by field as a file would be (a copy made with new values is not)."""
    from pydantic import ValidationError

    try:
        return Measure.model_validate(m.model_dump(by_alias=True)).normalized()
    except ValidationError as exc:
        raise DprkError(f"measure '{m.id}': {describe_validation_error(exc)}") from None


def _validate_header(draft: Draft) -> None:
    from pydantic import ValidationError

    try:
        Ledger.model_validate(
            {
                "schema": draft.schema,
                "title": draft.title,
                "parties": draft.parties,
                "conflicts": [c.model_dump() for c in draft.conflicts],
            }
        )
    except ValidationError as exc:
        raise DprkError(describe_validation_error(exc)) from None
