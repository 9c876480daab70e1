"""The writing systems a text's letters are in, counted by Unicode block.

A model learns its lexical evidence from the letters of its training lines;
on a page written mostly in a script those lines hardly hold, that evidence
is noise (`cleaner.model.labeller.LineLabeller.adjust` then defers to
trafilatura). This module counts a text's letters by script, fast enough to
run on every page: ASCII letters in one pass of C code, the other letters
by runs. Its table of Unicode blocks is the project's one: the extraction
mark's word count and the benchmarks' language groups read it too.
"""

from __future__ import annotations

import bisect
import itertools
import re
import string
from collections import Counter

#: First code point of each Unicode range and its script (up to the next
#: start); ranges of no interest here are "other".
_BLOCKS: tuple[tuple[int, str], ...] = (
    (0x0000, "Latin"),
    (0x0250, "other"),
    (0x0370, "Greek"),
    (0x0400, "Cyrillic"),
    (0x0530, "Armenian"),
    (0x0590, "Hebrew"),
    (0x0600, "Arabic"),
    (0x0780, "other"),
    (0x0900, "Indic"),
    (0x0E00, "Thai"),
    (0x0E80, "Lao"),
    (0x0F00, "Tibetan"),
    (0x1000, "Myanmar"),
    (0x10A0, "Georgian"),
    (0x1100, "Hangul"),
    (0x1200, "Ethiopic"),
    (0x13A0, "other"),
    (0x1780, "Khmer"),
    (0x1800, "other"),
    (0x1E00, "Latin"),
    (0x1F00, "Greek"),
    (0x2000, "other"),
    (0x3040, "Kana"),
    (0x3100, "other"),
    (0x3130, "Hangul"),
    (0x3190, "other"),
    (0x3400, "Han"),
    (0xA000, "other"),
    (0xAC00, "Hangul"),
    (0xD7B0, "other"),
    (0xF900, "Han"),
    (0xFB00, "other"),
    (0xFB50, "Arabic"),
    (0xFE00, "other"),
    (0xFE70, "Arabic"),
    (0xFF00, "other"),
)
_STARTS = [start for start, _ in _BLOCKS]
#: The scripts written without spaces between words.
UNSPACED_SCRIPTS = frozenset({"Thai", "Lao", "Myanmar", "Khmer", "Kana", "Han"})
#: A letter of an `UNSPACED_SCRIPTS` script (by the blocks above).
UNSPACED_LETTER = re.compile(
    "["
    + "".join(
        f"{chr(start)}-{chr(end - 1)}"
        for (start, script), (end, _) in itertools.pairwise(_BLOCKS)
        if script in UNSPACED_SCRIPTS
    )
    + "]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_NON_LETTERS = bytes(c for c in range(128) if chr(c) not in string.ascii_letters)


def script_of(char: str) -> str:
    """The script of one character, by its Unicode block.

    >>> script_of("a"), script_of("é"), script_of("ж"), script_of("東"), script_of("ก")
    ('Latin', 'Latin', 'Cyrillic', 'Han', 'Thai')
    """
    return _BLOCKS[bisect.bisect_right(_STARTS, ord(char)) - 1][1]


def _ascii_letters(text: str) -> int:
    return len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))


def script_letters(text: str) -> Counter[str]:
    """How many of ``text``'s letters each script holds.

    The letters of a run of non-ASCII characters count for the script of
    its first letter (runs rarely change script without a space between).

    >>> sorted(script_letters("Tokyo 東京の天気, café").items())
    [('Han', 5), ('Latin', 9)]
    """
    counts: Counter[str] = Counter()
    ascii_letters = _ascii_letters(text)
    if ascii_letters:
        counts["Latin"] = ascii_letters
    if not text.isascii():
        for run in _NON_ASCII.findall(text):
            letters = sum(map(str.isalpha, run))
            if letters:
                counts[script_of(next(c for c in run if c.isalpha()))] += letters
    return counts


def known_share(counts: Counter[str], known: frozenset[str]) -> float:
    """The share of the letters in ``counts`` whose script is in ``known``
    (1.0 for a text with no letters).

    >>> known_share(script_letters("東京の天気 news"), frozenset({"Latin"}))
    0.4444444444444444
    """
    total = sum(counts.values())
    if not total:
        return 1.0
    return sum(n for script, n in counts.items() if script in known) / total


def mostly_known(text: str, known: frozenset[str], share: float) -> bool:
    """True when at least ``share`` of ``text``'s letters are in ``known`` scripts.

    A text whose ASCII letters alone make that share, counting every other
    character as a letter of an unknown script, is settled without counting.

    >>> mostly_known("The story, told in full.", frozenset({"Latin"}), 0.5)
    True
    >>> mostly_known("东京天气预报 today", frozenset({"Latin"}), 0.5)
    False
    """
    if "Latin" in known:
        ascii_letters = _ascii_letters(text)
        others = len(text) - len(text.encode("ascii", "ignore"))
        if ascii_letters >= share * (ascii_letters + others):
            return True
    return known_share(script_letters(text), known) >= share
