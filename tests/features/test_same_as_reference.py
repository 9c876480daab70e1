"""The page-at-once feature code gives what the line-at-a-time code gave."""

import itertools

import numpy as np

from cleaner.document import Document, line_key
from cleaner.features import analyse
from cleaner.features.heuristics import justext_page_classes
from cleaner.features.text import TextStats
from cleaner.pages import trafilatura as traf
from cleaner.pages.render import render_html_text
from tests.features import reference


def _pages(seed_doc, shared_data=None):
    docs = [seed_doc]
    if shared_data is not None:
        from cleaner.training.corpora import read_corpus

        for corpus in ("wcxb", "cleaneval", "l3s-gn1", "newspaper4k"):
            for page in itertools.islice(read_corpus(corpus, shared_data), 15):
                docs.append(Document.from_text(render_html_text(page.html)))
    return [doc for doc in docs if len(doc)]


def _check(docs):
    for doc in docs:
        page = analyse(doc)
        assert page.keys == [line_key(line.text) for line in doc.lines]
        new = TextStats().fit([doc]).transform([doc])
        old = reference.text_stats(doc)
        bad = ~np.isclose(new, old)
        assert not bad.any(), [
            (TextStats.feature_names[j], doc.lines[i].text[:60])
            for i, j in zip(*np.nonzero(bad), strict=True)
        ][:5]
        stoplist = page.stoplist
        assert justext_page_classes(page) == traf.justext_classes(doc.texts, stoplist)


def test_same_as_the_line_at_a_time_code_on_the_seed_page(seed_doc):
    _check(_pages(seed_doc))


def test_same_as_the_line_at_a_time_code_on_corpus_pages(seed_doc, shared_data):
    docs = _pages(seed_doc, shared_data)
    assert len(docs) > 30
    _check(docs)


def test_astral_characters_and_case_changes_are_read_right():
    # 𝐁 lies outside the table of the first 65,536 characters; "İ" lower-cases
    # to two characters, which shifts every offset after it.
    doc = Document.from_text("😀 Emoji 𝐁old İstanbul\nDER ÜBERBLICK: 12 Punkte.")
    page = analyse(doc)
    assert page.keys == [line_key(line.text) for line in doc.lines]
    assert page.keys[1] == "der überblick 0 punkte"
    new = TextStats().fit([doc]).transform([doc])
    assert np.allclose(new, reference.text_stats(doc))
