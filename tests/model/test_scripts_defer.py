"""An HTML model defers to trafilatura on pages whose article is in scripts it never saw."""

import dataclasses

import numpy as np
import pytest

from cleaner.document import Document, Label
from cleaner.features.scripts import mostly_known
from cleaner.labelled import parse_labelled
from cleaner.model import LineLabeller
from cleaner.model.labeller import MIN_KNOWN_SHARE
from cleaner.pages.render import html_document

ENGLISH = (
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Rain returns to the valley</h1>"
    "<p>After a dry month the rain came back on Sunday, and farmers were glad of it.</p>"
    "<p>The river rose by a metre overnight, the water board said in a statement.</p></article>"
    "<footer>Copyright 2024 The Valley Times</footer>"
)
CHINESE = (
    "<nav><a href='/'>新闻主页</a> <a href='/world'>国际</a> <a href='/sport'>体育</a></nav>"
    "<article><h1>山谷再次下雨</h1>"
    "<p>经过一个月的干旱，星期天终于下雨了，农民们都很高兴。</p>"
    "<p>水务局在声明中说，河水一夜之间上涨了一米。</p></article>"
    "<footer>版权所有 2024 山谷时报</footer>"
)


def _marked(
    html: str, held: set[int], labels: bool = False, comments: frozenset[int] = frozenset()
) -> Document:
    """The page's lines, trafilatura's mark on lines ``held`` (and as labels),
    of which ``comments`` only its comments hold."""
    doc = html_document(html)
    lines = []
    for i, line in enumerate(doc.lines):
        assert line.context is not None
        context = line.context._replace(
            in_trafilatura=float(i in held), in_comments=float(i in comments)
        )
        label = (Label.ARTICLE if i in held else Label.CHROME) if labels else None
        lines.append(dataclasses.replace(line, context=context, label=label))
    return Document(tuple(lines))


@pytest.fixture(scope="module")
def model():
    english = _marked(ENGLISH, {1, 2, 3}, labels=True)
    return LineLabeller(html=True, revise=False).fit([english] * 4)


def _scores(model, doc):
    return model.predict_scores([doc])[0]


def test_the_model_knows_the_scripts_of_its_training_letters(model):
    assert model.known_scripts == frozenset({"Latin"})
    russian = parse_labelled("article\tДождь вернулся в долину в воскресенье.\nchrome\tЕщё")
    assert LineLabeller(revise=False).fit([russian] * 2).known_scripts == {"Cyrillic"}


def test_a_page_in_an_unknown_script_scores_as_trafilatura_marks_it(model):
    chinese = _marked(CHINESE, {1, 2, 3})
    assert len(chinese) == 5
    mark = [line.context.in_trafilatura for line in chinese]
    assert _scores(model, chinese).tolist() == mark
    # without the deferral the model's own scores are not the mark
    X = model.featurize([chinese])
    own = model.second_pass(model.first_pass(X), X, [len(chinese)])
    assert own.tolist() != mark


def test_lines_only_trafilaturas_comments_hold_are_chrome_on_such_a_page(model):
    # The footer stands for a reader's comment: trafilatura's comments hold it.
    chinese = _marked(CHINESE, {1, 2, 3, 4}, comments=frozenset({4}))
    assert chinese.lines[4].context.in_trafilatura == 1.0
    assert _scores(model, chinese).tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
    # comments alone are no article text: the model's own scores stay
    only_comments = _marked(CHINESE, {4}, comments=frozenset({4}))
    X = model.featurize([only_comments])
    own = model.second_pass(model.first_pass(X), X, [len(only_comments)])
    assert np.array_equal(_scores(model, only_comments), own)


def test_pages_in_known_scripts_keep_the_model_scores(model):
    english = _marked(ENGLISH, {1, 2, 3})
    X = model.featurize([english])
    own = model.second_pass(model.first_pass(X), X, [len(english)])
    assert np.array_equal(_scores(model, english), own)
    assert set(_scores(model, english).tolist()) - {0.0, 1.0}


def test_no_deferral_without_a_verdict_or_without_recorded_letters(model):
    unmarked = _marked(CHINESE, set())
    X = model.featurize([unmarked])
    own = model.second_pass(model.first_pass(X), X, [len(unmarked)])
    assert np.array_equal(_scores(model, unmarked), own)  # trafilatura extracted nothing
    chinese = _marked(CHINESE, {1, 2, 3})
    old = LineLabeller(html=True, revise=False).fit([_marked(ENGLISH, {1, 2, 3}, True)] * 4)
    del old.featurizer_.script_letters_  # a model saved before letters were counted
    assert old.known_scripts == frozenset()
    X = old.featurizer_.transform([chinese])
    assert np.array_equal(_scores(old, chinese), old.second_pass(old.first_pass(X), X, [5]))


def test_text_models_never_defer(seed_doc):
    model = LineLabeller(revise=False).fit([seed_doc])
    doc = Document.from_text("经过一个月的干旱，星期天终于下雨了。\n新闻主页")
    X = model.featurize([doc])
    assert np.array_equal(_scores(model, doc), model.second_pass(model.first_pass(X), X, [2]))


def test_the_articles_script_decides_not_the_furniture_around_it(model):
    # A Chinese story inside English menus and markup left in the text: the
    # page's letters are mostly Latin, the story's are not.
    furniture = "".join(
        f"<p><a href='/s{i}'>Subscribe to our weekly newsletter number {i}</a></p>"
        for i in range(8)
    )
    html = CHINESE.replace("<footer>", furniture + "<footer>")
    chinese = _marked(html, {1, 2, 3})
    assert all(chinese.lines[i].text in CHINESE for i in (1, 2, 3))
    letters = "\n".join(chinese.texts)
    assert mostly_known(letters, model.known_scripts, MIN_KNOWN_SHARE)
    mark = [line.context.in_trafilatura for line in chinese]
    assert _scores(model, chinese).tolist() == mark
    X = model.featurize([chinese])
    assert model.second_pass(model.first_pass(X), X, [len(chinese)]).tolist() != mark


def test_an_english_story_on_a_page_of_another_script_keeps_the_model_scores(model):
    # Chinese menus around an English story: the story is in a known script.
    html = ENGLISH.replace(
        "<nav>",
        "<nav>" + "".join(f"<a href='/c{i}'>新闻主页国际体育版权所有</a>" for i in range(30)),
    )
    english = _marked(
        html,
        {
            i
            for i, line in enumerate(html_document(html).lines)
            if line.text.startswith(("Rain", "After", "The river"))
        },
    )
    assert not mostly_known("\n".join(english.texts), model.known_scripts, MIN_KNOWN_SHARE)
    X = model.featurize([english])
    own = model.second_pass(model.first_pass(X), X, [len(english)])
    assert np.array_equal(_scores(model, english), own)
    assert own.tolist() != [line.context.in_trafilatura for line in english]
