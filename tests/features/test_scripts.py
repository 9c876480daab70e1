from collections import Counter

import pytest

from cleaner.features.scripts import (
    UNSPACED_LETTER,
    UNSPACED_SCRIPTS,
    known_share,
    mostly_known,
    script_letters,
    script_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("12 + 3 = 15!", {}),
        ("The story goes on.", {"Latin": 14}),
        ("Ça coûte très cher", {"Latin": 15}),
        ("Новости дня", {"Cyrillic": 10}),
        ("Ελλάδα", {"Greek": 6}),
        ("东京天气 今天", {"Han": 6}),
        ("ข่าววันนี้", {"Thai": 6}),  # its tone and vowel marks are not letters
        ("뉴스 홈", {"Hangul": 3}),
        ("أخبار اليوم", {"Arabic": 10}),
        ("ニュース", {"Kana": 4}),
        ("BBC 新闻 report", {"Latin": 9, "Han": 2}),
    ],
)
def test_letters_are_counted_by_script(text, expected):
    assert script_letters(text) == Counter(expected)


def test_letters_match_a_count_character_by_character():
    # Where no run of letters mixes scripts, the count equals one made letter by letter.
    text = "Weather: 東京 天気 ニュース. Погода в Москве, café, naïve, 서울 날씨"
    by_char = Counter(script_of(c) for c in text if c.isalpha())
    assert script_letters(text) == by_char


def test_known_share():
    counts = script_letters("Breaking: 东京天气")
    assert known_share(counts, frozenset({"Latin"})) == pytest.approx(8 / 12)
    assert known_share(counts, frozenset({"Latin", "Han"})) == 1.0
    assert known_share(counts, frozenset()) == 0.0
    assert known_share(Counter(), frozenset({"Latin"})) == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The story",
        "Ça coûte très cher",
        "东京天气 today",
        "Breaking: 东京天气 今天",
        "ab 东京",
        "",
        "——",
    ],
)
def test_mostly_known_agrees_with_the_full_count(text):
    for known in (frozenset({"Latin"}), frozenset({"Han"}), frozenset({"Latin", "Han"})):
        for share in (0.3, 0.5, 0.9):
            full = known_share(script_letters(text), known) >= share
            assert mostly_known(text, known, share) == full


def test_unspaced_letters_are_the_letters_of_the_unspaced_scripts():
    for code in range(0x10000):
        char = chr(code)
        if char.isalpha():
            expected = script_of(char) in UNSPACED_SCRIPTS
            assert bool(UNSPACED_LETTER.fullmatch(char)) == expected, hex(code)
