"""Shell completion (bash, zsh, fish) completes measure ids and party names from the
ledger, and never fails loudly: no ledger, a broken one, anything."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_process, shell

pytestmark = pytest.mark.slow  # every test runs a real process


def _complete(cwd, shell: str, words: str, *, cword: int | None = None):
    env = {"_DPRK_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env.update({"COMP_WORDS": words, "COMP_CWORD": str(cword)})
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return run_process(cwd=cwd, env=env)


def test_bash_completes_measure_ids(korea, tmp_path):
    result = _complete(tmp_path, "bash", "dprk show inv", cword=2)
    assert result.code == 0 and result.err == ""
    assert result.out.split() == ["inventory-submission"]
    result = _complete(tmp_path, "bash", "dprk mark p", cword=2)
    assert result.out.split() == [
        "pompeo-pyongyang-visit",
        "punggye-ri-closure",
        "pyongyang-inter-korean-summit",
    ]


def test_bash_completes_party_names(korea, tmp_path):
    result = _complete(tmp_path, "bash", "dprk status --party ", cword=3)
    assert result.out.split() == ["DPRK", "ROK", "US"]
    result = _complete(tmp_path, "bash", "dprk add-measure X --actor R", cword=4)
    assert result.out.split() == ["ROK"]


def test_zsh_and_fish_complete_from_the_ledger(korea, tmp_path):
    zsh = _complete(tmp_path, "zsh", "dprk timeline --party D")
    assert zsh.code == 0 and '"DPRK"' in zsh.out
    fish = _complete(tmp_path, "fish", "dprk verify tong")
    assert fish.code == 0 and fish.out.split() == ["tongchang-ri-dismantlement"]


def test_completion_follows_the_ledger_option(korea, tmp_path):
    (tmp_path / "sub").mkdir()
    result = _complete(
        tmp_path / "sub", "bash", "dprk --ledger ../dprk-ledger.toml log sec", cword=4
    )
    assert result.out.split() == ["second-summit", "security-guarantees"]


def test_completion_without_a_ledger_is_quiet(tmp_path):
    result = _complete(tmp_path, "bash", "dprk show ", cword=2)
    assert (result.code, result.out.strip(), result.err) == (0, "", "")


def test_completion_with_a_broken_ledger_is_quiet(tmp_path):
    (tmp_path / "dprk-ledger.toml").write_text("this is [not toml")
    result = _complete(tmp_path, "bash", "dprk status --party ", cword=3)
    assert (result.code, result.out.strip(), result.err) == (0, "", "")
    result = _complete(tmp_path, "fish", "dprk show x")
    assert "Traceback" not in result.err and result.out.strip() == ""


def test_completion_scripts_for_each_shell(tmp_path):
    """Each shell's script, as the guide prints another shell's; `--show-completion`
    prints the script of the shell it is run from (found among its parent processes)."""
    marks = {"bash": "complete -o", "zsh": "#compdef dprk", "fish": "complete --command dprk"}
    for name, mark in marks.items():
        result = run_process(cwd=tmp_path, env={"_DPRK_COMPLETE": f"source_{name}"})
        assert result.code == 0, result.err
        assert "_DPRK_COMPLETE" in result.out and mark in result.out
    from_bash = shell("dprk --show-completion; true", cwd=tmp_path)  # (bash, not exec'd)
    assert from_bash.code == 0, from_bash.err
    assert "_DPRK_COMPLETE" in from_bash.out and marks["bash"] in from_bash.out


def test_completion_goes_on_when_an_option_was_given_twice(korea, tmp_path):
    """A single-value option typed twice is refused when the command runs (exit 2), not
    while the shell completes the next word."""
    result = _complete(tmp_path, "bash", "dprk show -f json -f csv inv", cword=6)
    assert result.code == 0 and result.err == ""
    assert "inventory-submission" in result.out


def test_completion_expands_a_ledger_named_from_home_and_ignores_the_clock(korea, tmp_path):
    """`dprk --ledger ~/talks.toml show <TAB>` offered nothing, though the command runs;
    and a SOURCE_DATE_EPOCH that is no number made completion, `--help` and `--version`
    print an error (completion shows nothing, and records nothing)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "talks.toml").write_bytes(korea.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "_DPRK_COMPLETE": "complete_bash",
        "COMP_WORDS": "dprk --ledger ~/talks.toml show inv",
        "COMP_CWORD": "4",
        "HOME": str(home),
        "SOURCE_DATE_EPOCH": "abc",
    }
    result = run_process(cwd=elsewhere, env=env)
    assert (result.code, result.out.split(), result.err) == (0, ["inventory-submission"], "")
    for args in (["--version"], ["status", "--help"]):
        shown = run_process(*args, cwd=elsewhere, env={"SOURCE_DATE_EPOCH": "abc"})
        assert shown.code == 0 and shown.err == "", shown.err
    refused = run_process("status", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "abc"})
    assert refused.code == 2 and "SOURCE_DATE_EPOCH" in refused.err


def test_bash_completes_a_party_name_as_the_shell_reads_it_back(tmp_path):
    """A party 'North Korea' was put on the line as two words, and "Côte d'Ivoire" left a
    quote open: bash puts a completion on the line as it is given."""
    assert run_process("init", "--party", "North Korea", "--party", "Côte d'Ivoire",
                       "--party", "US", cwd=tmp_path).code == 0  # fmt: skip
    result = _complete(tmp_path, "bash", "dprk status --party ", cword=3)
    assert result.out.splitlines() == ["North\\ Korea", "Côte\\ d\\'Ivoire", "US"]
    result = _complete(tmp_path, "bash", "dprk status --party C", cword=3)
    assert result.out.splitlines() == ["Côte\\ d\\'Ivoire"]
    ran = shell(f"dprk status --party {result.out.strip()} --format ids", cwd=tmp_path)
    assert (ran.code, ran.err) == (0, "")
    # (zsh and fish are given the names as they are)
    fish = _complete(tmp_path, "fish", "dprk status --party N")
    assert fish.out.split("\n")[0] == "North Korea"


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_install_completion_with_no_home_to_install_in_is_refused(tmp_path, home):
    """HOME set but empty made --install-completion write the shell's start-up file and
    the script at the root of the disk (or under the folder it was run in), saying it had
    installed them: it names the trouble, writes nothing, and says how to go on."""
    work = tmp_path / "work"
    work.mkdir()
    result = run_process("--install-completion", "bash", cwd=work, env={"HOME": home})
    said = "is empty" if not home else "is 'relative/home', not a full path"
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"dprk: error: --install-completion: HOME {said}: set it to your home folder, or "
        "print the script with 'dprk --show-completion bash' and install it yourself\n"
    )
    assert list(work.iterdir()) == []
    shown = run_process("--show-completion", "bash", cwd=work, env={"HOME": home})
    assert shown.code == 0 and "_DPRK_COMPLETE" in shown.out


def test_install_completion_with_home_a_file_or_missing_is_refused(tmp_path):
    """HOME set to a file made --install-completion say only "HOME: File exists" (and a
    HOME that did not exist was made, with every folder above it, for the start-up
    file): it names the trouble in one line, writes nothing, and says how to go on."""
    work = tmp_path / "work"
    work.mkdir()
    home = tmp_path / "home-file"
    home.write_text("not a folder\n", encoding="utf-8")
    missing = tmp_path / "gone" / "home"
    for given, said in ((home, "a file, not a folder"), (missing, "which does not exist")):
        result = run_process("--install-completion", cwd=work, env={"HOME": str(given)})
        assert (result.code, result.out) == (2, ""), result.err
        assert result.err == (
            f"dprk: error: --install-completion: HOME is '{given}', {said}: set it to your "
            "home folder, or print the script with 'dprk --show-completion' and install it "
            "yourself\n"
        )
    assert home.read_text(encoding="utf-8") == "not a folder\n"
    assert not (tmp_path / "gone").exists() and list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("shell_name", "in_the_way", "made"),
    [
        ("bash", ".bash_completions", ".bash_completions/dprk.sh"),
        ("fish", ".config", ".config/fish/completions/dprk.fish"),  # (a folder above it)
    ],
)
def test_install_completion_with_a_file_in_the_way_says_which(
    tmp_path, shell_name, in_the_way, made
):
    """A file where a folder of the completion's goes (~/.bash_completions, or ~/.config
    above fish's) made --install-completion say only "File exists" (or "Not a
    directory", of a folder it had not made): it names the file that is in the way, and
    once that is moved aside, the install goes through."""
    home = tmp_path / "home"
    home.mkdir()
    (home / in_the_way).write_text("", encoding="utf-8")
    env = {"HOME": str(home), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = run_process("--install-completion", shell_name, cwd=home, env=env)  # (named)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: --install-completion: {home / in_the_way} is a file, where a folder "
        f"is needed: move it aside, or print the script with 'dprk --show-completion "
        f"{shell_name}' and install it yourself\n"
    )
    (home / in_the_way).rename(home / f"{in_the_way}.moved")
    again = run_process("--install-completion", shell_name, cwd=home, env=env)
    assert again.code == 0 and again.err == "", again.err
    assert "_DPRK_COMPLETE" in (home / made).read_text(encoding="utf-8")


def test_mark_completes_the_status_after_an_id(korea, tmp_path):
    """'dprk mark second-summit imp<TAB>' offered nothing, and 'dprk mark second-summit
    <TAB>' only ids: the status a mark sets is completed once an id is given."""
    result = _complete(tmp_path, "bash", "dprk mark second-summit imp", cword=3)
    assert result.out.split() == ["implemented"]
    after = _complete(tmp_path, "bash", "dprk mark second-summit ", cword=3).out.split()
    assert {"agreed", "withdrawn", "second-summit"} <= set(after)
    first = _complete(tmp_path, "bash", "dprk mark --date 2019-01-01 ", cword=4).out.split()
    assert "agreed" not in first and "second-summit" in first
    zsh = _complete(tmp_path, "zsh", "dprk mark second-summit ag")
    assert '"agreed"' in zsh.out
    fish = _complete(tmp_path, "fish", "dprk mark second-summit re")
    assert fish.out.split() == ["remains-repatriation", "reversed", "rejected"]


def test_mark_completes_nothing_after_its_status_and_the_status_after_a_dash(korea, tmp_path):
    """After the status, ids and statuses were offered again, which mark then refused;
    after '-' (ids from standard input), ids rather than the status."""
    done = _complete(tmp_path, "bash", "dprk mark second-summit agreed ", cword=4)
    assert (done.code, done.out.split()) == (0, [])
    dash = _complete(tmp_path, "bash", "dprk mark - ", cword=3).out.split()
    assert dash == ["proposed", "agreed", "implemented", "reversed", "withdrawn", "rejected"]


@pytest.mark.parametrize(
    ("named", "made", "mark"),
    [
        ("fish", ".config/fish/completions/dprk.fish", "complete --command dprk"),
        ("zsh", ".zfunc/_dprk", "#compdef dprk"),
    ],
)
def test_install_completion_installs_the_shell_named(tmp_path, named, made, mark):
    """`dprk --install-completion fish`, run from bash, installed bash's completion (in
    ~/.bashrc and ~/.bash_completions): the shell named is the one installed, and
    `--show-completion fish` prints fish's script."""
    home = tmp_path / "home"
    home.mkdir()
    ran = shell(f"HOME='{home}' dprk --install-completion {named}; exit $?", cwd=tmp_path)
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == (
        f"{named} completion installed in {home / made}\n"
        "Completion will take effect once you restart the terminal\n"
    )
    assert mark in (home / made).read_text(encoding="utf-8")
    assert not (home / ".bashrc").exists() and not (home / ".bash_completions").exists()
    shown = shell(f"HOME='{home}' dprk --show-completion {named}; exit $?", cwd=tmp_path)
    assert shown.code == 0 and mark in shown.out and "complete -o" not in shown.out


def test_install_completion_refuses_a_shell_it_does_not_know(tmp_path):
    """A word after --install-completion that names no shell was ignored, and the shell
    it was run from installed: it is refused, and nothing is written."""
    home = tmp_path / "home"
    home.mkdir()
    ran = shell(f"HOME='{home}' dprk --install-completion fsh; exit $?", cwd=tmp_path)
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        "dprk: error: --install-completion: 'fsh' is not a shell dprk completes; name "
        "bash, zsh or fish, or leave it out for the shell you are in\n"
    )
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_completion_takes_the_shell_after_an_equals_sign(tmp_path, option):
    """`dprk --install-completion=fish` was refused ("does not take a value"), though
    `--install-completion fish` installs fish's: the two are one (and so for
    --show-completion)."""
    home = tmp_path / "home"
    home.mkdir()
    made = home / ".config/fish/completions/dprk.fish"
    ran = shell(f"HOME='{home}' dprk {option}=fish; exit $?", cwd=tmp_path)
    assert (ran.code, ran.err) == (0, "")
    if option == "--install-completion":
        assert ran.out == (
            f"fish completion installed in {made}\n"
            "Completion will take effect once you restart the terminal\n"
        )
        assert "complete --command dprk" in made.read_text(encoding="utf-8")
        assert [p.name for p in home.iterdir()] == [".config"]
    else:
        assert "complete --command dprk" in ran.out and list(home.iterdir()) == []


@pytest.mark.parametrize(
    "words", ["--install-completion bash fish", "--install-completion=bash fish",
              "--install-completion zsh status"]
)  # fmt: skip
def test_install_completion_refuses_a_word_after_the_shell(tmp_path, words):
    """`dprk --install-completion bash fish` installed bash's completion and left fish
    unread, saying nothing of it: a word after the shell is refused in one line,
    nothing written; the command it advises installs the shell named first."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# mine\n", encoding="utf-8")
    before = _files_under(home)
    ran = shell(f"HOME='{home}' dprk {words}; exit $?", cwd=tmp_path)
    named, extra = words.replace("=", " ").split()[1:]
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        f"dprk: error: --install-completion: '{extra}' after {named} is one word too many: "
        f"name one shell ('dprk --install-completion {named}')\n"
    )
    assert _files_under(home) == before
    advised = shell(f"HOME='{home}' dprk --install-completion {named}; exit $?", cwd=tmp_path)
    assert (advised.code, advised.err) == (0, "")
    assert advised.out.startswith(f"{named} completion installed in ")


def _files_under(folder):
    """Every file and folder under `folder`: its bytes (a link: where it leads), and its
    permission bits."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = ("link", os.readlink(path))
        elif path.is_dir():
            found[str(path)] = ("folder", path.stat().st_mode)
        else:
            found[str(path)] = (path.read_bytes(), path.stat().st_mode)
    return found


@pytest.mark.parametrize(
    ("shell_name", "start_up", "in_the_way"),
    [
        ("bash", ".bashrc", ".bash_completions"),
        ("zsh", ".zshrc", ".zfunc"),
        ("bash", ".bashrc", ".bash_completions/dprk.sh"),  # (a link to a folder gone)
    ],
)
def test_install_completion_that_fails_leaves_every_file_as_it_was(
    tmp_path, shell_name, start_up, in_the_way
):
    """An install that failed on the script's file (a file where its folder goes, a link
    to a folder that is gone) had already added its line to ~/.bashrc (~/.zshrc): the
    shell's start-up file loaded a script that was not there. Every file is left as it
    was."""
    home = tmp_path / "home"
    home.mkdir()
    (home / start_up).write_bytes(b"alias ll='ls -l'  # (no end of line)")
    if in_the_way.endswith(".sh"):
        (home / in_the_way).parent.mkdir()
        (home / in_the_way).symlink_to(tmp_path / "gone" / "dprk.sh")
    else:
        (home / in_the_way).write_text("", encoding="utf-8")
    before = _files_under(home)
    result = run_process("--install-completion", shell_name, cwd=home, env={"HOME": str(home)})
    assert (result.code, result.out) == (1, ""), result.err
    assert _files_under(home) == before
    assert result.err.startswith("dprk: error: --install-completion: ")
    assert result.err.endswith(
        f"print the script with 'dprk --show-completion {shell_name}' and install it yourself\n"
    )


def test_install_completion_whose_start_up_file_cannot_be_written_takes_back_the_script(
    tmp_path,
):
    """When the start-up file cannot be written (a link into a folder that is gone, a
    file made read-only), the script written before it is taken back, and the folder
    made for it: every file is as it was, and the error says why and how to go on."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}
    (home / ".bashrc").symlink_to(tmp_path / "dotfiles" / "bashrc")
    before = _files_under(home)
    result = run_process("--install-completion", "bash", cwd=home, env=env)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: --install-completion: {home / '.bashrc'}: cannot write the file: "
        "No such file or directory; print the script with 'dprk --show-completion bash' "
        "and install it yourself\n"
    )
    assert _files_under(home) == before
    (home / ".bashrc").unlink()
    (home / ".bashrc").write_bytes(b"set -o vi\n")
    (home / ".bashrc").chmod(0o444)
    before = _files_under(home)
    result = run_process("--install-completion", "bash", cwd=home, env=env)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: --install-completion: {home / '.bashrc'}: the file is read-only, "
        f"every file left unchanged (allow changes with 'chmod u+w {home / '.bashrc'}'); "
        "print the script with 'dprk --show-completion bash' and install it yourself\n"
    )
    assert _files_under(home) == before
    (home / ".bashrc").chmod(0o644)  # (as advised)
    again = run_process("--install-completion", "bash", cwd=home, env=env)
    assert (again.code, again.err) == (0, "")
    script = home / ".bash_completions" / "dprk.sh"
    assert (home / ".bashrc").read_text(encoding="utf-8") == f"set -o vi\nsource '{script}'\n"
    assert "_DPRK_COMPLETE" in script.read_text(encoding="utf-8")
    once_more = run_process("--install-completion", "bash", cwd=home, env=env)
    assert once_more.code == 0
    assert (home / ".bashrc").read_text(encoding="utf-8") == f"set -o vi\nsource '{script}'\n"
