"""Shared fixtures: the seed page, its labels, the shipped model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "seeds" / "000_16f81fd0a8824d6f.txt"
SEED_LABELS = ROOT / "seeds" / "000_16f81fd0a8824d6f.tsv"
SHARED_DATA = Path(os.environ.get("CLEANER_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc():
    from cleaner.labelled import read_labelled

    return read_labelled(SEED_LABELS)


@pytest.fixture(scope="session")
def shipped():
    from cleaner.api import Cleaner

    return Cleaner.load()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"labelled corpora not found at {SHARED_DATA} (set CLEANER_DATA)")
    return SHARED_DATA
