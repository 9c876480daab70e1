import numpy as np

from cleaner.document import Document
from cleaner.features.block import BlockFeatures, run_lengths

NAMES = list(BlockFeatures.feature_names)
PROSE = "This is a long line of prose that ends like a real sentence does."


def col(text, name):
    doc = Document.from_text(text)
    X = BlockFeatures().fit([doc]).transform([doc])
    assert X.shape == (len(doc), len(NAMES))
    return X[:, NAMES.index(name)]


def test_run_lengths():
    assert run_lengths(np.array([0, 1, 1, 1, 0, 1], bool)).tolist() == [0, 3, 3, 3, 0, 1]
    assert run_lengths(np.zeros(0, bool)).tolist() == []


def test_a_menu_is_one_run_of_short_lines_and_prose_breaks_it():
    text = "\n".join(["Home", "News", "Sport", PROSE, "Contact"])
    runs = np.expm1(col(text, "log_short_run")).round().tolist()
    assert runs == [3, 3, 3, 0, 1]


def test_unterminated_runs_ignore_length():
    text = "\n".join(["A short line.", "A headline without a full stop", "Another such headline"])
    runs = np.expm1(col(text, "log_unterminated_run")).round().tolist()
    assert runs == [0, 2, 2]


def test_window_shape_of_a_list_of_headlines():
    headlines = [f"Minister says {w} plan will go ahead" for w in "abcdefg"]
    same = col("\n".join(headlines), "log_words_sd_w3")
    mixed = col("\n".join(["Go", PROSE, "Go", PROSE, "Go", PROSE, "Go"]), "log_words_sd_w3")
    assert same[3] < 1e-9 < mixed[3]
    assert col("\n".join(headlines), "terminal_share_w5")[3] == 0.0
