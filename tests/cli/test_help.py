"""Every command's --help is its documentation: a short first line and an example."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path

import pytest
import typer

from dprk_cli.cli.app import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_commands_of_issue_four_are_registered():
    assert {"export", "import", "undo", "schema", "timeline", "graph", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(dprk, command):
    result = dprk(command, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Usage: dprk {command} ")
    assert "Example" in result.out, f"'dprk {command} --help' shows no example"
    example = next(line for line in result.out.splitlines() if "Example" in line)
    assert "dprk " in example


def test_top_level_help_and_version(dprk):
    result = dprk("--help")
    assert result.code == 0
    assert "Example" in result.out
    for command in COMMANDS:
        assert command in result.out
    version = dprk("--version")
    assert version.code == 0 and version.out.startswith("dprk ")


def test_the_version_is_the_projects_and_the_newest_the_changes_tell(dprk):
    """Every release said 0.1.0, so that a desk could not tell which it ran: the version
    printed is the project's, and docs/changes.md begins with what changed in it."""
    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    result = dprk("--version")
    assert (result.code, result.out, result.err) == (0, f"dprk {project}\n", "")
    changes = (root / "docs" / "changes.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\S+)", changes, re.M)
    assert newest is not None and newest.group(1) == project


# Examples that need what the bundled example does not hold, and why; every other
# command's example runs as written, in a real shell, on a copy of the example.
NEEDS_MORE = {
    "init": "a folder without a ledger",
    "graph": "Graphviz's dot",
    "git-setup": "a git repository",
    "merge-driver": "three versions of a ledger",
    "resolve": "a merge conflict",
    "diff": "a git history",
}


def _example(command: str, dprk) -> str:
    """The example of `dprk COMMAND --help`, as one pastes it: its line. Examples were
    folded to the terminal's width, and a line pasted alone ran as a command of its own
    ('--demanded-by DPRK'), or changed the ledger without it."""
    text = dprk(command, "--help").out
    lines = text[text.index("Example: ") + len("Example: ") :].splitlines()
    assert len(lines) == 1 or not lines[1].strip(), f"{command}: its example is folded"
    return lines[0].strip()


def test_every_command_is_either_run_or_says_what_its_example_needs():
    assert set(NEEDS_MORE) <= set(COMMANDS)


# What an example exits with on the bundled example, where it is not 0.
EXITS: dict[str, int] = {}


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in NEEDS_MORE])
def test_the_example_in_help_runs_as_written(dprk, korea, tmp_path, command):
    from tests.conftest import shell

    example = _example(command, dprk)
    result = shell(example, cwd=tmp_path)
    assert result.code == EXITS.get(command, 0), (example, result.err)
    assert "Traceback" not in result.err


def test_a_report_with_no_measure_rows_offers_no_ids_format(dprk):
    """scorecard's rows are parties or categories: its help listed ids, which it refused."""
    shown = dprk("scorecard", "--help").out
    assert "<table|json|jsonl|csv|tsv|markdown>" in shown and "ids" not in shown
    assert "|ids>" in dprk("balance", "--help").out


@pytest.mark.parametrize(("command", "chosen"), [("log", "entries"), ("timeline", "events")])
def test_since_and_until_say_what_they_choose(dprk, korea, command, chosen):
    """log and timeline choose their entries and events by date, not the measures, but
    their --since said 'Only measures with an event on or after this date'."""
    shown = " ".join(dprk(command, "--help").out.split())
    assert f"--since <date> Only {chosen} dated on or after this date" in shown
    assert f"--until <date> Only {chosen} dated on or before this date" in shown
    assert "Only measures with an event" not in shown
    assert "Only measures with an event on or after" in " ".join(
        dprk("status", "--help").out.split()
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # (status, log and timeline take --no-pager after their name too: their tables
        # grow with the ledger; the others take it before)
        (["plan", "--no-pager"], "give it before the command, 'dprk --no-pager plan ...')"),
        (
            ["status", "--ledger", "x.toml"],
            "give it before the command, 'dprk --ledger x.toml status ...')",
        ),
        (["plan", "-l", "x.toml"], "give it before the command, 'dprk -l x.toml plan ...')"),
        (
            ["status", "--lock-timeout", "5"],
            "give it before the command, 'dprk --lock-timeout 5 status ...')",
        ),
    ],
)
def test_an_option_of_dprks_own_after_the_command_says_where_it_goes(dprk, korea, args, said):
    """'dprk log --no-pager' said 'No such option: --no-pager' and no more, though the
    option is dprk's own, given before the command."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"dprk: error: No such option: {args[1]} (")
    assert "Possible options" not in result.err  # (click's guesses among the command's)
    assert result.err.endswith(said + "\n")
    assert korea.read_bytes() == before
    fixed = dprk(args[1], *args[2:], args[0]) if len(args) == 3 else dprk(args[1], args[0])
    assert fixed.code in (0, 1), fixed.err  # (x.toml: no ledger there, said so)


def test_dprks_own_option_after_the_command_is_advised_with_the_value_given(dprk, korea):
    """'dprk status --ledger x.toml' advised 'dprk --ledger FILE status ...', where an
    option of the command given before it is advised with the value given: the value
    given, quoted for the shell where it needs it."""
    before = korea.read_bytes()
    for args, said in (
        (["status", "--ledger", "x.toml"], "'dprk --ledger x.toml status ...'"),
        (["status", "--ledger=my ledger.toml"], "'dprk --ledger \"my ledger.toml\" status ...'"),
        (["next", "--lock-timeout", "5"], "'dprk --lock-timeout 5 next ...'"),
    ):
        result = dprk(*args)
        assert (result.code, result.out) == (2, ""), result.err
        assert result.err.endswith(
            f"is an option of dprk's own: give it before the command, {said})\n"
        )
        assert result.err.count("\n") == 1
        assert korea.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "said", "fixed"),
    [
        (["--format", "json", "status"], "'dprk status --format json ...')",
         ["status", "--format", "json"]),
        (["--acted", "status"], "'dprk status --acted ...')", ["status", "--acted"]),
        (["--format=json", "status"], "'dprk status --format json ...')",
         ["status", "--format=json"]),
        (["--ledger", "dprk-ledger.toml", "--party", "US", "next"], "'dprk next --party US ...')",
         ["--ledger", "dprk-ledger.toml", "next", "--party", "US"]),
    ],
)  # fmt: skip
def test_an_option_of_the_command_before_it_says_where_it_goes(dprk, korea, args, said, fixed):
    """'dprk --format json status' said 'No such option: --format (see 'dprk --help')',
    where the opposite slip ('status --ledger') says where the option goes."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    option = next(a for a in args if a not in ("--ledger", "dprk-ledger.toml")).split("=")[0]
    assert result.err == (
        f"dprk: error: No such option: {option} ({option} is an option of "
        f"'dprk {args[-1]}': give it after the command, {said}\n"
    )
    assert korea.read_bytes() == before
    assert dprk(*fixed).code == 0


def test_an_option_no_command_knows_points_to_the_commands_help(dprk, korea):
    result = dprk("log", "--frob")
    assert result.err == "dprk: error: No such option: --frob (see 'dprk log --help')\n"


def test_the_list_of_commands_gives_each_summary_whole(dprk):
    """28 of the 37 lines of the list in 'dprk --help' were cut with '...' at any width
    ('check  Find problems in the ledger (deadlocks are warnings);...'): each line now
    gives its command's summary whole, on one line of 80 columns."""
    from dprk_cli.cli.app import COMMANDS as ORDER
    from dprk_cli.cli.app import SUMMARIES

    assert list(SUMMARIES) == list(ORDER)
    shown = dprk("--help").out
    listed = shown[shown.index("Commands:") :].splitlines()[1:]
    assert len(listed) == len(ORDER)
    for line, (name, summary) in zip(listed, SUMMARIES.items(), strict=True):
        assert line.split(None, 1) == [name, summary]
        assert len(line) <= 80 and not line.endswith("...")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("log", "('dprk log' takes --until DATE: what happened up to the end of that day)"),
        ("check", "('dprk check' reads the ledger as it stands now)"),
        # (export's --until chooses measures, each written whole: no day's snapshot)
        ("export", "('dprk export' reads the ledger as it stands now)"),
    ],
)
def test_as_of_given_to_a_command_without_it_says_what_it_has(dprk, korea, command, said):
    """Every read command takes --as-of but these: 'dprk log --as-of D' said 'No such
    option' and no more. It says what the command has instead; followed, it answers."""
    before = korea.read_bytes()
    result = dprk(command, "--as-of", "2018-06-30")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"dprk: error: No such option: --as-of {said}\n"
    assert korea.read_bytes() == before
    if "--until" in said:
        until = dprk(command, "--until", "2018-06-30", "--format", "json")
        assert until.code == 0, until.err
        assert "2018-07" not in until.out


@pytest.mark.parametrize("command", COMMANDS)
def test_a_help_that_names_as_of_is_of_a_command_that_takes_it(dprk, command):
    """The --search of log, timeline and export said 'with --as-of, as the ledger held
    them that day', and each refused --as-of."""
    result = dprk(command, "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    if "with --as-of" in text:
        assert "--as-of" in text.replace("with --as-of", ""), command


def test_an_option_of_another_command_names_that_command(dprk, korea):
    """`add-measure --demanded-by` was answered 'Possible options: --deadline', click's
    guess among add-measure's own options, which leads nowhere: who demands an order is
    `sequence`'s to record."""
    before = korea.read_bytes()
    result = dprk("add-measure", "Package", "--actor", "US", "--demanded-by", "US")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "dprk: error: No such option: --demanded-by (--demanded-by is an option of 'dprk "
        "sequence', not of 'dprk add-measure'; see 'dprk sequence --help')\n",
    )
    assert korea.read_bytes() == before
    # (a typo of the command's own option keeps click's guess; so does one no command has)
    assert "(Possible options: --format)" in dprk("status", "--formt", "json").err


@pytest.mark.parametrize(
    "args",
    [
        ["link", "--remove", "pompeo-pyongyang-visit", "second-summit"],
        ["link", "pompeo-pyongyang-visit", "--remove=second-summit", "--date", "2018-10-01"],
    ],
)
def test_link_remove_points_to_unlink(dprk, korea, args):
    """'link --remove A B' was answered that --remove is an option of 'dprk sequence',
    which drops orders, not links: a link ends with 'dprk unlink', given the same ids."""
    assert dprk("link", "pompeo-pyongyang-visit", "second-summit", "--date", "2018-09-10").code == 0
    before = korea.read_bytes()
    result = dprk(*args)
    dated = " --date 2018-10-01" if "--date" in args else ""
    line = f"dprk unlink pompeo-pyongyang-visit second-summit{dated}"
    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"dprk: error: No such option: --remove (a link is ended with 'dprk unlink': "
        f"'{line}'; see 'dprk unlink --help')\n",
    )
    assert korea.read_bytes() == before
    followed = dprk(*line.split()[1:])
    assert followed.code == 0, followed.err
    shown = json.loads(dprk("show", "second-summit", "--format", "json").out)
    assert "pompeo-pyongyang-visit" not in shown["in_exchange_for"]


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["mark", "punggye-ri-closure", "implemnted"], "implemented"),
        (["status", "--format", "jsn"], "json"),
        (["add-measure", "X", "--actor", "US", "--status", "agred"], "agreed"),
    ],
)
def test_a_mistyped_choice_is_answered_with_the_one_it_is_near(dprk, korea, args, meant):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert f"(did you mean '{meant}'?) (see 'dprk {args[0]} --help')" in result.err
    assert korea.read_bytes() == before
    unlike = dprk("status", "--format", "xml")
    assert unlike.code == 2 and "did you mean" not in unlike.err


@pytest.mark.parametrize(
    ("status", "owed"),
    [("withdrawn", ["US,owes,relief,site", "DPRK,owed,site,relief"]), ("rejected", [])],
)
def test_mark_help_says_who_ends_a_measure_as_the_balance_counts_it(
    dprk, empty, tmp_path, status, owed
):
    """withdrawn: its own actor took it back (an offer, or what it agreed and then
    refused to carry out), a debt once the other side acted; rejected: turned down by the
    side it was offered to, or demanded of before it agreed, no debt, which its line says."""
    shown = " ".join(dprk("mark", "--help").out.split())
    assert dprk("mark", "--help").code == 0
    assert (
        "withdrawn (taken back by its own actor, an offer or a measure it agreed and then "
        "refused to carry out: still owed for in 'dprk balance' once the other side acted)"
    ) in shown
    assert (
        "rejected (turned down by the side it was offered to, or demanded of before it "
        "agreed: no debt in 'dprk balance')"
    ) in shown
    for args in (
        ("add-measure", "Close the site", "--actor", "DPRK", "--id", "site"),
        ("add-measure", "Relief", "--actor", "US", "--id", "relief", "--in-exchange-for", "site"),
        ("mark", "site", "implemented"),
    ):
        assert dprk(*args, "--date", "2018-05-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    result = dprk("mark", "relief", status, "--date", "2018-06-01")
    ended = (
        "; balance no longer counts it owed to DPRK, which acted for it (site, 2018-05-01); "
        "if US took back what it offered, it withdrew it, which keeps the debt: 'dprk "
        "drop-entry relief 2', then 'dprk mark relief withdrawn --date 2018-06-01'"
    )
    said = ended if status == "rejected" else ""
    assert (result.code, result.err) == (0, f"relief: {status} on 2018-06-01{said}\n")
    assert f'status = "{status}"'.encode() in ledger.read_bytes()
    balance = dprk("balance", "--format", "csv")
    assert balance.code == 0
    assert sorted(line.rsplit(",", 5)[0] for line in balance.lines[1:]) == sorted(owed)


@pytest.mark.parametrize(
    ("args", "said", "fixed"),
    [
        (["add-measure", "Redeploy", "--party", "US"],
         "('dprk add-measure' names the party that acts with --actor: '--actor US'",
         ["add-measure", "Redeploy", "--actor", "US"]),
        (["edit", "punggye-ri-closure", "--party=US"],
         "('dprk edit' names the party that acts with --actor: '--actor US'",
         ["edit", "punggye-ri-closure", "--actor", "US"]),
        (["verify", "punggye-ri-closure", "--verifier", "Arab League"],
         "('dprk verify' names who verified it with --by: '--by \"Arab League\"'",
         ["verify", "punggye-ri-closure", "--by", "Arab League", "--new-verifier"]),
        # (a finding's source is its evidence: --source is mark's, add-measure's, note's)
        (["verify", "punggye-ri-closure", "--by", "Arab League", "--new-verifier",
          "--source", "GOV/INF/2016/1"],
         "('dprk verify' records the report or document the finding rests on with "
         "--evidence: '--evidence GOV/INF/2016/1'",
         ["verify", "punggye-ri-closure", "--by", "Arab League", "--new-verifier",
          "--evidence", "GOV/INF/2016/1"]),
        (["edit-ledger", "--name", "Taif"],
         "('dprk edit-ledger' sets the title with --title: '--title Taif'",
         ["edit-ledger", "--title", "Taif"]),
        # (edit's sources are added and removed, not given: not add-measure's --source)
        (["edit", "punggye-ri-closure", "--source", "38 North"],
         "('dprk edit' adds a source with --add-source: '--add-source \"38 North\"'",
         ["edit", "punggye-ri-closure", "--add-source", "38 North"]),
    ],
)  # fmt: skip
def test_an_option_guessed_for_another_is_answered_with_the_commands_own(
    dprk, korea, args, said, fixed
):
    """'add-measure --party' was answered 'Possible options: --date, --part-of', click's
    guess by spelling; 'verify --verifier' '--new-verifier', a flag; 'init --name'
    '--example': the option that does what the name says is the one to give."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    # (the option guessed: the one the line that works has not)
    option = next(a.split("=")[0] for a in args if a.startswith("--") and a not in fixed)
    assert result.err == (
        f"dprk: error: No such option: {option} {said}; see 'dprk {args[0]} --help')\n"
    )
    assert korea.read_bytes() == before
    assert dprk(*fixed).code == 0


# (the option guessed, of each command's line below)
_GUESSED = {
    "mark": ("--on",),
    "note": ("--when",),
    "status": ("--on", "--actor"),
    "next": ("--when", "--actor"),
    "add-measure": ("--title", "--name", "--due", "--until"),
    "sequence": ("--by",),
    "edit": ("--due", "--until", "--due-date"),
}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["mark", "x", "implemented", "--on", "2018-02-01"],
         "('dprk mark' dates it with --date: '--date 2018-02-01'"),
        (["note", "x", "seen", "--when=2018-02-01"],
         "('dprk note' dates it with --date: '--date 2018-02-01'"),
        (["status", "--on", "2018-02-01"],
         "('dprk status' reads the ledger as it stood on a day with --as-of: "
         "'--as-of 2018-02-01'"),
        (["next", "--when", "2018-02-01"],
         "('dprk next' reads the ledger as it stood on a day with --as-of: "
         "'--as-of 2018-02-01'"),
        (["add-measure", "--title", "Second step", "--actor", "A"],
         "('dprk add-measure' takes the title as its first argument: "
         "'dprk add-measure \"Second step\" --actor A'"),
        (["add-measure", "--actor", "A", "--name=Gamma", "--date", "2018-01-02"],
         "('dprk add-measure' takes the title as its first argument: "
         "'dprk add-measure Gamma --actor A --date 2018-01-02'"),
        (["status", "--actor", "A"],
         "('dprk status' keeps one party's measures with --party: '--party A'"),
        (["next", "--actor", "B"],
         "('dprk next' keeps one party's measures with --party: '--party B'"),
        (["sequence", "y", "--after", "x", "--by", "B"],
         "('dprk sequence' names whose demand the order is with --demanded-by: "
         "'--demanded-by B'"),
        # (--date, click's guess, records the day of the event, not the day it is due)
        (["add-measure", "Z", "--actor", "A", "--status", "agreed", "--date", "2018-01-02",
          "--due", "2018-03-01"],
         "('dprk add-measure' sets the day it is due by with --deadline: "
         "'--deadline 2018-03-01'"),
        (["add-measure", "Z", "--actor", "A", "--until=2018-03-01"],
         "('dprk add-measure' sets the day it is due by with --deadline: "
         "'--deadline 2018-03-01'"),
        (["edit", "x", "--due", "2018-03-01"],
         "('dprk edit' sets the day it is due by with --deadline: '--deadline 2018-03-01'"),
        (["edit", "x", "--until", "2018-03-01"],
         "('dprk edit' sets the day it is due by with --deadline: '--deadline 2018-03-01'"),
        (["edit", "x", "--due-date", "2018-03-01"],
         "('dprk edit' sets the day it is due by with --deadline: '--deadline 2018-03-01'"),
    ],
)  # fmt: skip
def test_an_option_guessed_means_the_option_or_argument_of_that_command(dprk, tmp_path, args, said):
    """'--on'/'--when' for a day, 'add-measure --title', 'status --actor', 'sequence --by'
    were answered with click's guess by spelling, or another command's help ('--title is
    an option of dprk init'): the command's own option is named, or its argument, and
    the line followed as printed works."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor in (("x", "A"), ("y", "B")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0, made.err
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    option = next(a.split("=")[0] for a in args if a.split("=")[0] in _GUESSED[args[0]])
    assert result.err == (
        f"dprk: error: No such option: {option} {said}; see 'dprk {args[0]} --help')\n"
    )
    assert ledger.read_bytes() == before
    advised = said.rsplit(": '", 1)[1].removesuffix("'")
    if advised.startswith("dprk "):
        fixed = shlex.split(advised)[1:]
    else:
        right, value = shlex.split(advised)
        at = [a.split("=")[0] for a in args].index(option)
        fixed = [*args[:at], right, value, *args[at + (1 if "=" in args[at] else 2) :]]
    followed = dprk(*fixed)
    assert followed.code == 0, followed.err


@pytest.mark.parametrize("option", ["--due", "--due-date"])
def test_a_deadline_given_to_a_command_that_sets_none_names_those_that_do(dprk, korea, option):
    """'mark x implemented --due DAY' was answered with click's guess, --date: the day
    the step was taken, not the day it is due."""
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", "implemented", option, "2018-06-01")
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: No such option: {option} (the day a measure is due by is set with "
        "--deadline, an option of 'dprk add-measure' or 'dprk edit', not of 'dprk mark'; "
        "see 'dprk edit --help')\n"
    )


def test_init_name_is_answered_with_title_and_writes_nothing(dprk, tmp_path):
    result = dprk("init", "--name", "Taif", "--party", "Syria")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "dprk: error: No such option: --name ('dprk init' sets the title with --title: "
        "'--title Taif'; see 'dprk init --help')\n"
    )
    assert list(tmp_path.iterdir()) == []
    # (where the command's option means something else, click's guess stays)
    assert "Possible options" in dprk("scorecard", "--verifier", "IAEA").err
