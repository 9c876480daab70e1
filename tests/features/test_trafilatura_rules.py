from cleaner.document import Document
from cleaner.features.trafilatura_rules import TrafilaturaRules

NAMES = list(TrafilaturaRules.feature_names)
PROSE = "This long paragraph has many of the words that make a real sentence in English, and it ends well."


def col(text, name):
    doc = Document.from_text(text)
    return TrafilaturaRules().fit([doc]).transform([doc])[:, NAMES.index(name)].tolist()


def test_share_filter_matches_share_buttons_only():
    assert col(f"Twitter\nPrint\n{PROSE}", "share_filter") == [1.0, 1.0, 0.0]


def test_duplicate_test_fires_after_two_repetitions():
    long_line = PROSE * 2
    flags = col("\n".join([long_line] * 4), "duplicate")
    assert flags == [0.0, 0.0, 0.0, 1.0]


def test_image_names_and_justext_classes():
    assert col(f"photo_123.jpg\n{PROSE}", "image_file") == [1.0, 0.0]
    long_prose = " ".join([PROSE] * 3)
    text = "\n".join([long_prose] * 3 + ["Menu"])
    assert col(text, "justext_cf_good")[0] == 1.0
    assert col(text, "justext_cf_short")[-1] == 1.0
