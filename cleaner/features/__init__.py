"""Per-line feature families; each is a small transformer over documents.

`LineFeaturizer` puts them together: dense families first, then hashed
n-grams, one row per line.
"""

from cleaner.features.analysis import MAX_FEATURE_CHARS, PageAnalysis, analyse
from cleaner.features.context import ContextFeatures
from cleaner.features.featurizer import LineFeaturizer
from cleaner.features.heuristics import TrafilaturaRules
from cleaner.features.lexical import LexicalFeatures
from cleaner.features.repetition import RepetitionFeatures
from cleaner.features.text import TextStats

#: Bumped whenever a feature changes meaning; a model records the version it
#: was trained with and refuses to run with another.
FEATURE_VERSION = 4

__all__ = [
    "FEATURE_VERSION",
    "MAX_FEATURE_CHARS",
    "ContextFeatures",
    "LexicalFeatures",
    "LineFeaturizer",
    "PageAnalysis",
    "RepetitionFeatures",
    "TextStats",
    "TrafilaturaRules",
    "analyse",
]
