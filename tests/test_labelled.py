import pytest

from cleaner.document import Label
from cleaner.errors import LabelFormatError
from cleaner.labelled import format_labelled, parse_labelled, read_labelled
from tests.conftest import SEED_LABELS, SEED_TEXT


def test_round_trip_keeps_rows_and_tabs_in_text():
    text = "article\tTitle\n\nchrome\tMenu\tHome\narticle\tBody.\n"
    doc = parse_labelled(text)
    assert doc.texts == ["Title", "Menu\tHome", "Body."]
    assert format_labelled(doc) == text


def test_bad_label_names_file_and_row():
    with pytest.raises(LabelFormatError, match=r"page.tsv:2"):
        parse_labelled("article\tok\nmaybe\tnot\n", name="page.tsv")


def test_missing_tab_is_an_error():
    with pytest.raises(LabelFormatError):
        parse_labelled("article Title\n")


def test_seed_labels_cover_the_seed_page_unchanged():
    doc = read_labelled(SEED_LABELS)
    raw = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    assert [raw[line.position] for line in doc] == doc.texts
    assert len(doc) == sum(1 for r in raw if r.strip())
    article = [line.text for line in doc if line.label is Label.ARTICLE]
    assert article[0] == "Criminal dark web markets closed in major crackdown"
    assert "The investigation" in article
    assert "WHERE TO NOW?" not in article
    assert not any("FBI/Europol" in t for t in article)
