"""The benchmarks read the out-of-fold scores of the shipped model's training,
never those another model's training left behind."""

import joblib
import numpy as np
import pytest

import cleaner.training.shipped as shipped
from cleaner.errors import ModelError
from cleaner.model_files import file_sha256


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "corpus_cache", lambda: tmp_path)
    return tmp_path


def write_oof(html: bool, value: float) -> None:
    joblib.dump({("wcxb", "p1"): np.array([value])}, shipped.oof_cache(html))


def ship(monkeypatch, content: bytes) -> str:
    """Make the model file of ``content`` the shipped one; its digest."""
    digest = file_sha256(content)
    monkeypatch.setattr(shipped, "shipped_digest", lambda: digest)
    return digest


def test_scores_of_the_shipped_models_training_are_read(cache, monkeypatch):
    write_oof(True, 0.25)
    write_oof(False, 0.75)
    model = ship(monkeypatch, b"model one")
    shipped._own_oof(model, (True, True), None)
    assert shipped.shipped_oof(html=True)[("wcxb", "p1")].tolist() == [0.25]
    assert shipped.shipped_oof()[("wcxb", "p1")].tolist() == [0.75]


def test_scores_another_models_training_left_are_refused(cache, monkeypatch):
    write_oof(True, 0.25)
    shipped._own_oof(ship(monkeypatch, b"model one"), (True, True), None)
    ship(monkeypatch, b"model two")  # shipped since, without its scores
    with pytest.raises(ModelError, match="another model"):
        shipped.shipped_oof(html=True)


def test_missing_scores_say_to_run_make_model(cache):
    with pytest.raises(ModelError, match="make model"):
        shipped.shipped_oof()


def test_retraining_one_model_keeps_the_others_scores(cache, monkeypatch):
    write_oof(True, 0.25)
    write_oof(False, 0.75)
    previous = ship(monkeypatch, b"model one")
    shipped._own_oof(previous, (True, True), None)
    write_oof(True, 0.5)  # --html-only: new HTML scores, the text model carried over
    shipped._own_oof(ship(monkeypatch, b"model two"), (True, False), previous)
    assert shipped.shipped_oof(html=True)[("wcxb", "p1")].tolist() == [0.5]
    assert shipped.shipped_oof()[("wcxb", "p1")].tolist() == [0.75]
    # Scores that belonged to neither the previous nor the new model stay refused.
    shipped._oof_owner(False).write_text("0" * 64)
    shipped._own_oof(ship(monkeypatch, b"model three"), (True, False), previous)
    with pytest.raises(ModelError, match="another model"):
        shipped.shipped_oof()
