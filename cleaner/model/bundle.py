"""The model bundle: a text model, an HTML model and their `ModelCard`, in one file.

A bundle is a joblib file holding ``{"format": ..., "text_model": ...,
"html_model": ..., "card": {...}}``. Each model is a `LineLabeller` or a
`SiteAdapter` around one: both score lines with the same methods. The card
records the feature version, the library versions the models were trained
with, a summary of the training data and cross-validated metrics.

The shipped model's SHA-256 sits beside it in ``default.sha256``, written
by ``make model``.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import platform
import time
import warnings
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from cleaner.errors import RETRAIN_HINT, ModelError
from cleaner.features import FEATURE_VERSION
from cleaner.model.labeller import LineLabeller, Scorer
from cleaner.model.site import SiteAdapter
from cleaner.model_files import (  # noqa: F401 (re-exported)
    DEFAULT_MODEL_NAME,
    DIGEST_NAME,
    default_model_path,
    file_sha256,
    shipped_digest,
)

logger = logging.getLogger(__name__)

#: Bumped when the bundle's layout changes.
BUNDLE_FORMAT = 2
#: Libraries whose versions a model card records and a load compares.
TRACKED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "trafilatura", "justext")
TRUST_HINT = (
    "a model file is a pickle and loading it runs code stored in it; if you made this "
    "file or trust where it came from, load it with trusted=True (CLI: --trust-model)"
)


def library_versions() -> dict[str, str]:
    """Versions of Python and the tracked libraries installed now."""
    versions = {"python": platform.python_version()}
    for name in TRACKED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


@dataclass(frozen=True)
class ModelCard:
    """What a model is: its name, when and with what it was trained, how well it does.

    ``training`` summarises the training data; ``metrics`` holds the
    cross-validated scores, by name.
    """

    name: str = "model"
    created: str = field(default_factory=lambda: time.strftime("%Y-%m-%d"))
    feature_version: int = FEATURE_VERSION
    libraries: dict[str, str] = field(default_factory=library_versions)
    training: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The card as plain data (what the bundle file stores)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelCard:
        """A card from plain data; unknown keys are ignored, missing ones defaulted."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Bundle:
    """The models of one model file and their card.

    ``text_model`` labels lines of text; ``html_model`` labels lines
    rendered from HTML with their DOM context (None: HTML pages are rendered
    and labelled by the text model).
    """

    text_model: Scorer
    card: ModelCard
    html_model: Scorer | None = None

    @property
    def model_id(self) -> str:
        """A short name for the model: its name and creation date."""
        return f"{self.card.name}@{self.card.created}"

    @property
    def adapted(self) -> bool:
        """True when the models are adapted to one site."""
        return isinstance(self.text_model, SiteAdapter)


def write_digest(model_path: Path) -> Path:
    """Record ``model_path``'s SHA-256 beside it, as the shipped model's digest."""
    digest = file_sha256(model_path.read_bytes())
    out = model_path.with_name(DIGEST_NAME)
    out.write_text(f"{digest}  {model_path.name}\n", encoding="ascii")
    return out


def save_bundle(bundle: Bundle, path: str | Path) -> None:
    """Write ``bundle`` to ``path`` (joblib, zlib-compressed: it loads fast)."""
    import joblib

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(
        {
            "format": BUNDLE_FORMAT,
            "text_model": bundle.text_model,
            "html_model": bundle.html_model,
            "card": bundle.card.to_dict(),
        },
        path,
        compress=3,
    )


def _is_model(obj: object) -> bool:
    return isinstance(obj, (LineLabeller, SiteAdapter))


def load_bundle(path: str | Path, trusted: bool = False) -> Bundle:
    """Load a bundle, with one clear `ModelError` for every way it can fail.

    A file whose SHA-256 is the shipped model's loads as is. Any other file
    is unpickled only when ``trusted`` is True: unpickling runs code.
    """
    import joblib

    started = time.perf_counter()
    p = Path(path)
    if not p.is_file():
        raise ModelError(f"{path}: model file not found; {RETRAIN_HINT}")
    raw = p.read_bytes()  # hashed and loaded from the same bytes
    if not trusted and file_sha256(raw) != shipped_digest():
        raise ModelError(f"{path}: not the shipped model (SHA-256 differs); {TRUST_HINT}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = joblib.load(io.BytesIO(raw))
    except Exception as exc:
        raise ModelError(
            f"{path}: not a readable cleaner model ({type(exc).__name__}); {RETRAIN_HINT}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise ModelError(
            f"{path}: not a cleaner model bundle of format {BUNDLE_FORMAT}; {RETRAIN_HINT}"
        )
    text_model, html_model = data.get("text_model"), data.get("html_model")
    if text_model is None or not _is_model(text_model):
        raise ModelError(f"{path}: bundle holds no line labeller; {RETRAIN_HINT}")
    if html_model is not None and not _is_model(html_model):
        raise ModelError(f"{path}: bundle's HTML model is not readable; {RETRAIN_HINT}")
    raw_card = data.get("card")
    card = ModelCard.from_dict(raw_card if isinstance(raw_card, dict) else {})
    if card.feature_version != FEATURE_VERSION:
        raise ModelError(
            f"{path}: trained with feature version {card.feature_version}, "
            f"this cleaner uses {FEATURE_VERSION}; {RETRAIN_HINT}"
        )
    trained = card.libraries.get("scikit-learn")
    current = library_versions()["scikit-learn"]
    if trained != current:
        warnings.warn(
            f"{path}: trained with scikit-learn {trained}, running {current}; "
            f"if results look wrong, {RETRAIN_HINT}",
            stacklevel=2,
        )
    logger.info("loaded model %s from %s in %.2f s", card.name, path, time.perf_counter() - started)
    return Bundle(text_model, card, html_model)
