"""The quality gate: word F1 on a fixed sample of labelled pages has floors.

A change that loses accuracy fails here, the way trafilatura pins its own
evaluation. The sample is every `STEP`-th page (in the corpus's order) of
each corpus in ``../shared/data``; the floors sit a little under what the
shipped model scores on it (recorded in ``docs/experiments.md``), so that
small changes pass and a real loss does not.
WCXB is left out: the shipped model trained on all of it. newspaper4k's
text floor sits further under: on a text dump, where there is no
trafilatura verdict to defer to, its pages in scripts the model never saw
come out whole or empty on small changes.
A third floor is cleaner-text on lynx's dumps of the same pages, wrapped at
80 columns as a text browser leaves them, with and without its list of
link addresses (skipped without lynx); a fourth on BeautifulSoup's
``get_text("\\n")`` of them, a sentence broken at each link.
"""

from __future__ import annotations

import shutil
import statistics

import pytest

from cleaner.training.corpora import read_corpus
from cleaner.training.dumps import render_inscriptis
from cleaner.training.metrics import TextScores

#: One page in STEP of each corpus makes the sample.
STEP = {"cleaneval": 24, "cleanportaleval": 6, "l3s-gn1": 20, "readability": 4, "newspaper4k": 2}

#: Mean word F1 floors: (cleaner-html, cleaner-text on inscriptis's rendering).
FLOORS = {
    "cleaneval": (0.92, 0.86),
    "cleanportaleval": (0.92, 0.88),
    "l3s-gn1": (0.88, 0.84),
    "readability": (0.92, 0.88),
    "newspaper4k": (0.89, 0.70),
}


#: Mean word F1 floors of cleaner-text on lynx's dump, as ``lynx -dump
#: -nolist`` leaves it and as ``lynx -dump`` does (each link numbered, the
#: list of addresses after the page).
LYNX_FLOORS = {
    "lynx": {
        "cleaneval": 0.92,
        "cleanportaleval": 0.82,
        "l3s-gn1": 0.86,
        "readability": 0.83,
        "newspaper4k": 0.72,
    },
    "lynx, links listed": {
        "cleaneval": 0.92,
        "cleanportaleval": 0.85,
        "l3s-gn1": 0.86,
        "readability": 0.82,
        "newspaper4k": 0.72,
    },
}


#: Mean word F1 floors of cleaner-text on BeautifulSoup's dump.
SOUP_FLOORS = {
    "cleaneval": 0.89,
    "cleanportaleval": 0.87,
    "l3s-gn1": 0.88,
    "readability": 0.86,
    "newspaper4k": 0.80,
}


def sample(corpus: str, root):
    """The corpus's fixed sample of pages."""
    return [page for i, page in enumerate(read_corpus(corpus, root)) if i % STEP[corpus] == 0]


def sample_scores(cleaner, corpus: str, root) -> tuple[float, float, int]:
    """Mean word F1 of cleaner-html and cleaner-text on the sample; its size."""
    html_f1, text_f1 = [], []
    for page in sample(corpus, root):
        gold = page.gold_text
        html_f1.append(TextScores.compare(cleaner.clean_html(page.html), gold).word_f1)
        text_f1.append(
            TextScores.compare(cleaner.clean(render_inscriptis(page.html)), gold).word_f1
        )
    return statistics.mean(html_f1), statistics.mean(text_f1), len(html_f1)


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_word_f1_stays_above_its_floor(corpus, shipped, shared_data):
    html_f1, text_f1, pages = sample_scores(shipped, corpus, shared_data)
    html_floor, text_floor = FLOORS[corpus]
    assert pages >= 10
    assert html_f1 >= html_floor, f"{corpus}: cleaner-html word F1 {html_f1:.3f} < {html_floor}"
    assert text_f1 >= text_floor, f"{corpus}: cleaner-text word F1 {text_f1:.3f} < {text_floor}"


@pytest.mark.parametrize(
    ("browser", "corpus"),
    [(browser, corpus) for browser, floors in LYNX_FLOORS.items() for corpus in sorted(floors)],
)
def test_word_f1_on_lynx_dumps_stays_above_its_floor(browser, corpus, shipped, shared_data):
    from bench.browsers import BROWSERS, dump

    if shutil.which("lynx") is None:
        pytest.skip("lynx not installed (make test installs it from Debian's packages)")
    scores = []
    for page in sample(corpus, shared_data):
        gold = page.gold_text
        text = dump(page.html, BROWSERS[browser])
        scores.append(TextScores.compare(shipped.clean(text), gold).word_f1)
    floor = LYNX_FLOORS[browser][corpus]
    assert len(scores) >= 10
    mean = statistics.mean(scores)
    assert mean >= floor, f"{corpus}: {browser} dumps {mean:.3f}"


@pytest.mark.parametrize("corpus", sorted(SOUP_FLOORS))
def test_word_f1_on_beautifulsoups_dumps_stays_above_its_floor(corpus, shipped, shared_data):
    pytest.importorskip("bs4", reason="beautifulsoup4 (a dev dependency) not installed")
    from bench.browsers import soup_text

    scores = []
    for page in sample(corpus, shared_data):
        gold = page.gold_text
        scores.append(TextScores.compare(shipped.clean(soup_text(page.html)), gold).word_f1)
    assert len(scores) >= 10
    mean = statistics.mean(scores)
    assert mean >= SOUP_FLOORS[corpus], f"{corpus}: BeautifulSoup dumps {mean:.3f}"
