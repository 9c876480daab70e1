from cleaner.document import Document, line_key
from cleaner.features.repetition import RepetitionFeatures

NAMES = list(RepetitionFeatures.feature_names)


def col(text, name):
    doc = Document.from_text(text)
    return RepetitionFeatures().fit([doc]).transform([doc])[:, NAMES.index(name)].tolist()


def test_lines_compare_by_their_key_case_punctuation_and_digits_aside():
    assert line_key("The US said 'crime'.") == line_key("the us said crime")
    text = "Page 1 of 3\nThe story goes on.\nPage 2 of 3"
    assert col(text, "repeated_before") == [0.0, 0.0, 1.0]


def test_caption_with_credit_extends_its_twin():
    text = "The market was shut down this month.\nThe market was shut down this month. FBI/Europol"
    assert col(text, "extended_nearby") == [1.0, 0.0]
    assert col(text, "extends_nearby") == [0.0, 1.0]


def test_exact_repeats_are_flagged_both_ways():
    text = "Cast your vote\nBody text here.\nCast your vote"
    assert col(text, "repeated_after") == [1.0, 0.0, 0.0]
    assert col(text, "repeated_before") == [0.0, 0.0, 1.0]
    assert col(text, "repeat_nearby") == [1.0, 0.0, 1.0]


def test_short_lines_do_not_count_as_prefixes():
    assert col("Oops\nOops! Sorry, you seem to have voted.", "extended_nearby") == [0.0, 0.0]
