import pickle
import warnings

import joblib
import pytest

from cleaner.errors import ModelError
from cleaner.model.bundle import (
    DIGEST_NAME,
    Bundle,
    ModelCard,
    default_model_path,
    load_bundle,
    save_bundle,
    write_digest,
)


def test_shipped_model_has_a_typed_card():
    bundle = load_bundle(default_model_path())
    card = bundle.card
    assert isinstance(card, ModelCard)
    assert card.name == "default"
    assert "scikit-learn" in card.libraries
    assert card.training["documents"] >= 1
    assert ModelCard.from_dict(card.to_dict()) == card
    assert default_model_path().stat().st_size < 25 * 1024 * 1024


def test_shipped_models_are_fit_as_make_model_fits_them():
    from cleaner.training.shipped import html_estimator, text_estimator

    bundle = load_bundle(default_model_path())
    assert bundle.html_model is not None
    for shipped, built in (
        (bundle.text_model, text_estimator()),
        (bundle.html_model, html_estimator()),
    ):
        assert shipped.get_params() == built.get_params()
        assert len(shipped.classifier_.pass1_) == len(shipped.classifier_.pass2_) == built.members


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match=r"not found.*retrain"):
        load_bundle(tmp_path / "none.joblib")


def test_corrupt_file(tmp_path):
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match=r"bad\.joblib: not a readable cleaner model"):
        load_bundle(bad, trusted=True)


def test_wrong_content(tmp_path):
    other = tmp_path / "other.joblib"
    joblib.dump({"format": 2, "text_model": "text"}, other)
    with pytest.raises(ModelError, match="no line labeller"):
        load_bundle(other, trusted=True)
    (tmp_path / "list.pkl").write_bytes(pickle.dumps([1, 2]))
    with pytest.raises(ModelError, match="bundle of format"):
        load_bundle(tmp_path / "list.pkl", trusted=True)


def test_incompatible_feature_version_and_library_warning(tmp_path):
    import dataclasses

    bundle = load_bundle(default_model_path())
    old = Bundle(bundle.text_model, dataclasses.replace(bundle.card, feature_version=-1))
    save_bundle(old, tmp_path / "old.joblib")
    with pytest.raises(ModelError, match="feature version -1"):
        load_bundle(tmp_path / "old.joblib", trusted=True)
    libs = {**bundle.card.libraries, "scikit-learn": "0.0.1"}
    card = dataclasses.replace(bundle.card, libraries=libs)
    save_bundle(Bundle(bundle.text_model, card), tmp_path / "v.joblib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_bundle(tmp_path / "v.joblib", trusted=True)
    assert any("scikit-learn 0.0.1" in str(w.message) for w in caught)


def test_shipped_model_matches_its_recorded_digest():
    from cleaner.model.bundle import file_sha256, shipped_digest

    digest_file = default_model_path().with_name(DIGEST_NAME)
    assert digest_file.is_file()  # a data file, not generated source
    assert file_sha256(default_model_path().read_bytes()) == shipped_digest()


def test_write_digest_writes_a_data_file_beside_the_model(tmp_path):
    from cleaner.model.bundle import file_sha256

    model = tmp_path / "default.joblib"
    model.write_bytes(b"model bytes")
    digest = write_digest(model)
    assert digest == tmp_path / DIGEST_NAME
    assert digest.read_text().split()[0] == file_sha256(b"model bytes")


def test_other_model_files_need_the_trust_step(tmp_path):
    marker = tmp_path / "ran"

    class Payload:  # what a malicious pickle does: run code on load
        def __reduce__(self):
            return (open, (str(marker), "w"))

    evil = tmp_path / "evil.joblib"
    joblib.dump({"format": 2, "text_model": Payload()}, evil)
    with pytest.raises(ModelError, match=r"not the shipped model.*trusted=True"):
        load_bundle(evil)
    assert not marker.exists()  # refused before unpickling
    tampered = tmp_path / "tampered.joblib"
    data = bytearray(default_model_path().read_bytes())
    data[-1] ^= 1
    tampered.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256 differs"):
        load_bundle(tampered)
    copy = tmp_path / "copy.joblib"
    copy.write_bytes(default_model_path().read_bytes())
    assert load_bundle(copy).card.name == "default"  # same bytes: the shipped model
