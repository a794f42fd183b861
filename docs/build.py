"""Write docs/reference.md from dprk itself.

    python docs/build.py           rewrite docs/reference.md
    python docs/build.py --check   exit 1 if docs/reference.md is out of date

Everything in the reference comes from the code or from running it: each
command's --help, the JSON of each report (run on the bundled example in a
scratch folder, then cut down to a record or two), the CSV columns (the
header each report writes), the statuses, extents, checks and exit codes
(from the modules that define them). Only the sentences around them are
written here. tests/test_docs.py fails when the file differs from what this
script makes, so a change to a command's options or a report's keys shows up
as a stale reference.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"
sys.path.insert(0, str(ROOT))

from dprk_cli import errors, vocab  # noqa: E402
from dprk_cli.analysis.checks import CHECKS, FILE_CHECKS  # noqa: E402
from dprk_cli.cli.app import COMMANDS, main  # noqa: E402
from dprk_cli.render import FORMATS  # noqa: E402

# The environment the examples are made in (here, and by tests/test_docs.py for the
# console examples of every document): the same bytes on every machine.
ENVIRONMENT = {
    "SOURCE_DATE_EPOCH": "1796083200",  # 2026-12-01 00:00 UTC, the `recorded` stamp
    "PAGER": "cat",
    "COLUMNS": "100",  # help text is folded at 78 columns from 80 up
    "LINES": "40",
    "LC_ALL": "C",
    "PYTHONUTF8": "1",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONUNBUFFERED": "1",  # stdout and stderr of a `dprk` process stay in order
    "GIT_AUTHOR_NAME": "Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.org",
    "GIT_COMMITTER_NAME": "Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.org",
    "GIT_AUTHOR_DATE": "2026-12-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-12-01T00:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "TZ": "UTC",  # (the day git reads a commit's date on: `dprk diff DAY`)
}
UNSET = (
    "DPRK_LEDGER",
    "DPRK_PAGER",
    "DPRK_DEBUG",
    "FORCE_COLOR",
    "NO_COLOR",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
)

# Changes made to the scratch copy of the example so that every list of every
# report has something in it (they are not in the bundled example).
SCRATCH_CHANGES = [
    "verify remains-repatriation --by DPAA --result partial --method 'forensic identification' "
    "--date 2018-09-20 --note 'first two servicemen identified'",
    "add-measure 'Ease some sanctions on the DPRK' --actor US --id sanctions-relief "
    "--category sanctions --in-exchange-for punggye-ri-closure --date 2018-09-20",
    "sequence sanctions-relief --after punggye-ri-closure --require verified --demanded-by US "
    "--date 2018-09-20",
    "add-measure 'Sign a peace treaty' --actor US --id peace-treaty --category security-guarantee "
    "--after end-of-war-declaration --date 2018-09-20",
    "add-measure 'Dismantle the engine test stand' --actor DPRK --id sohae-engine-stand "
    "--part-of tongchang-ri-dismantlement --status implemented --date 2018-07-23",
    "add-measure 'Dismantle the launch platform' --actor DPRK --id sohae-launch-platform "
    "--part-of tongchang-ri-dismantlement --status agreed --date 2018-09-19",
]
# Made after the scratch copy is committed to git, for `dprk diff`.
DIFF_CHANGES = [
    "mark pompeo-pyongyang-visit implemented --date 2018-10-07",
    "verify punggye-ri-closure --by '38 North' --result partial --method 'satellite imagery' "
    "--date 2018-10-01",
    "edit second-summit --deadline 2018-11-06 --date 2018-09-10",
]


# --- running dprk ---------------------------------------------------------------------------


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A scratch folder as the current folder, with the environment above."""
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        try:
            for key in UNSET:
                os.environ.pop(key, None)
            os.environ.update(ENVIRONMENT)
            os.environ["HOME"] = str(folder)
            os.environ["GIT_CEILING_DIRECTORIES"] = str(folder.parent)
            os.chdir(folder)
            yield folder
        finally:
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)


def dprk(command: str | list[str]) -> str:
    """Run dprk through its real entry point; its standard output (an error if it fails)."""
    import shlex

    args = shlex.split(command) if isinstance(command, str) else command
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        code = main(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    if code not in (0, 1) or (code == 1 and args[0] != "check"):
        raise SystemExit(f"docs/build.py: 'dprk {' '.join(args)}' failed: {err.getvalue()}")
    return out.getvalue()


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


# --- cutting examples down ------------------------------------------------------------------

LONGEST = 70  # characters of text kept in an example value
KEEP = 2  # items kept of a list


def cut(value: Any) -> Any:
    """A JSON value with long text shortened and long lists cut to their first items."""
    if isinstance(value, str):
        return value if len(value) <= LONGEST else value[: LONGEST - 3] + "..."
    if isinstance(value, list):
        return [cut(v) for v in value[:KEEP]]
    if isinstance(value, dict):
        return {k: cut(v) for k, v in value.items()}
    return value


def only(records: list[dict[str, Any]], key: str, wanted: list[str]) -> list[dict[str, Any]]:
    """The records whose `key` is one of `wanted`, in that order."""
    by_key = {r[key]: r for r in records}
    return [by_key[w] for w in wanted]


def show_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


# --- what the reference shows about each report ---------------------------------------------


class ReportSpec:
    """How one reporting command is shown: its JSON (picked and cut) and its rows."""

    def __init__(
        self,
        name: str,
        json_args: str,
        rows: str,
        pick: Callable[[Any], Any] = lambda doc: doc,
        csv_args: str | None = None,
    ) -> None:
        self.name = name
        self.json_args = json_args
        self.rows = rows
        self.pick = pick
        self.csv_args = csv_args or json_args.replace("--format json", "--format csv")


def _status(doc: dict[str, Any]) -> dict[str, Any]:
    wanted = ["inventory-submission", "remains-repatriation"]
    return doc | {"measures": only(doc["measures"], "id", wanted)}


def _next(doc: dict[str, Any]) -> dict[str, Any]:
    return doc | {"blocked": only(doc["blocked"], "id", ["inventory-submission", "peace-treaty"])}


def _timeline(doc: dict[str, Any]) -> dict[str, Any]:
    events = doc["events"]
    return doc | {"events": [events[0], next(e for e in events if e["answers"])]}


def _export(doc: dict[str, Any]) -> dict[str, Any]:
    return doc | {"measures": only(doc["measures"], "id", ["tongchang-ri-dismantlement"])}


REPORTS = [
    ReportSpec(
        "status",
        "status --format json",
        "one row per measure",
        _status,
    ),
    ReportSpec(
        "show",
        "show tongchang-ri-dismantlement --format json",
        "one row per measure shown",
    ),
    ReportSpec(
        "log",
        "log tongchang-ri-dismantlement --format json",
        "one row per history entry",
    ),
    ReportSpec(
        "scorecard",
        "scorecard --as-of 2019-12-31 --yearly --format json",
        "one row per group (with `--yearly`, one per group and year, with a `year` column)",
        csv_args="scorecard --as-of 2019-12-31 --format csv",
    ),
    ReportSpec("next", "next --format json", "one row per measure, with its `state`", _next),
    ReportSpec("plan", "plan --format json", "one row per step"),
    ReportSpec(
        "plan --history",
        "plan --history --as-of 2026-12-01 --format json",
        "one row per deadlock of the history (from its first day to its last)",
    ),
    ReportSpec(
        "balance",
        "balance --as-of 2018-09-17 --format json",
        "one row per entry of the balance",
    ),
    ReportSpec(
        "balance --yearly",
        "balance --as-of 2019-06-30 --yearly --party US --format json",
        "one row per entry of each year's balance, with `year` and `as_of` first",
    ),
    ReportSpec("exchanges", "exchanges --format json", "one row per exchange"),
    ReportSpec("check", "check --format json", "one row per problem"),
    ReportSpec(
        "timeline",
        "timeline --until 2018-06-18 --format json",
        "one row per event",
        _timeline,
    ),
    ReportSpec("diff", "diff --format json", "one row per measure that changed"),
    ReportSpec(
        "undo --list",
        "undo --list --format json",
        "one row per change `undo` can take back, the next first",
    ),
    ReportSpec(
        "export",
        "export --format json",
        "one row per measure, every field (lists and records as JSON text)",
        _export,
    ),
]

REPORT_NOTES = {
    "status": (
        "`as_of` is the day the answer is of: the `--as-of` day, or today; for a "
        "ledger that records the day the talks ended (`edit-ledger --ended`), asked of "
        "no day, that day, and `ended` follows it, the same day (so in every JSON "
        "document with an `as_of`, each year's of `balance --yearly` too, whose `as_of` "
        "is its 31 December for the years before the end's; with `--as-of` a day after "
        "the end, `ended` is the day the talks ended, after `as_of`, in every document "
        "whose `as_of` is that day or later: the end is history then; not with `--as-of` "
        "the end's own day or an earlier one; "
        "`show`, whose JSON has no `as_of`, reads the ledger as of the end all the same). "
        "`parties` holds every declared party; its `ready` and `blocked` count what "
        "`next` lists so, as the report's party cards count it: the pending measures (a "
        "measure made of parts is neither: its parts are), the rest of each measure "
        "carried out in part (`blocked` where an order of its own, or of a measure it "
        "is part of, holds it; `ready` where nothing does), and a measure reversed "
        "that is to be carried out again, as a pending one is (`--ready` and "
        "`--blocked` list the same measures); its `owes` and `owed` count measures, "
        "each once (`balance` lists each exchange: a measure traded for two others "
        'may owe twice there). `category` is `""` for a measure with none (the '
        'scorecard\'s group of those is named `""` too). `acted` is true for implemented, verified '
        "and disputed, `pending` for proposed and agreed, `verified` for verified. "
        "`status_date` is the day the current status began (null for a status set by hand "
        "against the history, which no entry dates); `last_date` the day of its "
        "latest event, as `timeline` shows them (a note included, and each change of an "
        "exchange link, on both measures, whichever of the two records it; the "
        "record's corrections, such as an edit, a redate or a rename, are none), a "
        "measure made of parts changing with them (its status_date, and each day they "
        "changed its status or extent, which `timeline` shows as `parts` rows); "
        "`--since` and `--until` ask the same days. `full_date` is the day it last came "
        "to be carried out in full, if it stands so on the day asked of: its step to the "
        "full extent (a finding since moves it not; a measure made of parts, the day its "
        "parts' steps brought it there), by the days events happened, whatever order "
        "they were entered in; null when it is not carried out in full (pending, done in "
        "part, withdrawn, rejected, or reversed: undone, it no longer is, and done in "
        "full again it is the day of that step; with `--assume`, one assumed done in full "
        "is so from the day asked of: today, or the `--as-of` day). `after` lists the ids its own "
        "orders make it wait for (a part also waits for what its whole's orders name, "
        "which `dprk next` counts and `dprk show` lists); "
        '`constraints` gives each constraint in full (`{"with": ID}` for measures carried '
        "out together; `verified_by`, last, the verifier whose confirmed finding an order "
        "waits for, null for anyone's). `overdue` and `deadlocked` are judged on today "
        "or the `--as-of` day; `overdue` is true for a measure past its deadline and not "
        "carried out in full (one done in part is overdue for the rest), `deadlocked` is "
        "true for the "
        "measures a deadlock of `plan` names (a measure made of parts, withdrawn, that "
        "one runs through included). `expected_parts` (new in 0.3.0, after `history`) "
        "is the number of parts a measure is to have (`add-measure --expected-parts`), "
        "null when none is said; a CSV row or a JSON line leaves it out. "
        "`late` (new in 0.3.0: in a measure's object after "
        "`expected_parts`, before `overdue` and `deadlocked`; in a CSV row or a JSON line the "
        "last, after `verification`) says whether it was done late: null when it has no "
        "deadline, or is not carried out in full on the day asked of; false when it came "
        "to be carried out in full on or before its deadline as the deadline stood that "
        "day; true when after it (what `--late` lists). `days_late` (new in 0.3.0, "
        "right after `late`; in a CSV row or a JSON line the last, after `late`) says "
        "by how many days: for a measure done late, the days from its deadline as it "
        "stood the day it came to be carried out in full to that day (whatever day is "
        "asked of after it); for one overdue, the days from its deadline to today or "
        "the `--as-of` day (counted to the day read: the same measure is a day later "
        "tomorrow), or, for one that owed nothing on its deadline and came to owe again "
        "after it (carried out, then reversed or cut to a lesser extent; rejected, then "
        "offered again), from the day it did (and, carried out in full again, done "
        "late by the days from that day); null for any other (done on time, no "
        "deadline, not yet due, "
        'withdrawn or rejected). `show` says it in its flags row ("done late: 57 days '
        "after the deadline then in force, 2014-04-27; 174 days after the first, "
        '2013-12-31", "ready, overdue by 13 days", "overdue by 4 days (owed again since '
        '2018-12-28)", "done late: 13 days (owed again since 2018-12-28)"), and the '
        "tables of `status "
        '--late` and `status --overdue` in a "days late" column. '
        "`acted_on` (new in 0.3.0: the last key but one of a measure's object, after "
        "`overdue` and `deadlocked`, and in `show` after `derived_history`; in a CSV row "
        "or a JSON line the last, after `days_late`) is the day it first acted, in full "
        "or in part, on the day asked of: its first step carried out (a measure paid in "
        "stages, the first stage's day; a measure made of parts, the day the first of "
        "them acted, or its own step, if earlier); a reversal since, another extent or "
        "a finding moves it not (`status_date` is the day of its latest status, a "
        "finding's included); null when it has not acted (with `--assume`, one assumed "
        "carried out that had not acted is so from the day asked of). `verification`, "
        "the last key, is the status table's verification column in words, as the CSV "
        "says it (see [the CSV columns](#csv-and-tsv-columns)). "
        "`history` holds its entries in the file's order, "
        "each worded as `dprk log` words it: a step in full in a history that names "
        'another extent has `extent` `full` and `detail` "implemented (full)" (`export` '
        'gives the file\'s own words: null and "implemented"). A measure in a '
        "merge conflict also has a `conflicts` list, and so has the "
        "document, after `title`, when the ledger's own title or parties are in one. "
        "With `--assume`, "
        "the document starts with an `assumed` list. With `--limit N`, it ends with "
        "`not_shown`: how many of the measures chosen the limit left out (0 when none; "
        "not with `--all`, which overrides `--limit`); CSV, TSV, JSON lines and ids, "
        "whose data has no place for it, list the measures alone and say on standard "
        "error the line the table ends with, when the limit left any out (`dprk: 12 more "
        "measures not shown (--limit 2)`). Given ids (`dprk status ID...`), "
        "`measures` holds those of them the filters keep, in the order of the whole list "
        "(the ledger's), and `parties` still counts every measure, as with any filter."
    ),
    "show": (
        "One measure object, as in `status` (its `overdue` and `deadlocked` judged on "
        "today or the `--as-of` day, as there; for a ledger that records the day the "
        "talks ended, asked of no day, as of that day, which the object does not say: "
        "`status --format json` gives `ended`) plus "
        "`parts`, the ids of its parts, and `part_states`, each part's `id`, `status` and "
        "`extent` (a part done in part says how far), and `derived_history`, the steps "
        "the parts of a measure made of parts (now or once) gave it, up to the `--as-of` "
        "day, each no entry of its history (none to redate or drop) but derived from its "
        "parts, as `timeline`'s `parts` rows: its `date`, `event` `parts`, the `status` and "
        "`extent` it took (`not-initiated` while it has not acted, or once reversed, as "
        "`status` gives a measure's `extent`), `detail` (\"as its parts give "
        "it\", or why it came back to its own history's status) and `derived` true; empty "
        "for any other measure (the table lists them in its history, unnumbered, after "
        "the entries of their day); a list of them, each measure once, "
        "when several ids "
        "are given (the same id twice gives a list of one) or ids are read from standard "
        "input with `-`."
    ),
    "log": (
        "A list of history entries in the order events happened (those of one day by "
        "measure id, whatever order they were entered in), each with the measure's "
        "`id` and its number `n` in that measure's history (what `dprk redate` takes). "
        "`status` is null for an entry that sets none (an edit, a note, a link, an "
        "order); `extent` is null unless an implementation names one short of full "
        "(with `status` `implemented`, null is full, as in the file), or is in full in a "
        'history that names another: `full` then, and `detail` "implemented (full)", so '
        "that the entry read alone says how far it went (as `timeline` and `show` give it). "
        "`date` is the day of the entry, but null for the creation of a measure written "
        "by hand without a history, which has no day until an event of the talks dates "
        "it (the first change dprk recorded for it wrote that creation): listed first, "
        "before every dated entry, and in a table dated `-` (as in `show`, and in the "
        "`history` of a measure's object). `by` (new in 0.3.0, the last key and column, as "
        "in the `history` of a measure's object) names who did the entry: on a reversal by "
        "another party than the measure's actor (`mark ID reversed --by PARTY`), the party "
        'that undid it, which its `detail` says too ("reversed by DPRK"); on a finding, its '
        'verifier, as its record under `verifications` names it ("confirmed by IAEA": '
        "`IAEA`; null for a finding's entry no record goes with); null on every other "
        "entry, and on a reversal by its actor or one whose record does not say who made "
        "it. With "
        "`--finding-by VERIFIER` (new in 0.3.0), only the entries of that verifier's "
        "findings (confirmed, partial or refuted), each with `evidence` after `by`, last: "
        "the list of evidence its record gives (empty for none; in CSV and TSV, its items "
        "joined by `; `; in a table, a column after the note)."
    ),
    "scorecard": (
        "One group per declared party, or per category of the measures chosen (`name` "
        '`""` for the measures with none, as `status` gives their `category`), each '
        "listed with or without commitments; "
        "`measures` counts the commitments, the next four keys how many stand at each "
        "level, and `score` is null for a group with no commitment; `disputed` (last "
        "but `years`) counts the commitments that stand disputed on the day, a verifier "
        "having refuted what they did: each still counts at the level it was carried out "
        "to (full, for one done in full), so the count says how much of the score rests "
        "on a refuted action. `years` is there only "
        "with `--yearly`: each year's state on 31 December, the last year's on the day "
        "the card is of (`--as-of`, or today). `late` and `overdue` (last, after `years`; "
        "in each year's object too, last) count the commitments carried out in full after "
        "the deadline in force the day they were (`status`'s `late`), and those past "
        "their deadline on the day and not carried out in full (`status --overdue`), a "
        "year's by the deadline as it stood on its 31 December; like `disputed`, neither "
        "changes the score. With `--assume`, the document starts with "
        "an `assumed` list, and the card of that day (the last year's too) scores the "
        "measures as assumed; the years before as they were."
    ),
    "next": (
        "`ready` can go ahead now (`in_part` true for the rest of a measure carried out "
        "in part, which its actor still owes and no unmet order of its own (or of a "
        "measure it is part of) holds, "
        "`extent` how far it went: `minimal` or `intermediate`; `false` and "
        "`not-initiated` for a pending measure; and, last, `together_with`: the measures "
        "it is to be carried out together with, joined to it by `dprk sequence --with`, in "
        "id order, as `plan`'s phase groups them (`together`), `[]` where none; the table "
        'notes them on its row, "together with ss20", and a CSV row in that column); and, '
        "last (new in 0.3.0), `reversed_on`: for a measure reversed that is to be carried "
        "out again (the other side is owed for it, as `balance` says, or it has a "
        "deadline in force; or a part of one that owes), the day it was reversed, as "
        "the table's `left` column says it "
        '("again: reversed on 2002-10-14"); null for any other row; and, after it (new in '
        "0.3.0), `deadline`, its deadline in force (null for none), and `overdue`, true "
        "once that deadline has passed on the day asked of (a measure listed to carry "
        "out is not done in full: past its deadline, it is overdue, as `status "
        "--overdue` says), false otherwise; the table says them in a `deadline` column "
        '("2002-05-31 (overdue)"), there only where a row has a deadline, and a CSV row '
        "in its last two columns (the rows keep their order); "
        "`blocked` waits (`waiting_for` the ids, "
        "`demanded_by` "
        "the parties whose demands hold it, `deadlocked` whether a deadlock runs through "
        "it, `behind_deadlock` whether it waits, in no deadlock itself, for one that is in "
        "one, directly or through others: it cannot move until the deadlock is broken, "
        "`waits` each unmet constraint (its `verified_by` the verifier whose finding it "
        "waits for, null for anyone's), its `measure` "
        "naming whose constraint it is: the measure's own, a `--with` partner's, or that of "
        "a measure it or such a partner is part of, and `via` the `--with` partner it comes "
        'through when that partner is a part of `measure` (shown "[via p2-south, part of '
        'p2]"; null otherwise, "[via p2]"), and, last, `in_part` and `extent`, as in '
        "`ready`: true for the rest of a measure carried out in part that an order of its "
        "own (or of a measure it is part of) holds, a step of it to wait for what the "
        "order asks; then `reversed_on`, as in `ready`: a measure reversed, to be carried "
        "out again, held as a pending one is; then `deadline` and `overdue`, as in "
        "`ready`); `verify` lists measures "
        "that have acted whose "
        "verification a pending measure waits for (for a measure made of parts, its parts): "
        "`unblocks` every measure that waits for the finding, `frees` those of them the "
        "finding alone frees, and `also_waits` one record for each of the others, saying "
        "what it waits for besides (`deadlocked` whether a deadlock runs through it, "
        "`to_act` the measures to act first, `to_be_verified` the other measures whose "
        "findings it waits for, both listed whether it is deadlocked or not, those in the "
        "circle with it too), as the table's notes say it, and, last, `verify_by`: the "
        "verifiers whose finding the orders waiting for it name (`dprk sequence "
        "--verified-by`; for a part, those its whole's orders name: a whole is verified by "
        'a verifier when each of its parts is), as the table says them ("punggye-ri-closure '
        "(by IAEA)\"), `[]` where anyone's finding does. "
        "A measure made of parts, pending or carried out in part, is in neither list: "
        "its parts are (those pending, and those carried out in part); but one that has "
        "acted with fewer parts on record than it is to have (`add-measure "
        "--expected-parts`) is in `ready`, as the rest of a measure carried out in part is "
        "(`in_part` true, `extent` as far as its parts took it): the parts not recorded "
        "yet are its actor's to record and carry out. With "
        "`--format ids`, only the ready ids. With `--assume`, an `assumed` list comes first. "
        "`as_of` is the day the answer is of, as in `status`."
    ),
    "plan": (
        "`as_of` is the day the plan is of, as in `status`; "
        "`phases` in order, each with the measures carried out in it (`measures`), the "
        "measures verified in it (`verify`), then `verify_by`: for each measure verified "
        "in it that orders naming a verifier (`dprk sequence --verified-by`) wait for, "
        "those verifiers, by its id (`{}` where anyone's finding does; a CSV row of a "
        'verify step says them in its `detail`, "by IAEA"), the rest of each '
        "measure carried out in part (`rest`: its `id` and the `extent` it reached, as "
        "`next` lists it, a measure made of parts with parts still to record among them; "
        "in phase 1 where nothing holds it, else in the phase after what an order of its "
        "own (or of a measure it is part of) waits for; empty where none is), "
        "and, last, the groups of its measures to be carried out together, joined by "
        "`dprk sequence --with` (`together`: each a list of ids, `[]` where none; a CSV "
        'row of an act step names the others in its `detail`, "together with ss20", and '
        "the table in a `together with` column); and, last (new in 0.3.0), those of its "
        "`measures` reversed that are carried out again (`again`: each with its `id` and "
        "`reversed_on`, the day it was reversed, as `next` lists it; a CSV row's `detail` "
        'says "again: reversed on 2002-10-14"; `[]` where none is); and, after it (new in '
        "0.3.0), the deadline in force of each of its measures to carry out (and rests) "
        "that has one (`deadlines`, by id, `{}` where none has), and those of them "
        "overdue on the plan's day (`overdue`, in id order), as `next` says them; a CSV "
        "row says the deadline of its measure in its last two columns, `deadline` and "
        "`overdue` (an act, a deadlocked or a blocked measure's; null for a verify step), "
        "and the table in a `deadline` column of its act steps and of the blocked, there "
        "only where one has a deadline; "
        "`deadlocks`, each with its `measures`, the `demands` closing the "
        "circle, the `--with` groups inside it (`together`), each measure made of parts in "
        "it followed by its parts in it (`parts`), the commands that, run together, would "
        "break it (`suggestions`: carrying out together measures exchanged for each "
        "other), each demand whose drop alone would break it (`drops`: its `measure`, "
        "`after`, `require` and `demanded_by`, null for an order agreed by all, "
        "`verified_by`, null for an order that names no verifier, and the "
        "`command` that drops it; for every deadlock, none for a demand that another "
        "circle of the deadlock does not pass), commands dated, with `--as-of` a past day, "
        "that day, and begun `dprk --ledger FILE` for a ledger named with `--ledger`, as "
        "every line's advice is, what holds its measures besides it, which no plan sees "
        "to (`holds`: "
        "each such constraint, with its `reason` and `via`, as `blocked` gives them: "
        "`via` the `--with` partner in the deadlock it comes through when that partner is "
        "a part of the measure whose constraint it is, the first by id of several, null "
        "otherwise; where there "
        "is one, broken the deadlock would leave a measure blocked all the same, and "
        "`suggestions` and `drops` are empty), "
        "the whole as one sentence (`text`), and `since`, the day from which "
        "it has stood without a break up to the plan's day (today, or the `--as-of` "
        "day), as `plan --as-of` finds deadlocks each day: one goes on from the day "
        "before when that day held a deadlock sharing one of its waits (a measure "
        "waiting for another, whoever demands it and whatever it requires), so a "
        "demand of the circle given again by another party, or asking another step "
        "(the write's warning says it still stands), or a measure joining the circle "
        "for a while (by `--with`, or a second circle through it) or leaving it, does "
        "not restart it; where it goes on from several, the earliest day of theirs "
        "(null when the history does "
        "not say; under `--assume`, as the deadlock without the assumption sharing one "
        "of its waits, the day of the plan for one the assumption makes); "
        "`blocked`, the pending "
        "measures that cannot be planned, with each constraint that holds them (those "
        "`next` lists as it waits for, in its order) and its "
        "`reason` (`deadlocked`, `blocked`, `unknown`, `withdrawn`, `rejected`, "
        "`reversed`, or `parts`: a measure made of parts that no part is left to make act, "
        "or that a part withdrawn, rejected or reversed keeps from being verified; else "
        "the status of the measure it names, yet to act or be verified: `proposed`, "
        "`agreed`, `implemented` or `disputed`, a wait the plan alone would see to, "
        "beside what keeps the measure out of it), and `via`, the `--with` partner it comes "
        "through when that partner is a part of the measure whose constraint it is, as "
        "`next`'s `waits` have it (null otherwise); and, last, `in_part` and `extent`, "
        "as `next` gives them: true for the rest of a measure carried out in part that "
        "an order of its own (or of a measure it is part of) holds so, with the extent it "
        'reached (a CSV row\'s `detail` begins "the rest (done: minimal): ", or, of a '
        'measure made of parts with parts still to record, "the rest: 3 of 4 parts '
        'recorded; record the others ..."), then `reversed_on`, as `next` gives it (a '
        'CSV row\'s `detail` begins "again: reversed on 2002-10-14: "), then `deadline` '
        "and `overdue`, as `next` gives them. With "
        "`--assume`, also `assumed`, `dissolved` (the deadlocks the assumption dissolves: "
        "none of their measures is deadlocked after it; one only made smaller is not; "
        "shaped as `deadlocks`), `newly_ready` (ids whose action moves into phase 1: "
        "pending measures, then those carried out in part whose rest moves there, which "
        'the text says "proto (the rest)"), '
        "`newly_verifiable` (ids whose verification moves into phase 1) and `created` (the "
        "deadlocks the assumption creates: none of their measures was deadlocked before "
        "it; one only made larger is not; shaped as `deadlocks`, as the plan lists them "
        "there). With "
        "`--format ids`, the measures to carry out, in plan order."
    ),
    "plan --history": (
        "Every deadlock the ledger's history has held, each stretch of days it stood "
        "without a break, in the order they began: `as_of` is the last day looked at "
        "(today, or the `--as-of` day); `deadlocks`, each with `from`, the day it began, "
        "the day `plan --as-of` gives as its `since` on any day of it, and `until`, the "
        "first day `plan --as-of` no longer shows it so (null: it still stands on the "
        "`as_of` day); its `measures`, `demands`, `together`, `parts` and `text` as "
        "`plan`'s `deadlocks` give them, as it stood on its first day, and `days`, how "
        "many days it stood, from `from` to the day before `until` (one that still "
        "stands, to the `as_of` day: the days so far, as the report counts them). A "
        "deadlock that "
        "ended and stood again is two; circles standing at once, one each (one that "
        "goes on from several, as `since` says, goes on as the earliest: the others end "
        "that day; where circles that met part, `plan --as-of` may date one from a day of "
        "an earlier stretch, and `from` is that day). With `--format ids`, each measure "
        "that stood in one, once."
    ),
    "balance": (
        "`as_of` is the day the balance is of, as in `status`. Per party, what it is "
        "`owed` and what it `owes`: its own `measure`, the "
        "`counterpart` it was exchanged for, `since` (the latest of the day the side "
        "that did act acted; when the other side had paid and then undone its measure, "
        "reversed or cut back to a lesser extent, the day it went from done in full to "
        "less, the start of the stretch it has stood short of it since; when the other "
        "side's measure was rejected and offered again, the day of the new offer, as "
        "nothing was owed while it stood rejected; and the day the exchange stood: the "
        "link's day, or the day a measure was added with "
        "`--in-exchange-for`, and, for two measures unlinked and linked again, the day "
        "of the new link, as nothing was owed while they were not exchanged; null when "
        "the history does not say when the side acted; and, once an order the parties "
        "agreed no longer holds the side that owes back, the day that order came to be "
        "met, or was taken out or replaced by one that does not hold it, when later; "
        "of a measure made of parts, the day the orders that held what it has left "
        "first let one of its parts go ahead), "
        "`days` from then to today "
        "or the `--as-of` day, and `in_part`: true when the side that owes has acted, but "
        "only in part (its extent minimal or intermediate), and owes the rest (when both "
        "sides acted in part, each owes the other the rest, and is owed it), "
        "`disputed`: true when the action the entry rests on (the `measure`, of "
        "what the party is owed; the `counterpart`, of what it owes) stands disputed on "
        "the day, a verifier having refuted it (or a party to the talks, its claim: the "
        "table's `action` column then names it): a disputed measure counts as acted, so "
        "the debt stands, and this says what it rests on, and `held_by` (last, new in "
        "0.3.0): the ids an unmet order of the parties' holds the side that owes back "
        "for on the day, as `next` lists it blocked (its own orders, its `--with` "
        "partners' and those of what it is part of; for the rest of a measure carried "
        "out in part, its own; for a measure made of parts that has acted, those that "
        "hold everything it has left, each part yet to act, the rest of each done in "
        "part and the parts still to record, its own orders or its parts': held only "
        "when all it has left is), `[]` when none does (a CSV row joins them with `; `, empty "
        "for none): such a debt stands, and is counted, "
        'but is not yet due, so its `since` and `days` are null (the table says "held '
        'by constitution (in full)" in place of the days; a demand of one party, '
        "`--demanded-by`, holds none back). With "
        "`--assume`, the document starts with an `assumed` list."
    ),
    "balance --yearly": (
        "A list, one item per year from the year of the ledger's first event to that of "
        "the `--as-of` day (or today), each the document `balance --as-of` gives for the "
        "day the year is drawn on, with its `year` first: `as_of` is its 31 December, "
        "the last year's the `--as-of` day (or today; for a ledger that records the day "
        "the talks ended, asked of no day, that day, with `ended` after `as_of` in every "
        "year's, as `status` says; asked of a day after the end, in each year's from the "
        "end's on), and `parties` is as there "
        "(with `--party`, only those). `--format csv`, `tsv` and `jsonl` give the rows of "
        "`balance` with `year` and `as_of` first, `markdown` the tables of owed and owes "
        "exchanges a year a column, and `ids` each measure out of balance in any of the "
        "years, once, in the order the years first list it."
    ),
    "exchanges": (
        "`as_of` is the day the answer is of, as in `status` (with `--as-of`, the links "
        "and steps of that day). One record per exchange: each pair of measures "
        "exchanged for each other, once (a measure exchanged for several is in a record "
        "with each; with `--party`, those a party named is on either side of). "
        "`measure` is the one that acted first (of two that acted the same day, the one "
        "the other is ordered to go after, as `first` says; of two that acted together, "
        "or neither, or both where no day says which first, the first by id), with its "
        "`actor` and `acted_on`, the day it acted "
        "for the exchange, in full or in part: the day it first acted, as `status` gives "
        "it (a reversal since moves it not), unless the exchange was made later (the "
        "day `balance` counts it from: each record's link, the later of the two); then "
        "the act that stood on that day, done before the deal and not undone (it moved "
        "first, on its day), or, undone by then or not yet done, the first act after "
        "it (a reversed measure done again for the deal: the day it was done again); "
        "`status` and `show` keep the day it first acted. `counterpart`, "
        "`counterpart_actor` and `counterpart_acted_on` the other (null when it has not "
        "acted for it, or acted on no day known: a measure written by hand without a "
        "history, standing implemented, that no event dates, which has acted all the "
        "same). `first` is the party that acted first (of one side that acted, its "
        "party), "
        "of two that acted the same day, the party of the one the other is ordered to "
        "go after (`sequence ID --after OTHER`, whatever it requires, as the ledger holds "
        "it on the day viewed; two ordered after each other tell no order), "
        '`"together"` when both acted the same day and neither is ordered after the '
        "other, null when neither has, or when a "
        "side acted on no day known and the other acted too; `lag_days` "
        "the days from the first act to the other's (0 together), null unless both "
        'acted; `state` is `"both acted"`; else `"turned down"` when either measure '
        'stands rejected, `"withdrawn"` when either stands withdrawn (the other may have '
        'acted: `first` says), else `"one acted"` or `"neither"`; `status` and '
        "`counterpart_status` (last, new in 0.3.0) what has become of each side since: "
        "its status on the day viewed, as `status` gives it (an exchange both sides "
        'reversed since still reads `"both acted"`, each side `"reversed"`); `full_on` and '
        "`counterpart_full_on` (after them) the day each side was carried out in full, as "
        "`status`'s `full_date` gives it, null when it is not (not yet, done in part, "
        "reversed since): who finished first, where a side's first act was a token step "
        "(a measure made of parts, the day their steps brought it there). Records are in "
        "the order of the first act's day, those where neither acted last (each in id "
        "order). `ids` gives both measures of each, once."
    ),
    "check": (
        "`severity` is `error` or `warning` (under `--strict`, every problem is an "
        "`error`); `check` names the check (see [Checks](#checks)); `measure` is null for "
        "a problem with the ledger as a whole; `measures` lists every measure the problem "
        "is about, `measure` first (both of a deadlock; empty for the ledger as a whole), "
        "and `--format ids` prints them all. `ok` is false when there is an error, and "
        "the command then exits 1. A file that cannot be read as a ledger gives the same "
        "document (and the same exit), and so does a ledger file that is missing (no such "
        "file, or none found in the folder or its parents), a folder, or one dprk may not "
        "read: its problems are the reader's, check `file` (the "
        "file itself: missing or not to be opened, not UTF-8, empty, a TOML syntax error "
        "named by line and column, "
        "one side of a git merge the merge driver missed; `measure` null) or `fields` "
        "(every value the format refuses, each with its measure, null for the ledger's own "
        "fields or a measure with no id to name it by), "
        "and no other check runs until they are mended."
    ),
    "timeline": (
        "One event per history entry and finding, in date order, but the record's "
        "corrections (an edit, but for its change of a deadline, a rename, a redate, a "
        "settled merge conflict: `dprk log` "
        "lists them); and, for a measure made of parts, one on each day its status or extent "
        "changed as its parts gave it, not by a step of its own that day (a note or a "
        "finding of its own that day is drawn beside it) (`event` "
        '`parts`, `detail` "as its parts give it", the `status` and `extent` it then '
        "took; `move` false: the step is its part's; on a day the parts that had acted "
        "left it, by an edit of their `part_of`, taking it back to what its own history "
        'holds, `detail` "again: its only acted part left", or "again: its acted parts '
        'left", without "again: " when it never stood so before); and one for each order '
        "a measure "
        "was added with (`add-measure --after`: no entry of its own), on the day of its "
        "creation, after it (`event` `sequence`, `detail` the order as a change of order "
        'says it: "after X"). Each change of a measure\'s deadline is one too (`event` '
        "`deadline`, new in 0.3.0: a script that knows the other kinds alone should pass "
        "over a kind it does not know), on the day the change says it happened (its "
        '`--date`), whatever order the changes were entered in, with `detail` "set to '
        '2019-01-01", "moved from 2019-01-01 to 2019-03-01", "removed (was 2019-03-01)" '
        '(or "kept at 2019-03-01", an edit that gave it the deadline it had), each from '
        "the deadline the change dated before it left, and the edit's `note`; the "
        "edits of one day are one change (from the deadline in force as the day before "
        "ended to the one in force as that day ended, with the day's notes, joined by "
        "`; `), none for a day whose edits ended where they began; a deadline "
        'a measure was added with (`add-measure --deadline`) is "set to ..." on the day '
        "of its creation, after it; `status`, `extent`, `by` and `result` null, `move` "
        "false (no step: it answers no one, and no step answers it); with `--as-of`, the "
        "changes dated by that day alone. `party` is the lane: the party to "
        "carry the measure out on the event's day (its actor then: a measure handed over "
        "later stays in the lane of the party that then had it). `move` is true for a "
        "party's own step (an entry that set a status; not a finding, nor a proposal: "
        "a measure offered by its party or asked of it, nor a rejection: "
        "the measure turned down by the side it was offered to, or by its own party when "
        "demanded of it, which the ledger does not record); for a move, "
        "`answers` names the other party whose step came last on an earlier day (steps of "
        "one day are simultaneous: none answers another), `days_since` the days since, and "
        "`answers_all` lists every party whose step came on that day (one, or more when "
        "several stepped that day), in the order the ledger declares them: `answers` is "
        "its first (all three null otherwise). The `detail` of a link or an order with a "
        'measure removed from the ledger since (`dprk remove --force`) says so: "in '
        'exchange for X (X removed from the ledger since)"; a link a measure was added '
        "with, which the measure removed alone recorded, is written in its history by the "
        "removal, and is drawn so too. Of a measure no history records the removal of (one "
        "an export chosen by filters left out, or removed with no reference to drop) it "
        'says "(X not in this ledger)". With `--assume`, the document begins with the '
        "`assumed` list, as `status`'s does, and each step the what-if supposes is an "
        "event of the day viewed (today, or the `--as-of` day), after that day's own "
        "(`event` `assumed`, the `status` and `extent` it supposes; for a measure made of "
        'parts it moves, `detail` "as its parts give it" and `move` false), answering as '
        "any step: no entry of the ledger's. `hypothetical` (new in 0.3.0) is true of "
        "those events alone. `undone_by` (new in 0.3.0, the last key and column) names, on "
        "a reversal by another party than the measure's actor (`mark ID reversed --by "
        "PARTY`), the party that undid it: the event is in its lane (`party`), as its move, "
        "answering the other parties' steps and answered as its own; null else. After the "
        "events, `as_of` (new in "
        "0.3.0) is the day the timeline is drawn up to (the `--as-of` day, or today); of "
        "talks that ended, read as of their end (no `--as-of`) or a later day (an `--as-of` "
        "after the end), `ended` (that day) and "
        '`ended_note` (the ledger\'s note of it, or "") follow it, whatever the period '
        "asked (`--since` and `--until` decide only whether the table draws the end's "
        'row), and a table has a row of the end: "talks ended; NOTE", of no party and '
        "no measure (no event of the JSON's, CSV's or JSON lines'), after the events of "
        "its day (the last row, read as of the end)."
    ),
    "diff": (
        "`from` is the revision given (or the file: an argument that names an existing "
        "file is that file, a ledger kept outside git); `commit`, for a day given "
        "(YYYY-MM-DD, no branch's "
        "or tag's name), the commit it was read as (the current branch's last made by the "
        "end of that day): its `id` and the `date` it was made (null for any other "
        "revision, and a file). `to` is the second revision (or file) given (`dprk diff "
        "REV TO`, or `REV..TO`), "
        "whose committed ledger is compared in place of the working file (null: the "
        "working file), and `to_commit` the commit a day given so was read as. "
        "`measures` lists every measure that differs, in id order; `change` is `added`, "
        "`removed`, `renamed` (by `dprk rename`: `renamed_from` is the id it had, null "
        "otherwise; what else changed is listed too, and references to it renamed in "
        "other measures are not changes of theirs) or `changed`. `status_date` is the "
        "date of the latest status change (of its extent, for a measure whose status stayed "
        "and extent moved). `extent_from` and `extent_to`, after `fields`, are its extent before "
        "and after (null where it was not there), in the CSV too (before its "
        "`renamed_from`); the table's \"Status "
        'changes" says each side as `status` does (`implemented (intermediate)`), and '
        "lists a change of extent alone: a status change too, which `summary`'s "
        "`status_changes` counts (a measure there before and after whose status or extent "
        "moved). "
        "`new_history` and `new_verifications` are the records that are new (not a "
        "correction of an entry the revision did not hold: entered and corrected since, "
        "it is no change), "
        "`removed_history` and `removed_verifications` those that went away, each with "
        "the `correction` entry `drop-entry` or `drop-finding` recorded for it (null for "
        "one removed otherwise), which `new_history` then leaves out, with any redate or "
        "renote of it made before the drop: one change, listed once; "
        "`renamed_verifications` names each finding whose verifier's name alone was "
        "corrected (`dprk rename-verifier`: its day, result, method, evidence and note the "
        "same, its entry the same entry, reworded so; or so renamed and only re-dated "
        "or its note reworded besides, or both, which `redated_history` and "
        "`renoted_history` then say too), as it is now, with its "
        "`by_before`: in none of the lists of findings and entries new, removed or "
        "reworded (but as re-dated), and not counted among `summary`'s "
        "`new_verifications`; "
        "`redated_history` names each entry only re-dated (it is in both lists; its note "
        "reworded too, perhaps, which `renoted_history` then says too), with "
        "its `date_before` (an undated creation that a back-dated event moved, say) and "
        "the `correction` entry `dprk redate` recorded for it (the last, for one redated "
        "twice since; null for one re-dated by hand), which `new_history` then leaves "
        "out, with those before it: one change, listed once (one redated away and back "
        "to its day, none); "
        "and `reworded_history` each entry only re-worded (in both lists too), with its "
        "`detail_before` (a hand-over's words, rewritten by an earlier hand-over recorded "
        "later); `renoted_history`, after `extent_to`, each entry whose note alone changed "
        "(or its note and its day: re-dated too; in both lists too; a finding's record "
        "with it, in no list of findings), with its "
        "`note_before` and the `correction` entry `dprk renote` recorded for it (null for "
        "a note changed by hand; the last, for one reworded twice since), which "
        "`new_history` then leaves out, with those before it; `fields` "
        "lists every other field that changed (not the status or the extent), with its "
        "value before and after. Each entry these lists give is worded as `dprk log` words "
        "it: a step in full in a history that names another extent has `extent` `full` "
        'and `detail` "implemented (full)" (one removed, as the revision\'s history named '
        'extents), and so do the lines of "Other changes"; its `by` names who made it, '
        "as `log` gives it (a finding's verifier, the name the revision gave one removed; "
        "the party that undid a measure, on its reversal's). `title` "
        "is null unless the ledger's title changed (`from` null: the ledger was not "
        "there at the revision); `ended` (new in 0.3.0, after `title`) is null unless the "
        "day the talks ended or its note changed (`dprk edit-ledger --ended`, `--reopen`): "
        "`from` and `to` the day before and after (null: talks not over then), "
        "`note_from` and `note_to` its note (empty for none), which the table says after "
        "the title (`ended: (none) -> DAY (NOTE)`); "
        "`parties` names the parties `added` and `removed`, "
        "and those `renamed` (by `dprk rename-party`, as the entries it wrote say, in the "
        "order made: `from` the old name `to` the new; "
        "their measures are compared under the new name, so a rename changes no actor "
        "of theirs), and those whose name was `corrected` (new in 0.3.0, last: by "
        "`dprk rename-party --typo`, as the corrections it wrote say, in the order made "
        "among the renames: `from` the name typed wrong `to` the name corrected; their "
        "measures are compared under the corrected name, and the table says "
        "`party names corrected (typed wrong): OLD -> NEW`); `conflicts` names the fields of the "
        "ledger's own merge conflicts that came (`added`) and went (`settled`); "
        "`deadlocks` lists those that `started` (standing now, as `plan` asked of no day "
        "finds them, and not at the revision) and `ended` (standing then, and not now), "
        "each version read as of the day the talks ended when it records one, as `plan` "
        "reads it, among the deadlocks the measures that changed are caught in (any, when "
        "the day the talks ended changed): each with its `measures`, its "
        "`demands` (who waits for whom, as `plan` records them: `measure` waits for "
        "`after`, as `demanded_by` demands) and its `text`, as `check` words it (a "
        "deadlock whose circle changed ended, and the one it became started; the table "
        'lists them under "Deadlocks"). A CSV '
        "row (or JSON line) per measure names those other `fields` that changed, and its "
        '`other_changes` are the lines the table lists for it under "Other changes" '
        "(an entry re-dated or re-worded, a note, a finding removed, a verifier's name "
        "corrected, a field changed by hand, not one an entry recorded, an edit, a link, "
        "an order, a note's source, which its entry says; a source given with a step, "
        "which its entry does not name, is the field's; a step other than the one the "
        "status change says, the step that made the status: an earlier step recorded "
        "since, say; empty for a measure added or removed); its last column, "
        "`renamed_from`, is the id a measure renamed had (empty for any other)."
    ),
    "undo --list": (
        "The changes `dprk undo` can take back, one after another, the next first: `n` "
        "counts them from 1 (the change the next `dprk undo` takes back), `command` is the "
        "change as undo names it (the command as given), `made` when it was made, in UTC. "
        "The list is empty (`[]`) when undo would take back nothing, and standard error "
        "then says why, as undo would (nothing recorded, every change taken back, the "
        "ledger changed outside dprk since dprk's last change); it says too when the "
        "journal let older changes go, and names the changes undo passes over, no longer in "
        "the file. Nothing is written, the journal included; a journal "
        "undo finds damaged is refused as undo refuses it. `dprk redo --list` gives the "
        "same keys (new in 0.3.0), of the changes `dprk redo` puts back, one after "
        "another, the next first (the one the last undo took back); empty, with why on "
        "standard error, as redo would say it, when redo would put back nothing."
    ),
    "export": (
        "The ledger document, every field of every measure, defaults included: the "
        "shape `dprk schema` describes and `dprk import` reads back (a measure, or the "
        "ledger, in an unresolved merge conflict is written with its `conflicts`, which "
        "`import` refuses: settle them with `dprk resolve` first). A measure's `history` "
        "is in the file's order, its creation first: a step found later that came before "
        "it follows it there, where `dprk log` lists (and numbers) every entry in the "
        "order events happened; sort it by `date` for the order of the days (`jq '.history | "
        "sort_by(.date)'`). A history entry's `merge` (new in 0.3.0, its last key) is true "
        "on the entry of a party's rename that made it one with a party declared already "
        "(`rename-party --merge`; false on one written before, which reads as a rename's). "
        "Its `by` (new in 0.3.0, after `merge`) names, on a reversal by another party than "
        "the measure's actor (`mark ID reversed --by PARTY`), the party that undid it; null "
        "else. "
        "What was owed on a past day is `dprk balance --as-of DAY --format json`."
    ),
}

EXIT_MEANINGS = {
    "EXIT_OK": (
        "done, a change recorded: also when standard error could not be written "
        "(`2> /dev/full`), where its confirmation was lost"
    ),
    "EXIT_ERROR": (
        "an error: an unknown id or party, a change the rules refuse, a broken or missing "
        "ledger, a folder named where a file goes without a `/` at its end (`--ledger fold`, "
        "`report --output fold`, `merge-driver --output fold`: name a file in it), a failed write "
        "(a full disk, an I/O error, a ledger or report made read-only with `chmod a-w`), a "
        "ledger that another program "
        "kept saving while dprk read or changed it (ten tries), an internal error; `dprk "
        "check` with an error; `dprk merge-driver` with conflicts; `dprk undo` or `dprk redo` "
        "with nothing to take back or put back, or refused (the ledger changed since, by "
        "dprk or by hand)"
    ),
    "EXIT_USAGE": (
        "the command line itself is wrong: an unknown command or option, a value not in "
        "the allowed set, a malformed date or id, the date of an event or an `--as-of` day "
        "after today (a filter's `--since` or `--until` may be later: it matches nothing "
        "yet), text holding control "
        "characters or bidirectional overrides, or not valid UTF-8, a blank title, source, "
        "piece of evidence, verifier, note or party name, a category or notes of spaces "
        'only (`""` says none), an option that takes one value given twice '
        "(`dprk sequence a --after b --after c`: run `sequence` once for each; "
        "`add-measure` takes `--after` and "
        "`--in-exchange-for` as often as needed), `--ledger` or `--lock-timeout` included; "
        "an empty file name (`--ledger ''`, `report --output ''`, `dprk import ''`), or one ending "
        "in `/`, which names a folder; a pager (`$DPRK_PAGER`, `$PAGER`) that cannot be run "
        "or fails, so that nothing was shown"
    ),
    "EXIT_LOCKED": (
        "another dprk process held the ledger's lock for longer than `--lock-timeout` "
        "seconds; nothing was written"
    ),
    "EXIT_INTERRUPTED": (
        "interrupted (Ctrl-C): `dprk: interrupted`, and nothing changed, unless the ledger "
        'was written already: then the line goes on "the change was recorded all the same '
        "('dprk undo' takes it back)\" (for `dprk undo`: \"the last change ('CHANGE') was "
        "taken back all the same ('dprk redo' puts it back)\", for `dprk redo`: \"the "
        "change ('CHANGE') was put back all the same ('dprk undo' takes it back)\", the "
        "change named as undo's line names it). A change being put in place is finished "
        "first, and its record for `undo` with it. That is from the moment dprk's first "
        "module runs: a Ctrl-C while Python itself starts (its `site` module, before any of "
        "dprk is loaded: tenths of a second on a busy machine) ends as Python ends it, exit "
        "130 with no line, or a traceback and exit 1"
    ),
}

CHECK_MEANINGS = {
    "toml-1.0": (
        "TOML 1.1 that readers of TOML 1.0 refuse (Python's `tomllib` before 3.15, among "
        "others), which dprk reads but never writes: an inline table over several lines, "
        "or with a comment or a comma after its last value; the escapes `\\e` and "
        "`\\xHH`; a time without its seconds. One line names the first line of the file "
        "that holds one, and the others"
    ),
    "file": (
        "the file is no ledger dprk can read: missing (none found), a folder, not to be "
        "opened (no permission), not UTF-8 (a byte-order mark, UTF-16), empty, "
        "merge-conflict markers, a TOML syntax error (named by its line and column); or "
        "git is merging it and it holds one side alone (dprk's merge driver did not run, or "
        "refused a side); no other check runs until it is mended"
    ),
    "fields": (
        "a value the format refuses: a field dprk does not know (a typo, named before the "
        "field it stands for), a field missing, a value of the wrong type or not one of "
        "those allowed; every one is listed, each with its measure and field, and no other "
        "check runs until they are mended"
    ),
    "parties": (
        "the parties list names one side twice (the same name, or names that differ only "
        "in case, by a space around them, or in characters that look alike or are not "
        "seen: `ç` written as one character or as two, a zero-width space, full-width "
        "letters; in the dots of an abbreviation: `U.S.`, `U. S.` and `US`; or in spaces, "
        "hyphens, other punctuation or accents inside them: `FARC-EP` and `FARC EP`, "
        "`Côte d'Ivoire` and `Cote d’Ivoire`), or holds "
        'a name with a space at its start or end (`"ROK "`, written by hand: no command '
        "declares one), with the measures that name it and the `rename-party` that mends "
        "it (with `--merge` where the name without the space is declared too); or a name "
        "holding ` (was: `, the words a change of order writes before the order it "
        "replaced, where the history's readers end the order (written by hand: no command "
        "declares one; `sequence --demanded-by` refuses it until it is renamed)"
    ),
    "former-names": (
        "a declared party that the measures' histories record as the former name of another "
        "(`dprk rename-party`), declared again by hand: one side made two parties; and each "
        "finding by the former name on a measure the party it became then carried out (its "
        "own word). The fix: drop those findings (`dprk drop-finding`), then make the two "
        "one (`dprk rename-party OLD NEW --merge`). And a finding recorded under a party's "
        "former name that no declared party has, in any spelling (`U.S.S.R.` of a `USSR` "
        "renamed `Russia`, which a rename by an earlier dprk left as it was): one side "
        "counted as two verifiers, or its own word as verification. The fix: drop it, and "
        "record it again under the name the party has now (`dprk verify`), unless it is "
        "the party's own word"
    ),
    "rename-chain": (
        "a measure whose party renames, read in the order `dprk log` gives them, do not "
        "follow one from another: a rename of a name its party had left already by an "
        "earlier one (a party renamed twice from one name), or one that comes before the "
        "rename that gave it the name, made before it. `redate` and `rename-party` refuse "
        "them; a git merge of a rename redated on one desk and the party renamed again on "
        "the other writes them (and `merge-driver` says so, exit 1). The fix: the `dprk "
        "redate` that puts them in the order they were made in, as the message gives; a "
        "rename that was not made, deleted from the measure's history in the file. Two "
        "renames of one party to two names, one on each side of a merge, are left to `dprk "
        "resolve --field party` while that conflict is open"
    ),
    "own-word": (
        "a finding recorded by the party that was to carry the measure out that day (names "
        "compared as parties are: in any case, spacing, hyphens and dots), written by hand "
        "or by an earlier dprk: the party's own word, counted as verification. `dprk "
        "verify` refuses one. The fix: drop it (`dprk drop-finding ID N`, as the message "
        "gives)"
    ),
    "party-in-verifier-name": (
        "a finding whose verifier is named with a declared party's whole name among its "
        "words (`Republic of Iraq` of a party `Iraq`; not `Iraqi Directorate`, nor a "
        "declared party's own name): the party under another name, it may be, its word "
        "taken for an independent verifier's (the measure's actor's own word, which is no "
        "verification), or a separate body named after it (the Iraq Survey Group). `dprk "
        "verify` records it, and warns of it. The fix, if it is the party's word: drop it "
        "(`dprk drop-finding ID N`, as the message gives) and record it as a note (the "
        "actor's) or under the party's name (another party's)"
    ),
    "duplicate-ids": "two measures share an id (only a hand edit can do that)",
    "ids-in-case": (
        "two ids that differ in case alone (`Foo`, `foo`), which no command makes but a "
        "merge of two desks' additions may; `dprk import` refuses the second"
    ),
    "deadline-before-creation": (
        "a deadline before the day its measure was made (of a measure given a date), "
        "overdue on that day: overdue from the start (not one carried out in full that "
        "day, a late delivery first learned of when it happened). The fix: move the "
        "deadline from the day it was set, or, of one made at a status past the offer, "
        "record the agreement that came before it and the deadline given with it (`dprk "
        "mark ID agreed --date D`, `dprk edit ID --deadline DUE --date D`). A deadline a "
        "measure was added with at a status past the offer, when a step found later "
        "came before that day, is judged from the day it was added"
    ),
    "measures-alike": (
        "two measures of one title (in any case or spacing) and one actor: one measure "
        "added twice, most likely (on two branches under two ids), which every count would "
        "count twice"
    ),
    "self-references": "a measure exchanged for, sequenced after or part of itself",
    "unknown-links": "a link, constraint or `part_of` naming an id that is not in the ledger",
    "repeated-links": "an exchange link listed twice, or two constraints between the same two "
    "measures (only a hand edit can write them)",
    "one-sided-exchanges": "an exchange link the other measure does not return",
    "one-sided-with": "a `with` constraint the other measure does not return",
    "undeclared-parties": (
        "an actor, a demanding party or the party that undid a measure (a reversal's `by`) "
        "that is not declared"
    ),
    "undone-by-actor": (
        "a reversal whose `by` names the measure's own actor on the reversal's day: `by` "
        "names another party that undid it (`mark reversed --by` refuses the actor); a "
        "reversal by its actor names none (a measure handed over since to the party that "
        "undid it is no such case)"
    ),
    "status-history": "a stored `status` or `extent` that differs from what the history gives, "
    "or an extent that does not go with the status (an agreed measure carried out in full)",
    "field-history": (
        "an `actor`, `deadline` or `part_of` that differs from the value the edit of it "
        "dated last in the history set (a hand edit of the file)"
    ),
    "extent-before": (
        "a measure made of parts stored full by an earlier dprk, which counted one full "
        "once every part had acted, one of them only in part, or as one that counted its "
        "parts that stand rejected, which count for nothing now: every view reads it as "
        "its parts give it now, and the next change to it or to one of its parts writes that"
    ),
    "creation-history": (
        "the creation of a measure added without a date stored on another day than the one "
        "its earliest event dates it by (a step's date changed by hand: every view reads it "
        "on the event's day when that is earlier), or, made of parts, than the one every "
        "report holds it from (its earliest event, or the first step of one of its parts "
        "while a part of it): a hand edit, or a file written by an earlier dprk; the next "
        "change of the measure writes the day"
    ),
    "link-history": (
        "an exchange link that a measure's own changes of it (`link`, `unlink`) leave "
        "otherwise than both measures' `in_exchange_for` hold it: its log says the two are "
        "linked while neither lists the other, or the reverse (a hand edit, or two "
        "histories in conflict settled two ways); or a link its history says stands with "
        "a measure the ledger does not hold and whose removal it does not record"
    ),
    "order-history": (
        "a sequencing constraint that differs from the order the change of order toward "
        "that measure dated last in the history set (a hand edit of the file, or an "
        "import by an earlier dprk that dropped the party whose demand it was): one the "
        "history gives and the file lacks, one the history removed and the file holds, or "
        "another demanding party or requirement"
    ),
    "transitions": (
        "a step the rules of a measure's life do not allow, a second creation, or a history "
        "without its creation (removed by hand: no command writes one back)"
    ),
    "missing-steps": (
        "a step the rules do not let follow the one before it, recorded before that one "
        "was found: the record, rebuilt after the fact, lacks the step between (the "
        "reversal between an action and an offer made again, say); a reversal of a "
        "measure reversed, or a withdrawal or rejection of one withdrawn or rejected, "
        "with nothing between, in either order; a reversal of a measure with no action "
        "on record (the action it undoes is yet to be recorded)"
    ),
    "verification-without-action": "a finding on a measure that had not acted",
    "finding-records": (
        "a finding in the history whose record under `verifications` is gone or was changed "
        "by hand, or a record under `verifications` added by hand without its history entry "
        "(`dprk log` would not list it, nor `dprk drop-finding` reach it), or a finding "
        "and its entry copied by hand, so that it is on record twice; a record whose date "
        "alone differs from its entry's (the same verifier and result, one unmatched on "
        "each side) is one problem, the record's date, with its line in the file"
    ),
    "contradicting-dates": (
        "an event before a creation dated as proposed, a step before a dated creation "
        "that its status cannot follow (an action before one as agreed), a finding "
        "dated before the action it verifies, or a correction of the record (a title "
        "fixed, a rename) dated before the measure was made (a rename, also before the day "
        "the earliest event of a measure added without a date dates it from)"
    ),
    "parts": (
        "a measure nested in parts more than 64 levels deep, or one that is, through its "
        "parts, a part of itself, or is exchanged for a "
        "measure it is a part of (now, or on a day both stood, as the link's changes and "
        "the edits of part_of are dated), or that records on its own an implementation, a "
        "reversal or a finding on a day it had parts (made, and made parts, before that "
        "day): its parts record those"
    ),
    "merge-conflicts": "a conflict left by a git merge, until `dprk resolve` settles it",
    "acted-out-of-order": (
        "a measure that came to act, while an order held it, before the measure it was to "
        "follow had acted (or stood verified: a finding a reversal undid does not count), "
        "or after it was undone (a measure made of parts having acted while a part it had "
        "then had, and stood verified while every part it had then did); an action "
        "before the order was set, or before the measure it names was made (or, "
        "for a part held by its whole's order, before it became a part) is not judged, "
        "one carried out again later is; a part is held by the order of each measure it "
        "was a part of on the day it acted, one it left since included; the "
        "orders of a measure it goes together with hold it too (and those of that one's "
        "parts, each on the days it was one, one moved out since included), until that "
        "one acts (as `next` holds it: through what it is part of, and through what those "
        "go together with), and an "
        "order changed or removed since counts on the days it stood; and a measure set to "
        "be carried out together with another (`--with`, as it stands) that first acted, "
        "from the day they were set together, on a later day than it, or alone (a "
        "measure made of parts acting when its first part does; a pair one of which was "
        "acting already when they were set together (having come to act that day too) is "
        "not judged, nor one whose partner "
        "was withdrawn or rejected before it acted: withdrawn after, it acted alone)"
    ),
    "parts-of-another-party": (
        "a part carried out by another party than the measure it is part of, which takes "
        "its status from its parts: its actor is credited with the other party's steps; "
        "the write that makes it (a part added, `edit --part-of`, `edit --actor` of the "
        "part or the measure) warns of it; "
        "and a part that acted while a part of such a measure, and is a part of it no "
        "more, or is of its party now (a correction, `edit --part-of` or `edit --actor`, "
        "dated after it acted: the advice dates it on the part's first day)"
    ),
    "exchanged-with-its-whole": (
        "a part exchanged for a measure that the measure it is a part of (or one above it) "
        "is exchanged for too: each link is an exchange of its own, so the balance counts "
        "that exchange for the part and for the whole, twice; the write that makes it (a "
        "link, `add-measure --in-exchange-for`, a part added or moved with `--part-of`) "
        "warns of it. The fix: end the part's link, or the whole's (`dprk unlink`, dated "
        "on the day both came to stand)"
    ),
    "parts-left-to-act": (
        "a pending measure made of parts none of which is left to act (each withdrawn or "
        "reversed, or rejected beside them): nothing of it can go ahead, nor waits"
    ),
    "more-parts-than-expected": (
        "a measure with more parts on record than its `expected_parts` says it is to have: "
        "a part recorded twice, or the count is wrong; it is counted by the parts it has, "
        "but for those that stand rejected, which count for nothing in it"
    ),
    "exchange-within-a-party": (
        "two measures of one party exchanged for each other (an exchange is one side's "
        "measure for another's: the balance would have the party owe itself); the write "
        "that links them, or hands one to the other's party, warns of it; and two that were "
        "so on past days and are not now (one given to the other party, or the link ended, "
        "without `--date`: the balance as of those days still has the party owe itself), "
        "the days named, with the dated command that mends them"
    ),
    "events-after-today": (
        "a status change, a finding, a note, a link, an order or an edit of a dated field "
        "(the actor, the deadline, `part_of`) dated more than two days after today (only a hand "
        "edit records one; two days' grace, for an event recorded time zones ahead: local "
        "days differ by two between UTC+14 and UTC-11); a day that only a finding's record "
        "under `verifications` holds, not its history (which `dprk log` and `dprk redate` "
        "reach), is named with that record's line in the file; a part's event is named on "
        "the part alone, not on the measure it moved with it"
    ),
    "far-before-the-rest": (
        "the ledger's earliest day (a creation; for a measure written by hand whose "
        "creation no event dates, its earliest event or deadline) more than 100 years "
        "before its next earliest day: a year typed wrong by centuries most likely (1195 "
        "for 1995), which a view by year stretches back to; named on each measure of that "
        "day with the entry that holds it and the redate that corrects it (a finding's "
        "record alone: corrected in the file; a deadline: `dprk edit --deadline`). Not "
        "warned: a ledger of one day, or old days close together. The write that brings "
        "such a day (a creation, a redate) says so; one that brings the later day it lies "
        "so far before does not, nor one whose day is not that far before today (a "
        "deadline set far ahead): `check` does (no kept record holds the ledger's "
        "earliest day, so saying it would read every measure's first day on every write "
        "that brings a day, about 0.1 s more a write at 10,000 measures)"
    ),
    "after-the-end": (
        "events dated after the day the talks ended (the header's `ended`, `dprk "
        "edit-ledger --ended`): a step, a finding, a note, a link, an order or an edit of "
        "a dated field (a hand-over, a deadline moved), not a correction of the record "
        "(a title edited); no mistake, a measure may be carried out after the talks, "
        "but every view asked of no day reads the ledger as of the end and leaves them out "
        "(an end typed wrong hides them all); one warning, the measures counted, a few "
        "named. `edit-ledger --ended` says the same when it records such a day"
    ),
    "recorded-after-now": (
        "a history entry recorded a day or more after now (a hand edit, a year typed "
        "wrong most likely, or a change recorded under a SOURCE_DATE_EPOCH that far ahead "
        "of the system's clock, which the write warned of): every entry dprk "
        "adds to the measure is recorded after it, "
        "so that the entries keep the order they were recorded in; correct the time in the "
        "file"
    ),
    "corrections-out-of-order": (
        "a correction of a measure's title, category or notes dated before one of the "
        "same field recorded before it (by an earlier dprk, or a hand edit; `dprk edit` "
        "and `dprk redate` refuse one): `dprk log`, read by date, and a view of a past "
        "day read the words out of the order they were made in. The advice redates the "
        "first such of a measure to the day of the one before it"
    ),
    "deadlocks": "pending measures waiting, in a circle, for each other",
    "demands-both-ways": (
        "one party demanding both that a measure wait for another and that the other wait "
        "for it, both orders standing: a deadlock of its own making, one of them typed the "
        "wrong way round most likely; said of the one set later, with the command that "
        "takes it back (`dprk drop-entry ID N`). The write that makes such a pair says so, "
        "with `dprk undo`. An order agreed by all each way is an ordinary deadlock"
    ),
}

STATUS_MEANINGS = {
    "proposed": "put on the table",
    "agreed": "accepted by the sides",
    "implemented": "carried out, by the actor's own account, to some extent",
    "verified": "an independent verifier confirmed it",
    "disputed": "a verifier contests it",
    "reversed": "carried out, then undone",
    "withdrawn": "taken back by its own actor before being carried out (an offer, or a "
    "measure it agreed and then refused to carry out); still owed for once the other side "
    "acted",
    "rejected": "turned down, before being carried out, by the side it was offered to, or "
    "by the side it was demanded of before that side agreed; no debt",
}

RESULT_MEANINGS = {
    "confirmed": "the measure becomes verified",
    "partial": "the finding is recorded; the status does not change",
    "refuted": "the measure becomes disputed",
}

ENVIRONMENT_VARIABLES = [
    ("DPRK_LEDGER", "the ledger, when `--ledger` is not given"),
    ("DPRK_PAGER", "the pager for tall tables in a terminal (before `PAGER`; `cat`: none)"),
    ("PAGER", "the pager, when `DPRK_PAGER` is not set (default `less -FRX`)"),
    ("NO_COLOR", "no colour in a terminal"),
    ("FORCE_COLOR", "the terminal table, with colour, even into a pipe or a file"),
    (
        "SOURCE_DATE_EPOCH",
        "seconds since 1970, a whole number: the `recorded` time of new entries, for "
        "reproducible files (set but empty, it is as if unset; any other value is "
        "refused, exit 2; a time more than a day after the system's clock is taken, and "
        "each write warns of it); not the day of a "
        "change given no `--date`, which is today by the machine's clock",
    ),
    ("DPRK_DEBUG", "`1`: a Python traceback for an internal error"),
]


# --- the document ---------------------------------------------------------------------------

HEADER = """\
# dprk reference

<!-- Generated by `python docs/build.py` from dprk itself: do not edit by hand.
     tests/test_docs.py fails when this file is out of date. -->

Every command with its options, the JSON and CSV each report writes, the
words of the ledger, the checks and the exit codes, all taken from dprk
itself. The [guide](guide.md) explains how to use them; the
[ledger format](ledger-format.md) describes the file.

- [Global options](#global-options)
- [Commands](#commands)
- [Output formats](#output-formats)
- [JSON shapes](#json-shapes)
- [CSV and TSV columns](#csv-and-tsv-columns)
- [Statuses, extents, findings](#statuses-extents-findings)
- [Checks](#checks)
- [Exit codes](#exit-codes)
- [Environment](#environment)
"""


def fenced(text: str, language: str = "text") -> str:
    return f"```{language}\n{text.rstrip()}\n```\n"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def commands_section() -> str:
    parts = ["## Global options\n", fenced(dprk("--help")), "## Commands\n"]
    parts.append(
        "In the order of `dprk --help`. Global options (`--ledger`, `--lock-timeout`) go "
        "before the command.\n"
    )
    for name in COMMANDS:
        parts.append(f"### dprk {name}\n")
        parts.append(fenced(dprk([name, "--help"])))
    return "\n".join(parts)


def formats_section() -> str:
    return (
        "## Output formats\n\n"
        "The reporting commands (`status`, `show`, `log`, `scorecard`, `next`, `plan`, "
        "`balance`, `exchanges`, `check`, `timeline`, `diff`, `export`) take `--format` "
        "(`-f`): "
        + ", ".join(f"`{f}`" for f in FORMATS)
        + ". `table` is for people (plain aligned text when the output is not a terminal); "
        "`json` is one document; `jsonl` one record a line; `csv` and `tsv` a header row "
        "and one row per record; `markdown` the tables as Markdown; `ids` the measure ids, "
        "one a line, each once (for `balance`, the measures of the exchanges out of "
        "balance, with `--yearly` in any of its years; for `check`, the measures with a "
        "problem; not for `scorecard`, whose rows are parties). `undo --list` and `redo "
        "--list` take them too, but `ids`. `graph` writes `mermaid` or `dot`; `schema` and "
        "`report` write one format each.\n\n"
        "Everything but `table` is written in UTF-8, whatever the locale, as the ledger is "
        "(so that `dprk export | dprk import -` keeps every character); a table in a "
        "locale that is not UTF-8 shows a character it cannot as `?`.\n"
    )


def json_section(documents: dict[str, Any]) -> str:
    parts = [
        "## JSON shapes\n",
        "From the bundled example, in a scratch copy with these additions, so that no list "
        "is empty. Every shape but `diff`'s is of the copy before the last three; for "
        "`diff`, the copy was committed to git there, then changed by the last three:\n",
        fenced("\n".join(f"dprk {c}" for c in [*SCRATCH_CHANGES, *DIFF_CHANGES]), "sh"),
        f"Long text is shortened with `...` and lists are cut to at most {KEEP} items: the "
        f"first {KEEP}, or, where others further on show more of the shape, those (the measures "
        "of `status` and `export`, the blocked steps of `next`, and the events of "
        "`timeline`: the first, and the first that answers another); "
        "the layout is indented here, while dprk writes each record on one line. Dates are "
        "`YYYY-MM-DD`; `recorded` is a timestamp in UTC (`2026-12-01T00:00:00Z`).\n",
    ]
    for spec in REPORTS:
        parts.append(f"### {spec.name}\n")
        parts.append(f"`dprk {spec.json_args}`\n")
        parts.append(fenced(show_json(documents[spec.name]), "json"))
        parts.append(REPORT_NOTES[spec.name] + "\n")
    return "\n".join(parts)


def csv_section(headers: dict[str, tuple[list[str], list[list[str]]]]) -> str:
    rows = []
    for spec in REPORTS:
        columns, jsonl = headers[spec.name]
        cell = ", ".join(f"`{c}`" for c in columns)
        if jsonl != [columns]:
            cell += "<br>JSON lines: " + "; or ".join(
                ", ".join(f"`{k}`" for k in keys) for keys in jsonl
            )
        rows.append([f"`{spec.name}`", spec.rows, cell])
    return (
        "## CSV and TSV columns\n\n"
        "`--format csv` and `--format tsv` write a header row, then the rows below, in UTF-8 "
        "without a byte-order mark, each line ended by LF. In CSV a list is joined with `; ` "
        "(an item holding `; ` itself then reads as two: `dprk export --format csv` writes "
        "each list as JSON, for a copy that reads back whole) and a boolean is `true` or "
        "`false`; in TSV a tab, newline "
        "or backslash inside a value is written `\\t`, `\\n`, `\\\\`. `--format jsonl` "
        "writes the same records as JSON objects, one a line, with the same keys (lists "
        "stay lists), unless said otherwise.\n\n"
        + table(["command", "a row is", "columns"], rows)
        + "\n\nIn `status` and `show`, `verified_by` lists the verifiers that confirmed "
        "what the measure did last: empty unless it is verified (a refuted or partial "
        "finding, or one on an earlier extent or before a reversal, names no verifier; "
        "the JSON's `verifications` holds every finding). A measure verified through its "
        'parts (its verification "verified (its parts)") is verified by those who '
        "confirmed every one of its parts that counts (one standing rejected does not), "
        "its own parts' for a part made of parts: none when its parts were confirmed by "
        "different verifiers (each part's row names its own). The JSON records have "
        "the same `verified_by` list, and the table's verification column and the "
        "report name the same verifiers when several confirmed it; a latest finding "
        "refuted or partial is named there with every verifier whose finding stands at "
        "that result (found so since the status began, and not confirmed or refuted "
        "otherwise since). `verification` (after `deadlocked`: the columns before "
        "it keep their places; only `late`, `days_late` and `acted_on` follow it) is "
        "that column's "
        "words, in "
        'plain text: "-" for a measure '
        'that has not acted, "unverified" for one that has and has no finding on what it '
        'did last ("unverified (1 of 2 parts verified)" for a measure made of parts, as '
        'far as its parts are), else its latest finding and who made it ("confirmed '
        '(IAEA)", "partial (38 North)", "refuted (NTI)", "confirmed (IAEA); partial '
        '(38 North)" for one found in part since it was confirmed, "verified (its '
        'parts)" for one verified through its parts; a finder who is a declared party '
        'said to be one, "refuted (Russia, a party)", "refuted (NTI; Russia, a party)"); '
        "on the `--as-of` day, or under "
        "`--assume`, as the table says it there. The JSON records of `status` and `show` "
        "end with it (new in 0.3.0, after `acted_on`), in the same words (`verifications` "
        "and `verified_by` hold the findings); `--format jsonl` rows have "
        "it, before their last three keys. `late`, after it (new in 0.3.0), is "
        "the JSON records' `late`: empty in CSV and TSV (null in a JSON line) for a "
        "measure with no deadline or not carried out in full, `false` for one carried "
        "out in full on or before its deadline as the deadline stood that day, `true` "
        "for one carried out in full after it. `days_late` "
        "(new in 0.3.0), is the JSON records' `days_late`: how many days late it was "
        "done, or is overdue by on the day read; empty in CSV and TSV (null in a JSON "
        "line) for any other. `acted_on`, the last column and key (new in 0.3.0), is the "
        "JSON records' `acted_on`: the day the measure first acted; empty in CSV and TSV "
        "(null in a JSON line) for one that has not."
    )


def vocabulary_section() -> str:
    marks = {s.value for s in vocab.MarkStatus}
    rows = []
    for status in vocab.Status:
        kinds = []
        if status in vocab.PENDING:
            kinds.append("pending")
        if status in vocab.ACTED:
            kinds.append("acted")
        if status in vocab.CLOSED:
            kinds.append("closed")
        if status in vocab.COMMITTED:
            kinds.append("commitment")
        by = "`add-measure --status`, `mark`" if status.value in marks else "`verify`"
        rows.append([f"`{status.value}`", STATUS_MEANINGS[status.value], ", ".join(kinds), by])
    extents = [[f"`{e.value}`", str(level)] for e, level in vocab.EXTENT_LEVEL.items()]
    results = [[f"`{r.value}`", RESULT_MEANINGS[r.value]] for r in vocab.Result]
    requires = ", ".join(f"`{r.value}`" for r in vocab.Require)
    return (
        "## Statuses, extents, findings\n\n"
        + table(["status", "meaning", "counts as", "set by"], rows)
        + "\nA *commitment* counts in `dprk scorecard`. Extents, with their level on the "
        "Peace Accords Matrix scale (a group's score is 100 × Σ level / (3 × "
        "commitments), to the nearest whole number, a half rounded up):\n\n"
        + table(["extent", "level"], extents)
        + "\nResults of `dprk verify --result`:\n\n"
        + table(["result", "effect"], results)
        + f"\n`dprk sequence --require` takes {requires}.\n"
    )


def checks_section() -> str:
    rows = []
    for name, severity in FILE_CHECKS.items():
        rows.append([f"`{name}`", severity, CHECK_MEANINGS[name]])
    for check in CHECKS:
        severity = check.severity
        meaning = CHECK_MEANINGS.get(check.name)
        if meaning is None:
            raise SystemExit(f"docs/build.py: say what the check '{check.name}' finds")
        rows.append([f"`{check.name}`", severity, meaning])
    return (
        "## Checks\n\n"
        "What `dprk check` looks for, in the order it reports. Every write is refused when "
        "it would add an error; warnings are findings about the talks (`--strict` counts "
        "them as errors).\n\n" + table(["check", "severity", "finds"], rows)
    )


def exits_section() -> str:
    codes = {n: v for n, v in vars(errors).items() if n.startswith("EXIT_")}
    missing = set(codes) - set(EXIT_MEANINGS)
    if missing:
        raise SystemExit(f"docs/build.py: say what {', '.join(sorted(missing))} means")
    rows = [[str(codes[n]), EXIT_MEANINGS[n]] for n in sorted(codes, key=codes.get)]
    return (
        "## Exit codes\n\n"
        + table(["code", "meaning"], rows)
        + "\nEvery error is one line on standard error, starting `dprk: error:`; the ledger "
        "is then left byte for byte as it was. One exception: when a change was written "
        'and only its output then failed (`> /dev/full`), the error says "the change was '
        "recorded all the same ('dprk undo' takes it back)\"; `add-measure`, whose new id "
        "is its output, names the measure (\"measure 'ID' was added all the same\"), so "
        "that a script that runs it again on a failure can tell. A pipe that closes early "
        "(`dprk log | head -1`) ends quietly, with 0 (`dprk check` with an error: 1, as "
        "ever); a closed standard output (`>&-`) or "
        "input (`<&-`) is read and written as /dev/null would be. Standard error that "
        "cannot be written (`2> /dev/full`) changes no exit code: its lines are lost, a "
        "change made ends 0, as it does into `> /dev/full` where it writes nothing there "
        "(a change's confirmation goes to standard error), so that a script that runs it "
        "again on a failure does not make it twice; an error ends with its own code.\n"
    )


def environment_section() -> str:
    rows = [[f"`{name}`", meaning] for name, meaning in ENVIRONMENT_VARIABLES]
    return "## Environment\n\n" + table(["variable", "effect"], rows)


def _made_on(document: Any) -> Any:
    """A document of the ledger as it stands (asked of no day) says it is of today: shown
    as of the day the examples are made on (`ENVIRONMENT`'s), the same on every machine."""
    from datetime import UTC, date, datetime

    if isinstance(document, dict) and document.get("as_of") == date.today().isoformat():
        epoch = int(ENVIRONMENT["SOURCE_DATE_EPOCH"])
        return document | {"as_of": datetime.fromtimestamp(epoch, UTC).date().isoformat()}
    return document


def examples() -> tuple[dict[str, Any], dict[str, tuple[list[str], list[list[str]]]]]:
    """Run every report on the scratch ledger: the JSON documents, the CSV headers, and the
    sets of keys the JSON lines records have."""
    documents: dict[str, Any] = {}
    headers: dict[str, tuple[list[str], list[list[str]]]] = {}

    def run(spec: ReportSpec) -> None:
        documents[spec.name] = cut(spec.pick(_made_on(json.loads(dprk(spec.json_args)))))
        header = dprk(spec.csv_args).splitlines()[0].split(",")
        keys: list[list[str]] = []
        for line in dprk(spec.csv_args.replace("--format csv", "--format jsonl")).splitlines():
            found = list(json.loads(line))
            if found not in keys:
                keys.append(found)
        headers[spec.name] = (header, keys or [header])

    with scratch():
        dprk("init --example korea-2018")
        for change in SCRATCH_CHANGES:
            dprk(change)
        for spec in REPORTS:
            if spec.name != "diff":
                run(spec)
        git("init", "-q", "-b", "main")
        git("add", "-A")
        git("commit", "-q", "-m", "the example")
        for change in DIFF_CHANGES:
            dprk(change)
        run(next(spec for spec in REPORTS if spec.name == "diff"))
    return documents, headers


def render() -> str:
    """The whole reference, as it should be now."""
    documents, headers = examples()
    with scratch():
        commands = commands_section()
    sections = [
        HEADER,
        commands,
        formats_section(),
        json_section(documents),
        csv_section(headers),
        vocabulary_section(),
        checks_section(),
        exits_section(),
        environment_section(),
    ]
    return "\n".join(sections)


def main_(argv: list[str]) -> int:
    text = render()
    current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    if "--check" in argv:
        if current != text:
            print("docs/reference.md is out of date: run 'python docs/build.py'", file=sys.stderr)
            return 1
        print("docs/reference.md is up to date")
        return 0
    if current == text:
        print("docs/reference.md is up to date")
    else:
        REFERENCE.write_text(text, encoding="utf-8")
        print("wrote docs/reference.md")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
