"""The benchmark's walk dump: cleaner without its HTML model, on the page's HTML."""

import pytest

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


def test_the_seed_spread_reads_each_seeds_pages():
    from bench.seeds import PAGE_SWING, spread

    # Three seeds, three pages: the second page swings, the others do not.
    s = spread([[0.9, 0.9, 0.5], [0.9, 0.2, 0.5], [0.85, 0.8, 0.5]])
    seed_means = [2.3 / 3, 1.6 / 3, 2.15 / 3]
    assert s.lowest == pytest.approx(min(seed_means))
    assert s.highest == pytest.approx(max(seed_means))
    assert s.mean == pytest.approx(sum(seed_means) / 3)
    assert s.page_range == pytest.approx((0.05 + 0.7 + 0.0) / 3)
    assert s.swinging_pages == 1 and 0.05 < PAGE_SWING < 0.7


def test_the_seed_spread_needs_page_scores():
    from bench.seeds import spread

    with pytest.raises(ValueError, match="one non-empty sequence"):
        spread([])


def test_a_text_browsers_dump_is_the_page_wrapped():
    import shutil

    from bench.browsers import BROWSERS, dump
    from cleaner.reflow import wrap_width

    if shutil.which("w3m") is None:
        pytest.skip("w3m not installed (make test installs it from Debian's packages)")
    story = "The council approved the new budget on Monday after a long debate. " * 8
    text = dump(f"<html><body><p>{story}</p><p>{story}</p></body></html>", BROWSERS["w3m"])
    assert len(text.strip().splitlines()) > 4  # two paragraphs, wrapped
    assert " ".join(text.split()) == " ".join(f"{story} {story}".split())
    assert wrap_width(Document.from_text(text)) is not None


@pytest.mark.parametrize("browser", ["lynx", "w3m"])
def test_a_page_that_declared_another_charset_is_dumped_as_the_text_it_holds(browser):
    import shutil

    from bench.browsers import BROWSERS, dump

    if shutil.which(browser) is None:
        pytest.skip(f"{browser} not installed (make test installs it from Debian's packages)")
    for charset in ("iso-8859-1", "gb2312"):
        page = f'<html><head><meta charset="{charset}"></head><body><p>café 你好 don’t</p>'
        assert dump(page, BROWSERS[browser]).split() == ["café", "你好", "don’t"]


def test_a_browser_that_fails_gives_an_empty_dump():
    from bench.browsers import dump

    assert dump("<p>text</p>", ["false"]) == ""
    assert dump("<p>text</p>", ["/nonexistent/browser"]) == ""


def test_beautifulsoups_dump_gives_each_text_node_a_line_and_leaves_scripts_out():
    pytest.importorskip("bs4", reason="beautifulsoup4 (a dev dependency) not installed")
    from bench.browsers import dumpers, soup_text

    page = "<p>The council met on <a href='/m'>Monday</a>.</p><script>var x = 1;</script>"
    assert soup_text(page).split("\n") == ["The council met on ", "Monday", "."]
    assert dumpers()["BeautifulSoup"]([page, "<p>Two</p>"]) == [soup_text(page), "Two"]


def test_the_browser_table_has_a_row_for_beautifulsoups_dump():
    from bench.run import browser_rows

    table = {"cleaneval": {"cleaner (BeautifulSoup)": (0.9, 0.8)}}
    assert any(
        row.startswith("| cleaner (BeautifulSoup) | 0.900")
        for row in browser_rows(["cleaneval"], table)
    )


def test_the_browser_table_says_when_no_browser_ran():
    from bench.run import browser_rows

    rows = browser_rows(["cleaneval"], {"cleaneval": {"cleaner": (0.9, 0.8)}})
    assert rows[0].startswith("No text browser installed")


def test_the_language_table_gives_each_system_its_mean_by_group():
    from bench.run import HTML_REFERENCE, language_rows
    from cleaner.training.metrics import TextScores

    good, bad = TextScores(1, 1, 1.0, 1), TextScores(0, 0, 0.0, 0)
    by_group = {
        "English": {
            HTML_REFERENCE: [good, bad],
            "cleaner (lynx)": [good, good],
            "cleaner (elinks)": [bad, good],
        },
        "CJK": {HTML_REFERENCE: [bad]},
    }
    rows = language_rows(by_group)
    assert rows[2] == "| system | English (2) | CJK (1) |"  # the groups' order, pages counted
    assert "| cleaner (lynx) | 1.000 | n/a |" in rows
    assert "| cleaner (elinks) | 0.500 | n/a |" in rows  # every benchmarked browser has a row
    assert f"| {HTML_REFERENCE} | 0.500 | 0.000 |" in rows
    assert not any(row.startswith("| cleaner (w3m)") for row in rows)  # not run
    assert language_rows({}) == []


def test_a_baseline_sees_a_browser_dump_as_cleaners_model_reads_it():
    from bench.run import _keep_paragraphs

    menu = "\n".join(f"   * [{i}]Section {i}" for i in range(1, 7))
    page = f"{menu}\n\n   [7]Story text.\n\nReferences\n\n   1. https://example.com/a"
    seen: list[str] = []

    def keep_everything(doc: Document) -> list[bool]:
        seen.extend(line.text for line in doc.lines)
        return [True] * len(doc)

    kept = _keep_paragraphs(Document.from_text(page), keep_everything)
    assert "   * Section 1" in seen and "   Story text." in seen  # without the link numbers
    assert "References" not in seen and "https://" not in kept  # the list is cut
    assert "[7]Story text." in kept  # the output is the page's own lines
    seen.clear()  # lynx -nolist: the link numbers, no list, nothing wrapped
    kept = _keep_paragraphs(Document.from_text(f"{menu}\n\n   [7]Story text."), keep_everything)
    assert "   * Section 1" in seen and "[7]Story text." in kept


def test_a_text_dump_is_scored_as_clean_keeps_its_lines():
    import numpy as np

    from bench.seeds import page_f1
    from cleaner.training.corpus import LabelledPage

    doc = Document.from_text("Home\nThe council met on Monday.\nShare this")
    page = LabelledPage("c", "p", "s", "inscriptis", doc, "The council met on Monday.", None)
    assert page_f1(page, np.array([0.1, 0.9, 0.2]), 0.5) == pytest.approx(1.0)
    # No line reaches the threshold: the page keeps its best lines (cleaner.selection).
    assert page_f1(page, np.array([0.1, 0.4, 0.1]), 0.5) == pytest.approx(1.0)
    assert page_f1(page, np.array([0.9, 0.9, 0.9]), 0.5) < 1.0
    assert page_f1(page, np.array([0.9, 0.1, 0.1]), 0.5) == 0.0


def test_the_seed_spread_can_fit_each_seed_as_several_members(seed_doc):
    from bench.seeds import TrainingRun, seed_scores
    from cleaner.model.labeller import LineLabeller
    from cleaner.training.corpus import LabelledPage

    fitted: list[LineLabeller] = []

    def estimator(seed: int) -> LineLabeller:
        fitted.append(LineLabeller(random_state=seed))
        return fitted[-1]

    gold = "\n".join(line.text for line in seed_doc if str(line.label) == "article")
    page = LabelledPage("c", "p", "s", "inscriptis", seed_doc, gold, None)
    run = TrainingRun(estimator, [seed_doc] * 6, [1.0] * 6, None, {"c": [page]})
    one = seed_scores(run, [0, 1])
    two = seed_scores(run, [0, 1], members=2)
    # Each run featurises with one estimator, then fits one per seed.
    assert [m.members for m in fitted] == [1, 1, 1, 1, 2, 2]
    assert [len(m.classifier_.pass1_) for m in fitted[1:3] + fitted[4:]] == [1, 1, 2, 2]
    assert len(one["c"]) == len(two["c"]) == 2
