import pytest

from cleaner.training.metrics import TextScores, shingles, words


def test_perfect_and_empty():
    assert TextScores.compare("A b c d e", "a b c d e").word_f1 == 1.0
    assert TextScores.compare("", "").shingle_f1 == 1.0
    assert TextScores.compare("", "gold text").word_f1 == 0.0


def test_word_bag_counts_repeats():
    s = TextScores.compare("a a a", "a")
    assert s.word_precision == pytest.approx(1 / 3)
    assert s.word_recall == 1.0


def test_shingles_see_order_words_do_not():
    s = TextScores.compare("d c b a", "a b c d")
    assert s.word_f1 == 1.0 and s.shingle_f1 == 0.0
    assert len(shingles(words("one two three four five"))) == 2
