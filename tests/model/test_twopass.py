"""`TwoPassClassifier` against scikit-learn's own estimator checks."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.utils.estimator_checks import parametrize_with_checks

from cleaner.features import LineFeaturizer
from cleaner.model.twopass import TwoPassClassifier, indent_share, revise_features

#: Pass 1 is fit by SGD, which visits rows in a shuffled order: a weight of 2
#: is not the same fit as two copies of a row.
SGD_ORDER = "SGD visits rows in a shuffled order: a weight of 2 is not two copies of a row"
#: Checks that assume rows are independent samples. Ours are the lines of a
#: document, in order: pass 2 revises a line's score from its neighbours'.
NEIGHBOURS_MATTER = "pass 2 scores a row from the rows around it (the lines of one document)"


def _expected(estimator):
    expected = {
        "check_sample_weight_equivalence_on_dense_data": SGD_ORDER,
        "check_sample_weight_equivalence_on_sparse_data": SGD_ORDER,
    }
    if estimator.revise:
        expected["check_methods_subset_invariance"] = NEIGHBOURS_MATTER
        expected["check_methods_sample_order_invariance"] = NEIGHBOURS_MATTER
    return expected


@parametrize_with_checks(
    [
        TwoPassClassifier(),
        TwoPassClassifier(revise=False),
        TwoPassClassifier(members=2),
        TwoPassClassifier(revisions=2),
    ],
    expected_failed_checks=_expected,
    xfail_strict=True,
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_dense_columns_are_scaled_and_the_rest_stays_sparse():
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(60, 3)) * 1000
    counts = sp.random(60, 50, density=0.1, random_state=0, format="csr")
    X = sp.hstack([sp.csr_matrix(dense), counts], format="csr")
    y = (dense[:, 0] > 0).astype(int)
    clf = TwoPassClassifier(dense_columns=3).fit(X, y, doc_lengths=[20, 20, 20])
    assert clf.scaler_.n_features_in_ == 3
    assert clf.pass1_[0].coef_.shape[1] == 53
    assert (clf.predict(X, doc_lengths=[20, 20, 20]) == y).mean() > 0.9


def test_pass_one_scores_are_the_sgd_classifiers_on_the_scaled_input():
    """`first_pass` works on X as it is; its scores are those the fitted SGD
    classifier gives on the input it was trained on (dense columns scaled and
    clipped, lexical columns as they are)."""
    rng = np.random.default_rng(1)
    dense = rng.normal(size=(80, 4)) * 50
    counts = sp.random(80, 30, density=0.2, random_state=1, format="csr")
    y = (dense[:, 1] + 40 * rng.normal(size=80) > 0).astype(int)
    X = sp.hstack([sp.csr_matrix(dense), counts], format="csr")
    clf = TwoPassClassifier(dense_columns=4, alpha=0.01).fit(X, y, doc_lengths=[40, 40])
    # Rows at the mean, two of them 20 standard deviations out: clipped to 5.
    far = np.tile(clf.scaler_.mean_, (3, 1))
    far[0, 1] += 20 * clf.scaler_.scale_[1]
    far[1, 1] -= 20 * clf.scaler_.scale_[1]
    far = sp.hstack([sp.csr_matrix(far), counts[:3]], format="csr")
    for rows in (X, far, far.toarray()):
        reference = clf.pass1_[0].predict_proba(clf._pass1_input(*clf._split(rows)))[:, 1]
        np.testing.assert_allclose(clf.first_pass(rows), reference, rtol=0, atol=1e-12)


def test_doc_lengths_must_cover_the_rows():
    X = np.arange(20, dtype=float).reshape(10, 2)
    y = np.array([0, 1] * 5)
    with pytest.raises(ValueError, match="doc_lengths"):
        TwoPassClassifier().fit(X, y, doc_lengths=[4, 4])


def test_out_of_range_threshold_raises_value_error():
    X = np.arange(20, dtype=float).reshape(10, 2)
    with pytest.raises(ValueError, match="threshold"):
        TwoPassClassifier(threshold=2.0).fit(X, np.array([0, 1] * 5))


def test_revise_features_see_neighbours():
    scores = np.array([0.1, 0.9, 0.2])
    X = revise_features(scores, [3], np.zeros((3, 0)))
    assert X[1, 0] == 0.9
    assert X[1, 3] == 0.1  # offset -1
    assert X[1, 4] == 0.2  # offset +1
    assert X[0, 3] == -1.0  # no line before the first


def test_featurizer_is_an_estimator(seed_doc):
    from sklearn.base import clone

    featurizer = LineFeaturizer()
    assert clone(featurizer).get_params() == {"html": False}
    X = featurizer.fit([seed_doc]).transform([seed_doc])
    assert X.shape[0] == len(seed_doc)
    assert np.asarray(X[:, : featurizer.n_dense_].sum(axis=0)).any()


def test_indent_share_is_the_share_of_article_looking_words_at_a_lines_indent():
    # Two paragraphs of the story at indent 4, a teaser list at indent 10,
    # a menu item at indent 0 that scores low.
    scores = np.array([0.1, 0.9, 0.8, 0.7, 0.7])
    words = np.array([1.0, 60.0, 50.0, 12.0, 12.0])
    indent = np.array([0.0, 4.0, 4.0, 10.0, 10.0])
    share = indent_share(scores, words, indent)
    story = (0.9 * 60 + 0.8 * 50) / (0.9 * 60 + 0.8 * 50 + 2 * 0.7 * 12)
    np.testing.assert_allclose(share, [0.0, story, story, 1 - story, 1 - story])
    # No line scores high: nothing to measure against.
    assert not indent_share(scores * 0.1, words, indent).any()


def test_layout_columns_add_a_pass_2_input_and_are_checked():
    dense = np.column_stack([np.log1p([3.0, 40.0, 9.0]), np.log1p([0.0, 2.0, 8.0])])
    scores = np.array([0.2, 0.9, 0.6])
    plain = revise_features(scores, [3], dense)
    laid_out = revise_features(scores, [3], dense, (0, 1))
    first = plain.shape[1] - dense.shape[1]  # the dense columns come last
    np.testing.assert_array_equal(laid_out[:, :first], plain[:, :first])
    np.testing.assert_allclose(laid_out[:, first], indent_share(scores, *np.expm1(dense.T)))
    np.testing.assert_array_equal(laid_out[:, first + 1 :], dense)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] > 0).astype(int)
    with pytest.raises(ValueError, match="layout_columns"):
        TwoPassClassifier(dense_columns=2, layout_columns=(0, 2)).fit(X, y, doc_lengths=[20, 20])


def test_a_text_model_revises_with_indents_and_an_html_model_does_not(seed_doc):
    from cleaner.model.labeller import LineLabeller

    text = LineLabeller(random_state=0).fit([seed_doc] * 6)
    names = list(text.featurizer_.get_feature_names_out())
    words, indent = text.classifier_.layout_columns
    assert (names[words], names[indent]) == ("textstats__log_words", "textstats__log_indent")
    assert LineLabeller(html=True)._classifier(text.featurizer_).layout_columns is None


def test_a_classifier_pickled_before_layout_columns_still_scores():
    import pickle

    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] > 0).astype(int)
    clf = TwoPassClassifier(dense_columns=3).fit(X, y, doc_lengths=[30, 30])
    state = clf.__getstate__()
    del state["layout_columns"]
    old = TwoPassClassifier.__new__(TwoPassClassifier)
    old.__setstate__(state)
    assert old.layout_columns is None
    np.testing.assert_array_equal(old.predict_proba(X, [30, 30]), clf.predict_proba(X, [30, 30]))
    assert pickle.loads(pickle.dumps(old)).get_params()["layout_columns"] is None


def _documents(seed: int) -> tuple[sp.csr_matrix, np.ndarray, list[int]]:
    """Rows of six documents: three dense columns, then sparse counts."""
    rng = np.random.default_rng(seed)
    dense = rng.normal(size=(120, 3))
    counts = sp.random(120, 40, density=0.1, random_state=seed, format="csr")
    y = (dense[:, 0] + 0.8 * rng.normal(size=120) > 0).astype(int)
    return sp.hstack([sp.csr_matrix(dense), counts], format="csr"), y, [20] * 6


@pytest.mark.parametrize("revise", [True, False])
def test_members_are_models_of_their_own_seeds_averaged(revise):
    from cleaner.model.twopass import MEMBER_SEED_STEP

    X, y, lengths = _documents(2)
    ensemble = TwoPassClassifier(dense_columns=3, random_state=4, members=3, revise=revise)
    ensemble.fit(X, y, doc_lengths=lengths)
    assert ensemble.member_seeds() == [4, 4 + MEMBER_SEED_STEP, 4 + 2 * MEMBER_SEED_STEP]
    singles = [
        TwoPassClassifier(dense_columns=3, random_state=seed, revise=revise).fit(
            X, y, doc_lengths=lengths
        )
        for seed in ensemble.member_seeds()
    ]
    first = ensemble.first_pass(X)
    assert first.shape == (X.shape[0], 3)
    for column, single in zip(first.T, singles, strict=True):
        np.testing.assert_allclose(column, single.first_pass(X), rtol=0, atol=1e-12)
    expected = np.mean([s.predict_proba(X, lengths)[:, 1] for s in singles], axis=0)
    np.testing.assert_allclose(ensemble.predict_proba(X, lengths)[:, 1], expected, atol=1e-12)
    # The members differ: the mean is not any one of them.
    assert not any(np.allclose(expected, s.predict_proba(X, lengths)[:, 1]) for s in singles)


def test_one_member_is_the_one_model_fit():
    X, y, lengths = _documents(3)
    one = TwoPassClassifier(dense_columns=3, random_state=7).fit(X, y, doc_lengths=lengths)
    assert one.first_pass(X).shape == (X.shape[0],)
    with pytest.raises(ValueError, match="2 columns of scores for 1 members"):
        one.second_pass(np.zeros((X.shape[0], 2)), X, lengths)


def test_a_classifier_pickled_before_members_still_scores():
    import pickle

    X, y, lengths = _documents(4)
    clf = TwoPassClassifier(dense_columns=3).fit(X, y, doc_lengths=lengths)
    state = clf.__getstate__()
    del state["members"], state["revisions"]
    state["pass1_"], state["pass2_"] = state["pass1_"][0], state["pass2_"][0][0]
    old = TwoPassClassifier.__new__(TwoPassClassifier)
    old.__setstate__(state)
    assert old.members == 1
    assert old.revisions == 1
    np.testing.assert_array_equal(old.predict_proba(X, lengths), clf.predict_proba(X, lengths))
    assert pickle.loads(pickle.dumps(old)).get_params()["members"] == 1


def test_a_second_revision_revises_the_first_ones_scores():
    X, y, lengths = _documents(5)
    once = TwoPassClassifier(dense_columns=3, random_state=2).fit(X, y, doc_lengths=lengths)
    twice = TwoPassClassifier(dense_columns=3, random_state=2, revisions=2).fit(
        X, y, doc_lengths=lengths
    )
    assert len(once.pass2_[0]) == 1 and len(twice.pass2_[0]) == 2
    first = twice.first_pass(X)
    np.testing.assert_array_equal(first, once.first_pass(X))
    dense = X[:, :3].toarray()
    # The first revision is the one-revision model's; the second revises its scores.
    revised = once.second_pass(first, X, lengths)
    np.testing.assert_array_equal(
        twice.pass2_[0][0].predict_proba(revise_features(first, lengths, dense))[:, 1], revised
    )
    expected = twice.pass2_[0][1].predict_proba(revise_features(revised, lengths, dense))[:, 1]
    np.testing.assert_allclose(twice.predict_proba(X, lengths)[:, 1], expected, atol=1e-12)
    assert not np.allclose(expected, revised)


def test_a_classifier_pickled_before_revisions_revises_once():
    import pickle

    X, y, lengths = _documents(6)
    clf = TwoPassClassifier(dense_columns=3, members=2).fit(X, y, doc_lengths=lengths)
    state = clf.__getstate__()
    del state["revisions"]
    state["pass2_"] = [revisers[0] for revisers in state["pass2_"]]
    old = TwoPassClassifier.__new__(TwoPassClassifier)
    old.__setstate__(state)
    assert old.revisions == 1
    np.testing.assert_array_equal(old.predict_proba(X, lengths), clf.predict_proba(X, lengths))
    assert pickle.loads(pickle.dumps(old)).get_params()["revisions"] == 1
