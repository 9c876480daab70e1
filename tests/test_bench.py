"""The benchmark's text-browser dump: the walk's layout, html2text's where the walk gives none."""

from bench.run import walk_dump
from cleaner.pages.render import render_html_text


def test_walk_dump_is_the_walks_text():
    page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    assert walk_dump(page) == render_html_text(page)
    assert "Text of the story." in walk_dump(page).splitlines()


def test_walk_dump_falls_back_when_the_walk_gives_no_text():
    broken = "<title>News<p>The story goes on.</p>"  # libxml2 leaves no body
    assert not render_html_text(broken).strip()
    assert "The story goes on." in walk_dump(broken).splitlines()
