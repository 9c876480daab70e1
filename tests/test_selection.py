import pytest

from cleaner.document import Document, Label
from cleaner.selection import BEST_SHARE, MIN_BEST, kept_lines


def test_lines_at_or_over_the_threshold_are_kept_and_nothing_else_when_one_is():
    assert kept_lines([0.5, 0.49, 0.3, 0.9], 0.5) == [True, False, False, True]


def test_a_page_where_no_line_reaches_the_threshold_keeps_its_best_lines():
    best = 0.45
    scores = [0.1, best, best * BEST_SHARE, best * BEST_SHARE - 0.01]
    assert kept_lines(scores, 0.5) == [False, True, True, False]


def test_a_page_whose_best_line_scores_low_keeps_nothing():
    low = MIN_BEST * 0.5 - 0.01
    assert kept_lines([0.0, low, low / 2], 0.5) == [False, False, False]
    assert kept_lines([0.0, 0.0], 0.5) == [False, False]


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_the_floor_for_the_best_lines_follows_the_threshold(threshold):
    just_under = MIN_BEST * threshold - 0.01
    assert not any(kept_lines([just_under, 0.0], threshold))
    assert kept_lines([MIN_BEST * threshold, 0.0], threshold) == [True, False]


def test_an_empty_page_keeps_nothing():
    assert kept_lines([], 0.5) == []


def test_a_document_labels_its_lines_as_the_selection_keeps_them():
    doc = Document.from_text("Menu\nThe only line of the story.\nFooter")
    labelled = doc.with_predictions([0.05, 0.4, 0.15], 0.5)
    assert labelled.labels == [Label.CHROME, Label.ARTICLE, Label.CHROME]
    assert [line.score for line in labelled] == [0.05, 0.4, 0.15]  # scores kept as they are
    with pytest.raises(ValueError, match="scores for 3 lines"):
        doc.with_predictions([0.1], 0.5)
