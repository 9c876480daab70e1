import pickle
import warnings

import joblib
import pytest

from cleaner.api import default_model_path
from cleaner.bundle import Bundle, load_bundle, save_bundle
from cleaner.errors import ModelError


def test_shipped_model_has_a_card():
    bundle = load_bundle(default_model_path())
    card = bundle.card
    assert card["name"] == "default"
    assert "scikit-learn" in card["libraries"]
    assert card["training"]["documents"] >= 1
    assert default_model_path().stat().st_size < 25 * 1024 * 1024


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match=r"not found.*retrain"):
        load_bundle(tmp_path / "none.joblib")


def test_corrupt_file(tmp_path):
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match=r"bad\.joblib: not a readable cleaner model"):
        load_bundle(bad)


def test_wrong_content(tmp_path):
    other = tmp_path / "other.joblib"
    joblib.dump({"format": 1, "model": "text"}, other)
    with pytest.raises(ModelError, match="no line labeller"):
        load_bundle(other)
    (tmp_path / "list.pkl").write_bytes(pickle.dumps([1, 2]))
    with pytest.raises(ModelError, match="bundle of format"):
        load_bundle(tmp_path / "list.pkl")


def test_incompatible_feature_version_and_library_warning(tmp_path):
    bundle = load_bundle(default_model_path())
    old = Bundle(bundle.model, {**bundle.card, "feature_version": -1})
    save_bundle(old, tmp_path / "old.joblib")
    with pytest.raises(ModelError, match="feature version -1"):
        load_bundle(tmp_path / "old.joblib")
    libs = {**bundle.card["libraries"], "scikit-learn": "0.0.1"}
    save_bundle(Bundle(bundle.model, {**bundle.card, "libraries": libs}), tmp_path / "v.joblib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_bundle(tmp_path / "v.joblib")
    assert any("scikit-learn 0.0.1" in str(w.message) for w in caught)
