"""The stop-list choice, kept as word hashes, against jusText's own lists."""

from __future__ import annotations

from collections import Counter

import justext
import pytest

from cleaner.features import stopwords

TEXTS = {
    "English": "The council approved the budget on Monday after a long debate about the schools.",
    "German": "Der Rat hat den Haushalt am Montag nach einer langen Debatte über die Schulen beschlossen.",
    "French": "Le conseil a approuvé le budget lundi après un long débat sur les écoles de la ville.",
    "Russian": "Совет утвердил бюджет в понедельник после долгих дебатов о школах и больницах города.",
    "Spanish": "El consejo aprobó el presupuesto el lunes después de un largo debate sobre las escuelas.",
}


def _justext_lists() -> dict[str, frozenset[str]]:
    # As jusText's classifier sees a list: get_stoplist's words, lower-cased again.
    return {
        name: frozenset(w.lower() for w in justext.get_stoplist(name))
        for name in sorted(justext.get_stoplists())
    }


def test_each_language_list_is_justexts():
    names = stopwords._index()[0]
    lists = _justext_lists()
    assert names == sorted(lists)
    for lang_id, name in enumerate(names):
        assert stopwords._stoplist(lang_id) == lists[name], name


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_list_covering_most_words_is_chosen(language):
    words = [w.lower() for w in stopwords.WORD_RE.findall(TEXTS[language])]
    lists = _justext_lists()
    counted = Counter(words)
    cover = {name: sum(n for w, n in counted.items() if w in s) for name, s in lists.items()}
    best = max(cover.values())
    chosen = stopwords.document_stoplist(words)
    assert cover[next(n for n, s in lists.items() if s == chosen)] == best
    assert chosen == lists[language] or cover[language] == best


def test_no_listed_word_gives_english():
    assert stopwords.document_stoplist(["zzqx", "qqqv"]) == stopwords.english_stoplist()
    assert stopwords.document_stoplist([]) == stopwords.english_stoplist()
