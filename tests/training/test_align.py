from cleaner.document import Label
from cleaner.training.align import align


def labels(doc):
    return [line.label is Label.ARTICLE for line in doc]


def test_title_short_heading_and_prose_are_article():
    dump = "Home\nBig news today\nThe investigation\nPolice said the site was closed on Monday night.\nShare"
    gold = "The investigation\n\nPolice said the site was closed on Monday night."
    assert labels(align(dump, gold, title="Big news today")) == [False, True, True, True, False]


def test_repeat_keeps_the_copy_among_article_lines():
    dump = "What is it?\nMenu\nOther\nWhat is it?\nIt is a long answer to the question above.\nMore text of the body follows here."
    gold = "What is it?\n\nIt is a long answer to the question above.\n\nMore text of the body follows here."
    assert labels(align(dump, gold)) == [False, False, False, True, True, True]


def test_partial_overlap_needs_half_the_trigrams():
    gold = "the quick brown fox jumps over the lazy dog"
    dump = "the quick brown fox jumps\nthe quick brown cat sleeps under a warm red blanket today"
    assert labels(align(dump, gold)) == [True, False]


def test_ascii_only_matches_lost_characters():
    gold = "Joachim R?cker told reporters about Kosovo"
    assert labels(align("Joachim Rücker told reporters about Kosovo", gold, ascii_only=True)) == [
        True
    ]
