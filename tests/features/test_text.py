import numpy as np

from cleaner.document import Document
from cleaner.features.text import TextStats

NAMES = list(TextStats.feature_names)


def features(text):
    doc = Document.from_text(text)
    return TextStats().fit([doc]).transform([doc])


def col(X, name):
    return X[:, NAMES.index(name)].tolist()


def test_shape_and_names():
    X = features("one\ntwo three")
    assert X.shape == (2, len(NAMES))
    assert TextStats().fit([]).get_feature_names_out()[0] == "textstats__log_chars"


def test_terminal_punctuation_and_quotes():
    X = features('He said "yes."\nCast your vote\nReally?\nItems:')
    assert col(X, "terminal") == [1.0, 0.0, 1.0, 0.0]
    assert col(X, "ends_colon") == [0.0, 0.0, 0.0, 1.0]


def test_bullets_indentation_caps_digits():
    X = features("  • 250,000 for drugs\nWHERE TO NOW?\ndate 2017-07-20")
    assert col(X, "bullet") == [1.0, 0.0, 0.0]
    assert col(X, "log_indent")[0] > 0
    assert col(X, "all_caps") == [0.0, 1.0, 0.0]
    assert col(X, "digit_share")[2] > 0.3


def test_stopword_density_uses_the_page_language():
    english = features("the cat is on the mat and it is happy")
    german = features("der Hund ist in dem Haus und er ist nicht allein")
    assert col(english, "stopword_density")[0] > 0.4
    assert col(german, "stopword_density")[0] > 0.4
    assert col(features("Share Twitter Facebook"), "stopword_density") == [0.0]


def test_urls_and_emails():
    X = features("see http://shows.stv.tv/real\nmail enquiries@stv.tv now")
    assert col(X, "has_url")[0] == 1.0
    assert col(X, "has_email") == [0.0, 1.0]
    assert np.isfinite(X).all()


def test_sentence_marks_of_other_scripts_end_a_sentence():
    lines = ["ဒီကနေ့ ရုံးချိန်းကို တရားလိုဘက်က လာရောက်တာမရှိခဲ့ဘူး။", "यह एक वाक्य है।", "Home"]
    assert col(features("\n".join(lines)), "terminal") == [1.0, 1.0, 0.0]
