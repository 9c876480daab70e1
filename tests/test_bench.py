"""The benchmark's walk dump: cleaner without its HTML model, on the page's HTML."""

from bench.run import text_only, walk_labelled
from cleaner.api import Cleaner
from cleaner.document import Document
from cleaner.pages.render import render_html_text


def test_the_walk_dump_is_the_walks_text_labelled_by_the_text_model():
    cleaner = Cleaner.load()
    assert cleaner.bundle.html_model is not None
    assert text_only(cleaner).bundle.html_model is None
    page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    walked = walk_labelled(text_only(cleaner), page)
    assert walked.to_text() == Document.from_text(render_html_text(page)).to_text()
    assert all(line.context is None and line.score is not None for line in walked)


def test_the_walk_dump_falls_back_when_the_walk_gives_no_text():
    broken = "<title>News<p>The story goes on.</p>"  # libxml2 leaves no body
    assert not render_html_text(broken).strip()
    assert "The story goes on." in walk_labelled(text_only(Cleaner.load()), broken).texts
