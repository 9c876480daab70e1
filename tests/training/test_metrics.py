import pytest

from cleaner.features.stopwords import document_stoplist, english_stoplist
from cleaner.training.metrics import TextScores, language_group, shingles, words


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


#: English prose rich in words that Marathi's stop list holds beside its own
#: (it holds hundreds of English words) and English's does not.
ENGLISH_IN_OTHER_LISTS = (
    "This study of the data gives information on specific groups of women and their rights, "
    "for example the web user who typically provides related words in certain cases."
)


def test_english_prose_another_stop_list_covers_better_is_english():
    assert document_stoplist(words(ENGLISH_IN_OTHER_LISTS)) != english_stoplist()
    assert language_group(ENGLISH_IN_OTHER_LISTS) == "English"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Le conseil a approuvé le budget lundi après un long débat sur les écoles.",
            "other Latin script",
        ),
        (
            "El consejo aprobó el presupuesto el lunes después de un largo debate.",
            "other Latin script",
        ),
        ("The council approved the budget on Monday after a long debate.", "English"),
        ("Home", "English"),  # too short to tell
    ],
)
def test_language_group_of_undeclared_latin_pages(text, group):
    assert language_group(text) == group


def test_a_declared_language_is_taken_as_said():
    assert language_group(ENGLISH_IN_OTHER_LISTS, "fr") == "other Latin script"
    assert language_group("Le conseil a approuvé le budget lundi.", "en-GB") == "English"
