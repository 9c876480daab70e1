from cleaner.document import Document
from cleaner.features.context import ContextFeatures

NAMES = list(ContextFeatures.feature_names)
PROSE = "This is a long line of prose that ends like a real sentence does."


def col(text, name):
    doc = Document.from_text(text)
    X = ContextFeatures().fit([doc]).transform([doc])
    return X[:, NAMES.index(name)].tolist()


def test_neighbour_features_shift_by_one():
    assert col(f"Menu\n{PROSE}\nFooter", "prev_terminal") == [0.0, 0.0, 1.0]
    assert col(f"Menu\n{PROSE}\nFooter", "next_terminal") == [1.0, 0.0, 0.0]


def test_distance_to_prose_and_prose_span():
    text = "\n".join(["Menu", PROSE, "Caption", PROSE, "a", "b", "c"])
    assert col(text, "inside_prose_span") == [0, 1, 1, 1, 0, 0, 0]
    after = col(text, "log_dist_prose_before")
    assert after[4] < after[6]


def test_position_and_breaks():
    rel = col("a\nb\n\nc", "rel_position")
    assert rel == [0.0, 0.5, 1.0]
    assert col("a\nb\n\nc", "break_after") == [0.0, 1.0, 1.0]


def test_single_line_document():
    assert col(PROSE, "doc_prose_share") == [1.0]
