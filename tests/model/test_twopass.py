"""`TwoPassClassifier` against scikit-learn's own estimator checks."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.utils.estimator_checks import parametrize_with_checks

from cleaner.features import LineFeaturizer
from cleaner.model.twopass import TwoPassClassifier, revise_features

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
    [TwoPassClassifier(), TwoPassClassifier(revise=False)],
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
    assert clf.pass1_.coef_.shape[1] == 53
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
        reference = clf.pass1_.predict_proba(clf._pass1_input(*clf._split(rows)))[:, 1]
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
