"""Functions the sandbox tests run in a child process."""

import os
import re


def echo(setup: object, value: object) -> tuple[object, object]:
    return setup, value


def backtrack(setup: object, size: int) -> bool:
    """A regular expression that backtracks for ages inside compiled code."""
    return re.match(r"(x+x+)+y", "x" * size) is not None


def die(setup: object) -> None:
    os._exit(3)


def fail(setup: object) -> None:
    raise ValueError("bad page")


def ready(setup: object) -> str:
    return f"ready with {setup}"
