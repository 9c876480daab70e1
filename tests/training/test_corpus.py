"""Corpus readers, renderers and alignment on the real corpora (skipped without them)."""

import itertools

import pytest

from cleaner.document import Label
from cleaner.training.corpora import CORPORA, read_corpus
from cleaner.training.corpus import label_page
from cleaner.training.dumps import RENDERERS, render


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_corpus_reads_renders_and_aligns(shared_data, corpus):
    pages = list(itertools.islice(read_corpus(corpus, shared_data), 3))
    assert len(pages) == 3
    for page in pages:
        assert page.gold.strip() and page.html.strip() and page.site
        for renderer in RENDERERS:
            labelled = label_page(page, renderer)
            assert labelled is not None
            kinds = {line.label for line in labelled.doc}
            assert kinds == {Label.ARTICLE, Label.CHROME}


def test_cleaneval_gold_markers_and_wrapper_are_gone(shared_data):
    page = next(read_corpus("cleaneval", shared_data))
    assert "<p>" not in page.gold and "<h>" not in page.gold
    assert not page.html.lstrip().lower().startswith("<text id=")


def test_renderers_differ_in_layout():
    html = "<html><body><h1>Title</h1><ul><li>one</li><li>two</li></ul><p>Body.</p></body></html>"
    outputs = {name: render(html, name) for name in RENDERERS}
    assert all("one" in out and "Body." in out for out in outputs.values())
    assert len(set(outputs.values())) == len(RENDERERS)
