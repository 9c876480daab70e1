from cleaner.document import Document
from cleaner.features.heuristics import TrafilaturaRules

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


def test_linear_revision_matches_justext():
    import random

    from justext.core import revise_paragraph_classification
    from justext.paragraph import Paragraph

    from cleaner.pages.trafilatura import revise_classes

    class Para(Paragraph):
        def __init__(self, cls):
            self.cf_class, self.class_type, self.heading = cls, "", False
            self.dom_path, self.text_nodes = "html.body.p", ["x"]

    rng = random.Random(0)
    for _ in range(500):
        classes = [
            rng.choice(["good", "bad", "short", "neargood"]) for _ in range(rng.randint(0, 30))
        ]
        paragraphs = [Para(c) for c in classes]
        revise_paragraph_classification(paragraphs)
        assert revise_classes(classes) == [p.class_type for p in paragraphs], classes


def test_a_page_of_short_lines_is_revised_in_one_pass():
    from cleaner.pages.trafilatura import revise_classes

    # jusText's own search is quadratic here (hours for 200,000 lines)
    assert revise_classes(["short"] * 200_000) == ["bad"] * 200_000
    assert revise_classes(["good", *["short"] * 1000, "good"]) == ["good"] * 1002
