from cleaner.batch.repeats import cut_site_repeats
from cleaner.document import Document, Label


def labelled(text: str) -> Document:
    doc = Document.from_text(text)
    return doc.with_predictions([0.9] * len(doc), 0.5)


def test_cut_site_repeats_per_site():
    menu = "Home | News | Sport"
    words = ["alpha", "beta", "gamma", "delta"]  # not digits: "0" and "1" are one key
    big = [("big.example", labelled(f"{menu}\nThe {w} story of the day.")) for w in words]
    small = [("small.example", labelled(f"{menu}\nAnother {w} story.")) for w in words[:2]]
    out = cut_site_repeats(big + small)
    assert len(out) == 6
    for doc in out[:4]:  # on every page of a 4-page site: chrome
        assert [line.label for line in doc.lines] == [Label.CHROME, Label.ARTICLE]
        assert doc.lines[0].score is not None and doc.lines[0].score < 0.5
    for doc in out[4:]:  # 2 pages are too few to call anything furniture
        assert [line.label for line in doc.lines] == [Label.ARTICLE, Label.ARTICLE]
    assert [d.texts for d in out] == [d.texts for _, d in big + small]


def test_lines_of_code_a_site_repeats_are_kept():
    from cleaner.pages.render import html_document

    words = ["alpha", "beta", "gamma", "delta"]
    pages = []
    for w in words:
        html = (
            f"<html><body><p>Home</p><p>The {w} recipe in code:</p>"
            f"<pre>import os\nprint('{w}')</pre><p>The end of {w}.</p></body></html>"
        )
        doc = html_document(html)
        pages.append(("dev.example", doc.with_predictions([0.9] * len(doc), 0.5)))
    for doc in cut_site_repeats(pages):
        kept = {line.text.strip() for line in doc.lines if line.label is Label.ARTICLE}
        assert "Home" not in kept  # on every page, outside code: furniture
        assert "import os" in kept  # on every page, but a line of a code block
