import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import cleaner
from cleaner.document import Label, lines_in_order
from cleaner.training.evaluate import LineScores, gold_verdicts


def assert_output_is_input_lines(text: str, out: str) -> None:
    """Every output line is an input line (surrounding space aside), in order."""
    assert lines_in_order(text, out), "output line not found in order"


def test_shipped_model_labels_seed_page(shipped, seed_doc):
    predicted = shipped.label_document(seed_doc)
    scores = LineScores.from_verdicts(
        gold_verdicts(seed_doc), [line.label is Label.ARTICLE for line in predicted]
    )
    assert scores.f1 >= 0.98


def test_clean_keeps_order_and_only_input_lines(seed_text):
    out = cleaner.clean(seed_text)
    assert_output_is_input_lines(seed_text, out)
    assert out.startswith("Criminal dark web markets closed in major crackdown")
    assert "Forgot password?" not in out
    assert "\n\n\n" not in out


#: Pages with nothing but an article: a text model that learns what a page
#: of chrome looks like must not empty them.
SHORT_ARTICLES = {
    "one paragraph": (
        "The council approved the budget on Monday after a long debate. Critics said "
        "the cuts to schools and libraries went too far. The mayor defended the plan, "
        "citing the city's debt."
    ),
    "a headline and a paragraph": (
        "Council passes budget\n\nThe council approved the budget on Monday after a long "
        "debate. Critics said the cuts to schools and libraries went too far. The mayor "
        "defended the plan, citing the city's debt."
    ),
    "one sentence in German": (
        "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen."
    ),
}


@pytest.mark.parametrize("name", SHORT_ARTICLES)
def test_a_short_page_of_prose_keeps_its_prose(name):
    text = SHORT_ARTICLES[name]
    kept = cleaner.clean(text).splitlines()
    assert kept and kept[-1] == text.splitlines()[-1]


@pytest.mark.parametrize("name", SHORT_ARTICLES)
def test_a_short_html_page_of_prose_keeps_its_prose(name):
    from html import escape

    blocks = SHORT_ARTICLES[name].split("\n\n")
    heading = f"<h1>{escape(blocks[0])}</h1>" if len(blocks) > 1 else ""
    page = f"<html><body>{heading}<p>{escape(blocks[-1])}</p></body></html>"
    kept = cleaner.clean_html(page).splitlines()
    assert kept and kept[-1] == blocks[-1]


def test_label_returns_scores_for_every_line(seed_text):
    doc = cleaner.label(seed_text)
    assert len(doc) == sum(1 for line in seed_text.split("\n") if line.strip())
    assert all(0.0 <= line.score <= 1.0 for line in doc)
    assert all(line.label in (Label.ARTICLE, Label.CHROME) for line in doc)


def test_threshold_changes_what_is_kept(seed_text):
    keep_all = cleaner.Cleaner.load(threshold=0.0).clean(seed_text)
    assert len(keep_all.split("\n")) > len(cleaner.clean(seed_text).split("\n"))
    with pytest.raises(ValueError, match="threshold"):
        cleaner.Cleaner.load(threshold=2.0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t\n",
        "a\x00b\n" + "The council met on Monday. " * 20,
        "x" * 1_000_000,
        "\r\n\r\n",
        "\ufeffhello\u2028world",
    ],
)
def test_bad_inputs_do_not_raise(text):
    out = cleaner.clean(text)
    assert_output_is_input_lines(text, out)


def test_thread_safe_and_deterministic(seed_text):
    expected = cleaner.clean(seed_text)
    barrier = threading.Barrier(4)

    def run(_):
        barrier.wait()
        return cleaner.clean(seed_text)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(8)))
    assert all(r == expected for r in results)


def test_import_is_lazy():
    import subprocess
    import sys

    code = "import sys, cleaner; print('sklearn' in sys.modules, 'trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_clean_html_keeps_the_article_and_drops_the_chrome():
    from tests.seed_pages import seed_article_lines, seed_as_html

    page = seed_as_html()
    out = cleaner.clean_html(page)
    lines = [line for line in out.split("\n") if line]
    article = seed_article_lines()
    assert lines[0] == article[0]
    assert sum(line in article for line in lines) >= 0.9 * len(article)
    assert "Forgot password?" not in out
    for line in lines:  # every output line is text of the page
        assert line in page.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def test_clean_html_decodes_bytes_by_declared_charset():
    from tests.seed_pages import seed_as_html

    page = seed_as_html("iso-8859-1").replace("crackdown", "crackdowné")
    out = cleaner.clean_html(page.encode("latin-1", errors="xmlcharrefreplace"))
    assert "crackdowné" in out


def test_clean_html_rejects_binary_bytes():
    with pytest.raises(cleaner.InputError, match="binary"):
        cleaner.clean_html(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


def test_load_leaves_nothing_for_the_first_call_to_load():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cleaner.api import Cleaner\n"
        "from cleaner.features.analysis import _tables\n"
        "from cleaner.features.stopwords import _index\n"
        "c = Cleaner.load()\n"
        "before = set(sys.modules)\n"
        "assert _index.cache_info().currsize == 1 and _tables.cache_info().currsize == 1\n"
        "c.clean_html('<html><body><nav>Home</nav><p>The council met on Monday.</p></body></html>')\n"
        "c.clean('Home\\nThe council met on Monday after a long debate.')\n"
        "print(sorted(m for m in set(sys.modules) - before if not m.startswith('encodings')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
