"""The README is a user's guide that stays true: short, and its commands parse."""

import shlex

import pytest
import typer.main

from cleaner.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[list[str]]:
    """Every ``cleaner ...`` command in the README's code blocks, as arguments."""
    commands = []
    inside = False
    code: list[str] = []
    for row in README.splitlines():
        if row.startswith("```"):
            inside = not inside
        elif inside:
            code.append(row)
    for line in code:
        line = line.split("  #")[0].strip()
        if "|" in line:  # a pipe: the cleaner command is its last part
            line = line.rsplit("|", 1)[1].strip()
        line = line.removeprefix("$ ").split(">")[0]  # no prompt, no redirection
        if line.startswith("cleaner "):
            commands.append(shlex.split(line)[1:])
    return commands


def test_readme_is_short():
    assert len(README.splitlines()) <= 300


def test_readme_shows_commands():
    assert len(readme_commands()) >= 8


@pytest.mark.parametrize("args", readme_commands(), ids=lambda a: " ".join(a)[:60])
def test_every_readme_command_parses(args):
    group = typer.main.get_command(app)
    while args and args[0].startswith("-"):  # options of the group itself (-v)
        args = args[1:]
    name, rest = args[0], args[1:]
    command = group.commands[name]  # an unknown command fails here
    with command.make_context(name, list(rest)) as ctx:  # unknown options fail here
        assert ctx.params is not None
