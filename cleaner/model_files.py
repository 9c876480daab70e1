"""Where the shipped model and its recorded digest live.

Apart from `cleaner.model` so that code that only names the model (a batch
run's manifest, its workers) imports no model library.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DEFAULT_MODEL_NAME = "default.joblib"
DIGEST_NAME = "default.sha256"


def default_model_path() -> Path:
    """The shipped model: package data when installed, ``models/`` in a checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (
        package_dir / "models" / DEFAULT_MODEL_NAME,
        package_dir.parent / "models" / DEFAULT_MODEL_NAME,
    ):
        if candidate.is_file():
            return candidate
    return package_dir.parent / "models" / DEFAULT_MODEL_NAME


def file_sha256(data: bytes) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def shipped_digest() -> str | None:
    """The shipped model's recorded SHA-256 (None when the digest file is missing)."""
    path = default_model_path().with_name(DIGEST_NAME)
    try:
        return path.read_text(encoding="ascii").split()[0]
    except (OSError, IndexError):
        return None
