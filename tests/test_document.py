from cleaner.document import Document, Label, split_lines


def test_blank_lines_become_breaks_and_positions_count_them():
    doc = Document.from_text("\n\nTitle\n \t\nBody\nMore\n\n")
    assert doc.texts == ["Title", "Body", "More"]
    assert [line.position for line in doc] == [2, 4, 5]
    assert [line.break_before for line in doc] == [False, True, False]


def test_split_only_on_newlines():
    assert split_lines("a\r\nb\u2028c\x0cd") == ["a", "b\u2028c\x0cd"]


def _labelled(text, keep):
    doc = Document.from_text(text)
    return doc.with_predictions([1.0 if k else 0.0 for k in keep], 0.5)


def test_article_text_keeps_order_and_breaks_between_kept_lines():
    doc = _labelled("A\nB\n\nC\nD\n\nE", [True, False, False, True, True])
    assert doc.article_text() == "A\n\nD\n\nE"


def test_break_between_dropped_lines_still_separates_kept_ones():
    doc = _labelled("A\nmenu\n\nads\nB", [True, False, False, True])
    assert doc.article_text() == "A\n\nB"


def test_no_break_without_blank_line():
    doc = _labelled("A\nmenu\nB", [True, False, True])
    assert doc.article_text() == "A\nB"


def test_with_predictions_sets_labels_from_threshold():
    doc = Document.from_text("x\ny").with_predictions([0.7, 0.2], 0.5)
    assert doc.labels == [Label.ARTICLE, Label.CHROME]
    assert [line.score for line in doc] == [0.7, 0.2]


def test_with_predictions_keeps_every_other_field_of_a_line():
    import dataclasses

    import numpy as np

    from cleaner.pages.render import html_document

    doc = dataclasses.replace(
        html_document("<h2>Title</h2><table><tr><td>Cell</td></tr></table><p>Body.</p>"),
        name="page",
    )
    scored = doc.with_predictions(np.array([0.9, 0.1, 0.5]), 0.5)
    assert scored.name == "page"
    assert [type(line.score) for line in scored] == [float] * 3
    assert [line.label for line in scored] == [Label.ARTICLE, Label.CHROME, Label.ARTICLE]
    for before, after in zip(doc, scored, strict=True):
        for field in dataclasses.fields(before):
            if field.name not in ("label", "score"):
                assert getattr(after, field.name) == getattr(before, field.name), field.name
    assert {line.block for line in scored} > {""}  # the fields compared are not all defaults


def test_line_keys_of_many_lines_equal_line_key_of_each():
    from hypothesis import given
    from hypothesis import strategies as st

    from cleaner.document import line_key, line_keys

    @given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), max_size=8))
    def check(texts):
        assert line_keys(texts) == [line_key(text) for text in texts]

    check()
    assert line_keys(["İstanbul 2024", "", "a\nb"]) == ["i̇stanbul 0", "", "a b"]
