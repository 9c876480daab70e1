"""The model: the two-pass estimator, the document-level labeller, the
site adapter, and the bundle that ships them with their card."""

from cleaner.model.bundle import Bundle, ModelCard, load_bundle, save_bundle
from cleaner.model.labeller import LineLabeller, Scorer
from cleaner.model.site import SiteAdapter, SiteMemory
from cleaner.model.twopass import TwoPassClassifier

__all__ = [
    "Bundle",
    "LineLabeller",
    "ModelCard",
    "Scorer",
    "SiteAdapter",
    "SiteMemory",
    "TwoPassClassifier",
    "load_bundle",
    "save_bundle",
]
