"""A ledger being changed: the working copy every write goes through, and its commit rules.

A `Draft` holds the ledger's header and reads measures from an index of the
ledger as it was (`model.MeasureIndex`: the store's builds a measure only when
asked for it, so a change to one measure of ten thousand reads a handful);
operations read measures from the draft and put new versions back.
`finish()` brings the change to what is to be written: each touched measure
in canonical order, its undated creation dated, its status and extent
replayed from its history (a measure made of parts, from its parts), every
value validated; and it refuses, with one line naming the measure and the
entry, a change that adds an error `dprk check` would report
(`rules.new_problems`). No I/O: `store.edit` makes the draft and writes what
`finish()` leaves in it (`changes()`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date, datetime

from .clock import fixed_ahead, latest_now, recorded_ahead
from .errors import DprkError, also_named
from .lifecycle import (
    LedgerLife,
    correction,
    dated_creation,
    effective_creation,
    found_after,
    recorded_in_order,
    unnumbered,
)
from .model import (
    Conflict,
    HistoryEntry,
    Ledger,
    Measure,
    MeasureIndex,
    describe_validation_error,
)
from .rules import (
    AFTER_THE_END,
    RECORDED_AFTER_NOW,
    WARNING,
    Problem,
    errors_of,
    new_problems,
    unknown_id_message,
    verifiers_named,
)
from .vocab import CREATED, ancestors, in_prose, references, renamed_from

_AFTER_END_NAMED = 5  # (the measures a change dated after the end names; the rest counted)


class Draft:
    """A ledger being changed: read measures, put new versions back, then `finish()`."""

    def __init__(self, ledger: Ledger, measures: MeasureIndex | None = None) -> None:
        """A draft of `ledger`: its header, and its measures (from `measures`, an index of
        them, when given: `ledger.measures` is then not read)."""
        self.title = ledger.title
        self.parties = list(ledger.parties)
        self.conflicts = list(ledger.conflicts)  # a title left in conflict by a git merge
        self.ended, self.ended_note = ledger.ended, ledger.ended_note  # (talks over)
        self.original_ended = ledger.ended
        self.schema = ledger.schema_
        self.original_parties = list(ledger.parties)
        self._before = measures if measures is not None else MeasureIndex(ledger.index())
        self._changes: dict[str, Measure | None] = {}  # None: removed
        self._after = _Overlay(self._before, self._changes)
        self.touched: set[str] = set()
        self.header_changed = False
        self.warnings: list[Problem] = []  # what the change leaves to be told (`finish`)
        self._late: list[Problem] = []  # an entry recorded after now (`_told_recorded_late`)
        # (how undo's journal names the change, when the command says it better once
        # made than as typed: a verifier as recorded)
        self.described: str | None = None
        # (when the ledger says the change was recorded, where not when the clock says:
        # under a clock set back, its entries are written after the latest on record)
        self.recorded: datetime | None = None
        # (how a refusal words the problem a rule found, where the command says it
        # otherwise than the rule: an import, as what to mend in its file)
        self.refused_as: Callable[[Problem], str] | None = None
        # (the entries a change brings with the time they were recorded at elsewhere,
        # not now: an import's, as its file gives them, kept as they are)
        self.as_given: Callable[[HistoryEntry], bool] | None = None

    # reading
    def has(self, ident: str) -> bool:
        return ident in self._after

    def __contains__(self, ident: object) -> bool:
        return ident in self._after

    def __iter__(self) -> Iterator[str]:
        return iter(self._after)

    def get(self, ident: str, *, beside: str | None = None) -> Measure:
        """The measure `ident`, or a refusal naming the ids near it (`beside`: the measure
        it was given with, as `unknown_id_message` takes it)."""
        try:
            return self._after[ident]
        except KeyError:
            raise DprkError(unknown_id_message(ident, self._after, beside=beside)) from None

    def require(self, ids: Iterable[str], *, beside: str | None = None) -> None:
        """Refuse a change naming ids of no measure, every one of them named (a list from
        a pipeline may hold several stale ids: each run would find only the next);
        `beside`, as `get` takes it."""
        unknown = list(dict.fromkeys(i for i in ids if i not in self._after))
        if unknown:
            raise DprkError(unknown_id_message(unknown, self._after, beside=beside))

    def index(self) -> MeasureIndex:
        """The measures as they stand now, changes included, by id."""
        return self._after

    def before(self) -> MeasureIndex:
        """The measures as they were before any change."""
        return self._before

    def parts_of(self, ident: str) -> list[str]:
        """The ids of the measure's parts, as the draft stands, in id order."""
        return list(self._after.parts().get(ident, []))

    def mentioning(
        self, text: str, *, any_case: bool = False, any_signs: bool = False
    ) -> list[str]:
        """The ids of the measures that may hold `text` in any field, as the draft stands
        (`MeasureIndex.mentioning`): a change of every measure naming a party or an id
        builds those, not every measure."""
        return self._after.mentioning(text, any_case=any_case, any_signs=any_signs)

    def verifiers(self) -> list[str]:
        """The verifiers on record, as the draft stands: those with a finding and those an
        order waits for a finding of (`sequence --verified-by`), each once as first spelt,
        in the order of their measures (`MeasureIndex.verifiers`: every measure's kept
        record is read, none built)."""
        return list(dict.fromkeys(by for _, by in self._after.verifiers(orders=True)))

    def verified_by(self, names: Callable[[str], bool]) -> list[str]:
        """The ids of the measures with a finding by a verifier `names` takes, as the draft
        stands, in the order of their measures (every measure's kept record is read, none
        built: `verifiers`)."""
        return list(dict.fromkeys(i for i, by in self._after.verifiers() if names(by)))

    def referring_to(self, ident: str) -> list[str]:
        """The other measures that refer to `ident` (exchange, sequencing, part of)."""
        return sorted(self._after.referrers({ident}) - {ident})

    @property
    def changed(self) -> bool:
        return bool(self.touched) or self.header_changed

    def header(self) -> Ledger:
        """The ledger's own fields as the draft stands (no measures in it)."""
        return Ledger.model_construct(
            schema_=self.schema,
            title=self.title,
            parties=list(self.parties),
            conflicts=list(self.conflicts),
            ended=self.ended,
            ended_note=self.ended_note,
            measures=[],
        )

    @property
    def ledger(self) -> Ledger:
        """The whole ledger as it stands now, changes included (every measure built)."""
        measures = [self._after[i] for i in sorted(self._after)]
        return self.header().model_copy(update={"measures": measures})

    def changes(self) -> dict[str, Measure | None]:
        """Each touched measure's new version (None: removed), by id."""
        return {ident: self._after.get(ident) for ident in sorted(self.touched)}

    # changing
    def put(self, measure: Measure) -> None:
        """Add a measure, or replace the one with the same id."""
        if self._after.get(measure.id) is measure:
            return
        self._changes[measure.id] = measure
        self._after.changed()
        self.touched.add(measure.id)

    def remove(self, ident: str) -> None:
        self.get(ident)
        self._changes[ident] = None
        self._after.changed()
        self.touched.add(ident)

    def set_header(
        self,
        *,
        title: str | None = None,
        parties: list[str] | None = None,
        conflicts: list[Conflict] | None = None,
        ended: tuple[date | None, str] | None = None,
    ) -> None:
        """Change the ledger's own fields given (`ended`: the day the talks ended, None
        for talks not over, with its note)."""
        if ended is not None:
            self.ended, self.ended_note = ended
        if title is not None:
            self.title = title
        if parties is not None:
            self.parties = list(parties)
        if conflicts is not None:
            self.conflicts = list(conflicts)
        self.header_changed = True

    # committing
    def finish(self) -> None:
        """Settle and check the change; a `DprkError` if it would add an error (nothing
        of the draft is then to be written)."""
        prior = self._settle()
        # (what the change recorded, found after what was on record: `found_after`)
        found_later = {}
        for ident, m in self._changes.items():
            was = prior[ident] if ident in prior else self._was(ident, m) if m else None
            if m is not None and was is not None:
                found_later[ident] = found_after(was, m)
        checked: _Overlay = self._after
        if any(m is not self._changes[ident] for ident, m in found_later.items()):
            checked = _Overlay(self._before, {**self._changes, **found_later})
        found = new_problems(
            self._before, self.original_parties, checked, self.parties, self.touched
        )
        problems = errors_of(found)
        self.warnings = [*self._late, *(p for p in found if p not in problems)]
        after_end = self._after_end()
        if after_end is not None:
            self.warnings.append(after_end)
        ahead = fixed_ahead() if self.touched else None
        if ahead is not None:  # (said first: it is of the whole change)
            self.warnings.insert(0, _fixed_ahead_problem(ahead))
        if problems:
            # (the measures the change was made to first: their words name what was typed)
            problems.sort(key=lambda p: p.measure not in self.touched)
            # (a whole whose stored state alone follows its parts keeps its entries' numbers)
            renumbered = {
                i
                for i in self.touched
                if i not in self._before
                or i not in self._after
                or self._before[i].history != self._after[i].history
            }

            def said(p: Problem) -> str:
                """A problem with its measure, as a refusal names it: the numbers its
                advice may give the entries of the measures whose history the change
                rewrote are of the history not written (those of the others are the
                file's)."""
                text = p.message if self.refused_as is None else self.refused_as(p)
                where = f"{p.measure}: " if p.measure else ""
                return where + unnumbered(text, renumbered)

            # (every one named: a change refused wrote nothing for `check` to list)
            first, *others = map(said, problems)
            raise DprkError(f"{also_named(first, others)}; nothing was written")
        if self.header_changed:  # (as read, it was valid: a read validates it)
            _validate_header(self)

    def _after_end(self) -> Problem | None:
        """The warning of a change that records an event dated after the day the talks
        ended: allowed (a measure carried out after the talks), but every view asked of
        no day reads the ledger as of the end, without it. One for the whole change,
        naming every measure it dated so, in id order (the first few, the rest counted).
        Only events count: a correction of the record (a renote, a redate, a title or
        notes edited: `lifecycle.correction`) is dated the day it is typed, and the entry
        it corrects keeps its own day; an entry already dated after the end, as it was,
        is no news. An end the change records itself (an import that fills a ledger
        takes its file's) is said by its command, of every measure, as `edit-ledger
        --ended` says it (`cli.derived.after_the_end`)."""
        end = self.ended
        if end is None or end != self.original_ended:
            return None

        def after_end(measure: Measure) -> list[tuple[datetime, str, date]]:
            return [
                (h.recorded, h.event, h.date)
                for h in measure.history
                if h.date > end and not correction(h)
            ]

        named = []
        for ident in sorted(self.touched):
            m = self._after.get(ident)
            if m is None:
                continue
            was = self._before.get(ident) if ident in self._before else None
            on_record = after_end(was) if was else []
            if any(entry not in on_record for entry in after_end(m)):
                named.append(ident)
        if not named:
            return None
        return Problem(
            WARNING,
            AFTER_THE_END,
            in_prose(named, most=_AFTER_END_NAMED),
            f"dated after the talks ended on {self.ended}; views read as of the "
            "end: --as-of to see it",
        )

    def _was(self, ident: str, m: Measure) -> Measure | None:
        """The measure `m` was before the change: of its id, or, renamed by it, of the id
        its latest rename names (None for one the change added)."""
        if ident in self._before:
            return self._before[ident]
        made = {h.recorded for h in m.history if h.event == CREATED}
        for h in m.history:
            was = renamed_from(h)
            if was is not None and was in self._before:
                before = self._before[was]  # (the same measure: of one creation)
                if made & {b.recorded for b in before.history if b.event == CREATED}:
                    return before
        return None

    def _settle(self) -> dict[str, Measure]:
        """Bring every touched measure (and what it is part of) to its canonical form;
        the measure each touched one was before the change (`_was`), by its id now."""
        from .changes import is_party_rename, links_follow_own_creation

        given = self.as_given

        def kept(h: HistoryEntry) -> bool:
            """A rename's entry written on it keeps the rename's own time, and an entry
            imported the time its file gives."""
            return is_party_rename(h) or (given is not None and given(h))

        prior: dict[str, Measure] = {}
        for ident in sorted(self.touched):
            m = self._changes.get(ident)
            if m is not None:
                was = self._was(ident, m)
                if was is not None:  # (never written as found before the file's)
                    prior[ident] = was
                    moved = recorded_in_order(was, m, kept)
                    if moved is not m:  # (the time the file holds for the change: later)
                        pairs = zip(moved.history, m.history, strict=True)
                        late = max(h.recorded for h, was_h in pairs if h is not was_h)
                        self._told_recorded_late(ident, late, max(h.recorded for h in was.history))
                        # (made then, for undo's journal, under a clock set back; not a time
                        # after now that an entry recorded ahead pushed it to, which no clock
                        # gave, hours or a year ahead: the change was made at the clock's
                        # moment, `clock.now`)
                        if late <= latest_now():
                            self.recorded = max(self.recorded or late, late)
                    m = moved
                    m = links_follow_own_creation(m, dated_creation(was), self._after.get)
                self._changes[ident] = _validated(settle(m))
        for ident in sorted(self.touched):
            self.date_links_held(ident)
            self.date_links_to(ident)
        self._after.changed()
        self._date_wholes()
        # (last: dating a whole rewrites the links other measures hold with it, each
        # settled by its own history alone, a measure made of parts among them)
        self._store_states()
        return prior

    def _told_recorded_late(self, ident: str, late: datetime, latest: datetime) -> None:
        """Tell, once a change, that it records `ident`'s entry at `late`, after now, a
        second after the `latest` entry on record (`recorded_in_order`: never before it),
        itself after now: a hand edit's typo most likely. The change is made all the same
        (the file was wrong before it; under a clock set back, it is the rule), as `check`
        warns of it (`recorded-after-now`)."""
        if not recorded_ahead(late) or self._late:
            return
        self._late.append(
            Problem(
                WARNING,
                RECORDED_AFTER_NOW,
                ident,
                f"this change is recorded at {late.isoformat(sep=' ')}, after now, as its "
                f"latest entry is recorded at {latest.isoformat(sep=' ')}, and dprk records "
                "none before it: a time typed wrong? correct that entry's recorded in the "
                "file ('dprk check' names it)",
            )
        )

    def _store_states(self) -> None:
        """Store on every measure the change touched, and on what each is (or was) part
        of, the status and extent the ledger's replay gives it (`LedgerLife.state`: a
        measure made of parts, from its parts); `settle` gave each its own history's. One
        read otherwise than its file holds it (`MeasureIndex.restated`) is written so."""
        life = LedgerLife(self._after)
        restated = self._before.restated()
        upward: list[str] = []  # touched measures, then what each is (or was) part of
        for ident in sorted(self.touched):
            chain = [ident, *ancestors(self._after, ident), *ancestors(self._before, ident)]
            for above in chain:
                if above in self._after and above not in upward:
                    upward.append(above)
        for ident in upward:
            m = self._after[ident]
            state = life.state(ident)
            if state is None:
                continue
            if (state.status, state.extent) != (m.status, m.extent) or ident in restated:
                self._changes[ident] = m.model_copy(
                    update={"status": state.status, "extent": state.extent}
                )
                self.touched.add(ident)
        self._after.changed()

    def _date_wholes(self) -> None:
        """Date the undated creation of each measure made of parts the change may move
        (a touched one, and those its touched parts are or were once part of, nearest
        first) on the day every report holds it from (`LedgerLife.undated_made_on`): a
        part marked, redated, added, taken out or removed moves it in the same write.
        A measure whose record of a link a whole dated anew moves (`date_links_to`, which
        settles it by its own history: `settle`) is dated so in turn, when made of parts,
        and so are the wholes it is part of."""
        from .changes import undated_creation_on
        from .lifecycle import wholes_over_time

        touched = sorted(self.touched)
        parts = self._after.parts()
        wholes = [i for i in touched if parts.get(i)]
        for ident in touched:
            wholes.extend(wholes_over_time(self._after, ident))
            wholes.extend(wholes_over_time(self._before, ident))
        todo = list(dict.fromkeys(wholes))
        # (how many times each was dated: one dated already is dated again when a record
        # of its moves, at most once for each whole: enough for any chain, never a loop)
        seen: dict[str, int] = {}
        life: LedgerLife | None = None  # (made again once a whole is dated anew)
        while todo:
            ident = todo.pop(0)
            seen[ident] = seen.get(ident, 0) + 1
            m = self._after.get(ident)
            if m is None:
                continue
            # (the links it holds first: from its own beginning, which its parts date)
            held = self.date_links_held(ident)
            if held:
                life = None
                m = self._after[ident]
            life = life or LedgerLife(self._after)
            day = life.undated_made_on(m)
            dated = m if day is None else undated_creation_on(m, day)
            if dated is m and not held:
                continue
            if dated is not m:
                self._changes[ident] = dated.normalized()
                self.touched.add(ident)
                self._after.changed(ident)
            moved = self.date_links_to(ident)
            self._after.changed(ident, *moved)
            life = None
            parts = self._after.parts()
            for other in moved:
                for whole in [other, *wholes_over_time(self._after, other)]:
                    again = seen.get(whole, 0) < len(parts)
                    if again and whole not in todo and parts.get(whole):
                        todo.append(whole)

    def date_links_to(self, ident: str) -> list[str]:
        """Date the links written on other measures when `ident` was added (undated, or
        with the creation it had before the change: `changes.links_dated`) as its
        creation now is; the ids of the measures that changed."""
        from .changes import exchange_text, links_dated

        m = self._changes.get(ident)
        created = None if m is None else next((h for h in m.history if h.event == CREATED), None)
        if m is None or created is None:
            return []
        changed = []
        old = self._before.get(ident)
        was = None if old is None else next((h for h in old.history if h.event == CREATED), None)
        others = set(m.in_exchange_for)
        if was is not None and (was.date, was.undated) != (created.date, created.undated):
            # (a link ended since keeps its record, which moves with the creation too)
            others.update(i for i in self.mentioning(exchange_text(ident)) if i != ident)
        life: LedgerLife | None = None
        for other in sorted(others):
            p = self._after.get(other)
            if p is None:
                continue
            mirrored = {  # (a link made apart on the day: recorded on both)
                (h.date, h.recorded)
                for h in m.history
                if h.event == "exchange" and h.detail == exchange_text(other)
            }
            begun = None
            if created.undated and _added_undated(p):
                life = life or LedgerLife(self._after)
                begun = life.own_beginning(p)
            said = [
                h
                for h in m.history
                if h.event == "exchange" and not h.undated and h.detail == exchange_text(other)
            ]
            linked = links_dated(p, ident, created, was, mirrored, begun=begun, said=said)
            if linked is not p:
                self._changes[other] = _validated(settle(linked))
                self.touched.add(other)
                changed.append(other)
        return changed

    def date_links_held(self, ident: str) -> bool:
        """Date the links `ident` holds that other measures were added with without a
        date (`lifecycle.undated_link`) as `changes.links_dated` does: from the later of
        the two beginnings, its own as its record now dates it (its events and parts, the
        links aside). A link has no day of its own to date it by, whichever of the two
        was added with it; the measure settled (`settle`) and stored when one moves.
        Whether one did."""
        from .changes import links_dated
        from .lifecycle import exchanged_with, undated_link

        m = self._after.get(ident)
        if m is None or not _added_undated(m):
            return False
        named = sorted({exchanged_with(h) or "" for h in m.history if undated_link(h)} - {""})
        if not named:
            return False
        begun = LedgerLife(self._after).own_beginning(m)
        linked = m
        for of in named:
            other = self._after.get(of)
            created = (
                None
                if other is None
                else next((h for h in other.history if h.event == CREATED), None)
            )
            if other is None or created is None or not created.undated:
                continue  # (given a date since: `date_links_to` dates it from that one)
            linked = links_dated(linked, of, created, begun=begun)
        if linked is m:
            return False
        self._changes[ident] = _validated(settle(linked))
        self.touched.add(ident)
        self._after.changed(ident)
        return True


def _added_undated(m: Measure) -> bool:
    """Whether measure `m` was added without a date (its creation recorded so)."""
    created = next((h for h in m.history if h.event == CREATED), None)
    return created is not None and created.undated


def overlaid(base: MeasureIndex, changes: Mapping[str, Measure | None]) -> MeasureIndex:
    """The measures of `base` with `changes` over them (None: a measure not there), as a
    draft stands over the ledger it started from: the ledger before a change, say, from
    the one after it and what the change replaced."""
    return _Overlay(base, dict(changes))


class _Overlay(MeasureIndex):
    """The measures as a draft stands: its changes over the index it started from."""

    def __init__(self, base: MeasureIndex, changes: dict[str, Measure | None]) -> None:
        super().__init__(base)
        self.base = base
        self.overrides = changes
        self._parts_now: dict[str, list[str]] | None = None
        self._former_now: dict[str, list[str]] | None = None
        # (the changes each was made from, and what gave the measures parts were once)
        self._parts_of: dict[str, Measure | None] = {}
        self._former_of: dict[str, Measure | None] = {}
        self._wholes: Callable[[Measure], Iterable[str]] | None = None

    def changed(self, *idents: str) -> None:
        """Forget the parts made of the changes, which moved: but, told which measures
        changed (`idents`), keep each map where every one of them is part of what it was,
        now and once (a whole dated anew). Made again for each whole a write dates, they
        were a pass over every measure changed for each: an import's, the square of it."""
        if not idents or not all(self._same_parts(i, self._parts_of) for i in idents):
            self._parts_now = None
        if not idents or not all(self._same_parts(i, self._former_of) for i in idents):
            self._former_now = None

    def _same_parts(self, ident: str, counted: dict[str, Measure | None]) -> bool:
        """Whether the change of `ident` is part of what the one `counted` was, now and
        once (`former_parts`'s `wholes`); no change counted, or none now, is not."""
        was, now = counted.get(ident), self.overrides.get(ident)
        if was is None or now is None or was is now:
            return was is now and ident in counted
        wholes = self._wholes
        return was.part_of == now.part_of and (
            wholes is None or list(wholes(was)) == list(wholes(now))
        )

    def __getitem__(self, ident: str) -> Measure:
        if ident in self.overrides:
            found = self.overrides[ident]
            if found is None:
                raise KeyError(ident)
            return found
        return self.base[ident]

    def __contains__(self, ident: object) -> bool:
        if isinstance(ident, str) and ident in self.overrides:
            return self.overrides[ident] is not None
        return ident in self.base

    def __iter__(self) -> Iterator[str]:
        for ident in self.base:
            if self.overrides.get(ident, True) is not None:
                yield ident
        for ident, m in self.overrides.items():
            if m is not None and ident not in self.base:
                yield ident

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def parts(self) -> dict[str, list[str]]:
        if self._parts_now is None:
            found = {parent: list(ids) for parent, ids in self.base.parts().items()}
            for ident in self.overrides:
                was = self.base.get(ident)
                if was is not None and was.part_of is not None and was.part_of in found:
                    found[was.part_of] = [i for i in found[was.part_of] if i != ident]
            for ident, m in self.overrides.items():
                if m is not None and m.part_of is not None and m.part_of != ident:
                    found.setdefault(m.part_of, []).append(ident)
            self._parts_now = {parent: sorted(set(ids)) for parent, ids in found.items() if ids}
            self._parts_of = dict(self.overrides)
        return self._parts_now

    def restated(self) -> Collection[str]:
        return self.base.restated()

    def former_parts(self, wholes: Callable[[Measure], Iterable[str]]) -> dict[str, list[str]]:
        if self._former_now is None:
            found = {
                whole: [i for i in ids if i not in self.overrides]
                for whole, ids in self.base.former_parts(wholes).items()
            }
            for ident, m in self.overrides.items():
                for whole in wholes(m) if m is not None else ():
                    if whole != ident:
                        found.setdefault(whole, []).append(ident)
            self._former_now = {whole: sorted(ids) for whole, ids in found.items() if ids}
            self._former_of, self._wholes = dict(self.overrides), wholes
        return self._former_now

    def mentioning(
        self, text: str, *, any_case: bool = False, any_signs: bool = False
    ) -> list[str]:
        found = [
            i
            for i in self.base.mentioning(text, any_case=any_case, any_signs=any_signs)
            if i not in self.overrides
        ]
        found.extend(i for i, m in self.overrides.items() if m is not None)
        return found

    def mentions(self, ident: str, text: str) -> bool:
        if ident in self.overrides:  # (as `mentioning` gives every measure changed)
            return self.overrides[ident] is not None
        return self.base.mentions(ident, text)

    def settled(self) -> tuple[str, bool] | None:
        from .lifecycle import replay

        found = self.base.settled()
        if found is None:
            return None
        latest, by_hand = found
        for m in self.overrides.values():
            if m is not None:
                latest = max(latest, m.dated_to())  # (a later day than the latest, maybe)
                by_hand = by_hand or replay(m).status != m.status
        return latest, by_hand

    def verifiers(self, *, orders: bool = False) -> Iterator[tuple[str, str]]:
        for ident, by in self.base.verifiers(orders=orders):
            if ident not in self.overrides:
                yield ident, by
        for ident, m in self.overrides.items():
            if m is not None:
                for by in verifiers_named(m, orders=orders):
                    yield ident, by

    def may_hold_title(self, key: str, but: Collection[str] = ()) -> bool:
        from .vocab import words_key

        return self.base.may_hold_title(key, but) or any(
            m is not None and i not in but and words_key(m.title) == key
            for i, m in self.overrides.items()
        )

    def titles(self) -> Iterator[tuple[str, str, str]]:
        for found in self.base.titles():
            if found[0] not in self.overrides:
                yield found
        for ident, m in self.overrides.items():
            if m is not None:
                yield ident, m.title, m.actor

    def referrers(self, ids: Collection[str]) -> set[str]:
        wanted = set(ids)
        found = self.base.referrers(wanted) - self.overrides.keys()
        for ident, m in self.overrides.items():
            if m is not None and not wanted.isdisjoint(references(m)):
                found.add(ident)
        return found

    def followed_once(
        self, ids: Collection[str], ended: Callable[[Measure], Iterable[str]]
    ) -> set[str]:
        wanted = set(ids)
        found = self.base.followed_once(wanted, ended) - self.overrides.keys()
        for ident, m in self.overrides.items():
            if m is not None and not wanted.isdisjoint(ended(m)):
                found.add(ident)
        return found


def settle(m: Measure) -> Measure:
    """`m` in canonical form: lists in order, an undated creation dated by the earliest
    event, each edit of a dated field naming the value the one before it set, status and
    extent as its own history replays (parts aside)."""
    from .changes import edits_in_order, undated_creation_on
    from .lifecycle import replay

    m = edits_in_order(m.normalized())
    day = effective_creation(m)
    if day is not None:
        dated = undated_creation_on(m, day)
        m = dated.normalized() if dated is not m else m
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
                "ended": draft.ended,
                "ended_note": draft.ended_note,
            }
        )
    except ValidationError as exc:
        raise DprkError(describe_validation_error(exc)) from None


def _fixed_ahead_problem(ahead: datetime) -> Problem:
    """The warning of a change recorded at a SOURCE_DATE_EPOCH more than a day after the
    system's clock (`clock.fixed_ahead`)."""
    return Problem(
        WARNING,
        RECORDED_AFTER_NOW,
        None,
        f"SOURCE_DATE_EPOCH records this change at {ahead.isoformat(sep=' ')}, more than a "
        "day after the system's clock: once it is unset, 'dprk check' calls that time typed "
        "wrong, and each later entry of the measure is recorded after it; a reproducible "
        "file is made at a time past",
    )
