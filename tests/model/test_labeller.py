import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from cleaner.document import Document, Label
from cleaner.errors import CleanerError
from cleaner.model import LineLabeller
from cleaner.model.twopass import inner_splits


@pytest.fixture(scope="module")
def fitted(seed_doc):
    # Pass 2 learns from out-of-fold pass-1 scores, which one page of 91 lines
    # makes too noisy to judge it by; pass 1 alone must learn the page.
    return LineLabeller(revise=False).fit([seed_doc])


def test_params_and_clone():
    model = LineLabeller(alpha=1e-4, revise=False)
    assert model.get_params()["alpha"] == 1e-4
    assert clone(model).get_params() == model.get_params()


def test_fit_learns_the_seed(fitted, seed_doc):
    assert fitted.score([seed_doc]) >= 0.9


def test_scores_line_up_with_documents(fitted):
    docs = [Document.from_text("a\nb\nc"), Document.from_text(""), Document.from_text("x")]
    scores = fitted.predict_scores(docs)
    assert [len(s) for s in scores] == [3, 0, 1]
    assert all(((s >= 0) & (s <= 1)).all() for s in scores)


def test_second_pass_changes_scores(seed_doc):
    one = LineLabeller(revise=False).fit([seed_doc]).predict_scores([seed_doc])[0]
    two = LineLabeller(revise=True).fit([seed_doc]).predict_scores([seed_doc])[0]
    assert not np.allclose(one, two)


def test_training_needs_labels_of_both_kinds():
    doc = Document.from_text("only\nchrome").with_predictions([0.0, 0.0], 0.5)
    assert doc.labels == [Label.CHROME, Label.CHROME]
    with pytest.raises(CleanerError, match="both"):
        LineLabeller().fit([doc])
    with pytest.raises(CleanerError, match="label"):
        LineLabeller().fit([Document.from_text("unlabelled")])


def test_fit_uses_y_when_given(seed_doc):
    flipped = [0 if label is Label.ARTICLE else 1 for label in seed_doc.labels]
    own = LineLabeller(revise=False).fit([seed_doc]).predict([seed_doc])
    inverted = LineLabeller(revise=False).fit([seed_doc], flipped).predict([seed_doc])
    assert (own != inverted).mean() > 0.9
    with pytest.raises(CleanerError, match="labels for"):
        LineLabeller().fit([seed_doc], flipped[:-1])


def test_nothing_is_fitted_on_first_use(seed_doc):
    model = LineLabeller()
    with pytest.raises(NotFittedError):
        model.featurize([seed_doc])
    with pytest.raises(NotFittedError):
        model.predict_scores([seed_doc])


def test_refit_after_set_params_uses_the_new_families(seed_doc):
    model = LineLabeller(revise=False).fit([seed_doc])
    text_columns = model.featurizer_.n_dense_
    model.set_params(html=True).fit([seed_doc])
    assert model.featurizer_.html
    assert model.featurizer_.n_dense_ > text_columns


@pytest.mark.parametrize("params", [{"threshold": 1.5}, {"threshold": -0.1}, {"alpha": 0.0}])
def test_out_of_range_parameters_raise_value_error(seed_doc, params):
    with pytest.raises(ValueError, match=next(iter(params))):
        LineLabeller(**params).fit([seed_doc])


def test_training_is_reproducible(seed_doc):
    a = LineLabeller().fit([seed_doc]).predict_scores([seed_doc])[0]
    b = LineLabeller().fit([seed_doc]).predict_scores([seed_doc])[0]
    assert np.array_equal(a, b)


def test_second_pass_predicts_on_one_openmp_thread(seed_doc, monkeypatch):
    from threadpoolctl import threadpool_info, threadpool_limits

    model = LineLabeller().fit([seed_doc])
    predict = model.classifier_.pass2_[0][0].predict_proba
    seen: list[int] = []

    def spy(x):
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "openmp")
        return predict(x)

    monkeypatch.setattr(model.classifier_.pass2_[0][0], "predict_proba", spy)
    with threadpool_limits(limits=2, user_api="openmp"):
        model.predict_scores([seed_doc])
        outside = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "openmp"]
    assert seen and set(seen) == {1}
    assert set(outside) == {2}  # the limit is lifted after the call


def test_inner_folds_hold_out_whole_pages():
    lengths = [3, 4, 2, 5, 3, 4, 2, 5, 1, 1, 2, 2]
    pages = [f"page{i // 2}" for i in range(len(lengths))]  # two renderings a page
    line_page = np.repeat(pages, lengths)
    splits = inner_splits(lengths, pages)
    assert len(splits) == 5
    for train, test in splits:
        assert not set(line_page[train]) & set(line_page[test])
    tested = np.sort(np.concatenate([test for _, test in splits]))
    assert tested.tolist() == list(range(sum(lengths)))
    # Without page names, each document is a page: renderings can be split.
    by_doc = inner_splits(lengths)
    assert any(set(line_page[tr]) & set(line_page[te]) for tr, te in by_doc)


def test_fit_with_pages_keeps_pass_one_and_checks_the_names(seed_doc):
    docs = [seed_doc] * 6
    plain = LineLabeller().fit(docs)
    paged = LineLabeller().fit(docs, pages=["a", "a", "b", "b", "c", "c"])
    assert np.allclose(plain.classifier_.pass1_[0].coef_, paged.classifier_.pass1_[0].coef_)
    with pytest.raises(CleanerError, match="page name"):
        LineLabeller().fit(docs, pages=["a"])


def test_site_folds_pass_each_training_fold_its_page_names(seed_doc, monkeypatch):
    from cleaner.training.fit import grouped_out_of_fold

    docs = [seed_doc] * 6
    sites = ["s1", "s1", "s2", "s2", "s3", "s3"]
    pages = ["p1", "p1", "p2", "p2", "p3", "p3"]
    seen: list[list[str]] = []
    fit_transformed = LineLabeller.fit_transformed

    def spy(self, featurizer, X, y, lengths, weights=None, fold_pages=None):
        seen.append(list(fold_pages))
        return fit_transformed(self, featurizer, X, y, lengths, weights, fold_pages)

    monkeypatch.setattr(LineLabeller, "fit_transformed", spy)
    scores = grouped_out_of_fold(LineLabeller(revise=False), docs, sites, 3, pages=pages)
    assert sorted(map(sorted, seen)) == [
        ["p1"] * 2 + ["p2"] * 2,
        ["p1"] * 2 + ["p3"] * 2,
        ["p2"] * 2 + ["p3"] * 2,
    ]
    assert [len(s) for s in scores] == [len(seed_doc)] * 6
