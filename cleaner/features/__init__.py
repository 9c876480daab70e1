"""Per-line feature families; each is a small transformer over documents."""

from cleaner.features.context import ContextFeatures
from cleaner.features.lexical import LexicalFeatures
from cleaner.features.repetition import RepetitionFeatures
from cleaner.features.text import TextStats
from cleaner.features.trafilatura_rules import TrafilaturaRules

#: Bumped whenever a feature changes meaning; a model records the version it
#: was trained with and refuses to run with another.
FEATURE_VERSION = 2

__all__ = [
    "FEATURE_VERSION",
    "ContextFeatures",
    "LexicalFeatures",
    "RepetitionFeatures",
    "TextStats",
    "TrafilaturaRules",
]
